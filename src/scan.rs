//! One scan: walk, prefilter, extract, resolve, collect, sort.

use crate::languages;
use crate::walk::{display_path, walk_files};
use rakscan_core::finding::{FileProblem, sort_findings};
use rakscan_core::resolve::{FileContext, resolve_file};
use rakscan_core::{Catalog, Finding};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Knobs of one scan.
pub struct ScanOptions {
    pub max_file_size: u64,
    /// Worker threads; 0 picks one per core.
    pub threads: usize,
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
        match outcome {
            FileOutcome::Skipped => {}
            FileOutcome::Scanned { findings, problems } => {
                report.files_parsed += 1;
                report.findings.extend(findings);
                report.problems.extend(problems);
            }
            FileOutcome::Failed(problem) => report.problems.push(problem),
        }
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
    sort_findings(&mut report.findings);
    report
        .problems
        .sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    report.problems.dedup();
    report
}

enum FileOutcome {
    Skipped,
    Scanned {
        findings: Vec<Finding>,
        problems: Vec<FileProblem>,
    },
    Failed(FileProblem),
}

fn scan_file(catalog: &Catalog, root: &Path, path: &Path, options: &ScanOptions) -> FileOutcome {
    let Some(language) = languages::for_path(path) else {
        return FileOutcome::Skipped;
    };
    let extractor = language.extractor;
    let shown = display_path(root, path);
    let fail = |message: String| {
        FileOutcome::Failed(FileProblem {
            path: shown.clone(),
            message,
        })
    };
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > options.max_file_size => {
            return fail(format!(
                "skipped: {} bytes is over the {}-byte limit (--max-file-size)",
                meta.len(),
                options.max_file_size
            ));
        }
        Ok(_) => {}
        Err(e) => return fail(format!("cannot read: {e}")),
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return fail(format!("cannot read: {e}")),
    };
    if !language.may_use_stripe(&bytes) {
        return FileOutcome::Skipped;
    }
    if bytes[..bytes.len().min(BINARY_SNIFF_BYTES)].contains(&0) {
        return fail("skipped: looks binary (NUL byte)".into());
    }
    let mut problems = Vec::new();
    let source = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            problems.push(FileProblem {
                path: shown.clone(),
                message: "not valid UTF-8; invalid bytes were replaced before parsing".into(),
            });
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let extraction = match extractor.extract(&source) {
        Ok(extraction) => extraction,
        Err(e) => return fail(format!("cannot parse: {e}")),
    };
    problems.extend(extraction.warnings.iter().map(|w| FileProblem {
        path: shown.clone(),
        message: w.clone(),
    }));
    let file = FileContext {
        path: &shown,
        language: extractor.language(),
        source: &source,
    };
    FileOutcome::Scanned {
        findings: resolve_file(catalog, &file, &extraction),
        problems,
    }
}
