//! Small helpers over tree-sitter nodes shared by the analysis passes.

pub(crate) use rakscan_syntax::text;
use rakscan_syntax::{FieldLookup, KindName};
use tree_sitter::Node;

/// The named children of a node, comments left out.
pub(crate) fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    rakscan_syntax::named_children_except(node, &["comment"])
}

/// The first named child of a node, comments left out (the first of [`named_children`],
/// without making the list).
pub(crate) fn first_named_child<'t>(node: Node<'t>) -> Option<Node<'t>> {
    (0..node.named_child_count())
        .filter_map(|i| node.named_child(i))
        .find(|c| c.kind_name() != "comment")
}

/// The last named child of a node, comments left out (the last of [`named_children`],
/// without making the list).
pub(crate) fn last_named_child<'t>(node: Node<'t>) -> Option<Node<'t>> {
    (0..node.named_child_count())
        .rev()
        .filter_map(|i| node.named_child(i))
        .find(|c| c.kind_name() != "comment")
}

/// Whether a node has an anonymous child token spelled `token` (`default`, `get`, `readonly`).
pub(crate) fn has_token(node: Node<'_>, token: &str) -> bool {
    let mut cursor = node.walk();
    node.children(&mut cursor)
        .any(|c| !c.is_named() && c.kind_name() == token)
}

/// The value of a string literal, or of a template literal without substitutions.
pub(crate) fn string_value(node: Node<'_>, source: &str) -> Option<String> {
    match node.kind_name() {
        "string" => {
            let t = text(node, source);
            Some(t.get(1..t.len().saturating_sub(1)).unwrap_or("").to_owned())
        }
        "template_string" => {
            if named_children(node)
                .iter()
                .any(|c| c.kind_name() == "template_substitution")
            {
                None
            } else {
                let t = text(node, source);
                Some(t.get(1..t.len().saturating_sub(1)).unwrap_or("").to_owned())
            }
        }
        _ => None,
    }
}

/// A string or template literal with each `${…}` substitution replaced by `{}` (for paths).
pub(crate) fn template_value(node: Node<'_>, source: &str) -> Option<String> {
    if node.kind_name() != "template_string" {
        return string_value(node, source);
    }
    let mut out = String::new();
    let inner_start = node.start_byte() + 1;
    let inner_end = node.end_byte().saturating_sub(1);
    let mut at = inner_start;
    for child in named_children(node) {
        if child.kind_name() == "template_substitution" {
            out.push_str(source.get(at..child.start_byte()).unwrap_or(""));
            out.push_str("{}");
            at = child.end_byte();
        }
    }
    out.push_str(source.get(at..inner_end).unwrap_or(""));
    Some(out)
}

/// The name of a property node (`property_identifier`, `#private`, a string key).
pub(crate) fn property_name(node: Node<'_>, source: &str) -> Option<String> {
    match node.kind_name() {
        "property_identifier"
        | "identifier"
        | "shorthand_property_identifier"
        | "shorthand_property_identifier_pattern"
        | "type_identifier" => Some(text(node, source).to_owned()),
        "private_property_identifier" => {
            Some(text(node, source).trim_start_matches('#').to_owned())
        }
        "string" => string_value(node, source),
        _ => None,
    }
}

/// Strips wrappers that do not change a value: parentheses, `await`, `!`, `as T`,
/// `satisfies T` and `<T>x`.
pub(crate) fn unwrap_value(mut node: Node<'_>) -> Node<'_> {
    for _ in 0..64 {
        let inner = match node.kind_name() {
            "parenthesized_expression"
            | "await_expression"
            | "non_null_expression"
            | "as_expression"
            | "satisfies_expression" => first_named_child(node),
            "type_assertion" => last_named_child(node),
            _ => None,
        };
        match inner {
            Some(n) => node = n,
            None => break,
        }
    }
    node
}

/// The call as written without its arguments, whitespace collapsed (`stripe.customers.create`).
pub(crate) fn display(callee: Node<'_>, source: &str) -> String {
    const MAX: usize = 160;
    let mut out = String::new();
    let mut space = false;
    for c in text(callee, source).chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space
            && !out.is_empty()
            && !matches!(c, '.' | '?' | '!' | ')')
            && !out.ends_with(['.', '('])
        {
            out.push(' ');
        }
        space = false;
        out.push(c);
        if out.len() >= MAX {
            out.push('…');
            break;
        }
    }
    out
}

/// The object literals an expression may evaluate to: itself, or the branches of a
/// conditional (`acct ? { stripeAccount: acct } : undefined`, `opts || {}`), with a bounded
/// number of branches looked at.
pub(crate) fn object_branches(node: Node<'_>) -> Vec<Node<'_>> {
    let mut found = Vec::new();
    let mut stack = vec![node];
    let mut budget = 32;
    while let Some(n) = stack.pop() {
        if budget == 0 {
            break;
        }
        budget -= 1;
        let n = unwrap_value(n);
        match n.kind_name() {
            "object" => found.push(n),
            "ternary_expression" => stack.extend(
                ["alternative", "consequence"]
                    .iter()
                    .filter_map(|f| n.field(f)),
            ),
            "binary_expression"
                if n.field("operator")
                    .is_some_and(|o| matches!(o.kind_name(), "||" | "??" | "&&")) =>
            {
                stack.extend(["right", "left"].iter().filter_map(|f| n.field(f)))
            }
            _ => {}
        }
    }
    found
}
