//! One walk over a Python syntax tree that evaluates expressions to [`Value`]s and records every
//! call on a Stripe value as an [`SdkCall`].
//!
//! Facts that can be used before they are seen in document order (factory functions, attributes
//! set in `__init__`, module-level clients) are collected by the walk itself; the walk is
//! repeated with them until they stop changing (at most [`MAX_ROUNDS`] times).

use crate::syntax::{call_arguments, callee_display, literal_string, text};
use crate::value::Value;
use rakscan_core::ir::{CallStyle, Certainty, Extraction, Sdk, SdkCall, Span, UnresolvedCall};
use rakscan_core::naming::fold;
use std::collections::{HashMap, HashSet};
use tree_sitter::{Node, Tree};

const MAX_ROUNDS: usize = 4;
/// Expressions nested deeper than this evaluate to `Unknown` (no unbounded recursion).
const MAX_DEPTH: usize = 200;

/// What the file says about Stripe values, wherever it says it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Facts {
    imports: HashMap<String, Value>,
    factories: HashSet<String>,
    self_attributes: HashMap<String, Value>,
    module_bindings: HashMap<String, Value>,
}

/// Extracts the candidate Stripe calls of one parsed file.
pub fn extract(tree: &Tree, source: &str) -> Extraction {
    let root = tree.root_node();
    let mut facts = Facts {
        imports: collect_imports(root, source),
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
    if root.has_error() {
        extraction
            .warnings
            .push("the file has syntax errors; calls in the broken parts may be missed".into());
    }
    extraction
}

/// `import stripe`, `import stripe as s`, `from stripe import Customer, StripeClient`,
/// `from stripe.checkout import Session`. Module-level classes and functions of the same name
/// shadow an import.
fn collect_imports(root: Node<'_>, source: &str) -> HashMap<String, Value> {
    let mut imports = HashMap::new();
    let mut shadowed = HashSet::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "import_statement" => {
                let mut cursor = node.walk();
                for name in node.children_by_field_name("name", &mut cursor) {
                    let (dotted, alias) = match name.kind() {
                        "aliased_import" => (
                            name.child_by_field_name("name")
                                .map(|n| text(n, source))
                                .unwrap_or(""),
                            name.child_by_field_name("alias").map(|n| text(n, source)),
                        ),
                        _ => (text(name, source), None),
                    };
                    let parts: Vec<&str> = dotted.split('.').map(str::trim).collect();
                    if parts.first() != Some(&"stripe") {
                        continue;
                    }
                    match alias {
                        Some(alias) => {
                            let path = parts[1..].iter().map(|s| s.to_string()).collect();
                            imports.insert(alias.to_owned(), Value::Module(path));
                        }
                        None => {
                            imports.insert("stripe".to_owned(), Value::Module(Vec::new()));
                        }
                    }
                }
            }
            "import_from_statement" => {
                let module = node
                    .child_by_field_name("module_name")
                    .map(|n| text(n, source))
                    .unwrap_or("");
                let parts: Vec<String> = module.split('.').map(|s| s.trim().to_owned()).collect();
                if parts.first().map(String::as_str) != Some("stripe") {
                    continue;
                }
                let base = Value::Module(parts[1..].to_vec());
                let mut cursor = node.walk();
                for name in node.children_by_field_name("name", &mut cursor) {
                    let (imported, alias) = match name.kind() {
                        "aliased_import" => (
                            name.child_by_field_name("name")
                                .map(|n| text(n, source))
                                .unwrap_or(""),
                            name.child_by_field_name("alias").map(|n| text(n, source)),
                        ),
                        _ => (text(name, source), None),
                    };
                    let mut value = base.clone();
                    for part in imported.split('.') {
                        value = value.attribute(part.trim());
                    }
                    let bound =
                        alias.unwrap_or_else(|| imported.split('.').next().unwrap_or(imported));
                    imports.insert(bound.to_owned(), value);
                }
            }
            "class_definition" | "function_definition"
                if node.parent().is_some_and(|p| p.kind() == "module") =>
            {
                if let Some(name) = node.child_by_field_name("name") {
                    shadowed.insert(text(name, source).to_owned());
                }
            }
            _ => {}
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    for name in shadowed {
        if !matches!(imports.get(&name), Some(Value::Module(_))) {
            imports.remove(&name);
        }
    }
    imports
}

enum Step<'t> {
    Enter(Node<'t>),
    ExitFunction,
    ExitClass,
}

struct Walker<'a> {
    source: &'a str,
    facts: &'a Facts,
    discovered: Facts,
    scopes: Vec<HashMap<String, Value>>,
    functions: Vec<String>,
    in_class_body: Vec<bool>,
    evaluated: HashMap<usize, Value>,
    certainty_of_call: Vec<Certainty>,
    extraction: Extraction,
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
            evaluated: HashMap::new(),
            certainty_of_call: Vec::new(),
            extraction: Extraction::default(),
        }
    }

    fn run(&mut self, root: Node<'a>) {
        let mut stack = vec![Step::Enter(root)];
        while let Some(step) = stack.pop() {
            let node = match step {
                Step::Enter(node) => node,
                Step::ExitFunction => {
                    self.scopes.pop();
                    self.functions.pop();
                    self.in_class_body.pop();
                    continue;
                }
                Step::ExitClass => {
                    self.in_class_body.pop();
                    continue;
                }
            };
            match node.kind() {
                "comment" | "string" | "import_statement" | "import_from_statement" => continue,
                "function_definition" => {
                    let name = node
                        .child_by_field_name("name")
                        .map(|n| text(n, self.source))
                        .unwrap_or("");
                    self.functions.push(name.to_owned());
                    self.scopes.push(self.typed_parameters(node));
                    self.in_class_body.push(false);
                    stack.push(Step::ExitFunction);
                }
                "class_definition" => {
                    self.in_class_body.push(true);
                    stack.push(Step::ExitClass);
                }
                "assignment" => self.assign(node),
                "return_statement" => {
                    if let Some(value) = node.named_child(0)
                        && matches!(self.eval(value, 0), Value::Client(ref p, Certainty::Certain) if p.is_empty())
                        && let Some(function) = self.functions.last()
                    {
                        self.discovered.factories.insert(function.clone());
                    }
                }
                "call" => {
                    self.eval(node, 0);
                }
                _ => {}
            }
            let mut cursor = node.walk();
            let children: Vec<Node<'a>> = node.named_children(&mut cursor).collect();
            stack.extend(children.into_iter().rev().map(Step::Enter));
        }
    }

    /// Parameters annotated with `StripeClient` are clients.
    fn typed_parameters(&self, function: Node<'_>) -> HashMap<String, Value> {
        let mut scope = HashMap::new();
        let Some(parameters) = function.child_by_field_name("parameters") else {
            return scope;
        };
        let mut cursor = parameters.walk();
        for parameter in parameters.named_children(&mut cursor) {
            if !matches!(
                parameter.kind(),
                "typed_parameter" | "typed_default_parameter"
            ) {
                continue;
            }
            let annotation = parameter
                .child_by_field_name("type")
                .map(|t| text(t, self.source))
                .unwrap_or("");
            let name = parameter
                .child_by_field_name("name")
                .or_else(|| parameter.named_child(0))
                .map(|n| text(n, self.source))
                .unwrap_or("");
            let annotation = annotation.trim_matches(|c| c == '"' || c == '\'');
            if annotation == "StripeClient" || annotation.ends_with(".StripeClient") {
                scope.insert(
                    name.to_owned(),
                    Value::Client(Vec::new(), Certainty::Certain),
                );
            }
        }
        scope
    }

    fn assign(&mut self, node: Node<'a>) {
        let (Some(left), Some(right)) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        ) else {
            return;
        };
        let value = self.eval(right, 0);
        match left.kind() {
            "identifier" => {
                let name = text(left, self.source).to_owned();
                if *self.in_class_body.last().unwrap_or(&false) {
                    if value.is_stripe() {
                        self.discovered.self_attributes.insert(name, value);
                    }
                } else {
                    if self.scopes.len() == 1 && value.is_stripe() {
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
                let object = left
                    .child_by_field_name("object")
                    .map(|o| text(o, self.source));
                let attr = left
                    .child_by_field_name("attribute")
                    .map(|a| text(a, self.source));
                if let (Some("self" | "cls"), Some(attr)) = (object, attr)
                    && value.is_stripe()
                {
                    self.discovered
                        .self_attributes
                        .insert(attr.to_owned(), value);
                }
            }
            _ => {}
        }
    }

    fn lookup(&self, name: &str) -> Value {
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
        named_like_client(name)
    }

    fn eval(&mut self, node: Node<'a>, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::Unknown;
        }
        match node.kind() {
            "identifier" => self.lookup(text(node, self.source)),
            "attribute" => {
                let (Some(object), Some(attr)) = (
                    node.child_by_field_name("object"),
                    node.child_by_field_name("attribute"),
                ) else {
                    return Value::Unknown;
                };
                let attr = text(attr, self.source);
                if matches!(text(object, self.source), "self" | "cls") {
                    if let Some(v) = self.facts.self_attributes.get(attr) {
                        return v.clone();
                    }
                    if self.facts.factories.contains(attr) {
                        return Value::Client(Vec::new(), Certainty::Certain);
                    }
                    return named_like_client(attr);
                }
                match self.eval(object, depth + 1) {
                    Value::Unknown => named_like_client(attr),
                    base => base.attribute(attr),
                }
            }
            "await" | "parenthesized_expression" => match node.named_child(0) {
                Some(inner) => self.eval(inner, depth + 1),
                None => Value::Unknown,
            },
            "call" => {
                if let Some(v) = self.evaluated.get(&node.id()) {
                    return v.clone();
                }
                let v = self.eval_call(node, depth);
                self.evaluated.insert(node.id(), v.clone());
                v
            }
            _ => Value::Unknown,
        }
    }

    fn eval_call(&mut self, call: Node<'a>, depth: usize) -> Value {
        let Some(function) = call.child_by_field_name("function") else {
            return Value::Unknown;
        };
        let arguments = call.child_by_field_name("arguments");
        match function.kind() {
            "attribute" => {
                let (Some(object), Some(method)) = (
                    function.child_by_field_name("object"),
                    function.child_by_field_name("attribute"),
                ) else {
                    return Value::Unknown;
                };
                let method = text(method, self.source);
                let is_self = matches!(text(object, self.source), "self" | "cls");
                if self.facts.factories.contains(method)
                    && (is_self || !self.facts.self_attributes.contains_key(method))
                {
                    return Value::Client(Vec::new(), Certainty::Certain);
                }
                let base = self.eval(object, depth + 1);
                self.call_method(call, function, base, method, arguments)
            }
            "identifier" => {
                let name = text(function, self.source);
                if name == "getattr" {
                    return self.getattr(call, arguments, depth);
                }
                if self.facts.factories.contains(name) {
                    return Value::Client(Vec::new(), Certainty::Certain);
                }
                match self.lookup(name) {
                    Value::ClientClass => Value::Client(Vec::new(), Certainty::Certain),
                    _ => Value::Unknown,
                }
            }
            "call" => {
                // `getattr(stripe.Customer, name)(...)`: the inner call reports itself.
                self.eval(function, depth + 1);
                Value::Unknown
            }
            _ => Value::Unknown,
        }
    }

    fn call_method(
        &mut self,
        call: Node<'a>,
        function: Node<'a>,
        base: Value,
        method: &str,
        arguments: Option<Node<'a>>,
    ) -> Value {
        let (style, receiver, certainty) = match base {
            Value::Client(_, _) | Value::Module(_) if is_raw_request(method) => {
                let certainty = if let Value::Client(_, c) = base {
                    c
                } else {
                    Certainty::Certain
                };
                return self.raw_request(call, function, arguments, certainty);
            }
            Value::Client(path, certainty) if !path.is_empty() => {
                (CallStyle::Service, path, certainty)
            }
            Value::Class(path) => (CallStyle::Class, path, Certainty::Certain),
            Value::Returned(origin) => {
                let certainty = self
                    .certainty_of_call
                    .get(origin)
                    .copied()
                    .unwrap_or(Certainty::Likely);
                (
                    CallStyle::Instance {
                        origin: Some(origin),
                    },
                    vec![
                        text(
                            function.child_by_field_name("object").unwrap_or(function),
                            self.source,
                        )
                        .to_owned(),
                    ],
                    certainty,
                )
            }
            Value::Module(path) => {
                return match Value::Module(path).attribute(method) {
                    Value::ClientClass => Value::Client(Vec::new(), Certainty::Certain),
                    _ => Value::Unknown,
                };
            }
            _ => return Value::Unknown,
        };
        let args = call_arguments(arguments, self.source);
        self.push_call(SdkCall {
            span: Span::new(call.start_byte(), call.end_byte()),
            sdk: Sdk::Python,
            style,
            receiver,
            method: method.to_owned(),
            display: callee_display(function, self.source),
            expand: args.expand,
            connect: args.connect,
            positional_args: args.positional,
            certainty,
        })
    }

    fn push_call(&mut self, call: SdkCall) -> Value {
        let index = self.extraction.calls.len();
        self.certainty_of_call.push(call.certainty);
        self.extraction.calls.push(call);
        Value::Returned(index)
    }

    /// `client.raw_request("post", "/v1/customers", ...)`.
    fn raw_request(
        &mut self,
        call: Node<'a>,
        function: Node<'a>,
        arguments: Option<Node<'a>>,
        certainty: Certainty,
    ) -> Value {
        let args = call_arguments(arguments, self.source);
        let span = Span::new(call.start_byte(), call.end_byte());
        let display = callee_display(function, self.source);
        match (
            args.literal_heads.first().cloned().flatten(),
            args.literal_heads.get(1).cloned().flatten(),
        ) {
            (Some(verb), Some(path)) => self.push_call(SdkCall {
                span,
                sdk: Sdk::Python,
                style: CallStyle::Raw { verb, path },
                receiver: Vec::new(),
                method: "raw_request".into(),
                display,
                expand: args.expand,
                connect: args.connect,
                positional_args: args.positional,
                certainty,
            }),
            _ => {
                self.extraction.unresolved.push(UnresolvedCall {
                    span,
                    display,
                    reason: "raw request whose HTTP method or path is not a string literal".into(),
                });
                Value::Unknown
            }
        }
    }

    /// `getattr(stripe, name)`: a literal name is an attribute access; any other name on a
    /// Stripe value cannot be decided statically.
    fn getattr(&mut self, call: Node<'a>, arguments: Option<Node<'a>>, depth: usize) -> Value {
        let Some(arguments) = arguments else {
            return Value::Unknown;
        };
        let mut cursor = arguments.walk();
        let args: Vec<Node<'a>> = arguments
            .named_children(&mut cursor)
            .filter(|n| n.kind() != "comment")
            .collect();
        let (Some(&object), Some(&name)) = (args.first(), args.get(1)) else {
            return Value::Unknown;
        };
        let base = self.eval(object, depth + 1);
        if !base.is_stripe() || matches!(base, Value::Returned(_)) {
            return Value::Unknown;
        }
        match literal_string(name, self.source) {
            Some(name) => base.attribute(&name),
            None => {
                self.extraction.unresolved.push(UnresolvedCall {
                    span: Span::new(call.start_byte(), call.end_byte()),
                    display: callee_display(call, self.source),
                    reason: format!(
                        "Stripe attribute chosen at run time (`{}`): the operation cannot be decided statically",
                        text(name, self.source)
                    ),
                });
                Value::Unknown
            }
        }
    }
}

fn is_raw_request(method: &str) -> bool {
    matches!(method, "raw_request" | "raw_request_async")
}

/// A name that only *looks* like a Stripe client (`stripe`, `self._stripe`, `stripe_client`):
/// calls through it are reported only when they match a known operation.
fn named_like_client(name: &str) -> Value {
    let folded = fold(name);
    if folded.ends_with("stripe") || folded.contains("stripeclient") {
        Value::Client(Vec::new(), Certainty::Likely)
    } else {
        Value::Unknown
    }
}
