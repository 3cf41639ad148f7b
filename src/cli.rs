//! Command-line arguments and dispatch.

use crate::commands::check::CheckArgs;
use crate::commands::explain::ExplainArgs;
use crate::commands::init::InitArgs;
use crate::commands::manifest::ManifestArgs;
use crate::commands::rules::RulesArgs;
use crate::commands::scan::ScanArgs;
use crate::commands::{self};
use crate::exit::Exit;
use anyhow::Result;
use clap::{Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  rakscan scan .                                   calls, permissions and hard-coded keys
  rakscan scan --format sarif . > rakscan.sarif    for code scanning
  rakscan scan --staged --only secrets             what a pre-commit hook runs
  rakscan manifest > stripe-rak.yaml               the least-privilege key for this code
  rakscan check --manifest stripe-rak.yaml         fail when the code needs more
  rakscan explain POST /v1/customers               why an operation needs a permission
  rakscan init                                     write a commented .rakscan.yaml
  rakscan rules                                    the rule ids for suppressions and config

Exit codes: 0 clean, 1 findings at or above --fail-on (or a failed check), 2 usage,
configuration or I/O error.";

const SCAN_EXAMPLES: &str = "\
Examples:
  rakscan scan                                     the current directory
  rakscan scan src/ lib/payments.py                some paths
  rakscan scan --format concise                    one line per finding
  rakscan scan --format json > findings.json
  rakscan scan --format sarif > rakscan.sarif      SARIF 2.1.0 for code scanning
  rakscan scan --format github                     annotations in a GitHub Actions job
  rakscan scan --staged --only secrets             staged contents only (pre-commit)
  rakscan scan --fail-on warning                   exit 1 on warnings too
  rakscan scan --write-baseline .rakscan-baseline.json   accept the keys found today
  rakscan scan --baseline .rakscan-baseline.json   report only new keys

Silence one finding with a comment on its line or the line before:
  # rakscan: ignore[stripe-unresolved-call]
and a whole file with `rakscan: ignore-file[rule-id]` (`rakscan rules` lists the ids).";

const MANIFEST_EXAMPLES: &str = "\
Examples:
  rakscan manifest > stripe-rak.yaml               YAML, one document per key
  rakscan manifest --format url                    the Dashboard link that ticks the permissions
  rakscan manifest --key billing-service --format json
  rakscan manifest --out-dir keys/                 keys/<key>.rak.yaml per key";

const CHECK_EXAMPLES: &str = "\
Examples:
  rakscan check --manifest stripe-rak.yaml
  rakscan check --manifest stripe-rak.yaml --strict services/billing";

const EXPLAIN_EXAMPLES: &str = "\
Examples:
  rakscan explain customer_write
  rakscan explain POST /v1/customers
  rakscan explain GET /v1/customers/cus_123
  rakscan explain stripe.Customer.create --json";

const INIT_EXAMPLES: &str = "\
Examples:
  rakscan init                                     ./.rakscan.yaml
  rakscan init --stdout                            print it instead";

const RULES_EXAMPLES: &str = "\
Examples:
  rakscan rules
  rakscan rules --json";

/// rakscan: find the Stripe API calls your code makes and the restricted-key permissions they need.
#[derive(Debug, Parser)]
#[command(name = "rakscan", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    /// No warnings and no progress on standard error (errors are still printed).
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Scan files for Stripe API calls and hard-coded keys; list the permissions the calls need.
    #[command(after_help = SCAN_EXAMPLES)]
    Scan(ScanArgs),
    /// Write the least-privilege restricted-key manifest (one per key of .rakscan.yaml).
    #[command(after_help = MANIFEST_EXAMPLES)]
    Manifest(ManifestArgs),
    /// Compare the code with a committed manifest: exit 1 if it needs a permission not granted.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// Say what a permission, an endpoint (`POST /v1/customers`) or an SDK call needs, and why.
    #[command(after_help = EXPLAIN_EXAMPLES)]
    Explain(ExplainArgs),
    /// Write a commented starter `.rakscan.yaml`.
    #[command(after_help = INIT_EXAMPLES)]
    Init(InitArgs),
    /// List the rule ids (for suppressions and `rules:` in .rakscan.yaml) with their severities.
    #[command(after_help = RULES_EXAMPLES)]
    Rules(RulesArgs),
}

/// Runs the parsed command and returns how the process should exit.
pub fn run(cli: Cli) -> Result<Exit> {
    crate::term::set_quiet(cli.quiet);
    match cli.command {
        Command::Scan(args) => commands::scan::run(args),
        Command::Manifest(args) => commands::manifest::run(args),
        Command::Check(args) => commands::check::run(args),
        Command::Explain(args) => commands::explain::run(args),
        Command::Init(args) => commands::init::run(args),
        Command::Rules(args) => commands::rules::run(args),
    }
}
