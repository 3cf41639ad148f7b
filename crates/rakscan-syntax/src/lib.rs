//! Tree-sitter plumbing shared by the language crates, so each crate keeps only what is about
//! its language: one parser per thread and grammar, parsing within the file's time budget
//! (`--max-file-time`), the source text of a node, and a depth-first walk without recursion.

use rakscan_core::ExtractError;
use std::cell::RefCell;
use std::collections::HashMap;
use tree_sitter::{Language, Node, Parser, Tree};

thread_local! {
    static PARSERS: RefCell<HashMap<&'static str, Parser>> = RefCell::new(HashMap::new());
}

/// Parses `source` with the grammar `language`, named `name` (the key of the parser kept for
/// this thread). Gives up when the file's time budget is spent.
pub fn parse(
    name: &'static str,
    language: impl FnOnce() -> Language,
    source: &str,
) -> Result<Tree, ExtractError> {
    PARSERS.with(|cell| {
        let mut parsers = cell.borrow_mut();
        if !parsers.contains_key(name) {
            let mut parser = Parser::new();
            parser
                .set_language(&language())
                .map_err(|e| ExtractError::Parser(e.to_string()))?;
            parsers.insert(name, parser);
        }
        let parser = parsers.get_mut(name).expect("the parser was just set");
        let mut give_up = |_: &tree_sitter::ParseState| rakscan_core::budget::expired();
        let options = tree_sitter::ParseOptions::new().progress_callback(&mut give_up);
        let mut read = |i: usize, _| source.as_bytes().get(i..).unwrap_or_default();
        parser
            .parse_with_options(&mut read, None, Some(options))
            .ok_or(ExtractError::ParseFailed)
    })
}

/// The source text of a node.
pub fn text<'s>(node: Node<'_>, source: &'s str) -> &'s str {
    source.get(node.byte_range()).unwrap_or("")
}

/// One step of a depth-first walk: a node is entered before its children and left after them.
pub enum Step<'t> {
    Enter(Node<'t>),
    Leave(Node<'t>),
}

/// Walks every node under `root` in source order with a tree cursor, without recursion, so
/// deep nesting cannot overflow the stack.
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
