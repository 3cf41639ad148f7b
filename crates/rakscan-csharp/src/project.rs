//! What a C# file needs from the rest of its project: `global using` directives (a
//! `GlobalUsings.cs` with `global using Stripe;` lets every file write `new CustomerService()`
//! without naming Stripe) and the project's own `…Service` types, which hide Stripe.net's.
//! Read with a light text scan, not a parse.

use crate::extract::ProjectFacts;
use crate::names::Usings;
use rakscan_core::{ExtractError, Extraction, ProjectExtractor};
use std::path::{Path, PathBuf};

/// Files larger than this are not read for project facts.
const MAX_SCAN_BYTES: u64 = 1 << 20;

/// The project context of one scanned root.
pub struct CSharpProject {
    facts: ProjectFacts,
}

impl CSharpProject {
    /// Reads the project facts of every `.cs` file of a root.
    pub fn scan(_root: &Path, files: &[PathBuf]) -> Option<CSharpProject> {
        let mut facts = ProjectFacts::default();
        for file in files {
            if file.extension().and_then(|e| e.to_str()) != Some("cs") {
                continue;
            }
            if std::fs::metadata(file).map_or(true, |m| m.len() > MAX_SCAN_BYTES) {
                continue;
            }
            if let Ok(source) = std::fs::read_to_string(file) {
                scan_source(&source, &mut facts);
            }
        }
        Some(CSharpProject { facts })
    }
}

impl ProjectExtractor for CSharpProject {
    fn wants(&self, _path: &Path, source: &str) -> bool {
        source.contains("Stripe")
            || (self.facts.global_usings.any_stripe()
                && (source.contains("Service") || source.contains(".V1.")))
    }

    fn extract(&self, _path: &Path, source: &str) -> Result<Extraction, ExtractError> {
        crate::extract_with(source, &self.facts)
    }
}

/// Adds the global usings and `…Service` type declarations of one file.
pub fn scan_source(source: &str, facts: &mut ProjectFacts) {
    let mut namespace = String::new();
    for line in source.lines() {
        let line = line.split("//").next().unwrap_or("").trim();
        if let Some(rest) = line.strip_prefix("global using ") {
            add_global_using(rest, &mut facts.global_usings);
            continue;
        }
        let words: Vec<&str> = line
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .filter(|w| !w.is_empty())
            .collect();
        for pair in words.windows(2) {
            match pair[0] {
                "namespace" => namespace = pair[1].to_owned(),
                "class" | "interface" | "record" | "struct"
                    if pair[1].ends_with("Service") || pair[1].ends_with("StripeClient") =>
                {
                    let entry = facts.project_types.entry(pair[1].to_owned()).or_default();
                    if !entry.contains(&namespace) {
                        entry.push(namespace.clone());
                    }
                }
                _ => {}
            }
        }
    }
}

/// `global using Stripe.Checkout;`, `global using Checkout = Stripe.Checkout;`.
fn add_global_using(rest: &str, usings: &mut Usings) {
    let rest = rest.trim_end_matches(';').trim();
    if rest.starts_with("static ") {
        return;
    }
    let (alias, target) = match rest.split_once('=') {
        Some((a, t)) => (Some(a.trim()), t.trim()),
        None => (None, rest),
    };
    let target = target.trim_start_matches("global::");
    let segments: Vec<String> = target.split('.').map(|s| s.trim().to_owned()).collect();
    usings.add_segments(alias.map(str::to_owned), segments);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_usings_and_service_types_are_read() {
        let mut facts = ProjectFacts::default();
        scan_source(
            "global using Stripe;\nglobal using Co = Stripe.Checkout;\n\
             namespace Shop.Services;\n// class FakeService\npublic sealed class InvoiceService : IInvoices {}\n",
            &mut facts,
        );
        assert_eq!(facts.global_usings.stripe, vec![Vec::<String>::new()]);
        assert_eq!(
            facts.global_usings.aliases["Co"],
            vec!["Checkout".to_owned()]
        );
        assert_eq!(
            facts.project_types["InvoiceService"],
            vec!["Shop.Services".to_owned()]
        );
        assert!(!facts.project_types.contains_key("FakeService"));
    }
}
