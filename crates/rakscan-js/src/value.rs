//! The abstract values the analysis gives to expressions: how an expression relates to the
//! Stripe SDK.

use rakscan_core::Certainty;
use std::collections::BTreeMap;

/// Longest service path kept (`v2.core.accounts.persons` is 4 below the client).
const MAX_SERVICE_DEPTH: usize = 6;
/// Most keys kept for an object literal value.
const MAX_OBJECT_KEYS: usize = 32;

/// What an expression is, as far as Stripe is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// Nothing is known: naming heuristics may still apply.
    Unknown,
    /// Bound to something that is not the Stripe SDK.
    Other,
    /// The `stripe` package itself: the Stripe class, callable and constructible.
    Sdk,
    /// A Stripe client instance.
    Client(Certainty),
    /// A function that returns a client.
    Factory(Certainty),
    /// A function that returns an object holding something of the SDK
    /// (`function clients() { return { stripe }; }`).
    Returns(Box<Value>),
    /// A service below a client (`stripe.checkout.sessions` → `["checkout", "sessions"]`).
    Service(Vec<String>, Certainty),
    /// A service or method picked by a computed key (`stripe[name]`).
    Dynamic(Certainty),
    /// What an API call returned (a promise, a list with paging helpers).
    Response,
    /// A v2 event notification handler (`client.notificationHandler(secret, fallback)`): the
    /// callbacks given to it and to its `on` receive event notifications.
    NotificationHandler(Certainty),
    /// A v2 event notification (`client.parseEventNotification(…)`, a handler's callback
    /// parameter) or v2 event, whose `fetchEvent` and `fetchRelatedObject` send requests.
    EventNotification(Certainty),
    /// The `this` of a class body.
    This,
    /// An object literal, module namespace or class instance, by key.
    Object(BTreeMap<String, Value>),
    /// A class, with the instance members that hold something of the SDK.
    Class(BTreeMap<String, Value>),
}

impl Value {
    /// How strongly a value ties a name to Stripe; the strongest binding of a name wins.
    fn rank(&self) -> u8 {
        match self {
            Value::Client(Certainty::Certain) => 12,
            Value::Factory(Certainty::Certain) => 11,
            Value::Sdk => 10,
            Value::Service(_, Certainty::Certain) => 9,
            Value::Object(m) | Value::Class(m) if m.values().any(Value::is_stripe) => 8,
            Value::Returns(v) if v.is_stripe() => 8,
            Value::Client(Certainty::Likely) => 7,
            Value::Factory(Certainty::Likely) => 6,
            Value::Service(_, Certainty::Likely) => 5,
            Value::Dynamic(_) => 4,
            Value::Response | Value::NotificationHandler(_) | Value::EventNotification(_) => 3,
            Value::Object(_) | Value::Class(_) | Value::Returns(_) => 2,
            Value::Other | Value::This => 1,
            Value::Unknown => 0,
        }
    }

    /// Whether the value is (or holds) something of the SDK.
    pub(crate) fn is_stripe(&self) -> bool {
        match self {
            Value::Sdk
            | Value::Client(_)
            | Value::Factory(_)
            | Value::Service(..)
            | Value::Dynamic(_) => true,
            Value::Object(m) | Value::Class(m) => m.values().any(Value::is_stripe),
            Value::Returns(v) => v.is_stripe(),
            _ => false,
        }
    }

    /// The least upper bound of two bindings of one name.
    pub(crate) fn join(self, other: Value) -> Value {
        match (self, other) {
            (Value::Object(mut a), Value::Object(b)) => {
                for (k, v) in b {
                    if a.len() >= MAX_OBJECT_KEYS && !a.contains_key(&k) {
                        continue;
                    }
                    let merged = match a.remove(&k) {
                        Some(old) => old.join(v),
                        None => v,
                    };
                    a.insert(k, merged);
                }
                Value::Object(a)
            }
            (Value::Returns(a), Value::Returns(b)) => Value::Returns(Box::new(a.join(*b))),
            (a, b) => {
                if b.rank() > a.rank() {
                    b
                } else {
                    a
                }
            }
        }
    }

    /// The value of `self.name`. `This` members are looked up by the caller.
    pub(crate) fn member(&self, name: &str) -> Value {
        match self {
            Value::Sdk => match name {
                "default" | "Stripe" => Value::Sdk,
                // `Stripe.webhooks` is also a static helper on the class.
                "webhooks" => Value::Service(vec![name.to_owned()], Certainty::Certain),
                _ => Value::Other,
            },
            Value::Client(c) => Value::Service(vec![name.to_owned()], *c),
            Value::Service(path, c) if path.len() < MAX_SERVICE_DEPTH => {
                let mut path = path.clone();
                path.push(name.to_owned());
                Value::Service(path, *c)
            }
            Value::Dynamic(c) => Value::Dynamic(*c),
            Value::Response => Value::Response,
            Value::Object(m) => m.get(name).cloned().unwrap_or(Value::Unknown),
            _ => Value::Unknown,
        }
    }

    /// The value of `self[expr]` where the key is not a literal.
    pub(crate) fn computed_member(&self) -> Value {
        match self {
            Value::Client(c) | Value::Service(_, c) | Value::Dynamic(c) => Value::Dynamic(*c),
            _ => Value::Unknown,
        }
    }

    /// The value of calling `self(…)` or `new self(…)`.
    pub(crate) fn called(&self) -> Value {
        match self {
            Value::Sdk => Value::Client(Certainty::Certain),
            Value::Factory(c) => Value::Client(*c),
            Value::Returns(v) => (**v).clone(),
            Value::Service(path, c) => match path.join(".").as_str() {
                "parseEventNotification" | "parseThinEvent" | "v2.core.events.retrieve" => {
                    Value::EventNotification(*c)
                }
                "notificationHandler" | "notificationHandlerWithoutVerification" => {
                    Value::NotificationHandler(*c)
                }
                _ => Value::Response,
            },
            Value::Dynamic(_) | Value::Response => Value::Response,
            Value::Client(Certainty::Likely) => Value::Client(Certainty::Likely),
            Value::Other => Value::Other,
            _ => Value::Unknown,
        }
    }

    /// The value of `new self(…)`: a client for the SDK, an instance for a class.
    pub(crate) fn constructed(&self) -> Value {
        match self {
            Value::Class(m) => Value::Object(m.clone()),
            Value::Sdk => Value::Client(Certainty::Certain),
            _ => Value::Other,
        }
    }

    /// Builds an object value from its entries, keeping at most a bounded number of keys.
    pub(crate) fn object(entries: impl IntoIterator<Item = (String, Value)>) -> Value {
        Value::Object(entries.into_iter().take(MAX_OBJECT_KEYS).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_binding_beats_other_bindings() {
        let c = Value::Client(Certainty::Certain);
        assert_eq!(Value::Other.join(c.clone()), c);
        assert_eq!(c.clone().join(Value::Unknown), c);
        assert_eq!(Value::Unknown.join(Value::Other), Value::Other);
    }

    #[test]
    fn members_of_a_client_are_services() {
        let c = Value::Client(Certainty::Certain);
        assert_eq!(
            c.member("checkout").member("sessions"),
            Value::Service(
                vec!["checkout".into(), "sessions".into()],
                Certainty::Certain
            )
        );
        assert_eq!(Value::Sdk.member("default").called(), c);
        assert_eq!(Value::Sdk.member("errors"), Value::Other);
    }
}
