//! What an expression is known to hold, and the local-variable scopes that remember it.

use crate::names::ClientNameHint;

/// What the extractor knows an expression evaluates to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// The top-level `Stripe` module.
    StripeModule,
    /// A resource class below `Stripe` (`["Checkout", "Session"]`).
    Class(Vec<String>),
    /// A `Stripe::StripeClient` (v13+ service client).
    Client,
    /// Something only named like a Stripe client (`stripe_client` with no visible binding).
    LikelyClient(ClientNameHint),
    /// A service below a client (`["v1", "customers"]`), and whether the client was certain.
    Service(Vec<String>, bool),
    /// The object an earlier Stripe call returned: its index in `Extraction::calls` (or a
    /// placeholder for a method of the file defined further down, see `crate::returns`).
    Object(usize),
    /// One element of the list a Stripe call returned (the block parameter of
    /// `….list(…).auto_paging_each { |pm| … }`): the list call's index.
    Element(usize),
    /// A resource object built locally with `Stripe::Customer.new(id)`.
    ClassObject(Vec<String>),
    /// An options hash naming a connected account (`{ stripe_account: id }`).
    ConnectOptions,
    /// A v2 event notification handler (`client.notification_handler(secret) { … }`): the
    /// blocks given to it and to its `on_…` methods receive event notifications.
    NotificationHandler,
    /// A Stripe class picked at run time (`Stripe.const_get(name)`).
    DynamicClass,
    /// A local that exists (a parameter) but holds nothing known: its name may still hint.
    Unknown,
    /// Bound to something known not to be Stripe's (shadows a Stripe-like name).
    Other,
}

/// The local-variable scopes at a point of the walk: blocks and lambdas see (and assign) the locals around them; `def`, `class` and `module` do not.
pub type Scopes = rakscan_syntax::scopes::Scopes<Value>;
