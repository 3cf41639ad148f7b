//! rakscan's C# extractor: finds the calls a C# file makes through Stripe.net and turns them
//! into rakscan's IR.
//!
//! Recognised: service classes (`new CustomerService()` or `new CustomerService(client)`, held
//! in locals, fields, properties, constructor or primary-constructor parameters, or returned by
//! `GetRequiredService<T>()`), their namespaces told apart by `using` directives, aliases and
//! fully qualified names (`Stripe.Checkout.SessionService`); the client accessors
//! (`client.V1.Customers.CreateAsync(…)`, `client.V2.Core.Accounts.Create(…)`); raw requests
//! with a literal path (`client.RawRequestAsync(HttpMethod.Post, "/v1/…")`). Options objects
//! passed to a call give its `Expand` paths and whether a `RequestOptions.StripeAccount` makes it
//! a Connect call. A project type of the same name as a Stripe.net service hides it.

mod extract;
mod names;
mod project;
mod scope;
mod tree;
mod types;
mod value;

use rakscan_core::{ExtractError, Extraction, Extractor, ProjectExtractor};
use std::path::{Path, PathBuf};
use tree_sitter::Node;

pub use extract::ProjectFacts;

/// The C# extractor.
#[derive(Debug, Default, Clone, Copy)]
pub struct CSharpExtractor;

impl Extractor for CSharpExtractor {
    fn language(&self) -> &'static str {
        "csharp"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["cs"]
    }

    fn markers(&self) -> &'static [&'static str] {
        &["Stripe"]
    }

    fn extract(&self, _path: &Path, source: &str) -> Result<Extraction, ExtractError> {
        extract_with(source, &ProjectFacts::default())
    }

    fn project_input(&self, path: &Path) -> bool {
        path.extension().is_some_and(|e| e == "cs")
    }

    fn project(&self, root: &Path, files: &[PathBuf]) -> Option<Box<dyn ProjectExtractor>> {
        project::CSharpProject::scan(root, files).map(|p| Box::new(p) as Box<dyn ProjectExtractor>)
    }
}

/// Extracts one file with what the rest of its project declares.
pub fn extract_with(source: &str, project: &ProjectFacts) -> Result<Extraction, ExtractError> {
    let tree = tree::parse(source)?;
    let root = tree.root_node();
    let mut extraction = extract::extract(root, source, project);
    if root.has_error() {
        extraction.warnings.push(syntax_warning(root));
    }
    Ok(extraction)
}

/// A warning naming the first syntax error the parser recovered from.
fn syntax_warning(root: Node<'_>) -> String {
    let mut first: Option<Node<'_>> = None;
    tree::walk(root, |n| {
        if first.is_none() && (n.is_error() || n.is_missing()) {
            first = Some(n);
        }
    });
    match first {
        Some(n) => format!(
            "syntax error at line {}; the parser recovered and the rest of the file was read",
            n.start_position().row + 1
        ),
        None => "syntax errors; the parser recovered and the rest of the file was read".to_owned(),
    }
}
