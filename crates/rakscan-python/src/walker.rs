//! One walk over a Python syntax tree that keeps track of scopes and bindings, evaluating
//! expressions ([`crate::eval`]) and recording every call on a Stripe value.
//!
//! Facts that can be used before they are seen in document order (factory functions, attributes
//! set in `__init__`, module-level clients) are collected by the walk itself; the walk is
//! repeated with them until they stop changing (at most [`MAX_ROUNDS`] times).

use crate::attributes::{self, ClassAttributes};
use crate::syntax::text;
use crate::value::{Value, event_notification, is_event_notification_class};
use rakscan_core::ir::{Certainty, Extraction};
use rakscan_syntax::classes::Families;
use rakscan_syntax::{FieldLookup, KindName, Step};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use tree_sitter::{Node, Tree};

const MAX_ROUNDS: usize = 4;

/// What the file says about Stripe values, wherever it says it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Facts {
    pub imports: HashMap<String, Value>,
    /// Functions and methods that return a client or the module.
    pub factories: HashMap<String, Value>,
    /// Attributes set on `self`/`cls` or in a class body, by class.
    pub attributes: ClassAttributes,
    pub module_bindings: HashMap<String, Value>,
    /// The factories among [`Facts::factories`] defined at the module's top level, which
    /// other modules can import.
    pub module_functions: HashSet<String>,
    /// The classes defined at the module's top level, which other modules can import.
    pub module_classes: HashSet<String>,
}

impl Facts {
    /// Records what a function returns; one returning different Stripe values on different
    /// paths (or defined twice) returns a value chosen at run time.
    fn set_factory(&mut self, name: String, value: Value) {
        let merged = match self.factories.get(&name) {
            Some(existing) if *existing != value => Value::Dynamic(format!(
                "`{name}` returns different Stripe classes or clients depending on the call"
            )),
            _ => value,
        };
        self.factories.insert(name, merged);
    }

    /// What another module importing this one finds at its top level: the Stripe values of
    /// its imports, its factory functions and its module-level bindings (a binding replaces
    /// an import of the same name).
    pub fn exports(&self) -> BTreeMap<String, Value> {
        let mut exports = BTreeMap::new();
        let exportable = |(name, value): (&String, &Value)| {
            value.exportable().then(|| (name.clone(), value.clone()))
        };
        exports.extend(self.imports.iter().filter_map(exportable));
        let families = self.attributes.families();
        for name in &self.module_classes {
            let attributes: BTreeMap<String, Value> =
                attributes::of_class(&self.attributes, &families, name)
                    .into_iter()
                    .filter(|(_, value)| value.exportable())
                    .collect();
            if !attributes.is_empty() {
                exports.insert(name.clone(), Value::ProjectClass(Arc::new(attributes)));
            }
        }
        for name in &self.module_functions {
            if let Some(made) = self.factories.get(name) {
                exports.insert(name.clone(), Value::Factory(Box::new(made.clone())));
            }
        }
        exports.extend(self.module_bindings.iter().filter_map(exportable));
        exports
    }
}

/// Extracts the candidate Stripe calls of one parsed file whose imports bind `imports` (see
/// [`crate::imports::collect_imports`]), and the facts the walk settled on.
pub fn extract(tree: &Tree, source: &str, imports: HashMap<String, Value>) -> (Extraction, Facts) {
    let root = tree.root_node();
    let mut facts = Facts {
        imports,
        ..Facts::default()
    };
    let mut extraction = Extraction::default();
    for _ in 0..MAX_ROUNDS {
        let mut walker = Walker::new(source, &facts);
        walker.run(root);
        extraction = walker.extraction;
        let discovered = Facts {
            imports: facts.imports.clone(),
            ..walker.discovered
        };
        if discovered == facts {
            break;
        }
        facts = discovered;
    }
    extraction
        .warnings
        .extend(rakscan_syntax::recovery_warning(root));
    (extraction, facts)
}

/// The walk's state: the facts of the previous round, what this round discovers, the scopes
/// of the functions being walked and the extraction being built.
pub(crate) struct Walker<'a> {
    pub source: &'a str,
    pub facts: &'a Facts,
    pub discovered: Facts,
    scopes: Vec<HashMap<String, Value>>,
    functions: Vec<&'a str>,
    in_class_body: Vec<bool>,
    /// The names of the classes being walked, innermost last.
    classes: Vec<&'a str>,
    /// The file's classes grouped by inheritance, from the previous round's facts.
    pub families: Families,
    /// The ids of the functions and classes being walked, innermost last.
    open: Vec<usize>,
    pub evaluated: HashMap<usize, Value>,
    pub certainty_of_call: Vec<Certainty>,
    pub extraction: Extraction,
}

impl<'a> Walker<'a> {
    fn new(source: &'a str, facts: &'a Facts) -> Self {
        Walker {
            source,
            facts,
            discovered: Facts::default(),
            scopes: vec![HashMap::new()],
            functions: Vec::new(),
            in_class_body: vec![false],
            classes: Vec::new(),
            families: facts.attributes.families(),
            open: Vec::new(),
            evaluated: HashMap::new(),
            certainty_of_call: Vec::new(),
            extraction: Extraction::default(),
        }
    }

    /// Walks the named nodes of the tree in source order, scopes opened on entering a function
    /// or class and closed on leaving it; comments, strings and imports are not gone into.
    fn run(&mut self, root: Node<'a>) {
        rakscan_syntax::walk_steps_pruned(root, |step| match step {
            Step::Enter(node) => node.is_named() && self.enter(node),
            Step::Leave(node) => {
                self.leave(node);
                false
            }
        });
    }

    /// Reads a node the walk enters; returns whether to go into its children.
    fn enter(&mut self, node: Node<'a>) -> bool {
        match node.kind_name() {
            "comment" | "string" | "import_statement" | "import_from_statement" => return false,
            "function_definition" => {
                let name = node
                    .field("name")
                    .map(|n| text(n, self.source))
                    .unwrap_or("");
                self.functions.push(name);
                self.scopes.push(self.typed_parameters(node));
                self.in_class_body.push(false);
                self.open.push(node.id());
            }
            "class_definition" => {
                let name = node
                    .field("name")
                    .map(|n| text(n, self.source))
                    .unwrap_or("");
                self.classes.push(name);
                self.note_class(node);
                self.in_class_body.push(true);
                self.open.push(node.id());
            }
            "assignment" => self.assign(node),
            "return_statement" => self.note_factory(node),
            "call" => {
                self.eval(node, 0);
            }
            "argument_list" => self.method_references(node),
            _ => {}
        }
        true
    }

    /// Closes the scope a function or class opened.
    fn leave(&mut self, node: Node<'a>) {
        if self.open.last() != Some(&node.id()) {
            return;
        }
        self.open.pop();
        if self.in_class_body.pop() == Some(false) {
            self.scopes.pop();
            self.functions.pop();
        } else {
            self.classes.pop();
        }
    }

    /// A class at the module's top level can be imported; one whose base class is another
    /// module's inherits the Stripe values that class's objects hold.
    fn note_class(&mut self, node: Node<'a>) {
        if self.scopes.len() == 1
            && self.in_class_body.len() == 1
            && let Some(name) = node.field("name")
        {
            let name = text(name, self.source).to_owned();
            self.discovered.module_classes.insert(name);
        }
        let bases: Vec<Node<'a>> = match node.field("superclasses") {
            Some(list) => {
                let mut cursor = list.walk();
                list.named_children(&mut cursor).collect()
            }
            None => Vec::new(),
        };
        let class = self.current_class().unwrap_or_default();
        self.discovered.attributes.note_class(class, None);
        for base in bases {
            let written = text(base, self.source);
            self.discovered.attributes.note_class(class, Some(written));
            if let Value::ProjectClass(attributes) = self.eval(base, 0) {
                for (name, value) in attributes.iter() {
                    let merge = attributes::merge(name);
                    self.discovered
                        .attributes
                        .set(Some(class), name, value.clone(), merge);
                }
            }
        }
    }

    /// The innermost class being walked.
    pub(crate) fn current_class(&self) -> Option<&'a str> {
        self.classes.last().copied()
    }

    /// A function returning a client or one of its services, the module or a resource class
    /// is a factory (`def client(): return StripeClient(key)`, `def _stripe(): import stripe;
    /// return stripe`, `def customers(): return stripe.Customer`).
    fn note_factory(&mut self, node: Node<'a>) {
        let Some(value) = node.named_child(0) else {
            return;
        };
        let value = self.eval(value, 0);
        let factory = matches!(
            value,
            Value::Client(_, Certainty::Certain)
                | Value::Class(_, Certainty::Certain)
                | Value::Module(_)
        );
        if let (true, Some(function)) = (factory, self.functions.last()) {
            // Inside one function that is not in a class: the module's own function.
            if self.functions.len() == 1 && self.in_class_body.len() == 2 {
                self.discovered
                    .module_functions
                    .insert((*function).to_owned());
            }
            self.discovered.set_factory((*function).to_owned(), value);
        }
    }

    /// Parameters annotated with `StripeClient` are clients; annotated with an abstract Stripe
    /// class (`Type[stripe.ListableAPIResource]`) they are classes chosen by the caller.
    fn typed_parameters(&self, function: Node<'_>) -> HashMap<String, Value> {
        let mut scope = HashMap::new();
        let Some(parameters) = function.field("parameters") else {
            return scope;
        };
        let mut cursor = parameters.walk();
        for parameter in parameters.named_children(&mut cursor) {
            if !matches!(
                parameter.kind_name(),
                "typed_parameter" | "typed_default_parameter"
            ) {
                continue;
            }
            let annotation = parameter
                .field("type")
                .map(|t| text(t, self.source))
                .unwrap_or("");
            let name = parameter
                .field("name")
                .or_else(|| parameter.named_child(0))
                .map(|n| text(n, self.source))
                .unwrap_or("");
            let annotation = annotation.trim_matches(|c| c == '"' || c == '\'');
            let imported = self.facts.imports.get(annotation);
            if imported == Some(&Value::Foreign) {
                scope.insert(name.to_owned(), Value::Foreign);
            } else if imported.is_some_and(is_event_notification_class) {
                scope.insert(name.to_owned(), event_notification());
            } else if annotation == "StripeClient" || annotation.ends_with(".StripeClient") {
                scope.insert(
                    name.to_owned(),
                    Value::Client(Vec::new(), Certainty::Certain),
                );
            } else if annotation.contains("APIResource") {
                let reason =
                    format!("`{name}` is a Stripe class passed in by the caller (`{annotation}`)");
                scope.insert(name.to_owned(), Value::Dynamic(reason));
            }
        }
        scope
    }

    fn assign(&mut self, node: Node<'a>) {
        let Some(left) = node.field("left") else {
            return;
        };
        let annotation = node
            .field("type")
            .map(|t| text(t, self.source))
            .unwrap_or("");
        let value = match node.field("right") {
            // `stripe_class: Optional[APIResource] = None`: subclasses set the real class.
            _ if annotation.contains("APIResource") => Value::Dynamic(format!(
                "`{}` is a Stripe class chosen by each subclass (`{annotation}`)",
                text(left, self.source)
            )),
            Some(right) => self.eval(right, 0),
            None => return,
        };
        match left.kind_name() {
            "identifier" => {
                let name = text(left, self.source).to_owned();
                if *self.in_class_body.last().unwrap_or(&false) {
                    if value.is_known() {
                        let class = self.current_class();
                        let merge = attributes::merge(&name);
                        self.discovered.attributes.set(class, &name, value, merge);
                    }
                } else {
                    if self.scopes.len() == 1 && value.is_known() {
                        self.discovered
                            .module_bindings
                            .insert(name.clone(), value.clone());
                    }
                    self.scopes
                        .last_mut()
                        .expect("module scope")
                        .insert(name, value);
                }
            }
            "attribute" => {
                let object = left.field("object").map(|o| text(o, self.source));
                let attr = left.field("attribute").map(|a| text(a, self.source));
                if let (Some("self" | "cls"), Some(attr)) = (object, attr)
                    && value.is_known()
                {
                    let class = self.current_class();
                    let merge = attributes::merge(attr);
                    self.discovered.attributes.set(class, attr, value, merge);
                }
            }
            _ => {}
        }
    }

    /// The value a name has here: local scopes, then module bindings, then imports, then
    /// whether it is named like a client.
    pub(crate) fn lookup(&self, name: &str) -> Value {
        for scope in self.scopes.iter().rev() {
            if let Some(v) = scope.get(name) {
                return v.clone();
            }
        }
        if let Some(v) = self.facts.module_bindings.get(name) {
            return v.clone();
        }
        if let Some(v) = self.facts.imports.get(name) {
            return v.clone();
        }
        crate::value::named_like_client(name)
    }
}
