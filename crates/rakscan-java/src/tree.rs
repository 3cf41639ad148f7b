//! Parsing, an iterative walk over the syntax tree, and small helpers over nodes.

use rakscan_core::ExtractError;
use std::cell::RefCell;
use tree_sitter::{Node, Parser, Tree};

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// Parses Java source with a parser kept per thread.
pub fn parse(source: &str) -> Result<Tree, ExtractError> {
    PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let mut parser = Parser::new();
            parser
                .set_language(&tree_sitter_java::LANGUAGE.into())
                .map_err(|e| ExtractError::Parser(e.to_string()))?;
            *slot = Some(parser);
        }
        let parser = slot.as_mut().expect("parser was just set");
        // Gives up when the file's time budget (--max-file-time) is spent.
        let mut give_up = |_: &tree_sitter::ParseState| rakscan_core::budget::expired();
        let options = tree_sitter::ParseOptions::new().progress_callback(&mut give_up);
        let mut read = |i: usize, _| source.as_bytes().get(i..).unwrap_or_default();
        parser
            .parse_with_options(&mut read, None, Some(options))
            .ok_or(ExtractError::ParseFailed)
    })
}

/// One step of a depth-first walk: a node is entered before its children and left after them.
pub enum Step<'t> {
    Enter(Node<'t>),
    Leave(Node<'t>),
}

/// Walks every node under `root` in source order with a tree cursor (no recursion, so deep
/// nesting cannot overflow the stack).
pub fn walk<'t>(root: Node<'t>, mut visit: impl FnMut(Step<'t>)) {
    let mut cursor = root.walk();
    visit(Step::Enter(root));
    loop {
        if cursor.goto_first_child() {
            visit(Step::Enter(cursor.node()));
            continue;
        }
        loop {
            let node = cursor.node();
            visit(Step::Leave(node));
            if node.id() == root.id() {
                return;
            }
            if cursor.goto_next_sibling() {
                visit(Step::Enter(cursor.node()));
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// The source text of a node.
pub fn text<'s>(node: Node<'_>, source: &'s str) -> &'s str {
    source.get(node.byte_range()).unwrap_or("")
}

/// The named children of a node, comments left out.
pub fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|c| !matches!(c.kind(), "line_comment" | "block_comment"))
        .collect()
}

/// The arguments of a call (`method_invocation` or `object_creation_expression`).
pub fn arguments(call: Node<'_>) -> Vec<Node<'_>> {
    call.child_by_field_name("arguments")
        .map(named_children)
        .unwrap_or_default()
}

/// The value of a string literal without interpolation, or of a `+` concatenation of such
/// literals; `None` for anything else.
pub fn literal_string(node: Node<'_>, source: &str) -> Option<String> {
    let mut node = node;
    while node.kind() == "parenthesized_expression" {
        node = *named_children(node).first()?;
    }
    match node.kind() {
        "string_literal" => {
            let mut out = String::new();
            for child in named_children(node) {
                match child.kind() {
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
        match current.kind() {
            "identifier" | "type_identifier" => {
                segments.push(text(current, source));
                break;
            }
            "field_access" => {
                let field = current.child_by_field_name("field")?;
                if field.kind() != "identifier" {
                    return None;
                }
                segments.push(text(field, source));
                current = current.child_by_field_name("object")?;
            }
            "scoped_identifier" => {
                segments.push(text(current.child_by_field_name("name")?, source));
                current = current.child_by_field_name("scope")?;
            }
            "scoped_type_identifier" => {
                let parts = named_children(current);
                let (last, rest) = parts.split_last()?;
                if last.kind() != "type_identifier" || rest.len() != 1 {
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
