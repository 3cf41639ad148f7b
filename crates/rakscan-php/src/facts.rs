//! What the file says about where clients live: properties that hold a `StripeClient` and
//! methods that return one. Learnt by the main pass itself and fed to the next round, so a
//! property assigned in a constructor written below its use is still known.

use std::collections::HashSet;

/// Client holders and factories of one file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Facts {
    /// Property names (`stripe` for `$this->stripe` and `self::$stripe`) that hold a client.
    pub client_props: HashSet<String>,
    /// Property names declared with a type that is not Stripe's: known not to be clients.
    pub other_props: HashSet<String>,
    /// Lower-cased names of the methods and functions of this file that return a client.
    pub client_methods: HashSet<String>,
    /// Lower-cased names of every method and function this file defines.
    pub defined_methods: HashSet<String>,
    /// The file names `StripeClient` somewhere, so a `$client->customers->…` chain is
    /// probably Stripe's.
    pub names_stripe_client: bool,
}

/// A name a round looked up in the facts, and what it found there: a later round gives the
/// same result as this one when every look-up of this one finds the same with the facts
/// learnt by then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// A property name: whether it holds a client, whether it is known not to.
    Property {
        name: String,
        client: bool,
        other: bool,
    },
    /// A lower-cased method name: whether it returns a client, whether the file defines it.
    Method {
        name: String,
        client: bool,
        defined: bool,
    },
}

impl Lookup {
    /// Looks up property `name` in `known` and in what the round `learnt` so far.
    pub fn property(known: &Facts, learnt: &Facts, name: &str) -> Lookup {
        let either = |set: fn(&Facts) -> &HashSet<String>| {
            set(known).contains(name) || set(learnt).contains(name)
        };
        Lookup::Property {
            name: name.to_owned(),
            client: either(|f| &f.client_props),
            other: either(|f| &f.other_props),
        }
    }

    /// Looks up method `lower` in `known` and in what the round `learnt` so far; whether the
    /// file defines it is taken from `known` alone (a method defined further down counts
    /// from the next round on).
    pub fn method(known: &Facts, learnt: &Facts, lower: &str) -> Lookup {
        Lookup::Method {
            name: lower.to_owned(),
            client: known.client_methods.contains(lower) || learnt.client_methods.contains(lower),
            defined: known.defined_methods.contains(lower),
        }
    }

    /// Whether the same look-up in `facts` (and nothing learnt yet) finds the same.
    pub fn holds_in(&self, facts: &Facts) -> bool {
        let none = Facts::default();
        match self {
            Lookup::Property { name, .. } => Lookup::property(facts, &none, name) == *self,
            Lookup::Method { name, .. } => Lookup::method(facts, &none, name) == *self,
        }
    }
}

impl Facts {
    /// Adds what another round learnt; returns whether anything was new.
    pub fn absorb(&mut self, other: Facts) -> bool {
        let before = (
            self.client_props.len(),
            self.other_props.len(),
            self.client_methods.len(),
            self.defined_methods.len(),
        );
        self.client_props.extend(other.client_props);
        self.other_props.extend(other.other_props);
        self.client_methods.extend(other.client_methods);
        self.defined_methods.extend(other.defined_methods);
        self.names_stripe_client |= other.names_stripe_client;
        before
            != (
                self.client_props.len(),
                self.other_props.len(),
                self.client_methods.len(),
                self.defined_methods.len(),
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_hold_until_the_facts_change_their_answer() {
        let mut known = Facts::default();
        let mut learnt = Facts::default();
        learnt.client_props.insert("stripe".to_owned());
        learnt.defined_methods.insert("client".to_owned());
        let prop = Lookup::property(&known, &learnt, "stripe");
        let method = Lookup::method(&known, &learnt, "client");
        let other = Lookup::method(&known, &learnt, "unknown");
        assert!(matches!(
            prop,
            Lookup::Property {
                client: true,
                other: false,
                ..
            }
        ));
        assert!(matches!(
            method,
            Lookup::Method {
                client: false,
                defined: false,
                ..
            }
        ));
        // Before absorbing: the property is not known yet; the method still undefined.
        assert!(!prop.holds_in(&known));
        assert!(method.holds_in(&known));
        known.absorb(learnt);
        assert!(prop.holds_in(&known));
        assert!(!method.holds_in(&known), "the method counts as defined now");
        assert!(other.holds_in(&known));
    }
}
