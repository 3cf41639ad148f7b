//! What the file says about where clients live: properties that hold a `StripeClient`,
//! methods that return one, and methods declared to return a Stripe resource object. Learnt by the main pass itself and fed to the next round, so a
//! property assigned in a constructor written below its use is still known.

use std::collections::{HashMap, HashSet};

/// Client holders and factories of one file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Facts {
    /// Property names (`stripe` for `$this->stripe` and `self::$stripe`) that hold a client.
    pub client_props: HashSet<String>,
    /// Property names declared with a type that is not Stripe's: known not to be clients.
    pub other_props: HashSet<String>,
    /// Lower-cased names of the methods and functions of this file that return a client.
    pub client_methods: HashSet<String>,
    /// Lower-cased names of the methods and functions of this file declared to return a
    /// Stripe resource object, with its class path below `Stripe\` (`["Subscription"]`).
    pub object_methods: HashMap<String, Vec<String>>,
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
pub struct Lookup {
    of: Asked,
    /// The property name, or the lower-cased method name.
    name: String,
    /// Whether the name alone suggests a client (this does not change between rounds).
    hinted: bool,
    pub answer: Answer,
}

/// What is looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asked {
    Property,
    Method,
}

/// What a look-up finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The property holds a client; the method returns one.
    Client,
    /// The method returns an object of this Stripe resource class.
    Object(Vec<String>),
    /// Known not to be a client, or not known and not hinted.
    Nothing,
    /// Not known, but the name suggests a client.
    Hinted,
}

impl Lookup {
    /// Looks up property `name` in `known` and in what the round `learnt` so far.
    pub fn property(known: &Facts, learnt: &Facts, name: &str, hinted: bool) -> Lookup {
        Lookup::new(Asked::Property, known, learnt, name, hinted)
    }

    /// Looks up method `lower` in `known` and in what the round `learnt` so far; whether the
    /// file defines it is taken from `known` alone (a method defined further down counts
    /// from the next round on).
    pub fn method(known: &Facts, learnt: &Facts, lower: &str, hinted: bool) -> Lookup {
        Lookup::new(Asked::Method, known, learnt, lower, hinted)
    }

    fn new(of: Asked, known: &Facts, learnt: &Facts, name: &str, hinted: bool) -> Lookup {
        let either = |set: fn(&Facts) -> &HashSet<String>| {
            set(known).contains(name) || set(learnt).contains(name)
        };
        let (client, not) = match of {
            Asked::Property => (either(|f| &f.client_props), either(|f| &f.other_props)),
            Asked::Method => (
                either(|f| &f.client_methods),
                known.defined_methods.contains(name),
            ),
        };
        let object = match of {
            Asked::Method => known
                .object_methods
                .get(name)
                .or_else(|| learnt.object_methods.get(name)),
            Asked::Property => None,
        };
        let answer = match (client, object, not, hinted) {
            (true, _, _, _) => Answer::Client,
            (false, Some(path), _, _) => Answer::Object(path.clone()),
            (false, None, false, true) => Answer::Hinted,
            _ => Answer::Nothing,
        };
        Lookup {
            of,
            name: name.to_owned(),
            hinted,
            answer,
        }
    }

    /// Whether the same look-up in `facts` (and nothing learnt yet) finds the same.
    pub fn holds_in(&self, facts: &Facts) -> bool {
        let again = Lookup::new(self.of, facts, &Facts::default(), &self.name, self.hinted);
        again.answer == self.answer
    }
}

impl Facts {
    /// Adds what another round learnt; returns whether anything was new.
    pub fn absorb(&mut self, other: Facts) -> bool {
        let before = (
            self.client_props.len(),
            self.other_props.len(),
            self.client_methods.len(),
            self.object_methods.len(),
            self.defined_methods.len(),
        );
        self.client_props.extend(other.client_props);
        self.other_props.extend(other.other_props);
        self.client_methods.extend(other.client_methods);
        for (name, path) in other.object_methods {
            self.object_methods.entry(name).or_insert(path);
        }
        self.defined_methods.extend(other.defined_methods);
        self.names_stripe_client |= other.names_stripe_client;
        before
            != (
                self.client_props.len(),
                self.other_props.len(),
                self.client_methods.len(),
                self.object_methods.len(),
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
        learnt.defined_methods.insert("helper".to_owned());
        let prop = Lookup::property(&known, &learnt, "stripe", false);
        let method = Lookup::method(&known, &learnt, "client", true);
        let plain = Lookup::method(&known, &learnt, "helper", false);
        let other = Lookup::method(&known, &learnt, "unknown", true);
        assert_eq!(prop.answer, Answer::Client);
        assert_eq!(method.answer, Answer::Hinted, "not defined until absorbed");
        assert_eq!(plain.answer, Answer::Nothing);
        assert_eq!(other.answer, Answer::Hinted);
        // Before absorbing: the property is not known yet; the methods still undefined.
        assert!(!prop.holds_in(&known));
        assert!(method.holds_in(&known));
        known.absorb(learnt);
        assert!(prop.holds_in(&known));
        assert!(!method.holds_in(&known), "defined now: no longer hinted");
        assert!(plain.holds_in(&known), "nothing either way");
        assert!(other.holds_in(&known));
    }
}
