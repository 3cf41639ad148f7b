//! rakscan's Ruby extractor: finds the calls a Ruby file makes through the `stripe` gem and
//! turns them into rakscan's IR.
//!
//! Recognised: resource classes (`Stripe::Customer.create`, `::Stripe::Checkout::Session.create`,
//! `Stripe::Invoice.finalize_invoice(id)`), the v13+ client (`Stripe::StripeClient.new(key)`
//! then `client.v1.customers.create`, with or without `v1`, held in a local, an instance
//! variable, a constant or returned by a method of the same file), methods on the objects those
//! calls return (`sub = Stripe::Subscription.retrieve(id); sub.cancel`,
//! `Stripe::Invoice.create(…).pay`, also when a method of the file returns them, and each
//! element of a listed page: `….list(…).auto_paging_each { |pm| pm.detach }`) and raw requests
//! with a literal path. A bare `Stripe::X` inside a namespace that defines its own `Stripe` module is the project's constant, not the
//! gem's, and is ignored.

mod args;
mod constants;
mod extract;
mod facts;
mod names;
mod returns;
mod tree;
mod value;

use rakscan_core::{ExtractError, Extraction, Extractor};

/// File-name extensions of Ruby source.
pub const EXTENSIONS: &[&str] = &["rb", "rake", "ru", "gemspec", "jbuilder"];

/// Ruby files that have no extension.
pub const FILE_NAMES: &[&str] = &[
    "Rakefile",
    "Gemfile",
    "Guardfile",
    "Capfile",
    "Thorfile",
    "Vagrantfile",
];

/// The Ruby extractor.
#[derive(Debug, Default, Clone, Copy)]
pub struct RubyExtractor;

impl Extractor for RubyExtractor {
    fn language(&self) -> &'static str {
        "ruby"
    }

    fn extensions(&self) -> &'static [&'static str] {
        EXTENSIONS
    }

    fn file_names(&self) -> &'static [&'static str] {
        FILE_NAMES
    }

    fn markers(&self) -> &'static [&'static str] {
        &["Stripe", "stripe"]
    }

    fn extract(&self, _path: &std::path::Path, source: &str) -> Result<Extraction, ExtractError> {
        let tree = tree::parse(source)?;
        let root = tree.root_node();
        let facts = facts::collect(root, source);
        let mut extraction = extract::extract(root, source, facts);
        extraction
            .warnings
            .extend(rakscan_syntax::recovery_warning(root));
        Ok(extraction)
    }
}
