//! Parsing, an iterative walk over the syntax tree, and small helpers over nodes.

use rakscan_core::ExtractError;
use std::cell::RefCell;
use tree_sitter::{Node, Parser, Tree};

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// Parses Ruby source with a parser kept per thread.
pub fn parse(source: &str) -> Result<Tree, ExtractError> {
    PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let mut parser = Parser::new();
            parser
                .set_language(&tree_sitter_ruby::LANGUAGE.into())
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

/// The last statement of a method or block body (the value it returns), skipping comments.
pub fn last_statement(body: Node<'_>) -> Option<Node<'_>> {
    match body.kind() {
        "body_statement" | "begin" | "parenthesized_statements" | "block_body" => {
            named_children(body)
                .into_iter()
                .rev()
                .find(|c| !matches!(c.kind(), "rescue" | "ensure" | "else" | "empty_statement"))
        }
        _ => Some(body),
    }
}

/// The value of a literal string without interpolation (`'a'`, `"a"`, `:a`, `%w` word,
/// `a:` hash key), or `None` for anything else.
pub fn literal_string(node: Node<'_>, source: &str) -> Option<String> {
    match node.kind() {
        "string" | "bare_string" | "bare_symbol" | "delimited_symbol" => {
            let mut out = String::new();
            for child in named_children(node) {
                match child.kind() {
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
    call.child_by_field_name("method").map(|m| text(m, source))
}

/// The call written without its arguments and blocks, whitespace collapsed
/// (`Stripe::Invoice.create(...).pay` → `Stripe::Invoice.create.pay`).
pub fn display(node: Node<'_>, source: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current = Some(node);
    while let Some(n) = current {
        if n.kind() == "call" {
            let method = method_name(n, source).unwrap_or("");
            let operator = n
                .child_by_field_name("operator")
                .map(|o| text(o, source))
                .unwrap_or(".");
            match n.child_by_field_name("receiver") {
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
