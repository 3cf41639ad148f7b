//! Gathers what the worker threads find into one report, and sorts it at the end.

use crate::files::FileSet;
use crate::progress::Progress;
use crate::scan::{FileOutcome, ScanReport};
use rakscan_core::finding::{FileProblem, sort_findings};
use std::path::Path;
use std::sync::Mutex;

/// Locks a mutex that no thread can leave poisoned (no code panics while holding one).
pub fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Gathers the outcome of every file from the worker threads.
pub struct Collector {
    report: Mutex<ScanReport>,
    progress: Option<Progress>,
}

impl Collector {
    /// A collector drawing a progress bar if asked (and standard error is a terminal).
    pub fn new(progress: bool) -> Collector {
        Collector {
            report: Mutex::new(ScanReport::default()),
            progress: progress.then(Progress::start).flatten(),
        }
    }

    /// Counts a file found by the walk (for the progress bar).
    pub fn found(&self) {
        if let Some(progress) = &self.progress {
            progress.found();
        }
    }

    /// Takes the outcome of one file, read from `path`.
    pub fn add(&self, path: &Path, outcome: FileOutcome) {
        let mut report = lock(&self.report);
        report.files_seen += 1;
        report.files_parsed += usize::from(outcome.parsed);
        if let Some(first) = outcome.findings.first() {
            let shown = first.location().path.clone();
            report.sources.insert(shown, path.to_path_buf());
        }
        report.findings.extend(outcome.findings);
        report.problems.extend(outcome.problems);
        drop(report);
        if let Some(progress) = &self.progress {
            progress.advance();
        }
    }

    /// Takes a problem met while walking.
    pub fn add_problem(&self, problem: FileProblem) {
        lock(&self.report).problems.push(problem);
    }

    /// The sorted report.
    pub fn finish(self, files: FileSet, show_secrets: bool) -> ScanReport {
        drop(self.progress);
        let mut report = self.report.into_inner().unwrap_or_else(|p| p.into_inner());
        report.files = files;
        report.show_secrets = show_secrets;
        sort_findings(&mut report.findings);
        report
            .problems
            .sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
        report.problems.dedup();
        report
    }
}
