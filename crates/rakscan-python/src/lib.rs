//! rakscan's Python extractor: tree-sitter-python syntax → rakscan IR.
//!
//! Recognises the styles of ../shared/sdk-conventions.md §2: the module (`import stripe`,
//! aliases, `from stripe import Customer`), resource classes (`stripe.checkout.Session.create`),
//! `StripeClient` with and without `v1`, clients held in attributes or returned by factories in
//! the same file, and instance methods on objects an earlier Stripe call returned.

mod eval;
mod imports;
mod syntax;
mod value;
mod walker;

use rakscan_core::{ExtractError, Extraction, Extractor};

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
        &["stripe", "Stripe"]
    }

    fn extract(&self, _path: &std::path::Path, source: &str) -> Result<Extraction, ExtractError> {
        let tree = rakscan_syntax::parse("python", || tree_sitter_python::LANGUAGE.into(), source)?;
        Ok(walker::extract(&tree, source))
    }
}
