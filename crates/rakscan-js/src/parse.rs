//! Picks the grammar for a file and parses it with a per-thread parser.

use rakscan_core::ExtractError;
use std::path::Path;
use tree_sitter::{Language, Tree};

/// Files larger than this are not parsed (bundles, generated code).
pub(crate) const MAX_SOURCE_BYTES: usize = 4 * 1024 * 1024;

/// The grammar a file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// JavaScript, JSX included (`.js .mjs .cjs .jsx`).
    JavaScript,
    /// TypeScript without JSX (`.ts .mts .cts`).
    TypeScript,
    /// TypeScript with JSX (`.tsx`).
    Tsx,
}

impl Dialect {
    /// The dialect of a file name, by extension.
    pub fn of_path(path: &Path) -> Option<Dialect> {
        let ext = path.extension()?.to_str()?;
        Some(match ext {
            "js" | "mjs" | "cjs" | "jsx" => Dialect::JavaScript,
            "ts" | "mts" | "cts" => Dialect::TypeScript,
            "tsx" => Dialect::Tsx,
            _ => return None,
        })
    }

    fn language(self) -> Language {
        match self {
            Dialect::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Dialect::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Dialect::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Dialect::JavaScript => "javascript",
            Dialect::TypeScript => "typescript",
            Dialect::Tsx => "tsx",
        }
    }
}

fn parse_as(source: &str, dialect: Dialect) -> Result<Tree, ExtractError> {
    rakscan_syntax::parse(dialect.name(), || dialect.language(), source)
}

/// Parses a file, preferring `first` and falling back to the other grammars when it does not
/// parse cleanly (TypeScript in a `.js` file, JSX in a `.ts` file). When none does, the tree
/// of `first`, with its errors.
pub(crate) fn parse(source: &str, first: Dialect) -> Result<Tree, ExtractError> {
    if source.len() > MAX_SOURCE_BYTES {
        return Err(ExtractError::ParseFailed);
    }
    let order = match first {
        Dialect::JavaScript => [Dialect::JavaScript, Dialect::Tsx, Dialect::TypeScript],
        Dialect::TypeScript => [Dialect::TypeScript, Dialect::Tsx, Dialect::JavaScript],
        Dialect::Tsx => [Dialect::Tsx, Dialect::TypeScript, Dialect::JavaScript],
    };
    let mut first_tree = None;
    for dialect in order {
        let tree = parse_as(source, dialect)?;
        if !tree.root_node().has_error() {
            return Ok(tree);
        }
        first_tree.get_or_insert(tree);
    }
    first_tree.ok_or(ExtractError::ParseFailed)
}
