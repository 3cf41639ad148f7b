//! What the file says about where clients live: properties that hold a `StripeClient`,
//! methods that return one or one of its services, and methods declared to return a Stripe
//! resource object or service. Learnt by the main pass itself and fed to the next round, so a
//! property assigned in a constructor written below its use is still known.

use rakscan_syntax::classes::{ClassScoped, Families};
use std::collections::HashSet;

/// Client holders and factories of one file. Properties and methods are kept by class (the
/// lower-cased full name, `None` outside any class): a class sees its own, its bases',
/// subclasses' and traits' within the file, never an unrelated class's.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Facts {
    /// Properties (`stripe` for `$this->stripe` and `self::$stripe`) that hold a client or
    /// are declared with a type that is not Stripe's; also each class's bases and traits.
    pub props: ClassScoped<Held>,
    /// Lower-cased names of the methods and functions of this file that return a client, a
    /// client service or a Stripe resource object (declared, or by a `return`).
    pub methods: ClassScoped<Returned>,
    /// Lower-cased names of every method and function this file defines.
    pub defined_methods: HashSet<String>,
    /// The file names `StripeClient` somewhere, so a `$client->customers->…` chain is
    /// probably Stripe's.
    pub names_stripe_client: bool,
}

/// What a property holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// A client (somewhere: a client beside another value stays a client).
    Client,
    /// Known not to be a client (declared or assigned another class).
    Other,
}

impl Held {
    /// What a property set to both `self` and `other` holds: a client if either is one.
    pub fn merge(&self, other: Held) -> Held {
        if *self == Held::Client {
            Held::Client
        } else {
            other
        }
    }
}

/// What a method of the file returns, when it is Stripe's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Returned {
    /// A client.
    Client,
    /// An object of this Stripe resource class (`["Subscription"]`).
    Object(Vec<String>),
    /// This service of a client (`["checkout", "sessions"]`), and whether the client is
    /// certain.
    Service(Vec<String>, bool),
}

impl Returned {
    /// What a method defined or returning twice returns: a client if either is one, else a
    /// service of a certain client over one of a likely client, else the later.
    pub fn merge(&self, other: Returned) -> Returned {
        match (self, &other) {
            (Returned::Client, _) => Returned::Client,
            (Returned::Service(_, true), Returned::Service(_, false)) => self.clone(),
            _ => other,
        }
    }
}

/// A name a round looked up in the facts, and what it found there: a later round gives the
/// same result as this one when every look-up of this one finds the same with the facts
/// learnt by then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    of: Asked,
    /// The class the name is read in (`None`: outside any class, or any class).
    class: Option<String>,
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
    /// The method returns this service of a client, certain or likely.
    Service(Vec<String>, bool),
    /// Known not to be a client, or not known and not hinted.
    Nothing,
    /// Not known, but the name suggests a client.
    Hinted,
}

/// Where a look-up reads: the facts known from earlier rounds, what this round learnt so far,
/// the classes of the file grouped by inheritance, and the class read in.
pub struct Place<'a> {
    pub known: &'a Facts,
    pub learnt: &'a Facts,
    pub families: &'a Families,
    pub class: Option<&'a str>,
}

impl Lookup {
    /// Looks up property `name`.
    pub fn property(at: &Place<'_>, name: &str, hinted: bool) -> Lookup {
        Lookup::new(Asked::Property, at, name, hinted)
    }

    /// Looks up method `lower`; whether the file defines it is taken from `known` alone (a
    /// method defined further down counts from the next round on).
    pub fn method(at: &Place<'_>, lower: &str, hinted: bool) -> Lookup {
        Lookup::new(Asked::Method, at, lower, hinted)
    }

    fn new(of: Asked, at: &Place<'_>, name: &str, hinted: bool) -> Lookup {
        let (families, class) = (at.families, at.class);
        let (client, found, not) = match of {
            Asked::Property => {
                let get = |f: &Facts| f.props.get(families, class, name, Held::merge);
                let held = match (get(at.known), get(at.learnt)) {
                    (Some(a), Some(b)) => Some(a.merge(b)),
                    (a, b) => a.or(b),
                };
                (held == Some(Held::Client), None, held == Some(Held::Other))
            }
            Asked::Method => {
                let get = |f: &Facts| f.methods.get(families, class, name, Returned::merge);
                let returned = match (get(at.known), get(at.learnt)) {
                    (Some(a), Some(b)) => Some(a.merge(b)),
                    (a, b) => a.or(b),
                };
                let not = at.known.defined_methods.contains(name);
                match returned {
                    Some(Returned::Client) => (true, None, not),
                    Some(Returned::Object(path)) => (false, Some(Answer::Object(path)), not),
                    Some(Returned::Service(path, certain)) => {
                        (false, Some(Answer::Service(path, certain)), not)
                    }
                    None => (false, None, not),
                }
            }
        };
        let answer = match (client, found, not, hinted) {
            (true, _, _, _) => Answer::Client,
            (false, Some(found), _, _) => found,
            (false, None, false, true) => Answer::Hinted,
            _ => Answer::Nothing,
        };
        Lookup {
            of,
            class: class.map(str::to_owned),
            name: name.to_owned(),
            hinted,
            answer,
        }
    }

    /// Whether the same look-up in `facts` (grouped into `families`, and nothing learnt yet)
    /// finds the same.
    pub fn holds_in(&self, facts: &Facts, families: &Families) -> bool {
        let place = Place {
            known: facts,
            learnt: &Facts::default(),
            families,
            class: self.class.as_deref(),
        };
        let again = Lookup::new(self.of, &place, &self.name, self.hinted);
        again.answer == self.answer
    }
}

impl Facts {
    /// Adds what another round learnt; returns whether anything was new.
    pub fn absorb(&mut self, other: Facts) -> bool {
        let defined = self.defined_methods.len();
        let props = self.props.absorb(other.props, Held::merge);
        let methods = self.methods.absorb(other.methods, Returned::merge);
        self.defined_methods.extend(other.defined_methods);
        self.names_stripe_client |= other.names_stripe_client;
        props || methods || defined != self.defined_methods.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_hold_until_the_facts_change_their_answer() {
        let mut known = Facts::default();
        let mut learnt = Facts::default();
        learnt.props.set(None, "stripe", Held::Client, Held::merge);
        learnt.defined_methods.insert("client".to_owned());
        learnt.defined_methods.insert("helper".to_owned());
        let families = Families::default();
        let (prop, method, plain, other) = {
            let at = Place {
                known: &known,
                learnt: &learnt,
                families: &families,
                class: None,
            };
            (
                Lookup::property(&at, "stripe", false),
                Lookup::method(&at, "client", true),
                Lookup::method(&at, "helper", false),
                Lookup::method(&at, "unknown", true),
            )
        };
        assert_eq!(prop.answer, Answer::Client);
        assert_eq!(method.answer, Answer::Hinted, "not defined until absorbed");
        assert_eq!(plain.answer, Answer::Nothing);
        assert_eq!(other.answer, Answer::Hinted);
        // Before absorbing: the property is not known yet; the methods still undefined.
        assert!(!prop.holds_in(&known, &families));
        assert!(method.holds_in(&known, &families));
        known.absorb(learnt);
        assert!(prop.holds_in(&known, &families));
        assert!(
            !method.holds_in(&known, &families),
            "defined now: no longer hinted"
        );
        assert!(plain.holds_in(&known, &families), "nothing either way");
        assert!(other.holds_in(&known, &families));
    }
}
