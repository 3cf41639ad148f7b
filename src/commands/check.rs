//! `rakscan check`: compares the code with a committed manifest.

use super::{InputArgs, KeyArgs, load_catalog, load_config, project_name, roots, scan_keys};
use crate::catalog::CatalogLoad;
use crate::diagnostic::SourceError;
use crate::exit::Exit;
use crate::output::write_stdout;
use anyhow::{Context, Result, bail};
use clap::Args;
use rakscan_core::Catalog;
use rakscan_core::manifest::check::{CheckReport, check};
use rakscan_core::manifest::grants::{Grants, parse_grants};
use rakscan_core::manifest::needs;
use std::fmt::Write;
use std::path::PathBuf;

/// Arguments of `rakscan check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The committed manifest: the file `rakscan manifest` writes, or `permissions: [...]`.
    #[arg(long, value_name = "FILE")]
    manifest: PathBuf,
    /// Files or directories to scan (default: the current directory).
    paths: Vec<PathBuf>,
    /// Granted permissions no code uses are errors, not warnings.
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    keys: KeyArgs,
    #[command(flatten)]
    input: InputArgs,
}

pub fn run(args: CheckArgs) -> Result<Exit> {
    let catalog = load_catalog(args.input.rules.as_deref())?;
    let shown = args.manifest.display().to_string();
    let text =
        std::fs::read_to_string(&args.manifest).with_context(|| format!("cannot read {shown}"))?;
    let grants = parse_grants(catalog, &text)
        .map_err(|e| SourceError::new(&shown, &text, e.offset, e.len, e.message, e.help))?;
    let roots = roots(args.paths)?;
    let config = load_config(&args.keys, &roots)?;
    let key = match (&args.keys.key, &grants.name) {
        (Some(key), _) => Some(key.clone()),
        (None, _) if config.keys.is_empty() => None,
        (None, Some(name)) if config.keys.iter().any(|(k, _)| k == name) => Some(name.clone()),
        (None, _) => {
            let names: Vec<&str> = config.keys.iter().map(|(k, _)| k.as_str()).collect();
            bail!(
                "{shown} names no key of .rakscan.yaml ({}): pass --key NAME",
                names.join(", ")
            );
        }
    };
    let per_key = scan_keys(
        CatalogLoad::Ready(catalog),
        &args.input,
        &roots,
        &config,
        &project_name(&roots),
    );
    let findings = match &key {
        None => per_key
            .into_iter()
            .next()
            .map(|k| k.findings)
            .unwrap_or_default(),
        Some(wanted) => per_key
            .into_iter()
            .find(|k| &k.name == wanted)
            .map(|k| k.findings)
            .or_else(|| config.keys.iter().any(|(k, _)| k == wanted).then(Vec::new))
            .with_context(|| format!("no key named `{wanted}` in .rakscan.yaml"))?,
    };
    let calls = findings.len();
    let report = check(catalog, &needs(&findings), &grants);
    let failed = !report.passes() || (args.strict && !report.unused.is_empty());
    let run = Shown {
        manifest: &shown,
        manifest_text: &text,
        key: key.as_deref(),
        calls,
        strict: args.strict,
        failed,
    };
    write_stdout(&render(catalog, &report, &grants, &run))?;
    Ok(if failed { Exit::Findings } else { Exit::Clean })
}

/// What the report says about the run besides the comparison.
struct Shown<'a> {
    manifest: &'a str,
    manifest_text: &'a str,
    key: Option<&'a str>,
    calls: usize,
    strict: bool,
    failed: bool,
}

fn render(catalog: &Catalog, report: &CheckReport, grants: &Grants, run: &Shown<'_>) -> String {
    let Shown {
        manifest: shown,
        manifest_text,
        key,
        calls,
        strict,
        failed,
    } = *run;
    let mut out = String::new();
    let line_of = |offset: usize| {
        manifest_text[..offset.min(manifest_text.len())]
            .matches('\n')
            .count()
            + 1
    };
    for missing in &report.missing {
        let label = catalog
            .group(&missing.permission)
            .map(|g| format!(" ({}, {})", g.label, g.category))
            .unwrap_or_default();
        let only_read = rakscan_core::manifest::read_twin(&missing.permission)
            .filter(|read| grants.permissions.iter().any(|g| &g.permission == read))
            .map(|read| format!(" (it grants only {read})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "error: missing permission {}{label}: the code needs it and {shown} does not grant it{only_read}",
            missing.permission
        );
        for e in &missing.evidence {
            let expand = e
                .expand
                .as_ref()
                .map(|x| format!(" (expand {x:?})"))
                .unwrap_or_default();
            let _ = writeln!(out, "  {}  {}  {}{expand}", e.at, e.call, e.operation);
        }
    }
    let level = if strict { "error" } else { "warning" };
    for unused in &report.unused {
        let at = format!("{shown}:{}", line_of(unused.grant.offset));
        let _ = match &unused.narrower {
            Some(read) => writeln!(
                out,
                "{level}: {} is broader than needed ({at}): the code only reads; {read} would do",
                unused.grant.permission
            ),
            None => writeln!(
                out,
                "{level}: unused permission {} ({at}): no scanned code needs it",
                unused.grant.permission
            ),
        };
    }
    for implied in &report.implied {
        let _ = writeln!(
            out,
            "note: {} is not listed but {} implies it",
            implied.permission, implied.by
        );
    }
    for item in &report.review {
        let operation = item
            .operation
            .as_ref()
            .map(|o| format!(" {o}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "review: {}  {}{operation}: {} (not checked)",
            item.at, item.call, item.reason
        );
    }
    let key = key.map(|k| format!(" (key {k})")).unwrap_or_default();
    let verdict = if failed { "FAILED" } else { "ok" };
    let _ = writeln!(
        out,
        "check {verdict}: {shown}{key} grants {} permission(s); {} Stripe call(s) scanned; {} missing, {} unused",
        grants.permissions.len(),
        calls,
        report.missing.len(),
        report.unused.len()
    );
    out
}
