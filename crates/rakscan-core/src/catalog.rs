//! Indexes over the rules, built once per process, that the resolver looks calls up in.

use crate::naming::{self, Family, fold};
use crate::rules::{Operation, PermissionGroup, PermissionRule, Rules, RulesError};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Index of an operation in [`Rules::operations`].
pub type OpId = usize;

/// A path template with its parameter names erased (`/v1/customers/{}`): sources disagree on
/// the names (`{account}` vs `{account_id}`), so paths are always compared in this shape.
pub fn path_shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push('{');
            }
            '}' => {
                in_param = false;
                out.push('}');
            }
            _ if in_param => {}
            _ => out.push(c),
        }
    }
    out
}

/// Folds a namespace and resource class into a class key (`billing_portal` + `Session` →
/// `billingportal.session`).
pub fn resource_key(namespace: &str, resource: &str) -> String {
    namespace
        .split('.')
        .filter(|s| !s.is_empty())
        .map(fold)
        .chain(std::iter::once(fold(resource)))
        .collect::<Vec<_>>()
        .join(".")
}

/// The rules with the look-up tables the resolver needs.
pub struct Catalog {
    rules: Rules,
    by_endpoint: HashMap<(String, String), OpId>,
    spellings: HashMap<(Family, String, String), Vec<OpId>>,
    resources: HashMap<(String, String), Vec<OpId>>,
    resource_classes: HashSet<String>,
    dotnet_services: HashMap<String, String>,
    dotnet_classes: HashMap<String, String>,
    permissions: HashMap<(String, String), usize>,
    groups: HashMap<String, usize>,
    objects: HashMap<String, (String, String)>,
    expandable: HashMap<String, Vec<usize>>,
    embedded: HashMap<String, Vec<usize>>,
}

impl Catalog {
    /// Builds the indexes. Spellings whose operation is not in the rules are skipped (the
    /// rules validation reports them).
    pub fn new(rules: Rules) -> Catalog {
        let mut by_endpoint = HashMap::new();
        let mut resources: HashMap<(String, String), Vec<OpId>> = HashMap::new();
        let mut resource_classes = HashSet::new();
        for (id, op) in rules.operations.iter().enumerate() {
            by_endpoint.insert((op.method.clone(), path_shape(&op.path)), id);
            for binding in &op.bindings {
                let key = (
                    resource_key(&binding.namespace, &binding.resource),
                    fold(&binding.name),
                );
                resource_classes.insert(key.0.clone());
                let ids = resources.entry(key).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        let mut spellings: HashMap<(Family, String, String), Vec<OpId>> = HashMap::new();
        let mut dotnet_services: HashMap<String, String> = HashMap::new();
        let mut dotnet_clashes: HashSet<String> = HashSet::new();
        for s in &rules.spellings {
            let Some(family) = Family::of_spelling(&s.sdk, &s.style) else {
                continue;
            };
            let Some(&id) = by_endpoint.get(&(s.method.clone(), path_shape(&s.path))) else {
                continue;
            };
            let segments = naming::spelling_receiver(family, &s.receiver);
            let receiver = match family {
                Family::ServiceNested | Family::ServiceFlat => naming::service_key(&segments),
                _ => segments.join("."),
            };
            if family == Family::ServiceNested
                && let Some(binding) = rules.operations[id]
                    .bindings
                    .iter()
                    .find(|b| b.on == "service")
                && let Some(class) = naming::dotnet_service_class(&receiver, &binding.namespace)
            {
                match dotnet_services.get(&class) {
                    Some(known) if *known != receiver => {
                        dotnet_clashes.insert(class);
                    }
                    Some(_) => {}
                    None => {
                        dotnet_services.insert(class, receiver.clone());
                    }
                }
            }
            let ids = spellings
                .entry((family, receiver, fold(&s.name)))
                .or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        dotnet_services.retain(|class, _| !dotnet_clashes.contains(class));
        let dotnet_classes = dotnet_services
            .iter()
            .map(|(class, service)| (service.clone(), class.clone()))
            .collect();
        for (class, service) in dotnet_source_services(&rules, &resources, &spellings) {
            dotnet_services.entry(class).or_insert(service);
        }
        let permissions = rules
            .permissions
            .iter()
            .enumerate()
            .map(|(i, p)| ((p.method.clone(), path_shape(&p.path)), i))
            .collect();
        let groups = rules
            .permission_groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.permission.clone(), i))
            .collect();
        let objects = rules
            .resource_objects
            .iter()
            .map(|r| (r.object.clone(), (r.namespace.clone(), r.resource.clone())))
            .collect();
        let mut expandable: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, f) in rules.expandable_fields.iter().enumerate() {
            expandable
                .entry(resource_key(&f.namespace, &f.resource))
                .or_default()
                .push(i);
        }
        let mut embedded: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in rules.embedded_objects.iter().enumerate() {
            embedded
                .entry(resource_key(&e.namespace, &e.resource))
                .or_default()
                .push(i);
        }
        Catalog {
            rules,
            by_endpoint,
            spellings,
            resources,
            resource_classes,
            dotnet_services,
            dotnet_classes,
            permissions,
            groups,
            objects,
            expandable,
            embedded,
        }
    }

    /// The catalog of the rules embedded in the binary, built on first use.
    pub fn embedded() -> Result<&'static Catalog, &'static RulesError> {
        static CATALOG: OnceLock<Result<Catalog, RulesError>> = OnceLock::new();
        CATALOG
            .get_or_init(|| Rules::embedded().map(Catalog::new))
            .as_ref()
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    pub fn operation(&self, id: OpId) -> &Operation {
        &self.rules.operations[id]
    }

    /// The operation at an HTTP method and path (parameter names ignored).
    pub fn find_endpoint(&self, method: &str, path: &str) -> Option<OpId> {
        self.by_endpoint
            .get(&(method.to_ascii_uppercase(), path_shape(path)))
            .copied()
    }

    /// Operations a data spelling names: `family`, folded receiver key, folded method.
    pub fn lookup_spelling(&self, family: Family, receiver: &str, method: &str) -> &[OpId] {
        self.spellings
            .get(&(family, receiver.to_owned(), method.to_owned()))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Operations the spec binds to a resource class and method name, in any style.
    pub fn lookup_resource(&self, class_key: &str, method: &str) -> &[OpId] {
        self.resources
            .get(&(class_key.to_owned(), method.to_owned()))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The client service key (`v1.customers.balancetransactions`) that a Stripe.net service
    /// class serves, by its folded class key (`customerbalancetransaction` for
    /// `CustomerBalanceTransactionService`); see [`naming::dotnet_service_class`].
    pub fn dotnet_service(&self, class_key: &str) -> Option<&str> {
        naming::dotnet_class_variants(class_key)
            .iter()
            .find_map(|k| self.dotnet_services.get(k))
            .map(String::as_str)
    }

    /// Client service keys of the Stripe.net classes that nest a class under a parent
    /// (`customertaxid` → `v1.customers.taxids` for `taxid`), in the same namespace.
    pub fn dotnet_nested_services(&self, class_key: &str) -> Vec<&str> {
        let (namespace, stem) = class_key.rsplit_once('.').unwrap_or(("", class_key));
        let mut found: Vec<&str> = self
            .dotnet_services
            .iter()
            .filter(|(class, _)| {
                let (ns, last) = class.rsplit_once('.').unwrap_or(("", class.as_str()));
                ns == namespace && last.len() > stem.len() && last.ends_with(stem)
            })
            .map(|(_, service)| service.as_str())
            .collect();
        found.sort_unstable();
        found
    }

    /// The folded Stripe.net class key of a client service key (the inverse of
    /// [`Catalog::dotnet_service`]).
    pub fn dotnet_class(&self, service_key: &str) -> Option<&str> {
        self.dotnet_classes.get(service_key).map(String::as_str)
    }

    /// Whether a folded class key names a Stripe.net service class (`checkout.session` for
    /// `Stripe.Checkout.SessionService`) or a resource the spec binds methods to (older
    /// service names such as `ExternalAccountService`).
    pub fn knows_dotnet_class(&self, class_key: &str) -> bool {
        self.dotnet_service(class_key).is_some() || self.resource_classes.contains(class_key)
    }

    /// The permission rule of an operation's endpoint.
    pub fn permission_rule(&self, id: OpId) -> Option<&PermissionRule> {
        let op = self.operation(id);
        self.permission_rule_at(&op.method, &op.path)
    }

    /// The permission rule of an endpoint, also for legacy endpoints with no operation.
    pub fn permission_rule_at(&self, method: &str, path: &str) -> Option<&PermissionRule> {
        self.permissions
            .get(&(method.to_ascii_uppercase(), path_shape(path)))
            .map(|&i| &self.rules.permissions[i])
    }

    /// Dashboard metadata of a permission.
    pub fn group(&self, permission: &str) -> Option<&PermissionGroup> {
        self.groups
            .get(permission)
            .map(|&i| &self.rules.permission_groups[i])
    }

    /// The resource an operation returns, as (namespace, class): its service binding's
    /// resource, which names the returned object (`CashBalance`, not `Customer`).
    pub fn response_resource(&self, id: OpId) -> Option<(&str, &str)> {
        let op = self.operation(id);
        op.bindings
            .iter()
            .find(|b| b.on == "service")
            .or_else(|| op.bindings.first())
            .map(|b| (b.namespace.as_str(), b.resource.as_str()))
    }

    /// The kind of an operation (`create`, `retrieve`, `list`, `custom`…).
    pub fn operation_kind(&self, id: OpId) -> &str {
        let op = self.operation(id);
        op.bindings
            .iter()
            .find(|b| b.on == "service")
            .or_else(|| op.bindings.first())
            .map(|b| b.kind.as_str())
            .unwrap_or("custom")
    }

    /// The (namespace, class) of an API object name (`charge`, `treasury.transaction`).
    pub fn object_resource(&self, object: &str) -> Option<(&str, &str)> {
        self.objects
            .get(object)
            .map(|(n, r)| (n.as_str(), r.as_str()))
    }

    /// The operation that reads objects of a resource: its retrieve, else its list.
    pub fn read_operation(&self, namespace: &str, resource: &str) -> Option<OpId> {
        let key = resource_key(namespace, resource);
        let mut fallback = None;
        for (id, op) in self.rules.operations.iter().enumerate() {
            if op.method != "GET" {
                continue;
            }
            for b in &op.bindings {
                if b.on == "service" && resource_key(&b.namespace, &b.resource) == key {
                    match b.kind.as_str() {
                        "retrieve" => return Some(id),
                        "list" if fallback.is_none() => fallback = Some(id),
                        _ => {}
                    }
                }
            }
        }
        fallback
    }

    /// The DELETE on a resource's own instance path (`DELETE /v1/subscriptions/{id}`), when the
    /// resource has exactly one.
    pub fn own_delete_operation(&self, class_key: &str) -> Option<OpId> {
        let mut found = self.rules.operations.iter().enumerate().filter(|(_, op)| {
            op.method == "DELETE"
                && op.path.ends_with('}')
                && op.path.matches('{').count() == 1
                && op
                    .bindings
                    .iter()
                    .any(|b| resource_key(&b.namespace, &b.resource) == class_key)
        });
        match (found.next(), found.next()) {
            (Some((id, _)), None) => Some(id),
            _ => None,
        }
    }

    /// The collection path of a resource class (`invoice` → `/v1/invoices`): the path of its
    /// list or create operation.
    pub fn collection_path(&self, class_key: &str) -> Option<&str> {
        self.rules
            .operations
            .iter()
            .filter(|op| !op.path.contains('{'))
            .find(|op| {
                op.bindings.iter().any(|b| {
                    matches!(b.kind.as_str(), "list" | "create")
                        && resource_key(&b.namespace, &b.resource) == class_key
                })
            })
            .map(|op| op.path.as_str())
    }

    /// The endpoint a concrete request path hits (`/v1/customers/cus_123` →
    /// `/v1/customers/{customer}`): an operation, or else a legacy endpoint of the permission
    /// rules. A literal segment beats a parameter (`/v1/customers/search` is the search).
    pub fn match_endpoint(&self, method: &str, path: &str) -> Option<(Option<OpId>, String)> {
        let method = method.to_ascii_uppercase();
        if let Some(op) = self.find_endpoint(&method, path) {
            return Some((Some(op), self.operation(op).path.clone()));
        }
        let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        let score = |template: &str| -> Option<usize> {
            let parts: Vec<&str> = template.split('/').collect();
            if parts.len() != segments.len() {
                return None;
            }
            let mut literal = 0;
            for (t, s) in parts.iter().zip(&segments) {
                if t.starts_with('{') {
                    if s.is_empty() {
                        return None;
                    }
                } else if t == s {
                    literal += 1;
                } else {
                    return None;
                }
            }
            Some(literal)
        };
        let best_op = self
            .rules
            .operations
            .iter()
            .enumerate()
            .filter(|(_, op)| op.method == method)
            .filter_map(|(id, op)| score(&op.path).map(|s| (s, id)))
            .max_by_key(|(s, id)| (*s, std::cmp::Reverse(*id)));
        let best_legacy = self
            .rules
            .permissions
            .iter()
            .filter(|r| r.method == method && self.find_endpoint(&r.method, &r.path).is_none())
            .filter_map(|r| score(&r.path).map(|s| (s, r)))
            .max_by_key(|(s, r)| (*s, std::cmp::Reverse(r.path.clone())));
        match (best_op, best_legacy) {
            (Some((op_score, _)), Some((legacy_score, rule))) if legacy_score > op_score => {
                Some((None, rule.path.clone()))
            }
            (Some((_, id)), _) => Some((Some(id), self.operation(id).path.clone())),
            (None, Some((_, rule))) => Some((None, rule.path.clone())),
            (None, None) => None,
        }
    }

    /// Expandable fields of a resource.
    pub fn expandable_fields(
        &self,
        namespace: &str,
        resource: &str,
    ) -> impl Iterator<Item = &crate::rules::ExpandableField> {
        self.expandable
            .get(&resource_key(namespace, resource))
            .into_iter()
            .flatten()
            .map(|&i| &self.rules.expandable_fields[i])
    }

    /// Fields of a resource that always hold a full object of another resource.
    pub fn embedded_objects(
        &self,
        namespace: &str,
        resource: &str,
    ) -> impl Iterator<Item = &crate::rules::EmbeddedObject> {
        self.embedded
            .get(&resource_key(namespace, resource))
            .into_iter()
            .flatten()
            .map(|&i| &self.rules.embedded_objects[i])
    }
}

/// The Stripe.net service classes named after a payment-source type (`CardService`,
/// `BankAccountService`), by folded class key, with the client service they stand for: the
/// list field [`naming::DOTNET_SOURCE_PARENT`] names (`v1.customers.paymentsources`). Types
/// with a service of their own (`SourceService`) keep it.
fn dotnet_source_services(
    rules: &Rules,
    resources: &HashMap<(String, String), Vec<OpId>>,
    spellings: &HashMap<(Family, String, String), Vec<OpId>>,
) -> Vec<(String, String)> {
    let (parent, field) = naming::DOTNET_SOURCE_PARENT;
    let Some(segment) = field.strip_suffix(".data") else {
        return Vec::new();
    };
    let Some(parent_path) = resources
        .get(&(resource_key("", parent), "retrieve".to_owned()))
        .and_then(|ids| ids.first())
        .map(|&id| rules.operations[id].path.as_str())
    else {
        return Vec::new();
    };
    let list_path = format!("{parent_path}/{segment}");
    let mut services: Vec<&str> = spellings
        .iter()
        .filter(|((family, _, name), ids)| {
            *family == Family::ServiceNested
                && name == "list"
                && ids.iter().any(|&id| {
                    let op = &rules.operations[id];
                    op.method == "GET" && op.path == list_path
                })
        })
        .map(|((_, receiver, _), _)| receiver.as_str())
        .collect();
    services.sort_unstable();
    services.dedup();
    let [service] = services.as_slice() else {
        return Vec::new();
    };
    rules
        .embedded_objects
        .iter()
        .filter(|e| e.resource == parent && e.namespace.is_empty() && e.field == field)
        .map(|e| {
            (
                resource_key(&e.embedded_namespace, &e.embedded),
                (*service).to_owned(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_shape_erases_parameter_names() {
        assert_eq!(
            path_shape("/v1/accounts/{account}/persons/{person}"),
            "/v1/accounts/{}/persons/{}"
        );
        assert_eq!(
            path_shape("/v1/accounts/{account_id}/persons/{id}"),
            "/v1/accounts/{}/persons/{}"
        );
    }

    #[test]
    fn resource_keys_fold_namespaces() {
        assert_eq!(
            resource_key("billing_portal", "Session"),
            "billingportal.session"
        );
        assert_eq!(
            resource_key("test_helpers.issuing", "Card"),
            "testhelpers.issuing.card"
        );
        assert_eq!(resource_key("", "PaymentIntent"), "paymentintent");
    }
}
