//! Consistency checks over the rule tables. `cargo test` runs them on the embedded rules, so a
//! stale or self-contradicting import fails CI.

use super::model::*;
use crate::catalog::path_shape;
use std::collections::{BTreeSet, HashMap, HashSet};

/// One inconsistency in the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleProblem(pub String);

impl std::fmt::Display for RuleProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

const METHODS: [&str; 3] = ["GET", "POST", "DELETE"];

/// Returns every problem found; an empty list means the rules are consistent.
pub fn validate(rules: &Rules) -> Vec<RuleProblem> {
    let mut problems = Vec::new();
    let mut say = |s: String| problems.push(RuleProblem(s));

    let groups: HashSet<&str> = rules
        .permission_groups
        .iter()
        .map(|g| g.permission.as_str())
        .collect();
    if groups.len() != rules.permission_groups.len() {
        say("permission-groups.yaml: a permission is listed twice".into());
    }
    for group in &rules.permission_groups {
        for implied in &group.implies {
            if !groups.contains(implied.as_str()) {
                say(format!(
                    "permission-groups.yaml: {} implies unknown {implied}",
                    group.permission
                ));
            }
        }
    }

    let mut operations = HashSet::new();
    for op in &rules.operations {
        if !METHODS.contains(&op.method.as_str()) {
            say(format!(
                "operations.yaml: {} {}: unknown HTTP method",
                op.method, op.path
            ));
        }
        if !well_formed_path(&op.path) {
            say(format!(
                "operations.yaml: {} {}: malformed path",
                op.method, op.path
            ));
        }
        if op.api != "v1" && op.api != "v2" {
            say(format!(
                "operations.yaml: {} {}: api must be v1 or v2",
                op.method, op.path
            ));
        }
        if op.bindings.is_empty() {
            say(format!(
                "operations.yaml: {} {}: no SDK binding",
                op.method, op.path
            ));
        }
        if !operations.insert((op.method.clone(), path_shape(&op.path))) {
            say(format!(
                "operations.yaml: {} {} is listed twice",
                op.method, op.path
            ));
        }
    }

    let mut endpoints: HashMap<(String, String), &PermissionRule> = HashMap::new();
    for rule in &rules.permissions {
        let key = (rule.method.clone(), path_shape(&rule.path));
        if endpoints.insert(key, rule).is_some() {
            say(format!(
                "permissions.yaml: {} {} is listed twice",
                rule.method, rule.path
            ));
        }
        match (&rule.permission, rule.provenance) {
            (None, Provenance::Unknown) => {
                if rule.note.is_empty() {
                    say(format!(
                        "permissions.yaml: {} {}: unknown permission without a reason",
                        rule.method, rule.path
                    ));
                }
            }
            (None, _) => say(format!(
                "permissions.yaml: {} {}: no permission but provenance is not unknown",
                rule.method, rule.path
            )),
            (Some(p), Provenance::Unknown) => say(format!(
                "permissions.yaml: {} {}: {p} with provenance unknown",
                rule.method, rule.path
            )),
            (Some(p), _) => {
                if !groups.contains(p.as_str()) {
                    say(format!(
                        "permissions.yaml: {} {}: permission {p} has no metadata in permission-groups.yaml",
                        rule.method, rule.path
                    ));
                }
            }
        }
    }
    for op in &rules.operations {
        if !endpoints.contains_key(&(op.method.clone(), path_shape(&op.path))) {
            say(format!(
                "operations.yaml: {} {} has no row in permissions.yaml",
                op.method, op.path
            ));
        }
    }

    let mut seen = BTreeSet::new();
    for s in &rules.spellings {
        if s.note.is_empty() && !operations.contains(&(s.method.clone(), path_shape(&s.path))) {
            say(format!(
                "sdk-spellings.yaml: {} {} {}.{} names unknown operation {} {}",
                s.sdk, s.style, s.receiver, s.name, s.method, s.path
            ));
        }
        if !seen.insert((&s.sdk, &s.style, &s.receiver, &s.name, &s.method, &s.path)) {
            say(format!(
                "sdk-spellings.yaml: {} {}.{} is listed twice",
                s.sdk, s.receiver, s.name
            ));
        }
    }

    // Expansion targets without a resource (legacy `order`, `sku`, `recipient`; an empty target
    // list) are gaps, not contradictions: the resolver reports them as unknown permissions.
    problems
}

fn well_formed_path(path: &str) -> bool {
    (path.starts_with("/v1/") || path.starts_with("/v2/"))
        && !path.contains("//")
        && !path.contains("x-stripeParametersOverride_")
        && path.split('/').skip(1).all(|segment| {
            !segment.is_empty()
                && (segment.starts_with('{') == segment.ends_with('}'))
                && segment
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_{}.-".contains(c))
        })
}
