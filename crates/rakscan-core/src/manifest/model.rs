//! The manifest of one restricted key, as `rakscan manifest` writes it.

use super::dashboard::dashboard_url;
use super::needs::{Need, NeedsAndReview};
use crate::catalog::Catalog;
use crate::finding::{Access, Location};
use crate::rules::Provenance;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// The least-privilege manifest of one key. Every list is sorted, so the YAML diffs well.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Manifest {
    /// The key's name (pre-filled in the Dashboard form).
    pub name: String,
    /// Opens Stripe's "create restricted key" form with exactly [`Manifest::permissions`].
    pub dashboard_url: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Sorted by permission name.
    pub permissions: Vec<PermissionEntry>,
    /// Connect calls on a Direct-only permission.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Calls whose permission rakscan cannot name: a person must decide.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub review: Vec<ReviewItem>,
}

/// One permission the key needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PermissionEntry {
    pub permission: String,
    pub access: Access,
    /// The Dashboard row label and category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The most certain provenance among its call sites.
    pub provenance: Provenance,
    /// The read twin this write permission covers (some call site only reads).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
    /// Other listed permissions that, per Stripe's permission list, already imply this one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub implied_by: Vec<String>,
    /// The permission cannot authorise calls made on behalf of a connected account.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub direct_only: bool,
    /// Every call site that needs it, sorted by path and line.
    pub evidence: Vec<Evidence>,
}

/// One call site behind a permission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    #[serde(skip)]
    pub location: Location,
    /// `path:line`.
    pub at: String,
    /// The call as written.
    pub call: String,
    /// `METHOD /path/template`.
    pub operation: String,
    /// The expand path that needs the permission (read on the expanded object).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expand: Option<String>,
    /// What the call site itself needs, when it is the read twin of the entry's permission.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needs: Option<String>,
    /// The call is made on behalf of a connected account.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub connect: bool,
    /// The receiver is only named like a Stripe client.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub likely: bool,
}

/// A call whose permission is not known, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewItem {
    #[serde(skip)]
    pub location: Location,
    pub at: String,
    pub call: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    pub reason: String,
}

impl Manifest {
    /// Groups needs per permission: a write permission absorbs its read twin's call sites (and
    /// lists the twin in `covers`), so the manifest never lists both.
    pub fn build(
        catalog: &Catalog,
        name: &str,
        found: &NeedsAndReview,
        notes: Vec<String>,
    ) -> Manifest {
        let mut entries: BTreeMap<String, PermissionEntry> = BTreeMap::new();
        let needed: HashSet<&str> = found.needs.iter().map(|n| n.permission.as_str()).collect();
        for need in &found.needs {
            let listed = covering_write(&need.permission, &needed);
            let entry = entries
                .entry(listed.clone())
                .or_insert_with(|| new_entry(catalog, &listed, need.provenance));
            entry.provenance = entry.provenance.min(need.provenance);
            entry.direct_only |= need.direct_only && need.permission == listed;
            if need.permission != listed && !entry.covers.contains(&need.permission) {
                entry.covers.push(need.permission.clone());
            }
            let mut evidence = need.evidence.clone();
            if need.permission != listed {
                evidence.needs = Some(need.permission.clone());
            }
            entry.evidence.push(evidence);
        }
        let names: Vec<String> = entries.keys().cloned().collect();
        for entry in entries.values_mut() {
            entry.implied_by = names
                .iter()
                .filter(|other| {
                    catalog
                        .group(other)
                        .is_some_and(|g| g.implies.contains(&entry.permission))
                })
                .cloned()
                .collect();
            entry
                .evidence
                .sort_by(|a, b| evidence_key(a).cmp(&evidence_key(b)));
            entry.evidence.dedup();
            entry.covers.sort();
        }
        let warnings = connect_warnings(&found.needs);
        let mut review = found.review.clone();
        review.sort_by(|a, b| {
            (&a.location, &a.call, &a.reason).cmp(&(&b.location, &b.call, &b.reason))
        });
        review.dedup();
        Manifest {
            name: name.to_owned(),
            dashboard_url: dashboard_url(name, names.iter().map(String::as_str)),
            notes,
            permissions: entries.into_values().collect(),
            warnings,
            review,
        }
    }

    /// The permission names the key is granted, sorted.
    pub fn permission_names(&self) -> impl Iterator<Item = &str> {
        self.permissions.iter().map(|p| p.permission.as_str())
    }
}

/// The permission a need is listed under: its write twin when that is needed too.
fn covering_write(permission: &str, needed: &HashSet<&str>) -> String {
    if let Some(stem) = permission.strip_suffix("_read") {
        let write = format!("{stem}_write");
        if needed.contains(write.as_str()) {
            return write;
        }
    }
    permission.to_owned()
}

fn new_entry(catalog: &Catalog, permission: &str, provenance: Provenance) -> PermissionEntry {
    let group = catalog.group(permission);
    PermissionEntry {
        permission: permission.to_owned(),
        access: Access::of(Some(permission), "GET"),
        label: group.map(|g| g.label.clone()),
        category: group.map(|g| g.category.clone()),
        provenance,
        covers: Vec::new(),
        implied_by: Vec::new(),
        direct_only: false,
        evidence: Vec::new(),
    }
}

fn evidence_key(e: &Evidence) -> (&Location, &str, &Option<String>, &Option<String>) {
    (&e.location, &e.call, &e.expand, &e.needs)
}

fn connect_warnings(needs: &[Need]) -> Vec<String> {
    let mut conflicts: Vec<&Need> = needs
        .iter()
        .filter(|n| n.direct_only && n.evidence.connect)
        .collect();
    conflicts.sort_by(|a, b| {
        (&a.evidence.location, &a.permission).cmp(&(&b.evidence.location, &b.permission))
    });
    conflicts.dedup_by(|a, b| {
        a.evidence.location == b.evidence.location && a.permission == b.permission
    });
    conflicts
        .iter()
        .map(|n| {
            format!(
                "{} is Direct-only: it cannot authorise the Connect call {} at {} (made on behalf \
                 of a connected account)",
                n.permission, n.evidence.call, n.evidence.at
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expand::{ExpansionNeed, ObjectRead};
    use crate::finding::{ApiCall, Finding, Unresolved};
    use crate::ir::Certainty;
    use crate::manifest::needs;

    fn call(line: usize, method: &str, endpoint: &str, permission: Option<&str>) -> ApiCall {
        ApiCall {
            location: Location {
                path: "app.py".into(),
                line,
                column: 5,
                column_utf16: 5,
            },
            language: "python".into(),
            call: format!("stripe.call{line}"),
            method: method.into(),
            endpoint: endpoint.into(),
            operation_id: None,
            permission: permission.map(str::to_owned),
            access: Access::of(permission, method),
            provenance: if permission.is_some() {
                Provenance::Inferred
            } else {
                Provenance::Unknown
            },
            permission_note: None,
            direct_only: false,
            connect: false,
            confidence: Certainty::Certain,
            expansions: Vec::new(),
        }
    }

    #[test]
    fn write_absorbs_read_and_expansions_are_evidence() {
        let catalog = Catalog::embedded().unwrap();
        let mut retrieve = call(
            3,
            "GET",
            "/v1/payment_intents/{intent}",
            Some("payment_intent_read"),
        );
        retrieve.expansions = vec![ExpansionNeed {
            expand: "customer".into(),
            reads: vec![ObjectRead {
                object: "customer".into(),
                permission: Some("customer_read".into()),
                provenance: Provenance::Secondary,
            }],
            unknown: None,
        }];
        let mut connect = call(9, "POST", "/v1/customers", Some("customer_write"));
        connect.connect = true;
        connect.direct_only = true;
        let findings = vec![
            Finding::ApiCall(retrieve),
            Finding::ApiCall(connect),
            Finding::ApiCall(call(12, "GET", "/v1/apps/installs", None)),
            Finding::Unresolved(Unresolved {
                location: Location {
                    path: "app.py".into(),
                    line: 1,
                    column: 1,
                    column_utf16: 1,
                },
                language: "python".into(),
                call: "getattr()".into(),
                reason: "dynamic".into(),
            }),
        ];
        let m = Manifest::build(catalog, "svc", &needs(&findings), Vec::new());
        let names: Vec<&str> = m.permission_names().collect();
        assert_eq!(names, ["customer_write", "payment_intent_read"]);
        let customer = &m.permissions[0];
        assert_eq!(customer.covers, ["customer_read"]);
        assert_eq!(customer.provenance, Provenance::Secondary);
        assert!(customer.direct_only);
        assert_eq!(customer.evidence[0].expand.as_deref(), Some("customer"));
        assert_eq!(customer.evidence[0].needs.as_deref(), Some("customer_read"));
        assert!(customer.evidence[1].connect);
        assert_eq!(m.warnings.len(), 1);
        let review: Vec<&str> = m.review.iter().map(|r| r.at.as_str()).collect();
        assert_eq!(review, ["app.py:1", "app.py:12"]);
        assert!(m.dashboard_url.ends_with(
            "?name=svc&permissions%5B%5D=rak_customer_write&permissions%5B%5D=rak_payment_intent_read"
        ));
    }
}
