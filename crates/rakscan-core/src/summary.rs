//! The de-duplicated list of permissions a set of findings needs, as `scan` prints it: the
//! manifest's grouping ([`crate::manifest::Manifest::build`]) counted per permission.

use crate::catalog::Catalog;
use crate::finding::{Access, Finding};
use crate::manifest::{Manifest, needs};
use crate::rules::Provenance;
use serde::Serialize;

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
    let manifest = Manifest::build(catalog, "", &needs(findings), Vec::new());
    manifest
        .permissions
        .into_iter()
        .map(|entry| {
            let expansion_sites = entry.evidence.iter().filter(|e| e.expand.is_some()).count();
            PermissionNeed {
                call_sites: entry.evidence.len() - expansion_sites,
                expansion_sites,
                connect_conflict: entry.direct_only && entry.evidence.iter().any(|e| e.connect),
                permission: entry.permission,
                access: entry.access,
                label: entry.label,
                category: entry.category,
                provenance: entry.provenance,
                covers: entry.covers,
            }
        })
        .collect()
}
