//! Splitting a scan's findings among restricted keys: a call belongs to every key whose paths
//! contain its file; calls no key claims go to a default key.

use crate::config::Loaded;
use crate::scan::ScanReport;
use crate::walk::display_path;
use rakscan_core::Finding;
use std::path::PathBuf;

/// The name of the key that takes the calls no configured key claims.
pub const DEFAULT_KEY: &str = "default";

/// The findings of one key.
#[derive(Debug)]
pub struct KeyFindings {
    pub name: String,
    /// Said in the manifest (for example why this is the default key).
    pub notes: Vec<String>,
    pub findings: Vec<Finding>,
}

/// One entry per configured key (in file order, even with no calls), then the default key if
/// any call is unclaimed. With no keys configured, everything goes to one key named
/// `single_name`.
pub fn split(report: &ScanReport, config: &Loaded, single_name: &str) -> Vec<KeyFindings> {
    if config.keys.is_empty() {
        return vec![KeyFindings {
            name: single_name.to_owned(),
            notes: Vec::new(),
            findings: report.findings.clone(),
        }];
    }
    let mut out: Vec<KeyFindings> = config
        .keys
        .iter()
        .map(|(name, _)| KeyFindings {
            name: name.clone(),
            notes: Vec::new(),
            findings: Vec::new(),
        })
        .collect();
    let mut unclaimed = Vec::new();
    for finding in &report.findings {
        let owners = absolute_path(report, &finding.location().path)
            .map(|p| config.keys_for(&p))
            .unwrap_or_default();
        if owners.is_empty() {
            unclaimed.push(finding.clone());
        }
        for owner in owners {
            if let Some(key) = out.iter_mut().find(|k| k.name == owner) {
                key.findings.push(finding.clone());
            }
        }
    }
    if !unclaimed.is_empty() {
        let config_file = config
            .file
            .as_ref()
            .map(|f| f.display().to_string())
            .unwrap_or_default();
        out.push(KeyFindings {
            name: DEFAULT_KEY.to_owned(),
            notes: vec![format!(
                "calls in files that no key's paths in {config_file} match; add their paths to \
                 the key of the service that runs them"
            )],
            findings: unclaimed,
        });
    }
    out
}

/// The canonical path of a finding's file, found again from the scanned roots.
fn absolute_path(report: &ScanReport, shown: &str) -> Option<PathBuf> {
    report.files.roots.iter().find_map(|root| {
        let candidate = if root.is_file() {
            (display_path(root, root) == shown).then(|| root.clone())?
        } else {
            root.join(shown)
        };
        candidate.canonicalize().ok()
    })
}
