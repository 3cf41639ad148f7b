//! Methods of the file that return a Stripe object (`def self.fetch(id) =
//! Stripe::Customer.retrieve(id)`, a memoising `def sub = (@sub ||= Stripe::Subscription.…)`),
//! and the calls on their results, also when the method is defined below the code that calls it.
//!
//! A method called before its definition stands for a placeholder origin; once the whole file is
//! read, [`MethodReturns::finish`] points each call on a placeholder at the call the method really
//! returns, and drops those whose method turned out to return nothing of Stripe's.

use crate::value::Value;
use rakscan_core::ir::{CallStyle, SdkCall};
use std::collections::{HashMap, HashSet};

/// Origins at or above this index are placeholders (`PLACEHOLDER + n` is the n-th method called
/// before its definition). No file has that many calls.
const PLACEHOLDER: usize = usize::MAX / 2;

/// A method by its lexical namespace (`Billing::Sync`, empty at the top level) and name.
pub type MethodKey = (String, String);

/// What the file's methods return.
#[derive(Debug, Default)]
pub struct MethodReturns {
    /// The Stripe object each method returns, once its definition was read.
    known: HashMap<MethodKey, Value>,
    /// Every method whose definition was read, whatever it returns.
    read: HashSet<MethodKey>,
    /// Methods called before their definition, by placeholder number.
    deferred: Vec<MethodKey>,
    /// The placeholder number of each method in `deferred` (a file may call thousands).
    placeholders: HashMap<MethodKey, usize>,
}

impl MethodReturns {
    /// Records what a method's last expression holds, when its definition has been read.
    pub fn define(&mut self, key: MethodKey, returned: Option<Value>) {
        if let Some(v @ (Value::Object(_) | Value::Element(_) | Value::ClassObject(_))) = returned {
            self.known.insert(key.clone(), v);
        }
        self.read.insert(key);
    }

    /// What calling a method returns: the object its definition returns, a placeholder when
    /// the method is defined later in the file (`defined_later`), nothing otherwise.
    pub fn value(&mut self, key: MethodKey, defined_later: bool) -> Option<Value> {
        if let Some(v) = self.known.get(&key) {
            return Some(v.clone());
        }
        if self.read.contains(&key) || !defined_later {
            return None;
        }
        let next = self.deferred.len();
        let n = *self.placeholders.entry(key).or_insert_with_key(|key| {
            self.deferred.push(key.clone());
            next
        });
        Some(Value::Object(PLACEHOLDER + n))
    }

    /// Replaces each placeholder origin with what the method returned, then removes the calls
    /// on methods that returned nothing of Stripe's (and the calls on those calls' results).
    pub fn finish(&self, calls: &mut Vec<SdkCall>) {
        let mut keep = vec![true; calls.len()];
        for (i, call) in calls.iter_mut().enumerate() {
            let (origin, element) = match call.style {
                CallStyle::Instance { origin: Some(o) } => (o, false),
                CallStyle::Element { origin } => (origin, true),
                _ => continue,
            };
            if origin < PLACEHOLDER {
                continue;
            }
            match (self.target(origin), element) {
                (Some(Value::Object(j)), false) => {
                    call.style = CallStyle::Instance { origin: Some(j) }
                }
                (Some(Value::Object(j)), true) | (Some(Value::Element(j)), false) => {
                    call.style = CallStyle::Element { origin: j }
                }
                (Some(Value::ClassObject(path)), false) => {
                    call.style = CallStyle::Instance { origin: None };
                    call.receiver = path;
                }
                _ => keep[i] = false,
            }
        }
        // A call on the result of a removed call goes too (origins may point forward).
        let mut changed = true;
        while changed {
            changed = false;
            for i in 0..calls.len() {
                let gone = origin_of(&calls[i]).is_some_and(|o| keep.get(o) != Some(&true));
                if keep[i] && gone {
                    keep[i] = false;
                    changed = true;
                }
            }
        }
        let mut new_index = vec![usize::MAX; calls.len()];
        let mut next = 0;
        for (i, kept) in keep.iter().enumerate() {
            if *kept {
                new_index[i] = next;
                next += 1;
            }
        }
        let mut i = 0;
        calls.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        for call in calls.iter_mut() {
            match &mut call.style {
                CallStyle::Instance { origin: Some(o) } | CallStyle::Element { origin: o } => {
                    *o = new_index[*o]
                }
                _ => {}
            }
        }
    }

    /// What a placeholder stands for, following methods that return another method's result.
    fn target(&self, origin: usize) -> Option<Value> {
        let mut origin = origin;
        for _ in 0..=self.deferred.len() {
            let key = self.deferred.get(origin.checked_sub(PLACEHOLDER)?)?;
            match self.known.get(key)? {
                Value::Object(o) if *o >= PLACEHOLDER => origin = *o,
                Value::Element(o) if *o >= PLACEHOLDER => return None,
                v => return Some(v.clone()),
            }
        }
        None
    }
}

/// The index of the call whose result a call works on.
fn origin_of(call: &SdkCall) -> Option<usize> {
    match call.style {
        CallStyle::Instance { origin } => origin,
        CallStyle::Element { origin } => Some(origin),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> MethodKey {
        (String::new(), name.to_owned())
    }

    #[test]
    fn each_method_called_before_its_definition_keeps_one_placeholder_in_order_of_first_call() {
        let mut returns = MethodReturns::default();
        let names: Vec<String> = (0..500).map(|i| format!("m{i}")).collect();
        for round in 0..2 {
            for (n, name) in names.iter().enumerate() {
                let value = returns.value(key(name), true);
                assert_eq!(value, Some(Value::Object(PLACEHOLDER + n)), "round {round}");
            }
        }
        assert_eq!(returns.deferred.len(), names.len());
        // Defined without a Stripe object: no placeholder any more, and none for the unknown.
        returns.define(key("m0"), None);
        assert_eq!(returns.value(key("m0"), true), None);
        assert_eq!(returns.value(key("other"), false), None);
    }
}
