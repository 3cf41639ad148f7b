//! Command-line arguments and dispatch.

use crate::commands::check::CheckArgs;
use crate::commands::explain::ExplainArgs;
use crate::commands::manifest::ManifestArgs;
use crate::commands::{self, InputArgs, load_catalog, roots};
use crate::exit::Exit;
use crate::output::{self, Format};
use crate::scan::{ScanOptions, scan};
use crate::secrets;
use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use rakscan_core::rule_ids::Severity;
use std::path::PathBuf;

/// rakscan: find the Stripe API calls your code makes and the restricted-key permissions they need.
#[derive(Debug, Parser)]
#[command(name = "rakscan", version, about, long_about = None, after_help = "Examples:\n  rakscan scan .\n  rakscan scan --format json src/ > stripe-calls.json\n  rakscan manifest > stripe-rak.yaml\n  rakscan check --manifest stripe-rak.yaml\n  rakscan explain POST /v1/customers")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Scan files for Stripe API calls and list the permissions they need.
    Scan(ScanArgs),
    /// Write the least-privilege restricted-key manifest (one per key of .rakscan.yaml).
    Manifest(ManifestArgs),
    /// Compare the code with a committed manifest: exit 1 if it needs a permission not granted.
    Check(CheckArgs),
    /// Say what a permission, an endpoint (`POST /v1/customers`) or an SDK call needs, and why.
    Explain(ExplainArgs),
}

#[derive(Debug, Args)]
struct ScanArgs {
    /// Files or directories to scan (default: the current directory).
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    input: InputArgs,
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
        Command::Manifest(args) => commands::manifest::run(args),
        Command::Check(args) => commands::check::run(args),
        Command::Explain(args) => commands::explain::run(args),
    }
}

fn run_scan(args: ScanArgs) -> Result<Exit> {
    let catalog = load_catalog(args.input.rules.as_deref())?;
    let roots = roots(args.paths)?;
    let baseline = args
        .baseline
        .as_deref()
        .map(secrets::read_baseline)
        .transpose()?;
    let options = ScanOptions {
        max_file_size: args.input.max_file_size,
        threads: args.input.threads.unwrap_or(0),
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
