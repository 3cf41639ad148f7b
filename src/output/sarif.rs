//! `--format sarif`: SARIF 2.1.0, one run, the rules with help text, one result per finding
//! with a content-based fingerprint (stable when lines move), written result by result.

use super::stream::write_pretty;
use crate::scan::ScanReport;
use rakscan_core::finding::stable_hash;
use rakscan_core::rule_ids::{RuleInfo, Severity, all_rules};
use serde::Serialize;
use serde::ser::{Error as _, SerializeSeq, Serializer};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::Write;

/// The SARIF log; fields in the order `Value` maps print keys (sorted), as before streaming.
#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    column_kind: &'static str,
    results: Results<'a>,
    tool: Value,
}

/// The results, each built and written on its own.
struct Results<'a>(&'a ScanReport);

pub fn write(report: &ScanReport, out: &mut dyn Write) -> std::io::Result<()> {
    let rules: Vec<&RuleInfo> = all_rules();
    let tool = json!({ "driver": {
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
    }});
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            column_kind: "utf16CodeUnits",
            results: Results(report),
            tool,
        }],
        version: "2.1.0",
    };
    write_pretty(out, &log)
}

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let report = self.0;
        let rule_index: HashMap<&str, usize> = all_rules()
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id, i))
            .collect();
        let mut occurrences: HashMap<String, usize> = HashMap::new();
        let mut seq = serializer.serialize_seq(Some(report.findings.len()))?;
        for finding in &report.findings {
            let rule = finding.rule();
            let identity = finding.identity();
            let occurrence = occurrences.entry(identity.clone()).or_insert(0);
            *occurrence += 1;
            let location = finding.location();
            let properties = serde_json::to_value(finding).map_err(S::Error::custom)?;
            seq.serialize_element(&json!({
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
                "properties": properties,
            }))?;
        }
        seq.end()
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "note",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}
