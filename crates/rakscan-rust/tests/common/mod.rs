#![allow(dead_code)] // each test binary uses a different part of these helpers
//! Runs the extractor and the core's resolver on source text and renders findings in the
//! fixtures' `expected.txt` format.

use rakscan_core::finding::Finding;
use rakscan_core::resolve::{FileContext, resolve_file};
use rakscan_core::{Catalog, Extraction, Extractor};
use rakscan_rust::RustExtractor;

/// Extracts one file.
pub fn extract(source: &str) -> Extraction {
    RustExtractor::new()
        .extract(std::path::Path::new("src/lib.rs"), source)
        .expect("extraction")
}

/// Findings of one file as `path:line METHOD endpoint permission` / `path:line unresolved`.
pub fn findings(path: &str, source: &str) -> Vec<String> {
    findings_with(&RustExtractor::new(), path, source)
}

/// Like [`findings`] with a configured extractor.
pub fn findings_with(extractor: &RustExtractor, path: &str, source: &str) -> Vec<String> {
    let extraction = extractor
        .extract(std::path::Path::new("src/lib.rs"), source)
        .expect("extraction");
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
        other => format!(
            "{}:{} {other:?}",
            other.location().path,
            other.location().line
        ),
    }
}

/// The findings a source declares with `// => METHOD endpoint permission` or
/// `// => unresolved` comments at the end of lines, in the rendered format.
pub fn declared(path: &str, source: &str) -> Vec<String> {
    let mut out: Vec<String> = source
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let (_, want) = line.split_once("// => ")?;
            Some(format!("{path}:{} {}", i + 1, want.trim()))
        })
        .collect();
    out.sort();
    out
}

/// Asserts that a source's findings are exactly the ones its comments declare.
pub fn check(source: &str) {
    assert_eq!(
        findings("src/lib.rs", source),
        declared("src/lib.rs", source)
    );
}
