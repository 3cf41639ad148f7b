//! rakscan's PHP extractor: finds the calls a PHP file makes through `stripe/stripe-php` and
//! turns them into rakscan's IR.
//!
//! Recognised: resource classes (`\Stripe\Customer::create([...])`, `Customer::retrieve($id)`
//! after `use Stripe\Customer;`, aliases and namespaces resolved as PHP does, so a bare
//! `Customer` of `App\Models` is not Stripe's), the `StripeClient` service tree
//! (`$stripe->customers->create`, `$stripe->v2->core->events->all`) with the client held in a
//! local, a typed or assigned property, a promoted constructor parameter, or returned by a
//! method of the file or by Laravel Cashier's `Cashier::stripe()`, a service a method returns
//! (by its `return` or its declared stripe-php service class, `\Stripe\Service\CustomerService`),
//! a parameter typed as one or one built with `new`, methods on the objects those
//! calls return (`$invoice->pay()`, `$customer->save()`), and raw requests with a literal path.

mod args;
mod extract;
mod facts;
mod lists;
mod names;
pub mod tree;
mod value;

use rakscan_core::{ExtractError, Extraction, Extractor};

/// File-name extensions of PHP source.
pub const EXTENSIONS: &[&str] = &["php", "phtml", "inc"];

/// How many times a file is walked at most: each round learns which properties and methods
/// hold a client, which calls earlier in the file may depend on. A round whose look-ups in
/// what it learnt would all find the same again is the last: the next would repeat it.
const MAX_ROUNDS: usize = 3;

/// Runs the main pass until it learns nothing new, [`MAX_ROUNDS`] times at most; with
/// `settle`, also stops after a round the next would repeat.
fn run_rounds(root: tree_sitter::Node<'_>, source: &str, settle: bool) -> Extraction {
    let mut known = facts::Facts {
        names_stripe_client: source.contains("StripeClient"),
        ..facts::Facts::default()
    };
    let mut extraction = Extraction::default();
    for _ in 0..MAX_ROUNDS {
        let round = extract::extract(root, source, &known);
        extraction = round.extraction;
        let learnt_new = known.absorb(round.learnt);
        let families = known.props.families();
        let settled = || round.lookups.iter().all(|l| l.holds_in(&known, &families));
        if !learnt_new || (settle && settled()) {
            break;
        }
    }
    extraction
}

/// The PHP extractor.
#[derive(Debug, Default, Clone, Copy)]
pub struct PhpExtractor;

impl Extractor for PhpExtractor {
    fn language(&self) -> &'static str {
        "php"
    }

    fn extensions(&self) -> &'static [&'static str] {
        EXTENSIONS
    }

    fn markers(&self) -> &'static [&'static str] {
        &["Stripe", "stripe"]
    }

    fn extract(&self, _path: &std::path::Path, source: &str) -> Result<Extraction, ExtractError> {
        let tree = tree::parse(source)?;
        let root = tree.root_node();
        let mut extraction = run_rounds(root, source, true);
        extraction
            .warnings
            .extend(rakscan_syntax::recovery_warning(root));
        Ok(extraction)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stopping at a round the next would repeat finds what running every round finds, on
    /// every PHP fixture and on files whose client property or factory, or a method returning a
    /// service, is defined below its use.
    #[test]
    fn settled_rounds_find_what_every_round_finds() {
        let mut sources = rakscan_syntax::testing::fixture_sources("php", "php");
        sources.push(
            "<?php\nclass A {\n  function pay() { return $this->client()->customers->create([]); }\n  \
             function charge() { $this->stripe->charges->create([]); }\n  \
             function client() { return $this->stripe; }\n  \
             function __construct() { $this->stripe = new \\Stripe\\StripeClient('k'); }\n}\n"
                .to_owned(),
        );
        sources.push(
            "<?php\nclass B {\n  function pay() { return $this->buyers()->create([]); }\n  \
             function ship() { return $this->carts()->create([]); }\n  \
             function buyers() { return $this->api()->customers; }\n  \
             function carts(): \\Stripe\\Service\\Checkout\\SessionService { return $this->x; }\n  \
             function api() { return $this->api; }\n  \
             function __construct() { $this->api = new \\Stripe\\StripeClient('k'); }\n}\n"
                .to_owned(),
        );
        let mut calls = 0;
        for source in &sources {
            let tree = tree::parse(source).expect("parses");
            let settled = run_rounds(tree.root_node(), source, true);
            let every = run_rounds(tree.root_node(), source, false);
            assert_eq!(settled, every, "{source}");
            calls += settled.calls.len();
        }
        assert!(calls > 10, "the sources make calls");
    }
}
