//! What a file and each of its functions declare: names holding a Stripe client, names that
//! shadow an imported package, and the options set on params variables.

use crate::kinds::{ClientKind, FieldType, FileNames, Kinds, Locals};
use crate::params::Options;
use crate::tree::{self, named_children, text};
use rakscan_syntax::{FieldLookup, KindName};
use std::collections::HashMap;
use tree_sitter::Node;

/// Struct fields, package variables and functions of the file typed as a client. Functions
/// and package variables are declared at the top level; struct fields are looked for in the
/// subtrees that name `struct` (a struct type holds the keyword and, in its field list, the
/// fields).
pub fn file_names(root: Node<'_>, kinds: &Kinds<'_>) -> FileNames {
    let mut names = FileNames::default();
    let structs = rakscan_syntax::Mentions::new(kinds.source, &["struct"]);
    tree::walk_pruned(root, |node| {
        let kind = node.kind_name();
        match kind {
            "field_declaration" => record_field(node, kinds, &mut names),
            "function_declaration" | "method_declaration" => {
                if kind == "function_declaration"
                    && let (Some(name), Some(ty)) = (
                        node.field("name"),
                        node.field("result").and_then(|r| result_type(r, kinds)),
                    )
                {
                    names
                        .constructors
                        .insert(text(name, kinds.source).to_owned(), ty);
                }
                if let (Some(name), Some(kind)) = (
                    node.field("name"),
                    node.field("result").and_then(|r| result_kind(r, kinds)),
                ) {
                    names
                        .functions
                        .insert(text(name, kinds.source).to_owned(), kind);
                }
            }
            "var_spec" if is_package_level(node) => {
                let typed = node.field("type").and_then(|t| kinds.of_type(t));
                let values = node.field("value").map(named_children).unwrap_or_default();
                for (i, name) in field_nodes(node, "name").into_iter().enumerate() {
                    let kind = typed.or_else(|| {
                        values
                            .get(i)
                            .and_then(|v| kinds.of_value(*v, &Locals::default(), &names))
                    });
                    if let Some(kind) = kind {
                        names
                            .globals
                            .insert(text(name, kinds.source).to_owned(), kind);
                    }
                }
            }
            _ => {}
        }
        matches!(
            kind,
            "source_file" | "var_declaration" | "var_spec_list" | "field_declaration_list"
        ) || structs.may_hold(node)
    });
    names
}

/// A struct field: by name, what it holds (named fields only, as before struct types were
/// told apart), and under its named struct type what it is declared as (embedded fields are
/// named after their type, and an embedded type of the package promotes its fields).
fn record_field(node: Node<'_>, kinds: &Kinds<'_>, names: &mut FileNames) {
    let Some(ty) = node.field("type") else {
        return;
    };
    let declared = kinds.field_type(ty);
    let named: Vec<String> = field_nodes(node, "name")
        .into_iter()
        .map(|n| text(n, kinds.source).to_owned())
        .collect();
    for name in &named {
        match declared {
            FieldType::Client(kind) => {
                names.fields.insert(name.clone(), kind);
            }
            FieldType::Other => {
                names.other_fields.insert(name.clone());
            }
            FieldType::Named(_) | FieldType::Unknown => {}
        }
    }
    let Some(owner) = struct_name(node, kinds.source) else {
        return;
    };
    let fields = names.structs.entry(owner).or_default();
    if !named.is_empty() {
        for name in named {
            fields.fields.insert(name, declared.clone());
        }
        return;
    }
    if let FieldType::Named(embedded) = &declared {
        fields.embedded.push(embedded.clone());
    }
    if let Some(name) = embedded_name(ty, kinds.source) {
        fields.fields.insert(name, declared);
    }
}

/// The name of the named struct type a field is declared in (`type Svc struct{…}`), or
/// `None` in an anonymous struct.
fn struct_name(field: Node<'_>, source: &str) -> Option<String> {
    let list = field.parent()?;
    let structure = list.parent()?;
    let spec = structure.parent()?;
    (list.kind_name() == "field_declaration_list"
        && structure.kind_name() == "struct_type"
        && spec.kind_name() == "type_spec")
        .then(|| spec.field("name").map(|n| text(n, source).to_owned()))
        .flatten()
}

/// The name of an embedded field: its type's name (`*stripe.Client` → `Client`).
fn embedded_name(ty: Node<'_>, source: &str) -> Option<String> {
    let mut node = ty;
    loop {
        node = match node.kind_name() {
            "pointer_type" | "parenthesized_type" => *named_children(node).first()?,
            "qualified_type" => node.field("name")?,
            "generic_type" => node.field("type")?,
            "type_identifier" => return Some(text(node, source).to_owned()),
            _ => return None,
        };
    }
}

/// The package's type a function returns first (`*Svc`, `(*Svc, error)`).
fn result_type(result: Node<'_>, kinds: &Kinds<'_>) -> Option<String> {
    if result.kind_name() != "parameter_list" {
        return kinds.named_type(result);
    }
    let first = *named_children(result).first()?;
    kinds.named_type(first.field("type")?)
}

/// A function result that is one client (`*stripe.Client` or `(*stripe.Client, error)`).
fn result_kind(result: Node<'_>, kinds: &Kinds<'_>) -> Option<ClientKind> {
    if result.kind_name() != "parameter_list" {
        return kinds.of_type(result);
    }
    let first = *named_children(result).first()?;
    kinds.of_type(first.field("type")?)
}

fn is_package_level(var_spec: Node<'_>) -> bool {
    let mut parent = var_spec.parent();
    while let Some(p) = parent {
        match p.kind_name() {
            "source_file" => return true,
            "var_declaration" | "var_spec_list" => parent = p.parent(),
            _ => return false,
        }
    }
    false
}

/// All children of a node under one field name (`a, b *T` has two `name`s).
fn field_nodes<'t>(node: Node<'t>, field: &'static str) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.fields(field, &mut cursor).collect()
}

/// The names one function (or the package level, outside functions) declares.
#[derive(Debug, Default)]
pub struct Scope<'s> {
    /// Locals and parameters holding a client, and those of a named type.
    pub locals: Locals,
    /// Where each declaration of a name ends (a local named like a package hides it after).
    declared: HashMap<&'s str, Vec<usize>>,
    /// Options set on params variables, by variable name.
    pub options: HashMap<&'s str, Options>,
}

impl<'s> Scope<'s> {
    /// Reads the declarations under `root`, and lists its call expressions in source order
    /// (the calls to judge once every scope of the file is known). With `package_level`,
    /// function bodies are skipped (they get their own scope). Client-typed struct fields
    /// assigned or set in a composite literal are added to `file`.
    pub fn collect<'t>(
        root: Node<'t>,
        kinds: &Kinds<'s>,
        file: &mut FileNames,
        package_level: bool,
    ) -> (Scope<'s>, Vec<Node<'t>>) {
        let mut scope = Scope::default();
        let mut calls = Vec::new();
        tree::walk_pruned(root, |node| {
            let kind = node.kind_name();
            if package_level
                && node.id() != root.id()
                && matches!(kind, "function_declaration" | "method_declaration")
            {
                return false;
            }
            if kind == "call_expression" {
                calls.push(node);
            }
            scope.read(node, kind, kinds, file);
            true
        });
        (scope, calls)
    }

    /// Whether a local declared before `at` hides the package or global of that name.
    pub fn shadows(&self, name: &str, at: usize) -> bool {
        self.declared
            .get(name)
            .is_some_and(|ends| ends.iter().any(|&end| end <= at))
    }

    fn declare(&mut self, name: &'s str, end: usize) {
        self.declared.entry(name).or_default().push(end);
    }

    /// Reads one node, of kind `kind`.
    fn read(&mut self, node: Node<'_>, kind: &str, kinds: &Kinds<'s>, file: &mut FileNames) {
        let source = kinds.source;
        match kind {
            "parameter_declaration" | "variadic_parameter_declaration" => {
                let ty = node.field("type");
                let kind = ty.and_then(|t| kinds.of_type(t));
                let named = ty.and_then(|t| kinds.named_type(t));
                for name in field_nodes(node, "name") {
                    let name = text(name, source);
                    self.declare(name, node.end_byte());
                    if let Some(kind) = kind {
                        self.locals.clients.insert(name.to_owned(), kind);
                    }
                    self.locals.set_type(name, named.clone());
                }
            }
            "var_spec" => {
                let ty = node.field("type");
                let typed = ty.and_then(|t| kinds.of_type(t));
                let named = ty.and_then(|t| kinds.named_type(t));
                let values = node.field("value").map(named_children).unwrap_or_default();
                let names: Vec<Node<'_>> = field_nodes(node, "name");
                let declared = Declared { kind: typed, named };
                self.bind(&names, &values, declared, node.end_byte(), kinds, file);
            }
            "short_var_declaration" => {
                let left = list(node, "left");
                let right = list(node, "right");
                let declared = Declared::default();
                self.bind(&left, &right, declared, node.end_byte(), kinds, file);
            }
            "assignment_statement" => self.read_assignment(node, kinds, file),
            "range_clause" => {
                for name in list(node, "left") {
                    if name.kind_name() == "identifier" {
                        self.declare(text(name, source), node.end_byte());
                    }
                }
            }
            "keyed_element" => {
                let key = node
                    .field("key")
                    .and_then(|k| named_children(k).first().copied());
                let value = node
                    .field("value")
                    .and_then(|v| named_children(v).first().copied());
                if let (Some(key), Some(value)) = (key, value)
                    && matches!(key.kind_name(), "identifier" | "field_identifier")
                    && let Some(kind) = kinds.of_value(value, &self.locals, file)
                {
                    file.fields.insert(text(key, source).to_owned(), kind);
                }
            }
            "call_expression" => {
                let Some(function) = node.field("function") else {
                    return;
                };
                if function.kind_name() != "selector_expression" {
                    return;
                }
                let (Some(field), Some(operand)) =
                    (function.field("field"), function.field("operand"))
                else {
                    return;
                };
                if let Some(variable) = root_identifier(operand, source) {
                    let method = text(field, source);
                    if matches!(method, "AddExpand" | "SetStripeAccount") {
                        self.options
                            .entry(variable)
                            .or_default()
                            .read_method(method, node, source);
                    }
                }
            }
            _ => {}
        }
    }

    /// `a, b := x, y` / `var a, b T = x, y`: declares the names, records clients and params
    /// literals. A single call on the right (`sc, err := newClient()`) types the first name.
    fn bind(
        &mut self,
        names: &[Node<'_>],
        values: &[Node<'_>],
        declared: Declared,
        end: usize,
        kinds: &Kinds<'s>,
        file: &FileNames,
    ) {
        let source = kinds.source;
        for (i, name) in names.iter().enumerate() {
            if name.kind_name() != "identifier" {
                continue;
            }
            let name = text(*name, source);
            self.declare(name, end);
            let value = if values.len() == names.len() {
                values.get(i).copied()
            } else if i == 0 && values.len() == 1 {
                values.first().copied()
            } else {
                None
            };
            let kind = declared
                .kind
                .or_else(|| value.and_then(|v| kinds.of_value(v, &self.locals, file)));
            if let Some(kind) = kind {
                self.locals.clients.insert(name.to_owned(), kind);
            } else if value.is_some_and(|v| kinds.is_other_field(v, &self.locals, file)) {
                self.locals.others.insert(name.to_owned());
            }
            let named = declared
                .named
                .clone()
                .or_else(|| value.and_then(|v| kinds.type_of(v, &self.locals, file)));
            self.locals.set_type(name, named);
            if let Some(value) = value {
                self.options
                    .entry(name)
                    .or_default()
                    .read_literal(value, source);
            }
        }
    }

    fn read_assignment(&mut self, node: Node<'_>, kinds: &Kinds<'s>, file: &mut FileNames) {
        let source = kinds.source;
        let left = list(node, "left");
        let right = list(node, "right");
        if left.len() != right.len() {
            return;
        }
        for (target, value) in left.into_iter().zip(right) {
            let kind = kinds.of_value(value, &self.locals, file);
            match target.kind_name() {
                "identifier" => {
                    let name = text(target, source);
                    let ty = kinds.type_of(value, &self.locals, file);
                    self.locals.set_type(name, ty);
                    self.options
                        .entry(name)
                        .or_default()
                        .read_literal(value, source);
                    if let Some(kind) = kind {
                        self.locals.clients.insert(name.to_owned(), kind);
                    }
                }
                "selector_expression" => {
                    let (Some(field), Some(operand)) =
                        (target.field("field"), target.field("operand"))
                    else {
                        continue;
                    };
                    let field = text(field, source);
                    if let Some(kind) = kind {
                        file.fields.insert(field.to_owned(), kind);
                    }
                    if let Some(variable) = root_identifier(operand, source) {
                        self.options
                            .entry(variable)
                            .or_default()
                            .read_assignment(field, value, source);
                    }
                }
                _ => {}
            }
        }
    }
}

/// The type a `var` declaration names, if any.
#[derive(Debug, Default)]
struct Declared {
    /// A client type.
    kind: Option<ClientKind>,
    /// A named type of the package.
    named: Option<String>,
}

/// The children of an `expression_list` field.
fn list<'t>(node: Node<'t>, field: &'static str) -> Vec<Node<'t>> {
    node.field(field).map(named_children).unwrap_or_default()
}

/// The variable a selector chain starts from (`p.Params` → `p`).
pub fn root_identifier<'s>(mut node: Node<'_>, source: &'s str) -> Option<&'s str> {
    for _ in 0..8 {
        match node.kind_name() {
            "identifier" => return Some(text(node, source)),
            "selector_expression" => node = node.field("operand")?,
            "parenthesized_expression" => node = *named_children(node).first()?,
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of one source, sorted, by map.
    fn names_of(source: &str) -> [Vec<String>; 3] {
        let names = crate::kinds::with_parsed(source, file_names);
        let sorted = |map: &HashMap<String, ClientKind>| {
            let mut keys: Vec<String> = map.keys().cloned().collect();
            keys.sort_unstable();
            keys
        };
        [
            sorted(&names.fields),
            sorted(&names.globals),
            sorted(&names.functions),
        ]
    }

    /// Fields of structs declared at the top, in a function, in a composite literal and in a
    /// broken function are found, though the walk skips subtrees that do not name `struct`.
    #[test]
    fn file_names_are_found_wherever_declared() {
        let source = "package p\n\nimport (\n\t\"github.com/stripe/stripe-go/v82\"\n\
            \t\"github.com/stripe/stripe-go/v82/client\"\n)\n\n\
            type Top struct{ sc *stripe.Client }\n\
            var (\n\tglobal = stripe.NewClient(\"k\")\n\tother *client.API\n)\n\
            var single *stripe.Client\n\
            func local() { type inner struct{ api *client.API }; x := 1; _ = x }\n\
            func literal() { v := struct{ held *stripe.Client }{}; _ = v }\n\
            func newClient() (*stripe.Client, error) { return nil, nil }\n\
            func (t *Top) api() *client.API { var hidden *stripe.Client; return nil }\n\
            func broken() { y := ; type late struct{ late *stripe.Client } }\n";
        let [fields, globals, functions] = names_of(source);
        assert_eq!(fields, ["api", "held", "late", "sc"]);
        assert_eq!(globals, ["global", "other", "single"]);
        assert_eq!(functions, ["api", "newClient"]);
    }
}
