//! `--format github`: GitHub Actions workflow commands, which GitHub shows as annotations on
//! the pull request (`::warning file=app.py,line=3,col=5,title=…::message`).

use crate::scan::ScanReport;
use rakscan_core::rule_ids::Severity;
use std::fmt::Write;

pub fn render(report: &ScanReport) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let command = match report.severity(finding) {
            Severity::Info => "notice",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        let location = finding.location();
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},title={}::{}",
            escape_property(&location.path),
            location.line,
            location.column,
            escape_property(finding.rule().id),
            escape_data(&finding.message())
        );
    }
    out
}

/// Escapes a workflow-command message (`%`, CR, LF).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property value (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
