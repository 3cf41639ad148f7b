//! `rakscan scan`: findings in every output format, with exit codes from `--fail-on`.

use super::{InputArgs, roots, start_catalog};
use crate::config;
use crate::exit::Exit;
use crate::files::FileSet;
use crate::output::{self, Format};
use crate::scan::{Passes, ScanOptions, scan};
use crate::staged::staged_files;
use crate::{secrets, term};
use anyhow::Result;
use clap::Args;
use rakscan_core::rule_ids::Severity;
use std::path::PathBuf;

/// Arguments of `rakscan scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories to scan (default: the current directory). With `--staged`, only
    /// staged files below these paths.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    input: InputArgs,
    /// Read this configuration file instead of the `.rakscan.yaml` found above the first path.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Scan the staged contents (git's index) of the staged files, not the working tree.
    #[arg(long)]
    staged: bool,
    /// Run only one pass: `secrets` (hard-coded keys) or `calls` (Stripe API calls).
    #[arg(long, value_enum, value_name = "PASS")]
    only: Option<Only>,
    /// Exit with 1 when a finding is at least this severe.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Always exit with 0 when the scan ran, whatever it found.
    #[arg(long)]
    exit_zero: bool,
    /// Print hard-coded keys in full instead of redacted (`sk_live_…a1b2`).
    #[arg(long)]
    show_secrets: bool,
    /// Accept the secret findings recorded in this baseline file; report only new ones.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every secret finding in this baseline file (fingerprints only, never keys).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

/// One pass of a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Only {
    /// Hard-coded Stripe keys.
    Secrets,
    /// Stripe API calls and their permissions.
    Calls,
}

/// The least severity that makes `scan` exit with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    /// Never fail on findings.
    Never,
}

impl FailOn {
    fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// Runs `rakscan scan`.
pub fn run(args: ScanArgs) -> Result<Exit> {
    let catalog = start_catalog(args.input.rules.as_deref())?;
    let start = args.paths.first().cloned().unwrap_or_else(|| ".".into());
    let config = config::load(args.config.as_deref(), &start)?;
    let threads = args.input.threads.unwrap_or(0);
    let files = match args.staged {
        true => staged_files(&args.paths, &config.filter)?,
        false => FileSet::on_disk(&roots(args.paths)?, &config.filter),
    };
    let baseline = args
        .baseline
        .as_deref()
        .map(secrets::read_baseline)
        .transpose()?;
    let options = ScanOptions {
        max_file_size: args.input.max_file_size,
        max_file_time: args.input.file_time_limit(),
        threads,
        show_secrets: args.show_secrets,
        passes: match args.only {
            None => Passes::ALL,
            Some(Only::Secrets) => Passes {
                secrets: true,
                calls: false,
            },
            Some(Only::Calls) => Passes {
                secrets: false,
                calls: true,
            },
        },
        progress: true,
    };
    let mut report = scan(catalog, files, &options);
    let catalog = catalog.get()?;
    for problem in &report.problems {
        term::warn(format_args!("{}: {}", problem.path, problem.message));
    }
    if let Some(baseline) = &baseline {
        secrets::apply_baseline(&mut report.findings, baseline);
    }
    if let Some(path) = &args.write_baseline {
        let count = secrets::write_baseline(path, &report.findings)?;
        term::note(format_args!(
            "wrote {count} secret finding(s) to the baseline {}",
            path.display()
        ));
    }
    report.apply_policy(config.policy);
    output::write(args.format, catalog, &report)?;
    let failing = report
        .findings
        .iter()
        .any(|f| args.fail_on.fails(report.severity(f)));
    Ok(if failing && !args.exit_zero {
        Exit::Findings
    } else {
        Exit::Clean
    })
}
