//! The walk over one file: scopes, declarations and assignments, and the bottom-up flow of
//! values and request modifiers. Calls themselves are judged in [`crate::calls`].

use crate::names::{Names, TypeRef};
use crate::scope::Scopes;
use crate::tree::{self, Step, dotted_name, named_children, text};
use crate::value::{Binding, Client, Extras, Value};
use rakscan_core::{Certainty, Extraction};
use rakscan_syntax::{FieldLookup, KindName};
use std::collections::HashMap;
use tree_sitter::Node;

/// Node kinds that open a frame of local names.
const FRAMES: &[&str] = &[
    "method_declaration",
    "constructor_declaration",
    "compact_constructor_declaration",
    "lambda_expression",
    "block",
    "constructor_body",
    "for_statement",
    "enhanced_for_statement",
    "try_with_resources_statement",
    "catch_clause",
    "switch_block_statement_group",
    "switch_rule",
];

/// Node kinds that open a class frame (fields, methods).
const CLASS_BODIES: &[&str] = &[
    "class_body",
    "interface_body",
    "enum_body",
    "record_declaration",
];

/// Expression kinds whose request modifiers flow up from their children.
const PASS_UP: &[&str] = &[
    "argument_list",
    "parenthesized_expression",
    "cast_expression",
    "ternary_expression",
    "array_initializer",
    "array_creation_expression",
];

/// The state of the walk over one file.
pub struct Walker<'s> {
    pub source: &'s str,
    pub names: Names,
    pub scopes: Scopes,
    /// Values of calls and `new` expressions, computed when the walk leaves them.
    pub values: HashMap<usize, Value>,
    /// Request modifiers of expressions not yet handed to their parent.
    pub extras: HashMap<usize, Extras>,
    pub out: Extraction,
    /// The nodes from the root down to the current one (`Node::parent` costs a walk from
    /// the root, so the walk keeps its own path).
    pub ancestors: Vec<Ancestor<'s>>,
}

/// A node on the walk's path, with its kind and whether entering it opened a frame of names.
#[derive(Clone, Copy)]
pub struct Ancestor<'s> {
    pub node: Node<'s>,
    pub kind: &'static str,
    frame: bool,
}

/// Extracts the Stripe calls of one parsed file.
pub fn extract<'s>(root: Node<'s>, source: &'s str, names: Names) -> Extraction {
    let mut walker = Walker {
        source,
        names,
        scopes: Scopes::default(),
        values: HashMap::new(),
        extras: HashMap::new(),
        out: Extraction::default(),
        ancestors: Vec::new(),
    };
    walker.scopes.push(true);
    tree::walk(root, |step| match step {
        Step::Enter(n) => walker.enter(n),
        Step::Leave(n) => walker.leave(n),
    });
    walker.out
}

impl<'s> Walker<'s> {
    /// The parent of the node being left (or entered, before it is pushed).
    pub fn parent_of(&self, n: Node<'_>) -> Option<Ancestor<'s>> {
        let at = self.ancestors.len().checked_sub(1)?;
        let at = if self.ancestors[at].node.id() == n.id() {
            at.checked_sub(1)?
        } else {
            at
        };
        Some(self.ancestors[at])
    }

    fn enter(&mut self, n: Node<'s>) {
        if let Some(parent) = self.parent_of(n)
            && parent.kind == "enhanced_for_statement"
            && parent.node.field("body").is_some_and(|b| b.id() == n.id())
        {
            self.declare_typed(parent.node);
        }
        let kind = n.kind_name();
        let class_body = CLASS_BODIES.contains(&kind);
        let frame = class_body || FRAMES.contains(&kind);
        self.ancestors.push(Ancestor {
            node: n,
            kind,
            frame,
        });
        if class_body {
            self.scopes.push(true);
            self.declare_members(n);
        } else if frame {
            self.scopes.push(false);
            if kind == "lambda_expression" {
                self.declare_lambda_parameters(n);
            }
        }
    }

    /// Reads a node on leaving it (its children are done), then closes the frame it opened.
    fn leave(&mut self, n: Node<'s>) {
        let Ancestor { kind, frame, .. } = *self.ancestors.last().expect("a node left was entered");
        match kind {
            "formal_parameter" | "spread_parameter" | "resource" => self.declare_typed(n),
            "variable_declarator" => self.declare_variable(n),
            "instanceof_expression" => self.declare_typed(n),
            "type_pattern" => self.declare_pattern(n),
            "assignment_expression" => self.assign(n),
            "method_invocation" => {
                let value = self.call(n);
                self.values.insert(n.id(), value);
            }
            "object_creation_expression" => {
                let value = self.construct(n);
                self.values.insert(n.id(), value);
            }
            _ if PASS_UP.contains(&kind) => {
                let mut extras = Extras::default();
                for child in named_children(n) {
                    extras.merge(&self.extras_of(child));
                }
                self.keep_extras(n, extras);
            }
            _ => {}
        }
        if frame {
            self.scopes.pop();
        }
        self.ancestors.pop();
    }

    /// Declares the fields of a class body and remembers which of its methods return a
    /// Stripe client, a Stripe resource or connected-account request options, before any
    /// method is walked.
    fn declare_members(&mut self, body: Node<'_>) {
        let mut members = named_children(body);
        if let Some(i) = members
            .iter()
            .position(|m| m.kind_name() == "enum_body_declarations")
        {
            let inner = named_children(members[i]);
            members.extend(inner);
        }
        if body.kind_name() == "record_declaration"
            && let Some(params) = body.field("parameters")
        {
            for p in named_children(params) {
                self.declare_typed(p);
            }
            return;
        }
        for member in members {
            match member.kind_name() {
                "field_declaration" | "constant_declaration" => {
                    let ty = member.field("type");
                    for d in named_children(member) {
                        if d.kind_name() == "variable_declarator"
                            && let Some(name) = d.field("name")
                        {
                            let binding = self.binding(ty, None);
                            self.scopes.declare(text(name, self.source), binding);
                        }
                    }
                }
                "method_declaration" => self.note_method(member),
                _ => {}
            }
        }
    }

    fn note_method(&mut self, method: Node<'_>) {
        let (Some(ty), Some(name)) = (method.field("type"), method.field("name")) else {
            return;
        };
        let name = text(name, self.source);
        let declared = self.type_of(ty);
        if declared != TypeRef::Other {
            self.scopes.declare_method_type(name, declared);
        } else if text(ty, self.source).ends_with("RequestOptions")
            && method
                .field("body")
                .is_some_and(|b| calls_method(b, self.source, "setStripeAccount"))
        {
            self.scopes.declare_connect_method(name);
        }
    }

    fn declare_lambda_parameters(&mut self, lambda: Node<'_>) {
        let Some(params) = lambda.field("parameters") else {
            return;
        };
        let names: Vec<Node<'_>> = match params.kind_name() {
            "identifier" => vec![params],
            "inferred_parameters" => named_children(params),
            _ => Vec::new(),
        };
        for name in names {
            self.scopes
                .declare(text(name, self.source), Binding::default());
        }
    }

    /// A declaration with a `type` and a `name` field (parameter, resource, loop variable,
    /// `instanceof` pattern).
    fn declare_typed(&mut self, n: Node<'_>) {
        let Some(name) = n.field("name") else {
            return;
        };
        let ty = n.field("type").or_else(|| n.field("right"));
        let value = if n.kind_name() == "resource" {
            n.field("value")
        } else {
            None
        };
        let binding = self.binding(ty, value);
        self.scopes.declare(text(name, self.source), binding);
    }

    fn declare_pattern(&mut self, n: Node<'_>) {
        let parts = named_children(n);
        if let [ty, name] = parts.as_slice()
            && name.kind_name() == "identifier"
        {
            let binding = self.binding(Some(*ty), None);
            self.scopes.declare(text(*name, self.source), binding);
        }
    }

    fn declare_variable(&mut self, d: Node<'_>) {
        let (Some(name), Some(decl)) = (d.field("name"), self.parent_of(d)) else {
            return;
        };
        let init = d.field("value");
        let is_field = matches!(decl.kind, "field_declaration" | "constant_declaration");
        if is_field && init.is_none() {
            return;
        }
        let binding = self.binding(decl.node.field("type"), init);
        self.scopes.declare(text(name, self.source), binding);
    }

    fn assign(&mut self, n: Node<'_>) {
        let (Some(left), Some(right)) = (n.field("left"), n.field("right")) else {
            return;
        };
        if n.field("operator")
            .is_some_and(|o| text(o, self.source) != "=")
        {
            return;
        }
        let value = self.value_of(right);
        let extras = self.extras_of(right);
        let name = text(left, self.source);
        let target = match left.kind_name() {
            "identifier" => self.scopes.lookup_mut(name),
            "field_access"
                if left
                    .field("object")
                    .is_some_and(|o| o.kind_name() == "this") =>
            {
                let field = left.field("field").map(|f| text(f, self.source));
                field.and_then(|f| self.scopes.field_mut(f))
            }
            _ => None,
        };
        if let Some(binding) = target {
            binding.value = match (&binding.value, value) {
                (
                    Value::Object { class, .. },
                    Value::Object {
                        origin,
                        class: None,
                    },
                ) => Value::Object {
                    class: class.clone(),
                    origin,
                },
                (Value::Client(_), Value::Unknown) => binding.value.clone(),
                (Value::Object { .. }, Value::Unknown) => binding.value.clone(),
                (_, v) => v,
            };
            binding.extras = extras;
        }
    }

    /// The binding of a declaration: the declared type decides what a Stripe class or client
    /// variable is; the initialiser adds its origin and modifiers.
    pub fn binding(&mut self, ty: Option<Node<'_>>, init: Option<Node<'_>>) -> Binding {
        let declared = ty.map(|t| self.type_of(t)).unwrap_or(TypeRef::Other);
        let (value, extras) = match init {
            Some(i) => (self.value_of(i), self.extras_of(i)),
            None => (Value::Unknown, Extras::default()),
        };
        let value = match (declared, value) {
            (TypeRef::Model(path), Value::Object { origin, .. }) => Value::Object {
                class: Some(path),
                origin,
            },
            (TypeRef::Model(path), _) => Value::Object {
                class: Some(path),
                origin: None,
            },
            (TypeRef::Client, Value::Client(c)) => Value::Client(c),
            (TypeRef::Client, _) => Value::Client(Client {
                certainty: Certainty::Certain,
                connect: false,
            }),
            (TypeRef::OAuth | TypeRef::Other, v) => v,
        };
        Binding { value, extras }
    }

    /// What a type node names (`var` and generic types name nothing Stripe's).
    pub fn type_of(&self, ty: Node<'_>) -> TypeRef {
        if text(ty, self.source) == "var" {
            return TypeRef::Other;
        }
        self.names.resolve_type(ty, self.source)
    }

    /// The value of an expression.
    pub fn value_of(&self, node: Node<'_>) -> Value {
        let mut current = node;
        loop {
            match current.kind_name() {
                "parenthesized_expression" => match named_children(current).first() {
                    Some(inner) => current = *inner,
                    None => return Value::Unknown,
                },
                "cast_expression" => {
                    let inner = current.field("value");
                    let declared = current.field("type").map(|t| self.type_of(t));
                    if let Some(TypeRef::Model(path)) = declared {
                        let origin = match inner.map(|i| self.value_of(i)) {
                            Some(Value::Object { origin, .. }) => origin,
                            _ => None,
                        };
                        return Value::Object {
                            class: Some(path),
                            origin,
                        };
                    }
                    match inner {
                        Some(i) => current = i,
                        None => return Value::Unknown,
                    }
                }
                "method_invocation" | "object_creation_expression" => {
                    return self.values.get(&current.id()).cloned().unwrap_or_default();
                }
                "identifier" => return self.name_value(text(current, self.source)),
                "field_access" => return self.field_access_value(current),
                _ => return Value::Unknown,
            }
        }
    }

    fn name_value(&self, name: &str) -> Value {
        if let Some(binding) = self.scopes.lookup(name) {
            return binding.value.clone();
        }
        if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
            return Value::Unknown;
        }
        type_value(self.names.resolve_simple(name))
    }

    fn field_access_value(&self, node: Node<'_>) -> Value {
        let object = node.field("object");
        if object.is_some_and(|o| o.kind_name() == "this") {
            let field = node.field("field").map(|f| text(f, self.source));
            return field
                .and_then(|f| self.scopes.field(f))
                .map(|b| b.value.clone())
                .unwrap_or_default();
        }
        match dotted_name(node, self.source) {
            Some(segments) if self.scopes.lookup(segments[0]).is_none() => {
                type_value(self.names.resolve_dotted(&segments))
            }
            _ => Value::Unknown,
        }
    }

    /// The request modifiers an expression carries, handing them over to the caller.
    pub fn extras_of(&mut self, node: Node<'_>) -> Extras {
        match node.kind_name() {
            "identifier" => self
                .scopes
                .lookup(text(node, self.source))
                .map(|b| b.extras.clone())
                .unwrap_or_default(),
            "field_access"
                if node
                    .field("object")
                    .is_some_and(|o| o.kind_name() == "this") =>
            {
                let field = node.field("field").map(|f| text(f, self.source));
                field
                    .and_then(|f| self.scopes.field(f))
                    .map(|b| b.extras.clone())
                    .unwrap_or_default()
            }
            _ => self.extras.remove(&node.id()).unwrap_or_default(),
        }
    }

    /// Stores the modifiers of a node for its parent, when there are any.
    pub fn keep_extras(&mut self, node: Node<'_>, extras: Extras) {
        if !extras.is_empty() {
            self.extras.insert(node.id(), extras);
        }
    }

    /// The literal strings a list expression holds (a literal list or a variable filled with
    /// literals).
    pub fn strings_of(&self, node: Node<'_>) -> Option<Vec<String>> {
        match self.value_of(node) {
            Value::Strings(list) => Some(list),
            _ => crate::args::literal_list(node, self.source),
        }
    }
}

fn type_value(ty: TypeRef) -> Value {
    match ty {
        TypeRef::Model(path) => Value::ModelClass(path),
        TypeRef::Client => Value::ClientClass,
        TypeRef::OAuth => Value::OAuthClass,
        TypeRef::Other => Value::Unknown,
    }
}

/// Whether a subtree calls a method of the given name.
fn calls_method(root: Node<'_>, source: &str, method: &str) -> bool {
    let mut found = false;
    tree::walk(root, |step| {
        if let Step::Enter(n) = step
            && !found
            && n.kind_name() == "method_invocation"
            && n.field("name").is_some_and(|m| text(m, source) == method)
        {
            found = true;
        }
    });
    found
}
