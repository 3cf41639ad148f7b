//! Parsing, an iterative walk over the syntax tree, and small helpers over nodes.

use rakscan_core::ExtractError;
use std::cell::RefCell;
use tree_sitter::{Node, Parser, Tree};

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// Parses a PHP file (HTML around `<?php` tags included) with a parser kept per thread.
pub fn parse(source: &str) -> Result<Tree, ExtractError> {
    PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let mut parser = Parser::new();
            parser
                .set_language(&tree_sitter_php::LANGUAGE_PHP.into())
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

/// Walks every node under `root` in source order without recursion, so deep nesting cannot
/// overflow the stack.
pub fn walk<'t>(root: Node<'t>, mut visit: impl FnMut(Step<'t>)) {
    let mut cursor = root.walk();
    visit(Step::Enter(cursor.node()));
    loop {
        if cursor.goto_first_child() {
            visit(Step::Enter(cursor.node()));
            continue;
        }
        loop {
            visit(Step::Leave(cursor.node()));
            if cursor.node().id() == root.id() {
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

/// The named children of a node that are not comments.
pub fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|c| c.kind() != "comment")
        .collect()
}

/// The value of a string literal without interpolation (`'a'`, `"a"`), or `None`.
pub fn literal_string(node: Node<'_>, source: &str) -> Option<String> {
    match node.kind() {
        "string" | "encapsed_string" => {
            let mut out = String::new();
            for child in named_children(node) {
                match child.kind() {
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
        let inner_call = n.id() != node.id() && n.child_by_field_name("arguments").is_some();
        let operator = match n.kind() {
            "member_call_expression" | "member_access_expression" => "->",
            "nullsafe_member_call_expression" | "nullsafe_member_access_expression" => "?->",
            "scoped_call_expression" => "::",
            _ => "",
        };
        let (inner, name) = match n.kind() {
            "scoped_call_expression" => (
                n.child_by_field_name("scope"),
                n.child_by_field_name("name"),
            ),
            _ if !operator.is_empty() => (
                n.child_by_field_name("object"),
                n.child_by_field_name("name"),
            ),
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
