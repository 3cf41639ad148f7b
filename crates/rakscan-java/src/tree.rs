//! Parsing, an iterative walk over the syntax tree, and small helpers over nodes.

use rakscan_core::ExtractError;
use rakscan_syntax::{FieldLookup, KindName};
use tree_sitter::{Node, Tree};

/// Parses Java source with a parser kept per thread.
pub fn parse(source: &str) -> Result<Tree, ExtractError> {
    rakscan_syntax::parse("java", || tree_sitter_java::LANGUAGE.into(), source)
}

pub use rakscan_syntax::{Step, walk};

pub use rakscan_syntax::text;

/// The named children of a node, comments left out.
pub fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    rakscan_syntax::named_children_except(node, &["line_comment", "block_comment"])
}

/// The arguments of a call (`method_invocation` or `object_creation_expression`).
pub fn arguments(call: Node<'_>) -> Vec<Node<'_>> {
    call.field("arguments")
        .map(named_children)
        .unwrap_or_default()
}

/// The value of a string literal without interpolation, or of a `+` concatenation of such
/// literals; `None` for anything else.
pub fn literal_string(node: Node<'_>, source: &str) -> Option<String> {
    let mut node = node;
    while node.kind_name() == "parenthesized_expression" {
        node = *named_children(node).first()?;
    }
    match node.kind_name() {
        "string_literal" => {
            let mut out = String::new();
            for child in named_children(node) {
                match child.kind_name() {
                    "string_fragment" | "multiline_string_fragment" | "escape_sequence" => {
                        out.push_str(text(child, source))
                    }
                    _ => return None,
                }
            }
            Some(out)
        }
        _ => None,
    }
}

/// The dotted segments of a name written as identifiers only (`com.stripe.model.Customer`
/// as an expression, a scoped identifier or a scoped type), outermost first.
pub fn dotted_name<'s>(node: Node<'_>, source: &'s str) -> Option<Vec<&'s str>> {
    let mut segments = Vec::new();
    let mut current = node;
    loop {
        match current.kind_name() {
            "identifier" | "type_identifier" => {
                segments.push(text(current, source));
                break;
            }
            "field_access" => {
                let field = current.field("field")?;
                if field.kind_name() != "identifier" {
                    return None;
                }
                segments.push(text(field, source));
                current = current.field("object")?;
            }
            "scoped_identifier" => {
                segments.push(text(current.field("name")?, source));
                current = current.field("scope")?;
            }
            "scoped_type_identifier" => {
                let parts = named_children(current);
                let (last, rest) = parts.split_last()?;
                if last.kind_name() != "type_identifier" || rest.len() != 1 {
                    return None;
                }
                segments.push(text(*last, source));
                current = rest[0];
            }
            _ => return None,
        }
    }
    segments.reverse();
    Some(segments)
}

/// Source text with whitespace collapsed and cut to a readable length.
pub fn collapsed(node: Node<'_>, source: &str) -> String {
    let words: Vec<&str> = text(node, source).split_whitespace().collect();
    let mut s = words.join(" ");
    if s.len() > 60 {
        let cut = (0..=60).rev().find(|i| s.is_char_boundary(*i)).unwrap_or(0);
        s.truncate(cut);
        s.push('…');
    }
    s
}
