//! What a C# file needs from the rest of its project: `global using` directives (a
//! `GlobalUsings.cs` with `global using Stripe;` lets every file write `new CustomerService()`
//! without naming Stripe) and the project's own `…Service` types, which hide Stripe.net's.
//! Read with a light text scan, not a parse.

use crate::extract::ProjectFacts;
use crate::names::Usings;
use aho_corasick::AhoCorasick;
use rakscan_core::{ExtractError, Extraction, Need, ProjectBuilder, ProjectExtractor};
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

/// Collects the lines of every `.cs` file that can declare project facts.
#[derive(Default)]
pub struct CSharpProjectBuilder {
    /// Per file, only its lines that [`scan_source`] can learn from (read in path order when
    /// the context is built, as a later `global using` or type adds to earlier ones).
    files: Mutex<Vec<(PathBuf, String)>>,
}

/// Words without which a line declares nothing [`scan_source`] reads.
const FACT_WORDS: &[&str] = &["global using ", "namespace", "Service", "StripeClient"];

/// Finds [`FACT_WORDS`] in a whole file at once (most lines have none).
static FACT_FINDER: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(FACT_WORDS).expect("plain words"));

/// The lines of `source` (as [`str::lines`] gives them) that contain a fact word, each followed
/// by a newline.
fn fact_lines(source: &str) -> String {
    let mut facts = String::new();
    let mut next_line = 0;
    for found in FACT_FINDER.find_iter(source) {
        if found.start() < next_line {
            continue;
        }
        let start = source[..found.start()].rfind('\n').map_or(0, |i| i + 1);
        let (end, next) = match source[found.start()..].find('\n') {
            Some(i) => (found.start() + i, found.start() + i + 1),
            None => (source.len(), source.len()),
        };
        let line = &source[start..end];
        // `lines` drops the `\r` of a `\r\n` ending, not a lone `\r` at the very end.
        let line = match end < source.len() {
            true => line.strip_suffix('\r').unwrap_or(line),
            false => line,
        };
        facts.push_str(line);
        facts.push('\n');
        next_line = next;
    }
    facts
}

impl ProjectBuilder for CSharpProjectBuilder {
    fn observe(&self, path: &Path, source: &str) -> Need {
        let facts = fact_lines(source);
        if !facts.is_empty() {
            let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
            files.push((path.to_path_buf(), facts));
        }
        // `global using Stripe;` elsewhere lets a file write `new CustomerService()` alone.
        match source.contains("Service") || source.contains(".V1.") {
            true => Need::Decide(Vec::new()),
            false => Need::Nothing,
        }
    }

    fn build(self: Box<Self>) -> Option<Box<dyn ProjectExtractor>> {
        let mut files = self.files.into_inner().unwrap_or_else(|p| p.into_inner());
        files.sort();
        let mut facts = ProjectFacts::default();
        for (_, lines) in &files {
            scan_source(lines, &mut facts);
        }
        Some(Box::new(CSharpProject { facts }))
    }
}

/// The project context of one scanned root.
pub struct CSharpProject {
    facts: ProjectFacts,
}

impl ProjectExtractor for CSharpProject {
    /// Without a Stripe `global using` a file that never names Stripe has no Stripe call.
    fn decide(&self, _path: &Path, _words: &[String]) -> Option<bool> {
        match self.facts.global_usings.any_stripe() {
            true => None,
            false => Some(false),
        }
    }

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
    fn fact_lines_are_the_lines_with_a_fact_word() {
        let by_lines = |source: &str| -> String {
            source
                .lines()
                .filter(|line| FACT_WORDS.iter().any(|w| line.contains(w)))
                .flat_map(|line| [line, "\n"])
                .collect()
        };
        let sources = [
            "",
            "namespace",
            "\n\nnamespace A;\n",
            "global using Stripe;\r\nclass X {}\r\nclass CustomerService {}\r\n",
            "a Service b Service namespace\nno\nStripeClient x = new StripeClient();",
            "trailing Service\r",
            "lone\rService\r\r\nnext namespace\r\n\r\n",
            "héllo Service é\nglobal using  X;\nglobal using Y;",
            "ServiceService\nService\n",
        ];
        for source in sources {
            assert_eq!(fact_lines(source), by_lines(source), "{source:?}");
        }
    }

    #[test]
    fn files_naming_only_a_service_wait_for_a_stripe_global_using() {
        let uses = (
            Path::new("Billing.cs"),
            "class Billing { void F() => new CustomerService().Get(\"c\"); }\n",
        );
        let plain = (
            Path::new("Math.cs"),
            "class Math { int Add(int a, int b) => a + b; }\n",
        );
        let globals = (Path::new("GlobalUsings.cs"), "global using Stripe;\n");
        let decide = |files: &[(&Path, &str)]| {
            let builder: Box<dyn ProjectBuilder> = Box::<CSharpProjectBuilder>::default();
            let needs: Vec<Need> = files.iter().map(|(p, s)| builder.observe(p, s)).collect();
            let context = builder.build().expect("C# always has a context");
            (needs, context.decide(uses.0, &[]))
        };
        let (needs, without) = decide(&[uses, plain]);
        assert_eq!(needs, [Need::Decide(Vec::new()), Need::Nothing]);
        assert_eq!(
            without,
            Some(false),
            "no Stripe global using: nothing to read"
        );
        let (_, with) = decide(&[uses, plain, globals]);
        assert_eq!(with, None, "read the file again and ask `wants`");
    }

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
