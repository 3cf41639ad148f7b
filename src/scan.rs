//! One scan: walk, read, secret pass, prefilter, extract, resolve, suppress, collect, sort.

use crate::languages::{self, Language};
use crate::secrets;
use crate::walk::{display_path, walk_files};
use rakscan_core::finding::{FileProblem, Location, UnusedSuppression, sort_findings};

use rakscan_core::resolve::{FileContext, resolve_file};
use rakscan_core::{Catalog, Finding, suppress};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Knobs of one scan.
pub struct ScanOptions {
    pub max_file_size: u64,
    /// Worker threads; 0 picks one per core.
    pub threads: usize,
    /// Keep full keys in secret findings (`--show-secrets`).
    pub show_secrets: bool,
}

/// What a scan found, sorted.
#[derive(Debug, Default)]
pub struct ScanReport {
    pub findings: Vec<Finding>,
    /// Files that could not be read or analysed, and why.
    pub problems: Vec<FileProblem>,
    pub files_seen: usize,
    pub files_parsed: usize,
    /// The roots scanned, to find a file again from its displayed path.
    pub roots_for_display: Vec<PathBuf>,
    /// Keys may be shown in full (`--show-secrets`); otherwise every output redacts them,
    /// source snippets included.
    pub show_secrets: bool,
}

/// How many leading bytes are checked for NUL to call a file binary.
const BINARY_SNIFF_BYTES: usize = 8192;

/// Scans the roots and returns the sorted report.
pub fn scan(catalog: &Catalog, roots: &[PathBuf], options: &ScanOptions) -> ScanReport {
    let report = Mutex::new(ScanReport::default());
    let visit = |root: &Path, path: &Path| {
        let outcome = scan_file(catalog, root, path, options);
        let mut report = report
            .lock()
            .expect("no thread panics while holding the report");
        report.files_seen += 1;
        report.files_parsed += usize::from(outcome.parsed);
        report.findings.extend(outcome.findings);
        report.problems.extend(outcome.problems);
    };
    let error = |path: String, message: String| {
        report
            .lock()
            .expect("no thread panics while holding the report")
            .problems
            .push(FileProblem { path, message });
    };
    walk_files(roots, options.threads, &visit, &error);
    let mut report = report.into_inner().expect("walk finished");
    report.roots_for_display = roots.to_vec();
    report.show_secrets = options.show_secrets;

    sort_findings(&mut report.findings);
    report
        .problems
        .sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    report.problems.dedup();
    report
}

#[derive(Default)]
struct FileOutcome {
    findings: Vec<Finding>,
    problems: Vec<FileProblem>,
    parsed: bool,
}

fn scan_file(catalog: &Catalog, root: &Path, path: &Path, options: &ScanOptions) -> FileOutcome {
    let language = languages::for_path(path);
    let shown = display_path(root, path);
    let mut outcome = FileOutcome::default();
    // Only files rakscan would parse are worth a warning when skipped; any other large or
    // binary file (images, archives, lock files) is passed over quietly.
    let mut skip = |message: String| {
        if language.is_some() {
            outcome.problems.push(FileProblem {
                path: shown.clone(),
                message,
            });
        }
    };
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > options.max_file_size => {
            skip(format!(
                "skipped: {} bytes is over the {}-byte limit (--max-file-size)",
                meta.len(),
                options.max_file_size
            ));
            return outcome;
        }
        Ok(_) => {}
        Err(e) => {
            outcome.problems.push(FileProblem {
                path: shown,
                message: format!("cannot read: {e}"),
            });
            return outcome;
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            outcome.problems.push(FileProblem {
                path: shown,
                message: format!("cannot read: {e}"),
            });
            return outcome;
        }
    };
    if bytes[..bytes.len().min(BINARY_SNIFF_BYTES)].contains(&0) {
        skip("skipped: looks binary (NUL byte)".into());
        return outcome;
    }
    let text = std::str::from_utf8(&bytes).ok();
    outcome.findings = secrets::scan_bytes(&shown, &bytes, text, options.show_secrets);
    if let Some(language) = language.filter(|l| l.may_use_stripe(&bytes)) {
        let lossy;
        let source = match text {
            Some(text) => text,
            None => {
                outcome.problems.push(FileProblem {
                    path: shown.clone(),
                    message: "not valid UTF-8; invalid bytes were replaced before parsing".into(),
                });
                lossy = String::from_utf8_lossy(&bytes).into_owned();
                &lossy
            }
        };
        extract(catalog, language, &shown, source, &mut outcome);
    }
    if memchr::memmem::find(&bytes, b"rakscan:").is_some() {
        let text = String::from_utf8_lossy(&bytes);
        let unused = suppress::apply(&mut outcome.findings, &suppress::parse(&text));
        for s in unused {
            let location = Location {
                path: shown.clone(),
                line: s.line,
                column: s.column,
                column_utf16: s.column,
            };
            outcome
                .findings
                .push(Finding::UnusedSuppression(UnusedSuppression {
                    location,
                    rules: s.rules,
                }));
        }
    }
    outcome
}

fn extract(
    catalog: &Catalog,
    language: &Language,
    shown: &str,
    source: &str,
    outcome: &mut FileOutcome,
) {
    let extractor = language.extractor;
    match extractor.extract(source) {
        Ok(extraction) => {
            outcome.parsed = true;
            outcome
                .problems
                .extend(extraction.warnings.iter().map(|w| FileProblem {
                    path: shown.to_owned(),
                    message: w.clone(),
                }));
            let file = FileContext {
                path: shown,
                language: extractor.language(),
                source,
            };
            outcome
                .findings
                .extend(resolve_file(catalog, &file, &extraction));
        }
        Err(e) => outcome.problems.push(FileProblem {
            path: shown.to_owned(),
            message: format!("cannot parse: {e}"),
        }),
    }
}
