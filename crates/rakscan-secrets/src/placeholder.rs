//! Telling real-shaped keys from placeholders, masks and fill text.
//!
//! A real key body is random base62 (or hex/base64): long runs, counting sequences, short
//! repeating units, a single character class, low Shannon entropy and template words are all
//! vanishingly rare in it (each below about one in 100,000 for the shortest real bodies) and
//! common in documentation and sample configuration.

/// A run of this many identical characters, or of characters counting up or down by one
/// (`1234567`, `abcdefg`), marks a placeholder.
const RUN_LIMIT: usize = 7;

/// Bodies whose Shannon entropy (bits per character) is below this are fill text.
const MIN_ENTROPY: f64 = 3.0;

/// A body made of a unit this short, repeated at least three times, is fill text.
const MAX_PERIOD: usize = 8;

/// Words that template and documentation keys are made of, each matched in lower case,
/// upper case and capitalised. Words of four letters count only at the start of the body
/// (anywhere, they would turn up in about one real current key in 20,000).
const TEMPLATE_WORDS: &[&str] = &[
    "your",
    "fake",
    "xxxx",
    "dummy",
    "example",
    "sample",
    "placeholder",
    "redacted",
    "insert",
    "replace",
    "changeme",
    "secret",
];

/// Why `body` (the characters after the prefix) is a placeholder, or `None` when it looks
/// like a real key.
pub fn placeholder_reason(body: &[u8]) -> Option<&'static str> {
    if longest_run(body, |a, b| a == b) >= RUN_LIMIT {
        return Some("repeated character");
    }
    let up = longest_run(body, |a, b| b.checked_sub(a) == Some(1));
    let down = longest_run(body, |a, b| a.checked_sub(b) == Some(1));
    if up.max(down) >= RUN_LIMIT {
        return Some("counting sequence");
    }
    if has_short_period(body) {
        return Some("repeated pattern");
    }
    if single_class(body) {
        return Some("single character class");
    }
    if entropy(body) < MIN_ENTROPY {
        return Some("low entropy");
    }
    if has_template_word(body) {
        return Some("template word");
    }
    None
}

/// Length of the longest run in which every neighbouring pair satisfies `step`.
fn longest_run(body: &[u8], step: impl Fn(u8, u8) -> bool) -> usize {
    let mut best = usize::from(!body.is_empty());
    let mut current = best;
    for pair in body.windows(2) {
        current = if step(pair[0], pair[1]) {
            current + 1
        } else {
            1
        };
        best = best.max(current);
    }
    best
}

/// Whether the body repeats a unit of at most [`MAX_PERIOD`] characters three times or more.
fn has_short_period(body: &[u8]) -> bool {
    (1..=MAX_PERIOD)
        .filter(|p| body.len() >= 3 * p)
        .any(|p| body.iter().zip(&body[p..]).all(|(a, b)| a == b))
}

/// Whether every letter-or-digit of the body is of one class (all digits, all lower case, or
/// all upper case letters).
fn single_class(body: &[u8]) -> bool {
    let alnum = || body.iter().filter(|b| b.is_ascii_alphanumeric());
    alnum().all(u8::is_ascii_digit)
        || alnum().all(u8::is_ascii_lowercase)
        || alnum().all(u8::is_ascii_uppercase)
}

/// Shannon entropy of the body's bytes, in bits per byte.
fn entropy(body: &[u8]) -> f64 {
    if body.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in body {
        counts[usize::from(b)] += 1;
    }
    let n = body.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

/// Whether the body contains a template word, in lower, upper or capitalised case.
fn has_template_word(body: &[u8]) -> bool {
    TEMPLATE_WORDS.iter().any(|word| {
        let found = |form: &Vec<u8>| {
            if word.len() <= 4 {
                body.starts_with(form)
            } else {
                memchr::memmem::find(body, form).is_some()
            }
        };
        let lower = word.as_bytes().to_vec();
        let upper = word.to_ascii_uppercase().into_bytes();
        let mut capital = lower.clone();
        capital[0] = capital[0].to_ascii_uppercase();
        [lower, upper, capital].iter().any(found)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fake::FakeRng;
    use crate::patterns::Charset;

    #[test]
    fn placeholders_are_recognised() {
        let cases: &[(&str, &str)] = &[
            ("xxxxxxxxxxxxxxxxxxxxxxxx", "repeated character"),
            ("a1234567890bcdefghiJKLMN", "counting sequence"),
            ("zyxwvutsr0Q8m2K4d9Lp3Vn7", "counting sequence"),
            ("abcd1234abcd1234abcd1234", "repeated pattern"),
            ("thisisnotarealkeyatallfolks", "single character class"),
            ("aAbBaAbBcCaAbBcCaAbBaAbB", "low entropy"),
            ("YourK3yGoesHere9xQ2mZHj7", "template word"),
            ("Hj7K3yExampleGoesHere9xQ", "template word"),
        ];
        for (body, reason) in cases {
            assert_eq!(placeholder_reason(body.as_bytes()), Some(*reason), "{body}");
        }
    }

    #[test]
    fn random_bodies_are_not_placeholders() {
        let shapes = [
            (Charset::Alphanumeric, 24),
            (Charset::Alphanumeric, 99),
            (Charset::LowerHex, 64),
            (Charset::Base64, 32),
        ];
        for (charset, len) in shapes {
            for seed in 0..2000 {
                let body = FakeRng::new(seed).body(charset, len);
                assert_eq!(
                    placeholder_reason(body.as_bytes()),
                    None,
                    "seed {seed} {charset:?} {len}"
                );
            }
        }
    }
}
