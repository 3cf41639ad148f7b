//! Variables in scope: a stack of frames (class bodies for fields, methods, blocks, lambdas).

use crate::names::TypeRef;
use crate::value::Binding;
use std::collections::{HashMap, HashSet};

/// One frame of names.
#[derive(Default)]
struct Frame {
    /// A class body: holds fields and the methods that return a Stripe type.
    is_class: bool,
    vars: HashMap<String, Binding>,
    /// Methods of the class declared to return a Stripe client or resource class.
    method_types: HashMap<String, TypeRef>,
    connect_methods: HashSet<String>,
}

/// The stack of frames while walking a file.
#[derive(Default)]
pub struct Scopes {
    frames: Vec<Frame>,
}

impl Scopes {
    pub fn push(&mut self, is_class: bool) {
        self.frames.push(Frame {
            is_class,
            ..Frame::default()
        });
    }

    pub fn pop(&mut self) {
        self.frames.pop();
    }

    /// Declares a variable in the innermost frame (shadowing outer ones).
    pub fn declare(&mut self, name: &str, binding: Binding) {
        if let Some(frame) = self.frames.last_mut() {
            frame.vars.insert(name.to_owned(), binding);
        }
    }

    /// Declares a method of the innermost class that returns a Stripe type (`StripeClient`,
    /// `Subscription`).
    pub fn declare_method_type(&mut self, name: &str, ty: TypeRef) {
        if let Some(frame) = self.frames.iter_mut().rev().find(|f| f.is_class) {
            frame.method_types.insert(name.to_owned(), ty);
        }
    }

    /// Declares a method of the innermost class that builds request options for a connected
    /// account (`RequestOptions.builder().setStripeAccount(…)`).
    pub fn declare_connect_method(&mut self, name: &str) {
        if let Some(frame) = self.frames.iter_mut().rev().find(|f| f.is_class) {
            frame.connect_methods.insert(name.to_owned());
        }
    }

    /// Whether an unqualified method name builds connected-account request options.
    pub fn is_connect_method(&self, name: &str) -> bool {
        self.frames
            .iter()
            .rev()
            .filter(|f| f.is_class)
            .any(|f| f.connect_methods.contains(name))
    }

    /// The variable a name refers to, innermost first.
    pub fn lookup(&self, name: &str) -> Option<&Binding> {
        self.frames.iter().rev().find_map(|f| f.vars.get(name))
    }

    /// The variable a name refers to, for updating it.
    pub fn lookup_mut(&mut self, name: &str) -> Option<&mut Binding> {
        self.frames
            .iter_mut()
            .rev()
            .find_map(|f| f.vars.get_mut(name))
    }

    /// A field of the innermost class (`this.name`).
    pub fn field_mut(&mut self, name: &str) -> Option<&mut Binding> {
        self.frames
            .iter_mut()
            .rev()
            .find(|f| f.is_class)
            .and_then(|f| f.vars.get_mut(name))
    }

    /// A field of the innermost class (`this.name`).
    pub fn field(&self, name: &str) -> Option<&Binding> {
        self.frames
            .iter()
            .rev()
            .find(|f| f.is_class)
            .and_then(|f| f.vars.get(name))
    }

    /// The Stripe type an unqualified method of an enclosing class is declared to return.
    pub fn method_type(&self, name: &str) -> Option<&TypeRef> {
        self.frames
            .iter()
            .rev()
            .filter(|f| f.is_class)
            .find_map(|f| f.method_types.get(name))
    }
}
