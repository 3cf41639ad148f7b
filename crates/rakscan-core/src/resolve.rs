//! IR → operation → permission. The one place that decides what a call does.

use crate::catalog::{Catalog, OpId};
use crate::expand::expansion_needs;
use crate::finding::{Access, ApiCall, Finding, LineIndex, Location, Unresolved};
use crate::ir::{CallStyle, Certainty, Extraction, Sdk, SdkCall, Span};
use crate::naming::{self, Family, fold, method_candidates, snake_case};
use crate::rules::Provenance;

/// The file a set of calls came from.
pub struct FileContext<'a> {
    /// Path relative to the scanned root, `/`-separated.
    pub path: &'a str,
    pub language: &'a str,
    pub source: &'a str,
}

/// What one call resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Operation(OpId),
    /// An endpoint no longer in Stripe's API description but still in the permission rules
    /// (`GET /v1/invoices/upcoming`), which old code still calls.
    Legacy {
        method: String,
        path: String,
    },
    /// Stripe's, but not decidable: the reason says why.
    Unresolved(String),
    /// Not an API request (a helper, a paging call, a look-alike): not reported.
    NotARequest,
}

/// Resolves every call of one file into findings.
pub fn resolve_file(
    catalog: &Catalog,
    file: &FileContext<'_>,
    extraction: &Extraction,
) -> Vec<Finding> {
    // Most files that parse have no Stripe call: index their lines only when one is reported.
    let lines = std::cell::OnceCell::new();
    let location = |span: Span| {
        lines
            .get_or_init(|| LineIndex::new(file.source))
            .location(file.path, span.start)
    };
    let unresolved = |span: Span, call: &str, reason: &str| {
        Finding::Unresolved(Unresolved {
            location: location(span),
            language: file.language.to_owned(),
            call: call.to_owned(),
            reason: reason.to_owned(),
        })
    };

    let resolved = resolve_all(catalog, &extraction.calls);
    let mut findings = Vec::new();
    for (call, resolution) in extraction.calls.iter().zip(&resolved) {
        match resolution {
            Resolution::Operation(op) => {
                let o = catalog.operation(*op);
                let endpoint = Endpoint {
                    method: &o.method,
                    path: &o.path,
                    op: Some(*op),
                };
                findings.push(Finding::ApiCall(api_call(
                    catalog,
                    file,
                    call,
                    endpoint,
                    location(call.span),
                )));
            }
            Resolution::Legacy { method, path } => {
                let endpoint = Endpoint {
                    method,
                    path,
                    op: None,
                };
                findings.push(Finding::ApiCall(api_call(
                    catalog,
                    file,
                    call,
                    endpoint,
                    location(call.span),
                )));
            }
            Resolution::Unresolved(reason) => {
                findings.push(unresolved(call.span, &call.display, reason))
            }
            Resolution::NotARequest => {}
        }
    }
    for u in &extraction.unresolved {
        findings.push(unresolved(u.span, &u.display, &u.reason));
    }
    findings
}

/// Extracts one file with `extractor` and resolves its calls: the per-file pipeline below the
/// walk, for callers that hold the source already (language-crate tests, fuzzing). `path` is
/// both the extractor's path (it picks dialects by extension) and the path findings show.
pub fn resolve_source(
    catalog: &Catalog,
    extractor: &dyn crate::Extractor,
    path: &str,
    source: &str,
) -> Result<Vec<Finding>, crate::ExtractError> {
    let extraction = extractor.extract(std::path::Path::new(path), source)?;
    let file = FileContext {
        path,
        language: extractor.language(),
        source,
    };
    Ok(resolve_file(catalog, &file, &extraction))
}

/// Resolves every call of a file, each call's origin before the call (an origin may come later
/// in the file than the calls on its result). A cycle of origins resolves to no class.
fn resolve_all(catalog: &Catalog, calls: &[SdkCall]) -> Vec<Resolution> {
    let mut resolved: Vec<Option<Resolution>> = vec![None; calls.len()];
    for i in 0..calls.len() {
        let mut chain = vec![i];
        while let Some(&last) = chain.last() {
            match origin_of(&calls[last]) {
                Some(o) if o < calls.len() && resolved[o].is_none() && !chain.contains(&o) => {
                    chain.push(o)
                }
                _ => break,
            }
        }
        for &j in chain.iter().rev() {
            if resolved[j].is_none() {
                resolved[j] = Some(resolve_call(catalog, &calls[j], &resolved));
            }
        }
    }
    resolved
        .into_iter()
        .map(|r| r.unwrap_or(Resolution::NotARequest))
        .collect()
}

/// The index of the call whose result a call works on.
fn origin_of(call: &SdkCall) -> Option<usize> {
    match call.style {
        CallStyle::Instance { origin } => origin,
        CallStyle::Element { origin } => Some(origin),
        _ => None,
    }
}

/// Resolves one call. `resolved` holds the resolutions of the other calls of the same file by
/// index, `None` where not (yet) known (an instance call names its origin by index).
pub fn resolve_call(
    catalog: &Catalog,
    call: &SdkCall,
    resolved: &[Option<Resolution>],
) -> Resolution {
    let receiver_last = call.receiver.last().map(String::as_str).unwrap_or("");
    let origin_op = |i: usize| match resolved.get(i) {
        Some(Some(Resolution::Operation(op))) => Some(*op),
        _ => None,
    };
    if let Some(thin) = event_notification_method(catalog, call) {
        return thin;
    }
    // The class of the object an instance call works on.
    let instance_class = match &call.style {
        CallStyle::Instance { origin: Some(i) } => {
            origin_op(*i).and_then(|op| returned_class(catalog, op))
        }
        CallStyle::Instance { origin: None } => Some(naming::class_key(&call.receiver)),
        _ => None,
    };
    let found: Vec<OpId> = match &call.style {
        CallStyle::Service => service_ops(catalog, call),
        CallStyle::Class => class_ops(catalog, call),
        CallStyle::Instance { origin } => {
            let origin_op = origin.and_then(origin_op);
            match &instance_class {
                Some(class) => {
                    let found = instance_ops(catalog, call, class);
                    match origin_op {
                        Some(op) if found.is_empty() => fetched_from_ops(catalog, call, op),
                        _ => found,
                    }
                }
                None => return Resolution::NotARequest,
            }
        }
        CallStyle::Element { origin } => {
            match origin_op(*origin).and_then(|op| element_class(catalog, op)) {
                Some(class) => instance_ops(catalog, call, &class),
                None => return Resolution::NotARequest,
            }
        }
        CallStyle::RequestType => catalog
            .lookup_spelling(Family::RequestType, "", &fold(&call.method))
            .to_vec(),
        CallStyle::Raw { verb, path } => return raw_request(catalog, verb, path),
    };
    match found.as_slice() {
        [op] => Resolution::Operation(*op),
        [] => {
            if naming::sends_no_request(receiver_last, &call.method) {
                return Resolution::NotARequest;
            }
            if let Some(legacy) = legacy_method(catalog, call, instance_class.as_deref()) {
                return legacy;
            }
            if call.certainty == Certainty::Likely
                || matches!(
                    call.style,
                    CallStyle::Instance { .. } | CallStyle::Element { .. }
                )
            {
                Resolution::NotARequest
            } else {
                Resolution::Unresolved(format!(
                    "`{}` is not a Stripe API method known to the rules ({} SDK, {} style)",
                    call.display,
                    sdk_name(call.sdk),
                    style_name(&call.style)
                ))
            }
        }
        many => {
            let mut names: Vec<String> = many
                .iter()
                .map(|&op| {
                    let o = catalog.operation(op);
                    format!("{} {}", o.method, o.path)
                })
                .collect();
            names.sort();
            Resolution::Unresolved(format!(
                "`{}` may be any of {}; the arguments decide which",
                call.display,
                names.join(", ")
            ))
        }
    }
}

/// The two requests a v2 event notification (a thin event, or the event it stands for) makes on
/// its own, in every SDK: `fetch_event()` reads the event (`GET /v2/core/events/{id}`);
/// `fetch_related_object()` reads the object the event names (`related_object.url`), which only
/// the event's type decides (unresolved; dropped on a receiver only named like one).
fn event_notification_method(catalog: &Catalog, call: &SdkCall) -> Option<Resolution> {
    if !matches!(
        call.style,
        CallStyle::Instance { .. } | CallStyle::Element { .. }
    ) {
        return None;
    }
    match fold(&call.method).as_str() {
        "fetchevent" => catalog
            .find_endpoint("GET", "/v2/core/events/{id}")
            .map(Resolution::Operation),
        "fetchrelatedobject" if call.certainty == Certainty::Certain => {
            Some(Resolution::Unresolved(format!(
                "`{}` fetches the object the event notification names (its related_object URL): \
             the event's type decides which object, and so the permission",
                call.display
            )))
        }
        _ => None,
    }
}

/// A raw request: its literal method and path (a template or a concrete path with ids).
fn raw_request(catalog: &Catalog, verb: &str, path: &str) -> Resolution {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    match catalog.match_endpoint(verb, path) {
        Some((Some(op), _)) => Resolution::Operation(op),
        Some((None, template)) => Resolution::Legacy {
            method: verb.to_ascii_uppercase(),
            path: template,
        },
        None => Resolution::Unresolved(format!(
            "raw request to {} {path}, which is not a Stripe API endpoint in the rules",
            verb.to_ascii_uppercase()
        )),
    }
}

/// Retrieving an account without an id reads the caller's own account (`GET /v1/account`),
/// in every SDK and style.
fn own_account(
    catalog: &Catalog,
    key: &str,
    call: &SdkCall,
    candidates: &[String],
) -> Option<OpId> {
    let names_account = key == "account" || key == "v1.accounts";
    (names_account && call.positional_args == 0 && candidates.iter().any(|m| m == "retrieve"))
        .then(|| catalog.find_endpoint("GET", "/v1/account"))
        .flatten()
}

fn service_ops(catalog: &Catalog, call: &SdkCall) -> Vec<OpId> {
    let family = Family::for_service(call.sdk);
    let key = match family {
        Family::GoClient => call
            .receiver
            .iter()
            .map(|s| fold(s))
            .collect::<Vec<_>>()
            .join("."),
        _ => call_service_key(call),
    };
    let candidates = method_candidates(call.sdk, family, &call.method);
    if let Some(op) = own_account(catalog, &key, call, &candidates) {
        return vec![op];
    }
    if call.sdk == Sdk::Dotnet {
        return dotnet_service_ops(catalog, call, &key);
    }
    let found = first_match_of(&candidates, |m| catalog.lookup_spelling(family, &key, m));
    if found.is_empty() && call.sdk == Sdk::Php {
        return php_service_ops(catalog, call, &key);
    }
    if found.is_empty() && matches!(candidates[0].as_str(), "delete" | "del") {
        // Older SDKs deleted through the service (`stripe.subscriptions.del(id)` cancels).
        if let Some(class) = service_class(catalog, family, &key) {
            return catalog.own_delete_operation(&class).into_iter().collect();
        }
    }
    found
}

/// The folded key of a service call's receiver, an SDK's alias replaced by the service it
/// names (`stripe.account` → `v1.accounts` in Node).
fn call_service_key(call: &SdkCall) -> String {
    let key = naming::service_key(&call.receiver);
    match naming::service_alias(call.sdk, &key) {
        Some(main) => main.to_owned(),
        None => key,
    }
}

/// The resource class a client service works on (`v1.invoices` → `invoice`), from the object
/// its retrieve, list or create returns.
fn service_class(catalog: &Catalog, family: Family, key: &str) -> Option<String> {
    ["retrieve", "list", "create"]
        .iter()
        .find_map(|m| catalog.lookup_spelling(family, key, m).first())
        .and_then(|&op| catalog.response_resource(op))
        .map(|(namespace, resource)| crate::catalog::resource_key(namespace, resource))
}

/// stripe-php names a few service methods differently from Node, whose spellings PHP service
/// calls are looked up in: after the spec's method name where Node renamed it
/// (`creditNotes->previewLines`, `invoices->allLines`: Go's client keeps the same names), and
/// nested methods after the child's path segment (`invoices->updateLine` for
/// `POST /v1/invoices/{invoice}/lines/{id}`).
fn php_service_ops(catalog: &Catalog, call: &SdkCall, key: &str) -> Vec<OpId> {
    let go_key = key.replace('.', "");
    let candidates = method_candidates(call.sdk, Family::GoClient, &call.method);
    let by_go = first_match_of(&candidates, |m| {
        catalog.lookup_spelling(Family::GoClient, &go_key, m)
    });
    if !by_go.is_empty() {
        return by_go;
    }
    php_child_ops(catalog, call, Family::ServiceFlat, key)
}

/// A PHP nested method (`allLines`, `updateLine`) as the operation on the child path segment
/// below the object that `retrieve` on the same receiver reads.
fn php_child_ops(catalog: &Catalog, call: &SdkCall, family: Family, key: &str) -> Vec<OpId> {
    let Some(child) = naming::php_child_method(&call.method) else {
        return Vec::new();
    };
    let Some(&parent) = catalog.lookup_spelling(family, key, "retrieve").first() else {
        return Vec::new();
    };
    let mut path = format!("{}/{}", catalog.operation(parent).path, child.segment);
    if child.item {
        path.push_str("/{id}");
    }
    catalog
        .find_endpoint(child.http, &path)
        .into_iter()
        .collect()
}

/// A Stripe.net service method: the client service's own spelling, then a child service
/// flattened into the parent's method name (`InvoiceService.ListLineItems(id)` is
/// `client.V1.Invoices.LineItems.List(id)`), then the resource-class methods Stripe.net keeps
/// on the service (`CustomerService.ListPaymentMethods(id)`).
fn dotnet_service_ops(catalog: &Catalog, call: &SdkCall, key: &str) -> Vec<OpId> {
    let family = Family::ServiceNested;
    let candidates = method_candidates(call.sdk, family, &call.method);
    let found = first_match_of(&candidates, |m| catalog.lookup_spelling(family, key, m));
    if !found.is_empty() {
        return found;
    }
    for candidate in &candidates {
        for verb in ["list", "create", "retrieve", "update", "delete", "search"] {
            let Some(child) = candidate.strip_prefix(verb).filter(|c| !c.is_empty()) else {
                continue;
            };
            for child in [child.to_owned(), format!("{child}s")] {
                let ops = catalog.lookup_spelling(family, &format!("{key}.{child}"), verb);
                if !ops.is_empty() {
                    return ops.to_vec();
                }
            }
        }
    }
    match catalog.dotnet_class(key) {
        Some(class) => class_lookup(catalog, call, class),
        None => Vec::new(),
    }
}

fn class_ops(catalog: &Catalog, call: &SdkCall) -> Vec<OpId> {
    let key = naming::class_key(&call.receiver);
    let candidates = method_candidates(call.sdk, Family::Class, &call.method);
    if let Some(op) = own_account(catalog, &key, call, &candidates) {
        return vec![op];
    }
    // A Stripe.net service class (`new CustomerBalanceTransactionService().Create(…)`) is the
    // client service of the same path (`client.V1.Customers.BalanceTransactions.Create(…)`).
    if call.sdk == Sdk::Dotnet
        && let Some(service) = catalog.dotnet_service(&key)
    {
        let found = dotnet_service_ops(catalog, call, service);
        // Older Stripe.net overloads take a parent's id first: `TaxIdService.Create(customerId,
        // options)` is `POST /v1/customers/{customer}/tax_ids`, today's
        // `CustomerTaxIdService`. The number of ids the call passes decides, among the nested
        // services of the same resource (`RefundService` never meant application fee refunds).
        if let [op] = found.as_slice()
            && path_params(catalog, *op) < call.positional_args
        {
            let resource = catalog.response_resource(*op);
            let mut nested: Vec<OpId> = catalog
                .dotnet_nested_services(&key)
                .into_iter()
                .flat_map(|s| dotnet_service_ops(catalog, call, s))
                .filter(|op| path_params(catalog, *op) == call.positional_args)
                .filter(|op| catalog.response_resource(*op) == resource)
                .collect();
            nested.dedup();
            if nested.len() == 1 {
                return nested;
            }
        }
        return found;
    }
    class_lookup(catalog, call, &key)
}

/// How many parameters an operation's path has (`/v1/customers/{customer}/tax_ids` → 1).
fn path_params(catalog: &Catalog, op: OpId) -> usize {
    catalog.operation(op).path.matches('{').count()
}

/// A class-style look-up: the class spellings of the data, then the spec's bindings of the
/// resource class and method name.
fn class_lookup(catalog: &Catalog, call: &SdkCall, key: &str) -> Vec<OpId> {
    let candidates = method_candidates(call.sdk, Family::Class, &call.method);
    let spelled = first_match_of(&candidates, |m| {
        catalog.lookup_spelling(Family::Class, key, m)
    });
    if !spelled.is_empty() {
        return spelled;
    }
    let bound = first_match_of(&candidates, |m| catalog.lookup_resource(key, m));
    if bound.is_empty() && call.sdk == Sdk::Php {
        let nested = php_child_ops(catalog, call, Family::Class, key);
        if !nested.is_empty() {
            return nested;
        }
    }
    if !bound.is_empty() || candidates[0] != "delete" {
        return bound;
    }
    // Older SDKs had a class-level `delete(id)` on every deletable resource
    // (`Stripe::Subscription.delete(id)` cancels): the DELETE on the object's own path.
    catalog.own_delete_operation(key).into_iter().collect()
}

fn instance_ops(catalog: &Catalog, call: &SdkCall, class: &str) -> Vec<OpId> {
    let candidates = method_candidates(call.sdk, Family::Instance, &call.method);
    if candidates.iter().any(|m| m == "refresh") {
        return first_match_of(&["retrieve".to_owned()], |m| {
            catalog.lookup_spelling(Family::Class, class, m)
        });
    }
    let spelled = first_match_of(&candidates, |m| {
        catalog.lookup_spelling(Family::Instance, class, m)
    });
    if !spelled.is_empty() {
        return spelled;
    }
    // Custom methods exist on both the class and its instances (`sub.cancel()`).
    let custom: Vec<String> = candidates
        .iter()
        .filter(|m| !matches!(m.as_str(), "create" | "list" | "search" | "retrieve"))
        .cloned()
        .collect();
    let found = first_match_of(&custom, |m| {
        catalog.lookup_spelling(Family::Class, class, m)
    });
    if !found.is_empty() || candidates[0] != "delete" {
        return found;
    }
    // Older SDKs deleted any deletable object with `obj.delete()` (a `Subscription` is
    // cancelled that way): the DELETE on the object's own path.
    catalog.own_delete_operation(class).into_iter().collect()
}

/// `delete`, `save` or a custom action on an object whose class has no such method of its
/// own, as the older SDKs send it: to the path the object was read from. A payment source a
/// customer's list returned (`customer.sources.retrieve(id).delete()`) is deleted at
/// `DELETE /v1/customers/{customer}/sources/{id}`, and verified (`….verify(amounts)`) at
/// `POST /v1/customers/{customer}/sources/{id}/verify`. `origin` is the operation that returned
/// the object; one that creates it (`POST …/sources`) gives the item path below it. A custom
/// action must be a custom operation of the API.
fn fetched_from_ops(catalog: &Catalog, call: &SdkCall, origin: OpId) -> Vec<OpId> {
    let candidates = method_candidates(call.sdk, Family::Instance, &call.method);
    let path = &catalog.operation(origin).path;
    let item = match catalog.operation_kind(origin) {
        "retrieve" | "update" if path.ends_with('}') => path.clone(),
        "create" if !path.ends_with('}') => format!("{path}/{{id}}"),
        _ => return Vec::new(),
    };
    let (verb, path, custom) = match candidates[0].as_str() {
        "delete" | "del" => ("DELETE", item, false),
        "save" | "update" => ("POST", item, false),
        _ => ("POST", format!("{item}/{}", snake_case(&call.method)), true),
    };
    catalog
        .find_endpoint(verb, &path)
        // A nested list read as a property (Ruby's `customer.sources`) is not its create.
        .filter(|&op| !custom || catalog.operation_kind(op) == "custom")
        .into_iter()
        .collect()
}

/// A method of an older SDK whose endpoint left the API but is still in the permission rules:
/// `stripe.Invoice.upcoming()` → `GET /v1/invoices/upcoming`, on an instance
/// `item.usageRecordSummaries()` → `GET /v1/subscription_items/{id}/usage_record_summaries`.
/// The endpoint is the class's collection path (an instance's own path) plus the method name
/// (`upcoming_lines` → `upcoming/lines`), or else a nested method's child below one object
/// (`subscriptionItems.createUsageRecord(id, …)` → `POST /v1/subscription_items/{id}/usage_records`);
/// it must be the only such endpoint in the rules. A
/// class the API no longer has is found by its collection segment instead
/// ([`legacy_collection_method`]).
fn legacy_method(
    catalog: &Catalog,
    call: &SdkCall,
    instance_class: Option<&str>,
) -> Option<Resolution> {
    let base = match call.style {
        CallStyle::Class => {
            let class = naming::class_key(&call.receiver);
            match catalog.collection_path(&class) {
                Some(collection) => collection.to_owned(),
                None => return legacy_collection_method(catalog, call, &class),
            }
        }
        CallStyle::Service if call.sdk != Sdk::Go => {
            let family = Family::for_service(call.sdk);
            let class = service_class(catalog, family, &call_service_key(call))?;
            catalog.collection_path(&class)?.to_owned()
        }
        CallStyle::Instance { .. } => {
            let read = catalog.read_operation(instance_class?)?;
            let path = &catalog.operation(read).path;
            if !path.ends_with('}') {
                return None;
            }
            path.clone()
        }
        _ => return None,
    };
    let snake = snake_case(&call.method);
    // Client services spell the verb out (`invoices.retrieveUpcoming` is `GET …/upcoming`).
    let bare = ["retrieve_", "list_", "get_"]
        .iter()
        .find_map(|verb| snake.strip_prefix(verb))
        .unwrap_or(&snake)
        .to_owned();
    let mut tails = vec![
        snake.clone(),
        snake.replace('_', "/"),
        bare.clone(),
        bare.replace('_', "/"),
    ];
    tails.extend(naming::legacy_path_segment(call.sdk, &call.method).map(str::to_owned));
    let mut found = Vec::new();
    for tail in tails {
        for verb in ["GET", "POST", "DELETE"] {
            let path = format!("{base}/{tail}");
            if catalog.find_endpoint(verb, &path).is_none()
                && let Some(rule) = catalog.permission_rule_at(verb, &path)
            {
                let entry = (verb.to_owned(), rule.path.clone());
                if !found.contains(&entry) {
                    found.push(entry);
                }
            }
        }
    }
    if found.is_empty() {
        // A nested method's child below one object (`createUsageRecord(id, …)`).
        let item = match call.style {
            CallStyle::Instance { .. } => base,
            _ => format!("{base}/{{id}}"),
        };
        found.extend(legacy_nested(catalog, &item, &call.method));
    }
    match found.as_slice() {
        [(method, path)] => Some(Resolution::Legacy {
            method: method.clone(),
            path: path.clone(),
        }),
        _ => None,
    }
}

/// The legacy endpoint a nested method names below one object (`item` is the object's path):
/// `createUsageRecord` → `POST {item}/usage_records`, `deleteCard` → `DELETE {item}/cards/{id}`;
/// as (HTTP method, the rule's path).
fn legacy_nested(catalog: &Catalog, item: &str, method: &str) -> Option<(String, String)> {
    let child = naming::child_method(method)?;
    let mut path = format!("{item}/{}", child.segment);
    if child.item {
        path.push_str("/{id}");
    }
    if catalog.find_endpoint(child.http, &path).is_some() {
        return None;
    }
    let rule = catalog.permission_rule_at(child.http, &path)?;
    Some((child.http.to_owned(), rule.path.clone()))
}

/// A class method of a resource the API no longer has, found by the collection segment its
/// endpoints end in (`UsageRecord` → `…/usage_records`, `usagerecordsummary` →
/// `…/usage_record_summaries`) and the verb the method name starts with (`create…`/`New` →
/// `POST` on the collection, `list`/`all` → `GET`). The legacy endpoint must be the only one,
/// and authorised by the class's own permission family (`usage_record_write`): a collection
/// under a parent's permission (`POST /v1/customers/{customer}/cards`, `customer_write`) may
/// be one of several parents the arguments choose between.
fn legacy_collection_method(catalog: &Catalog, call: &SdkCall, class: &str) -> Option<Resolution> {
    let candidates = method_candidates(call.sdk, Family::Class, &call.method);
    let verb = candidates.iter().find_map(|m| {
        if m.starts_with("create") {
            Some("POST")
        } else if m.starts_with("list") || m == "all" {
            Some("GET")
        } else {
            None
        }
    })?;
    let name = class.rsplit('.').next().unwrap_or(class);
    let segment = naming::plural(name);
    let own_family = |permission: &str| {
        let family = permission
            .strip_suffix("_read")
            .or_else(|| permission.strip_suffix("_write"))
            .unwrap_or(permission);
        name.starts_with(&fold(family))
    };
    let found: Vec<&crate::rules::PermissionRule> = catalog
        .legacy_rules()
        .filter(|r| r.method == verb && r.permission.as_deref().is_some_and(own_family))
        .filter(|r| {
            r.path
                .rsplit('/')
                .next()
                .is_some_and(|last| fold(last) == segment)
        })
        .collect();
    match found.as_slice() {
        [rule] => Some(Resolution::Legacy {
            method: rule.method.clone(),
            path: rule.path.clone(),
        }),
        _ => None,
    }
}

/// The class key of the object an operation returns, when it returns one resource.
fn returned_class(catalog: &Catalog, op: OpId) -> Option<String> {
    match catalog.operation_kind(op) {
        "list" | "search" | "delete" => None,
        _ => catalog
            .response_resource(op)
            .map(|(n, r)| crate::catalog::resource_key(n, r)),
    }
}

/// The class key of the elements of the list an operation returns (its service binding's
/// resource: `PaymentMethod` for `GET /v1/customers/{customer}/payment_methods`).
fn element_class(catalog: &Catalog, op: OpId) -> Option<String> {
    match catalog.operation_kind(op) {
        "list" | "search" => catalog
            .response_resource(op)
            .map(|(n, r)| crate::catalog::resource_key(n, r)),
        _ => None,
    }
}

fn first_match_of<'c>(candidates: &[String], lookup: impl Fn(&str) -> &'c [OpId]) -> Vec<OpId> {
    candidates
        .iter()
        .map(|m| lookup(m))
        .find(|ops| !ops.is_empty())
        .map(<[OpId]>::to_vec)
        .unwrap_or_default()
}

/// The endpoint a call resolved to: an operation, or a legacy endpoint (no operation).
struct Endpoint<'a> {
    method: &'a str,
    path: &'a str,
    op: Option<OpId>,
}

fn api_call(
    catalog: &Catalog,
    file: &FileContext<'_>,
    call: &SdkCall,
    endpoint: Endpoint<'_>,
    location: Location,
) -> ApiCall {
    let rule = match endpoint.op {
        Some(op) => catalog.permission_rule(op),
        None => catalog.permission_rule_at(endpoint.method, endpoint.path),
    };
    let permission = rule.and_then(|r| r.permission.clone());
    let provenance = rule.map(|r| r.provenance).unwrap_or(Provenance::Unknown);
    let mut notes = Vec::new();
    match rule {
        Some(r) if !r.note.is_empty() => notes.push(r.note.clone()),
        Some(_) => {}
        None => notes.push("the endpoint has no row in the permission rules".to_owned()),
    }
    if endpoint.op.is_none() {
        notes.push("legacy endpoint: no longer in Stripe's API description".to_owned());
    }
    ApiCall {
        location,
        language: file.language.to_owned(),
        call: call.display.clone(),
        method: endpoint.method.to_owned(),
        endpoint: endpoint.path.to_owned(),
        operation_id: endpoint
            .op
            .map(|op| catalog.operation(op).operation_id.clone()),
        access: Access::of(permission.as_deref(), endpoint.method),
        permission,
        provenance,
        permission_note: (!notes.is_empty()).then(|| notes.join("; ")),
        direct_only: rule.is_some_and(|r| r.direct_only),
        connect: call.connect,
        confidence: call.certainty,
        expansions: match endpoint.op {
            Some(op) => expansion_needs(catalog, op, &call.expand),
            None => Vec::new(),
        },
    }
}

fn sdk_name(sdk: Sdk) -> &'static str {
    match sdk {
        Sdk::Python => "Python",
        Sdk::Node => "Node",
        Sdk::Ruby => "Ruby",
        Sdk::Go => "Go",
        Sdk::Java => "Java",
        Sdk::Php => "PHP",
        Sdk::Dotnet => ".NET",
        Sdk::Rust => "async-stripe",
    }
}

fn style_name(style: &CallStyle) -> &'static str {
    match style {
        CallStyle::Service => "client",
        CallStyle::Class => "resource-class",
        CallStyle::Instance { .. } => "instance",
        CallStyle::Element { .. } => "list element",
        CallStyle::RequestType => "request-builder",
        CallStyle::Raw { .. } => "raw request",
    }
}
