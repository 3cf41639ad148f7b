//! `--format json`: exactly one JSON object, `{"findings": [...], "permissions": [...]}`.

use crate::scan::ScanReport;
use rakscan_core::Catalog;
use rakscan_core::summary::summarize;
use serde_json::json;

pub fn render(catalog: &Catalog, report: &ScanReport) -> anyhow::Result<String> {
    let value = json!({
        "findings": report.findings,
        "permissions": summarize(catalog, &report.findings),
    });
    let mut text = serde_json::to_string_pretty(&value)?;
    text.push('\n');
    Ok(text)
}
