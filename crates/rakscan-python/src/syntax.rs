//! Small helpers over tree-sitter-python nodes: literals, names, call arguments.

use rakscan_syntax::{FieldLookup, KindName};
use tree_sitter::Node;

pub use rakscan_syntax::text;

/// The value of a plain string literal (no f-string interpolation), or of an implicit
/// concatenation of such literals.
pub fn literal_string(node: Node<'_>, source: &str) -> Option<String> {
    match node.kind_name() {
        "string" => {
            let mut out = String::new();
            let mut cursor = node.walk();
            for child in node.children(&mut cursor) {
                match child.kind_name() {
                    "string_content" => out.push_str(text(child, source)),
                    "interpolation" => return None,
                    _ => {}
                }
            }
            Some(out)
        }
        "concatenated_string" => {
            let mut out = String::new();
            let mut cursor = node.walk();
            for child in node.named_children(&mut cursor) {
                out.push_str(&literal_string(child, source)?);
            }
            Some(out)
        }
        "parenthesized_expression" => node.named_child(0).and_then(|n| literal_string(n, source)),
        _ => None,
    }
}

/// The strings of a list or tuple literal whose items are all plain strings.
pub fn literal_string_list(node: Node<'_>, source: &str) -> Option<Vec<String>> {
    if !matches!(node.kind_name(), "list" | "tuple") {
        return None;
    }
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|c| c.kind_name() != "comment")
        .map(|c| literal_string(c, source))
        .collect()
}

/// The call as written, for display: whitespace removed and argument lists collapsed to `()`
/// (`stripe.Customer.list(limit=3).auto_paging_iter`).
pub fn callee_display(callee: Node<'_>, source: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text(callee, source).chars() {
        match c {
            '(' | '[' => {
                if depth == 0 {
                    out.push(c);
                }
                depth += 1;
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.push(c);
                }
            }
            _ if depth > 0 || c.is_whitespace() || c == '\\' => {}
            _ => out.push(c),
        }
    }
    if out.chars().count() > 120 {
        out = out.chars().take(117).collect::<String>() + "...";
    }
    out
}

/// What a call's arguments say about the request.
#[derive(Debug, Default)]
pub struct CallArguments {
    /// Positional arguments, plus an `id=` keyword.
    pub positional: usize,
    /// Literal `expand` paths, from `expand=[...]` or a `{"expand": [...]}` params dict.
    pub expand: Vec<String>,
    /// A `stripe_account` option or key is present.
    pub connect: bool,
    /// The first two positional arguments, when they are string literals (raw requests).
    pub literal_heads: Vec<Option<String>>,
}

/// Reads a call's `argument_list`.
pub fn call_arguments(arguments: Option<Node<'_>>, source: &str) -> CallArguments {
    let mut out = CallArguments::default();
    let Some(arguments) = arguments else {
        return out;
    };
    let mut cursor = arguments.walk();
    for arg in arguments.named_children(&mut cursor) {
        match arg.kind_name() {
            "keyword_argument" => {
                let name = arg.field("name").map(|n| text(n, source)).unwrap_or("");
                let value = arg.field("value");
                match name {
                    "expand" => {
                        if let Some(list) = value.and_then(|v| literal_string_list(v, source)) {
                            out.expand.extend(list);
                        }
                    }
                    "stripe_account" => out.connect = true,
                    "id" => out.positional += 1,
                    _ => {
                        if let Some(v) = value {
                            read_dict(v, source, &mut out);
                        }
                    }
                }
            }
            "comment" | "list_splat" | "dictionary_splat" => {}
            _ => {
                if out.literal_heads.len() < 2 {
                    out.literal_heads.push(literal_string(arg, source));
                }
                out.positional += 1;
                read_dict(arg, source, &mut out);
            }
        }
    }
    out
}

/// Reads `expand` and `stripe_account` keys of a dict literal (client-style params/options).
fn read_dict(node: Node<'_>, source: &str, out: &mut CallArguments) {
    if node.kind_name() != "dictionary" {
        return;
    }
    let mut cursor = node.walk();
    for pair in node.named_children(&mut cursor) {
        if pair.kind_name() != "pair" {
            continue;
        }
        let key = pair.field("key").and_then(|k| literal_string(k, source));
        let value = pair.field("value");
        match key.as_deref() {
            Some("expand") => {
                if let Some(list) = value.and_then(|v| literal_string_list(v, source)) {
                    out.expand.extend(list);
                }
            }
            Some("stripe_account") => out.connect = true,
            _ => {}
        }
    }
}
