//! Permissions that `expand` paths add: expanding a field needs read permission on each object
//! the field can expand to (../shared/data/README.md).

use crate::catalog::{Catalog, OpId};
use crate::rules::Provenance;
use serde::Serialize;

/// Read permission on one expanded object.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ObjectRead {
    /// The API object name (`charge`).
    pub object: String,
    pub permission: Option<String>,
    pub provenance: Provenance,
}

/// What one literal expand path needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpansionNeed {
    /// The path as written (`latest_charge.balance_transaction`).
    pub expand: String,
    /// One entry per object the path expands (several for polymorphic fields, which may
    /// return any of them: all are listed so no expansion meets a 403).
    pub reads: Vec<ObjectRead>,
    /// Set when the path could not be followed in the rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown: Option<String>,
}

/// How many dotted segments one expand path may have before it is given up (Stripe allows 4).
const MAX_DEPTH: usize = 16;

/// Follows each expand path from the resource `op` returns.
pub fn expansion_needs(catalog: &Catalog, op: OpId, paths: &[String]) -> Vec<ExpansionNeed> {
    let mut needs: Vec<ExpansionNeed> = paths.iter().map(|p| follow(catalog, op, p)).collect();
    needs.sort_by(|a, b| a.expand.cmp(&b.expand));
    needs.dedup_by(|a, b| a.expand == b.expand);
    needs
}

fn follow(catalog: &Catalog, op: OpId, path: &str) -> ExpansionNeed {
    let mut need = ExpansionNeed {
        expand: path.to_owned(),
        reads: Vec::new(),
        unknown: None,
    };
    let Some((namespace, resource)) = catalog.response_resource(op) else {
        need.unknown = Some("the operation's response resource is not in the rules".into());
        return need;
    };
    let mut current = (namespace.to_owned(), resource.to_owned());
    let mut segments: Vec<&str> = path.split('.').collect();
    if segments.len() > MAX_DEPTH || segments.iter().any(|s| s.is_empty()) {
        need.unknown = Some("not a valid expand path".into());
        return need;
    }
    let kind = catalog.operation_kind(op);
    if segments.first() == Some(&"data") && matches!(kind, "list" | "search") {
        segments.remove(0);
    }
    while !segments.is_empty() {
        if let Some((taken, objects)) = longest_expandable(catalog, &current, &segments) {
            for object in &objects {
                need.reads.push(object_read(catalog, object));
            }
            segments.drain(..taken);
            if segments.is_empty() {
                break;
            }
            match objects.as_slice() {
                [single] => match catalog.object_resource(single) {
                    Some((n, r)) => current = (n.to_owned(), r.to_owned()),
                    None => {
                        need.unknown =
                            Some(format!("object {single} has no resource in the rules"));
                        break;
                    }
                },
                _ => {
                    need.unknown = Some(format!(
                        "cannot follow a path through a field that may hold any of {}",
                        objects.join(", ")
                    ));
                    break;
                }
            }
        } else if let Some((taken, next)) = longest_embedded(catalog, &current, &segments) {
            segments.drain(..taken);
            current = next;
        } else {
            need.unknown = Some(format!(
                "{} of {} is not an expandable field in the rules",
                segments.join("."),
                current.1
            ));
            break;
        }
    }
    need.reads.sort();
    need.reads.dedup();
    need
}

fn longest_expandable(
    catalog: &Catalog,
    (namespace, resource): &(String, String),
    segments: &[&str],
) -> Option<(usize, Vec<String>)> {
    (1..=segments.len()).rev().find_map(|n| {
        let prefix = segments[..n].join(".");
        catalog
            .expandable_fields(namespace, resource)
            .find(|f| f.field == prefix)
            .map(|f| (n, f.objects.clone()))
    })
}

fn longest_embedded(
    catalog: &Catalog,
    (namespace, resource): &(String, String),
    segments: &[&str],
) -> Option<(usize, (String, String))> {
    (1..=segments.len()).rev().find_map(|n| {
        let prefix = segments[..n].join(".");
        let mut candidates = catalog
            .embedded_objects(namespace, resource)
            .filter(|e| e.field == prefix || e.field == format!("{prefix}.data"));
        let first = candidates.next()?;
        Some((
            n,
            (first.embedded_namespace.clone(), first.embedded.clone()),
        ))
    })
}

fn object_read(catalog: &Catalog, object: &str) -> ObjectRead {
    let rule = catalog
        .object_resource(object)
        .and_then(|(n, r)| catalog.read_operation(n, r))
        .and_then(|op| catalog.permission_rule(op));
    ObjectRead {
        object: object.to_owned(),
        permission: rule.and_then(|r| r.permission.clone()),
        provenance: rule.map(|r| r.provenance).unwrap_or(Provenance::Unknown),
    }
}
