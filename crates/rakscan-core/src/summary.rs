//! The de-duplicated list of permissions a set of findings needs.

use crate::catalog::Catalog;
use crate::finding::{Access, Finding};
use crate::rules::Provenance;
use serde::Serialize;
use std::collections::BTreeMap;

/// One permission the scanned code needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PermissionNeed {
    pub permission: String,
    pub access: Access,
    /// The Dashboard row label and category, when the rules know them.
    pub label: Option<String>,
    pub category: Option<String>,
    /// The most certain evidence among the call sites that need it.
    pub provenance: Provenance,
    /// Call sites that need it directly (including those needing the read twin it covers).
    pub call_sites: usize,
    /// Call sites that need it only through an `expand` path.
    pub expansion_sites: usize,
    /// Read permissions this write permission covers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
    /// Some call site needs it on behalf of a connected account, but it is Direct-only.
    pub connect_conflict: bool,
}

/// Builds the summary: one entry per permission, write covering its read twin, sorted by name.
pub fn summarize(catalog: &Catalog, findings: &[Finding]) -> Vec<PermissionNeed> {
    let mut needs: BTreeMap<String, PermissionNeed> = BTreeMap::new();
    let mut add = |permission: &str, provenance: Provenance, direct: bool, conflict: bool| {
        let entry = needs
            .entry(permission.to_owned())
            .or_insert_with(|| PermissionNeed {
                permission: permission.to_owned(),
                access: Access::of(Some(permission), "GET"),
                label: catalog.group(permission).map(|g| g.label.clone()),
                category: catalog.group(permission).map(|g| g.category.clone()),
                provenance,
                call_sites: 0,
                expansion_sites: 0,
                covers: Vec::new(),
                connect_conflict: false,
            });
        entry.provenance = entry.provenance.min(provenance);
        if direct {
            entry.call_sites += 1;
        } else {
            entry.expansion_sites += 1;
        }
        entry.connect_conflict |= conflict;
    };
    for finding in findings {
        let Finding::ApiCall(call) = finding else {
            continue;
        };
        if let Some(p) = &call.permission {
            add(p, call.provenance, true, call.connect && call.direct_only);
        }
        for expansion in &call.expansions {
            for read in &expansion.reads {
                if let Some(p) = &read.permission {
                    add(p, read.provenance, false, false);
                }
            }
        }
    }
    let writes: Vec<String> = needs
        .keys()
        .filter(|p| p.ends_with("_write"))
        .cloned()
        .collect();
    for write in writes {
        let read = format!("{}_read", write.trim_end_matches("_write"));
        if let Some(covered) = needs.remove(&read) {
            let w = needs.get_mut(&write).expect("write entry exists");
            w.call_sites += covered.call_sites;
            w.expansion_sites += covered.expansion_sites;
            w.provenance = w.provenance.min(covered.provenance);
            w.connect_conflict |= covered.connect_conflict;
            w.covers.push(read);
        }
    }
    needs.into_values().collect()
}
