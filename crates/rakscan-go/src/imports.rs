//! The stripe-go packages a file imports, by the name the file uses for each.
//!
//! stripe-go lives at `github.com/stripe/stripe-go/vNN` (any major; before Go modules the path
//! had no `/vNN`). Its root package is `stripe`; every API resource of the legacy style has a
//! package below it named after the class without separators, nested in folders for
//! namespaces (`customer`, `paymentintent`, `checkout/session`, `billingportal/session`,
//! `testhelpers/issuing/card`, `v2/core/event`).

use crate::tree::{self, named_children, text};
use rakscan_syntax::{FieldLookup, KindName};
use std::collections::HashMap;
use tree_sitter::Node;

const MODULE: &str = "github.com/stripe/stripe-go";

/// What an imported stripe-go package is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Package {
    /// The root package `stripe` (`stripe.NewClient`, `stripe.RawRequest`, params types).
    Root,
    /// `client`: the deprecated `client.API` with one field per resource package.
    ApiClient,
    /// `webhook`: signature checks, no request.
    Webhook,
    /// `oauth`: requests to connect.stripe.com, outside the API operations.
    OAuth,
    /// `rawrequest`: `rawrequest.Post(path, …)` and friends.
    RawRequest,
    /// A package that is not an API resource (`form`, `stripetest`, …).
    Helper,
    /// A legacy resource package, as its path below the module (`["checkout", "session"]`).
    Resource(Vec<String>),
}

/// The stripe-go packages of one file, by local name.
#[derive(Debug, Default)]
pub struct Imports {
    by_name: HashMap<String, Package>,
}

impl Imports {
    /// Reads the import declarations of a file.
    pub fn collect(root: Node<'_>, source: &str) -> Imports {
        let mut by_name = HashMap::new();
        for declaration in named_children(root) {
            if declaration.kind_name() != "import_declaration" {
                continue;
            }
            let mut specs = Vec::new();
            tree::walk_pruned(declaration, |n| {
                if n.kind_name() == "import_spec" {
                    specs.push(n);
                    return false;
                }
                true
            });
            for spec in specs {
                let Some(path) = spec
                    .field("path")
                    .and_then(|p| tree::string_literal(p, source))
                else {
                    continue;
                };
                let Some(segments) = package_segments(&path) else {
                    continue;
                };
                let local = match spec.field("name") {
                    Some(n) if n.kind_name() == "package_identifier" => text(n, source).to_owned(),
                    Some(_) => continue,
                    None => match segments.last() {
                        Some(last) => last.clone(),
                        None => "stripe".to_owned(),
                    },
                };
                by_name.insert(local, classify(segments));
            }
        }
        Imports { by_name }
    }

    /// The package a file-level name refers to.
    pub fn get(&self, name: &str) -> Option<&Package> {
        self.by_name.get(name)
    }

    /// Whether the file imports any stripe-go package.
    pub fn any(&self) -> bool {
        !self.by_name.is_empty()
    }

    /// Whether the file imports the `client` package (the deprecated `client.API`).
    pub fn api_client(&self) -> bool {
        self.by_name.values().any(|p| *p == Package::ApiClient)
    }
}

/// The path segments of a stripe-go import below the module and its major version, or `None`
/// when the path is not stripe-go's (`…/stripe-go/v76/checkout/session` → `checkout, session`).
fn package_segments(path: &str) -> Option<Vec<String>> {
    let rest = path.strip_prefix(MODULE)?;
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    let mut segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    if segments.first().is_some_and(|s| is_major_version(s)) {
        segments.remove(0);
    }
    Some(segments.into_iter().map(str::to_owned).collect())
}

/// `v76`, `v2`… A package folder named `v2` exists too (`v2/core/event`), but it is only ever
/// below the major version, which comes first.
fn is_major_version(segment: &str) -> bool {
    segment
        .strip_prefix('v')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn classify(segments: Vec<String>) -> Package {
    match segments
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => Package::Root,
        ["client"] => Package::ApiClient,
        ["webhook"] => Package::Webhook,
        ["oauth"] => Package::OAuth,
        ["rawrequest"] => Package::RawRequest,
        ["form"]
        | ["stripe"]
        | ["stripetest"]
        | ["testing"]
        | ["scripts", ..]
        | ["example", ..] => Package::Helper,
        _ => Package::Resource(crate::renames::current_name(&segments).unwrap_or(segments)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_major_version_and_the_pre_module_path() {
        assert_eq!(
            package_segments("github.com/stripe/stripe-go/v76/checkout/session"),
            Some(vec!["checkout".to_owned(), "session".to_owned()])
        );
        assert_eq!(
            package_segments("github.com/stripe/stripe-go/v82"),
            Some(vec![])
        );
        assert_eq!(
            package_segments("github.com/stripe/stripe-go/customer"),
            Some(vec!["customer".to_owned()])
        );
        assert_eq!(
            package_segments("github.com/stripe/stripe-go/v83/v2/core/event"),
            Some(vec!["v2".to_owned(), "core".to_owned(), "event".to_owned()])
        );
        assert_eq!(package_segments("github.com/stripe/stripe-gofake"), None);
        assert_eq!(package_segments("example.com/stripe/customer"), None);
    }
}
