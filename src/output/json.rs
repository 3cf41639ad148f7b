//! `--format json`: exactly one JSON object, `{"findings": [...], "permissions": [...]}`,
//! written finding by finding.

use super::stream::{EachAsValue, write_pretty};
use crate::scan::ScanReport;
use rakscan_core::Catalog;
use rakscan_core::summary::summarize;
use serde::Serialize;
use std::io::Write;

/// The document, keys in the order `Value` maps print them (sorted).
#[derive(Serialize)]
struct Document<'a, P> {
    findings: EachAsValue<'a, rakscan_core::Finding>,
    permissions: EachAsValue<'a, P>,
}

pub fn write(catalog: &Catalog, report: &ScanReport, out: &mut dyn Write) -> std::io::Result<()> {
    let permissions = summarize(catalog, &report.findings);
    let document = Document {
        findings: EachAsValue(&report.findings),
        permissions: EachAsValue(&permissions),
    };
    write_pretty(out, &document)
}
