//! The main pass: follows what each expression holds (a resource class, a client, a service,
//! an object a call returned) and turns the calls on those into IR. It also learns which
//! properties and methods hold or return a client, for the next round.

use crate::args::{Arg, CallArgs, has_key};
use crate::facts::{Answer, Facts, Held, Lookup, Place, Returned};
use crate::lists::{ClientNameHint, client_name_hint, is_helper_class, is_non_request_method};
use crate::names::{Names, is_cashier_class, is_client_class, service_path, stripe_path};
use crate::tree::{Step, display, literal_string, named_children, text, walk_kinds};
use crate::value::{Scopes, Value};
use rakscan_core::ir::{
    CallStyle, Certainty, Extraction, OAUTH_REASON, Sdk, SdkCall, Span, UnresolvedCall,
    is_oauth_request,
};
use rakscan_syntax::classes::Families;
use rakscan_syntax::{FieldLookup, KindName};
use std::collections::HashMap;
use tree_sitter::Node;

/// What one round of the main pass found.
pub struct Round {
    pub extraction: Extraction,
    /// What the round learnt, for the next round.
    pub learnt: Facts,
    /// Every look-up the round made in the facts, in order.
    pub lookups: Vec<Lookup>,
}

/// Runs the main pass with what earlier rounds learnt.
pub fn extract(root: Node<'_>, source: &str, known: &Facts) -> Round {
    let mut pass = Pass {
        source,
        known,
        learnt: Facts::default(),
        lookups: Vec::new(),
        families: known.props.families(),
        classes: Vec::new(),
        names: Names::default(),
        scopes: Scopes::default(),
        functions: Vec::new(),
        values: HashMap::new(),
        out: Extraction::default(),
    };
    walk_kinds(root, |step, kind| match step {
        Step::Enter(node) => pass.enter(node, kind),
        Step::Leave(node) => pass.leave(node, kind),
    });
    Round {
        extraction: pass.out,
        learnt: pass.learnt,
        lookups: pass.lookups,
    }
}

struct Pass<'s, 'f> {
    source: &'s str,
    known: &'f Facts,
    learnt: Facts,
    /// The look-ups made in `known` and `learnt`, in order.
    lookups: Vec<Lookup>,
    /// The file's classes grouped by inheritance, as the earlier rounds learnt them.
    families: Families,
    /// The lower-cased full names of the classes, traits and interfaces being walked,
    /// innermost last.
    classes: Vec<String>,
    names: Names,
    scopes: Scopes,
    /// Lower-cased names of the enclosing functions (`None` for closures), innermost last.
    functions: Vec<Option<String>>,
    /// What each evaluated node holds, by node id.
    values: HashMap<usize, Value>,
    out: Extraction,
}

impl<'s> Pass<'s, '_> {
    /// Enters `node`, of kind `kind`.
    fn enter(&mut self, node: Node<'_>, kind: &str) {
        match kind {
            "namespace_definition" => self.names.enter_namespace(node, self.source),
            "namespace_use_declaration" => self.names.add_use(node, self.source),
            kind if is_class_like(kind) => self.enter_class(node),
            "use_declaration" => self.note_bases(node),
            "method_declaration" | "function_definition" => {
                let name = node
                    .field("name")
                    .map(|n| text(n, self.source).to_ascii_lowercase());
                if let Some(name) = &name {
                    self.learnt.defined_methods.insert(name.clone());
                    let returned = match self.declared_return(node) {
                        Some(Value::Client) => Some(Returned::Client),
                        Some(Value::ClassObject(path)) => Some(Returned::Object(path)),
                        Some(Value::Service(path, certain)) => {
                            Some(Returned::Service(path, certain))
                        }
                        _ => None,
                    };
                    if let Some(returned) = returned {
                        self.learn_method(name, returned);
                    }
                }
                self.functions.push(name);
                self.scopes.push(false);
                self.declare_parameters(node);
            }
            "anonymous_function" => {
                self.functions.push(None);
                self.scopes.push(false);
                self.import_closure_uses(node);
                self.declare_parameters(node);
                self.declare_notification(node);
            }
            "arrow_function" => {
                self.functions.push(None);
                self.scopes.push(true);
                self.declare_parameters(node);
                self.declare_notification(node);
            }
            "property_declaration" => self.declare_property(node),
            _ => {}
        }
    }

    /// Leaves `node`, of kind `kind`: what it holds is known once its children are.
    fn leave(&mut self, node: Node<'_>, kind: &str) {
        let value = match kind {
            kind if is_class_like(kind) => {
                self.classes.pop();
                None
            }
            "method_declaration"
            | "function_definition"
            | "anonymous_function"
            | "arrow_function" => {
                self.functions.pop();
                self.scopes.pop();
                None
            }
            "variable_name" => self.variable(node),
            "parenthesized_expression" => node.named_child(0).and_then(|n| self.value_of(n)),
            "member_access_expression" | "nullsafe_member_access_expression" => {
                self.member_access(node)
            }
            "scoped_property_access_expression" => self.static_property(node),
            "member_call_expression" | "nullsafe_member_call_expression" => self.member_call(node),
            "scoped_call_expression" => self.scoped_call(node),
            "function_call_expression" => self.function_call(node),
            "object_creation_expression" => self.creation(node),
            "assignment_expression" | "augmented_assignment_expression" => self.assignment(node),
            "binary_expression" | "conditional_expression" => self.either(node),
            "array_creation_expression" => {
                has_key(node, "stripe_account", self.source).then_some(Value::ConnectOptions)
            }
            "return_statement" => {
                self.returned(node);
                None
            }
            _ => None,
        };
        if let Some(v) = value {
            self.values.insert(node.id(), v);
        }
    }

    fn value_of(&self, node: Node<'_>) -> Option<Value> {
        self.values.get(&node.id()).cloned()
    }

    // ----- declarations ---------------------------------------------------------------

    /// Enters a class, trait, interface or enum (an anonymous class is named by where it
    /// starts), noting the class it extends.
    fn enter_class(&mut self, node: Node<'_>) {
        let name = match node.field("name") {
            Some(name) => self.names.resolve(text(name, self.source)),
            None => format!("class@{}", node.start_byte()),
        };
        let name = name.to_ascii_lowercase();
        self.learnt.props.note_class(&name, None);
        self.classes.push(name);
        let extends = named_children(node)
            .into_iter()
            .find(|c| c.kind_name() == "base_clause");
        if let Some(extends) = extends {
            self.note_bases(extends);
        }
    }

    /// Notes the classes an `extends` clause or the traits a `use T1, T2;` in a class body
    /// names as bases of the current class.
    fn note_bases(&mut self, clause: Node<'_>) {
        let Some(class) = self.classes.last() else {
            return;
        };
        for base in named_children(clause) {
            if matches!(
                base.kind_name(),
                "name" | "qualified_name" | "relative_name"
            ) {
                let full = self.names.resolve(text(base, self.source));
                let full = full.to_ascii_lowercase();
                self.learnt.props.note_class(class, Some(&full));
            }
        }
    }

    /// The class being walked, `None` outside any class.
    fn current_class(&self) -> Option<&str> {
        self.classes.last().map(String::as_str)
    }

    /// Learns what a property of the current class holds.
    fn learn_property(&mut self, name: &str, held: Held) {
        let class = self.classes.last().map(String::as_str);
        self.learnt.props.set(class, name, held, Held::merge);
    }

    /// Learns what a method (or function) of the current class returns.
    fn learn_method(&mut self, lower: &str, returned: Returned) {
        let class = self.classes.last().map(String::as_str);
        let merge = Returned::merge;
        self.learnt.methods.set(class, lower, returned, merge);
    }

    /// What a declared type means: a client, a Stripe resource object, or another class.
    fn type_value(&self, type_node: Node<'_>) -> Option<Value> {
        let mut named = None;
        let mut stack = vec![type_node];
        while let Some(n) = stack.pop() {
            match n.kind_name() {
                "name" | "qualified_name" | "relative_name" => {
                    if named.is_some() {
                        return None; // union and intersection types: undecided
                    }
                    named = Some(self.names.resolve(text(n, self.source)));
                }
                "named_type" | "optional_type" | "type_list" | "union_type" => {
                    stack.extend(named_children(n))
                }
                _ => {}
            }
        }
        let full = named?;
        match stripe_class_value(&full) {
            Some(value) => Some(value),
            None if stripe_path(&full).is_some() || is_builtin_type(&full) => None,
            None => Some(Value::Other),
        }
    }

    fn declare_parameters(&mut self, function: Node<'_>) {
        let Some(params) = function.field("parameters") else {
            return;
        };
        for param in named_children(params) {
            let Some(name) = param.field("name") else {
                continue;
            };
            let name = variable_text(name, self.source);
            let value = param.field("type").and_then(|t| self.type_value(t));
            if param.kind_name() == "property_promotion_parameter" {
                match &value {
                    Some(Value::Client) => self.learn_property(&name, Held::Client),
                    Some(_) => self.learn_property(&name, Held::Other),
                    None => {}
                }
            }
            if let Some(v) = value {
                self.scopes.declare(&name, v);
            }
        }
    }

    /// The first parameter of a closure given to a notification handler
    /// (`$client->notificationHandler($secret, function ($n) { … })`,
    /// `$handler->onV1BillingMeterErrorReportTriggered(function ($n, $client) { … })`) is an
    /// event notification.
    fn declare_notification(&mut self, closure: Node<'_>) {
        let Some(call) = closure
            .parent()
            .filter(|p| p.kind_name() == "argument")
            .and_then(|a| a.parent())
            .and_then(|a| a.parent())
            .filter(|c| c.kind_name() == "member_call_expression")
        else {
            return;
        };
        let (Some(object), Some(name)) = (call.field("object"), call.field("name")) else {
            return;
        };
        let method = text(name, self.source);
        let receives = match self.value_of(object) {
            Some(Value::Client) => method == "notificationHandler",
            Some(Value::NotificationHandler) => method.starts_with("on"),
            _ => false,
        };
        let first = closure
            .field("parameters")
            .and_then(|p| named_children(p).into_iter().next())
            .and_then(|p| p.field("name"));
        if let (true, Some(first)) = (receives, first) {
            let name = variable_text(first, self.source);
            self.scopes.declare(&name, event_notification());
        }
    }

    fn import_closure_uses(&mut self, closure: Node<'_>) {
        let uses = named_children(closure)
            .into_iter()
            .filter(|c| c.kind_name() == "anonymous_function_use_clause");
        for clause in uses {
            let mut stack = named_children(clause);
            while let Some(n) = stack.pop() {
                if n.kind_name() == "variable_name" {
                    let name = variable_text(n, self.source);
                    if let Some(v) = self.scopes.get_outer(&name).cloned() {
                        self.scopes.declare(&name, v);
                    }
                } else {
                    stack.extend(named_children(n));
                }
            }
        }
    }

    fn declare_property(&mut self, declaration: Node<'_>) {
        let declared = declaration
            .field("type")
            .and_then(|t| self.type_value(t))
            .or_else(|| self.doc_var_type(declaration));
        for element in named_children(declaration) {
            if element.kind_name() != "property_element" {
                continue;
            }
            let Some(name) = element.field("name") else {
                continue;
            };
            let name = variable_text(name, self.source);
            match declared {
                Some(Value::Client) => self.learn_property(&name, Held::Client),
                Some(Value::Other) => self.learn_property(&name, Held::Other),
                _ => {}
            }
        }
    }

    /// A `/** @var \Stripe\StripeClient */` doc comment right before a property.
    fn doc_var_type(&self, declaration: Node<'_>) -> Option<Value> {
        let comment = declaration.prev_named_sibling()?;
        if comment.kind_name() != "comment" {
            return None;
        }
        let doc = text(comment, self.source);
        let tag = doc.find("@var")?;
        let declared = doc[tag + "@var".len()..].split_whitespace().next()?;
        declared
            .split('|')
            .any(|t| is_client_class(&self.names.resolve(t)))
            .then_some(Value::Client)
    }

    /// What a method is declared to return, by its return type or the `@return` tag of its
    /// doc comment: a client (`function stripe(): StripeClient`), a client service
    /// (`: CustomerService`) or a Stripe resource object (`@return \Stripe\Subscription|null`).
    fn declared_return(&self, function: Node<'_>) -> Option<Value> {
        if let Some(t) = function.field("return_type") {
            return self.type_value(t);
        }
        let comment = function
            .prev_named_sibling()
            .filter(|c| c.kind_name() == "comment")?;
        let doc = text(comment, self.source);
        let tag = doc.find("@return")?;
        let declared = doc[tag + "@return".len()..].split_whitespace().next()?;
        if declared.contains(['[', '<']) {
            return None; // a list or a generic: not one object
        }
        let mut classes = declared
            .split('|')
            .map(|t| self.names.resolve(t.trim_start_matches('?')))
            .filter(|full| !is_builtin_type(full));
        let only = classes.next()?;
        if classes.next().is_some() {
            return None; // two classes: undecided
        }
        stripe_class_value(&only)
    }

    /// Learns that the enclosing method returns a client or a client service, when the
    /// `return` statement's expression is one.
    fn returned(&mut self, statement: Node<'_>) {
        let Some(expression) = statement.named_child(0) else {
            return;
        };
        let returned = match self.value_of(expression) {
            Some(Value::Client) => Returned::Client,
            Some(Value::Service(path, certain)) => Returned::Service(path, certain),
            _ => return,
        };
        if let Some(Some(function)) = self.functions.last() {
            let function = function.clone();
            self.learn_method(&function, returned);
        }
    }

    // ----- expressions ----------------------------------------------------------------

    fn variable(&self, node: Node<'_>) -> Option<Value> {
        let name = variable_text(node, self.source);
        if name == "this" {
            return None;
        }
        match self.scopes.get(&name) {
            Some(v) => Some(v.clone()),
            None => self.hinted(&name),
        }
    }

    /// A name with no binding that only suggests a client.
    fn hinted(&self, name: &str) -> Option<Value> {
        match client_name_hint(name)? {
            ClientNameHint::Stripe => Some(Value::LikelyClient(ClientNameHint::Stripe)),
            ClientNameHint::Client if self.known.names_stripe_client => {
                Some(Value::LikelyClient(ClientNameHint::Client))
            }
            ClientNameHint::Client => None,
        }
    }

    /// A property of `$this`, `self::` or `static::` by name.
    fn property(&mut self, name: &str) -> Option<Value> {
        let hint = self.hinted(name);
        let at = Place {
            known: self.known,
            learnt: &self.learnt,
            families: &self.families,
            class: self.current_class(),
        };
        let lookup = Lookup::property(&at, name, hint.is_some());
        let value = match &lookup.answer {
            Answer::Client => Some(Value::Client),
            Answer::Nothing | Answer::Object(_) | Answer::Service(..) => None,
            Answer::Hinted => hint,
        };
        self.lookups.push(lookup);
        value
    }

    fn member_access(&mut self, node: Node<'_>) -> Option<Value> {
        let object = node.field("object")?;
        let name = node.field("name")?;
        if is_this(object, self.source) {
            return (name.kind_name() == "name")
                .then(|| self.property(text(name, self.source)))
                .flatten();
        }
        let (path, certain) = match self.value_of(object)? {
            Value::Client => (Vec::new(), true),
            Value::LikelyClient(_) => (Vec::new(), false),
            Value::Service(path, certain) => (path, certain),
            parent @ (Value::Object(_) | Value::ClassObject(_)) if name.kind_name() == "name" => {
                let property = text(name, self.source).to_owned();
                return Some(Value::Collection(Box::new(parent), property));
            }
            _ => return None,
        };
        if name.kind_name() != "name" {
            if certain {
                self.unresolved(node, "the Stripe service is chosen at run time");
            }
            return None;
        }
        let mut longer = path;
        longer.push(text(name, self.source).to_owned());
        Some(Value::Service(longer, certain))
    }

    fn static_property(&mut self, node: Node<'_>) -> Option<Value> {
        let scope = node.field("scope")?;
        if scope.kind_name() != "relative_scope" {
            return None;
        }
        let name = node.field("name")?;
        self.property(&variable_text(name, self.source))
    }

    fn member_call(&mut self, node: Node<'_>) -> Option<Value> {
        let object = node.field("object")?;
        let name = node.field("name")?;
        let dynamic = name.kind_name() != "name";
        let method = text(name, self.source).to_owned();
        if is_this(object, self.source) {
            let class = self.current_class().map(str::to_owned);
            return (!dynamic)
                .then(|| self.method_value(class.as_deref(), &method))
                .flatten();
        }
        let Some(receiver) = self.value_of(object) else {
            // `$user->stripe()`: an accessor named like a client on something unknown.
            return (!dynamic && client_name_hint(&method) == Some(ClientNameHint::Stripe))
                .then_some(Value::LikelyClient(ClientNameHint::Stripe));
        };
        let args = self.args(node);
        match receiver {
            Value::Client | Value::LikelyClient(_) => {
                let certainty = if receiver == Value::Client {
                    Certainty::Certain
                } else {
                    Certainty::Likely
                };
                match method.as_str() {
                    "rawRequest" => self.raw(node, &args, certainty),
                    "parseEventNotification" | "parseThinEvent" => {
                        return Some(event_notification());
                    }
                    "notificationHandler" => return Some(Value::NotificationHandler),
                    _ => {}
                }
                None
            }
            Value::Service(path, certain) => {
                if dynamic {
                    if certain {
                        self.unresolved(node, "the method name is chosen at run time");
                    }
                    return None;
                }
                if path == ["oauth"] {
                    if certain {
                        self.oauth(node, &method);
                    }
                    return None;
                }
                let certainty = if certain {
                    Certainty::Certain
                } else {
                    Certainty::Likely
                };
                Some(self.push(node, CallStyle::Service, path, method, &args, certainty))
            }
            Value::Object(origin) if !dynamic && !is_non_request_method(&method) => {
                Some(self.push(
                    node,
                    CallStyle::Instance {
                        origin: Some(origin),
                    },
                    Vec::new(),
                    method,
                    &args,
                    Certainty::Certain,
                ))
            }
            Value::Collection(parent, property) if !dynamic => {
                // `$customer->sources->create($p)` is stripe-php's
                // `Customer::createSource($customer->id, $p)`.
                let method = nested_method(&method, &property)?;
                let (style, receiver) = match *parent {
                    Value::Object(origin) => (
                        CallStyle::Instance {
                            origin: Some(origin),
                        },
                        Vec::new(),
                    ),
                    Value::ClassObject(path) => (CallStyle::Instance { origin: None }, path),
                    _ => return None,
                };
                Some(self.push(node, style, receiver, method, &args, Certainty::Certain))
            }
            Value::ClassObject(path) if !dynamic && !is_non_request_method(&method) => {
                Some(self.push(
                    node,
                    CallStyle::Instance { origin: None },
                    path,
                    method,
                    &args,
                    Certainty::Certain,
                ))
            }
            _ => None,
        }
    }

    /// What calling a method or function of this file returns: one of `class` (`None`: of
    /// any class, or a function by name).
    fn method_value(&mut self, class: Option<&str>, method: &str) -> Option<Value> {
        let hinted = client_name_hint(method) == Some(ClientNameHint::Stripe);
        let lower = method.to_ascii_lowercase();
        let at = Place {
            known: self.known,
            learnt: &self.learnt,
            families: &self.families,
            class,
        };
        let lookup = Lookup::method(&at, &lower, hinted);
        let value = match &lookup.answer {
            Answer::Client => Some(Value::Client),
            Answer::Object(path) => Some(Value::ClassObject(path.clone())),
            Answer::Service(path, certain) => Some(Value::Service(path.clone(), *certain)),
            Answer::Nothing => None,
            Answer::Hinted => Some(Value::LikelyClient(ClientNameHint::Stripe)),
        };
        self.lookups.push(lookup);
        value
    }

    fn scoped_call(&mut self, node: Node<'_>) -> Option<Value> {
        let scope = node.field("scope")?;
        let name = node.field("name")?;
        let dynamic = name.kind_name() != "name";
        let method = text(name, self.source).to_owned();
        match scope.kind_name() {
            "relative_scope" => {
                let class = self.current_class().map(str::to_owned);
                return (!dynamic)
                    .then(|| self.method_value(class.as_deref(), &method))
                    .flatten();
            }
            "name" | "qualified_name" | "relative_name" => {}
            _ => return None,
        }
        let full = self.names.resolve(text(scope, self.source));
        if is_cashier_class(&full) && method == "stripe" {
            return Some(Value::Client);
        }
        let Some(path) = stripe_path(&full) else {
            // A class of this project with a static client factory (`Billing::client()`,
            // `StripeService::getStripeClient()` defined in another file).
            let class = full.to_ascii_lowercase();
            return (!dynamic)
                .then(|| self.method_value(Some(&class), &method))
                .flatten();
        };
        if path == ["OAuth"] {
            self.oauth(node, &method);
            return None;
        }
        if is_helper_class(&path) {
            return None;
        }
        if dynamic {
            self.unresolved(node, "the method name is chosen at run time");
            return None;
        }
        if is_non_request_method(&method) {
            return None;
        }
        let args = self.args(node);
        Some(self.push(
            node,
            CallStyle::Class,
            path,
            method,
            &args,
            Certainty::Certain,
        ))
    }

    /// `app(StripeClient::class)`, `resolve(…)`, a function of this file returning a client,
    /// or a `stripe()` helper defined elsewhere.
    fn function_call(&mut self, node: Node<'_>) -> Option<Value> {
        let function = node.field("function")?;
        if !matches!(function.kind_name(), "name" | "qualified_name") {
            return None;
        }
        let written = text(function, self.source);
        let short = written.rsplit('\\').next().unwrap_or(written);
        let container = ["app", "resolve", "make"];
        if container.iter().any(|f| short.eq_ignore_ascii_case(f))
            && self.first_arg_is_client_class(node)
        {
            return Some(Value::Client);
        }
        self.method_value(None, short)
    }

    /// The first argument is `StripeClient::class`.
    fn first_arg_is_client_class(&self, call: Node<'_>) -> bool {
        let Some(arguments) = call.field("arguments") else {
            return false;
        };
        let Some(first) = named_children(arguments).into_iter().next() else {
            return false;
        };
        let Some(constant) = first.named_child(0) else {
            return false;
        };
        if constant.kind_name() != "class_constant_access_expression" {
            return false;
        }
        let parts = named_children(constant);
        match parts.as_slice() {
            [class, member] if text(*member, self.source) == "class" => {
                is_client_class(&self.names.resolve(text(*class, self.source)))
            }
            _ => false,
        }
    }

    fn creation(&self, node: Node<'_>) -> Option<Value> {
        let class = named_children(node)
            .into_iter()
            .find(|c| matches!(c.kind_name(), "name" | "qualified_name" | "relative_name"))?;
        let full = self.names.resolve(text(class, self.source));
        match stripe_class_value(&full) {
            Some(value) => Some(value),
            None if stripe_path(&full).is_some() => None,
            None => Some(Value::Other),
        }
    }

    fn assignment(&mut self, node: Node<'_>) -> Option<Value> {
        let left = node.field("left")?;
        let right = node.field("right")?;
        let value = self.value_of(right);
        let augmented = node.kind_name() == "augmented_assignment_expression";
        if augmented && value.is_none() {
            return None;
        }
        match left.kind_name() {
            "variable_name" => {
                let name = variable_text(left, self.source);
                self.scopes
                    .declare(&name, value.clone().unwrap_or(Value::Other));
            }
            "member_access_expression" => {
                let object = left.field("object");
                let name = left.field("name");
                if let (Some(object), Some(name)) = (object, name)
                    && is_this(object, self.source)
                    && name.kind_name() == "name"
                {
                    let name = text(name, self.source).to_owned();
                    match value {
                        Some(Value::Client) => self.learn_property(&name, Held::Client),
                        // `$this->stripe = new StripeService()`: the project's own class.
                        Some(Value::Other) => self.learn_property(&name, Held::Other),
                        _ => {}
                    }
                }
            }
            "scoped_property_access_expression" if value == Some(Value::Client) => {
                if let Some(name) = left.field("name") {
                    let name = variable_text(name, self.source);
                    self.learn_property(&name, Held::Client);
                }
            }
            _ => {}
        }
        value
    }

    /// `$a ?? $b`, `$a ?: $b`, `$c ? $a : $b`: a client when either branch is one.
    fn either(&self, node: Node<'_>) -> Option<Value> {
        if node.kind_name() == "binary_expression" {
            let operator = node.field("operator")?;
            if !matches!(text(operator, self.source), "??" | "?:") {
                return None;
            }
        }
        let branches = named_children(node);
        branches
            .iter()
            .filter_map(|b| self.value_of(*b))
            .find(|v| *v == Value::Client)
    }

    // ----- output ---------------------------------------------------------------------

    fn args<'t>(&self, call: Node<'t>) -> CallArgs<'t> {
        CallArgs::of(call, |n| self.value_of(n) == Some(Value::ConnectOptions))
    }

    fn push(
        &mut self,
        node: Node<'_>,
        style: CallStyle,
        receiver: Vec<String>,
        method: String,
        args: &CallArgs<'_>,
        certainty: Certainty,
    ) -> Value {
        let mut ids = args.ids();
        // `Customer::retrieve(['id' => $id, 'expand' => [...]])` names its id in the array.
        if ids == 0
            && let Some(Arg::Array(first)) = args.first()
            && has_key(first, "id", self.source)
        {
            ids = 1;
        }
        // Singleton retrieves (`Balance::retrieve($opts)`, `Account::retrieve($opts)`) take
        // the request options as their first argument.
        let options_first = style == CallStyle::Class && ids == 0 && method == "retrieve";
        let connect = args.connect(self.source, options_first);
        self.out.calls.push(SdkCall {
            span: Span::new(node.start_byte(), node.end_byte()),
            sdk: Sdk::Php,
            style,
            receiver,
            method,
            display: display(node, self.source),
            expand: args.expand(self.source),
            connect,
            positional_args: ids,
            certainty,
        });
        Value::Object(self.out.calls.len() - 1)
    }

    fn raw(&mut self, node: Node<'_>, args: &CallArgs<'_>, certainty: Certainty) {
        let verb = match args.first() {
            Some(Arg::Other(n)) => literal_string(n, self.source),
            _ => None,
        };
        let path = match args.second() {
            Some(Arg::Other(n)) => path_template(n, self.source),
            _ => None,
        };
        match (verb, path) {
            (Some(verb), Some(path)) => {
                self.out.calls.push(SdkCall {
                    span: Span::new(node.start_byte(), node.end_byte()),
                    sdk: Sdk::Php,
                    style: CallStyle::Raw { verb, path },
                    receiver: Vec::new(),
                    method: "rawRequest".to_owned(),
                    display: display(node, self.source),
                    expand: args.expand(self.source),
                    connect: args.connect(self.source, false),
                    positional_args: 0,
                    certainty,
                });
            }
            _ if certainty == Certainty::Certain => {
                self.unresolved(node, "the raw request's method or path is not a literal");
            }
            _ => {}
        }
    }

    /// `\\Stripe\\OAuth::token(…)`, `$stripe->oauth->deauthorize(…)`: requests to
    /// connect.stripe.com, which no restricted-key permission covers.
    fn oauth(&mut self, node: Node<'_>, method: &str) {
        if is_oauth_request(method) {
            self.unresolved(node, OAUTH_REASON);
        }
    }

    fn unresolved(&mut self, node: Node<'_>, reason: &str) {
        self.out.unresolved.push(UnresolvedCall {
            span: Span::new(node.start_byte(), node.end_byte()),
            display: display(node, self.source),
            reason: reason.to_owned(),
        });
    }
}

/// The parent-class method a call on an object's nested list stands for, named the way
/// stripe-php names its nested helpers (`sources` + `create` → `createSource`, `all` →
/// `allSources`).
fn nested_method(verb: &str, property: &str) -> Option<String> {
    if !matches!(verb, "create" | "retrieve" | "update" | "delete" | "all") {
        return None;
    }
    let mut words: Vec<String> = property
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect();
    if verb != "all" {
        let last = words.last_mut()?;
        if let Some(stem) = last.strip_suffix("ies") {
            *last = format!("{stem}y");
        } else if let Some(stem) = last.strip_suffix('s') {
            *last = stem.to_owned();
        }
    }
    Some(format!("{verb}{}", words.concat()))
}

/// What a parsed event notification holds: an object of the SDK's notification classes, whose
/// `fetchEvent` and `fetchRelatedObject` send requests.
fn event_notification() -> Value {
    Value::ClassObject(vec!["EventNotification".to_owned()])
}

/// The name of a `$variable` without its `$`.
fn variable_text(node: Node<'_>, source: &str) -> String {
    text(node, source).trim_start_matches('$').to_owned()
}

/// What an object of a fully qualified class is when the class is stripe-php's: the client, a
/// client service (`Stripe\Service\CustomerService`) or a resource object; `None` for
/// Stripe's helpers and for any other class.
fn stripe_class_value(full: &str) -> Option<Value> {
    if is_client_class(full) {
        return Some(Value::Client);
    }
    if let Some(path) = service_path(full) {
        return Some(Value::Service(path, true));
    }
    stripe_path(full)
        .filter(|path| !is_helper_class(path))
        .map(Value::ClassObject)
}

/// Whether a node kind declares a class-like scope whose methods share `$this` and `self::`.
fn is_class_like(kind: &str) -> bool {
    matches!(
        kind,
        "class_declaration"
            | "trait_declaration"
            | "interface_declaration"
            | "enum_declaration"
            | "anonymous_class"
    )
}

fn is_this(node: Node<'_>, source: &str) -> bool {
    node.kind_name() == "variable_name" && text(node, source) == "$this"
}

/// PHP's own type names, which are not classes of the project.
fn is_builtin_type(full: &str) -> bool {
    let last = full
        .rsplit('\\')
        .next()
        .unwrap_or(full)
        .to_ascii_lowercase();
    matches!(
        last.as_str(),
        "array"
            | "string"
            | "int"
            | "float"
            | "bool"
            | "mixed"
            | "object"
            | "callable"
            | "iterable"
            | "null"
            | "self"
            | "static"
    )
}

/// A path literal, each interpolated variable or concatenated expression turned into a `{}`
/// parameter (`"/v1/customers/$id"`, `'/v1/customers/' . $id` → `/v1/customers/{}`).
fn path_template(node: Node<'_>, source: &str) -> Option<String> {
    let mut out = String::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match n.kind_name() {
            "string" => out.push_str(&literal_string(n, source)?),
            "encapsed_string" => {
                for child in named_children(n) {
                    match child.kind_name() {
                        "string_content" | "string_value" | "escape_sequence" => {
                            out.push_str(text(child, source))
                        }
                        _ => out.push_str("{}"),
                    }
                }
            }
            "binary_expression" => {
                let operator = n.field("operator")?;
                if text(operator, source) != "." {
                    return None;
                }
                // Right pushed first so the left side is read first.
                stack.push(n.field("right")?);
                stack.push(n.field("left")?);
            }
            _ => out.push_str("{}"),
        }
    }
    (out.starts_with('/') && !out.starts_with("/{}")).then_some(out)
}
