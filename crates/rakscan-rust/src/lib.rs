//! rakscan's Rust extractor: async-stripe calls in `.rs` files, read with `syn`.
//!
//! Both async-stripe styles are recognised:
//! - 0.x associated functions on resource types, `Customer::create(&client, params)`, which
//!   become [`rakscan_core::CallStyle::Class`] calls (`CheckoutSession` → `checkout.Session`);
//! - 1.x request types sent to a client, `CreateCustomer::new().send(&client)`, which become
//!   [`rakscan_core::CallStyle::RequestType`] calls named by the type.
//!
//! Names are resolved through `use` items, so a project's own `Customer` type is never taken
//! for Stripe's. Calls inside token streams syn cannot read (a `macro_rules!` body) are
//! reported as unresolved.

mod calls;
mod cargo_toml;
mod guard;
mod literals;
mod scope;
mod sdk;
mod tokens;
mod trace;
mod walker;

pub use cargo_toml::stripe_crate_aliases;

use proc_macro2::TokenStream;
use rakscan_core::{ExtractError, Extraction, Extractor, Need, ProjectBuilder, ProjectExtractor};
use std::path::Path;
use std::sync::Mutex;

use syn::visit::Visit;

/// The async-stripe extractor.
#[derive(Debug, Clone, Default)]
pub struct RustExtractor {
    crate_aliases: Vec<String>,
}

impl RustExtractor {
    pub const fn new() -> RustExtractor {
        RustExtractor {
            crate_aliases: Vec::new(),
        }
    }

    /// An extractor that also takes these names for async-stripe's client crate (the
    /// renames a project's Cargo.toml makes, see [`stripe_crate_aliases`]).
    pub fn with_crate_aliases(aliases: Vec<String>) -> RustExtractor {
        RustExtractor {
            crate_aliases: aliases,
        }
    }
}

impl Extractor for RustExtractor {
    fn language(&self) -> &'static str {
        "rust"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["rs"]
    }

    fn markers(&self) -> &'static [&'static str] {
        &["stripe"]
    }

    fn extract(&self, _path: &Path, source: &str) -> Result<Extraction, ExtractError> {
        if source.len() > guard::MAX_FILE_BYTES {
            return Ok(warning(format!(
                "the file is larger than {} MiB and was not parsed",
                guard::MAX_FILE_BYTES >> 20
            )));
        }
        // The parsing thread outlives this call, so it is given its own copies.
        let (source, aliases) = (source.to_owned(), self.crate_aliases.clone());
        guard::on_large_stack(move || extract_file(&source, &aliases))
            .ok_or(ExtractError::ParseFailed)
    }

    /// Its own files and every `Cargo.toml` (crate renames).
    fn project_input(&self, path: &Path) -> bool {
        path.extension().is_some_and(|e| e == "rs")
            || path.file_name().is_some_and(|n| n == "Cargo.toml")
    }

    /// Reads the crate renames of every `Cargo.toml` in the project
    /// (`payments = { package = "async-stripe" }`), so `payments::Customer` is Stripe's.
    fn project(&self, _root: &Path) -> Option<Box<dyn ProjectBuilder>> {
        Some(Box::<CrateRenames>::default())
    }
}

/// Collects the names `Cargo.toml` files give async-stripe.
#[derive(Default)]
struct CrateRenames(Mutex<Vec<String>>);

impl ProjectBuilder for CrateRenames {
    fn observe(&self, path: &Path, source: &str) -> Need {
        if path.file_name().is_some_and(|n| n == "Cargo.toml") {
            let aliases = stripe_crate_aliases(source);
            self.0
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .extend(aliases);
            return Need::Nothing;
        }
        // A file may use a renamed crate without ever naming Stripe.
        Need::Decide(Vec::new())
    }

    /// `None` when no `Cargo.toml` renames the crate.
    fn build(self: Box<Self>) -> Option<Box<dyn ProjectExtractor>> {
        let mut aliases = self.0.into_inner().unwrap_or_else(|p| p.into_inner());
        aliases.sort();
        aliases.dedup();
        if aliases.is_empty() {
            return None;
        }
        Some(Box::new(RenamedCrates(RustExtractor::with_crate_aliases(
            aliases,
        ))))
    }
}

/// A project whose Cargo.toml files rename async-stripe: files mentioning a rename are read too.
struct RenamedCrates(RustExtractor);

impl ProjectExtractor for RenamedCrates {
    fn wants(&self, _path: &Path, source: &str) -> bool {
        source.contains("stripe")
            || self
                .0
                .crate_aliases
                .iter()
                .any(|a| source.contains(a.as_str()))
    }

    fn extract(&self, path: &Path, source: &str) -> Result<Extraction, ExtractError> {
        self.0.extract(path, source)
    }
}

fn warning(message: String) -> Extraction {
    Extraction {
        warnings: vec![message],
        ..Extraction::default()
    }
}

/// Lexes, checks and parses one file, then walks it.
fn extract_file(source: &str, crate_aliases: &[String]) -> Extraction {
    let text = guard::lexable(source);
    let tokens: TokenStream = match text.parse() {
        Ok(tokens) => tokens,
        Err(e) => {
            let at = e.span().start();
            return warning(format!(
                "not valid Rust tokens (line {}, column {}): {e}; the file was not analysed",
                at.line,
                at.column + 1
            ));
        }
    };
    if let Some(reason) = guard::too_deep(&tokens) {
        return warning(format!("the file was not parsed: {reason}"));
    }
    let mut walker = walker::Walker::new(crate_aliases);
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => walker.visit_file(&file),
        Err(e) => {
            let at = e.span().start();
            let mut out = walker;
            declare_top_level_uses(&tokens, out.scope_mut());
            out.scan_tokens(tokens, "in a file syn could not parse");
            let mut extraction = out.into_extraction();
            extraction.warnings.push(format!(
                "syn could not parse the file (line {}, column {}): {e}; only paths into async-stripe were looked for",
                at.line,
                at.column + 1
            ));
            return extraction;
        }
    }
    walker.into_extraction()
}

/// Whether tokens start a `use` item (`use …`, `pub use …`, `pub(crate) use …`).
fn is_use_item(tokens: &[proc_macro2::TokenTree]) -> bool {
    tokens
        .iter()
        .find_map(|t| match t {
            proc_macro2::TokenTree::Ident(i) if i != "pub" => Some(i == "use"),
            proc_macro2::TokenTree::Ident(_) | proc_macro2::TokenTree::Group(_) => None,
            _ => Some(false),
        })
        .unwrap_or(false)
}

/// Reads the top-level `use` items of a file that does not parse as a whole.
fn declare_top_level_uses(tokens: &TokenStream, scope: &mut scope::Scope) {
    let mut item: Vec<proc_macro2::TokenTree> = Vec::new();
    for tree in tokens.clone() {
        let ends = matches!(&tree, proc_macro2::TokenTree::Punct(p) if p.as_char() == ';');
        let is_block = matches!(&tree, proc_macro2::TokenTree::Group(g)
            if g.delimiter() == proc_macro2::Delimiter::Brace);
        item.push(tree);
        if ends {
            let stream: TokenStream = item.drain(..).collect();
            if let Ok(u) = syn::parse2::<syn::ItemUse>(stream) {
                scope.declare_use(&u);
            }
        } else if is_block && !is_use_item(&item) {
            item.clear();
        }
    }
}
