//! Command-line arguments and dispatch.

use crate::exit::Exit;
use crate::output::{self, Format};
use crate::scan::{ScanOptions, scan};
use crate::secrets;
use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use rakscan_core::Catalog;
use rakscan_core::rule_ids::Severity;
use rakscan_core::rules::Rules;

use std::path::PathBuf;

/// rakscan: find the Stripe API calls your code makes and the restricted-key permissions they need.
#[derive(Debug, Parser)]
#[command(name = "rakscan", version, about, long_about = None, after_help = "Examples:\n  rakscan scan .\n  rakscan scan --format json src/ > stripe-calls.json")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Scan files for Stripe API calls and list the permissions they need.
    Scan(ScanArgs),
}

#[derive(Debug, Args)]
struct ScanArgs {
    /// Files or directories to scan (default: the current directory).
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Use the rule tables in this directory instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Skip files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 2 * 1024 * 1024)]
    max_file_size: u64,
    /// Number of worker threads (default: one per core).
    #[arg(long, short = 'j')]
    threads: Option<usize>,
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

/// Runs the parsed command and returns how the process should exit.
pub fn run(cli: Cli) -> Result<Exit> {
    match cli.command {
        Command::Scan(args) => run_scan(args),
    }
}

fn run_scan(args: ScanArgs) -> Result<Exit> {
    let catalog = load_catalog(args.rules.as_deref())?;
    let roots = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    for root in &roots {
        std::fs::metadata(root).with_context(|| format!("cannot read {}", root.display()))?;
    }
    let baseline = args
        .baseline
        .as_deref()
        .map(secrets::read_baseline)
        .transpose()?;
    let options = ScanOptions {
        max_file_size: args.max_file_size,
        threads: args.threads.unwrap_or(0),
        show_secrets: args.show_secrets,
    };
    let mut report = scan(catalog, &roots, &options);
    for problem in &report.problems {
        eprintln!("rakscan: warning: {}: {}", problem.path, problem.message);
    }
    if let Some(baseline) = &baseline {
        secrets::apply_baseline(&mut report.findings, baseline);
    }
    if let Some(path) = &args.write_baseline {
        let count = secrets::write_baseline(path, &report.findings)?;
        eprintln!(
            "rakscan: wrote {count} secret finding(s) to the baseline {}",
            path.display()
        );
    }
    output::write(args.format, catalog, &report)?;
    let failing = report
        .findings
        .iter()
        .any(|f| args.fail_on.fails(f.severity()));
    Ok(if failing && !args.exit_zero {
        Exit::Findings
    } else {
        Exit::Clean
    })
}

fn load_catalog(rules: Option<&std::path::Path>) -> Result<&'static Catalog> {
    match rules {
        None => {
            Catalog::embedded().map_err(|e| anyhow::anyhow!("the built-in rules are broken: {e}"))
        }
        Some(dir) => {
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
    }
}
