//! `rakscan check`: the code's needs against the permissions a committed manifest grants.

use super::grants::{Grant, Grants};
use super::model::{Evidence, ReviewItem};
use super::needs::NeedsAndReview;
use super::{read_twin, write_twin};
use crate::catalog::Catalog;
use std::collections::BTreeMap;

/// The outcome of one comparison.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Needed and not granted: each would be a 403 in production. Sorted by permission.
    pub missing: Vec<Missing>,
    /// Granted and not needed (least privilege). In manifest order.
    pub unused: Vec<Unused>,
    /// Needed permissions granted only because a granted permission implies them.
    pub implied: Vec<Implied>,
    /// Calls whose permission is unknown: the check cannot vouch for them.
    pub review: Vec<ReviewItem>,
}

/// A permission the code needs that the manifest does not grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub permission: String,
    /// Sorted call sites.
    pub evidence: Vec<Evidence>,
}

/// A granted permission the code does not use as granted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unused {
    pub grant: Grant,
    /// Set when the write is granted but only its read twin is needed.
    pub narrower: Option<String>,
}

/// A need met only through another granted permission's implications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Implied {
    pub permission: String,
    pub by: String,
}

impl CheckReport {
    /// The code needs nothing the manifest lacks.
    pub fn passes(&self) -> bool {
        self.missing.is_empty()
    }
}

/// Compares needs with grants. A granted write covers its read twin; a permission implied by a
/// granted one (Stripe's `implies` list) counts as granted but is reported in `implied`.
pub fn check(catalog: &Catalog, found: &NeedsAndReview, grants: &Grants) -> CheckReport {
    let granted = |p: &str| grants.permissions.iter().any(|g| g.permission == p);
    let mut used_exactly: Vec<&str> = Vec::new();
    let mut used_for_read: Vec<String> = Vec::new();
    let mut missing: BTreeMap<&str, Vec<Evidence>> = BTreeMap::new();
    let mut implied: Vec<Implied> = Vec::new();
    for need in &found.needs {
        let p = need.permission.as_str();
        if granted(p) {
            used_exactly.push(p);
        } else if let Some(write) = write_twin(p).filter(|w| granted(w)) {
            used_for_read.push(write);
        } else if let Some(by) = grants.permissions.iter().find(|g| {
            catalog
                .group(&g.permission)
                .is_some_and(|group| group.implies.iter().any(|i| i == p))
        }) {
            let item = Implied {
                permission: p.to_owned(),
                by: by.permission.clone(),
            };
            if !implied.contains(&item) {
                implied.push(item);
            }
        } else {
            missing.entry(p).or_default().push(need.evidence.clone());
        }
    }
    let unused = grants
        .permissions
        .iter()
        .filter(|g| !used_exactly.contains(&g.permission.as_str()))
        .map(|g| Unused {
            grant: g.clone(),
            narrower: used_for_read
                .contains(&g.permission)
                .then(|| read_twin(&g.permission))
                .flatten(),
        })
        .collect();
    implied.sort_by(|a, b| (&a.permission, &a.by).cmp(&(&b.permission, &b.by)));
    CheckReport {
        missing: missing
            .into_iter()
            .map(|(permission, mut evidence)| {
                evidence.sort_by(|a, b| (&a.location, &a.expand).cmp(&(&b.location, &b.expand)));
                evidence.dedup();
                Missing {
                    permission: permission.to_owned(),
                    evidence,
                }
            })
            .collect(),
        unused,
        implied,
        review: found.review.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Location;
    use crate::manifest::Need;
    use crate::manifest::grants::parse_grants;
    use crate::rules::Provenance;

    fn need(permission: &str, line: usize) -> Need {
        let location = Location {
            path: "app.py".into(),
            line,
            column: 1,
            column_utf16: 1,
        };
        Need {
            permission: permission.into(),
            provenance: Provenance::Inferred,
            direct_only: false,
            evidence: Evidence {
                at: format!("app.py:{line}"),
                location,
                call: "stripe.X.y".into(),
                operation: "GET /v1/x".into(),
                expand: None,
                needs: None,
                connect: false,
                likely: false,
            },
        }
    }

    fn run(needs: &[(&str, usize)], manifest: &str) -> CheckReport {
        let catalog = Catalog::embedded().unwrap();
        let found = NeedsAndReview {
            needs: needs.iter().map(|(p, l)| need(p, *l)).collect(),
            review: Vec::new(),
        };
        check(catalog, &found, &parse_grants(catalog, manifest).unwrap())
    }

    #[test]
    fn write_covers_read_and_agreement_passes() {
        let r = run(
            &[("customer_read", 1), ("customer_write", 2)],
            "permissions: [customer_write]",
        );
        assert!(r.passes() && r.unused.is_empty(), "{r:?}");
    }

    #[test]
    fn missing_permission_lists_its_call_sites() {
        let r = run(
            &[
                ("customer_write", 3),
                ("refund_write", 7),
                ("refund_write", 5),
            ],
            "permissions: [customer_write]",
        );
        assert!(!r.passes());
        assert_eq!(r.missing.len(), 1);
        assert_eq!(r.missing[0].permission, "refund_write");
        let at: Vec<&str> = r.missing[0]
            .evidence
            .iter()
            .map(|e| e.at.as_str())
            .collect();
        assert_eq!(at, ["app.py:5", "app.py:7"]);
    }

    #[test]
    fn read_does_not_cover_write() {
        let r = run(&[("customer_write", 3)], "permissions: [customer_read]");
        assert_eq!(r.missing[0].permission, "customer_write");
        assert_eq!(r.unused[0].grant.permission, "customer_read");
    }

    #[test]
    fn unused_and_broader_than_needed_grants_are_reported() {
        let r = run(
            &[("customer_read", 3)],
            "permissions: [customer_write, refund_write]",
        );
        assert!(r.passes());
        assert_eq!(r.unused.len(), 2);
        assert_eq!(r.unused[0].narrower.as_deref(), Some("customer_read"));
        assert_eq!(r.unused[1].narrower, None);
    }

    #[test]
    fn implications_cover_but_are_reported() {
        let r = run(
            &[("checkout_session_write", 1), ("payment_intent_read", 2)],
            "permissions: [checkout_session_write]",
        );
        assert!(r.passes());
        assert_eq!(
            r.implied,
            [Implied {
                permission: "payment_intent_read".into(),
                by: "checkout_session_write".into()
            }]
        );
    }
}
