//! `rakscan rules`: the stable rule ids, their default severities and summaries.

use crate::exit::Exit;
use crate::output::write_stdout;
use anyhow::Result;
use clap::Args;
use rakscan_core::rule_ids::all_rules;
use std::fmt::Write;

/// Arguments of `rakscan rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Print the rules as a JSON array (`id`, `summary`, `help`, `default_severity`).
    #[arg(long)]
    json: bool,
}

/// Runs `rakscan rules`.
pub fn run(args: RulesArgs) -> Result<Exit> {
    let rules = all_rules();
    let text = if args.json {
        format!("{}\n", serde_json::to_string_pretty(&rules)?)
    } else {
        let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
        let mut out = String::new();
        for rule in &rules {
            let _ = writeln!(
                out,
                "{:width$}  {:7}  {}",
                rule.id,
                rule.default_severity.as_str(),
                rule.summary
            );
        }
        out
    };
    write_stdout(&text)?;
    Ok(Exit::Clean)
}
