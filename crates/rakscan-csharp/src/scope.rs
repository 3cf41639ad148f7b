//! Declarations of a file (fields, properties, parameters, locals) and where each is visible.

use crate::tree::{named_children, text};
use rakscan_syntax::{FieldLookup, KindName};
use std::collections::HashMap;
use std::ops::Range;
use tree_sitter::Node;

/// One declared name.
#[derive(Debug, Clone)]
pub struct Declaration<'t> {
    /// Bytes of the source where the name is visible (its method, or its type for members).
    pub scope: Range<usize>,
    /// A field or property, reachable as `this.name`.
    pub member: bool,
    /// The declared type (`None` for `var` and untyped lambda parameters).
    pub ty: Option<Node<'t>>,
    /// The initial value (`= new CustomerService()`).
    pub init: Option<Node<'t>>,
}

/// Every declaration of a file, by name.
#[derive(Debug, Default)]
pub struct Scopes<'t> {
    pub declarations: Vec<Declaration<'t>>,
    by_name: HashMap<String, Vec<usize>>,
}

/// Nodes whose body is a scope for locals and parameters.
const FUNCTIONS: &[&str] = &[
    "method_declaration",
    "constructor_declaration",
    "destructor_declaration",
    "operator_declaration",
    "conversion_operator_declaration",
    "local_function_statement",
    "lambda_expression",
    "anonymous_method_expression",
    "accessor_declaration",
];

/// Nodes whose body is a scope for members.
const TYPES: &[&str] = &[
    "class_declaration",
    "struct_declaration",
    "record_declaration",
    "interface_declaration",
];

/// Whether a node kind declares a type.
pub fn declares_type(kind: &str) -> bool {
    TYPES.contains(&kind) || kind == "enum_declaration" || kind == "delegate_declaration"
}

impl<'t> Scopes<'t> {
    /// Records the declarations a node introduces, if it is a declaration.
    pub fn add(&mut self, node: Node<'t>, source: &str) {
        match node.kind_name() {
            "variable_declaration" => {
                let member = node.parent().is_some_and(|p| {
                    matches!(
                        p.kind_name(),
                        "field_declaration" | "event_field_declaration"
                    )
                });
                let scope = if member {
                    enclosing(node, TYPES)
                } else {
                    enclosing(node, FUNCTIONS)
                };
                let ty = node
                    .field("type")
                    .filter(|t| t.kind_name() != "implicit_type");
                for declarator in named_children(node) {
                    if declarator.kind_name() != "variable_declarator" {
                        continue;
                    }
                    let Some(name) = declarator.field("name") else {
                        continue;
                    };
                    let init = named_children(declarator).into_iter().rev().find(|c| {
                        c.id() != name.id() && c.kind_name() != "bracketed_argument_list"
                    });
                    self.push(
                        text(name, source),
                        Declaration {
                            scope: scope.clone(),
                            member,
                            ty,
                            init,
                        },
                    );
                }
            }
            "property_declaration" => {
                if let Some(name) = node.field("name") {
                    self.push(
                        text(name, source),
                        Declaration {
                            scope: enclosing(node, TYPES),
                            member: true,
                            ty: node.field("type"),
                            init: node
                                .field("value")
                                .filter(|v| v.kind_name() != "arrow_expression_clause"),
                        },
                    );
                }
            }
            "parameter" => {
                let Some(name) = node.field("name") else {
                    return;
                };
                // A primary constructor's parameters are visible in the whole type.
                let owner = node.parent().and_then(|p| p.parent());
                let scope = match owner {
                    Some(o) if TYPES.contains(&o.kind_name()) => o.byte_range(),
                    _ => enclosing(node, FUNCTIONS),
                };
                self.push(
                    text(name, source),
                    Declaration {
                        scope,
                        member: false,
                        ty: node.field("type"),
                        init: None,
                    },
                );
            }
            _ => {}
        }
    }

    fn push(&mut self, name: &str, declaration: Declaration<'t>) {
        self.by_name
            .entry(name.to_owned())
            .or_default()
            .push(self.declarations.len());
        self.declarations.push(declaration);
    }

    /// The declaration a plain name at `at` refers to: the innermost visible one.
    pub fn lookup(&self, name: &str, at: usize) -> Option<usize> {
        self.innermost(name, at, false)
    }

    /// The field or property `this.name` at `at` refers to.
    pub fn lookup_member(&self, name: &str, at: usize) -> Option<usize> {
        self.innermost(name, at, true)
    }

    fn innermost(&self, name: &str, at: usize, member_only: bool) -> Option<usize> {
        self.by_name
            .get(name)?
            .iter()
            .copied()
            .filter(|&i| {
                let d = &self.declarations[i];
                d.scope.contains(&at) && (!member_only || d.member)
            })
            .min_by_key(|&i| self.declarations[i].scope.len())
    }
}

/// The byte range of the nearest ancestor of one of `kinds`, or the whole file.
fn enclosing(node: Node<'_>, kinds: &[&str]) -> Range<usize> {
    let mut current = node.parent();
    for _ in 0..512 {
        match current {
            Some(p) if kinds.contains(&p.kind_name()) => return p.byte_range(),
            Some(p) => current = p.parent(),
            None => break,
        }
    }
    0..usize::MAX
}
