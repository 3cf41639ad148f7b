//! Parsing, an iterative walk over the syntax tree, and small helpers over nodes.

use rakscan_core::ExtractError;
use rakscan_syntax::{FieldLookup, KindName};
use tree_sitter::{Node, Tree};

/// Parses a PHP file (HTML around `<?php` tags included) with a parser kept per thread.
pub fn parse(source: &str) -> Result<Tree, ExtractError> {
    rakscan_syntax::parse("php", || tree_sitter_php::LANGUAGE_PHP.into(), source)
}

pub use rakscan_syntax::{Step, walk_kinds};

pub use rakscan_syntax::text;

/// The named children of a node that are not comments.
pub fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    rakscan_syntax::named_children_except(node, &["comment"])
}

/// The value of a string literal without interpolation (`'a'`, `"a"`), or `None`.
pub fn literal_string(node: Node<'_>, source: &str) -> Option<String> {
    match node.kind_name() {
        "string" | "encapsed_string" => {
            let mut out = String::new();
            for child in named_children(node) {
                match child.kind_name() {
                    "string_content" | "string_value" => out.push_str(text(child, source)),
                    "escape_sequence" => out.push_str(unescape(text(child, source))),
                    _ => return None,
                }
            }
            Some(out)
        }
        _ => None,
    }
}

/// The character an escape sequence stands for, when it is one a path or key would contain.
fn unescape(sequence: &str) -> &str {
    match sequence {
        "\\\\" => "\\",
        "\\'" => "'",
        "\\\"" => "\"",
        "\\$" => "$",
        other => other,
    }
}

/// The call written without its arguments, whitespace collapsed; calls inside the chain keep
/// empty parentheses (`$this->stripe()->customers->create([...])` →
/// `$this->stripe()->customers->create`).
pub fn display(node: Node<'_>, source: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current = Some(node);
    while let Some(n) = current {
        let inner_call = n.id() != node.id() && n.field("arguments").is_some();
        let operator = match n.kind_name() {
            "member_call_expression" | "member_access_expression" => "->",
            "nullsafe_member_call_expression" | "nullsafe_member_access_expression" => "?->",
            "scoped_call_expression" => "::",
            _ => "",
        };
        let (inner, name) = match n.kind_name() {
            "scoped_call_expression" => (n.field("scope"), n.field("name")),
            _ if !operator.is_empty() => (n.field("object"), n.field("name")),
            _ => (None, None),
        };
        match (inner, name) {
            (Some(inner), Some(name)) => {
                let parens = if inner_call { "()" } else { "" };
                parts.push(format!(
                    "{operator}{}{parens}",
                    collapse(text(name, source))
                ));
                current = Some(inner);
            }
            _ => {
                parts.push(collapse(text(n, source)));
                current = None;
            }
        }
    }
    parts.reverse();
    parts.concat()
}

/// Collapses whitespace and cuts long text at 80 bytes.
fn collapse(raw: &str) -> String {
    let mut s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.len() > 80 {
        let cut = (0..=80).rev().find(|i| s.is_char_boundary(*i)).unwrap_or(0);
        s.truncate(cut);
        s.push('…');
    }
    s
}
