//! How JavaScript code names a Stripe client when nothing binds it visibly.

/// Folds an identifier for comparison: lower case, without `_`, `$` and `#`.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '$' | '#'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether the folded identifier contains `stripe` (every name that may be a client's or a
/// factory's does). An ASCII name is matched byte by byte without making the folded string.
fn folds_to_stripe(name: &str) -> bool {
    const WORD: &[u8] = b"stripe";
    if !name.is_ascii() {
        return fold(name).contains("stripe");
    }
    // The word's letters are all different, so after a mismatch only an `s` starts it again.
    let mut matched = 0;
    for b in name.bytes().filter(|b| !matches!(b, b'_' | b'$' | b'#')) {
        matched = match b.to_ascii_lowercase() {
            b if b == WORD[matched] => matched + 1,
            b's' => 1,
            _ => 0,
        };
        if matched == WORD.len() {
            return true;
        }
    }
    false
}

/// A variable or property named like a Stripe client (`stripe`, `_stripe`, `stripeClient`,
/// `liveStripe`), not like Stripe data (`stripeCustomerId`, `stripeEvent`).
pub(crate) fn is_client_name(name: &str) -> bool {
    if !folds_to_stripe(name) {
        return false;
    }
    let f = fold(name);
    if f == "stripe" || (f.ends_with("stripe") && !f.starts_with("load")) {
        return true;
    }
    f.strip_prefix("stripe").is_some_and(|rest| {
        matches!(
            rest,
            "client"
                | "api"
                | "sdk"
                | "instance"
                | "service"
                | "connection"
                | "conn"
                | "server"
                | "node"
                | "lib"
                | "live"
                | "test"
                | "admin"
                | "platform"
        )
    })
}

/// A function named like a Stripe client factory (`getStripe`, `stripeFor`,
/// `createStripeClient`), not the browser loader `loadStripe`.
pub(crate) fn is_factory_name(name: &str) -> bool {
    if !folds_to_stripe(name) {
        return false;
    }
    let f = fold(name);
    !f.starts_with("load")
        && !f.starts_with("use")
        && (f.ends_with("stripe")
            || f.ends_with("client")
            || f.ends_with("instance")
            || f.ends_with("sdk")
            || f.ends_with("api")
            || f.starts_with("stripefor"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_names() {
        for n in [
            "stripe",
            "_stripe",
            "stripeClient",
            "liveStripe",
            "STRIPE",
            "#stripe",
        ] {
            assert!(is_client_name(n), "{n}");
        }
        for n in [
            "stripeCustomerId",
            "stripeEvent",
            "stripePromise",
            "loadStripe",
            "prisma",
        ] {
            assert!(!is_client_name(n), "{n}");
        }
    }

    #[test]
    fn factory_names() {
        for n in [
            "getStripe",
            "stripeFor",
            "createStripeClient",
            "getStripeInstance",
        ] {
            assert!(is_factory_name(n), "{n}");
        }
        for n in [
            "loadStripe",
            "useStripe",
            "getStripeCustomer",
            "formatPrice",
        ] {
            assert!(!is_factory_name(n), "{n}");
        }
    }

    #[test]
    fn the_stripe_word_is_found_in_folded_names_as_in_the_folded_string() {
        for name in [
            "stripe",
            "sstripe",
            "strstripe",
            "stripstripe",
            "s_t_r_i_p_e",
            "$S#tRiPe",
            "STRİPE",
            "ſtripe",
            "strip",
            "tripe",
            "getStripeClient",
            "",
            "prisma",
        ] {
            assert_eq!(
                folds_to_stripe(name),
                fold(name).contains("stripe"),
                "{name}"
            );
        }
    }
}
