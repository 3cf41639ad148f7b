//! rakscan's JavaScript and TypeScript extractor.
//!
//! Finds calls made through the Node SDK (`stripe` on npm): `stripe.customers.create(…)`,
//! `stripe.checkout.sessions.create(…)`, `stripe.v2.core.events.retrieve(…)`,
//! `stripe.rawRequest('POST', '/v1/…')`, on clients made with `require('stripe')(key)`,
//! `new Stripe(key)`, held in class fields, injected through typed constructor parameters or
//! returned by factory functions.
//!
//! Two entry points:
//! - [`JsExtractor`], the per-file [`Extractor`]: everything one file shows.
//! - [`JsProject`], for a whole project: also follows clients created in one module and
//!   imported in others (relative imports, `index` files, `tsconfig.json`/`jsconfig.json`
//!   `paths` aliases, workspace packages).

mod args;
mod calls;
mod imports;
mod minified;
mod model;
mod naming;
mod parse;
mod project;
mod resolver;
mod scan;
mod syntax;
mod tsconfig;
mod value;

pub use minified::is_minified;
pub use parse::Dialect;
pub use project::JsProject;

use rakscan_core::{ExtractError, Extraction, Extractor, ProjectExtractor};
use std::path::{Path, PathBuf};

/// Extensions of the files this crate reads.
pub const EXTENSIONS: &[&str] = &["js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts"];

/// The per-file JavaScript/TypeScript extractor. Without a path it parses as TSX first
/// (which reads JavaScript, JSX and most TypeScript) and falls back to the other grammars.
#[derive(Debug, Default, Clone, Copy)]
pub struct JsExtractor;

impl Extractor for JsExtractor {
    fn language(&self) -> &'static str {
        "javascript"
    }

    fn extensions(&self) -> &'static [&'static str] {
        EXTENSIONS
    }

    fn markers(&self) -> &'static [&'static str] {
        &["stripe", "Stripe", "STRIPE"]
    }

    /// Extracts one file on its own (imports of project modules are not followed), choosing
    /// the grammar from the path's extension.
    fn extract(&self, path: &Path, source: &str) -> Result<Extraction, ExtractError> {
        let dialect = Dialect::of_path(path).unwrap_or(Dialect::Tsx);
        scan::extract(source, dialect, &imports::PackagesOnly)
    }

    /// Its own files and the `package.json` files naming the workspace packages.
    fn project_input(&self, path: &Path) -> bool {
        path.file_name().is_some_and(|n| n == "package.json")
            || path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e))
    }

    /// The project context that follows clients across modules.
    fn project(&self, root: &Path, files: &[PathBuf]) -> Option<Box<dyn ProjectExtractor>> {
        Some(Box::new(JsProject::new(root, files)))
    }
}
