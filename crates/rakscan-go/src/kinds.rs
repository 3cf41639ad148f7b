//! Which expressions and types hold a Stripe client: `*stripe.Client` (from
//! `stripe.NewClient(key)`) or the deprecated `*client.API` (from `client.New(key, nil)`,
//! `&client.API{}` + `Init`).

use crate::imports::{Imports, Package};
use crate::tree::{self, named_children, text};
use rakscan_syntax::{FieldLookup, KindName};
use std::collections::HashMap;
use tree_sitter::Node;

/// A Stripe client type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientKind {
    /// `stripe.Client` (v82+): `sc.V1Customers.Create(ctx, p)`.
    Stripe,
    /// `client.API`: `sc.Customers.New(p)`.
    Api,
}

/// Client-holding names visible in a whole file: struct fields, package variables and
/// functions that return a client.
#[derive(Debug, Default)]
pub struct FileNames {
    pub fields: HashMap<String, ClientKind>,
    pub globals: HashMap<String, ClientKind>,
    pub functions: HashMap<String, ClientKind>,
}

/// Answers "is this a client?" for types and values of one file.
pub struct Kinds<'a> {
    pub source: &'a str,
    pub imports: &'a Imports,
}

impl Kinds<'_> {
    /// The client kind of a type (`*stripe.Client`, `client.API`), if it is one.
    pub fn of_type(&self, node: Node<'_>) -> Option<ClientKind> {
        let mut node = node;
        while matches!(node.kind_name(), "pointer_type" | "parenthesized_type") {
            node = *named_children(node).first()?;
        }
        // `new(client.API)` parses its argument as a selector, not a type.
        let (package, name) = match node.kind_name() {
            "qualified_type" => (node.field("package")?, node.field("name")?),
            "selector_expression" => (node.field("operand")?, node.field("field")?),
            _ => return None,
        };
        let (package, name) = (text(package, self.source), text(name, self.source));
        match (self.imports.get(package)?, name) {
            (Package::Root, "Client") => Some(ClientKind::Stripe),
            (Package::ApiClient, "API") => Some(ClientKind::Api),
            _ => None,
        }
    }

    /// The client kind of a value, looking names up in `locals` first, then the file's names.
    pub fn of_value(
        &self,
        node: Node<'_>,
        locals: &HashMap<String, ClientKind>,
        file: &FileNames,
    ) -> Option<ClientKind> {
        let node = tree::unwrap_expression(node);
        match node.kind_name() {
            "identifier" => {
                let name = text(node, self.source);
                locals.get(name).or_else(|| file.globals.get(name)).copied()
            }
            "selector_expression" => {
                let field = text(node.field("field")?, self.source);
                file.fields.get(field).copied()
            }
            "composite_literal" => self.of_type(node.field("type")?),
            "call_expression" => self.of_call(node, file),
            _ => None,
        }
    }

    /// `stripe.NewClient(…)`, `client.New(…)`, `new(client.API)`, or a call to a function of
    /// the file declared to return a client.
    fn of_call(&self, call: Node<'_>, file: &FileNames) -> Option<ClientKind> {
        let function = tree::unwrap_expression(call.field("function")?);
        match function.kind_name() {
            "identifier" => {
                let name = text(function, self.source);
                if name == "new" {
                    let argument = *tree::arguments(call).first()?;
                    return self.of_type(argument);
                }
                file.functions.get(name).copied()
            }
            "selector_expression" => {
                let field = text(function.field("field")?, self.source);
                let operand = function.field("operand")?;
                if operand.kind_name() == "identifier" {
                    match (self.imports.get(text(operand, self.source)), field) {
                        (Some(Package::Root), "NewClient") => return Some(ClientKind::Stripe),
                        (Some(Package::ApiClient), "New") => return Some(ClientKind::Api),
                        _ => {}
                    }
                }
                file.functions.get(field).copied()
            }
            _ => None,
        }
    }
}

/// Parses `source` and runs `f` on its root with the kinds its imports give, as
/// `read_file` starts (for tests of the passes that follow).
#[cfg(test)]
pub(crate) fn with_parsed<R>(source: &str, f: impl FnOnce(Node<'_>, &Kinds<'_>) -> R) -> R {
    let tree = tree::parse(source).expect("parses");
    let root = tree.root_node();
    let imports = Imports::collect(root, source);
    f(
        root,
        &Kinds {
            source,
            imports: &imports,
        },
    )
}
