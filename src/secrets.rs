//! The secret pass of a scan: `rakscan-secrets` over a file's bytes, converted into core
//! findings, and the baseline that accepts known keys.

use anyhow::{Context, Result};
use rakscan_core::Finding;
use rakscan_core::finding::{LineIndex, Location, SecretLiteral};
use rakscan_secrets::{Baseline, BaselineEntry, SecretFinding};
use std::path::Path;

/// Finds the key literals in one file, shown as `path()` (asked only when there are some).
/// The full key is kept only when `show_secrets`.
pub fn scan_bytes<'p>(
    path: impl FnOnce() -> &'p str,
    bytes: &[u8],
    text: Option<&str>,
    show_secrets: bool,
) -> Vec<Finding> {
    let found = rakscan_secrets::scan(bytes).findings;
    if found.is_empty() {
        return Vec::new();
    }
    let path = path();
    let lines = text.map(LineIndex::new);
    found
        .into_iter()
        .map(|f| Finding::Secret(convert(path, &f, lines.as_ref(), show_secrets)))
        .collect()
}

fn convert(
    path: &str,
    f: &SecretFinding,
    lines: Option<&LineIndex<'_>>,
    show_secrets: bool,
) -> SecretLiteral {
    let location = match lines {
        Some(lines) => lines.location(path, f.span.start),
        None => Location {
            path: path.to_owned(),
            line: f.line,
            column: f.column,
            column_utf16: f.column,
        },
    };
    SecretLiteral {
        location,
        secret_type: f.secret_type.as_str().to_owned(),
        severity: f.severity,
        redacted: f.redacted.clone(),
        fingerprint: f.fingerprint.clone(),
        occurrence: f.occurrence,
        reason: f.reason.map(str::to_owned),
        context: f.context.map(|c| c.describe()),
        hint: f.hint.map(str::to_owned),
        secret: show_secrets.then(|| f.expose_secret().to_owned()),
    }
}

fn entry(secret: &SecretLiteral) -> BaselineEntry {
    BaselineEntry {
        rule: secret.secret_type.clone(),
        path: secret.location.path.clone(),
        fingerprint: secret.fingerprint.clone(),
        occurrence: secret.occurrence,
    }
}

/// Reads a baseline written by `--write-baseline`.
pub fn read_baseline(path: &Path) -> Result<Baseline> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read baseline {}", path.display()))?;
    Baseline::from_json(&text).with_context(|| format!("baseline {}", path.display()))
}

/// Drops the secret findings the baseline accepts; returns how many it dropped.
pub fn apply_baseline(findings: &mut Vec<Finding>, baseline: &Baseline) -> usize {
    let before = findings.len();
    findings.retain(|f| !matches!(f, Finding::Secret(s) if baseline.contains_entry(&entry(s))));
    before - findings.len()
}

/// Writes a baseline accepting every secret finding (keys never stored: only fingerprints).
pub fn write_baseline(path: &Path, findings: &[Finding]) -> Result<usize> {
    let baseline = Baseline::from_entries(findings.iter().filter_map(|f| match f {
        Finding::Secret(s) => Some(entry(s)),
        _ => None,
    }));
    std::fs::write(path, baseline.to_json())
        .with_context(|| format!("cannot write baseline {}", path.display()))?;
    Ok(baseline.len())
}

/// Redacts the keys that found their way into the text of call findings (a key written as a
/// method name, or quoted in an unresolved call's reason), even cut short by truncation.
pub fn redact_call_text(findings: &mut [Finding]) {
    let redact = |text: &mut String| {
        if rakscan_secrets::scan(text.as_bytes()).findings.is_empty() {
            return;
        }
        *text = redacted_text(text.as_bytes());
    };
    for finding in findings {
        match finding {
            Finding::ApiCall(call) => redact(&mut call.call),
            Finding::Unresolved(unresolved) => {
                redact(&mut unresolved.call);
                redact(&mut unresolved.reason);
            }
            _ => {}
        }
    }
}

/// Text of the same length with the body of every key literal masked (`sk_live_****…a1b2`
/// keeps byte offsets), for error messages that underline a place in a file.
pub fn masked_text(text: &str) -> String {
    let scan = rakscan_secrets::scan(text.as_bytes());
    let mut bytes = text.as_bytes().to_vec();
    for f in scan.findings.iter().chain(&scan.allowed) {
        let key = &mut bytes[f.span.clone()];
        let body = key.iter().rposition(|&b| b == b'_').map_or(0, |i| i + 1);
        let keep = key.len().saturating_sub(4).max(body);
        key[body..keep].fill(b'*');
    }
    String::from_utf8(bytes).unwrap_or_else(|_| redacted_text(text.as_bytes()))
}

/// A file's text with every key literal replaced by its redacted form, for source snippets.
pub fn redacted_text(bytes: &[u8]) -> String {
    let scan = rakscan_secrets::scan(bytes);
    let mut found: Vec<&SecretFinding> = scan.findings.iter().chain(&scan.allowed).collect();
    found.sort_by_key(|f| f.span.start);
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    for f in found {
        if f.span.start < at {
            continue;
        }
        out.extend_from_slice(&bytes[at..f.span.start]);
        out.extend_from_slice(f.redacted.as_bytes());
        at = f.span.end;
    }
    out.extend_from_slice(&bytes[at..]);
    String::from_utf8_lossy(&out).into_owned()
}
