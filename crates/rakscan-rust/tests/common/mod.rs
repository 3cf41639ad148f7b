//! Runs the extractor and the core's resolver on source text and renders findings in the
//! fixtures' `expected.txt` format.

use rakscan_core::finding::Finding;
use rakscan_core::resolve::{FileContext, resolve_file};
use rakscan_core::{Catalog, Extraction, Extractor};
use rakscan_rust::RustExtractor;

/// Extracts one file.
pub fn extract(source: &str) -> Extraction {
    RustExtractor::new().extract(source).expect("extraction")
}

/// Findings of one file as `path:line METHOD endpoint permission` / `path:line unresolved`.
pub fn findings(path: &str, source: &str) -> Vec<String> {
    findings_with(&RustExtractor::new(), path, source)
}

/// Like [`findings`] with a configured extractor.
pub fn findings_with(extractor: &RustExtractor, path: &str, source: &str) -> Vec<String> {
    let extraction = extractor.extract(source).expect("extraction");
    let catalog = Catalog::embedded().expect("rules");
    let file = FileContext {
        path,
        language: "rust",
        source,
    };
    let mut out: Vec<String> = resolve_file(catalog, &file, &extraction)
        .iter()
        .map(render)
        .collect();
    out.sort();
    out
}

/// One finding in the `expected.txt` format.
pub fn render(f: &Finding) -> String {
    match f {
        Finding::ApiCall(c) => format!(
            "{}:{} {} {} {}",
            c.location.path,
            c.location.line,
            c.method,
            c.endpoint,
            c.permission.as_deref().unwrap_or("-")
        ),
        Finding::Unresolved(u) => format!("{}:{} unresolved", u.location.path, u.location.line),
    }
}
