//! Which Stripe.net type a type name denotes, through `using` directives and aliases.

use crate::names::{Usings, name_segments};
use rakscan_core::Catalog;
use rakscan_core::naming::class_key;
use std::collections::HashSet;
use tree_sitter::Node;

/// A Stripe.net type the extractor follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StripeType {
    /// `StripeClient` / `IStripeClient`: its `V1`/`V2` properties lead to the services.
    Client,
    /// A service class: namespace segments below `Stripe` and the class name without `Service`
    /// (`Stripe.Checkout.SessionService` → `["Checkout"]`, `Session`).
    Service {
        namespace: Vec<String>,
        stem: String,
        /// A pre-2018 name (`StripeCustomerService`), which projects also give their own
        /// wrappers: its calls are only `Likely` Stripe's.
        legacy: bool,
    },
    /// `Stripe.OAuthTokenService` (pre-2018 `StripeOAuthTokenService`): requests to
    /// connect.stripe.com, outside the API operations.
    OAuth,
    /// A service class name that more than one imported Stripe namespace defines.
    Ambiguous(String),
}

/// Resolves type names of one file.
pub struct Types<'a> {
    usings: &'a Usings,
    /// Simple type names the project itself declares: they hide Stripe's of the same name.
    own_types: &'a HashSet<String>,
    catalog: Option<&'static Catalog>,
}

const CLIENT_TYPES: &[&str] = &["StripeClient", "IStripeClient"];

/// The OAuth service, in the `Stripe` namespace itself.
const OAUTH_TYPES: &[&str] = &["OAuthTokenService", "StripeOAuthTokenService"];

impl<'a> Types<'a> {
    pub fn new(usings: &'a Usings, own_types: &'a HashSet<String>) -> Self {
        Types {
            usings,
            own_types,
            catalog: Catalog::embedded().ok(),
        }
    }

    /// The Stripe type a type node names, if any.
    pub fn resolve_node(&self, node: Node<'_>, source: &str) -> Option<StripeType> {
        self.resolve(&name_segments(node, source)?)
    }

    /// The Stripe type a dotted name names, if any.
    pub fn resolve(&self, segments: &[String]) -> Option<StripeType> {
        let (first, rest) = segments.split_first()?;
        if first == "Stripe" {
            return self.below_stripe(rest);
        }
        if let Some(target) = self.usings.aliases.get(first) {
            let mut full = target.clone();
            full.extend(rest.iter().cloned());
            return self.below_stripe(&full);
        }
        if !rest.is_empty() || self.own_types.contains(first) {
            return None;
        }
        if let Some(root_type) = root_type(first) {
            return self
                .usings
                .stripe
                .contains(&Vec::new())
                .then_some(root_type);
        }
        let mut found: Vec<StripeType> = Vec::new();
        for namespace in &self.usings.stripe {
            if let Some((stem, legacy)) = self.known_stem(namespace, first) {
                found.push(StripeType::Service {
                    namespace: namespace.clone(),
                    stem,
                    legacy,
                });
            }
        }
        match found.len() {
            0 => None,
            1 => found.pop(),
            _ => {
                let names: Vec<String> = found
                    .iter()
                    .map(|t| match t {
                        StripeType::Service {
                            namespace, stem, ..
                        } => {
                            let mut parts = vec!["Stripe".to_owned()];
                            parts.extend(namespace.iter().cloned());
                            parts.push(format!("{stem}Service"));
                            parts.join(".")
                        }
                        _ => String::new(),
                    })
                    .collect();
                Some(StripeType::Ambiguous(format!(
                    "`{first}` may be {}: each namespace is imported by a `using` directive",
                    names.join(" or ")
                )))
            }
        }
    }

    /// A name below `Stripe.` written out in full: trusted without looking it up.
    fn below_stripe(&self, segments: &[String]) -> Option<StripeType> {
        let (last, namespace) = segments.split_last()?;
        if let Some(root_type) = root_type(last).filter(|_| namespace.is_empty()) {
            return Some(root_type);
        }
        let (stem, legacy) = self
            .known_stem(namespace, last)
            .or_else(|| service_stem(last).map(|s| (s.to_owned(), false)))?;
        Some(StripeType::Service {
            namespace: namespace.to_vec(),
            stem,
            legacy,
        })
    }

    /// The stem of a service class name that Stripe.net has in `namespace`
    /// (`CustomerService` → `Customer`; the pre-2018 `StripeCustomerService` → `Customer`,
    /// flagged as legacy).
    fn known_stem(&self, namespace: &[String], name: &str) -> Option<(String, bool)> {
        let stem = service_stem(name)?;
        let legacy = stem
            .strip_prefix("Stripe")
            .filter(|s| s.starts_with(|c: char| c.is_ascii_uppercase()));
        let known = |s: &str| {
            let mut key: Vec<String> = namespace.to_vec();
            key.push(s.to_owned());
            self.catalog
                .is_none_or(|catalog| catalog.knows_dotnet_class(&class_key(&key)))
        };
        if known(stem) {
            return Some((stem.to_owned(), false));
        }
        legacy.filter(|s| known(s)).map(|s| (s.to_owned(), true))
    }
}

/// The client and OAuth types, which Stripe.net declares in the `Stripe` namespace itself.
fn root_type(name: &str) -> Option<StripeType> {
    if CLIENT_TYPES.contains(&name) {
        Some(StripeType::Client)
    } else if OAUTH_TYPES.contains(&name) {
        Some(StripeType::OAuth)
    } else {
        None
    }
}

/// `CustomerService` → `Customer`; `None` for names that are not `<Pascal>Service`.
fn service_stem(name: &str) -> Option<&str> {
    name.strip_suffix("Service")
        .filter(|s| s.starts_with(|c: char| c.is_ascii_uppercase()))
}
