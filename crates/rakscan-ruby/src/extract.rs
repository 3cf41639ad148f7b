//! The main pass: follows what each expression holds (the `Stripe` module, a resource class,
//! a client, a service, an object a call returned) and turns the calls on those into IR.

use crate::args::{Arg, CallArgs, ParamsSlot, has_connect_key, literal_hash_pairs};
use crate::constants::Nesting;
use crate::facts::{FileFacts, Held, holder_owner, is_client_construction};
use crate::names::{
    ClientNameHint, client_name_hint, is_helper_class, is_non_request_method, is_send,
    is_service_verb, takes_no_id,
};
use crate::returns::MethodReturns;
use crate::tree::{
    Step, display, last_statement, literal_string, method_name, named_children, text, walk_kinds,
};
use crate::value::{Scopes, Value};
use rakscan_core::ir::{
    CallStyle, Certainty, Extraction, OAUTH_REASON, Sdk, SdkCall, Span, UnresolvedCall,
    is_oauth_request,
};
use rakscan_core::naming::singular;
use rakscan_syntax::classes::ClassScoped;
use rakscan_syntax::{FieldLookup, KindName};
use std::collections::HashMap;
use tree_sitter::Node;

/// Runs the main pass over a parsed file.
pub fn extract(root: Node<'_>, source: &str, facts: FileFacts) -> Extraction {
    let mut pass = Pass {
        source,
        facts,
        nesting: Nesting::default(),
        scopes: Scopes::default(),
        holders: ClassScoped::default(),
        values: HashMap::new(),
        ancestors: Vec::new(),
        returns: MethodReturns::default(),
        nested_lists: HashMap::new(),
        out: Extraction::default(),
    };
    walk_kinds(root, |step, kind| match step {
        Step::Enter(node) => pass.enter(node, kind),
        Step::Leave(node) => pass.leave(node, kind),
    });
    pass.returns.finish(&mut pass.out.calls);
    pass.out
}

struct Pass<'s, 't> {
    source: &'s str,
    facts: FileFacts,
    nesting: Nesting,
    scopes: Scopes,
    /// Instance, class and global variables and constants, by class (see [`holder_owner`]).
    holders: ClassScoped<Value>,
    /// What each evaluated node holds, by node id.
    values: HashMap<usize, Value>,
    ancestors: Vec<Node<'t>>,
    /// What the file's methods return.
    returns: MethodReturns,
    /// The nested lists read off Stripe objects (`customer.sources`), by the index of the
    /// accessor's call.
    nested_lists: HashMap<usize, NestedList>,
    out: Extraction,
}

/// A nested list property of a Stripe object (`customer.sources`, `account.external_accounts`).
#[derive(Debug, Clone)]
struct NestedList {
    /// The call that returned the object, or `None` for an object built with `new`.
    origin: Option<usize>,
    /// The object's class when it was built with `new` (`["Customer"]`), empty otherwise.
    class: Vec<String>,
    /// The property read (`sources`).
    property: String,
}

impl<'s, 't> Pass<'s, 't> {
    /// Enters `node`, of kind `kind`.
    fn enter(&mut self, node: Node<'t>, kind: &str) {
        self.ancestors.push(node);
        match kind {
            "module" | "class" => {
                self.nesting.enter(node, self.source);
                self.scopes.push(false);
            }
            "method" | "singleton_method" => {
                self.scopes.push(false);
                if let Some(params) = node.field("parameters") {
                    self.declare_parameters(params);
                }
            }
            "block" | "do_block" | "lambda" => {
                self.scopes.push(true);
                if let Some(params) = node.field("parameters") {
                    self.declare_parameters(params);
                    self.declare_element(node, params);
                }
            }
            _ => {}
        }
    }

    /// Leaves `node`, of kind `kind`: what it holds is known once its children are.
    fn leave(&mut self, node: Node<'t>, kind: &str) {
        let value = match kind {
            "module" | "class" => {
                self.nesting.leave();
                self.scopes.pop();
                None
            }
            "method" | "singleton_method" => {
                self.define_method(node);
                self.scopes.pop();
                None
            }
            "block" | "do_block" | "lambda" => {
                self.scopes.pop();
                None
            }
            "constant" => self.constant(node),
            "scope_resolution" => self.scope_resolution(node),
            "identifier" => self.identifier(node),
            "instance_variable" | "class_variable" | "global_variable" => self.holder(node),
            "parenthesized_statements" | "begin" => {
                last_statement(node).and_then(|n| self.value_of(n))
            }
            "rescue_modifier" => node
                .field("body")
                .or_else(|| node.named_child(0))
                .and_then(|n| self.value_of(n)),
            "assignment" | "operator_assignment" => self.assignment(node),
            "hash" => literal_hash_pairs(node, self.source)
                .filter(|pairs| has_connect_key(pairs, self.source))
                .map(|_| Value::ConnectOptions),
            "call" => self.call(node),
            _ => None,
        };
        if let Some(v) = value {
            self.values.insert(node.id(), v);
        }
        self.ancestors.pop();
    }

    fn value_of(&self, node: Node<'_>) -> Option<Value> {
        self.values.get(&node.id()).cloned()
    }

    fn parent(&self) -> Option<Node<'t>> {
        self.ancestors
            .len()
            .checked_sub(2)
            .map(|i| self.ancestors[i])
    }

    /// Whether `node` fills field `field` of its parent, and the parent is of one of `kinds`.
    fn is_parent_field(&self, node: Node<'_>, kinds: &[&str], field: &'static str) -> bool {
        self.parent().is_some_and(|p| {
            kinds.contains(&p.kind_name()) && p.field(field).is_some_and(|c| c.id() == node.id())
        })
    }

    fn declare_parameters(&mut self, params: Node<'_>) {
        let mut stack = vec![params];
        while let Some(n) = stack.pop() {
            match n.kind_name() {
                "identifier" => {
                    let name = text(n, self.source).to_owned();
                    self.scopes.declare(&name, Value::Unknown);
                }
                _ => {
                    if let Some(name) = n.field("name") {
                        let name = text(name, self.source).to_owned();
                        // `def initialize(client: Stripe::StripeClient.new(key))`
                        let default = n.field("value");
                        let value =
                            if default.is_some_and(|d| is_client_construction(d, self.source)) {
                                Value::Client
                            } else {
                                Value::Unknown
                            };
                        self.scopes.declare(&name, value);
                    } else {
                        stack.extend(named_children(n));
                    }
                }
            }
        }
    }

    /// The first parameter of a block that iterates over a Stripe list
    /// (`….list(…).auto_paging_each { |pm| … }`) is one element of the list; that of a block
    /// given to a notification handler (`client.notification_handler(secret) { |n| … }`,
    /// `handler.on_v1_billing_meter_error_report_triggered { |n, client| … }`) is an event
    /// notification.
    fn declare_element(&mut self, block: Node<'_>, params: Node<'_>) {
        let Some(call) = self.parent().filter(|p| {
            p.kind_name() == "call" && p.field("block").is_some_and(|b| b.id() == block.id())
        }) else {
            return;
        };
        let Some(method) = method_name(call, self.source) else {
            return;
        };
        let receiver = call.field("receiver").and_then(|r| self.value_of(r));
        let value = match receiver {
            Some(Value::Object(origin)) if is_iteration(method) => Value::Element(origin),
            Some(Value::Client) if method == "notification_handler" => event_notification(),
            Some(Value::NotificationHandler) if method.starts_with("on_") => event_notification(),
            _ => return,
        };
        let first = named_children(params).into_iter().next();
        if let Some(first) = first.filter(|f| f.kind_name() == "identifier") {
            let name = text(first, self.source).to_owned();
            self.scopes.declare(&name, value);
        }
    }

    /// Records what a method of the file returns (its last expression).
    fn define_method(&mut self, node: Node<'_>) {
        let Some(name) = node.field("name") else {
            return;
        };
        let returned = node
            .field("body")
            .and_then(last_statement)
            .and_then(|n| self.value_of(n));
        let key = (
            self.nesting.current().to_owned(),
            text(name, self.source).to_owned(),
        );
        self.returns.define(key, returned);
    }

    /// What calling a method of this file returns when it returns a Stripe object.
    fn method_result(&mut self, method: &str) -> Option<Value> {
        let key = (self.nesting.current().to_owned(), method.to_owned());
        let defined = self.facts.defined_methods.contains(method);
        self.returns.value(key, defined)
    }

    fn constant(&self, node: Node<'_>) -> Option<Value> {
        let name = text(node, self.source);
        if name == "Stripe" {
            return (!self.nesting.shadows_stripe(&self.facts.defined))
                .then_some(Value::StripeModule);
        }
        self.held(None, name)
    }

    fn scope_resolution(&self, node: Node<'_>) -> Option<Value> {
        let name = text(node.field("name")?, self.source).to_owned();
        match node.field("scope") {
            None => (name == "Stripe").then_some(Value::StripeModule),
            Some(scope) => match self.value_of(scope)? {
                Value::StripeModule => Some(Value::Class(vec![name])),
                Value::Class(mut path) => {
                    path.push(name);
                    Some(Value::Class(path))
                }
                _ => None,
            },
        }
    }

    fn identifier(&mut self, node: Node<'_>) -> Option<Value> {
        let name = text(node, self.source);
        match self.scopes.get(name) {
            Some(Value::Unknown) => client_name_hint(name).map(Value::LikelyClient),
            Some(v) => Some(v.clone()),
            None if self
                .facts
                .is_client_method(self.nesting.current_class(), name) =>
            {
                Some(Value::Client)
            }
            None if self.facts.connect_option_methods.contains(name) => Some(Value::ConnectOptions),
            None if self.facts.defined_methods.contains(name) => self.method_result(name),
            None => client_name_hint(name).map(Value::LikelyClient),
        }
    }

    fn holder(&self, node: Node<'_>) -> Option<Value> {
        let name = text(node, self.source);
        let owner = holder_owner(node.kind_name(), &self.nesting);
        match self.held(owner, name) {
            Some(v) => Some(v),
            None if self.facts.held(owner, name) == Some(Held::Other) => None,
            None => client_name_hint(name).map(Value::LikelyClient),
        }
    }

    /// What a holder read in `owner` is known to hold: a client the first pass saw assigned
    /// to it, else what the walk assigned to it so far.
    fn held(&self, owner: Option<&str>, name: &str) -> Option<Value> {
        if self.facts.held(owner, name) == Some(Held::Client) {
            return Some(Value::Client);
        }
        let families = &self.facts.families;
        self.holders.get(families, owner, name, merge_values)
    }

    fn assignment(&mut self, node: Node<'_>) -> Option<Value> {
        let left = node.field("left")?;
        let right = node.field("right")?;
        let value = self.value_of(right);
        let conditional = node.kind_name() == "operator_assignment";
        let bound = match (&value, conditional) {
            (Some(v), _) => v.clone(),
            // `x ||= other` keeps what `x` held; `x += 1` makes it a number.
            (None, true) => return None,
            (None, false) => Value::Other,
        };
        let name = text(left, self.source).to_owned();
        match left.kind_name() {
            "identifier" => self.scopes.assign(&name, bound),
            "instance_variable" | "class_variable" | "global_variable" | "constant" => {
                let owner = holder_owner(left.kind_name(), &self.nesting);
                self.holders.set(owner, &name, bound, |_, later| later);
            }
            _ => {}
        }
        value
    }

    fn call(&mut self, node: Node<'t>) -> Option<Value> {
        let method = method_name(node, self.source)?.to_owned();
        // `sub.cancel_at_period_end = true` sets an attribute; it is not a call.
        if self.is_parent_field(node, &["assignment", "operator_assignment"], "left") {
            return None;
        }
        let has_block = node.field("block").is_some();
        let mut args = CallArgs::of(node, self.source);
        args.mark_connect_options(|n| self.value_of(n) == Some(Value::ConnectOptions));
        let accessor = args.is_empty() && !has_block;
        let Some(receiver) = node.field("receiver") else {
            // `stripe_client` written with parentheses, or a memoising method of this file.
            return self.method_value(&method, accessor);
        };
        if receiver.kind_name() == "self" {
            return self.method_value(&method, accessor);
        }
        let Some(receiver_value) = self.value_of(receiver) else {
            // `current_user.stripe_client`, `Billing.stripe`: an accessor named like a client on
            // something the file knows nothing about.
            return client_name_hint(&method)
                .filter(|h| accessor && *h == ClientNameHint::Stripe)
                .map(Value::LikelyClient);
        };
        match receiver_value {
            Value::ConnectOptions => {
                let keeps = matches!(method.as_str(), "compact" | "merge" | "freeze" | "to_h");
                keeps.then_some(Value::ConnectOptions)
            }
            Value::StripeModule => match method.as_str() {
                "raw_request" => {
                    self.raw(node, &args, Certainty::Certain);
                    None
                }
                "const_get" => Some(Value::DynamicClass),
                _ => None,
            },
            Value::Class(path) => self.class_call(node, path, method, args),
            Value::DynamicClass => {
                if !is_non_request_method(&method) {
                    self.unresolved(node, "the Stripe class is chosen at run time");
                }
                None
            }
            Value::Client => self.client_call(node, &method, &args, has_block, Certainty::Certain),
            Value::LikelyClient(hint) => {
                let opens_version = matches!(method.as_str(), "v1" | "v2");
                let weak = hint == ClientNameHint::Client;
                if weak && !(opens_version && self.facts.names_stripe_client) {
                    return None;
                }
                self.client_call(node, &method, &args, has_block, Certainty::Likely)
            }
            Value::Service(path, certain) => {
                // A call with arguments or a block ends the chain; so does a verb without
                // them (`…customers.list.auto_paging_each`). Anything else names a service
                // (`payouts = client.v1.payouts`).
                let terminal = has_block || !args.is_empty() || is_service_verb(&method);
                if !terminal {
                    let mut longer = path;
                    longer.push(method);
                    return Some(Value::Service(longer, certain));
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
                let slot = params_slot(&method);
                Some(self.push(
                    node,
                    CallStyle::Service,
                    path,
                    method,
                    &args,
                    slot,
                    certainty,
                ))
            }
            Value::Object(origin) => match method.as_str() {
                // The list itself (`list.data.each`) and its first or last element.
                "data" | "to_a" | "lazy" if accessor => Some(Value::Object(origin)),
                "first" | "last" if accessor => Some(Value::Element(origin)),
                _ => match self.nested_lists.get(&origin).cloned() {
                    Some(list) => self.nested_list_call(node, origin, list, method, args),
                    None => self.instance_call(node, Some(origin), Vec::new(), method, args),
                },
            },
            Value::Element(origin) => {
                if is_non_request_method(&method) || is_send(&method) {
                    return None;
                }
                let style = CallStyle::Element { origin };
                Some(self.push(
                    node,
                    style,
                    Vec::new(),
                    method,
                    &args,
                    ParamsSlot::At(0),
                    Certainty::Certain,
                ))
            }
            Value::ClassObject(path) => self.instance_call(node, None, path, method, args),
            Value::NotificationHandler | Value::Unknown | Value::Other => None,
        }
    }

    /// What calling a method of this file (or of `self`) returns.
    fn method_value(&mut self, method: &str, accessor: bool) -> Option<Value> {
        if accessor
            && self
                .facts
                .is_client_method(self.nesting.current_class(), method)
        {
            return Some(Value::Client);
        }
        if accessor && self.facts.connect_option_methods.contains(method) {
            return Some(Value::ConnectOptions);
        }
        if self.facts.defined_methods.contains(method) {
            return self.method_result(method);
        }
        if !accessor {
            return None;
        }
        client_name_hint(method)
            .filter(|h| *h == ClientNameHint::Stripe)
            .map(Value::LikelyClient)
    }

    fn class_call(
        &mut self,
        node: Node<'t>,
        path: Vec<String>,
        method: String,
        args: CallArgs<'t>,
    ) -> Option<Value> {
        if path == ["StripeClient"] && method == "new" {
            return Some(Value::Client);
        }
        if path == ["OAuth"] {
            self.oauth(node, &method);
            return None;
        }
        if is_helper_class(&path) {
            return None;
        }
        if method == "new" {
            return Some(Value::ClassObject(path));
        }
        if method == "const_get" {
            return Some(Value::DynamicClass);
        }
        if is_send(&method) {
            let named = args.first().and_then(|a| match a {
                Arg::Other(n) => literal_string(*n, self.source),
                _ => None,
            });
            return match named {
                Some(real) => {
                    let slot = class_params_slot(&real);
                    let args = args.without_first();
                    Some(self.push(
                        node,
                        CallStyle::Class,
                        path,
                        real,
                        &args,
                        slot,
                        Certainty::Certain,
                    ))
                }
                None => {
                    self.unresolved(node, "the method name is chosen at run time");
                    None
                }
            };
        }
        if is_non_request_method(&method) {
            return None;
        }
        let slot = class_params_slot(&method);
        Some(self.push(
            node,
            CallStyle::Class,
            path,
            method,
            &args,
            slot,
            Certainty::Certain,
        ))
    }

    fn client_call(
        &mut self,
        node: Node<'t>,
        method: &str,
        args: &CallArgs<'t>,
        has_block: bool,
        certainty: Certainty,
    ) -> Option<Value> {
        if method == "raw_request" {
            self.raw(node, args, certainty);
            return None;
        }
        if is_event_notification_parse(method) {
            return Some(event_notification());
        }
        if method == "notification_handler" {
            return Some(Value::NotificationHandler);
        }
        // `client.request { … }` (the pre-v13 client), `client.deserialize(…)`: no service.
        if has_block || !args.is_empty() || is_non_request_method(method) {
            return None;
        }
        Some(Value::Service(
            vec![method.to_owned()],
            certainty == Certainty::Certain,
        ))
    }

    fn instance_call(
        &mut self,
        node: Node<'t>,
        origin: Option<usize>,
        class: Vec<String>,
        method: String,
        args: CallArgs<'t>,
    ) -> Option<Value> {
        if is_non_request_method(&method) || is_send(&method) {
            return None;
        }
        let style = CallStyle::Instance { origin };
        let list = args.is_empty().then(|| NestedList {
            origin,
            class: class.clone(),
            property: method.clone(),
        });
        let value = self.push(
            node,
            style,
            class,
            method,
            &args,
            ParamsSlot::At(0),
            Certainty::Certain,
        );
        if let (Some(list), Value::Object(index)) = (list, &value) {
            self.nested_lists.insert(*index, list);
        }
        Some(value)
    }

    /// A call on a nested list of a Stripe object. `create`, `retrieve` and `list` request the
    /// list's own path, as the parent class's nested helper does: `customer.sources.create(p)`
    /// is `Stripe::Customer.create_source(customer.id, p)`. Other methods are calls on what
    /// the accessor (call `accessor`) returned.
    fn nested_list_call(
        &mut self,
        node: Node<'t>,
        accessor: usize,
        list: NestedList,
        method: String,
        args: CallArgs<'t>,
    ) -> Option<Value> {
        let Some(helper) = nested_list_method(&list.property, &method) else {
            return self.instance_call(node, Some(accessor), Vec::new(), method, args);
        };
        let origin = list.origin;
        Some(self.push(
            node,
            CallStyle::Instance { origin },
            list.class,
            helper,
            &args,
            class_params_slot(&method),
            Certainty::Certain,
        ))
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        node: Node<'_>,
        style: CallStyle,
        receiver: Vec<String>,
        method: String,
        args: &CallArgs<'_>,
        slot: ParamsSlot,
        certainty: Certainty,
    ) -> Value {
        let options = args.options_index(slot);
        // An object fetched for a connected account keeps that account for its own requests.
        let inherited = match style {
            CallStyle::Instance { origin: Some(i) } | CallStyle::Element { origin: i } => {
                self.out.calls.get(i).is_some_and(|c| c.connect)
            }
            _ => false,
        };
        let mut positional_args = args.len();
        if method == "retrieve" && matches!(args.first(), Some(Arg::Nil)) {
            positional_args -= 1;
        }
        self.out.calls.push(SdkCall {
            span: Span::new(node.start_byte(), node.end_byte()),
            sdk: Sdk::Ruby,
            style,
            receiver,
            method,
            display: display(node, self.source),
            expand: args.expand(options, self.source),
            connect: inherited || args.connect(options, self.source),
            positional_args,
            certainty,
        });
        Value::Object(self.out.calls.len() - 1)
    }

    /// `client.raw_request(:post, '/v1/customers', …)` with a literal method and path.
    fn raw(&mut self, node: Node<'_>, args: &CallArgs<'_>, certainty: Certainty) {
        let literal = |i: usize| match args.items.get(i) {
            Some(Arg::Other(n)) => Some(*n),
            _ => None,
        };
        let verb = literal(0).and_then(|n| literal_string(n, self.source));
        let path = literal(1).and_then(|n| path_template(n, self.source));
        match (verb, path) {
            (Some(verb), Some(path)) => {
                let options = args.options_index(ParamsSlot::At(2));
                self.out.calls.push(SdkCall {
                    span: Span::new(node.start_byte(), node.end_byte()),
                    sdk: Sdk::Ruby,
                    style: CallStyle::Raw {
                        verb: verb.to_ascii_uppercase(),
                        path,
                    },
                    receiver: Vec::new(),
                    method: "raw_request".to_owned(),
                    display: display(node, self.source),
                    expand: args.expand(options, self.source),
                    connect: args.connect(options, self.source),
                    positional_args: args.len(),
                    certainty,
                });
            }
            _ => self.unresolved(
                node,
                "raw request whose HTTP method or path is not a literal",
            ),
        }
    }

    /// `Stripe::OAuth.token(…)`, `client.oauth.deauthorize(…)`: requests to connect.stripe.com,
    /// which no restricted-key permission covers.
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

/// The parent-class helper a verb on a nested list stands for, named the way stripe-ruby's
/// `nested_resource_class_methods` names them (`sources` + `create` → `create_source`,
/// `list` → `list_sources`). stripe-ruby's `ListObject` sends only these three (`all` is the
/// older `list`).
fn nested_list_method(property: &str, verb: &str) -> Option<String> {
    match verb {
        "create" | "retrieve" => Some(format!("{verb}_{}", singular(property))),
        "list" | "all" => Some(format!("list_{property}")),
        _ => None,
    }
}

/// `client.parse_event_notification(body, sig, secret)` (`parse_thin_event` before it was
/// renamed) returns a v2 event notification, whose `fetch_event` and `fetch_related_object`
/// send requests.
fn is_event_notification_parse(method: &str) -> bool {
    matches!(method, "parse_event_notification" | "parse_thin_event")
}

/// What a parsed event notification holds: an object of the SDK's notification classes.
fn event_notification() -> Value {
    Value::ClassObject(vec!["EventNotification".to_owned()])
}

/// Where a service method takes its params (`retrieve(id, params, opts)`).
fn params_slot(method: &str) -> ParamsSlot {
    if takes_no_id(method) {
        ParamsSlot::At(0)
    } else {
        ParamsSlot::At(1)
    }
}

/// Where a resource-class method takes its params: `retrieve(id, opts)` has none.
fn class_params_slot(method: &str) -> ParamsSlot {
    if method == "retrieve" {
        ParamsSlot::Absent
    } else {
        params_slot(method)
    }
}

/// A path literal, with each interpolation turned into a `{}` parameter
/// (`"/v1/customers/#{id}"` → `/v1/customers/{}`).
fn path_template(node: Node<'_>, source: &str) -> Option<String> {
    if node.kind_name() != "string" {
        return None;
    }
    let mut out = String::new();
    for child in named_children(node) {
        match child.kind_name() {
            "string_content" | "escape_sequence" => out.push_str(text(child, source)),
            "interpolation" => out.push_str("{}"),
            _ => return None,
        }
    }
    out.starts_with('/').then_some(out)
}

/// What a holder that related classes assign different values holds: nothing known.
fn merge_values(before: &Value, value: Value) -> Value {
    if *before == value {
        value
    } else {
        Value::Unknown
    }
}

/// Methods whose block runs once per element of the list they are called on.
fn is_iteration(method: &str) -> bool {
    matches!(
        method,
        "each"
            | "auto_paging_each"
            | "each_with_index"
            | "each_with_object"
            | "map"
            | "flat_map"
            | "collect"
            | "filter_map"
            | "select"
            | "filter"
            | "reject"
            | "find"
            | "detect"
            | "any?"
            | "all?"
            | "none?"
            | "sum"
            | "sort_by"
            | "group_by"
            | "partition"
            | "min_by"
            | "max_by"
    )
}
