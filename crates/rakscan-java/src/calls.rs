//! Judging one call: what its receiver is (client, service, resource class, fetched object),
//! whether it is a Stripe request, and the IR it becomes.

use crate::args::own_extras;
use crate::names::TypeRef;
use crate::tree::{arguments, collapsed, literal_string, text};
use crate::value::{Client, Extras, Nested, Value};
use crate::walker::Walker;
use rakscan_core::ir::{OAUTH_REASON, UnresolvedCall, is_oauth_request};
use rakscan_core::{CallStyle, Certainty, Sdk, SdkCall, Span};
use rakscan_syntax::{FieldLookup, KindName};
use tree_sitter::Node;

/// Verbs that make a call without arguments on a service a request rather than a getter
/// (`client.v1().balance().retrieve()`).
const VERBS: &[&str] = &["retrieve", "list", "create", "search", "update", "delete"];

impl<'s> Walker<'s> {
    /// The value of a `new` expression: a client, or an empty list to be filled.
    pub fn construct(&mut self, n: Node<'_>) -> Value {
        let Some(ty) = n.field("type") else {
            return Value::Unknown;
        };
        if self.type_of(ty) == TypeRef::Client {
            return Value::Client(Client {
                certainty: Certainty::Certain,
                connect: false,
            });
        }
        let name = text(ty, self.source);
        if (name.contains("List") || name.contains("Set"))
            && let Some(list) = crate::args::literal_list(n, self.source)
        {
            return Value::Strings(list);
        }
        let extras = match n.field("arguments") {
            Some(a) => self.extras_of(a),
            None => Extras::default(),
        };
        self.keep_extras(n, extras);
        Value::Unknown
    }

    /// The value of a method call, emitting it when it is a Stripe request.
    pub fn call(&mut self, n: Node<'s>) -> Value {
        let source = self.source;
        let name = n.field("name").map(|m| text(m, source)).unwrap_or("");
        let args = arguments(n);
        let object = n.field("object");
        let own_method = object.is_none_or(|o| o.kind_name() == "this");
        if let Some(ty) = self.scopes.method_type(name).filter(|_| own_method) {
            return match ty {
                TypeRef::Client => Value::Client(Client {
                    certainty: Certainty::Certain,
                    connect: false,
                }),
                TypeRef::Model(path) => Value::Object {
                    class: Some(path.clone()),
                    origin: None,
                },
                TypeRef::OAuth | TypeRef::Other => Value::Unknown,
            };
        }
        let receiver = object.map(|o| self.value_of(o)).unwrap_or_default();
        let mut extras = match n.field("arguments") {
            Some(a) => self.extras_of(a),
            None => Extras::default(),
        };
        let own = own_extras(name, &args, source, |list| self.strings_of(list));
        if let Some(o) = object {
            self.update_variable(o, name, &args, &own);
        }

        let value = match receiver {
            Value::Client(client) => match name {
                "v1" | "v2" if args.is_empty() => Some(Value::Service {
                    client,
                    path: vec![name.to_owned()],
                }),
                "withStripeContext" => Some(Value::Client(client)),
                "rawRequest" => Some(self.raw(n, &args, client, &extras)),
                _ if args.is_empty() => Some(Value::Service {
                    client,
                    path: vec![name.to_owned()],
                }),
                _ => None,
            },
            Value::Service { client, mut path } => {
                let next = self
                    .parent_of(n)
                    .filter(|p| {
                        p.kind == "method_invocation"
                            && p.node.field("object").is_some_and(|o| o.id() == n.id())
                    })
                    .and_then(|p| p.node.field("name"))
                    .map(|m| text(m, source));
                if is_getter(name, &args, next) {
                    path.push(name.to_owned());
                    Some(Value::Service { client, path })
                } else {
                    extras.connect |= client.connect;
                    let i = self.emit(
                        n,
                        CallStyle::Service,
                        path,
                        name,
                        extras.clone(),
                        client.certainty,
                    );
                    Some(object_from(i))
                }
            }
            Value::ClientClass if name == "builder" => {
                Some(Value::ClientBuilder { connect: false })
            }
            Value::ClientBuilder { connect } => Some(match name {
                "build" => Value::Client(Client {
                    certainty: Certainty::Certain,
                    connect,
                }),
                "setStripeAccount" => Value::ClientBuilder { connect: true },
                _ => Value::ClientBuilder { connect },
            }),
            Value::ModelClass(path) if !sends_nothing(name) => {
                let returns_same = matches!(name, "create" | "retrieve");
                let i = self.emit(
                    n,
                    CallStyle::Class,
                    path.clone(),
                    name,
                    extras.clone(),
                    Certainty::Certain,
                );
                Some(Value::Object {
                    class: returns_same.then_some(path),
                    origin: Some(i),
                })
            }
            Value::OAuthClass => Some(self.oauth_call(n, name)),
            Value::Object { class, origin } => self.object_call(n, name, class, origin, &extras),
            Value::Nested(nested) => self.nested_call(n, name, nested, &extras),
            Value::Unknown if matches!(name, "v1" | "v2") && args.is_empty() => object
                .filter(|o| named_like_stripe(*o, source))
                .map(|_| Value::Service {
                    client: Client {
                        certainty: Certainty::Likely,
                        connect: false,
                    },
                    path: vec![name.to_owned()],
                }),
            _ => None,
        };
        if let Some(v) = value {
            return v;
        }
        // Not a request: its modifiers flow on to whatever it is passed to.
        if let Some(o) = object {
            extras.merge(&self.extras_of(o));
        }
        extras.merge(&own);
        if object.is_none() && self.scopes.is_connect_method(name) {
            extras.connect = true;
        }
        self.keep_extras(n, extras);
        match crate::args::literal_list(n, source) {
            Some(list) => Value::Strings(list),
            None => Value::Unknown,
        }
    }

    /// A static method of `OAuth` (`OAuth.token(params, options)`): the requests to
    /// connect.stripe.com are unresolved, building the authorize URL sends nothing.
    fn oauth_call(&mut self, n: Node<'_>, name: &str) -> Value {
        if is_oauth_request(name) {
            self.out.unresolved.push(UnresolvedCall {
                span: Span::new(n.start_byte(), n.end_byte()),
                display: self.display(n),
                reason: OAUTH_REASON.to_owned(),
            });
        }
        Value::Unknown
    }

    /// A method on a fetched object (`customer.update(params)`, `sub.cancel()`).
    fn object_call(
        &mut self,
        n: Node<'_>,
        name: &str,
        class: Option<Vec<String>>,
        origin: Option<usize>,
        extras: &Extras,
    ) -> Option<Value> {
        match (name, class.as_deref()) {
            ("getTestHelpers", Some(path)) => {
                let mut path = path.to_vec();
                path.push("TestHelpers".to_owned());
                return Some(Value::Object {
                    class: Some(path),
                    origin: None,
                });
            }
            ("getSources", Some([c])) if c == "Customer" => {
                return Some(nested(class.clone(), origin, "Source", "Sources"));
            }
            ("getExternalAccounts", Some([c])) if c == "Account" => {
                return Some(nested(
                    class.clone(),
                    origin,
                    "ExternalAccount",
                    "ExternalAccounts",
                ));
            }
            _ => {}
        }
        if sends_nothing(name) || (class.is_none() && origin.is_none()) {
            return None;
        }
        let receiver = class.unwrap_or_default();
        let i = self.emit(
            n,
            CallStyle::Instance { origin },
            receiver,
            name,
            extras.clone(),
            Certainty::Certain,
        );
        Some(object_from(i))
    }

    /// A method on a sub-collection of a fetched object (`customer.getSources().create(p)`),
    /// which is the parent's nested method (`createSource`).
    fn nested_call(
        &mut self,
        n: Node<'_>,
        name: &str,
        nested: Nested,
        extras: &Extras,
    ) -> Option<Value> {
        let method = match name {
            "create" | "retrieve" | "update" | "delete" => format!("{name}{}", nested.singular),
            // stripe-java before 5.0 listed with `all` (`customer.getSources().all(params)`).
            "list" | "all" => format!("list{}", nested.plural),
            _ => return None,
        };
        let i = self.emit(
            n,
            CallStyle::Instance {
                origin: nested.origin,
            },
            nested.owner,
            &method,
            extras.clone(),
            Certainty::Certain,
        );
        Some(object_from(i))
    }

    /// `client.rawRequest(ApiResource.RequestMethod.POST, "/v1/…", content[, options])`.
    fn raw(&mut self, n: Node<'_>, args: &[Node<'_>], client: Client, extras: &Extras) -> Value {
        let verb = args
            .first()
            .map(|a| {
                text(*a, self.source)
                    .rsplit('.')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_owned()
            })
            .filter(|v| matches!(v.as_str(), "GET" | "POST" | "DELETE" | "PUT" | "PATCH"));
        let path = args.get(1).and_then(|p| raw_path(*p, self.source));
        match (verb, path) {
            (Some(verb), Some(path)) => {
                let mut extras = extras.clone();
                extras.connect |= client.connect;
                let i = self.emit(
                    n,
                    CallStyle::Raw { verb, path },
                    Vec::new(),
                    "rawRequest",
                    extras,
                    client.certainty,
                );
                object_from(i)
            }
            _ => {
                self.out.unresolved.push(UnresolvedCall {
                    span: Span::new(n.start_byte(), n.end_byte()),
                    display: self.display(n),
                    reason: "raw request whose HTTP method or path is not a literal".to_owned(),
                });
                Value::Unknown
            }
        }
    }

    /// Adds a call to the extraction and returns its index.
    fn emit(
        &mut self,
        n: Node<'_>,
        style: CallStyle,
        receiver: Vec<String>,
        method: &str,
        extras: Extras,
        certainty: Certainty,
    ) -> usize {
        let call = SdkCall {
            span: Span::new(n.start_byte(), n.end_byte()),
            sdk: Sdk::Java,
            style,
            receiver,
            method: method.to_owned(),
            display: self.display(n),
            expand: extras.expand,
            connect: extras.connect,
            positional_args: arguments(n).len(),
            certainty,
        };
        self.out.calls.push(call);
        self.out.calls.len() - 1
    }

    /// Records what a call does to a variable it is made on: a builder or map gaining
    /// modifiers (`params.put("expand", …)`), a list gaining literals (`expand.add("a")`).
    fn update_variable(&mut self, object: Node<'_>, name: &str, args: &[Node<'_>], own: &Extras) {
        let literal = args.first().and_then(|a| literal_string(*a, self.source));
        let added = match name {
            "add" => literal.map(|l| vec![l]),
            "addAll" => args.first().and_then(|a| self.strings_of(*a)),
            _ => None,
        };
        let source = self.source;
        let binding = match object.kind_name() {
            "identifier" => self.scopes.lookup_mut(text(object, source)),
            "field_access"
                if object
                    .field("object")
                    .is_some_and(|o| o.kind_name() == "this") =>
            {
                let field = object.field("field").map(|f| text(f, source));
                field.and_then(|f| self.scopes.field_mut(f))
            }
            _ => None,
        };
        let Some(binding) = binding else {
            return;
        };
        binding.extras.merge(own);
        if let (Value::Strings(list), Some(added)) = (&mut binding.value, added) {
            list.extend(added);
        }
    }

    /// The call as written, arguments left out (`client.v1().customers().create`).
    pub fn display(&self, n: Node<'_>) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut current = n;
        let mut outermost = true;
        loop {
            match current.kind_name() {
                "method_invocation" => {
                    let name = current
                        .field("name")
                        .map(|m| text(m, self.source))
                        .unwrap_or("");
                    let parens = if outermost { "" } else { "()" };
                    outermost = false;
                    match current.field("object") {
                        Some(o) => {
                            parts.push(format!(".{name}{parens}"));
                            current = o;
                        }
                        None => {
                            parts.push(format!("{name}{parens}"));
                            break;
                        }
                    }
                }
                _ => {
                    parts.push(collapsed(current, self.source).replace(' ', ""));
                    break;
                }
            }
        }
        parts.reverse();
        parts.concat()
    }
}

fn object_from(origin: usize) -> Value {
    Value::Object {
        class: None,
        origin: Some(origin),
    }
}

fn nested(
    owner: Option<Vec<String>>,
    origin: Option<usize>,
    singular: &'static str,
    plural: &'static str,
) -> Value {
    Value::Nested(Nested {
        owner: owner.unwrap_or_default(),
        origin,
        singular,
        plural,
    })
}

/// Whether a call on a service is a getter of a deeper service (`customers()` in
/// `client.v1().customers().create(…)`) rather than the request.
/// `next` is the method called on the result, if any.
fn is_getter(name: &str, args: &[Node<'_>], next: Option<&str>) -> bool {
    if !args.is_empty() || VERBS.iter().any(|v| is_verb_form(name, v)) {
        return false;
    }
    !next.is_some_and(sends_nothing)
}

/// `name` is `verb` or `verb` followed by a capitalised word (`list`, `listLineItems`).
fn is_verb_form(name: &str, verb: &str) -> bool {
    name.strip_prefix(verb)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// Methods of objects and results that send no request: accessors, paging over a page already
/// fetched, serialisation, `Object` methods.
fn sends_nothing(name: &str) -> bool {
    ["get", "set", "is", "has", "to", "autoPaging"]
        .iter()
        .any(|p| {
            name.strip_prefix(p)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
        })
        || matches!(
            name,
            "equals" | "hashCode" | "toString" | "toJson" | "builder" | "build" | "compareTo"
        )
}

/// Whether the receiver of a call is named like a Stripe client (`stripeClient`,
/// `this.stripe`, `getStripeClient()`).
fn named_like_stripe(object: Node<'_>, source: &str) -> bool {
    let name = match object.kind_name() {
        "identifier" => Some(object),
        "field_access" => object.field("field"),
        "method_invocation" => object.field("name"),
        _ => None,
    };
    name.is_some_and(|n| rakscan_syntax::mentions_stripe(text(n, source)))
}

/// The path of a raw request: a literal (`"/v1/customers"`), a concatenation whose unknown
/// parts are whole path segments (`"/v1/customers/" + id`), or `String.format` with `%s`.
fn raw_path(node: Node<'_>, source: &str) -> Option<String> {
    let path = match node.kind_name() {
        "string_literal" => literal_string(node, source)?,
        "binary_expression" => concatenated(node, source)?,
        "method_invocation"
            if node
                .field("name")
                .is_some_and(|m| text(m, source) == "format") =>
        {
            let template = literal_string(*arguments(node).first()?, source)?;
            template.replace("%s", "{id}").replace("%d", "{id}")
        }
        _ => return None,
    };
    let path = path.split('?').next().unwrap_or("").to_owned();
    path.starts_with("/v").then_some(path)
}

/// A `+` concatenation of literals and whole-segment unknowns, flattened left to right.
fn concatenated(node: Node<'_>, source: &str) -> Option<String> {
    let mut operands = Vec::new();
    let mut current = node;
    while current.kind_name() == "binary_expression" {
        let op = current.field("operator")?;
        if text(op, source) != "+" {
            return None;
        }
        operands.push(current.field("right")?);
        current = current.field("left")?;
    }
    operands.push(current);
    operands.reverse();
    let mut out = String::new();
    for operand in operands {
        match literal_string(operand, source) {
            Some(s) => out.push_str(&s),
            None if out.ends_with('/') => out.push_str("{id}"),
            None => return None,
        }
    }
    Some(out)
}
