//! Parsing, an iterative walk over the syntax tree, and small helpers over nodes.

use rakscan_core::ExtractError;
use rakscan_syntax::{FieldLookup, KindName};
use tree_sitter::{Node, Tree};

/// Parses C# source with a parser kept per thread.
pub fn parse(source: &str) -> Result<Tree, ExtractError> {
    rakscan_syntax::parse("csharp", || tree_sitter_c_sharp::LANGUAGE.into(), source)
}

pub use rakscan_syntax::{preorder, text};

/// The named children of a node that are not comments.
pub fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    rakscan_syntax::named_children_except(node, &["comment"])
}

/// The value of a string literal without interpolation (`"a"`, `@"a"`, `"""a"""`), or
/// `None` for anything else.
pub fn literal_string(node: Node<'_>, source: &str) -> Option<String> {
    match node.kind_name() {
        "string_literal" => {
            let mut out = String::new();
            for child in named_children(node) {
                match child.kind_name() {
                    "string_literal_content" | "escape_sequence" => {
                        out.push_str(text(child, source))
                    }
                    _ => return None,
                }
            }
            Some(out)
        }
        "verbatim_string_literal" => {
            let t = text(node, source);
            Some(
                t.strip_prefix("@\"")?
                    .strip_suffix('"')?
                    .replace("\"\"", "\""),
            )
        }
        "raw_string_literal" => {
            let t = text(node, source).trim_matches('"');
            Some(t.trim().to_owned())
        }
        _ => None,
    }
}

/// Strips wrappers that do not change which object an expression is
/// (`await x`, `(x)`, `x!`, `(T)x`, `x.ConfigureAwait(false)` is left to the caller).
pub fn unwrap_expression(mut node: Node<'_>) -> Node<'_> {
    for _ in 0..16 {
        let inner = match node.kind_name() {
            "await_expression" | "parenthesized_expression" => named_children(node).pop(),
            "postfix_unary_expression" if node.child(1).is_some_and(|c| c.kind_name() == "!") => {
                node.child(0)
            }
            "cast_expression" => node.field("value"),
            _ => None,
        };
        match inner {
            Some(n) => node = n,
            None => break,
        }
    }
    node
}

/// The call written without its arguments and initializers, whitespace collapsed
/// (`new CustomerService(client).CreateAsync`).
pub fn display(function: Node<'_>, source: &str) -> String {
    let mut out = String::new();
    let mut last = function.start_byte();
    preorder(function, |n| {
        if n.start_byte() < last {
            return;
        }
        let replacement = match n.kind_name() {
            "argument_list" => "()",
            "initializer_expression" => "",
            _ => return,
        };
        out.push_str(source.get(last..n.start_byte()).unwrap_or(""));
        out.push_str(replacement);
        last = n.end_byte();
    });
    out.push_str(source.get(last..function.end_byte()).unwrap_or(""));
    let mut s = out.split_whitespace().collect::<Vec<_>>().join(" ");
    s = s.replace(" .", ".").replace(". ", ".");
    if s.len() > 100 {
        let cut = (0..=100)
            .rev()
            .find(|i| s.is_char_boundary(*i))
            .unwrap_or(0);
        s.truncate(cut);
        s.push('…');
    }
    s
}
