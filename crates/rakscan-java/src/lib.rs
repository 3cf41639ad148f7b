//! rakscan's Java extractor: finds the calls a Java file makes through `com.stripe:stripe-java`
//! and turns them into rakscan's IR.
//!
//! Recognised: static resource methods on classes imported from `com.stripe.model`
//! (`Customer.create(params)`, `com.stripe.model.checkout.Session.create(params)`), methods on
//! the objects those calls return or that a declaration types as a Stripe class
//! (`customer.update(params)`, a parameter `Subscription sub` then `sub.cancel()`),
//! `StripeClient` (`new StripeClient(key)`, `StripeClient.builder()…build()`, fields, injected
//! parameters, factory methods) with `client.v1().customers().create(…)` and the deprecated
//! form without `v1()`, raw requests with a literal path, and the request modifiers passed
//! along: `.addExpand("…")` on params builders, `put("expand", …)` on maps,
//! `RequestOptions.builder().setStripeAccount(…)`. `com.stripe.net.OAuth`'s requests
//! (`OAuth.token(…)`, `OAuth.deauthorize(…)`) are reported unresolved. A class named like
//! Stripe's but declared in the project or imported from elsewhere is not Stripe's.

mod args;
mod calls;
mod classes;
mod names;
mod scope;
mod tree;
mod value;
mod walker;

use rakscan_core::{ExtractError, Extraction, Extractor};

/// The Java extractor.
#[derive(Debug, Default, Clone, Copy)]
pub struct JavaExtractor;

impl Extractor for JavaExtractor {
    fn language(&self) -> &'static str {
        "java"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["java"]
    }

    fn markers(&self) -> &'static [&'static str] {
        &["stripe", "Stripe"]
    }

    fn extract(&self, path: &std::path::Path, source: &str) -> Result<Extraction, ExtractError> {
        let tree = tree::parse(source)?;
        let root = tree.root_node();
        let names = names::Names::collect(root, source, path);
        let mut extraction = walker::extract(root, source, names);
        extraction
            .warnings
            .extend(rakscan_syntax::recovery_warning(root));
        Ok(extraction)
    }
}
