//! The binding model of one file: which names and `this` members hold the Stripe SDK, a
//! client, a client factory or a service, computed to a fixed point over every declaration,
//! assignment, import, class field, constructor parameter and type annotation of the file.
//!
//! Names are tracked per file, not per scope: a name bound to a client anywhere in the file is
//! a client everywhere in it. Real code rarely reuses a client's name for something else.

mod classes;
mod collect;
mod eval;
mod exports;
mod solve;

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
    /// The first parameter of a callback given to this call: an event notification when the
    /// call registers a notification handler (`client.notificationHandler(secret, fn)`,
    /// `handler.on(type, fn)`).
    Notified(Node<'t>),
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
    /// The `this` members set in each named class (see [`classes`]).
    class_members: HashMap<String, HashMap<String, Value>>,
    /// The `this` members set outside any named class, which every class sees.
    outside_members: HashMap<String, Value>,
    /// By named class: the expressions it extends.
    heritage: HashMap<String, Vec<Node<'t>>>,
    /// The named classes grouped by inheritance within the file.
    families: classes::Families,
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
            outside_members: HashMap::new(),
            heritage: HashMap::new(),
            families: classes::Families::default(),
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
        model.group_classes();
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
