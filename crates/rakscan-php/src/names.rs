//! PHP name resolution: the current `namespace`, the `use` imports, and fully qualified class
//! names (`Customer` after `use Stripe\Customer;` is `Stripe\Customer`).

use crate::tree::{named_children, text};
use rakscan_core::Catalog;
use rakscan_core::naming::fold;
use rakscan_syntax::{FieldLookup, KindName};
use std::collections::HashMap;
use tree_sitter::Node;

/// The namespace and imports in force at a point of the file.
#[derive(Debug, Default, Clone)]
pub struct Names {
    /// The current namespace (`App\Billing`), empty for the global one.
    namespace: String,
    /// Lower-cased alias → fully qualified name, from `use` declarations.
    imports: HashMap<String, String>,
}

impl Names {
    /// Enters a `namespace` declaration: imports do not carry over from the previous one.
    pub fn enter_namespace(&mut self, definition: Node<'_>, source: &str) {
        self.namespace = definition
            .field("name")
            .map(|n| text(n, source).split_whitespace().collect())
            .unwrap_or_default();
        self.imports.clear();
    }

    /// Records the class and namespace imports of a `use` declaration (`use function` and
    /// `use const` are ignored).
    pub fn add_use(&mut self, declaration: Node<'_>, source: &str) {
        if declaration.field("type").is_some() {
            return;
        }
        let mut prefix = String::new();
        let mut clauses = Vec::new();
        for child in named_children(declaration) {
            match child.kind_name() {
                "namespace_name" => prefix = compact(text(child, source)),
                "namespace_use_clause" => clauses.push(child),
                "namespace_use_group" => clauses.extend(
                    named_children(child)
                        .into_iter()
                        .filter(|c| c.kind_name() == "namespace_use_clause"),
                ),
                _ => {}
            }
        }
        for clause in clauses {
            if clause.field("type").is_some() {
                continue;
            }
            let alias = clause.field("alias");
            let Some(target) = named_children(clause)
                .into_iter()
                .find(|c| alias.is_none_or(|a| a.id() != c.id()))
            else {
                continue;
            };
            let mut full = compact(text(target, source));
            full = full.trim_start_matches('\\').to_owned();
            if !prefix.is_empty() {
                full = format!("{prefix}\\{full}");
            }
            let short = match alias {
                Some(a) => text(a, source).to_owned(),
                None => last_segment(&full).to_owned(),
            };
            self.imports.insert(short.to_ascii_lowercase(), full);
        }
    }

    /// The fully qualified name (without a leading `\`) of a class name as written.
    pub fn resolve(&self, written: &str) -> String {
        let written = compact(written);
        if let Some(rooted) = written.strip_prefix('\\') {
            return rooted.to_owned();
        }
        if let Some(relative) = written.strip_prefix("namespace\\") {
            return self.qualify(relative);
        }
        let (first, rest) = match written.split_once('\\') {
            Some((first, rest)) => (first, Some(rest)),
            None => (written.as_str(), None),
        };
        match (self.imports.get(&first.to_ascii_lowercase()), rest) {
            (Some(full), Some(rest)) => format!("{full}\\{rest}"),
            (Some(full), None) => full.clone(),
            (None, _) => self.qualify(&written),
        }
    }

    fn qualify(&self, name: &str) -> String {
        if self.namespace.is_empty() {
            name.to_owned()
        } else {
            format!("{}\\{name}", self.namespace)
        }
    }
}

/// The segments below the SDK's root namespace of a fully qualified name, when it is in
/// `Stripe\` (`Stripe\Checkout\Session` → `["Checkout", "Session"]`).
pub fn stripe_path(full: &str) -> Option<Vec<String>> {
    let mut segments = full.split('\\');
    if !segments.next()?.eq_ignore_ascii_case("Stripe") {
        return None;
    }
    let rest: Vec<String> = segments.map(str::to_owned).collect();
    (!rest.is_empty() && rest.iter().all(|s| !s.is_empty())).then_some(rest)
}

/// The client service path (`["checkout", "sessions"]`, folded) of a fully qualified
/// stripe-php service class (`Stripe\Service\Checkout\SessionService`).
///
/// stripe-php names each client service's class as Stripe.net does: the namespace, then the
/// resource in the singular, then `Service`; the rules know the service each such name serves.
/// It has one class per service of the client tree (a sub-resource's methods belong to the
/// parent's service), so a class whose service lies deeper than its namespace is not
/// stripe-php's.
pub fn service_path(full: &str) -> Option<Vec<String>> {
    let path = stripe_path(full)?;
    let (first, below) = path.split_first()?;
    let (class, namespace) = below.split_last()?;
    if !first.eq_ignore_ascii_case("Service") {
        return None;
    }
    let stem = fold(class).strip_suffix("service")?.to_owned();
    let mut key: Vec<String> = namespace.iter().map(|s| fold(s)).collect();
    let prefix = key.clone();
    key.push(stem);
    let service = Catalog::embedded().ok()?.dotnet_service(&key.join("."))?;
    let segments: Vec<String> = service
        .split('.')
        .skip_while(|s| *s == "v1")
        .map(str::to_owned)
        .collect();
    (segments.len() == prefix.len() + 1 && segments.starts_with(&prefix)).then_some(segments)
}

/// Whether a fully qualified name is the SDK's client class.
pub fn is_client_class(full: &str) -> bool {
    full.eq_ignore_ascii_case("Stripe\\StripeClient")
}

/// Whether a fully qualified name is Laravel Cashier's facade class, whose static `stripe()`
/// returns a `StripeClient`.
pub fn is_cashier_class(full: &str) -> bool {
    full.eq_ignore_ascii_case("Laravel\\Cashier\\Cashier")
}

fn last_segment(full: &str) -> &str {
    full.rsplit('\\').next().unwrap_or(full)
}

fn compact(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_whitespace()).collect()
}
