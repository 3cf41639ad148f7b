//! Baselines: the secrets a project has accepted, so only new ones fail a scan.
//!
//! An entry is keyed on content, never on position: the rule (secret type), the file's path,
//! the key's fingerprint and its occurrence index among the same key in that file. Moving a
//! key to another line keeps it accepted; a new key, or the same key added once more, is
//! new. A baseline holds neither the secret nor a line number.
//!
//! ```json
//! { "version": 1,
//!   "secrets": [ { "rule": "secret_key_live", "path": "app/config.py",
//!                  "fingerprint": "9f…", "occurrence": 0 } ] }
//! ```

use crate::finding::SecretFinding;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The only format version this crate reads and writes.
pub const BASELINE_VERSION: u32 = 1;

/// One accepted secret.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    /// The secret type (rule id), e.g. `secret_key_live`.
    pub rule: String,
    /// The file's path as the scan reports it (relative to the scanned root, `/`-separated).
    pub path: String,
    /// The key's fingerprint (salted SHA-256, 64 hex digits).
    pub fingerprint: String,
    /// 0-based index among the matches of the same rule and fingerprint in the file.
    pub occurrence: usize,
}

impl BaselineEntry {
    /// The entry that would accept `finding` in the file at `path`.
    pub fn of(path: &str, finding: &SecretFinding) -> Self {
        BaselineEntry {
            rule: finding.secret_type.as_str().to_owned(),
            path: path.to_owned(),
            fingerprint: finding.fingerprint.clone(),
            occurrence: finding.occurrence,
        }
    }
}

/// A set of accepted secrets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    entries: BTreeSet<BaselineEntry>,
}

/// The file format: a version and the entries in a stable order.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    secrets: Vec<BaselineEntry>,
}

/// Why a baseline file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// Not JSON of the baseline's shape.
    #[error("invalid baseline: {0}")]
    Json(#[from] serde_json::Error),
    /// A version this crate does not know.
    #[error("unsupported baseline version {found} (expected {BASELINE_VERSION})")]
    Version {
        /// The version the file declares.
        found: u32,
    },
    /// An entry whose fingerprint is not 64 lowercase hex digits.
    #[error("invalid fingerprint in baseline entry for {path}")]
    Fingerprint {
        /// The path of the offending entry.
        path: String,
    },
}

impl Baseline {
    /// The baseline accepting every given finding, each with the path of its file.
    pub fn from_findings<'a>(
        findings: impl IntoIterator<Item = (&'a str, &'a SecretFinding)>,
    ) -> Self {
        Baseline {
            entries: findings
                .into_iter()
                .map(|(path, f)| BaselineEntry::of(path, f))
                .collect(),
        }
    }

    /// Whether `finding`, found in the file at `path`, is accepted.
    /// A baseline of the given entries (for callers that keep findings in their own type).
    pub fn from_entries(entries: impl IntoIterator<Item = BaselineEntry>) -> Self {
        Baseline {
            entries: entries.into_iter().collect(),
        }
    }

    /// Whether the baseline accepts this entry.
    pub fn contains_entry(&self, entry: &BaselineEntry) -> bool {
        self.entries.contains(entry)
    }

    pub fn contains(&self, path: &str, finding: &SecretFinding) -> bool {
        self.entries.contains(&BaselineEntry::of(path, finding))
    }

    /// The findings of one file that the baseline does not accept.
    pub fn new_findings<'a>(
        &'a self,
        path: &'a str,
        findings: &'a [SecretFinding],
    ) -> impl Iterator<Item = &'a SecretFinding> + 'a {
        findings.iter().filter(move |f| !self.contains(path, f))
    }

    /// The accepted secrets, in a stable order.
    pub fn entries(&self) -> impl Iterator<Item = &BaselineEntry> {
        self.entries.iter()
    }

    /// The number of accepted secrets.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is accepted.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The baseline as pretty JSON with a trailing newline; byte-stable for equal baselines.
    pub fn to_json(&self) -> String {
        let file = BaselineFile {
            version: BASELINE_VERSION,
            secrets: self.entries.iter().cloned().collect(),
        };
        let mut text = serde_json::to_string_pretty(&file).expect("a baseline always serialises");
        text.push('\n');
        text
    }

    /// Reads a baseline written by [`Baseline::to_json`].
    pub fn from_json(text: &str) -> Result<Self, BaselineError> {
        let file: BaselineFile = serde_json::from_str(text)?;
        if file.version != BASELINE_VERSION {
            return Err(BaselineError::Version {
                found: file.version,
            });
        }
        if let Some(bad) = file
            .secrets
            .iter()
            .find(|e| !is_fingerprint(&e.fingerprint))
        {
            return Err(BaselineError::Fingerprint {
                path: bad.path.clone(),
            });
        }
        Ok(Baseline {
            entries: file.secrets.into_iter().collect(),
        })
    }
}

/// Whether `s` has the shape of a fingerprint: 64 lowercase hex digits.
fn is_fingerprint(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fake;
    use crate::patterns::PATTERNS;
    use crate::scan::scan;

    fn keys() -> (String, String) {
        (
            fake::key(&PATTERNS[0], 24, 11),
            fake::key(&PATTERNS[2], 99, 12),
        )
    }

    #[test]
    fn accepted_findings_survive_moves_and_new_ones_fail() {
        let (a, b) = keys();
        let before = scan(format!("x = '{a}'\n").as_bytes()).findings;
        let baseline = Baseline::from_findings(before.iter().map(|f| ("app/x.py", f)));

        // The same key moved down two lines is still accepted...
        let moved = scan(format!("\n\nx = '{a}'\n").as_bytes()).findings;
        assert_eq!(baseline.new_findings("app/x.py", &moved).count(), 0);
        // ...but not in another file, nor a second copy, nor a different key.
        assert!(!baseline.contains("app/y.py", &moved[0]));
        let more = scan(format!("x = '{a}'\ny = '{a}'\nz = '{b}'\n").as_bytes()).findings;
        let new: Vec<usize> = baseline
            .new_findings("app/x.py", &more)
            .map(|f| f.line)
            .collect();
        assert_eq!(new, [2, 3]);
    }

    #[test]
    fn json_round_trips_and_holds_no_secret_or_line() {
        let (a, b) = keys();
        let text = format!("{a}\n{b}\n{a}\n");
        let found = scan(text.as_bytes()).findings;
        let baseline = Baseline::from_findings(found.iter().map(|f| (".env", f)));
        let json = baseline.to_json();
        assert!(!json.contains(&a) && !json.contains(&b));
        assert!(!json.contains("\"line\""));
        assert!(!json.contains(&a[a.len() - 8..]));
        let back = Baseline::from_json(&json).unwrap();
        assert_eq!(back, baseline);
        assert_eq!(back.len(), 3);
        assert_eq!(back.to_json(), json);
    }

    #[test]
    fn malformed_baselines_are_errors() {
        assert!(matches!(
            Baseline::from_json("{\"version\":2,\"secrets\":[]}"),
            Err(BaselineError::Version { found: 2 })
        ));
        let bad_fp = r#"{"version":1,"secrets":[{"rule":"r","path":"p","fingerprint":"zz","occurrence":0}]}"#;
        assert!(matches!(
            Baseline::from_json(bad_fp),
            Err(BaselineError::Fingerprint { .. })
        ));
        assert!(matches!(
            Baseline::from_json(r#"{"version":1,"secrets":[],"extra":1}"#),
            Err(BaselineError::Json(_))
        ));
        assert!(
            Baseline::from_json("{\"version\":1,\"secrets\":[]}")
                .unwrap()
                .is_empty()
        );
    }
}
