//! `rakscan explain`: what a permission, an endpoint or an SDK call needs, and why, from the
//! rules alone.

use crate::catalog::Catalog;
use crate::finding::Access;
use crate::ir::{CallStyle, Certainty, Sdk, SdkCall, Span};
use crate::manifest::{read_twin, write_twin};
use crate::resolve::{Resolution, resolve_call};
use crate::rules::{PermissionRule, Provenance};
use serde::Serialize;

/// One endpoint and the permission it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndpointInfo {
    pub method: String,
    pub path: String,
    /// `None` for legacy endpoints that are no longer operations of the API.
    pub operation_id: Option<String>,
    pub permission: Option<String>,
    pub access: Access,
    pub provenance: Provenance,
    pub direct_only: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The answer to one `explain` query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Explanation {
    /// A permission name: its Dashboard row and every endpoint that needs it.
    Permission {
        permission: String,
        label: String,
        category: String,
        description: String,
        implies: Vec<String>,
        /// Permissions that imply this one.
        implied_by: Vec<String>,
        /// The read twin a write permission also grants.
        covers: Option<String>,
        /// The write twin that would also grant a read permission.
        covered_by: Option<String>,
        endpoints: Vec<EndpointInfo>,
    },
    /// `METHOD /path`: the endpoint(s) it matches.
    Endpoint { endpoints: Vec<EndpointInfo> },
    /// An SDK call as written: the operations it may be, in some SDK and style.
    Call {
        endpoints: Vec<EndpointInfo>,
        /// Readings the rules leave open (several operations, decided by the arguments).
        ambiguous: Vec<String>,
    },
}

/// Explains a query: a permission name, `METHOD /path` (a template or a concrete path, with or
/// without the `https://api.stripe.com` prefix) or an SDK call (`stripe.Customer.create`).
pub fn explain(catalog: &Catalog, query: &str) -> Result<Explanation, String> {
    let query = query.trim();
    if let Some(group) = catalog.group(query) {
        let mut endpoints: Vec<EndpointInfo> = catalog
            .rules()
            .permissions
            .iter()
            .filter(|r| r.permission.as_deref() == Some(query))
            .map(|r| endpoint_info(catalog, r))
            .collect();
        endpoints.sort_by(|a, b| (&a.path, &a.method).cmp(&(&b.path, &b.method)));
        let implied_by = catalog
            .rules()
            .permission_groups
            .iter()
            .filter(|g| g.implies.iter().any(|i| i == query))
            .map(|g| g.permission.clone())
            .collect();
        let known = |p: Option<String>| p.filter(|p| catalog.group(p).is_some());
        return Ok(Explanation::Permission {
            permission: group.permission.clone(),
            label: group.label.clone(),
            category: group.category.clone(),
            description: group.description.clone(),
            implies: group.implies.clone(),
            implied_by,
            covers: known(read_twin(query)),
            covered_by: known(write_twin(query)),
            endpoints,
        });
    }
    if let Some((method, path)) = split_endpoint(query) {
        let endpoints = matching_endpoints(catalog, &method, &path);
        if endpoints.is_empty() {
            return Err(format!(
                "{method} {path} is not a Stripe API endpoint in the rules"
            ));
        }
        return Ok(Explanation::Endpoint { endpoints });
    }
    explain_call(catalog, query)
}

fn endpoint_info(catalog: &Catalog, rule: &PermissionRule) -> EndpointInfo {
    EndpointInfo {
        method: rule.method.clone(),
        path: rule.path.clone(),
        operation_id: catalog
            .find_endpoint(&rule.method, &rule.path)
            .map(|op| catalog.operation(op).operation_id.clone()),
        permission: rule.permission.clone(),
        access: Access::of(rule.permission.as_deref(), &rule.method),
        provenance: rule.provenance,
        direct_only: rule.direct_only,
        note: rule.note.clone(),
    }
}

const METHODS: [&str; 5] = ["GET", "POST", "DELETE", "PUT", "PATCH"];

/// `POST /v1/customers` → (`POST`, `/v1/customers`); also full URLs and query strings.
fn split_endpoint(query: &str) -> Option<(String, String)> {
    let (method, rest) = query.split_once(char::is_whitespace)?;
    let method = method.to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) {
        return None;
    }
    let mut path = rest.trim();
    if let Some(i) = path.find("/v1/").or_else(|| path.find("/v2/")) {
        path = &path[i..];
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    path.starts_with('/')
        .then(|| (method, path.trim_end_matches('/').to_owned()))
}

/// Endpoints whose template matches: the exact template first; else every template whose
/// literal segments agree (a `{param}` matches any segment), most literal first.
fn matching_endpoints(catalog: &Catalog, method: &str, path: &str) -> Vec<EndpointInfo> {
    if let Some(rule) = catalog.permission_rule_at(method, path) {
        return vec![endpoint_info(catalog, rule)];
    }
    let wanted: Vec<&str> = path.split('/').collect();
    let mut found: Vec<(usize, &PermissionRule)> = catalog
        .rules()
        .permissions
        .iter()
        .filter(|r| r.method == method)
        .filter_map(|r| {
            let template: Vec<&str> = r.path.split('/').collect();
            if template.len() != wanted.len() {
                return None;
            }
            let mut params = 0;
            for (t, w) in template.iter().zip(&wanted) {
                if t.starts_with('{') {
                    params += 1;
                } else if t != w {
                    return None;
                }
            }
            Some((params, r))
        })
        .collect();
    found.sort_by_key(|(params, r)| (*params, r.path.clone()));
    let fewest = found.first().map(|(p, _)| *p);
    found
        .into_iter()
        .filter(|(p, _)| Some(*p) == fewest)
        .map(|(_, r)| endpoint_info(catalog, r))
        .collect()
}

const SDKS: [Sdk; 8] = [
    Sdk::Python,
    Sdk::Node,
    Sdk::Ruby,
    Sdk::Go,
    Sdk::Java,
    Sdk::Php,
    Sdk::Dotnet,
    Sdk::Rust,
];

/// Reads the query as a call in every SDK and style, dropping leading client segments
/// (`stripe.`, `client.`) until some reading resolves.
fn explain_call(catalog: &Catalog, query: &str) -> Result<Explanation, String> {
    let cleaned = query.trim_end_matches([')', '(', ';']);
    let segments: Vec<&str> = cleaned
        .split(['.', ':', '\\', '>', '-', '$'])
        .filter(|s| !s.is_empty())
        .collect();
    let Some((method, receiver)) = segments.split_last() else {
        return Err("nothing to explain".to_owned());
    };
    if segments
        .iter()
        .any(|s| !s.chars().all(|c| c.is_alphanumeric() || c == '_'))
    {
        return Err(format!(
            "`{query}` is not a permission name, `METHOD /path` or an SDK call"
        ));
    }
    let mut ops = Vec::new();
    let mut ambiguous = Vec::new();
    for skip in 0..=receiver.len() {
        let receiver: Vec<String> = receiver[skip..].iter().map(|s| s.to_string()).collect();
        let mut styles = vec![CallStyle::Service, CallStyle::Class];
        if receiver.is_empty() {
            styles = vec![CallStyle::RequestType];
        }
        for sdk in SDKS {
            for style in &styles {
                for positional_args in [0, 1] {
                    let call = SdkCall {
                        span: Span::default(),
                        sdk,
                        style: style.clone(),
                        receiver: receiver.clone(),
                        method: method.to_string(),
                        display: query.to_owned(),
                        expand: Vec::new(),
                        connect: false,
                        positional_args,
                        certainty: Certainty::Certain,
                    };
                    match resolve_call(catalog, &call, &[]) {
                        Resolution::Operation(op) if !ops.contains(&op) => ops.push(op),
                        Resolution::Unresolved(reason)
                            if reason.contains("may be any of") && !ambiguous.contains(&reason) =>
                        {
                            ambiguous.push(reason)
                        }
                        _ => {}
                    }
                }
            }
        }
        if !ops.is_empty() || !ambiguous.is_empty() {
            break;
        }
    }
    if ops.is_empty() && ambiguous.is_empty() {
        return Err(format!(
            "`{query}` is not a permission, an endpoint or an SDK call the rules know"
        ));
    }
    let mut endpoints: Vec<EndpointInfo> = ops
        .iter()
        .map(|&op| {
            let o = catalog.operation(op);
            match catalog.permission_rule(op) {
                Some(rule) => endpoint_info(catalog, rule),
                None => EndpointInfo {
                    method: o.method.clone(),
                    path: o.path.clone(),
                    operation_id: Some(o.operation_id.clone()),
                    permission: None,
                    access: Access::of(None, &o.method),
                    provenance: Provenance::Unknown,
                    direct_only: false,
                    note: "no permission rule for this endpoint".to_owned(),
                },
            }
        })
        .collect();
    endpoints.sort_by(|a, b| (&a.path, &a.method).cmp(&(&b.path, &b.method)));
    Ok(Explanation::Call {
        endpoints,
        ambiguous,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> &'static Catalog {
        Catalog::embedded().unwrap()
    }

    fn endpoints(e: Explanation) -> Vec<String> {
        let list = match e {
            Explanation::Permission { endpoints, .. }
            | Explanation::Endpoint { endpoints }
            | Explanation::Call { endpoints, .. } => endpoints,
        };
        list.iter()
            .map(|e| {
                format!(
                    "{} {} {}",
                    e.method,
                    e.path,
                    e.permission.as_deref().unwrap_or("-")
                )
            })
            .collect()
    }

    #[test]
    fn endpoint_by_template_or_concrete_path() {
        assert_eq!(
            endpoints(explain(catalog(), "POST /v1/customers").unwrap()),
            ["POST /v1/customers customer_write"]
        );
        assert_eq!(
            endpoints(
                explain(
                    catalog(),
                    "get https://api.stripe.com/v1/customers/cus_1?x=1"
                )
                .unwrap()
            ),
            ["GET /v1/customers/{customer} customer_read"]
        );
        assert_eq!(
            endpoints(explain(catalog(), "GET /v1/customers/search").unwrap()),
            ["GET /v1/customers/search customer_read"]
        );
    }

    #[test]
    fn sdk_calls_in_several_spellings() {
        for q in [
            "stripe.Customer.create",
            "stripe.customers.create",
            "client.v1.customers.create",
        ] {
            assert_eq!(
                endpoints(explain(catalog(), q).unwrap()),
                ["POST /v1/customers customer_write"],
                "{q}"
            );
        }
        let account = endpoints(explain(catalog(), "stripe.Account.retrieve").unwrap());
        assert!(
            account.contains(&"GET /v1/account connected_account_read".to_owned()),
            "{account:?}"
        );
    }

    #[test]
    fn permission_lists_its_endpoints_and_twin() {
        let e = explain(catalog(), "refund_write").unwrap();
        let Explanation::Permission {
            covers, endpoints, ..
        } = &e
        else {
            panic!("{e:?}")
        };
        assert_eq!(covers.as_deref(), Some("refund_read"));
        assert!(
            endpoints
                .iter()
                .any(|e| e.method == "POST" && e.path == "/v1/refunds")
        );
    }

    #[test]
    fn nonsense_is_an_error() {
        assert!(explain(catalog(), "hello world").is_err());
        assert!(explain(catalog(), "db.customers.frobnicate").is_err());
    }
}
