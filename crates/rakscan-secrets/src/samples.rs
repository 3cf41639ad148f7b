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
//! * the key of the API reference around 2022 (body ending `U0Sj`), in copies of the reference
//!   pages next to requests on Stripe's demo account;
//! * the keys of Stripe's payment quickstarts (bodies ending `VQ2u` and `x4sd`), copied into
//!   many projects under the quickstart's own comment "This is a sample test API key."
//!
//! The first two were checked on Stripe's pages in the docs corpus; the others on copies of
//! Stripe's pages and quickstarts in public code.

/// The reason given for a documented sample key.
pub const SAMPLE_KEY_REASON: &str = "Stripe's publicly documented sample test key";

/// Fingerprints of the documented sample keys.
const SAMPLE_KEY_FINGERPRINTS: &[&str] = &[
    "94467aa489db7d75cce0e70933be4bc5b62ceef2b7950204d419a6f587b04d37",
    "df8f80b0a155656fcf9394ed7bdd09d5cab24e1eb8718fbdc830ac8b34c8b398",
    "2e815f210f7e657cd708ddaf610b184763063add5c528583403e13582c723f95",
    "860bb6d6e915f9568e090c91061e9dc740a8c978313758c48d51a42cec8adde2",
    "1fae7dfd37a2476e9be877d1d248d226f9aaba8435b47721946c4e11105088a4",
];

/// Whether the key with this [`fingerprint`](crate::redact::fingerprint) is one of Stripe's
/// documented sample keys.
pub fn is_documented_sample(fingerprint: &str) -> bool {
    SAMPLE_KEY_FINGERPRINTS.contains(&fingerprint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fake::key;
    use crate::patterns::PATTERNS;
    use crate::redact::fingerprint;

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
    fn other_keys_are_not_samples() {
        for seed in 0..100 {
            let other = key(&PATTERNS[1], 24, seed);
            assert!(!is_documented_sample(&fingerprint(&other)));
        }
        assert!(is_documented_sample(SAMPLE_KEY_FINGERPRINTS[0]));
    }
}
