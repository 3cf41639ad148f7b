//! What the extractor knows an expression evaluates to.

use rakscan_core::Certainty;

/// The abstract value of a Python expression, as far as Stripe is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Nothing Stripe-related is known.
    Unknown,
    /// The `stripe` package or one of its sub-modules (`stripe.checkout` → `["checkout"]`).
    Module(Vec<String>),
    /// The `StripeClient` class itself.
    ClientClass,
    /// A client, or a service below it (`client.v1.checkout` → `["v1", "checkout"]`).
    Client(Vec<String>, Certainty),
    /// A resource class below the package (`stripe.checkout.Session` → `["checkout", "Session"]`).
    Class(Vec<String>),
    /// The object returned by the SDK call with this index in the extraction.
    Returned(usize),
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

            Value::Module(path) if starts_upper(attr) => Value::Class(push(path)),
            Value::Module(path) => Value::Module(push(path)),
            Value::Client(path, certainty) => Value::Client(push(path), *certainty),
            Value::Class(path) if attr == "TestHelpers" => Value::Class(push(path)),
            _ => Value::Unknown,
        }
    }

    /// True for values that are (part of) the SDK, worth remembering in bindings.
    pub fn is_stripe(&self) -> bool {
        !matches!(self, Value::Unknown)
    }
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}
