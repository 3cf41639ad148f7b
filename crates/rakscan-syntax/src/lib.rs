//! Tree-sitter plumbing shared by the language crates, so each crate keeps only what is about
//! its language: one parser per thread and grammar, parsing within the file's time budget
//! (`--max-file-time`), the source text of a node, children by field name with the field id
//! looked up once per grammar and thread, node kinds from a table filled once per grammar,
//! depth-first walks without recursion (pruned or not), and the byte searches that let a pass
//! skip text without what it looks for ([`mentions_stripe`], [`Mentions`]).

pub mod classes;
pub mod scopes;
mod search;
mod tables;
#[doc(hidden)]
pub mod testing;
mod walk;

pub use search::{Mentions, mentions_stripe};
pub use tables::{FieldLookup, KindName};
pub use walk::{
    Step, named_children_except, preorder, walk, walk_kinds, walk_pruned, walk_steps_pruned,
};

use rakscan_core::ExtractError;
use std::cell::RefCell;
use std::collections::HashMap;
use tree_sitter::{Language, Node, Parser, Tree};

thread_local! {
    static PARSERS: RefCell<HashMap<&'static str, Parser>> = RefCell::new(HashMap::new());
}

/// Makes tree-sitter's parsers and trees allocate through mimalloc (they use the C library's
/// allocator unless told otherwise). For a program whose Rust allocator is mimalloc: parsing
/// is the largest part of a scan, and mimalloc costs it 5–13 % less CPU (BENCHMARKS.md).
///
/// # Safety
/// Call it before any parser or tree exists: memory must be freed by the allocator that
/// allocated it.
pub unsafe fn allocate_trees_with_mimalloc() {
    use libmimalloc_sys::{mi_calloc, mi_free, mi_malloc, mi_realloc};
    // SAFETY: the caller promises no tree-sitter object exists yet, and all four functions
    // belong to the same allocator.
    unsafe {
        tree_sitter::set_allocator(
            Some(mi_malloc),
            Some(mi_calloc),
            Some(mi_realloc),
            Some(mi_free),
        );
    }
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

/// The warning for a file whose parser recovered from syntax errors, naming the line of the
/// first error or missing node; `None` when the tree has no error.
pub fn recovery_warning(root: Node<'_>) -> Option<String> {
    if !root.has_error() {
        return None;
    }
    let mut line = None;
    walk(root, |step| {
        if let Step::Enter(n) = step
            && line.is_none()
            && (n.is_error() || n.is_missing())
        {
            line = Some(n.start_position().row + 1);
        }
    });
    Some(match line {
        Some(line) => format!(
            "syntax error at line {line}; the parser recovered and the rest of the file was read"
        ),
        None => "syntax errors; the parser recovered and the rest of the file was read".to_owned(),
    })
}

#[cfg(test)]
mod tests;
