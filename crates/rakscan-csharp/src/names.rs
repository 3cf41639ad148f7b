//! Dotted names (`Stripe.Checkout.SessionService`) and the `using` directives of a file.

use crate::tree::{named_children, text};
use rakscan_syntax::{FieldLookup, KindName};
use std::collections::HashMap;
use tree_sitter::Node;

/// The segments of a type or namespace name (`global::Stripe.Checkout.SessionService` →
/// `["Stripe", "Checkout", "SessionService"]`, `CustomerService?` → `["CustomerService"]`).
/// `None` for generic, array, tuple and predefined types.
pub fn name_segments(node: Node<'_>, source: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut current = node;
    for _ in 0..64 {
        match current.kind_name() {
            "identifier" => {
                out.push(text(current, source).to_owned());
                out.reverse();
                return Some(out);
            }
            "qualified_name" => {
                let name = current.field("name")?;
                if name.kind_name() != "identifier" {
                    return None;
                }
                out.push(text(name, source).to_owned());
                current = current.field("qualifier")?;
            }
            "alias_qualified_name" => current = current.field("name")?,
            "nullable_type" => current = current.field("type")?,
            _ => return None,
        }
    }
    None
}

/// What the `using` directives of a file (and the project's `global using`s) bring in.
#[derive(Debug, Default, Clone)]
pub struct Usings {
    /// Stripe namespaces imported, as segments below `Stripe` (`[]` is `using Stripe;`,
    /// `["Checkout"]` is `using Stripe.Checkout;`).
    pub stripe: Vec<Vec<String>>,
    /// `using Alias = Stripe.…;`: the alias and the segments below `Stripe` it stands for (a
    /// namespace or a class).
    pub aliases: HashMap<String, Vec<String>>,
    /// Other namespaces imported (`MyApp.Services`), dotted.
    pub others: Vec<String>,
}

impl Usings {
    /// Adds one `using_directive` node. `using static` directives are skipped.
    pub fn add(&mut self, directive: Node<'_>, source: &str) {
        let mut cursor = directive.walk();
        if directive
            .children(&mut cursor)
            .any(|c| c.kind_name() == "static")
        {
            return;
        }
        let alias = directive.field("name").map(|n| text(n, source).to_owned());
        let Some(target) = named_children(directive)
            .into_iter()
            .filter(|c| Some(c.id()) != directive.field("name").map(|n| n.id()))
            .find_map(|c| name_segments(c, source))
        else {
            return;
        };
        self.add_segments(alias, target);
    }

    /// Adds `using [alias =] a.b.c;` given as segments.
    pub fn add_segments(&mut self, alias: Option<String>, target: Vec<String>) {
        let below_stripe = match target.split_first() {
            Some((first, rest)) if first == "Stripe" => Some(rest.to_vec()),
            _ => None,
        };
        match (alias, below_stripe) {
            (Some(alias), Some(rest)) => {
                self.aliases.insert(alias, rest);
            }
            (None, Some(rest)) => {
                if !self.stripe.contains(&rest) {
                    self.stripe.push(rest);
                }
            }
            (None, None) => self.others.push(target.join(".")),
            (Some(_), None) => {}
        }
    }

    /// Adds the namespaces enclosing code declared in `namespace` (dotted, full): C# looks a
    /// simple name up in each of them, so code in `Stripe.Demo.Payouts` sees the `Stripe`
    /// namespace's types without a `using`.
    pub fn add_enclosing_namespace(&mut self, namespace: &str) {
        let segments: Vec<String> = namespace.split('.').map(str::to_owned).collect();
        if segments.first().is_some_and(|s| s == "Stripe") {
            for end in 1..=segments.len() {
                self.add_segments(None, segments[..end].to_vec());
            }
        }
    }

    /// Adds everything another set of usings brings in (the project's `global using`s).
    pub fn extend(&mut self, other: &Usings) {
        for ns in &other.stripe {
            if !self.stripe.contains(ns) {
                self.stripe.push(ns.clone());
            }
        }
        for (k, v) in &other.aliases {
            self.aliases.entry(k.clone()).or_insert_with(|| v.clone());
        }
        self.others.extend(other.others.iter().cloned());
    }

    /// Whether any Stripe namespace is imported or aliased.
    pub fn any_stripe(&self) -> bool {
        !self.stripe.is_empty() || !self.aliases.is_empty()
    }
}
