//! Command-line arguments and dispatch.

use crate::exit::Exit;
use crate::output::{self, Format};
use crate::scan::{ScanOptions, scan};
use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use rakscan_core::Catalog;
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
    let options = ScanOptions {
        max_file_size: args.max_file_size,
        threads: args.threads.unwrap_or(0),
    };
    let report = scan(catalog, &roots, &options);
    for problem in &report.problems {
        eprintln!("rakscan: warning: {}: {}", problem.path, problem.message);
    }
    output::write(args.format, catalog, &report)?;
    Ok(Exit::Clean)
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
