//! `rakscan init`: writes a commented starter `.rakscan.yaml`.

use crate::config::FILE_NAME;
use crate::exit::Exit;
use crate::output::write_stdout;
use crate::term;
use anyhow::{Context, Result, bail};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `rakscan init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The directory to write `.rakscan.yaml` in.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Replace an existing `.rakscan.yaml`.
    #[arg(long)]
    force: bool,
    /// Print the starter configuration instead of writing it.
    #[arg(long)]
    stdout: bool,
}

/// The starter configuration: every section, with commented examples.
pub const STARTER: &str = r#"# rakscan configuration: https://github.com/rakscan/rakscan#configuration
# rakscan reads the first .rakscan.yaml in the scanned directory or above it (or --config FILE).
# Paths are globs relative to this file's directory: `*` stays within one directory, `**`
# crosses directories, a path without glob characters covers everything below it, and a
# pattern without `/` matches at any depth, as in .gitignore.

# Files never read, beside what .gitignore ignores and dependency or build directories.
exclude: []
#  - "tests/fixtures/**"
#  - "*.min.js"

# When not empty, only files matching one of these globs are read.
include: []
#  - "src/**"

# Rule levels: off, info, warning or error (`rakscan rules` lists every rule id).
# A level replaces the rule's default severity in every output format and for --fail-on.
rules: {}
#  stripe-secret-key-test: error     # test-mode keys fail the scan too
#  stripe-unresolved-call: info
#  unused-suppression: off

# One restricted key per service: `rakscan manifest` writes a manifest per key, and
# `rakscan check` compares the key a manifest names. A call belongs to every key whose
# paths contain its file.
keys: []
#  - name: billing-service
#    paths: ["services/billing/**", "lib/stripe_helpers.py"]
#  - name: support-tool
#    paths: ["services/support/**"]
"#;

/// Runs `rakscan init`.
pub fn run(args: InitArgs) -> Result<Exit> {
    if args.stdout {
        write_stdout(STARTER)?;
        return Ok(Exit::Clean);
    }
    let path = args.dir.join(FILE_NAME);
    if path.exists() && !args.force {
        bail!(
            "{} exists; use --force to replace it, or --stdout to print the starter",
            path.display()
        );
    }
    std::fs::write(&path, STARTER).with_context(|| format!("cannot write {}", path.display()))?;
    term::note(format_args!("wrote {}", path.display()));
    Ok(Exit::Clean)
}
