//! Parsing, an iterative walk over the syntax tree, and small helpers over nodes.

use rakscan_core::ExtractError;
use rakscan_syntax::{FieldLookup, KindName};
use tree_sitter::{Node, Tree};

/// Parses Ruby source with a parser kept per thread.
pub fn parse(source: &str) -> Result<Tree, ExtractError> {
    rakscan_syntax::parse("ruby", || tree_sitter_ruby::LANGUAGE.into(), source)
}

pub use rakscan_syntax::{Step, walk_kinds};

pub use rakscan_syntax::text;

/// The named children of a node that are not comments.
pub fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    rakscan_syntax::named_children_except(node, &["comment"])
}

/// The last statement of a method or block body (the value it returns), skipping comments.
pub fn last_statement(body: Node<'_>) -> Option<Node<'_>> {
    match body.kind_name() {
        "body_statement" | "begin" | "parenthesized_statements" | "block_body" => {
            named_children(body).into_iter().rev().find(|c| {
                !matches!(
                    c.kind_name(),
                    "rescue" | "ensure" | "else" | "empty_statement"
                )
            })
        }
        _ => Some(body),
    }
}

/// The value of a literal string without interpolation (`'a'`, `"a"`, `:a`, `%w` word,
/// `a:` hash key), or `None` for anything else.
pub fn literal_string(node: Node<'_>, source: &str) -> Option<String> {
    match node.kind_name() {
        "string" | "bare_string" | "bare_symbol" | "delimited_symbol" => {
            let mut out = String::new();
            for child in named_children(node) {
                match child.kind_name() {
                    "string_content" => out.push_str(text(child, source)),
                    "escape_sequence" => out.push_str(text(child, source)),
                    _ => return None,
                }
            }
            Some(out)
        }
        "simple_symbol" => Some(text(node, source).trim_start_matches(':').to_owned()),
        "hash_key_symbol" => Some(text(node, source).to_owned()),
        _ => None,
    }
}

/// The method name of a `call` node (`create` in `Stripe::Customer.create(...)`).
pub fn method_name<'s>(call: Node<'_>, source: &'s str) -> Option<&'s str> {
    call.field("method").map(|m| text(m, source))
}

/// The call written without its arguments and blocks, whitespace collapsed
/// (`Stripe::Invoice.create(...).pay` → `Stripe::Invoice.create.pay`).
pub fn display(node: Node<'_>, source: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current = Some(node);
    while let Some(n) = current {
        if n.kind_name() == "call" {
            let method = method_name(n, source).unwrap_or("");
            let operator = n.field("operator").map(|o| text(o, source)).unwrap_or(".");
            match n.field("receiver") {
                Some(receiver) => {
                    parts.push(format!("{operator}{method}"));
                    current = Some(receiver);
                }
                None => {
                    parts.push(method.to_owned());
                    current = None;
                }
            }
        } else {
            let collapsed: Vec<&str> = text(n, source).split_whitespace().collect();
            let mut s = collapsed.join(" ");
            if s.len() > 80 {
                let cut = (0..=80).rev().find(|i| s.is_char_boundary(*i)).unwrap_or(0);
                s.truncate(cut);
                s.push('…');
            }
            parts.push(s);
            current = None;
        }
    }
    parts.reverse();
    parts.concat()
}
