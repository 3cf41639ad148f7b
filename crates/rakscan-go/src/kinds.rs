//! Which expressions and types hold a Stripe client: `*stripe.Client` (from
//! `stripe.NewClient(key)`) or the deprecated `*client.API` (from `client.New(key, nil)`,
//! `&client.API{}` + `Init`).

use crate::imports::{Imports, Package};
use crate::tree::{self, named_children, text};
use rakscan_syntax::{FieldLookup, KindName};
use std::collections::{HashMap, HashSet};
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
/// functions that return a client; and the declared fields of each named struct type.
#[derive(Debug, Default)]
pub struct FileNames {
    /// Fields holding a client in some struct (declared, assigned or set in a literal), by
    /// name: the answer for a holder whose struct type is unknown.
    pub fields: HashMap<String, ClientKind>,
    /// Field names some struct declares with a type that is not a client (`conn *s3.Client`):
    /// a holder of unknown type reading one of these is not taken for a client.
    pub other_fields: HashSet<String>,
    /// The declared fields of each named struct type (`type Svc struct{…}`).
    pub structs: HashMap<String, StructFields>,
    /// Functions returning a named type of the file (`func NewSvc() *Svc`), by name.
    pub constructors: HashMap<String, String>,
    pub globals: HashMap<String, ClientKind>,
    pub functions: HashMap<String, ClientKind>,
}

/// What a struct field is declared as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    /// A Stripe client.
    Client(ClientKind),
    /// A named type of the package (`*Svc`, `base`): maybe a struct whose fields are known.
    Named(String),
    /// A type that is not a client: another package's type, a builtin, a map or slice.
    Other,
    /// A type that may hold a client without naming it (an interface, a Stripe-named package).
    Unknown,
}

/// The declared fields of one named struct type.
#[derive(Debug, Default, Clone)]
pub struct StructFields {
    /// Named fields and embedded ones (named after their type), by name.
    pub fields: HashMap<String, FieldType>,
    /// Embedded named types of the package, whose fields are promoted.
    pub embedded: Vec<String>,
}

/// Embedded structs followed at most when a field is looked up (a cycle of embedding is not
/// valid Go, but the scan must end on any input).
const MAX_EMBEDDING: usize = 8;

impl FileNames {
    /// Adds another file's names; a later file's declaration of a name wins.
    pub fn extend(&mut self, other: FileNames) {
        self.fields.extend(other.fields);
        self.other_fields.extend(other.other_fields);
        for (name, fields) in other.structs {
            let known = self.structs.entry(name).or_default();
            known.fields.extend(fields.fields);
            known.embedded.extend(fields.embedded);
        }
        self.constructors.extend(other.constructors);
        self.globals.extend(other.globals);
        self.functions.extend(other.functions);
    }

    /// Moves out the struct types, constructors and other-typed field names: what is known of
    /// the file's package only (a type name means another type in another package), leaving
    /// the client-holding names the whole project shares.
    pub fn take_types(&mut self) -> FileNames {
        FileNames {
            other_fields: std::mem::take(&mut self.other_fields),
            structs: std::mem::take(&mut self.structs),
            constructors: std::mem::take(&mut self.constructors),
            ..FileNames::default()
        }
    }

    /// Whether nothing is declared.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
            && self.other_fields.is_empty()
            && self.structs.is_empty()
            && self.constructors.is_empty()
            && self.globals.is_empty()
            && self.functions.is_empty()
    }

    /// The declared type of `field` on struct type `ty`, promoted fields of embedded structs
    /// included; `None` when the struct or the field is not known here.
    pub fn field_type(&self, ty: &str, field: &str) -> Option<&FieldType> {
        let mut pending = vec![(ty, 0usize)];
        while let Some((ty, depth)) = pending.pop() {
            let Some(fields) = self.structs.get(ty) else {
                continue;
            };
            if let Some(found) = fields.fields.get(field) {
                return Some(found);
            }
            if depth < MAX_EMBEDDING {
                // Reversed so that the first embedded struct is looked at first.
                pending.extend(
                    fields
                        .embedded
                        .iter()
                        .rev()
                        .map(|e| (e.as_str(), depth + 1)),
                );
            }
        }
        None
    }

    /// What `field` holds by name alone, for a holder of unknown type: `Some(None)` when some
    /// struct declares it with another type (then it cannot be told), `Some(Some(kind))` when
    /// it holds a client, `None` when the name says nothing.
    pub fn field_by_name(&self, field: &str) -> Option<Option<ClientKind>> {
        if self.other_fields.contains(field) {
            return Some(None);
        }
        self.fields.get(field).map(|k| Some(*k))
    }
}

/// The client-holding locals and parameters of one function, and the named type of each
/// local or parameter declared as one (`s *Svc`, `v := &Svc{}`).
#[derive(Debug, Default)]
pub struct Locals {
    pub clients: HashMap<String, ClientKind>,
    /// `None` for a name bound to values of different or unknown types in the function.
    pub types: HashMap<String, Option<String>>,
    /// Names bound to a field known not to hold a client (`c := s.conn`).
    pub others: HashSet<String>,
}

impl Locals {
    /// Records a binding of `name` to a value of type `ty` (`None`: unknown): a name bound to
    /// two different types in one function has no known type.
    pub fn set_type(&mut self, name: &str, ty: Option<String>) {
        let known = self
            .types
            .entry(name.to_owned())
            .or_insert_with(|| ty.clone());
        if *known != ty {
            *known = None;
        }
    }
}

/// Answers "is this a client?" for types and values of one file.
pub struct Kinds<'a> {
    pub source: &'a str,
    pub imports: &'a Imports,
}

impl Kinds<'_> {
    /// The client kind of a type (`*stripe.Client`, `client.API`), if it is one.
    pub fn of_type(&self, node: Node<'_>) -> Option<ClientKind> {
        let node = unwrap_type(node);
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

    /// What a struct field declared with this type holds.
    pub fn field_type(&self, node: Node<'_>) -> FieldType {
        if let Some(kind) = self.of_type(node) {
            return FieldType::Client(kind);
        }
        let node = unwrap_type(node);
        match node.kind_name() {
            "type_identifier" if is_builtin(text(node, self.source)) => FieldType::Other,
            "type_identifier" | "generic_type" => self
                .named_type(node)
                .map_or(FieldType::Unknown, FieldType::Named),
            // A package of the project wrapping stripe-go may hold a client in its own type.
            "qualified_type" => match node.field("package") {
                Some(p) if !rakscan_syntax::mentions_stripe(text(p, self.source)) => {
                    FieldType::Other
                }
                _ => FieldType::Unknown,
            },
            "map_type" | "slice_type" | "array_type" | "channel_type" | "function_type" => {
                FieldType::Other
            }
            _ => FieldType::Unknown,
        }
    }

    /// The package's type a type names (`*Svc`, `Svc[T]` → `Svc`), if it is one.
    pub fn named_type(&self, node: Node<'_>) -> Option<String> {
        let mut node = unwrap_type(node);
        if node.kind_name() == "generic_type" {
            node = node.field("type")?;
        }
        let name = text(node, self.source);
        (node.kind_name() == "type_identifier" && !is_builtin(name)).then(|| name.to_owned())
    }

    /// The package's type a value has, when the file says: a local or parameter declared with
    /// it, a field declared with it, `&Svc{}`, `new(Svc)` or a constructor (`NewSvc()`).
    pub fn type_of(&self, node: Node<'_>, locals: &Locals, names: &FileNames) -> Option<String> {
        let node = tree::unwrap_expression(node);
        match node.kind_name() {
            "identifier" => locals.types.get(text(node, self.source)).cloned().flatten(),
            "selector_expression" => {
                let holder = self.type_of(node.field("operand")?, locals, names)?;
                let field = text(node.field("field")?, self.source);
                match names.field_type(&holder, field)? {
                    FieldType::Named(ty) => Some(ty.clone()),
                    _ => None,
                }
            }
            "composite_literal" => self.named_type(node.field("type")?),
            "call_expression" => {
                let function = tree::unwrap_expression(node.field("function")?);
                if function.kind_name() != "identifier" {
                    return None;
                }
                match text(function, self.source) {
                    "new" => self.named_type(*tree::arguments(node).first()?),
                    name => names.constructors.get(name).cloned(),
                }
            }
            _ => None,
        }
    }

    /// What the field of a selector (`s.conn`) holds by the declared struct type of its
    /// operand: `Some(Some(kind))` a client, `Some(None)` not a client, `None` when the
    /// operand's type or its field is not known in `names`, or the field's type may hold a
    /// client without naming it.
    pub fn field_by_type(
        &self,
        selector: Node<'_>,
        locals: &Locals,
        names: &FileNames,
    ) -> Option<Option<ClientKind>> {
        let holder = self.type_of(selector.field("operand")?, locals, names)?;
        let field = text(selector.field("field")?, self.source);
        match names.field_type(&holder, field)? {
            FieldType::Client(kind) => Some(Some(*kind)),
            FieldType::Other => Some(None),
            FieldType::Named(_) | FieldType::Unknown => None,
        }
    }

    /// What the field of a selector holds: by its operand's struct type when known, else by
    /// the field's name (`Some(None)`: not a client, `None`: unknown).
    pub fn field_holds(
        &self,
        selector: Node<'_>,
        locals: &Locals,
        names: &FileNames,
    ) -> Option<Option<ClientKind>> {
        self.field_by_type(selector, locals, names)
            .or_else(|| names.field_by_name(text(selector.field("field")?, self.source)))
    }

    /// Whether a value is a field known not to hold a client (`s.conn` of `conn *s3.Client`).
    pub fn is_other_field(&self, value: Node<'_>, locals: &Locals, names: &FileNames) -> bool {
        let value = tree::unwrap_expression(value);
        value.kind_name() == "selector_expression"
            && self.field_holds(value, locals, names) == Some(None)
    }

    /// The client kind of a value, looking names up in `locals` first, then the file's names.
    pub fn of_value(
        &self,
        node: Node<'_>,
        locals: &Locals,
        file: &FileNames,
    ) -> Option<ClientKind> {
        let node = tree::unwrap_expression(node);
        match node.kind_name() {
            "identifier" => {
                let name = text(node, self.source);
                locals
                    .clients
                    .get(name)
                    .or_else(|| file.globals.get(name))
                    .copied()
            }
            "selector_expression" => self.field_holds(node, locals, file).flatten(),
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

/// A type with pointers and parentheses stripped (`*Svc` → `Svc`).
fn unwrap_type(mut node: Node<'_>) -> Node<'_> {
    while matches!(node.kind_name(), "pointer_type" | "parenthesized_type") {
        match named_children(node).first() {
            Some(inner) => node = *inner,
            None => break,
        }
    }
    node
}

/// Go's predeclared types, none of which holds a client (`any` may, so it is not here).
fn is_builtin(name: &str) -> bool {
    matches!(
        name,
        "bool"
            | "byte"
            | "complex64"
            | "complex128"
            | "error"
            | "float32"
            | "float64"
            | "int"
            | "int8"
            | "int16"
            | "int32"
            | "int64"
            | "rune"
            | "string"
            | "uint"
            | "uint8"
            | "uint16"
            | "uint32"
            | "uint64"
            | "uintptr"
    )
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
