//! Indexes over the rules, built once per process, that the resolver looks calls up in.

use crate::naming::{self, Family, fold};
use crate::rules::{
    EmbeddedObject, ExpandableField, Operation, PermissionGroup, PermissionRule, Rules, RulesError,
};
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
    let mut key = String::with_capacity(namespace.len() + resource.len() + 1);
    for segment in namespace.split('.').filter(|s| !s.is_empty()) {
        naming::push_folded(&mut key, segment);
        key.push('.');
    }
    naming::push_folded(&mut key, resource);
    key
}

/// Operation ids under two string keys (receiver and method), looked up by `&str` without
/// building an owned key.
type ByTwoKeys = HashMap<String, HashMap<String, Vec<OpId>>>;

/// Adds `id` under (`first`, `second`) unless it is there already (ids keep their first order).
fn push_op(map: &mut ByTwoKeys, first: String, second: String, id: OpId) {
    let ids = map.entry(first).or_default().entry(second).or_default();
    if !ids.contains(&id) {
        ids.push(id);
    }
}

/// The ids under (`first`, `second`); empty when none.
fn ops_at<'m>(map: &'m ByTwoKeys, first: &str, second: &str) -> &'m [OpId] {
    map.get(first)
        .and_then(|inner| inner.get(second))
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// A resource class as the rules name it, with its folded class key (see [`resource_key`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceClass {
    pub namespace: String,
    pub resource: String,
    pub key: String,
}

/// Look-ups by folded resource class key, built in one pass over the operations' bindings.
#[derive(Default)]
struct ClassIndex {
    /// Class key → folded spec method name → the operations bound there.
    methods: ByTwoKeys,
    /// Class key → the first GET whose service binding is a `retrieve`, else the first `list`.
    reads: HashMap<String, OpId>,
    /// Class key → its DELETE on an instance path with one parameter; `None` when several.
    own_deletes: HashMap<String, Option<OpId>>,
    /// Class key → the first operation without path parameters bound as `list` or `create`.
    collections: HashMap<String, OpId>,
}

impl ClassIndex {
    /// Indexes every binding of `operations` under its class key.
    fn new(operations: &[Operation]) -> ClassIndex {
        let mut index = ClassIndex::default();
        let mut lists: HashMap<String, OpId> = HashMap::new();
        for (id, op) in operations.iter().enumerate() {
            let own_delete = op.method == "DELETE"
                && op.path.ends_with('}')
                && op.path.matches('{').count() == 1;
            let collection = !op.path.contains('{');
            for b in &op.bindings {
                let key = resource_key(&b.namespace, &b.resource);
                if op.method == "GET" && b.on == "service" {
                    match b.kind.as_str() {
                        "retrieve" => first_wins(&mut index.reads, &key, id),
                        "list" => first_wins(&mut lists, &key, id),
                        _ => {}
                    }
                }
                if own_delete {
                    let entry = index.own_deletes.entry(key.clone()).or_insert(Some(id));
                    if *entry != Some(id) {
                        *entry = None;
                    }
                }
                if collection && matches!(b.kind.as_str(), "list" | "create") {
                    first_wins(&mut index.collections, &key, id);
                }
                push_op(&mut index.methods, key, fold(&b.name), id);
            }
        }
        for (key, id) in lists {
            index.reads.entry(key).or_insert(id);
        }
        index
    }
}

/// How many segments of a request path (split at `/`) a path template matches literally, or
/// `None` when it does not match (a `{param}` matches any non-empty segment).
fn literal_segments(template: &str, segments: &[&str]) -> Option<usize> {
    let parts: Vec<&str> = template.split('/').collect();
    if parts.len() != segments.len() {
        return None;
    }
    let mut literal = 0;
    for (t, s) in parts.iter().zip(segments) {
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
}

/// Candidate templates of raw requests with one HTTP method and number of path parts.
#[derive(Default)]
struct RawTemplates {
    /// Operations, by ascending id.
    operations: Vec<OpId>,
    /// Permission rules of endpoints that are no operation, in rules order.
    legacy: Vec<usize>,
}

/// Records `value` under `key` unless the key has a value already.
fn first_wins<V>(map: &mut HashMap<String, V>, key: &str, value: V) {
    if !map.contains_key(key) {
        map.insert(key.to_owned(), value);
    }
}

/// The rules with the look-up tables the resolver needs.
pub struct Catalog {
    rules: Rules,
    by_endpoint: HashMap<(String, String), OpId>,
    /// Per family: folded receiver key → folded method name → operations.
    spellings: HashMap<Family, ByTwoKeys>,
    classes: ClassIndex,
    dotnet_services: HashMap<String, String>,
    dotnet_classes: HashMap<String, String>,
    permissions: HashMap<(String, String), usize>,
    /// The permission rule of each operation's endpoint, by [`OpId`].
    op_permissions: Vec<Option<usize>>,
    groups: HashMap<String, usize>,
    objects: HashMap<String, ResourceClass>,
    /// Class key → field path → the first expandable field there.
    expandable: HashMap<String, HashMap<String, usize>>,
    /// Class key → field path → the first embedded object at that path or at its `.data`.
    embedded: HashMap<String, HashMap<String, usize>>,
    raw_templates: OnceLock<HashMap<(String, usize), RawTemplates>>,
}

impl Catalog {
    /// Builds the indexes. Spellings whose operation is not in the rules are skipped (the
    /// rules validation reports them).
    pub fn new(rules: Rules) -> Catalog {
        let by_endpoint = rules
            .operations
            .iter()
            .enumerate()
            .map(|(id, op)| ((op.method.clone(), path_shape(&op.path)), id))
            .collect();
        let classes = ClassIndex::new(&rules.operations);
        let (spellings, mut dotnet_services) = index_spellings(&rules, &by_endpoint);
        let dotnet_classes = dotnet_services
            .iter()
            .map(|(class, service)| (service.clone(), class.clone()))
            .collect();
        for (class, service) in dotnet_source_services(&rules, &classes.methods, &spellings) {
            dotnet_services.entry(class).or_insert(service);
        }
        let permissions: HashMap<(String, String), usize> = rules
            .permissions
            .iter()
            .enumerate()
            .map(|(i, p)| ((p.method.clone(), path_shape(&p.path)), i))
            .collect();
        let op_permissions = rules
            .operations
            .iter()
            .map(|op| {
                let key = (op.method.to_ascii_uppercase(), path_shape(&op.path));
                permissions.get(&key).copied()
            })
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
            .map(|r| {
                let class = ResourceClass {
                    namespace: r.namespace.clone(),
                    resource: r.resource.clone(),
                    key: resource_key(&r.namespace, &r.resource),
                };
                (r.object.clone(), class)
            })
            .collect();
        let expandable = index_fields(rules.expandable_fields.iter().enumerate().map(|(i, f)| {
            (
                i,
                f.namespace.as_str(),
                f.resource.as_str(),
                f.field.as_str(),
            )
        }));
        let embedded = index_fields(rules.embedded_objects.iter().enumerate().flat_map(
            |(i, e)| {
                // A list field (`sources.data`) is also found under the list's own path.
                let list_stem = e.field.strip_suffix(".data");
                std::iter::once(e.field.as_str())
                    .chain(list_stem)
                    .map(move |field| (i, e.namespace.as_str(), e.resource.as_str(), field))
            },
        ));
        Catalog {
            rules,
            by_endpoint,
            spellings,
            classes,
            dotnet_services,
            dotnet_classes,
            permissions,
            op_permissions,
            groups,
            objects,
            expandable,
            embedded,
            raw_templates: OnceLock::new(),
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
            .get(&family)
            .map(|by_receiver| ops_at(by_receiver, receiver, method))
            .unwrap_or(&[])
    }

    /// Operations the spec binds to a resource class and method name, in any style.
    pub fn lookup_resource(&self, class_key: &str, method: &str) -> &[OpId] {
        ops_at(&self.classes.methods, class_key, method)
    }

    /// The client service key (`v1.customers.balancetransactions`) that a Stripe.net service
    /// class serves, by its folded class key (`customerbalancetransaction` for
    /// `CustomerBalanceTransactionService`); see [`naming::dotnet_service_class`]. stripe-php
    /// names its service classes the same way (`Stripe\Service\Checkout\SessionService`), so
    /// the PHP extractor asks here too.
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
        self.dotnet_service(class_key).is_some() || self.classes.methods.contains_key(class_key)
    }

    /// The permission rule of an operation's endpoint.
    pub fn permission_rule(&self, id: OpId) -> Option<&PermissionRule> {
        self.op_permissions[id].map(|i| &self.rules.permissions[i])
    }

    /// The permission rules of legacy endpoints: those no operation of the API has.
    pub fn legacy_rules(&self) -> impl Iterator<Item = &PermissionRule> {
        self.rules
            .permissions
            .iter()
            .filter(|r| self.find_endpoint(&r.method, &r.path).is_none())
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

    /// The resource class of an API object name (`charge`, `treasury.transaction`).
    pub fn object_resource(&self, object: &str) -> Option<&ResourceClass> {
        self.objects.get(object)
    }

    /// The operation that reads objects of a resource class (by class key): the first GET
    /// whose service binding retrieves it, else the first that lists it.
    pub fn read_operation(&self, class_key: &str) -> Option<OpId> {
        self.classes.reads.get(class_key).copied()
    }

    /// The DELETE on a resource's own instance path (`DELETE /v1/subscriptions/{id}`), when the
    /// resource has exactly one.
    pub fn own_delete_operation(&self, class_key: &str) -> Option<OpId> {
        self.classes.own_deletes.get(class_key).copied().flatten()
    }

    /// The collection path of a resource class (`invoice` → `/v1/invoices`): the path of its
    /// first list or create operation without path parameters.
    pub fn collection_path(&self, class_key: &str) -> Option<&str> {
        self.classes
            .collections
            .get(class_key)
            .map(|&id| self.operation(id).path.as_str())
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
        let templates = self.raw_templates().get(&(method, segments.len()))?;
        let legacy = templates.legacy.iter().map(|&i| &self.rules.permissions[i]);
        self.best_template(&segments, templates.operations.iter().copied(), legacy)
    }

    /// The operations and legacy endpoints a raw request may hit, by HTTP method and number
    /// of `/`-separated parts, indexed on the first raw request (most scans have none).
    fn raw_templates(&self) -> &HashMap<(String, usize), RawTemplates> {
        self.raw_templates.get_or_init(|| {
            let mut index: HashMap<(String, usize), RawTemplates> = HashMap::new();
            let key = |method: &str, path: &str| (method.to_owned(), path.split('/').count());
            for (id, op) in self.rules.operations.iter().enumerate() {
                let templates = index.entry(key(&op.method, &op.path)).or_default();
                templates.operations.push(id);
            }
            for (i, rule) in self.rules.permissions.iter().enumerate() {
                if self.find_endpoint(&rule.method, &rule.path).is_none() {
                    let templates = index.entry(key(&rule.method, &rule.path)).or_default();
                    templates.legacy.push(i);
                }
            }
            index
        })
    }

    /// The template among `operations` and `legacy` rules that a request path (split at `/`)
    /// matches with the most literal segments: an operation on a tie with a legacy endpoint,
    /// the lowest id among operations, the smallest path among legacy endpoints.
    fn best_template<'c>(
        &'c self,
        segments: &[&str],
        operations: impl Iterator<Item = OpId>,
        legacy: impl Iterator<Item = &'c PermissionRule>,
    ) -> Option<(Option<OpId>, String)> {
        let best_op = operations
            .filter_map(|id| literal_segments(&self.operation(id).path, segments).map(|s| (s, id)))
            .max_by_key(|&(s, id)| (s, std::cmp::Reverse(id)));
        let best_legacy = legacy
            .filter_map(|r| literal_segments(&r.path, segments).map(|s| (s, r)))
            .max_by_key(|&(s, r)| (s, std::cmp::Reverse(r.path.as_str())));
        match (best_op, best_legacy) {
            (Some((op_score, _)), Some((legacy_score, rule))) if legacy_score > op_score => {
                Some((None, rule.path.clone()))
            }
            (Some((_, id)), _) => Some((Some(id), self.operation(id).path.clone())),
            (None, Some((_, rule))) => Some((None, rule.path.clone())),
            (None, None) => None,
        }
    }

    /// The expandable field at a dotted field path of a resource class (by class key); the
    /// first in the rules where several share the path.
    pub fn expandable_field(&self, class_key: &str, field: &str) -> Option<&ExpandableField> {
        self.expandable
            .get(class_key)
            .and_then(|fields| fields.get(field))
            .map(|&i| &self.rules.expandable_fields[i])
    }

    /// The first embedded object of a resource class (by class key) at a dotted field path,
    /// or at the list items below it (`sources` finds `sources.data`).
    pub fn embedded_object(&self, class_key: &str, field: &str) -> Option<&EmbeddedObject> {
        self.embedded
            .get(class_key)
            .and_then(|fields| fields.get(field))
            .map(|&i| &self.rules.embedded_objects[i])
    }
}

/// Indexes the data spellings by family, receiver key and folded name, and maps each Stripe.net
/// service class (folded class key) to the client service key it serves; a class that two
/// services would claim is left out.
fn index_spellings(
    rules: &Rules,
    by_endpoint: &HashMap<(String, String), OpId>,
) -> (HashMap<Family, ByTwoKeys>, HashMap<String, String>) {
    let mut spellings: HashMap<Family, ByTwoKeys> = HashMap::new();
    let mut dotnet_services: HashMap<String, String> = HashMap::new();
    let mut dotnet_clashes: HashSet<String> = HashSet::new();
    // Rows repeat endpoints and receivers many times: each is worked out once.
    let mut endpoints: HashMap<(&str, &str), Option<OpId>> = HashMap::new();
    let mut receivers: HashMap<(Family, &str), String> = HashMap::new();
    for s in &rules.spellings {
        let Some(family) = Family::of_spelling(&s.sdk, &s.style) else {
            continue;
        };
        let endpoint = endpoints.entry((&s.method, &s.path)).or_insert_with(|| {
            let key = (s.method.clone(), path_shape(&s.path));
            by_endpoint.get(&key).copied()
        });
        let Some(id) = *endpoint else {
            continue;
        };
        let receiver = receivers
            .entry((family, &s.receiver))
            .or_insert_with(|| spelling_receiver_key(family, &s.receiver))
            .clone();
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
        push_op(
            spellings.entry(family).or_default(),
            receiver,
            fold(&s.name),
            id,
        );
    }
    dotnet_services.retain(|class, _| !dotnet_clashes.contains(class));
    (spellings, dotnet_services)
}

/// The folded receiver key a data spelling is looked up under (`client.v1.customers` →
/// `v1.customers`, `Stripe::Checkout::Session.` → `checkout.session`).
fn spelling_receiver_key(family: Family, receiver: &str) -> String {
    let segments = naming::spelling_receiver(family, receiver);
    match family {
        Family::ServiceNested | Family::ServiceFlat => naming::service_key(&segments),
        _ => segments.join("."),
    }
}

/// Indexes rows given as (row index, namespace, resource, field path) by class key and field
/// path; the first row wins where several share both.
fn index_fields<'r>(
    rows: impl Iterator<Item = (usize, &'r str, &'r str, &'r str)>,
) -> HashMap<String, HashMap<String, usize>> {
    let mut index: HashMap<String, HashMap<String, usize>> = HashMap::new();
    for (i, namespace, resource, field) in rows {
        first_wins(
            index.entry(resource_key(namespace, resource)).or_default(),
            field,
            i,
        );
    }
    index
}

/// The Stripe.net service classes named after a payment-source type (`CardService`,
/// `BankAccountService`), by folded class key, with the client service they stand for: the
/// list field [`naming::DOTNET_SOURCE_PARENT`] names (`v1.customers.paymentsources`). Types
/// with a service of their own (`SourceService`) keep it.
fn dotnet_source_services(
    rules: &Rules,
    class_methods: &ByTwoKeys,
    spellings: &HashMap<Family, ByTwoKeys>,
) -> Vec<(String, String)> {
    let (parent, field) = naming::DOTNET_SOURCE_PARENT;
    let Some(segment) = field.strip_suffix(".data") else {
        return Vec::new();
    };
    let Some(parent_path) = ops_at(class_methods, &resource_key("", parent), "retrieve")
        .first()
        .map(|&id| rules.operations[id].path.as_str())
    else {
        return Vec::new();
    };
    let list_path = format!("{parent_path}/{segment}");
    let mut services: Vec<&str> = spellings
        .get(&Family::ServiceNested)
        .into_iter()
        .flatten()
        .filter(|(_, methods)| {
            methods.get("list").is_some_and(|ids| {
                ids.iter().any(|&id| {
                    let op = &rules.operations[id];
                    op.method == "GET" && op.path == list_path
                })
            })
        })
        .map(|(receiver, _)| receiver.as_str())
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
        assert_eq!(resource_key("a..b_c", "X"), "a.bc.x");
    }

    fn catalog() -> &'static Catalog {
        Catalog::embedded().unwrap()
    }

    /// Every class key the rules name, plus one they do not.
    fn all_class_keys(rules: &Rules) -> Vec<String> {
        let mut keys: Vec<String> = rules
            .operations
            .iter()
            .flat_map(|op| &op.bindings)
            .map(|b| resource_key(&b.namespace, &b.resource))
            .chain(
                rules
                    .expandable_fields
                    .iter()
                    .map(|f| resource_key(&f.namespace, &f.resource)),
            )
            .chain(
                rules
                    .embedded_objects
                    .iter()
                    .map(|e| resource_key(&e.namespace, &e.resource)),
            )
            .chain(
                rules
                    .resource_objects
                    .iter()
                    .map(|r| resource_key(&r.namespace, &r.resource)),
            )
            .chain(["nosuchresource".to_owned()])
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    /// Each field path, every dotted prefix of it, and one path no resource has.
    fn all_field_paths<'r>(fields: impl Iterator<Item = &'r str>) -> Vec<String> {
        let mut paths: Vec<String> = fields
            .flat_map(|f| {
                f.match_indices('.')
                    .map(|(i, _)| f[..i].to_owned())
                    .chain([f.to_owned()])
                    .collect::<Vec<_>>()
            })
            .chain(["no_such_field".to_owned()])
            .collect();
        paths.sort();
        paths.dedup();
        paths
    }

    /// The linear scan `read_operation` replaces: the first retrieve, else the first list.
    fn linear_read(ops: &[Operation], key: &str) -> Option<OpId> {
        let mut fallback = None;
        for (id, op) in ops.iter().enumerate().filter(|(_, op)| op.method == "GET") {
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

    /// The linear scan `own_delete_operation` replaces.
    fn linear_own_delete(ops: &[Operation], key: &str) -> Option<OpId> {
        let mut found = ops.iter().enumerate().filter(|(_, op)| {
            op.method == "DELETE"
                && op.path.ends_with('}')
                && op.path.matches('{').count() == 1
                && op
                    .bindings
                    .iter()
                    .any(|b| resource_key(&b.namespace, &b.resource) == key)
        });
        match (found.next(), found.next()) {
            (Some((id, _)), None) => Some(id),
            _ => None,
        }
    }

    /// The linear scan `collection_path` replaces.
    fn linear_collection<'o>(ops: &'o [Operation], key: &str) -> Option<&'o str> {
        ops.iter()
            .filter(|op| !op.path.contains('{'))
            .find(|op| {
                op.bindings.iter().any(|b| {
                    matches!(b.kind.as_str(), "list" | "create")
                        && resource_key(&b.namespace, &b.resource) == key
                })
            })
            .map(|op| op.path.as_str())
    }

    #[test]
    fn class_lookups_match_linear_scans() {
        let catalog = catalog();
        let ops = &catalog.rules().operations;
        let mut found = [0; 3];
        for key in all_class_keys(catalog.rules()) {
            let read = catalog.read_operation(&key);
            assert_eq!(read, linear_read(ops, &key), "read {key}");
            let delete = catalog.own_delete_operation(&key);
            assert_eq!(delete, linear_own_delete(ops, &key), "delete {key}");
            let collection = catalog.collection_path(&key);
            assert_eq!(collection, linear_collection(ops, &key), "collection {key}");
            for (n, hit) in
                found
                    .iter_mut()
                    .zip([read.is_some(), delete.is_some(), collection.is_some()])
            {
                *n += usize::from(hit);
            }
        }
        assert!(found.iter().all(|&n| n >= 10), "{found:?}");
    }

    /// An operation with one binding per (resource, kind) given.
    fn op(method: &str, path: &str, bindings: &[(&str, &str)]) -> Operation {
        Operation {
            method: method.to_owned(),
            path: path.to_owned(),
            operation_id: String::new(),
            api: "v1".to_owned(),
            bindings: bindings
                .iter()
                .map(|(resource, kind)| crate::rules::Binding {
                    resource: (*resource).to_owned(),
                    namespace: String::new(),
                    name: (*kind).to_owned(),
                    on: "service".to_owned(),
                    kind: (*kind).to_owned(),
                })
                .collect(),
        }
    }

    #[test]
    fn class_index_keeps_ties_and_preferences_of_the_scans() {
        let ops = [
            op("GET", "/v1/as", &[("A", "list")]),
            op("GET", "/v1/as/{a}/x", &[("A", "list")]),
            op("GET", "/v1/as/{a}", &[("A", "retrieve")]),
            op("POST", "/v1/as", &[("A", "create")]),
            op("DELETE", "/v1/as/{a}", &[("A", "delete"), ("A", "custom")]),
            op("DELETE", "/v1/bs/{b}", &[("B", "delete")]),
            op("DELETE", "/v1/bs/{b}/cancel", &[("B", "custom")]),
            op("DELETE", "/v1/bs/{id}", &[("B", "delete")]),
            op("DELETE", "/v1/cs/{c}/ds/{d}", &[("C", "delete")]),
            op("POST", "/v1/cs", &[("C", "create")]),
            op("GET", "/v1/cs", &[("C", "list")]),
        ];
        let index = ClassIndex::new(&ops);
        for key in ["a", "b", "c", "d"] {
            assert_eq!(index.reads.get(key).copied(), linear_read(&ops, key));
            let delete = index.own_deletes.get(key).copied().flatten();
            assert_eq!(delete, linear_own_delete(&ops, key));
            let collection = index.collections.get(key).map(|&id| ops[id].path.as_str());
            assert_eq!(collection, linear_collection(&ops, key));
        }
        assert_eq!(index.reads.get("a"), Some(&2));
        assert_eq!(index.own_deletes.get("a"), Some(&Some(4)));
        assert_eq!(index.own_deletes.get("b"), Some(&None));
        assert_eq!(index.collections.get("c"), Some(&9));
    }

    #[test]
    fn resource_and_spelling_lookups_match_flat_maps() {
        let catalog = catalog();
        let rules = catalog.rules();
        let mut resources: HashMap<(String, String), Vec<OpId>> = HashMap::new();
        for (id, op) in rules.operations.iter().enumerate() {
            for b in &op.bindings {
                let key = (resource_key(&b.namespace, &b.resource), fold(&b.name));
                let ids = resources.entry(key).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        for ((class, method), ids) in &resources {
            assert_eq!(catalog.lookup_resource(class, method), ids.as_slice());
            assert!(catalog.knows_dotnet_class(class));
        }
        assert!(
            catalog
                .lookup_resource("customer", "nosuchmethod")
                .is_empty()
        );
        let (spellings, _) = index_spellings(rules, &catalog.by_endpoint);
        let mut entries = 0;
        for (family, receivers) in &spellings {
            for (receiver, methods) in receivers {
                for (method, ids) in methods {
                    entries += 1;
                    assert_eq!(catalog.lookup_spelling(*family, receiver, method), ids);
                }
                let none = catalog.lookup_spelling(*family, receiver, "nosuchmethod");
                assert!(none.is_empty());
            }
        }
        assert!(entries > 1000, "{entries}");
        for s in &rules.spellings {
            let Some(family) = Family::of_spelling(&s.sdk, &s.style) else {
                continue;
            };
            let Some(id) = catalog.find_endpoint(&s.method, &s.path) else {
                continue;
            };
            let receiver = spelling_receiver_key(family, &s.receiver);
            let ids = catalog.lookup_spelling(family, &receiver, &fold(&s.name));
            assert!(ids.contains(&id), "{s:?}");
        }
    }

    #[test]
    fn field_lookups_match_linear_scans() {
        let catalog = catalog();
        let rules = catalog.rules();
        let expandable_keys: Vec<String> = rules
            .expandable_fields
            .iter()
            .map(|f| resource_key(&f.namespace, &f.resource))
            .collect();
        let embedded_keys: Vec<String> = rules
            .embedded_objects
            .iter()
            .map(|e| resource_key(&e.namespace, &e.resource))
            .collect();
        let fields = all_field_paths(
            rules
                .expandable_fields
                .iter()
                .map(|f| f.field.as_str())
                .chain(rules.embedded_objects.iter().map(|e| e.field.as_str())),
        );
        let mut hits = 0;
        for key in all_class_keys(rules) {
            for field in &fields {
                let linear = rules
                    .expandable_fields
                    .iter()
                    .zip(&expandable_keys)
                    .find(|(f, k)| *k == &key && f.field == *field)
                    .map(|(f, _)| f);
                assert_eq!(
                    catalog.expandable_field(&key, field),
                    linear,
                    "{key} {field}"
                );
                let list_items = format!("{field}.data");
                let linear = rules
                    .embedded_objects
                    .iter()
                    .zip(&embedded_keys)
                    .find(|(e, k)| *k == &key && (e.field == *field || e.field == list_items))
                    .map(|(e, _)| e);
                assert_eq!(
                    catalog.embedded_object(&key, field),
                    linear,
                    "{key} {field}"
                );
                hits += usize::from(linear.is_some());
            }
        }
        assert!(hits > 50, "{hits}");
    }

    /// `path` with each `{param}` replaced by an id.
    fn concrete(path: &str) -> String {
        path.split('/')
            .map(|s| if s.starts_with('{') { "id_123" } else { s })
            .collect::<Vec<_>>()
            .join("/")
    }

    #[test]
    fn raw_request_matching_agrees_with_a_scan_of_every_template() {
        let catalog = catalog();
        let rules = catalog.rules();
        let legacy: Vec<&PermissionRule> = rules
            .permissions
            .iter()
            .filter(|r| catalog.find_endpoint(&r.method, &r.path).is_none())
            .collect();
        let linear = |method: &str, path: &str| {
            let method = method.to_ascii_uppercase();
            if let Some(op) = catalog.find_endpoint(&method, path) {
                return Some((Some(op), catalog.operation(op).path.clone()));
            }
            let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
            let ops =
                (0..rules.operations.len()).filter(|&id| rules.operations[id].method == method);
            let legacy = legacy.iter().copied().filter(|r| r.method == method);
            catalog.best_template(&segments, ops, legacy)
        };
        let templates = rules
            .operations
            .iter()
            .map(|op| (&op.method, &op.path))
            .chain(rules.permissions.iter().map(|r| (&r.method, &r.path)));
        let (mut operations, mut legacy_hits) = (0, 0);
        for (method, path) in templates {
            let concrete = concrete(path);
            let paths = [
                concrete.clone(),
                format!("{concrete}/"),
                format!("{concrete}/more"),
                concrete.replace("id_123", ""),
            ];
            for path in &paths {
                for method in [method.as_str(), "get", "DELETE"] {
                    let found = catalog.match_endpoint(method, path);
                    assert_eq!(found, linear(method, path), "{method} {path}");
                    match found {
                        Some((Some(_), _)) => operations += 1,
                        Some((None, _)) => legacy_hits += 1,
                        None => {}
                    }
                }
            }
        }
        assert!(
            operations > 1000 && legacy_hits > 10,
            "{operations} {legacy_hits}"
        );
    }

    #[test]
    fn per_operation_and_object_lookups_match_their_sources() {
        let catalog = catalog();
        let rules = catalog.rules();
        for (id, op) in rules.operations.iter().enumerate() {
            assert_eq!(
                catalog.permission_rule(id),
                catalog.permission_rule_at(&op.method, &op.path),
                "{} {}",
                op.method,
                op.path
            );
        }
        for r in &rules.resource_objects {
            let last = rules
                .resource_objects
                .iter()
                .rev()
                .find(|o| o.object == r.object)
                .unwrap();
            let class = catalog.object_resource(&r.object).unwrap();
            assert_eq!(
                (class.namespace.as_str(), class.resource.as_str()),
                (last.namespace.as_str(), last.resource.as_str())
            );
            assert_eq!(class.key, resource_key(&last.namespace, &last.resource));
        }
        assert!(catalog.object_resource("no_such_object").is_none());
    }
}
