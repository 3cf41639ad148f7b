//! rakscan's PHP extractor: finds the calls a PHP file makes through `stripe/stripe-php` and
//! turns them into rakscan's IR.
//!
//! Recognised: resource classes (`\Stripe\Customer::create([...])`, `Customer::retrieve($id)`
//! after `use Stripe\Customer;`, aliases and namespaces resolved as PHP does, so a bare
//! `Customer` of `App\Models` is not Stripe's), the `StripeClient` service tree
//! (`$stripe->customers->create`, `$stripe->v2->core->events->all`) with the client held in a
//! local, a typed or assigned property, a promoted constructor parameter, or returned by a
//! method of the file or by Laravel Cashier's `Cashier::stripe()`, methods on the objects those
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
        let mut known = facts::Facts {
            names_stripe_client: source.contains("StripeClient"),
            ..facts::Facts::default()
        };
        let mut extraction = Extraction::default();
        for _ in 0..MAX_ROUNDS {
            let round = extract::extract(root, source, &known);
            extraction = round.extraction;
            if !known.absorb(round.learnt) || round.lookups.iter().all(|l| l.holds_in(&known)) {
                break;
            }
        }
        extraction
            .warnings
            .extend(rakscan_syntax::recovery_warning(root));
        Ok(extraction)
    }
}
