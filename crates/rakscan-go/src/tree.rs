//! Parsing, an iterative walk over the syntax tree, and small helpers over Go nodes.

use rakscan_core::ExtractError;
use rakscan_syntax::{FieldLookup, KindName};
use tree_sitter::{Node, Tree};

/// Parses Go source with a parser kept per thread.
pub fn parse(source: &str) -> Result<Tree, ExtractError> {
    rakscan_syntax::parse("go", || tree_sitter_go::LANGUAGE.into(), source)
}

pub use rakscan_syntax::{text, walk_pruned};

/// The named children of a node that are not comments.
pub fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    rakscan_syntax::named_children_except(node, &["comment"])
}

/// Strips parentheses and a leading `&` or `*` (`&stripe.CustomerParams{…}` → the literal).
pub fn unwrap_expression(mut node: Node<'_>) -> Node<'_> {
    loop {
        match node.kind_name() {
            "parenthesized_expression" => match named_children(node).first() {
                Some(inner) => node = *inner,
                None => return node,
            },
            "unary_expression"
                if node
                    .field("operator")
                    .is_some_and(|o| matches!(o.kind_name(), "&" | "*")) =>
            {
                match node.field("operand") {
                    Some(inner) => node = inner,
                    None => return node,
                }
            }
            _ => return node,
        }
    }
}

/// The value of a string literal without escapes to interpret (`"a"`, `` `a` ``), or `None`.
pub fn string_literal(node: Node<'_>, source: &str) -> Option<String> {
    let raw = text(node, source);
    match node.kind_name() {
        "interpreted_string_literal" => {
            let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
            (!inner.contains('\\')).then(|| inner.to_owned())
        }
        "raw_string_literal" => Some(raw.strip_prefix('`')?.strip_suffix('`')?.to_owned()),
        _ => None,
    }
}

/// The arguments of a call expression.
pub fn arguments<'t>(call: Node<'t>) -> Vec<Node<'t>> {
    call.field("arguments")
        .map(named_children)
        .unwrap_or_default()
}

/// Links of a call chain shown at most; longer chains start with `…` (every call of a chain
/// thousands of links long would otherwise copy the whole chain).
const MAX_DISPLAY_PARTS: usize = 32;

/// The call's callee written with its inner argument lists emptied, whitespace removed
/// (`s.client(ctx).V1Customers.Create` → `s.client().V1Customers.Create`).
pub fn display(function: Node<'_>, source: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current = Some(function);
    while let Some(node) = current {
        if parts.len() == MAX_DISPLAY_PARTS {
            parts.push("…".to_owned());
            break;
        }
        match node.kind_name() {
            "selector_expression" => {
                let field = node.field("field").map(|f| text(f, source)).unwrap_or("");
                parts.push(format!(".{field}"));
                current = node.field("operand");
            }
            "call_expression" => {
                parts.push("()".to_owned());
                current = node.field("function");
            }
            "parenthesized_expression" => current = named_children(node).first().copied(),
            _ => {
                let mut shown: String = text(node, source).split_whitespace().collect();
                if shown.len() > 60 {
                    let cut = (0..=60)
                        .rev()
                        .find(|i| shown.is_char_boundary(*i))
                        .unwrap_or(0);
                    shown.truncate(cut);
                    shown.push('…');
                }
                parts.push(shown);
                current = None;
            }
        }
    }
    parts.reverse();
    parts.concat()
}
