//! Stripe's publicly documented sample test keys, known only by fingerprint.
//!
//! Stripe's documentation fills its examples with a sample test-mode secret key belonging to a
//! Stripe demo account, and tutorials copy it everywhere. Such a key is reported at the lowest
//! severity with [`SAMPLE_KEY_REASON`]. The keys are stored here as their
//! [`fingerprint`](crate::redact::fingerprint)s only, never as text:
//!
//! * the key of the API reference's "Authentication" section (docs.stripe.com/api/authentication,
//!   body ending `olfQ2`);
//! * the key of "Send your first Stripe API request" (docs.stripe.com/development/get-started,
//!   body ending `p7dc`), the API reference's sample for years;
//! * the key of the earlier Checkout quickstarts (body ending `x4sd`), found verbatim in many
//!   tutorials next to the two above (not re-checked on a current Stripe page).

use crate::redact::fingerprint;

/// The reason given for a documented sample key.
pub const SAMPLE_KEY_REASON: &str = "Stripe's publicly documented sample test key";

/// Fingerprints of the documented sample keys.
const SAMPLE_KEY_FINGERPRINTS: &[&str] = &[
    "94467aa489db7d75cce0e70933be4bc5b62ceef2b7950204d419a6f587b04d37",
    "df8f80b0a155656fcf9394ed7bdd09d5cab24e1eb8718fbdc830ac8b34c8b398",
    "1fae7dfd37a2476e9be877d1d248d226f9aaba8435b47721946c4e11105088a4",
];

/// Whether `key` is one of Stripe's documented sample keys.
pub fn is_documented_sample(key: &str) -> bool {
    is_in(key, SAMPLE_KEY_FINGERPRINTS)
}

/// Whether the fingerprint of `key` is in `fingerprints`.
fn is_in(key: &str, fingerprints: &[&str]) -> bool {
    let fp = fingerprint(key);
    fingerprints.iter().any(|known| *known == fp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fake::key;
    use crate::patterns::PATTERNS;

    #[test]
    fn table_holds_well_formed_distinct_fingerprints() {
        for (i, fp) in SAMPLE_KEY_FINGERPRINTS.iter().enumerate() {
            assert_eq!(fp.len(), 64);
            assert!(
                fp.bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
            );
            assert!(!SAMPLE_KEY_FINGERPRINTS[..i].contains(fp));
        }
    }

    #[test]
    fn lookup_compares_fingerprints() {
        let sample = key(&PATTERNS[1], 24, 42);
        let other = key(&PATTERNS[1], 24, 43);
        let table = [fingerprint(&sample)];
        let table: Vec<&str> = table.iter().map(String::as_str).collect();
        assert!(is_in(&sample, &table));
        assert!(!is_in(&other, &table));
        assert!(!is_documented_sample(&other));
    }
}
