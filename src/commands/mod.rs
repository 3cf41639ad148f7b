//! The subcommands, one file each, and what they share.

pub mod check;
pub mod explain;
pub mod init;
pub mod manifest;
pub mod rules;
pub mod scan;

use crate::catalog::CatalogLoad;
use crate::config::{self, Loaded};
use crate::files::FileSet;
use crate::keys::{KeyFindings, split};
use crate::scan::{Passes, ScanOptions, scan};
use anyhow::{Context, Result};
use clap::Args;
use rakscan_core::Catalog;
use rakscan_core::rules::Rules;
use std::path::{Path, PathBuf};

/// What every command that scans takes.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Use the rule tables in this directory instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Skip files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 2 * 1024 * 1024)]
    pub max_file_size: u64,
    /// Give up parsing a file after this many milliseconds, with a warning (0: no limit).
    #[arg(long, value_name = "MS", default_value_t = 10_000)]
    pub max_file_time: u64,
    /// Number of worker threads (default: one per core).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
}

impl InputArgs {
    /// `--max-file-time` as a duration; `None` when it is 0 (no limit).
    pub fn file_time_limit(&self) -> Option<std::time::Duration> {
        (self.max_file_time > 0).then(|| std::time::Duration::from_millis(self.max_file_time))
    }
}

/// How the keys of a project are chosen.
#[derive(Debug, Args)]
pub struct KeyArgs {
    /// Read this configuration file instead of the `.rakscan.yaml` found above the first path.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Only this key (a name from the `keys:` of `.rakscan.yaml`, or `default`).
    #[arg(long, value_name = "NAME")]
    pub key: Option<String>,
}

/// The paths to scan: the given ones, or the current directory; each must exist.
pub fn roots(paths: Vec<PathBuf>) -> Result<Vec<PathBuf>> {
    let roots = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths
    };
    let mut canonical = Vec::with_capacity(roots.len());
    for root in &roots {
        std::fs::metadata(root).with_context(|| format!("cannot read {}", root.display()))?;
        canonical.push(root.canonicalize().unwrap_or_else(|_| root.clone()));
    }
    Ok(distinct_roots(roots, &canonical))
}

/// Drops a root given twice (`src ./src`) or lying inside another root (`src src/a.py`), so
/// that no file is scanned, and no call counted, twice. The first of equal roots is kept.
fn distinct_roots(roots: Vec<PathBuf>, canonical: &[PathBuf]) -> Vec<PathBuf> {
    roots
        .into_iter()
        .enumerate()
        .filter(|(i, _)| {
            let me = &canonical[*i];
            !canonical.iter().enumerate().any(|(j, other)| {
                j != *i && ((other == me && j < *i) || (other != me && me.starts_with(other)))
            })
        })
        .map(|(_, root)| root)
        .collect()
}

/// The rules in effect: built in, or `--rules DIR` after validation.
pub fn load_catalog(rules: Option<&Path>) -> Result<&'static Catalog> {
    match rules {
        None => CatalogLoad::Embedded.get(),
        Some(dir) => load_rules_dir(dir),
    }
}

/// The rules in effect for a scan: `--rules DIR`, read and validated now, or the built-in
/// ones, which start building on their own thread while the scan begins.
pub fn start_catalog(rules: Option<&Path>) -> Result<CatalogLoad<'static>> {
    match rules {
        None => Ok(CatalogLoad::embedded_in_background()),
        Some(dir) => load_rules_dir(dir).map(CatalogLoad::Ready),
    }
}

/// The catalog of the rule tables in `dir`, after validation.
fn load_rules_dir(dir: &Path) -> Result<&'static Catalog> {
    let rules = Rules::from_dir(dir)?;
    let problems = rakscan_core::rules::validate(&rules);
    if let Some(first) = problems.first() {
        anyhow::bail!(
            "the rules in {} are inconsistent ({} problems), first: {first}",
            dir.display(),
            problems.len()
        );
    }
    Ok(Box::leak(Box::new(Catalog::new(rules))))
}

/// Scans the roots and splits the findings among the project's keys. `single_name` names the
/// one key of a project that configures none.
pub fn scan_keys(
    catalog: CatalogLoad<'_>,
    input: &InputArgs,
    roots: &[PathBuf],
    config: &Loaded,
    single_name: &str,
) -> Vec<KeyFindings> {
    let threads = input.threads.unwrap_or(0);
    let options = ScanOptions {
        max_file_size: input.max_file_size,
        max_file_time: input.file_time_limit(),
        threads,
        show_secrets: false,
        passes: Passes::ALL,
        progress: true,
    };
    let files = FileSet::on_disk(roots, &config.filter);
    let report = scan(catalog, files, &options);
    for problem in &report.problems {
        crate::term::warn(format_args!("{}: {}", problem.path, problem.message));
    }
    split(&report, config, single_name)
}

/// Reads the configuration for the first root.
pub fn load_config(keys: &KeyArgs, roots: &[PathBuf]) -> Result<Loaded> {
    config::load(keys.config.as_deref(), &roots[0])
}

/// The key name of a project with no configured keys: the first scanned directory's name.
pub fn project_name(roots: &[PathBuf]) -> String {
    roots[0]
        .canonicalize()
        .ok()
        .and_then(|p| {
            let dir = if p.is_file() {
                p.parent()?.to_path_buf()
            } else {
                p
            };
            dir.file_name().map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "stripe-rak".to_owned())
}
