//! rakscan's Python extractor: tree-sitter-python syntax → rakscan IR.
//!
//! Recognises the styles of ../shared/sdk-conventions.md §2: the module (`import stripe`,
//! aliases, `from stripe import Customer`), resource classes (`stripe.checkout.Session.create`),
//! `StripeClient` with and without `v1`, clients held in attributes or returned by factories in
//! the same file, and instance methods on objects an earlier Stripe call returned. Across
//! modules, clients, factories and the SDK module bound at the top level of one module and
//! imported by another ([`project`]).

mod attributes;
mod eval;
mod imports;
mod modules;
mod project;
mod syntax;
mod value;
mod walker;

use rakscan_core::{ExtractError, Extraction, Extractor, ProjectBuilder};
use std::path::Path;

/// The Python extractor.
#[derive(Debug, Default, Clone, Copy)]
pub struct PythonExtractor;

impl Extractor for PythonExtractor {
    fn language(&self) -> &'static str {
        "python"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["py", "pyi"]
    }

    fn markers(&self) -> &'static [&'static str] {
        &MARKERS
    }

    fn extract(&self, _path: &Path, source: &str) -> Result<Extraction, ExtractError> {
        let tree = parse(source)?;
        let imports = imports::collect_imports(tree.root_node(), source, None);
        Ok(walker::extract(&tree, source, imports).0)
    }

    fn project_input(&self, path: &Path) -> bool {
        path.extension()
            .is_some_and(|e| self.extensions().iter().any(|x| e == *x))
    }

    fn project(&self, _root: &Path) -> Option<Box<dyn ProjectBuilder>> {
        Some(Box::<project::PythonProjectBuilder>::default())
    }
}

/// The words of which a Python file must hold one to be read alone ([`Extractor::markers`]).
const MARKERS: [&str; 2] = ["stripe", "Stripe"];

/// Whether a source holds one of the [`MARKERS`].
fn names_stripe(source: &str) -> bool {
    MARKERS.iter().any(|m| source.contains(m))
}

/// Parses a Python source.
fn parse(source: &str) -> Result<tree_sitter::Tree, ExtractError> {
    rakscan_syntax::parse("python", || tree_sitter_python::LANGUAGE.into(), source)
}
