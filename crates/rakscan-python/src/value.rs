//! What the extractor knows an expression evaluates to.

use rakscan_core::Certainty;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The abstract value of a Python expression, as far as Stripe is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Nothing Stripe-related is known.
    Unknown,
    /// The `stripe` package or one of its sub-modules (`stripe.checkout` → `["checkout"]`).
    Module(Vec<String>),
    /// The `StripeClient` class itself.
    ClientClass,
    /// A client, or a service below it (`client.v1.checkout` → `["v1", "checkout"]`). A
    /// `Likely` client is only named like one: it may as well be the module.
    Client(Vec<String>, Certainty),
    /// A resource class below the package (`stripe.checkout.Session` → `["checkout", "Session"]`).
    Class(Vec<String>, Certainty),
    /// The object returned by the SDK call with this index in the extraction.
    Returned(usize),
    /// A list nested in such an object (`customer.sources`): the call's index and the
    /// property, whose methods are the parent's nested ones (`create` → `create_source`).
    Nested(usize, String),
    /// An object of a resource class built locally with its id (`stripe.Subscription(id)`).
    Constructed(Vec<String>, Certainty),
    /// A Stripe class or method chosen at run time; the reason says how.
    Dynamic(String),
    /// A function of another module of the project that returns this value when called
    /// (`def get_stripe(): return StripeClient(key)` imported from `app.clients`).
    Factory(Box<Value>),
    /// A class imported from another package, or an object it built (`from billing_sdk import
    /// Client`; `Client(token)`): not Stripe's, so a `v1` below it is no `StripeClient`'s.
    Foreign,
    /// A class of another module of the project, by the Stripe values its objects hold in
    /// attributes (`self.client = StripeClient(key)` in a method): its subclasses inherit them,
    /// its objects hold them.
    ProjectClass(Arc<BTreeMap<String, Value>>),
    /// A module of the project, by the Stripe values it holds at its top level (`import
    /// app.clients as clients`; `import app.clients` binds `app` to a namespace holding
    /// `clients`).
    Namespace(Arc<BTreeMap<String, Value>>),
}

impl Value {
    /// The value of `self.attr`, when attribute access on it stays within the SDK.
    pub fn attribute(&self, attr: &str) -> Value {
        let push = |path: &[String]| {
            let mut p = path.to_vec();
            p.push(attr.to_owned());
            p
        };
        match self {
            Value::Module(_) if attr == "StripeClient" => Value::ClientClass,
            Value::Module(path) if starts_upper(attr) => {
                Value::Class(push(path), Certainty::Certain)
            }
            Value::Module(path) => Value::Module(push(path)),
            // A receiver only named like Stripe may be the module: `stripe.Customer`.
            Value::Client(path, Certainty::Likely) if starts_upper(attr) => {
                Value::Class(push(path), Certainty::Likely)
            }
            // `stripe_client.client.v1.customers`: the service tree starts at `v1`.
            Value::Client(_, Certainty::Likely) if matches!(attr, "v1" | "v2") => {
                Value::Client(vec![attr.to_owned()], Certainty::Likely)
            }
            Value::Client(path, certainty) => Value::Client(push(path), *certainty),
            Value::Class(path, certainty) if attr == "TestHelpers" => {
                Value::Class(push(path), *certainty)
            }
            Value::Dynamic(reason) => Value::Dynamic(reason.clone()),
            Value::Returned(origin) if attr.starts_with(|c: char| c.is_ascii_lowercase()) => {
                Value::Nested(*origin, attr.to_owned())
            }
            // What another package's object holds reads as a name anywhere else, but for `v1`.
            Value::Foreign => named_like_client(attr),
            // A name the module holds nothing of Stripe's in reads as it does anywhere else.
            Value::Namespace(names) | Value::ProjectClass(names) => names
                .get(attr)
                .cloned()
                .unwrap_or_else(|| named_like_client(attr)),
            _ => Value::Unknown,
        }
    }

    /// Whether another module importing this top-level value gets it as it is: the SDK, its
    /// classes and sure clients, factories and modules of them. Objects returned by a call
    /// (whose index is the file's own), run-time choices and names only looking like a client
    /// stay in their module.
    pub fn exportable(&self) -> bool {
        match self {
            Value::Module(_)
            | Value::ClientClass
            | Value::Factory(_)
            | Value::Namespace(_)
            | Value::ProjectClass(_) => true,
            Value::Client(_, certainty) | Value::Class(_, certainty) => {
                *certainty == Certainty::Certain
            }
            _ => false,
        }
    }

    /// True for values worth remembering in bindings: (part of) the SDK, or known not to be.
    pub fn is_known(&self) -> bool {
        !matches!(self, Value::Unknown)
    }

    /// The value of calling this value as a function (`StripeClient(key)`, `stripe.Customer(id)`).
    pub fn called(&self) -> Value {
        match self {
            Value::ClientClass => Value::Client(Vec::new(), Certainty::Certain),
            Value::Class(path, certainty) => Value::Constructed(path.clone(), *certainty),
            Value::Dynamic(reason) => Value::Dynamic(reason.clone()),
            Value::Factory(made) => (**made).clone(),
            Value::Foreign => Value::Foreign,
            Value::ProjectClass(attributes) => Value::Namespace(attributes.clone()),
            _ => Value::Unknown,
        }
    }
}

/// The parent's method a call on one of its nested lists stands for, as the older SDK's list
/// objects send it (`sources` + `create` → `create_source`, `all` → `list_sources`).
pub fn nested_method(verb: &str, property: &str) -> Option<String> {
    match verb {
        "create" | "retrieve" => Some(format!(
            "{verb}_{}",
            rakscan_core::naming::singular(property)
        )),
        "list" | "all" => Some(format!("list_{property}")),
        _ => None,
    }
}

/// What a v2 event notification is (`client.parse_event_notification(…)`, a parameter
/// annotated with one of the SDK's `…EventNotification` classes): an object whose
/// `fetch_event()` and `fetch_related_object()` send requests.
pub fn event_notification() -> Value {
    Value::Constructed(vec!["EventNotification".to_owned()], Certainty::Certain)
}

/// Whether a Stripe class is one of the SDK's v2 event notification classes
/// (`stripe.events.V1BillingMeterErrorReportTriggeredEventNotification`).
pub fn is_event_notification_class(value: &Value) -> bool {
    matches!(value, Value::Class(path, _) if path.last().is_some_and(|c| c.ends_with("EventNotification")))
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

/// A name that only *looks* like a Stripe client (`stripe`, `self._stripe`, `stripe_client`):
/// calls through it are reported only when they match a known operation.
pub fn named_like_client(name: &str) -> Value {
    use rakscan_core::naming::{ClientNameHint, client_name_hint};
    if client_name_hint(name) == Some(ClientNameHint::Stripe) {
        Value::Client(Vec::new(), Certainty::Likely)
    } else {
        Value::Unknown
    }
}
