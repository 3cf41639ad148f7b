//! What the extractor knows about an expression or a variable.

use rakscan_core::Certainty;

/// Request modifiers an expression carries towards the call it is passed to: literal expand
/// paths (`.addExpand("customer")`, `params.put("expand", List.of(…))`) and a connected
/// account (`RequestOptions.builder().setStripeAccount(…)`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extras {
    pub expand: Vec<String>,
    pub connect: bool,
}

impl Extras {
    pub fn is_empty(&self) -> bool {
        self.expand.is_empty() && !self.connect
    }

    /// Adds another set of modifiers to this one.
    pub fn merge(&mut self, other: &Extras) {
        for e in &other.expand {
            if !self.expand.contains(e) {
                self.expand.push(e.clone());
            }
        }
        self.connect |= other.connect;
    }
}

/// A `StripeClient` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client {
    pub certainty: Certainty,
    /// Built with `.setStripeAccount(…)`: every request goes to a connected account.
    pub connect: bool,
}

/// A sub-collection reached from a fetched object (`customer.getSources()`), whose methods are
/// the parent's nested methods (`create` → `createSource`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nested {
    pub owner: Vec<String>,
    pub origin: Option<usize>,
    pub singular: &'static str,
    pub plural: &'static str,
}

/// The abstract value of an expression.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Value {
    #[default]
    Unknown,
    /// The `StripeClient` class itself (`StripeClient.builder()`).
    ClientClass,
    /// A `StripeClient.builder()` chain before `build()`.
    ClientBuilder {
        connect: bool,
    },
    Client(Client),
    /// Stripe's OAuth helper class (`com.stripe.net.OAuth`).
    OAuthClass,
    /// A service below a client (`client.v1().checkout().sessions()`), as the getter names.
    Service {
        client: Client,
        path: Vec<String>,
    },
    /// A Stripe resource class (`Customer`, `com.stripe.model.checkout.Session`).
    ModelClass(Vec<String>),
    /// A Stripe object: its class when a declaration names it, its origin when an earlier
    /// call returned it.
    Object {
        class: Option<Vec<String>>,
        origin: Option<usize>,
    },
    Nested(Nested),
    /// A list of literal strings (`List.of("a")`, an `ArrayList` filled with `add("a")`).
    Strings(Vec<String>),
}

/// A variable: its value and the modifiers it carries.
#[derive(Debug, Clone, Default)]
pub struct Binding {
    pub value: Value,
    pub extras: Extras,
}
