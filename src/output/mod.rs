//! Output formats: one file per format, all written from the same sorted report.

mod concise;
mod github;
mod human;
mod json;
mod sarif;
mod stream;

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
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    let written = write_to(format, catalog, report, &mut out).and_then(|_| out.flush());
    ignore_broken_pipe(written)
}

/// The report in one format, as written to standard output.
pub fn render(format: Format, catalog: &Catalog, report: &ScanReport) -> anyhow::Result<String> {
    let mut out = Vec::new();
    write_to(format, catalog, report, &mut out)?;
    Ok(String::from_utf8(out)?)
}

/// Writes the report in one format to `out`; the JSON formats are written finding by finding.
fn write_to(
    format: Format,
    catalog: &Catalog,
    report: &ScanReport,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Human => out.write_all(human::render(catalog, report).as_bytes()),
        Format::Concise => out.write_all(concise::render(catalog, report).as_bytes()),
        Format::Json => json::write(catalog, report, out),
        Format::Sarif => sarif::write(report, out),
        Format::Github => out.write_all(github::render(report).as_bytes()),
    }
}

/// Writes text to standard output. A closed pipe (`rakscan … | head`) is not an error.
pub fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    ignore_broken_pipe(out.write_all(text.as_bytes()).and_then(|_| out.flush()))
}

/// A write to a pipe whose reader has gone (`rakscan … | head`) counts as done.
fn ignore_broken_pipe(written: std::io::Result<()>) -> anyhow::Result<()> {
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
