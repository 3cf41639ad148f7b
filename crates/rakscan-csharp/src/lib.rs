//! rakscan's C# extractor: finds the calls a C# file makes through Stripe.net and turns them
//! into rakscan's IR.
//!
//! Recognised: service classes (`new CustomerService()` or `new CustomerService(client)`, held
//! in locals, fields, properties, constructor or primary-constructor parameters, or returned by
//! `GetRequiredService<T>()`), their namespaces told apart by `using` directives, aliases and
//! fully qualified names (`Stripe.Checkout.SessionService`); the client accessors
//! (`client.V1.Customers.CreateAsync(…)`, `client.V2.Core.Accounts.Create(…)`); raw requests
//! with a literal path (`client.RawRequestAsync(HttpMethod.Post, "/v1/…")`); the OAuth
//! service's requests (`new OAuthTokenService().Create(…)`, `Deauthorize(…)`), reported
//! unresolved. Options objects
//! passed to a call give its `Expand` paths and whether a `RequestOptions.StripeAccount` makes it
//! a Connect call. A project type of the same name as a Stripe.net service hides it.

mod extract;
mod names;
mod project;
mod scope;
mod tree;
mod types;
mod value;

use rakscan_core::{ExtractError, Extraction, Extractor, ProjectBuilder};
use std::path::Path;

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

    fn project(&self, _root: &Path) -> Option<Box<dyn ProjectBuilder>> {
        Some(Box::<project::CSharpProjectBuilder>::default())
    }
}

/// Extracts one file with what the rest of its project declares.
pub fn extract_with(source: &str, project: &ProjectFacts) -> Result<Extraction, ExtractError> {
    let tree = tree::parse(source)?;
    let root = tree.root_node();
    let mut extraction = extract::extract(root, source, project);
    extraction
        .warnings
        .extend(rakscan_syntax::recovery_warning(root));
    Ok(extraction)
}
