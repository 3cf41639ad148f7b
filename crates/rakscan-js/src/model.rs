//! The binding model of one file: which names and `this` members hold the Stripe SDK, a
//! client, a client factory or a service, computed to a fixed point over every declaration,
//! assignment, import, class field, constructor parameter and type annotation of the file.
//!
//! Names are tracked per file, not per scope: a name bound to a client anywhere in the file is
//! a client everywhere in it. Real code rarely reuses a client's name for something else.

use crate::imports::ImportResolver;
use crate::naming::{is_client_name, is_factory_name};
use crate::syntax::{
    first_named_child, has_token, last_named_child, named_children, object_branches, property_name,
    string_value, text, unwrap_value,
};
use crate::value::Value;
use rakscan_core::Certainty;
use rakscan_syntax::{FieldLookup, KindName, Step, walk};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use tree_sitter::Node;

/// Deepest expression nesting evaluated; deeper expressions are `Unknown`.
const MAX_DEPTH: usize = 48;
/// Rounds of the fixed point; bindings are monotone, so this is only a safety bound.
const MAX_ROUNDS: usize = 8;

/// Where a declaration stores its value.
#[derive(Clone, Copy)]
enum Binder<'t> {
    /// An identifier or destructuring pattern.
    Pattern(Node<'t>),
    /// A class member reached as `this.<name>` (the name node).
    Member(Node<'t>),
    /// A TypeScript type alias (`type Client = Stripe`): the name node.
    TypeAlias(Node<'t>),
}

/// Where a declaration's value comes from.
#[derive(Clone)]
enum Source<'t> {
    Expr(Node<'t>),
    Type(Node<'t>),
    Import(String, Vec<String>),
    Function(Node<'t>),
    Getter(Node<'t>),
}

struct Decl<'t> {
    binder: Binder<'t>,
    source: Source<'t>,
    /// For members: the name of the class that declares them.
    class: Option<String>,
}

/// Which map a binding goes to.
#[derive(Clone)]
enum Target {
    /// A name of the file.
    Name,
    /// A `this` member, of the named class when known.
    Member(Option<String>),
    /// A type alias: the value an instance of the type is.
    Type,
}

/// The maps of bindings that evaluation reads.
#[derive(Clone, Copy)]
enum Map {
    Names,
    Members,
    Types,
}

/// A short fingerprint of one entry of a map, so that a declaration can list the entries its
/// evaluation read. Two entries may share one: that only costs a needless evaluation.
fn entry_key(map: Map, name: &str) -> u64 {
    name.bytes()
        .fold(0xcbf2_9ce4_8422_2325 ^ map as u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

/// What evaluating one declaration gave in the last round that evaluated it, and what that
/// evaluation depended on: while none of it changes, a later round gives the same updates.
struct Evaluated {
    updates: Vec<Update>,
    /// [`entry_key`]s of the map entries read.
    reads: Vec<u64>,
    /// Whether a naming heuristic matched (its outcome depends on guessing).
    guessed: bool,
    /// Whether guessing was on.
    guessing: bool,
}

impl Evaluated {
    /// Whether the updates still hold after a round that changed the entries `changed`
    /// (sorted), with guessing now `guessing`.
    fn holds(&self, changed: &[u64], guessing: bool) -> bool {
        (self.guessing == guessing || !self.guessed)
            && !self.reads.iter().any(|k| changed.binary_search(k).is_ok())
    }
}

/// One binding found in a round of the fixed point.
#[derive(Clone)]
struct Update {
    target: Target,
    name: String,
    value: Value,
}

/// The export declarations of a file, evaluated after the fixed point.
#[derive(Default)]
struct ExportDecls<'t> {
    /// `export const x`, `export { a as b }`: (exported name, local name).
    locals: Vec<(String, String)>,
    /// `export default <expr>`, `export = <expr>`.
    default: Vec<Node<'t>>,
    /// `module.exports = <expr>`.
    whole: Vec<Node<'t>>,
    /// `exports.x = <expr>`, `module.exports.x = <expr>`.
    named: Vec<(String, Node<'t>)>,
    /// `export { a as b } from './m'`: (exported name, specifier, path in the module).
    reexports: Vec<(String, String, Vec<String>)>,
    /// `export * from './m'`.
    stars: Vec<String>,
}

/// What a module exports, as values (no syntax left).
#[derive(Debug, Clone, Default)]
pub(crate) struct Exports {
    pub named: HashMap<String, Value>,
    pub default: Option<Value>,
    /// `module.exports = …`: the whole CommonJS export.
    pub whole: Option<Value>,
    /// Specifiers of `export * from …`.
    pub stars: Vec<String>,
}

impl Exports {
    /// Whether anything exported is (or holds) part of the SDK, or may through `export *`.
    pub(crate) fn is_stripe(&self) -> bool {
        self.named.values().any(Value::is_stripe)
            || self.default.as_ref().is_some_and(Value::is_stripe)
            || self.whole.as_ref().is_some_and(Value::is_stripe)
    }
}

/// The binding model of one parsed file.
pub(crate) struct Model<'t> {
    source: &'t str,
    resolver: &'t dyn ImportResolver,
    names: HashMap<String, Value>,
    members: HashMap<String, Value>,
    types: HashMap<String, Value>,
    class_members: HashMap<String, HashMap<String, Value>>,
    decls: Vec<Decl<'t>>,
    objects: HashMap<String, Vec<Node<'t>>>,
    exports: ExportDecls<'t>,
    imports: RefCell<HashMap<(String, Vec<String>), Value>>,
    /// By the id of a function's body block: the expressions its `return` statements give,
    /// in source order.
    returns: HashMap<usize, Vec<Node<'t>>>,
    /// The call expressions of the file, in source order.
    calls: Vec<Node<'t>>,
    /// Whether names alone may bind (`stripe` → a likely client). Off while the visible
    /// bindings are solved, so that a guess made before an import or a declaration is known
    /// does not outrank what that binding turns out to be.
    guessing: Cell<bool>,
    /// Whether a naming heuristic matched while guessing was off, in the current round.
    held_back: Cell<bool>,
    /// Per declaration, its last evaluation.
    evaluated: Vec<Option<Evaluated>>,
    /// [`entry_key`]s of the map entries the last round changed, sorted.
    changed: Vec<u64>,
    /// While a declaration is evaluated: the entries read and whether a heuristic matched.
    reads: RefCell<Option<Vec<u64>>>,
    guessed: Cell<bool>,
}

impl<'t> Model<'t> {
    /// Collects the declarations of a file and computes its bindings.
    pub(crate) fn build(root: Node<'t>, source: &'t str, resolver: &'t dyn ImportResolver) -> Self {
        let mut model = Model::collected(root, source, resolver);
        let settled = model.solve();
        model.guessing.set(true);
        // With no heuristic held back in the last round, guessing would change nothing.
        if !settled || model.held_back.get() {
            model.solve();
        }
        model
    }

    /// The declarations of a file, before any binding is computed.
    fn collected(root: Node<'t>, source: &'t str, resolver: &'t dyn ImportResolver) -> Self {
        let mut model = Model {
            source,
            resolver,
            names: HashMap::new(),
            members: HashMap::new(),
            types: HashMap::new(),
            class_members: HashMap::new(),
            decls: Vec::new(),
            objects: HashMap::new(),
            exports: ExportDecls::default(),
            imports: RefCell::new(HashMap::new()),
            returns: HashMap::new(),
            calls: Vec::new(),
            guessing: Cell::new(false),
            held_back: Cell::new(false),
            evaluated: Vec::new(),
            changed: Vec::new(),
            reads: RefCell::new(None),
            guessed: Cell::new(false),
        };
        model.collect_tree(root);
        model
    }

    /// Whether a naming heuristic that matched may bind now.
    fn guess(&self, matched: bool) -> bool {
        if matched {
            self.guessed.set(true);
            if !self.guessing.get() {
                self.held_back.set(true);
            }
        }
        matched && self.guessing.get()
    }

    /// The entry `name` of one of the maps of bindings, noted as read.
    fn binding(&self, map: Map, name: &str) -> Option<&Value> {
        if let Some(reads) = self.reads.borrow_mut().as_mut() {
            reads.push(entry_key(map, name));
        }
        match map {
            Map::Names => &self.names,
            Map::Members => &self.members,
            Map::Types => &self.types,
        }
        .get(name)
    }

    /// The object literals a variable of this name was initialised with, directly or in a
    /// branch of a conditional (for options passed by name: `create(params, opts)`).
    pub(crate) fn object_literals(&self, name: &str) -> &[Node<'t>] {
        self.objects.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The call expressions of the file, in source order.
    pub(crate) fn calls(&self) -> &[Node<'t>] {
        &self.calls
    }

    fn text(&self, node: Node<'_>) -> &'t str {
        text(node, self.source)
    }

    // ----- collection -------------------------------------------------------------------

    fn push(&mut self, binder: Binder<'t>, source: Source<'t>) {
        let class = match binder {
            Binder::Member(node) => self.enclosing_class(node),
            Binder::Pattern(_) | Binder::TypeAlias(_) => None,
        };
        self.decls.push(Decl {
            binder,
            source,
            class,
        });
    }

    /// The name of the class whose body holds a node.
    fn enclosing_class(&self, node: Node<'t>) -> Option<String> {
        let mut current = node.parent();
        for _ in 0..MAX_DEPTH {
            let n = current?;
            if n.kind_name() == "class_body" {
                let class = n.parent()?;
                return class.field("name").map(|c| self.text(c).to_owned());
            }
            current = n.parent();
        }
        None
    }

    /// One walk over the tree collects the declarations, the calls and what each function
    /// body returns.
    fn collect_tree(&mut self, root: Node<'t>) {
        // For each node on the path from the root to the walk's node: the node, and the
        // function body whose `return` statements its children may be.
        let mut path: Vec<(Node<'t>, Option<Node<'t>>)> = Vec::new();
        walk(root, |step| match step {
            Step::Enter(node) => {
                let kind = node.kind_name();
                self.collect(node, kind);
                let (parent, body) = path.last().map_or((None, None), |&(p, b)| (Some(p), b));
                let body = self.collect_return(node, kind, parent, body);
                path.push((node, body));
            }
            Step::Leave(_) => {
                path.pop();
            }
        });
    }

    /// Records `node` among the returns of `body` (the function body whose `return`
    /// statements `node` may be) when it is one, and gives the body whose returns the
    /// children of `node` may be: its own when `node` is a function's body block, none below
    /// a `return`, a nested function or class, or an anonymous node.
    fn collect_return(
        &mut self,
        node: Node<'t>,
        kind: &str,
        parent: Option<Node<'t>>,
        body: Option<Node<'t>>,
    ) -> Option<Node<'t>> {
        if kind == "return_statement" {
            if let Some(body) = body
                && let Some(returned) = first_named_child(node)
            {
                self.returns.entry(body.id()).or_default().push(returned);
            }
            return None;
        }
        let is_function_body = kind == "statement_block"
            && parent.is_some_and(|p| {
                hides_returns(p.kind_name()) && p.field("body").is_some_and(|b| b.id() == node.id())
            });
        if is_function_body {
            Some(node)
        } else if !node.is_named() || hides_returns(kind) {
            None
        } else {
            body
        }
    }

    fn collect(&mut self, node: Node<'t>, kind: &'static str) {
        match kind {
            "call_expression" => self.calls.push(node),
            "variable_declarator" => {
                let Some(name) = node.field("name") else {
                    return;
                };
                if let Some(value) = node.field("value") {
                    let objects = object_branches(value);
                    if name.kind_name() == "identifier" && !objects.is_empty() {
                        self.objects.insert(self.text(name).to_owned(), objects);
                    }
                    self.push(Binder::Pattern(name), Source::Expr(value));
                }
                if let Some(ty) = node.field("type") {
                    self.push(Binder::Pattern(name), Source::Type(ty));
                }
            }
            "assignment_expression" | "augmented_assignment_expression" => {
                self.collect_assignment(node)
            }
            "import_statement" => self.collect_import(node),
            "function_declaration" | "generator_function_declaration" => {
                if let Some(name) = node.field("name") {
                    self.push(Binder::Pattern(name), Source::Function(node));
                }
            }
            "method_definition" => {
                let Some(name) = node.field("name") else {
                    return;
                };
                if self.text(name) == "constructor" {
                    return;
                }
                let source = if has_token(node, "get") {
                    Source::Getter(node)
                } else {
                    Source::Function(node)
                };
                self.push(Binder::Member(name), source);
            }
            "public_field_definition" | "field_definition" => {
                let name = node.field("name").or_else(|| node.field("property"));
                let Some(name) = name else { return };
                if let Some(value) = node.field("value") {
                    self.push(Binder::Member(name), Source::Expr(value));
                }
                if let Some(ty) = node.field("type") {
                    self.push(Binder::Member(name), Source::Type(ty));
                }
            }
            "required_parameter" | "optional_parameter" => {
                let Some(pattern) = node.field("pattern") else {
                    return;
                };
                let is_property = named_children(node).iter().any(|c| {
                    matches!(
                        c.kind_name(),
                        "accessibility_modifier" | "override_modifier"
                    )
                }) || has_token(node, "readonly");
                let mut sources = Vec::new();
                if let Some(ty) = node.field("type") {
                    sources.push(Source::Type(ty));
                }
                if let Some(value) = node.field("value") {
                    sources.push(Source::Expr(value));
                }
                for source in sources {
                    if is_property && pattern.kind_name() == "identifier" {
                        self.push(Binder::Member(pattern), source.clone());
                    }
                    self.push(Binder::Pattern(pattern), source);
                }
            }
            "export_statement" => self.collect_export(node),
            "type_alias_declaration" => {
                if let (Some(name), Some(value)) = (node.field("name"), node.field("value")) {
                    self.push(Binder::TypeAlias(name), Source::Type(value));
                }
            }
            _ => {}
        }
    }

    fn collect_assignment(&mut self, node: Node<'t>) {
        let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
            return;
        };
        let left = unwrap_value(left);
        match left.kind_name() {
            "identifier" | "object_pattern" => {
                self.push(Binder::Pattern(left), Source::Expr(right))
            }
            "member_expression" => {
                let (Some(object), Some(property)) = (left.field("object"), left.field("property"))
                else {
                    return;
                };
                let object_text = self.text(object);
                let prop = self.text(property).to_owned();
                match object.kind_name() {
                    "this" => self.push(Binder::Member(property), Source::Expr(right)),
                    "identifier" if object_text == "module" && prop == "exports" => {
                        self.exports.whole.push(right)
                    }
                    "identifier" if object_text == "exports" => {
                        self.exports.named.push((prop, right))
                    }
                    "member_expression" if object_text == "module.exports" => {
                        self.exports.named.push((prop, right))
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn collect_import(&mut self, node: Node<'t>) {
        let source = node
            .field("source")
            .and_then(|s| string_value(s, self.source));
        for child in named_children(node) {
            match child.kind_name() {
                "import_clause" => {
                    let Some(spec) = source.clone() else { return };
                    for part in named_children(child) {
                        match part.kind_name() {
                            "identifier" => self.push(
                                Binder::Pattern(part),
                                Source::Import(spec.clone(), vec!["default".to_owned()]),
                            ),
                            "namespace_import" => {
                                if let Some(id) = first_named_child(part) {
                                    self.push(
                                        Binder::Pattern(id),
                                        Source::Import(spec.clone(), Vec::new()),
                                    );
                                }
                            }
                            "named_imports" => {
                                for spec_node in named_children(part) {
                                    let Some(name) = spec_node.field("name") else {
                                        continue;
                                    };
                                    let local = spec_node.field("alias").unwrap_or(name);
                                    let Some(imported) = property_name(name, self.source) else {
                                        continue;
                                    };
                                    self.push(
                                        Binder::Pattern(local),
                                        Source::Import(spec.clone(), vec![imported]),
                                    );
                                }
                            }
                            _ => {}
                        }
                    }
                }
                "import_require_clause" => {
                    let id = named_children(child)
                        .into_iter()
                        .find(|c| c.kind_name() == "identifier");
                    let spec = child
                        .field("source")
                        .and_then(|s| string_value(s, self.source));
                    if let (Some(id), Some(spec)) = (id, spec) {
                        self.push(Binder::Pattern(id), Source::Import(spec, Vec::new()));
                    }
                }
                _ => {}
            }
        }
    }

    fn collect_export(&mut self, node: Node<'t>) {
        let source = node
            .field("source")
            .and_then(|s| string_value(s, self.source));
        let is_default = has_token(node, "default");
        if let Some(decl) = node.field("declaration") {
            let mut names = Vec::new();
            match decl.kind_name() {
                "lexical_declaration" | "variable_declaration" => {
                    for d in named_children(decl) {
                        if let Some(n) = d.field("name").filter(|n| n.kind_name() == "identifier") {
                            names.push(self.text(n).to_owned());
                        }
                    }
                }
                _ => {
                    if let Some(n) = decl.field("name") {
                        names.push(self.text(n).to_owned());
                    } else if is_default {
                        self.exports.default.push(decl);
                    }
                }
            }
            for n in names {
                let exported = if is_default {
                    "default".to_owned()
                } else {
                    n.clone()
                };
                self.exports.locals.push((exported, n));
            }
            return;
        }
        if let Some(value) = node.field("value") {
            self.exports.default.push(value);
            return;
        }
        let mut has_clause = false;
        for child in named_children(node) {
            match child.kind_name() {
                "export_clause" => {
                    has_clause = true;
                    for spec_node in named_children(child) {
                        let Some(name) = spec_node.field("name") else {
                            continue;
                        };
                        let Some(local) = property_name(name, self.source) else {
                            continue;
                        };
                        let exported = spec_node
                            .field("alias")
                            .and_then(|a| property_name(a, self.source))
                            .unwrap_or_else(|| local.clone());
                        match &source {
                            Some(spec) => {
                                self.exports
                                    .reexports
                                    .push((exported, spec.clone(), vec![local]))
                            }
                            None => self.exports.locals.push((exported, local)),
                        }
                    }
                }
                "namespace_export" => {
                    has_clause = true;
                    let alias =
                        first_named_child(child).and_then(|a| property_name(a, self.source));
                    if let (Some(alias), Some(spec)) = (alias, &source) {
                        self.exports
                            .reexports
                            .push((alias, spec.clone(), Vec::new()));
                    }
                }
                "identifier" if has_token(node, "=") => self.exports.whole.push(child),
                _ => {}
            }
        }
        if !has_clause && let Some(spec) = source {
            self.exports.stars.push(spec);
        }
    }

    // ----- fixed point ------------------------------------------------------------------

    /// Computes the bindings to a fixed point; true when a round changed nothing (at most
    /// [`MAX_ROUNDS`] are run). Each round evaluates every declaration against the bindings
    /// of the round before, then joins what they give in declaration order; a declaration
    /// none of whose reads changed (nor guessing, if it guessed) gives what it gave before.
    fn solve(&mut self) -> bool {
        (0..MAX_ROUNDS).any(|_| !self.round())
    }

    /// One round of the fixed point; true when it changed any binding.
    fn round(&mut self) -> bool {
        let mut evaluated = std::mem::take(&mut self.evaluated);
        evaluated.resize_with(self.decls.len(), || None);
        self.held_back.set(false);
        for (decl, last) in self.decls.iter().zip(&mut evaluated) {
            match last {
                Some(last) if last.holds(&self.changed, self.guessing.get()) => {
                    if last.guessed && !self.guessing.get() {
                        self.held_back.set(true);
                    }
                }
                _ => *last = Some(self.evaluate(decl)),
            }
        }
        let changed = self.apply(evaluated.iter().flatten().flat_map(|e| &e.updates));
        self.evaluated = evaluated;
        changed
    }

    /// Evaluates one declaration: the updates it gives and what they depend on.
    fn evaluate(&self, decl: &Decl<'t>) -> Evaluated {
        self.reads.replace(Some(Vec::new()));
        self.guessed.set(false);
        let mut updates = Vec::new();
        let value = self.eval_source(&decl.source);
        match decl.binder {
            Binder::Pattern(p) => self.bind_pattern(p, value, 0, &mut updates),
            Binder::Member(n) => {
                if let Some(name) = property_name(n, self.source) {
                    updates.push(Update {
                        target: Target::Member(decl.class.clone()),
                        name,
                        value,
                    });
                }
            }
            Binder::TypeAlias(n) => updates.push(Update {
                target: Target::Type,
                name: self.text(n).to_owned(),
                value,
            }),
        }
        Evaluated {
            updates,
            reads: self.reads.take().unwrap_or_default(),
            guessed: self.guessed.get(),
            guessing: self.guessing.get(),
        }
    }

    /// Joins a round's updates into the bindings, then each class's Stripe members into the
    /// class's name; notes the entries that changed. True when anything changed.
    fn apply<'u>(&mut self, updates: impl Iterator<Item = &'u Update>) -> bool {
        let mut changed = Vec::new();
        let mut any = false;
        for u in updates {
            if let Target::Member(Some(class)) = &u.target {
                let map = self.class_members.entry(class.clone()).or_default();
                any |= join_into(map, &u.name, &u.value);
            }
            let (map, entries) = match &u.target {
                Target::Name => (Map::Names, &mut self.names),
                Target::Member(_) => (Map::Members, &mut self.members),
                Target::Type => (Map::Types, &mut self.types),
            };
            if join_into(entries, &u.name, &u.value) {
                changed.push(entry_key(map, &u.name));
            }
        }
        let classes: Vec<(String, Value)> = self
            .class_members
            .iter()
            .map(|(class, members)| {
                let stripe = members
                    .iter()
                    .filter(|(_, v)| v.is_stripe())
                    .map(|(k, v)| (k.clone(), v.clone()));
                (class.clone(), Value::Class(stripe.collect()))
            })
            .collect();
        for (class, value) in classes {
            if join_into(&mut self.names, &class, &value) {
                changed.push(entry_key(Map::Names, &class));
            }
        }
        changed.sort_unstable();
        changed.dedup();
        any |= !changed.is_empty();
        self.changed = changed;
        any
    }

    fn bind_pattern(&self, node: Node<'t>, value: Value, depth: usize, out: &mut Vec<Update>) {
        if depth > MAX_DEPTH {
            return;
        }
        match node.kind_name() {
            "identifier" | "shorthand_property_identifier_pattern" => {
                out.push(Update::name(self.text(node), value));
            }
            "object_pattern" => {
                for child in named_children(node) {
                    match child.kind_name() {
                        "shorthand_property_identifier_pattern" => {
                            let name = self.text(child);
                            out.push(Update::name(name, destructured(&value, name)));
                        }
                        "pair_pattern" => {
                            let key = child
                                .field("key")
                                .and_then(|k| property_name(k, self.source));
                            if let (Some(key), Some(target)) = (key, child.field("value")) {
                                self.bind_pattern(
                                    target,
                                    destructured(&value, &key),
                                    depth + 1,
                                    out,
                                );
                            }
                        }
                        "object_assignment_pattern" => {
                            let Some(left) = child.field("left") else {
                                continue;
                            };
                            let fallback = child
                                .field("right")
                                .map(|r| self.eval(r, depth + 1))
                                .unwrap_or(Value::Unknown);
                            let name = self.text(left);
                            out.push(Update::name(
                                name,
                                destructured(&value, name).join(fallback),
                            ));
                        }
                        _ => {}
                    }
                }
            }
            "assignment_pattern" => {
                if let Some(left) = node.field("left") {
                    let fallback = node
                        .field("right")
                        .map(|r| self.eval(r, depth + 1))
                        .unwrap_or(Value::Unknown);
                    self.bind_pattern(left, value.join(fallback), depth + 1, out);
                }
            }
            _ => {}
        }
    }

    fn eval_source(&self, source: &Source<'t>) -> Value {
        match source {
            Source::Expr(n) => self.eval(*n, 0),
            Source::Type(n) => self.eval_type(*n, 0),
            Source::Import(spec, path) => self.import(spec, path),
            Source::Function(n) => self.eval_function(*n, 0),
            Source::Getter(n) => self.returns_of(*n, 0),
        }
    }

    fn import(&self, spec: &str, path: &[String]) -> Value {
        let key = (spec.to_owned(), path.to_vec());
        if let Some(v) = self.imports.borrow().get(&key) {
            return v.clone();
        }
        let v = self.resolver.resolve(spec, path);
        self.imports.borrow_mut().insert(key, v.clone());
        v
    }

    // ----- evaluation -------------------------------------------------------------------

    /// The value of an expression.
    pub(crate) fn eval(&self, node: Node<'t>, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::Unknown;
        }
        let d = depth + 1;
        match node.kind_name() {
            "identifier" | "shorthand_property_identifier" => {
                let name = self.text(node);
                if name == "undefined" {
                    return Value::Unknown;
                }
                let v = self
                    .binding(Map::Names, name)
                    .cloned()
                    .unwrap_or(Value::Unknown);
                if v == Value::Unknown && self.guess(is_client_name(name)) {
                    Value::Client(Certainty::Likely)
                } else {
                    v
                }
            }
            "this" => Value::This,
            "member_expression" => {
                let (Some(object), Some(property)) = (node.field("object"), node.field("property"))
                else {
                    return Value::Unknown;
                };
                let Some(name) = property_name(property, self.source) else {
                    return Value::Unknown;
                };
                self.member_of(object, &name, d)
            }
            "subscript_expression" => {
                let Some(object) = node.field("object") else {
                    return Value::Unknown;
                };
                let object_value = self.eval(object, d);
                match node
                    .field("index")
                    .and_then(|i| string_value(i, self.source))
                {
                    Some(key) => object_value.member(&key),
                    None => object_value.computed_member(),
                }
            }
            "call_expression" => self.eval_call(node, d),
            "new_expression" => {
                let Some(ctor) = node.field("constructor") else {
                    return Value::Unknown;
                };
                // A lazy client: `new Proxy({} as Stripe, { get: … })` stands for its target.
                if self.text(ctor) == "Proxy" {
                    return node
                        .field("arguments")
                        .and_then(|a| first_named_child(a))
                        .map(|target| self.eval(target, d))
                        .unwrap_or(Value::Unknown);
                }
                match self.eval(ctor, d) {
                    Value::Unknown if self.guess(is_factory_name(self.text(ctor))) => {
                        Value::Client(Certainty::Likely)
                    }
                    v => v.constructed(),
                }
            }
            "as_expression" | "satisfies_expression" | "type_assertion"
                if matches!(self.cast_type(node, d), Value::Client(_)) =>
            {
                self.cast_type(node, d)
            }
            "parenthesized_expression"
            | "await_expression"
            | "non_null_expression"
            | "as_expression"
            | "satisfies_expression"
            | "type_assertion" => {
                let inner = unwrap_value(node);
                if inner.id() == node.id() {
                    Value::Unknown
                } else {
                    self.eval(inner, d)
                }
            }
            "ternary_expression" => {
                let a = node.field("consequence").map(|n| self.eval(n, d));
                let b = node.field("alternative").map(|n| self.eval(n, d));
                a.unwrap_or(Value::Unknown)
                    .join(b.unwrap_or(Value::Unknown))
            }
            "binary_expression" => {
                let op = node.field("operator").map(|o| self.text(o)).unwrap_or("");
                let left = node.field("left");
                let right = node.field("right");
                match op {
                    "??" | "||" => {
                        let a = left.map(|n| self.eval(n, d)).unwrap_or(Value::Unknown);
                        a.join(right.map(|n| self.eval(n, d)).unwrap_or(Value::Unknown))
                    }
                    "&&" => right.map(|n| self.eval(n, d)).unwrap_or(Value::Unknown),
                    _ => Value::Other,
                }
            }
            "sequence_expression" => last_named_child(node)
                .map(|n| self.eval(n, d))
                .unwrap_or(Value::Unknown),
            "assignment_expression" | "augmented_assignment_expression" => node
                .field("right")
                .map(|n| self.eval(n, d))
                .unwrap_or(Value::Unknown),
            "arrow_function" | "function_expression" | "function" | "generator_function" => {
                self.eval_function(node, d)
            }
            "object" => self.eval_object(node, d),
            "null" => Value::Unknown,
            "string"
            | "template_string"
            | "number"
            | "true"
            | "false"
            | "array"
            | "class"
            | "regex"
            | "jsx_element"
            | "jsx_self_closing_element"
            | "unary_expression"
            | "update_expression" => Value::Other,
            _ => Value::Unknown,
        }
    }

    /// The value a cast gives (`x as Stripe`, `<Stripe>x`).
    fn cast_type(&self, node: Node<'t>, depth: usize) -> Value {
        let ty = if node.kind_name() == "type_assertion" {
            first_named_child(node).and_then(first_named_child)
        } else {
            last_named_child(node)
        };
        ty.map(|t| self.eval_type(t, depth))
            .unwrap_or(Value::Unknown)
    }

    /// The value of `object.name`.
    fn member_of(&self, object: Node<'t>, name: &str, depth: usize) -> Value {
        let object_value = self.eval(object, depth);
        let v = match object_value {
            Value::This => self
                .binding(Map::Members, name)
                .cloned()
                .unwrap_or(Value::Unknown),
            ref other => other.member(name),
        };
        if v == Value::Unknown && self.guess(is_client_name(name)) {
            Value::Client(Certainty::Likely)
        } else {
            v
        }
    }

    fn eval_call(&self, node: Node<'t>, depth: usize) -> Value {
        let Some(callee) = node.field("function") else {
            return Value::Unknown;
        };
        let is_require = callee.kind_name() == "import"
            || (callee.kind_name() == "identifier" && self.text(callee) == "require");
        if is_require {
            let first_arg = node.field("arguments").and_then(first_named_child);
            return match first_arg.and_then(|a| string_value(a, self.source)) {
                Some(spec) => self.import(&spec, &[]),
                None => Value::Unknown,
            };
        }
        let callee_value = self.eval(callee, depth);
        match callee_value.called() {
            Value::Unknown => {
                let name = match callee.kind_name() {
                    "member_expression" => callee.field("property").map(|p| self.text(p)),
                    "identifier" => Some(self.text(callee)),
                    _ => None,
                };
                if self.guess(name.is_some_and(is_factory_name)) {
                    Value::Client(Certainty::Likely)
                } else {
                    Value::Unknown
                }
            }
            v => v,
        }
    }

    fn eval_object(&self, node: Node<'t>, depth: usize) -> Value {
        let mut entries: Vec<(String, Value)> = Vec::new();
        for child in named_children(node) {
            match child.kind_name() {
                "pair" => {
                    let key = child
                        .field("key")
                        .and_then(|k| property_name(k, self.source));
                    if let (Some(key), Some(value)) = (key, child.field("value")) {
                        entries.push((key, self.eval(value, depth)));
                    }
                }
                "shorthand_property_identifier" => {
                    entries.push((self.text(child).to_owned(), self.eval(child, depth)));
                }
                "method_definition" => {
                    if let Some(key) = child
                        .field("name")
                        .and_then(|k| property_name(k, self.source))
                    {
                        entries.push((key, self.eval_function(child, depth)));
                    }
                }
                "spread_element" => {
                    if let Some(Value::Object(m)) =
                        first_named_child(child).map(|n| self.eval(n, depth))
                    {
                        entries.extend(m);
                    }
                }
                _ => {}
            }
        }
        Value::object(entries)
    }

    /// A function is a client factory when its declared return type or any value it returns
    /// is a client; a function returning an object that holds a client (`return { stripe }`)
    /// gives that object when called.
    fn eval_function(&self, node: Node<'t>, depth: usize) -> Value {
        if let Some(ty) = node.field("return_type")
            && let Value::Client(c) = self.eval_type(ty, depth)
        {
            return Value::Factory(c);
        }
        match self.returns_of(node, depth) {
            Value::Client(c) => Value::Factory(c),
            v @ Value::Object(_) if v.is_stripe() => Value::Returns(Box::new(v)),
            _ => Value::Other,
        }
    }

    /// The join of the values a function returns.
    fn returns_of(&self, node: Node<'t>, depth: usize) -> Value {
        let Some(body) = node.field("body") else {
            return Value::Unknown;
        };
        if body.kind_name() != "statement_block" {
            return self.eval(body, depth);
        }
        // Joined from the last return to the first, as the values were first found.
        let returned = self.returns.get(&body.id()).map_or(&[][..], Vec::as_slice);
        returned
            .iter()
            .rev()
            .fold(Value::Unknown, |acc, n| acc.join(self.eval(*n, depth)))
    }

    /// The value an instance of a TypeScript type is.
    fn eval_type(&self, node: Node<'t>, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::Unknown;
        }
        let d = depth + 1;
        match node.kind_name() {
            "type_annotation" | "parenthesized_type" => first_named_child(node)
                .map(|n| self.eval_type(n, d))
                .unwrap_or(Value::Unknown),
            "type_identifier" => {
                let name = self.text(node);
                if let Some(aliased) = self.binding(Map::Types, name) {
                    return aliased.clone();
                }
                match self.binding(Map::Names, name) {
                    Some(Value::Sdk) => Value::Client(Certainty::Certain),
                    Some(Value::Other) => Value::Other,
                    Some(class @ Value::Class(_)) => class.constructed(),
                    _ if self.guess(name == "Stripe") => Value::Client(Certainty::Likely),
                    _ => Value::Unknown,
                }
            }
            "nested_type_identifier" => {
                let t = self.text(node);
                match t.split_once('.') {
                    Some((module, "Stripe"))
                        if self.binding(Map::Names, module) == Some(&Value::Sdk) =>
                    {
                        Value::Client(Certainty::Certain)
                    }
                    _ => Value::Unknown,
                }
            }
            "generic_type" => {
                let name = node.field("name").map(|n| self.text(n)).unwrap_or("");
                let argument = || {
                    node.field("type_arguments")
                        .and_then(|a| first_named_child(a))
                        .map(|n| self.eval_type(n, d))
                        .unwrap_or(Value::Unknown)
                };
                match name {
                    "Promise" | "Awaited" | "NonNullable" | "Readonly" => argument(),
                    // `ReturnType<typeof makeStripe>`, `InstanceType<typeof Stripe>`.
                    "ReturnType" => argument().called(),
                    "InstanceType" => argument().constructed(),
                    _ => Value::Unknown,
                }
            }
            // `typeof stripe`: the type of a value is that value.
            "type_query" => first_named_child(node)
                .map(|n| self.eval(n, d))
                .unwrap_or(Value::Unknown),
            "union_type" => named_children(node)
                .into_iter()
                .fold(Value::Unknown, |acc, n| acc.join(self.eval_type(n, d))),
            _ => Value::Unknown,
        }
    }

    // ----- exports ----------------------------------------------------------------------

    /// What the file exports, as values.
    pub(crate) fn exports(&self) -> Exports {
        let mut out = Exports::default();
        let local = |name: &str| self.names.get(name).cloned().unwrap_or(Value::Unknown);
        for (exported, name) in &self.exports.locals {
            let v = local(name);
            if exported == "default" {
                out.default = Some(out.default.take().unwrap_or(Value::Unknown).join(v));
            } else {
                out.named.insert(exported.clone(), v);
            }
        }
        for node in &self.exports.default {
            let v = match node.kind_name() {
                "function_declaration"
                | "generator_function_declaration"
                | "function_expression"
                | "arrow_function" => self.eval_function(*node, 0),
                _ => self.eval(*node, 0),
            };
            out.default = Some(out.default.take().unwrap_or(Value::Unknown).join(v));
        }
        for node in &self.exports.whole {
            let v = self.eval(*node, 0);
            out.whole = Some(out.whole.take().unwrap_or(Value::Unknown).join(v));
        }
        for (name, node) in &self.exports.named {
            let v = self.eval(*node, 0);
            let old = out.named.remove(name).unwrap_or(Value::Unknown);
            out.named.insert(name.clone(), old.join(v));
        }
        for (exported, spec, path) in &self.exports.reexports {
            let v = self.import(spec, path);
            if exported == "default" {
                out.default = Some(v);
            } else {
                out.named.insert(exported.clone(), v);
            }
        }
        out.stars = self.exports.stars.clone();
        out
    }
}

impl Update {
    fn name(name: &str, value: Value) -> Update {
        Update {
            target: Target::Name,
            name: name.to_owned(),
            value,
        }
    }
}

/// The value of property `key` taken apart from `value` (`const { key } = value`). A
/// client-named property of a client only guessed from a factory's name
/// (`const { stripeClient } = createStripeClient()`) is the client itself: the factory
/// returned an object holding it.
fn destructured(value: &Value, key: &str) -> Value {
    match value {
        Value::Client(Certainty::Likely) if is_client_name(key) => value.clone(),
        _ => value.member(key),
    }
}

/// Nodes whose `return` statements are not those of the function around them: functions,
/// methods and classes.
fn hides_returns(kind: &str) -> bool {
    matches!(
        kind,
        "function_declaration"
            | "generator_function_declaration"
            | "function_expression"
            | "function"
            | "generator_function"
            | "arrow_function"
            | "method_definition"
            | "class_declaration"
            | "class"
    )
}

/// Joins a value into a map entry; true when the entry changed. Joining `Unknown` changes
/// nothing.
fn join_into(map: &mut HashMap<String, Value>, name: &str, value: &Value) -> bool {
    if *value == Value::Unknown {
        return false;
    }
    let old = map.get(name).cloned().unwrap_or(Value::Unknown);
    let new = old.clone().join(value.clone());
    if new != old {
        map.insert(name.to_owned(), new);
        true
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::imports::PackagesOnly;
    use crate::parse::{Dialect, parse};
    use rakscan_syntax::preorder;
    use std::path::Path;

    /// What a function body returns, found as before the walk was fused: a search from the
    /// body through named children that stops at returns, functions and classes, giving the
    /// last return first.
    fn returns_by_search(body: Node<'_>) -> Vec<Node<'_>> {
        let mut found = Vec::new();
        let mut stack = vec![body];
        while let Some(n) = stack.pop() {
            if n.kind_name() == "return_statement" {
                found.extend(named_children(n).into_iter().next());
                continue;
            }
            if n.id() != body.id() && hides_returns(n.kind_name()) {
                continue;
            }
            stack.extend(named_children(n));
        }
        found
    }

    /// Checks that the one walk of [`Model::build`] finds the calls a full walk finds, and for
    /// every function body the returns the search from that body finds, in the order the
    /// search found them; gives how many returns it checked.
    fn assert_fused_walk_matches(source: &str, dialect: Dialect) -> usize {
        let tree = parse(source, dialect).expect("the source parses");
        let root = tree.root_node();
        let model = Model::build(root, source, &PackagesOnly);
        let ids =
            |nodes: &mut dyn Iterator<Item = &Node<'_>>| nodes.map(|n| n.id()).collect::<Vec<_>>();
        let mut calls = Vec::new();
        let mut bodies = Vec::new();
        preorder(root, |n| {
            if n.kind_name() == "call_expression" {
                calls.push(n);
            }
            if hides_returns(n.kind_name())
                && let Some(body) = n
                    .field("body")
                    .filter(|b| b.kind_name() == "statement_block")
            {
                bodies.push(body);
            }
        });
        assert_eq!(ids(&mut model.calls().iter()), ids(&mut calls.iter()));
        let mut checked = 0;
        for body in &bodies {
            let fused = model.returns.get(&body.id()).map_or(&[][..], Vec::as_slice);
            let searched = returns_by_search(*body);
            assert_eq!(
                ids(&mut fused.iter().rev()),
                ids(&mut searched.iter()),
                "{source}"
            );
            checked += searched.len();
        }
        let is_body = |id: &usize| bodies.iter().any(|b| b.id() == *id);
        assert!(model.returns.keys().all(is_body), "returns only of bodies");
        checked
    }

    #[test]
    fn the_fused_walk_finds_the_calls_and_returns_of_separate_walks() {
        let snippet = "function f(a = () => { return 1; }) {\n\
              if (a) { return /* c */ a(); } else { for (;;) { return g(() => { return 2; }); } }\n\
              class C { m() { return this.s; } static { } }\n\
              const h = function () { return { stripe: new Stripe(k) }; };\n\
              return;\n}\n\
              const k = async (x) => { try { return await x(); } finally { return y; } };\n\
              const o = { get s() { return s(); }, m() { return 3 } };\n\
              return top();\n\
              function broken( { return (\n";
        assert!(assert_fused_walk_matches(snippet, Dialect::JavaScript) >= 10);
        assert!(assert_fused_walk_matches(snippet, Dialect::Tsx) >= 10);
        let checked: usize = fixture_sources()
            .iter()
            .map(|(source, dialect)| assert_fused_walk_matches(source, *dialect))
            .sum();
        assert!(checked > 20, "the fixtures return values: {checked}");
    }

    /// The JavaScript and TypeScript sources of the repository's fixtures, with their dialect.
    fn fixture_sources() -> Vec<(String, Dialect)> {
        let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")];
        let mut sources = Vec::new();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).expect("the fixtures are there") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else if let Some(dialect) = Dialect::of_path(&path) {
                    let source = std::fs::read_to_string(&path).expect("a text file");
                    sources.push((source, dialect));
                }
            }
        }
        sources
    }

    /// `first_named_child` and `last_named_child` (the model's walk and evaluation use them)
    /// give the ends of `named_children` on every node of the fixtures.
    #[test]
    fn first_and_last_named_children_are_the_ends_of_the_list() {
        let mut nodes = 0;
        for (source, dialect) in fixture_sources() {
            let tree = parse(&source, dialect).expect("the source parses");
            preorder(tree.root_node(), |n| {
                let all = named_children(n);
                assert_eq!(first_named_child(n), all.first().copied());
                assert_eq!(last_named_child(n), all.last().copied());
                nodes += 1;
            });
        }
        assert!(nodes > 1000, "{nodes}");
    }

    /// The bindings a model was built with, to compare.
    fn bindings(model: &Model<'_>) -> [HashMap<String, Value>; 3] {
        [
            model.names.clone(),
            model.members.clone(),
            model.types.clone(),
        ]
    }

    /// `build` skips solving again with guessing on when no heuristic was held back, and
    /// evaluates again only the declarations whose reads changed: the bindings it gives must
    /// be a fixed point with guessing on, and those of evaluating everything every round.
    #[test]
    fn built_bindings_are_those_of_evaluating_everything_every_round() {
        let guessed = "const s = getStripe();\nexport const c = s.customers;\n";
        let mut sources = fixture_sources();
        sources.push((guessed.to_owned(), Dialect::TypeScript));
        for (source, dialect) in &sources {
            let tree = parse(source, *dialect).expect("the source parses");
            let mut model = Model::build(tree.root_node(), source, &PackagesOnly);
            let built = bindings(&model);
            model.evaluated.clear();
            assert!(!model.round(), "{source}");
            assert!(bindings(&model) == built, "{source}");
            // Solved as first written: every declaration evaluated in every round, and a
            // second solve with guessing on.
            let mut afresh = Model::collected(tree.root_node(), source, &PackagesOnly);
            let solve_afresh = |model: &mut Model<'_>| {
                for _ in 0..MAX_ROUNDS {
                    model.evaluated.clear();
                    if !model.round() {
                        break;
                    }
                }
            };
            solve_afresh(&mut afresh);
            afresh.guessing.set(true);
            solve_afresh(&mut afresh);
            assert!(bindings(&afresh) == built, "{source}");
        }
        let tree = parse(guessed, Dialect::TypeScript).expect("the source parses");
        let model = Model::build(tree.root_node(), guessed, &PackagesOnly);
        assert_eq!(
            model.names.get("s"),
            Some(&Value::Client(Certainty::Likely))
        );
    }

    #[test]
    fn an_evaluation_holds_until_an_entry_it_read_changes() {
        let read = |map, name| entry_key(map, name);
        assert_ne!(read(Map::Names, "stripe"), read(Map::Members, "stripe"));
        assert_ne!(read(Map::Names, "stripe"), read(Map::Names, "client"));
        let evaluated = Evaluated {
            updates: Vec::new(),
            reads: vec![read(Map::Names, "stripe"), read(Map::Types, "Client")],
            guessed: false,
            guessing: false,
        };
        let mut changed = vec![read(Map::Names, "client"), read(Map::Members, "stripe")];
        changed.sort_unstable();
        assert!(evaluated.holds(&changed, false));
        assert!(evaluated.holds(&changed, true), "it did not guess");
        changed.push(read(Map::Types, "Client"));
        changed.sort_unstable();
        assert!(!evaluated.holds(&changed, false));
        let guessed = Evaluated {
            guessed: true,
            ..evaluated
        };
        assert!(guessed.holds(&[], false));
        assert!(!guessed.holds(&[], true), "guessing turned on");
    }
}
