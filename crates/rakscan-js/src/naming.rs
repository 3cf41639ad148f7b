//! How JavaScript code names a Stripe client when nothing binds it visibly.

/// Folds an identifier for comparison: lower case, without `_`, `$` and `#`.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '$' | '#'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A variable or property named like a Stripe client (`stripe`, `_stripe`, `stripeClient`,
/// `liveStripe`), not like Stripe data (`stripeCustomerId`, `stripeEvent`).
pub(crate) fn is_client_name(name: &str) -> bool {
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
    let f = fold(name);
    f.contains("stripe")
        && !f.starts_with("load")
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
}
