//! `--format sarif`: SARIF 2.1.0, one run, the rules with help text, one result per finding
//! with a content-based fingerprint (stable when lines move).

use crate::scan::ScanReport;
use rakscan_core::finding::stable_hash;
use rakscan_core::rule_ids::{RuleInfo, Severity, all_rules};
use serde_json::{Value, json};
use std::collections::HashMap;

pub fn render(report: &ScanReport) -> anyhow::Result<String> {
    let rules: Vec<&RuleInfo> = all_rules();
    let rule_index: HashMap<&str, usize> =
        rules.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let mut occurrences: HashMap<String, usize> = HashMap::new();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|finding| {
            let rule = finding.rule();
            let identity = finding.identity();
            let occurrence = occurrences.entry(identity.clone()).or_insert(0);
            *occurrence += 1;
            let location = finding.location();
            Ok(json!({
                "ruleId": rule.id,

                "ruleIndex": rule_index[rule.id],
                "level": level(report.severity(finding)),
                "message": { "text": finding.message() },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": location.path, "uriBaseId": "%SRCROOT%" },
                        "region": { "startLine": location.line, "startColumn": location.column_utf16 }
                    }
                }],
                "partialFingerprints": { "rakscanFinding/v1": stable_hash(&format!("{identity}|{occurrence}")) },
                "properties": serde_json::to_value(finding)?,
            }))
        })
        .collect::<Result<_, serde_json::Error>>()?;
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "rakscan",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/rakscan/rakscan",
                "rules": rules.iter().map(|r| json!({
                    "id": r.id,
                    "name": r.id,
                    "shortDescription": { "text": r.summary },
                    "fullDescription": { "text": r.help },
                    "help": { "text": r.help },
                    "defaultConfiguration": { "level": level(r.default_severity) },
                })).collect::<Vec<_>>(),
            }},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&sarif)?;
    text.push('\n');
    Ok(text)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "note",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}
