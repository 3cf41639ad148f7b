//! Expression evaluation: what a Python expression is as far as Stripe is concerned, and the
//! [`SdkCall`]s and unresolved calls its evaluation finds.

use crate::syntax::{call_arguments, callee_display, literal_string, text};
use crate::value::{Value, event_notification, named_like_client, nested_method};
use crate::walker::Walker;
use rakscan_core::ir::{
    CallStyle, Certainty, OAUTH_REASON, Sdk, SdkCall, Span, UnresolvedCall, is_oauth_request,
};
use rakscan_syntax::{FieldLookup, KindName};
use tree_sitter::Node;

/// Expressions nested deeper than this evaluate to `Unknown` (no unbounded recursion).
const MAX_DEPTH: usize = 200;

impl<'a> Walker<'a> {
    /// Evaluates an expression; calls on Stripe values are recorded once (memoised by node).
    pub(crate) fn eval(&mut self, node: Node<'a>, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::Unknown;
        }
        match node.kind_name() {
            "identifier" => self.lookup(text(node, self.source)),
            "attribute" => {
                let (Some(object), Some(attr)) = (node.field("object"), node.field("attribute"))
                else {
                    return Value::Unknown;
                };
                let attr = text(attr, self.source);
                if matches!(text(object, self.source), "self" | "cls") {
                    return self.self_attribute(attr);
                }
                match self.eval(object, depth + 1) {
                    // `anything.v1.customers`: the StripeClient's service tree.
                    Value::Unknown if matches!(attr, "v1" | "v2") => {
                        Value::Client(vec![attr.to_owned()], Certainty::Likely)
                    }
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

    fn self_attribute(&self, attr: &str) -> Value {
        let class = self.current_class();
        let merge = crate::attributes::merge(attr);
        if let Some(v) = self
            .facts
            .attributes
            .get(&self.families, class, attr, merge)
        {
            return v;
        }
        if let Some(v) = self.facts.factories.get(attr) {
            return v.clone(); // a property returning a client
        }
        named_like_client(attr)
    }

    fn eval_call(&mut self, call: Node<'a>, depth: usize) -> Value {
        let Some(function) = call.field("function") else {
            return Value::Unknown;
        };
        let arguments = call.field("arguments");
        match function.kind_name() {
            "attribute" => {
                let (Some(object), Some(method)) =
                    (function.field("object"), function.field("attribute"))
                else {
                    return Value::Unknown;
                };
                let method = text(method, self.source);
                let is_self = matches!(text(object, self.source), "self" | "cls");
                if let Some(made) = self.factory_method(method, is_self) {
                    return made;
                }
                let base = self.eval(object, depth + 1);
                self.call_method(call, function, base, method, arguments, Certainty::Certain)
            }
            "identifier" => {
                let name = text(function, self.source);
                if name == "getattr" {
                    return self.getattr(arguments, depth);
                }
                if let Some(made) = self.facts.factories.get(name) {
                    return made.clone();
                }
                let callee = self.lookup(name);
                self.report_dynamic(call, function, &callee);
                callee.called()
            }
            _ => {
                // `getattr(stripe.Customer, name)(...)`, `(make())()`.
                let callee = self.eval(function, depth + 1);
                self.report_dynamic(call, function, &callee);
                callee.called()
            }
        }
    }

    /// What calling the method `method` returns when it is one of the file's factories: any
    /// factory on `self`/`cls`; on another object, where the name is all there is to go by,
    /// only a client or the module (a method named like a class factory may be anyone's).
    fn factory_method(&self, method: &str, is_self: bool) -> Option<Value> {
        let made = self.facts.factories.get(method)?;
        let on_any_object = matches!(made, Value::Client(..) | Value::Module(_))
            && !self.facts.attributes.any_holds(method);
        (is_self || on_any_object).then(|| made.clone())
    }

    /// A call of a Stripe method chosen at run time (`callee` is the called value, not what a
    /// factory returns): reported unresolved, with the reason.
    fn report_dynamic(&mut self, call: Node<'a>, function: Node<'a>, value: &Value) {
        if let Value::Dynamic(reason) = value {
            self.extraction.unresolved.push(UnresolvedCall {
                span: Span::new(call.start_byte(), call.end_byte()),
                display: callee_display(function, self.source),
                reason: format!("{reason}: the operation cannot be decided statically"),
            });
        }
    }

    /// `base.method(arguments)`. `certainty` caps how sure the call can be (method references
    /// passed as arguments are only likely calls).
    fn call_method(
        &mut self,
        call: Node<'a>,
        function: Node<'a>,
        base: Value,
        method: &str,
        arguments: Option<Node<'a>>,
        certainty: Certainty,
    ) -> Value {
        // `stripe.Subscription(id)`, `stripe.StripeClient(key)`: a constructor, not a method;
        // `clients.get_stripe()`: a factory of an imported module.
        if let constructed @ (Value::Class(..) | Value::ClientClass | Value::Factory(_)) =
            base.attribute(method)
        {
            return constructed.called();
        }
        if let Some(sure) = oauth_helper(&base) {
            self.oauth_call(call, function, method, sure.max(certainty));
            return Value::Unknown;
        }
        let mut name = method.to_owned();
        if let Value::Client(_, Certainty::Certain) = base
            && matches!(method, "parse_event_notification" | "parse_thin_event")
        {
            return event_notification();
        }
        if base == event_notification() {
            // Only its fetches send requests; the async twins reach the same endpoints.
            let fetch = method.strip_suffix("_async").unwrap_or(method);
            if !matches!(fetch, "fetch_event" | "fetch_related_object") {
                return Value::Unknown;
            }
            name = fetch.to_owned();
        }
        let (style, receiver, sure) = match base {
            Value::Client(_, c) if is_raw_request(method) => {
                return self.raw_request(call, function, arguments, c.max(certainty));
            }
            Value::Module(_) if is_raw_request(method) => {
                return self.raw_request(call, function, arguments, certainty);
            }
            Value::Client(path, c) if !path.is_empty() => (CallStyle::Service, path, c),
            Value::Class(path, c) => (CallStyle::Class, path, c),
            Value::Constructed(path, c) => (CallStyle::Instance { origin: None }, path, c),
            Value::Returned(origin) => {
                let c = self
                    .certainty_of_call
                    .get(origin)
                    .copied()
                    .unwrap_or(Certainty::Likely);
                let object = function.field("object").unwrap_or(function);
                (
                    CallStyle::Instance {
                        origin: Some(origin),
                    },
                    vec![text(object, self.source).to_owned()],
                    c,
                )
            }
            // `customer.sources.create(…)`: only likely, the property may be any field.
            Value::Nested(origin, property) => {
                let Some(nested) = nested_method(method, &property) else {
                    return Value::Unknown;
                };
                name = nested;
                let list = function.field("object").unwrap_or(function);
                let parent = list.field("object").unwrap_or(list);
                (
                    CallStyle::Instance {
                        origin: Some(origin),
                    },
                    vec![text(parent, self.source).to_owned()],
                    Certainty::Likely,
                )
            }
            Value::Module(_) => return Value::Unknown,
            Value::Dynamic(reason) => {
                self.report_dynamic(call, function, &Value::Dynamic(reason));
                return Value::Unknown;
            }
            _ => return Value::Unknown,
        };
        let args = call_arguments(arguments, self.source);
        self.push_call(SdkCall {
            span: Span::new(call.start_byte(), call.end_byte()),
            sdk: Sdk::Python,
            style,
            receiver,
            method: name,
            display: callee_display(function, self.source),
            expand: args.expand,
            connect: args.connect,
            positional_args: args.positional,
            certainty: sure.max(certainty),
        })
    }

    fn push_call(&mut self, call: SdkCall) -> Value {
        let index = self.extraction.calls.len();
        self.certainty_of_call.push(call.certainty);
        self.extraction.calls.push(call);
        Value::Returned(index)
    }

    /// Stripe methods passed by reference rather than called
    /// (`asyncio.to_thread(stripe.Customer.retrieve, cid)`, `partial(client.v1.customers.create)`):
    /// reported where they are named, as likely calls.
    pub(crate) fn method_references(&mut self, arguments: Node<'a>) {
        let mut cursor = arguments.walk();
        let references: Vec<Node<'a>> = arguments
            .named_children(&mut cursor)
            .filter(|a| a.kind_name() == "attribute")
            .collect();
        for reference in references {
            let (Some(object), Some(method)) =
                (reference.field("object"), reference.field("attribute"))
            else {
                continue;
            };
            let base = self.eval(object, 0);
            if matches!(base, Value::Class(..) | Value::Client(..))
                && !self.evaluated.contains_key(&reference.id())
            {
                let method = text(method, self.source);
                let value =
                    self.call_method(reference, reference, base, method, None, Certainty::Likely);
                self.evaluated.insert(reference.id(), value);
            }
        }
    }

    /// A method of the OAuth helper: a sure call that sends a request is unresolved (it goes
    /// to connect.stripe.com); `authorize_url` only builds a URL.
    fn oauth_call(&mut self, call: Node<'a>, function: Node<'a>, method: &str, sure: Certainty) {
        let method = method.strip_suffix("_async").unwrap_or(method);
        if sure == Certainty::Certain && is_oauth_request(method) {
            self.extraction.unresolved.push(UnresolvedCall {
                span: Span::new(call.start_byte(), call.end_byte()),
                display: callee_display(function, self.source),
                reason: OAUTH_REASON.to_owned(),
            });
        }
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
    /// Stripe value is chosen at run time (reported where it is called).
    fn getattr(&mut self, arguments: Option<Node<'a>>, depth: usize) -> Value {
        let Some(arguments) = arguments else {
            return Value::Unknown;
        };
        let mut cursor = arguments.walk();
        let args: Vec<Node<'a>> = arguments
            .named_children(&mut cursor)
            .filter(|n| n.kind_name() != "comment")
            .collect();
        let (Some(&object), Some(&name)) = (args.first(), args.get(1)) else {
            return Value::Unknown;
        };
        let base = self.eval(object, depth + 1);
        if !matches!(
            base,
            Value::Module(_) | Value::Class(..) | Value::Client(..)
        ) {
            return Value::Unknown;
        }
        match literal_string(name, self.source) {
            Some(name) => base.attribute(&name),
            None => Value::Dynamic(format!(
                "Stripe attribute chosen at run time (`getattr({}, {})`)",
                text(object, self.source),
                text(name, self.source)
            )),
        }
    }
}

/// How sure a value is to be the SDK's OAuth helper (`stripe.OAuth`, `client.oauth`,
/// `client.v1.oauth`), if it is it.
fn oauth_helper(value: &Value) -> Option<Certainty> {
    match value {
        Value::Class(path, c) if path.last().is_some_and(|l| l == "OAuth") => Some(*c),
        Value::Client(path, c) if path.last().is_some_and(|l| l == "oauth") => Some(*c),
        _ => None,
    }
}

fn is_raw_request(method: &str) -> bool {
    matches!(method, "raw_request" | "raw_request_async")
}
