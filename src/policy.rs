//! Rule levels from the `rules:` section of `.rakscan.yaml`, in one place: a finding of a rule
//! set to `off` is dropped; any other level replaces the rule's default severity everywhere the
//! severity is used (every output format, `--fail-on`).

use rakscan_core::Finding;
use rakscan_core::rule_ids::Severity;
use serde::Deserialize;
use std::collections::HashMap;

/// A rule's level as written in `.rakscan.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Never reported.
    Off,
    Info,
    Warning,
    Error,
}

/// The configured levels, by rule id; rules not named keep their defaults.
#[derive(Debug, Default, Clone)]
pub struct RulePolicy {
    levels: HashMap<String, Level>,
}

impl RulePolicy {
    /// Sets the level of one rule.
    pub fn set(&mut self, rule: &str, level: Level) {
        self.levels.insert(rule.to_owned(), level);
    }

    /// Drops the findings of rules that are `off`.
    pub fn retain(&self, findings: &mut Vec<Finding>) {
        findings.retain(|f| self.levels.get(f.rule().id) != Some(&Level::Off));
    }

    /// The severity a finding is reported with.
    pub fn severity(&self, finding: &Finding) -> Severity {
        match self.levels.get(finding.rule().id) {
            Some(Level::Info) => Severity::Info,
            Some(Level::Warning) => Severity::Warning,
            Some(Level::Error) => Severity::Error,
            Some(Level::Off) | None => finding.severity(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rakscan_core::finding::{Location, UnusedSuppression};

    fn unused() -> Finding {
        Finding::UnusedSuppression(UnusedSuppression {
            location: Location {
                path: "a.py".into(),
                line: 1,
                column: 1,
                column_utf16: 1,
            },
            rules: Vec::new(),
        })
    }

    #[test]
    fn levels_replace_defaults_and_off_drops() {
        let mut policy = RulePolicy::default();
        assert_eq!(policy.severity(&unused()), Severity::Warning);
        policy.set("unused-suppression", Level::Error);
        assert_eq!(policy.severity(&unused()), Severity::Error);
        let mut findings = vec![unused()];
        policy.retain(&mut findings);
        assert_eq!(findings.len(), 1);
        policy.set("unused-suppression", Level::Off);
        policy.retain(&mut findings);
        assert!(findings.is_empty());
    }
}
