//! What an expression is known to hold, and the local-variable scopes that remember it.

use crate::lists::ClientNameHint;

/// What the extractor knows an expression evaluates to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A `Stripe\StripeClient`.
    Client,
    /// Something only named like a client (`$stripe` with no visible binding).
    LikelyClient(ClientNameHint),
    /// A service below a client (`["v2", "core", "events"]`), and whether the client was
    /// certain.
    Service(Vec<String>, bool),
    /// The object an earlier Stripe call returned: its index in `Extraction::calls`.
    Object(usize),
    /// A resource object built locally with `new \Stripe\Customer($id)`.
    ClassObject(Vec<String>),
    /// A nested list property of a Stripe object (`$customer->sources`): the object (an
    /// [`Value::Object`] or [`Value::ClassObject`]) and the property name.
    Collection(Box<Value>, String),
    /// A v2 event notification handler (`$client->notificationHandler($secret, $fallback)`):
    /// the closures given to it and to its `on…` methods receive event notifications.
    NotificationHandler,
    /// An options array naming a connected account (`['stripe_account' => $id]`).
    ConnectOptions,
    /// Bound to something known not to be Stripe's (shadows a Stripe-like name).
    Other,
}

/// The local-variable scopes at a point of the walk: arrow functions see the variables around them; other functions do not.
pub type Scopes = rakscan_syntax::scopes::Scopes<Value>;
