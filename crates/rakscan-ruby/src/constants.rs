//! Constant paths (`::Stripe::Checkout::Session`) and the lexical module nesting that decides
//! what a bare `Stripe` refers to.

use crate::tree::text;
use rakscan_syntax::{FieldLookup, KindName};
use std::collections::HashSet;
use tree_sitter::Node;

/// A constant path as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstPath {
    /// Written with a leading `::` (resolved from the top level, never shadowed).
    pub rooted: bool,
    pub segments: Vec<String>,
}

/// Reads a `constant` or `scope_resolution` node made only of constants.
pub fn const_path(node: Node<'_>, source: &str) -> Option<ConstPath> {
    let mut segments = Vec::new();
    let mut rooted = false;
    let mut current = node;
    loop {
        match current.kind_name() {
            "constant" => {
                segments.push(text(current, source).to_owned());
                break;
            }
            "scope_resolution" => {
                segments.push(text(current.field("name")?, source).to_owned());
                match current.field("scope") {
                    Some(scope) => current = scope,
                    None => {
                        rooted = true;
                        break;
                    }
                }
            }
            _ => return None,
        }
    }
    segments.reverse();
    Some(ConstPath { rooted, segments })
}

/// The full name a `module`/`class` definition opens, given the enclosing one
/// (`module Stripe` inside `Pay` → `Pay::Stripe`; `module Pay::Stripe` → `Pay::Stripe`).
pub fn definition_name(definition: Node<'_>, enclosing: Option<&str>, source: &str) -> String {
    let written = definition.field("name").and_then(|n| const_path(n, source));
    let Some(path) = written else {
        return enclosing.unwrap_or("").to_owned();
    };
    let own = path.segments.join("::");
    match enclosing {
        Some(outer) if !path.rooted && !outer.is_empty() => format!("{outer}::{own}"),
        _ => own,
    }
}

/// The lexical nesting at a point of the file (Ruby's `Module.nesting`, innermost last).
#[derive(Debug, Default)]
pub struct Nesting {
    stack: Vec<String>,
}

impl Nesting {
    /// Enters a `module`/`class` definition.
    pub fn enter(&mut self, definition: Node<'_>, source: &str) -> &str {
        let name = definition_name(definition, self.stack.last().map(String::as_str), source);
        self.stack.push(name);
        self.stack.last().expect("just pushed")
    }

    /// The full name of the innermost definition (empty at the top level).
    pub fn current(&self) -> &str {
        self.stack.last().map(String::as_str).unwrap_or("")
    }

    /// The full name of the innermost definition, `None` at the top level.
    pub fn current_class(&self) -> Option<&str> {
        Some(self.current()).filter(|c| !c.is_empty())
    }

    /// The full names a constant path written here may name, innermost first
    /// (`Base` inside `Pay::Billing`: `Pay::Billing::Base`, `Pay::Base`, `Base`).
    pub fn candidates(&self, path: &ConstPath) -> Vec<String> {
        let written = path.segments.join("::");
        let mut names: Vec<String> = if path.rooted {
            Vec::new()
        } else {
            let enclosing = self.stack.iter().rev().filter(|n| !n.is_empty());
            enclosing.map(|n| format!("{n}::{written}")).collect()
        };
        names.push(written);
        names
    }

    /// Leaves the innermost definition.
    pub fn leave(&mut self) {
        self.stack.pop();
    }

    /// Whether a bare `Stripe` here names a project constant: some enclosing namespace `N` has
    /// a `N::Stripe` defined in this file (`module Pay; module Stripe; …`), and Ruby's lexical
    /// constant lookup finds it before the top-level `::Stripe`.
    pub fn shadows_stripe(&self, defined: &HashSet<String>) -> bool {
        self.stack
            .iter()
            .any(|n| !n.is_empty() && defined.contains(&format!("{n}::Stripe")))
    }
}
