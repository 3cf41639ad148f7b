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
