//! The default human format: one miette diagnostic per finding, then the permission summary.

use crate::scan::ScanReport;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Severity,
};
use rakscan_core::Catalog;
use rakscan_core::finding::{ApiCall, Finding};
use rakscan_core::summary::summarize;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

pub fn render(catalog: &Catalog, report: &ScanReport) -> String {
    let handler = GraphicalReportHandler::new_themed(theme()).with_context_lines(1);
    let mut sources: HashMap<&str, Arc<NamedSource<String>>> = HashMap::new();
    let mut out = String::new();
    for finding in &report.findings {
        let location = finding.location();
        let source = sources
            .entry(location.path.as_str())
            .or_insert_with(|| {
                Arc::new(NamedSource::new(
                    &location.path,
                    read_source(report, &location.path),
                ))
            })
            .clone();
        let diagnostic = diagnostic(finding, report.severity(finding), &source);
        let with_source = miette::Report::new(diagnostic).with_source_code(NamedSourceRef(source));
        if handler
            .render_report(&mut out, with_source.as_ref())
            .is_err()
        {
            let _ = writeln!(
                out,
                "{}:{}:{}: {}",
                location.path,
                location.line,
                location.column,
                finding.message()
            );
        }
    }
    summary(catalog, report, &mut out);
    out
}

fn theme() -> GraphicalTheme {
    let color = crate::term::stdout_color();
    if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    }
}

fn read_source(report: &ScanReport, path: &str) -> String {
    report
        .read_shown(path)
        .map(|b| {
            if report.show_secrets {
                String::from_utf8_lossy(&b).into_owned()
            } else {
                crate::secrets::redacted_text(&b)
            }
        })
        .unwrap_or_default()
}

fn permission_text(c: &ApiCall) -> String {
    match &c.permission {
        Some(p) => format!("{p} ({})", c.provenance.as_str()),
        None => "an unknown permission".to_owned(),
    }
}

fn diagnostic(
    finding: &Finding,
    severity: rakscan_core::rule_ids::Severity,
    source: &NamedSource<String>,
) -> MietteDiagnostic {
    let severity = miette_severity(severity);
    let location = finding.location();
    let offset = offset_of(source.inner(), location.line, location.column);
    match finding {
        Finding::ApiCall(c) => {
            let mut help = Vec::new();
            if let Some(note) = &c.permission_note {
                help.push(note.clone());
            }
            for e in &c.expansions {
                let reads: Vec<String> = e
                    .reads
                    .iter()
                    .map(|r| {
                        r.permission
                            .clone()
                            .unwrap_or_else(|| format!("unknown ({})", r.object))
                    })
                    .collect();
                help.push(format!(
                    "expand {:?} also needs {}",
                    e.expand,
                    if reads.is_empty() {
                        "nothing known".into()
                    } else {
                        reads.join(", ")
                    }
                ));
                if let Some(why) = &e.unknown {
                    help.push(format!("expand {:?}: {why}", e.expand));
                }
            }
            if c.connect && c.direct_only {
                help.push("this permission is Direct-only: it cannot authorise calls on behalf of a connected account".into());
            }
            let mut d = MietteDiagnostic::new(format!(
                "{} {} needs {}",
                c.method,
                c.endpoint,
                permission_text(c)
            ))
            .with_severity(severity)
            .with_code(finding.rule().id)
            .with_label(LabeledSpan::at(
                offset
                    ..offset
                        + c.call
                            .len()
                            .min(source.inner().len().saturating_sub(offset)),
                c.call.clone(),
            ));
            if !help.is_empty() {
                d = d.with_help(help.join("\n"));
            }
            d
        }
        Finding::Unresolved(u) => {
            MietteDiagnostic::new(format!("unresolved Stripe call: {}", u.reason))
                .with_severity(severity)
                .with_code(finding.rule().id)
                .with_label(LabeledSpan::at(offset..offset, u.call.clone()))
        }
        Finding::Secret(s) => {
            let mut d = MietteDiagnostic::new(finding.message())
                .with_severity(severity)
                .with_code(finding.rule().id)
                .with_label(LabeledSpan::at(offset..offset, s.shown().to_owned()));
            if let Some(hint) = &s.hint {
                d = d.with_help(hint.clone());
            }
            d
        }
        Finding::UnusedSuppression(_) => MietteDiagnostic::new(finding.message())
            .with_severity(severity)
            .with_code(finding.rule().id)
            .with_label(LabeledSpan::at(offset..offset, "this comment")),
    }
}

fn miette_severity(severity: rakscan_core::rule_ids::Severity) -> Severity {
    match severity {
        rakscan_core::rule_ids::Severity::Info => Severity::Advice,
        rakscan_core::rule_ids::Severity::Warning => Severity::Warning,
        rakscan_core::rule_ids::Severity::Error => Severity::Error,
    }
}

fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let start: usize = source
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let within: usize = source[start.min(source.len())..]
        .chars()
        .take(column.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    (start + within).min(source.len())
}

fn summary(catalog: &Catalog, report: &ScanReport, out: &mut String) {
    let calls = report
        .findings
        .iter()
        .filter(|f| matches!(f, Finding::ApiCall(_)))
        .count();
    let unresolved = report.findings.len() - calls;
    let permissions = summarize(catalog, &report.findings);
    if permissions.is_empty() {
        let _ = writeln!(out, "No Stripe permissions needed.");
    } else {
        let _ = writeln!(out, "Permissions this code needs ({}):", permissions.len());
        let width = permissions
            .iter()
            .map(|p| p.permission.len())
            .max()
            .unwrap_or(0);
        for p in &permissions {
            let label = match (&p.label, &p.category) {
                (Some(l), Some(c)) => format!("{l} ({c})"),
                (Some(l), None) => l.clone(),
                _ => String::new(),
            };
            let mut sites = format!(
                "{} call site{}",
                p.call_sites,
                if p.call_sites == 1 { "" } else { "s" }
            );
            if p.expansion_sites > 0 {
                let _ = write!(sites, ", {} via expand", p.expansion_sites);
            }
            let _ = writeln!(
                out,
                "  {:width$}  {:9}  {}  [{}]",
                p.permission,
                p.provenance.as_str(),
                label,
                sites
            );
        }
    }
    let unknown = report
        .findings
        .iter()
        .filter(|f| matches!(f, Finding::ApiCall(c) if c.permission.is_none()))
        .count();
    let _ = writeln!(
        out,
        "{calls} Stripe call{} ({unknown} with unknown permission), {unresolved} unresolved; {} files read, {} parsed.",
        if calls == 1 { "" } else { "s" },
        report.files_seen,
        report.files_parsed
    );
}

/// Lets a shared `NamedSource` serve as a report's source code.
struct NamedSourceRef(Arc<NamedSource<String>>);

impl miette::SourceCode for NamedSourceRef {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        self.0
            .read_span(span, context_lines_before, context_lines_after)
    }
}
