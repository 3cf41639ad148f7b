//! Request options that stripe-go embeds in the params struct: literal `expand` paths and the
//! Connect account.
//!
//! Recognised: `&stripe.CustomerParams{Expand: []*string{stripe.String("x")}}`, the same inside
//! the embedded `Params: stripe.Params{…}` / `ListParams: stripe.ListParams{…}`,
//! `StripeAccount: stripe.String(…)` at either level, and on a params variable
//! `p.AddExpand("x")`, `p.SetStripeAccount(…)`, `p.StripeAccount = …`, `p.Expand = …`.

use crate::tree::{self, named_children, text};
use rakscan_syntax::{FieldLookup, KindName};
use tree_sitter::Node;

/// What a params value says about the request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    pub expand: Vec<String>,
    pub connect: bool,
}

impl Options {
    /// Adds the options of another value (a second argument, a later `AddExpand`).
    pub fn merge(&mut self, other: &Options) {
        for path in &other.expand {
            self.add_expand(path.clone());
        }
        self.connect |= other.connect;
    }

    fn add_expand(&mut self, path: String) {
        if !self.expand.contains(&path) {
            self.expand.push(path);
        }
    }

    /// Reads a params composite literal (`&stripe.XParams{…}`), or nothing for other values.
    pub fn read_literal(&mut self, value: Node<'_>, source: &str) {
        let value = tree::unwrap_expression(value);
        if value.kind_name() != "composite_literal" {
            return;
        }
        let Some(body) = value.field("body") else {
            return;
        };
        // Only the embedded option structs are read below the top level, so the depth is
        // bounded by how far they nest (two levels in practice).
        let mut pending = vec![(body, 0usize)];
        while let Some((body, depth)) = pending.pop() {
            for element in named_children(body) {
                if element.kind_name() != "keyed_element" {
                    continue;
                }
                let (Some(key), Some(item)) = (element.field("key"), element.field("value")) else {
                    continue;
                };
                let Some(item) = named_children(item).first().copied() else {
                    continue;
                };
                match text(key, source).trim() {
                    "Expand" => self.read_expand_value(item, source),
                    "StripeAccount" => self.connect = true,
                    "Params" | "ListParams" | "SearchParams" if depth < 4 => {
                        let inner = tree::unwrap_expression(item);
                        let body = match inner.kind_name() {
                            "composite_literal" => inner.field("body"),
                            "literal_value" => Some(inner),
                            _ => None,
                        };
                        if let Some(body) = body {
                            pending.push((body, depth + 1));
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// `[]*string{stripe.String("a"), stripe.String("b")}` or `stripe.StringSlice([]string{…})`.
    pub fn read_expand_value(&mut self, value: Node<'_>, source: &str) {
        let mut strings = Vec::new();
        tree::walk_pruned(value, |n| {
            if let Some(s) = tree::string_literal(n, source) {
                strings.push(s);
                return false;
            }
            true
        });
        for s in strings {
            self.add_expand(s);
        }
    }

    /// A method called on a params variable: `AddExpand("x")` or `SetStripeAccount(…)`.
    pub fn read_method(&mut self, method: &str, call: Node<'_>, source: &str) {
        match method {
            "AddExpand" => {
                if let Some(path) = tree::arguments(call)
                    .first()
                    .and_then(|a| tree::string_literal(*a, source))
                {
                    self.add_expand(path);
                }
            }
            "SetStripeAccount" => self.connect = true,
            _ => {}
        }
    }

    /// A field assigned on a params variable (`p.StripeAccount = …`, `p.Params.Expand = …`).
    pub fn read_assignment(&mut self, field: &str, value: Node<'_>, source: &str) {
        match field {
            "StripeAccount" => self.connect = true,
            "Expand" => self.read_expand_value(value, source),
            _ => {}
        }
    }
}
