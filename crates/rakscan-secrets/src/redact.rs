//! Showing a key without revealing it: redaction and content fingerprints.

use sha2::{Digest, Sha256};

/// How many trailing characters of the body a redacted key keeps.
const KEPT_TAIL: usize = 4;

/// Bodies this short or shorter are redacted without a tail: four characters would give
/// away too much of them.
const MIN_BODY_FOR_TAIL: usize = 12;

/// The key as outputs show it: its prefix (everything up to the last `_`), `…`, and the last
/// four characters, e.g. `sk_live_…a1b2`. Bodies of 12 characters or fewer keep no tail.
pub fn redact(key: &str) -> String {
    let body_start = key.rfind('_').map_or(0, |i| i + 1);
    let (prefix, body) = key.split_at(body_start);
    let chars = body.chars().count();
    if chars <= MIN_BODY_FOR_TAIL {
        return format!("{prefix}…");
    }
    let tail: String = body.chars().skip(chars - KEPT_TAIL).collect();
    format!("{prefix}…{tail}")
}

/// Domain separation for [`fingerprint`], so the value is not a plain SHA-256 of the key.
const FINGERPRINT_SALT: &[u8] = b"rakscan-secret-v1\0";

/// The salted SHA-256 of a key, as 64 lowercase hex digits. It identifies the key in
/// outputs and baselines without revealing it.
pub fn fingerprint(key: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(FINGERPRINT_SALT);
    hasher.update(key.as_bytes());
    hex(&hasher.finalize())
}

/// Lowercase hex of some bytes.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0xf)] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_prefix_and_last_four() {
        let key = ["sk", "live", "AbCdEfGhIjKlMnOpQrStUvWx"].join("_");
        assert_eq!(redact(&key), "sk_live_…UvWx");
        let org = ["sk", "org", "live", "AbCdEfGhIjKlMnOpQrStUvWx"].join("_");
        assert_eq!(redact(&org), "sk_org_live_…UvWx");
    }

    #[test]
    fn short_bodies_keep_no_tail() {
        assert_eq!(redact("whsec_abc"), "whsec_…");
    }

    #[test]
    fn fingerprint_is_stable_salted_sha256() {
        // SHA-256 of the salt followed by "abc", computed independently (Python hashlib).
        let fp = fingerprint("abc");
        assert_eq!(
            fp,
            "ea19f792654ae336df99b0961da5f80b8cd032eab6b98d6c640c807c9d3c704d"
        );
        assert_ne!(fp, fingerprint("abd"));
        assert_eq!(hex(&[0x00, 0xab, 0xff]), "00abff");
    }
}
