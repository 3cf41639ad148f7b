//! Picks the grammar for a file and parses it with a per-thread parser.

use rakscan_core::ExtractError;
use std::cell::RefCell;
use std::path::Path;
use tree_sitter::{Language, Parser, Tree};

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

    fn index(self) -> usize {
        self as usize
    }
}

thread_local! {
    static PARSERS: RefCell<[Option<Parser>; 3]> = const { RefCell::new([None, None, None]) };
}

fn parse_as(source: &str, dialect: Dialect) -> Result<Tree, ExtractError> {
    let taken = PARSERS.with(|p| p.borrow_mut()[dialect.index()].take());
    let mut parser = match taken {
        Some(p) => p,
        None => {
            let mut p = Parser::new();
            p.set_language(&dialect.language())
                .map_err(|e| ExtractError::Parser(e.to_string()))?;
            p
        }
    };
    // Gives up when the file's time budget (--max-file-time) is spent.
    let mut give_up = |_: &tree_sitter::ParseState| rakscan_core::budget::expired();
    let options = tree_sitter::ParseOptions::new().progress_callback(&mut give_up);
    let mut read = |i: usize, _| source.as_bytes().get(i..).unwrap_or_default();
    let tree = parser.parse_with_options(&mut read, None, Some(options));
    PARSERS.with(|p| p.borrow_mut()[dialect.index()] = Some(parser));
    tree.ok_or(ExtractError::ParseFailed)
}

/// A parsed file and whether the parser had to recover from syntax errors.
pub(crate) struct Parsed {
    pub tree: Tree,
    pub recovered: bool,
}

/// Parses a file, preferring `first` and falling back to the other grammars when it does not
/// parse cleanly (TypeScript in a `.js` file, JSX in a `.ts` file).
pub(crate) fn parse(source: &str, first: Dialect) -> Result<Parsed, ExtractError> {
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
            return Ok(Parsed {
                tree,
                recovered: false,
            });
        }
        first_tree.get_or_insert(tree);
    }
    let tree = first_tree.ok_or(ExtractError::ParseFailed)?;
    Ok(Parsed {
        tree,
        recovered: true,
    })
}
