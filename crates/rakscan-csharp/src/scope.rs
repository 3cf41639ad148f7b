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

/// A node on the path from the root down to the node being read, with its kind.
#[derive(Debug, Clone, Copy)]
pub struct Ancestor<'t> {
    pub kind: &'static str,
    pub node: Node<'t>,
}

impl<'t> Scopes<'t> {
    /// Records the declarations a node of kind `kind` introduces, if it is a declaration;
    /// `ancestors` are the nodes above it, the root first.
    pub fn add(&mut self, node: Node<'t>, kind: &str, ancestors: &[Ancestor<'_>], source: &str) {
        match kind {
            "variable_declaration" => {
                let member = ancestors.last().is_some_and(|p| {
                    matches!(p.kind, "field_declaration" | "event_field_declaration")
                });
                let scope = if member {
                    enclosing(ancestors, TYPES)
                } else {
                    enclosing(ancestors, FUNCTIONS)
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
                            scope: enclosing(ancestors, TYPES),
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
                let owner = ancestors.len().checked_sub(2).map(|i| ancestors[i]);
                let scope = match owner {
                    Some(o) if TYPES.contains(&o.kind) => o.node.byte_range(),
                    _ => enclosing(ancestors, FUNCTIONS),
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

/// The byte range of the nearest of `ancestors` (the root first) of one of `kinds`, looking
/// 512 levels up at most, or the whole file.
fn enclosing(ancestors: &[Ancestor<'_>], kinds: &[&str]) -> Range<usize> {
    ancestors
        .iter()
        .rev()
        .take(512)
        .find(|a| kinds.contains(&a.kind))
        .map_or(0..usize::MAX, |a| a.node.byte_range())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rakscan_syntax::{Step, walk};

    /// The ancestors a walk keeps are each node's parent chain, so the scopes found from them
    /// are those found by asking each node for its parents, on every C# fixture.
    #[test]
    fn walked_ancestors_are_the_parent_chain() {
        let mut checked = 0;
        for source in rakscan_syntax::testing::fixture_sources("csharp", "cs") {
            let tree = crate::tree::parse(&source).expect("parses");
            let mut ancestors: Vec<Ancestor<'_>> = Vec::new();
            walk(tree.root_node(), |step| match step {
                Step::Enter(node) => {
                    let parents: Vec<Node<'_>> =
                        std::iter::successors(node.parent(), |p| p.parent()).collect();
                    let walked: Vec<Node<'_>> = ancestors.iter().rev().map(|a| a.node).collect();
                    assert_eq!(walked, parents);
                    for kinds in [TYPES, FUNCTIONS] {
                        let by_parents = parents
                            .iter()
                            .find(|p| kinds.contains(&p.kind_name()))
                            .map_or(0..usize::MAX, |p| p.byte_range());
                        assert_eq!(enclosing(&ancestors, kinds), by_parents);
                    }
                    checked += 1;
                    let kind = node.kind_name();
                    ancestors.push(Ancestor { kind, node });
                }
                Step::Leave(_) => {
                    ancestors.pop();
                }
            });
        }
        assert!(checked > 1000, "{checked} nodes checked");
    }
}
