//! Output formats: one file per format, all written from the same sorted report.

mod concise;
mod github;
mod human;
mod json;
mod sarif;

use crate::scan::ScanReport;
use rakscan_core::Catalog;
use std::io::Write;

/// The output formats of `rakscan scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with source snippets, then the permission summary.
    Human,
    /// One line per finding, then one per permission.
    Concise,
    /// One JSON object: `{"findings": [...], "permissions": [...]}`.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
}

/// Writes the report to standard output. A closed pipe (`rakscan scan | head`) is not an error.
pub fn write(format: Format, catalog: &Catalog, report: &ScanReport) -> anyhow::Result<()> {
    write_stdout(&render(format, catalog, report)?)
}

/// The report in one format, as written to standard output.
pub fn render(format: Format, catalog: &Catalog, report: &ScanReport) -> anyhow::Result<String> {
    Ok(match format {
        Format::Human => human::render(catalog, report),
        Format::Concise => concise::render(catalog, report),
        Format::Json => json::render(catalog, report)?,
        Format::Sarif => sarif::render(report)?,
        Format::Github => github::render(report),
    })
}

/// Writes text to standard output. A closed pipe (`rakscan … | head`) is not an error.
pub fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
