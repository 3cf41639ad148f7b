//! One scan: walk, read, secret pass, prefilter, extract, resolve, suppress, collect, sort.

use crate::catalog::CatalogLoad;
use crate::collector::{Collector, lock};
use crate::files::{FileSet, ReadError};
use crate::languages::{self, Language};
use crate::policy::RulePolicy;
use crate::projects::{Builders, Contexts};
use crate::secrets;
use crate::walk::display_path;
use rakscan_core::finding::{FileProblem, Location, UnusedSuppression};
use rakscan_core::resolve::{FileContext, resolve_file};
use rakscan_core::rule_ids::Severity;
use rakscan_core::{ExtractError, Extraction, Finding, Need, ProjectExtractor, budget, suppress};
use std::borrow::Cow;
use std::cell::LazyCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Knobs of one scan.
pub struct ScanOptions {
    pub max_file_size: u64,
    /// Give up parsing a file after this long (`--max-file-time`); `None`: no limit.
    pub max_file_time: Option<Duration>,
    /// Worker threads; 0 picks one per core.
    pub threads: usize,
    /// Keep full keys in secret findings (`--show-secrets`).
    pub show_secrets: bool,
    /// Which passes run (`--only`).
    pub passes: Passes,
    /// Show a progress bar on standard error (only drawn when it is a terminal).
    pub progress: bool,
}

/// The passes of a scan: hard-coded keys and Stripe SDK calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passes {
    pub secrets: bool,
    pub calls: bool,
}

impl Passes {
    /// Both passes.
    pub const ALL: Passes = Passes {
        secrets: true,
        calls: true,
    };
}

/// What a scan found, sorted.
#[derive(Debug, Default)]
pub struct ScanReport {
    pub findings: Vec<Finding>,
    /// Files that could not be read or analysed, and why.
    pub problems: Vec<FileProblem>,
    pub files_seen: usize,
    pub files_parsed: usize,
    /// The files scanned, to read one again from its displayed path (source snippets).
    pub files: FileSet,
    /// The path of each file with findings, by its displayed path.
    pub sources: HashMap<String, PathBuf>,
    /// Keys may be shown in full (`--show-secrets`); otherwise every output redacts them,
    /// source snippets included.
    pub show_secrets: bool,
    /// The configured rule levels; outputs ask [`ScanReport::severity`].
    pub policy: RulePolicy,
}

impl ScanReport {
    /// The severity a finding is reported with (its rule's level in `.rakscan.yaml`, or its own).
    pub fn severity(&self, finding: &Finding) -> Severity {
        self.policy.severity(finding)
    }

    /// The bytes of the file shown as `shown` in the findings (for source snippets).
    pub fn read_shown(&self, shown: &str) -> Option<std::borrow::Cow<'_, [u8]>> {
        let path = self.sources.get(shown)?;
        self.files.read(path, u64::MAX).ok()
    }

    /// Applies the configured rule levels: drops the findings of rules that are `off`.
    pub fn apply_policy(&mut self, policy: RulePolicy) {
        policy.retain(&mut self.findings);
        self.policy = policy;
    }
}

/// How many leading bytes are checked for NUL to call a file binary.
const BINARY_SNIFF_BYTES: usize = 8192;

/// Scans the files and returns the sorted report.
///
/// The walk streams files to the pipeline as it finds them, from several threads; nothing
/// keeps a list of every file. Files that a language's project context reads (JavaScript
/// modules, Go packages, …; see [`rakscan_core::Extractor::project_input`]) are shown to its
/// builder as they are read. Those that may need the context wait: files naming Stripe by
/// path, to be read again and extracted once the walk is done and the contexts are built;
/// files the context may want, with their outcome so far, until the context decides.
pub fn scan(catalog: CatalogLoad<'_>, files: FileSet, options: &ScanOptions) -> ScanReport {
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let collector = Collector::new(options.progress);
    let builders = Builders::new(&files.roots);
    let waiting = Mutex::new(Vec::new());
    let visit = |root: usize, path: &Path| {
        collector.found();
        let calls = match options.passes.calls && languages::project_input(path) {
            true => CallPass::Observe(&builders),
            false => CallPass::Alone,
        };
        let outcome = scan_file(catalog, calls, &files, root, path, options);
        let pending = match outcome.need {
            Need::Nothing => return collector.add(path, outcome),
            Need::Context => None,
            Need::Decide(ref words) => Some((words.clone(), outcome)),
        };
        let waits = Waiting {
            root,
            path: path.to_path_buf(),
            pending,
        };
        lock(&waiting).push(waits);
    };
    let walk_error = |path: String, message: String| {
        collector.add_problem(FileProblem { path, message });
    };
    files.for_each(threads, &visit, &walk_error);

    let contexts = builders.build();
    let waiting = waiting.into_inner().unwrap_or_else(|p| p.into_inner());
    let finish = |file: Waiting| {
        let outcome = finish_waiting(
            catalog,
            &contexts,
            &files,
            file.root,
            &file.path,
            file.pending,
            options,
        );
        collector.add(&file.path, outcome);
    };
    for_each_parallel(threads, waiting, &finish);
    collector.finish(files, options.show_secrets)
}

/// The outcome of a file that waited for its project's context: the one it had when the
/// context decides the file has no calls, else the file scanned again with the context.
fn finish_waiting(
    catalog: CatalogLoad<'_>,
    contexts: &Contexts,
    files: &FileSet,
    root: usize,
    path: &Path,
    pending: Option<(Vec<String>, FileOutcome)>,
    options: &ScanOptions,
) -> FileOutcome {
    let context = languages::for_path(path).and_then(|language| contexts.get(root, language));
    match (pending, context) {
        (Some((_, outcome)), None) => outcome,
        (Some((words, outcome)), Some(context)) if context.decide(path, &words) == Some(false) => {
            outcome
        }
        _ => scan_file(
            catalog,
            CallPass::Context(context),
            files,
            root,
            path,
            options,
        ),
    }
}

/// Hands each item to `work` from up to `threads` threads, in order of the items sorted by
/// root and path (so that runs differ in nothing but timing).
fn for_each_parallel(threads: usize, mut items: Vec<Waiting>, work: &(dyn Fn(Waiting) + Sync)) {
    items.sort_by(|a, b| (a.root, &a.path).cmp(&(b.root, &b.path)));
    let slots: Vec<Mutex<Option<Waiting>>> =
        items.into_iter().map(|w| Mutex::new(Some(w))).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads.min(slots.len()).max(1) {
            scope.spawn(|| {
                while let Some(slot) = slots.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Some(item) = lock(slot).take() {
                        work(item);
                    }
                }
            });
        }
    });
}

/// A file waiting for its project's context.
struct Waiting {
    root: usize,
    path: PathBuf,
    /// For a file the context may want: the words it decides with and the file's outcome
    /// without the calls pass. `None`: the file names Stripe and is extracted with the context.
    pending: Option<(Vec<String>, FileOutcome)>,
}

/// How the calls pass of a file runs.
#[derive(Clone, Copy)]
enum CallPass<'a> {
    /// File by file, behind the language's byte prefilter.
    Alone,
    /// Show the file to its project's builders; its calls wait for the context if it may
    /// need one (see [`FileOutcome::need`]).
    Observe(&'a Builders),
    /// With its project's context (by the prefilter when the project gave none).
    Context(Option<&'a dyn ProjectExtractor>),
}

/// What the pipeline made of one file.
#[derive(Default)]
pub(crate) struct FileOutcome {
    pub findings: Vec<Finding>,
    pub problems: Vec<FileProblem>,
    pub parsed: bool,
    /// What the file needs from its project's context ([`CallPass::Observe`] only); with
    /// [`Need::Context`] nothing else was done yet.
    pub need: Need,
}

/// The pipeline of one file, whatever its bytes come from: read, binary sniff, secret pass,
/// SDK pass, suppressions.
fn scan_file(
    catalog: CatalogLoad<'_>,
    calls: CallPass<'_>,
    files: &FileSet,
    root: usize,
    path: &Path,
    options: &ScanOptions,
) -> FileOutcome {
    let language = languages::for_path(path);
    // Most files have nothing to report: their displayed path is made only when needed.
    let shown = LazyCell::new(|| display_path(&files.roots[root], path));
    let mut outcome = FileOutcome::default();
    // Only files rakscan would parse are worth a warning when skipped; any other large or
    // binary file (images, archives, lock files) is passed over quietly.
    let skip = |outcome: &mut FileOutcome, message: String| {
        if language.is_some() {
            outcome.problems.push(FileProblem {
                path: shown.clone(),
                message,
            });
        }
    };
    let bytes = match files.read(path, options.max_file_size) {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge(len)) => {
            let message = format!(
                "skipped: {len} bytes is over the {}-byte limit (--max-file-size)",
                options.max_file_size
            );
            skip(&mut outcome, message);
            return outcome;
        }
        Err(ReadError::Io(e)) => {
            outcome.problems.push(FileProblem {
                path: shown.clone(),
                message: format!("cannot read: {e}"),
            });
            return outcome;
        }
    };
    if bytes[..bytes.len().min(BINARY_SNIFF_BYTES)].contains(&0) {
        skip(&mut outcome, "skipped: looks binary (NUL byte)".into());
        return outcome;
    }
    let text = std::str::from_utf8(&bytes).ok();
    let project = match calls {
        CallPass::Alone => Some(None),
        CallPass::Context(project) => Some(project),
        CallPass::Observe(builders) => {
            let source = text.map_or_else(|| String::from_utf8_lossy(&bytes), Cow::Borrowed);
            // What a builder parses counts against the file's time budget too.
            let budget = budget::start(options.max_file_time);
            outcome.need = builders.observe(root, path, language, &source);
            drop(budget);
            if language.is_some_and(|l| l.may_use_stripe(&bytes)) {
                outcome.need = Need::Context;
            }
            if outcome.need == Need::Context {
                return outcome;
            }
            // Only its project's context can tell whether the file has calls.
            None
        }
    };
    if options.passes.secrets {
        outcome.findings = secrets::scan_bytes(|| &shown, &bytes, text, options.show_secrets);
    }
    if let (Some(language), Some(project)) = (language.filter(|_| options.passes.calls), project) {
        extract(
            catalog,
            language,
            project,
            path,
            &shown,
            &bytes,
            text,
            options.max_file_time,
            &mut outcome,
        );
    }
    if !options.show_secrets {
        secrets::redact_call_text(&mut outcome.findings);
    }
    if memchr::memmem::find(&bytes, b"rakscan:").is_some() {
        let text = String::from_utf8_lossy(&bytes);
        let unused = suppress::apply(&mut outcome.findings, &suppress::parse(&text));
        // With one pass off, a suppression of the other pass's findings is not stale.
        let all_passes = options.passes == Passes::ALL;
        for s in unused.into_iter().filter(|_| all_passes) {
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

/// The SDK pass of one file: prefilter (or the project's own test), extract, resolve.
#[allow(clippy::too_many_arguments)]
fn extract(
    catalog: CatalogLoad<'_>,
    language: &Language,
    project: Option<&dyn ProjectExtractor>,
    path: &Path,
    shown: &LazyCell<String, impl FnOnce() -> String>,
    bytes: &[u8],
    text: Option<&str>,
    max_time: Option<Duration>,
    outcome: &mut FileOutcome,
) {
    if project.is_none() && !language.may_use_stripe(bytes) {
        return;
    }
    let shown: &str = shown;
    let lossy;
    let source = match text {
        Some(text) => text,
        None => {
            lossy = String::from_utf8_lossy(bytes).into_owned();
            &lossy
        }
    };
    if project.is_some_and(|p| !p.wants(path, source)) {
        return;
    }
    if let Some(reason) = project.and_then(|p| p.passes_over(path, source)) {
        outcome.problems.push(FileProblem {
            path: shown.to_owned(),
            message: reason,
        });
        return;
    }
    if text.is_none() {
        let message = "not valid UTF-8; invalid bytes were replaced before parsing".to_owned();
        outcome.problems.push(FileProblem {
            path: shown.to_owned(),
            message,
        });
    }
    let budget = budget::start(max_time);
    let extraction: Result<Extraction, ExtractError> = match project {
        Some(project) => project.extract(path, source),
        None => language.extractor.extract(path, source),
    };
    let expired = budget::expired();
    drop(budget);
    match extraction {
        Ok(extraction) => {
            outcome.parsed = true;
            let warnings = extraction.warnings.iter().map(|w| FileProblem {
                path: shown.to_owned(),
                message: w.clone(),
            });
            outcome.problems.extend(warnings);
            let file = FileContext {
                path: shown,
                language: language.extractor.language(),
                source,
            };
            match catalog.get() {
                Ok(catalog) => outcome
                    .findings
                    .extend(resolve_file(catalog, &file, &extraction)),
                Err(e) => outcome.problems.push(FileProblem {
                    path: shown.to_owned(),
                    message: e.to_string(),
                }),
            }
        }
        Err(_) if expired => outcome.problems.push(FileProblem {
            path: shown.to_owned(),
            message: format!(
                "skipped: took longer than the {} ms limit (--max-file-time)",
                max_time.unwrap_or_default().as_millis()
            ),
        }),
        Err(e) => outcome.problems.push(FileProblem {
            path: shown.to_owned(),
            message: format!("cannot parse: {e}"),
        }),
    }
}
