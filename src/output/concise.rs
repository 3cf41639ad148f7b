//! `--format concise`: one line per finding, `path:line:col: severity[rule] message`, then
//! the permissions, one per line.

use crate::scan::ScanReport;
use rakscan_core::Catalog;
use rakscan_core::summary::summarize;
use std::fmt::Write;

pub fn render(catalog: &Catalog, report: &ScanReport) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let l = finding.location();
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            l.path,
            l.line,
            l.column,
            report.severity(finding).as_str(),
            finding.rule().id,
            finding.message()
        );
    }
    for p in summarize(catalog, &report.findings) {
        let _ = writeln!(
            out,
            "permission {} ({}, {} call sites, {} via expand)",
            p.permission,
            p.provenance.as_str(),
            p.call_sites,
            p.expansion_sites
        );
    }
    out
}
