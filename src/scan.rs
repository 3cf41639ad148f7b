//! One scan: walk, read, secret pass, prefilter, extract, resolve, suppress, collect, sort.

use crate::files::{FileSet, ReadError};
use crate::languages::{self, Language};
use crate::policy::RulePolicy;
use crate::progress::Progress;
use crate::secrets;
use crate::walk::display_path;
use rakscan_core::finding::{FileProblem, Location, UnusedSuppression, sort_findings};
use rakscan_core::resolve::{FileContext, resolve_file};
use rakscan_core::rule_ids::Severity;
use rakscan_core::{
    Catalog, ExtractError, Extraction, Finding, ProjectExtractor, budget, suppress,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
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
/// The walk streams files to the pipeline as it finds them, from several threads. Files that a
/// language's project context needs (JavaScript modules, Go packages, …; see
/// [`rakscan_core::Extractor::project_input`]) are set aside as paths; once the walk is done
/// the contexts are built from them and those files are scanned. Only these paths and the
/// findings are kept, not a list of every file.
pub fn scan(catalog: &Catalog, files: FileSet, options: &ScanOptions) -> ScanReport {
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let collector = Collector::new(options.progress);
    let deferred = Mutex::new(Vec::new());
    let visit = |root: usize, path: &Path| {
        collector.found();
        if options.passes.calls && languages::project_input(path) {
            lock(&deferred).push((root, path.to_path_buf()));
            return;
        }
        let outcome = scan_file(catalog, None, &files, root, path, options);
        collector.add(path, outcome);
    };
    let walk_error = |path: String, message: String| {
        collector.add_problem(FileProblem { path, message });
    };
    files.for_each(threads, &visit, &walk_error);

    let mut deferred = deferred.into_inner().expect("the walk finished");
    deferred.sort();
    let projects = Projects::build(&files.roots, deferred);
    let jobs = projects.jobs();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads.min(jobs.len()).max(1) {
            scope.spawn(|| {
                while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    match *job {
                        Job::Context { root, language } => {
                            projects.get(root, &languages::all()[language]);
                        }
                        Job::File { root, index } => {
                            let path = &projects.roots[root].paths[index];
                            let project = languages::for_path(path)
                                .and_then(|language| projects.get(root, language));
                            let outcome = scan_file(catalog, project, &files, root, path, options);
                            collector.add(path, outcome);
                        }
                    }
                }
            });
        }
    });
    collector.finish(files, options.show_secrets)
}

/// Locks a mutex that no thread can leave poisoned (no code panics while holding one).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Gathers the outcome of every file from the worker threads.
struct Collector {
    report: Mutex<ScanReport>,
    progress: Option<Progress>,
}

impl Collector {
    fn new(progress: bool) -> Collector {
        Collector {
            report: Mutex::new(ScanReport::default()),
            progress: progress.then(Progress::start).flatten(),
        }
    }

    /// Counts a file found by the walk (for the progress bar).
    fn found(&self) {
        if let Some(progress) = &self.progress {
            progress.found();
        }
    }

    fn add(&self, path: &Path, outcome: FileOutcome) {
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

    fn add_problem(&self, problem: FileProblem) {
        lock(&self.report).problems.push(problem);
    }

    /// The sorted report.
    fn finish(self, files: FileSet, show_secrets: bool) -> ScanReport {
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

/// One piece of work once the walk is done.
enum Job {
    /// Build the project context of a language for a root.
    Context { root: usize, language: usize },
    /// Scan a file set aside for the project contexts.
    File { root: usize, index: usize },
}

/// The project contexts of every root, for the languages that offer one.
#[derive(Default)]
struct Projects {
    roots: Vec<RootProjects>,
}

/// One root's files for project contexts, and the contexts, each built by the first worker
/// that needs it.
struct RootProjects {
    base: PathBuf,
    paths: Vec<PathBuf>,
    contexts: Vec<OnceLock<Option<Box<dyn ProjectExtractor>>>>,
}

impl Projects {
    /// Groups the sorted `(root, path)` pairs by root.
    fn build(roots: &[PathBuf], files: Vec<(usize, PathBuf)>) -> Projects {
        let mut by_root: Vec<RootProjects> = roots
            .iter()
            .map(|root| RootProjects {
                base: match root.is_file() {
                    true => root.parent().unwrap_or(Path::new(".")).to_path_buf(),
                    false => root.clone(),
                },
                paths: Vec::new(),
                contexts: languages::all().iter().map(|_| OnceLock::new()).collect(),
            })
            .collect();
        for (root, path) in files {
            by_root[root].paths.push(path);
        }
        Projects { roots: by_root }
    }

    /// The contexts to build, then the files. A context costs about one read of its
    /// language's files, so the largest are started first and their files come last: workers
    /// scan the other languages' files while a large context is built instead of waiting.
    fn jobs(&self) -> Vec<Job> {
        let mut contexts = Vec::new();
        let mut files = Vec::new();
        for (root, projects) in self.roots.iter().enumerate() {
            let language_of: Vec<Option<usize>> = projects
                .paths
                .iter()
                .map(|path| languages::for_path(path).map(|l| l.index))
                .collect();
            let mut count = vec![0usize; languages::all().len()];
            for language in language_of.iter().flatten() {
                count[*language] += 1;
            }
            let weight = |language: Option<usize>| language.map_or(0, |l| count[l]);
            contexts.extend(
                (0..count.len())
                    .filter(|&l| count[l] > 0)
                    .map(|language| (std::cmp::Reverse(count[language]), root, language)),
            );
            files.extend(
                language_of
                    .iter()
                    .enumerate()
                    .map(|(index, &language)| (weight(language), language, root, index)),
            );
        }
        contexts.sort();
        files.sort();
        let contexts = contexts
            .into_iter()
            .map(|(_, root, language)| Job::Context { root, language });
        let files = files
            .into_iter()
            .map(|(_, _, root, index)| Job::File { root, index });
        contexts.chain(files).collect()
    }

    fn get(&self, root: usize, language: &Language) -> Option<&dyn ProjectExtractor> {
        let root = self.roots.get(root)?;
        root.contexts
            .get(language.index)?
            .get_or_init(|| language.extractor.project(&root.base, &root.paths))
            .as_deref()
    }
}

#[derive(Default)]
struct FileOutcome {
    findings: Vec<Finding>,
    problems: Vec<FileProblem>,
    parsed: bool,
}

/// The pipeline of one file, whatever its bytes come from: read, binary sniff, secret pass,
/// SDK pass, suppressions.
fn scan_file(
    catalog: &Catalog,
    project: Option<&dyn ProjectExtractor>,
    files: &FileSet,
    root: usize,
    path: &Path,
    options: &ScanOptions,
) -> FileOutcome {
    let language = languages::for_path(path);
    let shown = display_path(&files.roots[root], path);
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
                path: shown,
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
    if options.passes.secrets {
        outcome.findings = secrets::scan_bytes(&shown, &bytes, text, options.show_secrets);
    }
    if let Some(language) = language.filter(|_| options.passes.calls) {
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
    catalog: &Catalog,
    language: &Language,
    project: Option<&dyn ProjectExtractor>,
    path: &Path,
    shown: &str,
    bytes: &[u8],
    text: Option<&str>,
    max_time: Option<Duration>,
    outcome: &mut FileOutcome,
) {
    if project.is_none() && !language.may_use_stripe(bytes) {
        return;
    }
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
            outcome
                .findings
                .extend(resolve_file(catalog, &file, &extraction));
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
