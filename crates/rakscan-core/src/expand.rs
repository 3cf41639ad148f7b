//! Permissions that `expand` paths add: expanding a field needs read permission on each object
//! the field can expand to (../shared/data/README.md).

use crate::catalog::{Catalog, OpId, resource_key};
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
    // The resource the rest of the path is read on: its name and its class key.
    let mut current = (resource, resource_key(namespace, resource));
    if path.split('.').count() > MAX_DEPTH || path.split('.').any(str::is_empty) {
        need.unknown = Some("not a valid expand path".into());
        return need;
    }
    let mut rest = path;
    if matches!(catalog.operation_kind(op), "list" | "search") {
        rest = match path {
            "data" => "",
            _ => path.strip_prefix("data.").unwrap_or(path),
        };
    }
    while !rest.is_empty() {
        if let Some((field, after)) =
            longest_prefix(rest, |prefix| catalog.expandable_field(&current.1, prefix))
        {
            for object in &field.objects {
                need.reads.push(object_read(catalog, object));
            }
            rest = after;
            if rest.is_empty() {
                break;
            }
            match field.objects.as_slice() {
                [single] => match catalog.object_resource(single) {
                    Some(class) => current = (class.resource.as_str(), class.key.clone()),
                    None => {
                        need.unknown =
                            Some(format!("object {single} has no resource in the rules"));
                        break;
                    }
                },
                objects => {
                    need.unknown = Some(format!(
                        "cannot follow a path through a field that may hold any of {}",
                        objects.join(", ")
                    ));
                    break;
                }
            }
        } else if let Some((embedded, after)) =
            longest_prefix(rest, |prefix| catalog.embedded_object(&current.1, prefix))
        {
            rest = after;
            current = (
                embedded.embedded.as_str(),
                resource_key(&embedded.embedded_namespace, &embedded.embedded),
            );
        } else {
            need.unknown = Some(format!(
                "{rest} of {} is not an expandable field in the rules",
                current.0
            ));
            break;
        }
    }
    need.reads.sort();
    need.reads.dedup();
    need
}

/// The longest dotted prefix of `path` that `lookup` finds (the whole path first, then one
/// segment fewer at a time), with what `lookup` returned and the rest of the path after it.
fn longest_prefix<T>(path: &str, lookup: impl Fn(&str) -> Option<T>) -> Option<(T, &str)> {
    if let Some(found) = lookup(path) {
        return Some((found, ""));
    }
    path.rmatch_indices('.')
        .find_map(|(i, _)| lookup(&path[..i]).map(|found| (found, &path[i + 1..])))
}

/// The read permission on one object an expansion returns: that of its resource's read
/// operation.
fn object_read(catalog: &Catalog, object: &str) -> ObjectRead {
    let rule = catalog
        .object_resource(object)
        .and_then(|class| catalog.read_operation(&class.key))
        .and_then(|op| catalog.permission_rule(op));
    ObjectRead {
        object: object.to_owned(),
        permission: rule.and_then(|r| r.permission.clone()),
        provenance: rule.map(|r| r.provenance).unwrap_or(Provenance::Unknown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_prefix_tries_the_whole_path_first_then_shorter_prefixes() {
        let known = ["a", "a.b", "x.y.z"];
        let lookup = |p: &str| known.iter().position(|k| *k == p);
        assert_eq!(longest_prefix("a.b", lookup), Some((1, "")));
        assert_eq!(longest_prefix("a.b.c.d", lookup), Some((1, "c.d")));
        assert_eq!(longest_prefix("a.c", lookup), Some((0, "c")));
        assert_eq!(longest_prefix("x.y", lookup), None);
    }
}
