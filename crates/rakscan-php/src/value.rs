//! What an expression is known to hold, and the local-variable scopes that remember it.

use crate::lists::ClientNameHint;
use std::collections::HashMap;

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
    /// An options array naming a connected account (`['stripe_account' => $id]`).
    ConnectOptions,
    /// Bound to something known not to be Stripe's (shadows a Stripe-like name).
    Other,
}

/// One level of local variables.
#[derive(Debug, Default)]
struct Scope {
    /// An arrow function sees the variables of the scope around it; other functions do not.
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
    /// Opens a scope: `closure` for arrow functions.
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

    /// The value of a variable visible here.
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

    /// Assigns a variable of the innermost function scope.
    pub fn set(&mut self, name: &str, value: Value) {
        if let Some(scope) = self.stack.last_mut() {
            scope.locals.insert(name.to_owned(), value);
        }
    }

    /// The value a variable has in the scope that encloses the innermost one (for a closure's
    /// `use ($x)` list, read when the closure is entered).
    pub fn get_outer(&self, name: &str) -> Option<&Value> {
        let n = self.stack.len();
        if n < 2 {
            return None;
        }
        self.stack[n - 2].locals.get(name)
    }
}
