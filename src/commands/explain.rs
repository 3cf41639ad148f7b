//! `rakscan explain`: what a permission, an endpoint or an SDK call needs, and why.

use crate::exit::Exit;
use crate::output::write_stdout;
use anyhow::Result;
use clap::Args;
use rakscan_core::explain::{EndpointInfo, Explanation, explain};
use std::fmt::Write;

/// Arguments of `rakscan explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A permission (`customer_write`), an endpoint (`POST /v1/customers`) or an SDK call
    /// (`stripe.Customer.create`). Several words are joined with spaces.
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    query: Vec<String>,
    /// Print the explanation as JSON.
    #[arg(long)]
    json: bool,
    /// Use the rule tables in this directory instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    rules: Option<std::path::PathBuf>,
}

pub fn run(args: ExplainArgs) -> Result<Exit> {
    let catalog = super::load_catalog(args.rules.as_deref())?;
    let query = args.query.join(" ");
    let explanation = explain(catalog, &query).map_err(anyhow::Error::msg)?;
    let text = if args.json {
        format!("{}\n", serde_json::to_string_pretty(&explanation)?)
    } else {
        human(&query, &explanation)
    };
    write_stdout(&text)?;
    Ok(Exit::Clean)
}

fn human(query: &str, explanation: &Explanation) -> String {
    let mut out = String::new();
    match explanation {
        Explanation::Permission {
            permission,
            label,
            category,
            description,
            implies,
            implied_by,
            covers,
            covered_by,
            endpoints,
        } => {
            let _ = writeln!(out, "{permission}: Dashboard row \"{label}\" ({category})");
            if !description.is_empty() {
                let _ = writeln!(out, "  {description}");
            }
            if let Some(read) = covers {
                let _ = writeln!(out, "  also grants {read} (write implies read)");
            }
            if let Some(write) = covered_by {
                let _ = writeln!(out, "  also granted by {write} (write implies read)");
            }
            if !implies.is_empty() {
                let _ = writeln!(out, "  implies {}", implies.join(", "));
            }
            if !implied_by.is_empty() {
                let _ = writeln!(out, "  implied by {}", implied_by.join(", "));
            }
            let _ = writeln!(out, "Endpoints that need it ({}):", endpoints.len());
            for e in endpoints {
                endpoint_line(&mut out, e, false);
            }
        }
        Explanation::Endpoint { endpoints } => {
            for e in endpoints {
                endpoint_line(&mut out, e, true);
            }
        }
        Explanation::Call {
            endpoints,
            ambiguous,
        } => {
            let _ = writeln!(
                out,
                "{query} may be (depending on the SDK, style and arguments):"
            );
            for e in endpoints {
                endpoint_line(&mut out, e, true);
            }
            for a in ambiguous {
                let _ = writeln!(out, "  {a}");
            }
        }
    }
    out
}

fn endpoint_line(out: &mut String, e: &EndpointInfo, with_permission: bool) {
    let operation = e
        .operation_id
        .as_deref()
        .map(|o| format!(" ({o})"))
        .unwrap_or_else(|| " (legacy endpoint)".to_owned());
    if with_permission {
        let permission = e.permission.as_deref().unwrap_or("an unknown permission");
        let _ = writeln!(
            out,
            "  {} {}{operation} needs {permission} [{}]",
            e.method,
            e.path,
            e.provenance.as_str()
        );
    } else {
        let _ = writeln!(
            out,
            "  {} {}{operation} [{}]",
            e.method,
            e.path,
            e.provenance.as_str()
        );
    }
    if e.direct_only {
        let _ = writeln!(
            out,
            "    Direct-only: cannot authorise calls made on behalf of a connected account"
        );
    }
    if !e.note.is_empty() {
        let _ = writeln!(out, "    {}", e.note);
    }
}
