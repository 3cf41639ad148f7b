//! What an expression is known to hold, and the local-variable scopes that remember it.

use crate::names::ClientNameHint;
use std::collections::HashMap;

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
    /// A Stripe class picked at run time (`Stripe.const_get(name)`).
    DynamicClass,
    /// A local that exists (a parameter) but holds nothing known: its name may still hint.
    Unknown,
    /// Bound to something known not to be Stripe's (shadows a Stripe-like name).
    Other,
}

/// One level of local variables.
#[derive(Debug, Default)]
struct Scope {
    /// A block sees (and assigns) the locals of the scope around it; a `def` does not.
    closure: bool,
    locals: HashMap<String, Value>,
}

/// The local-variable scopes at a point of the walk, innermost last.
#[derive(Debug)]
pub struct Scopes {
    stack: Vec<Scope>,
}

impl Default for Scopes {
    fn default() -> Self {
        Scopes {
            stack: vec![Scope::default()],
        }
    }
}

impl Scopes {
    /// Opens a scope: `closure` for blocks and lambdas, not for `def`, `class` and `module`.
    pub fn push(&mut self, closure: bool) {
        self.stack.push(Scope {
            closure,
            locals: HashMap::new(),
        });
    }

    /// Closes the innermost scope (the file's own scope is never closed).
    pub fn pop(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    /// The value of a local variable visible here.
    pub fn get(&self, name: &str) -> Option<&Value> {
        for scope in self.stack.iter().rev() {
            if let Some(v) = scope.locals.get(name) {
                return Some(v);
            }
            if !scope.closure {
                break;
            }
        }
        None
    }

    /// Assigns a local: an existing visible one is updated, otherwise it is created here.
    pub fn set(&mut self, name: &str, value: Value) {
        for scope in self.stack.iter_mut().rev() {
            if let Some(slot) = scope.locals.get_mut(name) {
                *slot = value;
                return;
            }
            if !scope.closure {
                break;
            }
        }
        if let Some(scope) = self.stack.last_mut() {
            scope.locals.insert(name.to_owned(), value);
        }
    }

    /// Declares a local in the innermost scope (block parameters shadow outer locals).
    pub fn declare(&mut self, name: &str, value: Value) {
        if let Some(scope) = self.stack.last_mut() {
            scope.locals.insert(name.to_owned(), value);
        }
    }
}
