//! Fake, real-shaped keys built at run time, for tests. This repository holds no key-shaped
//! literal: tests (here and in the CLI) generate the keys they scan for with these functions.

use crate::patterns::{Charset, Pattern, TrueExample};

/// A small deterministic generator (SplitMix64): same seed, same keys, on every machine.
#[derive(Debug, Clone)]
pub struct FakeRng(u64);

impl FakeRng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        FakeRng(seed)
    }

    /// The next 64 pseudo-random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// `len` characters drawn from `charset`.
    pub fn body(&mut self, charset: Charset, len: usize) -> String {
        let alphabet = charset.alphabet();
        (0..len)
            .map(|_| {
                // The modulo bias is irrelevant for fake keys.
                let i = (self.next_u64() % alphabet.len() as u64) as usize;
                char::from(alphabet[i])
            })
            .collect()
    }
}

/// The key a true example describes: the pattern's prefix, the example's lead, then random
/// characters up to the example's length.
pub fn example_key(pattern: &Pattern, example: &TrueExample) -> String {
    let mut rng = FakeRng::new(example.seed);
    let random = rng.body(
        example.alphabet,
        example.len.saturating_sub(example.lead.len()),
    );
    format!("{}{}{}", pattern.prefix, example.lead, random)
}

/// A real-shaped key of `pattern` with a body of `len` characters drawn from its charset.
pub fn key(pattern: &Pattern, len: usize, seed: u64) -> String {
    let mut rng = FakeRng::new(seed);
    format!("{}{}", pattern.prefix, rng.body(pattern.charset, len))
}

/// A false example's line: `{P}` becomes the pattern's prefix and each `{R}` a fresh random
/// body of the pattern's shortest real length.
pub fn false_example_line(pattern: &Pattern, template: &str, seed: u64) -> String {
    let mut rng = FakeRng::new(seed);
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{P}") {
            out.push_str(pattern.prefix);
            rest = after;
        } else if let Some(after) = tail.strip_prefix("{R}") {
            out.push_str(&rng.body(Charset::Alphanumeric, pattern.min_len));
            rest = after;
        } else {
            out.push('{');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::PATTERNS;

    #[test]
    fn generation_is_deterministic_and_in_charset() {
        let a = FakeRng::new(7).body(Charset::Alphanumeric, 40);
        let b = FakeRng::new(7).body(Charset::Alphanumeric, 40);
        assert_eq!(a, b);
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric()));
        let hex = FakeRng::new(7).body(Charset::LowerHex, 64);
        assert!(hex.bytes().all(|c| Charset::LowerHex.contains(c)));
    }

    #[test]
    fn templates_fill_prefix_and_random_bodies() {
        let p = &PATTERNS[0];
        let line = false_example_line(p, "x{P}{R}{y}", 1);
        assert!(line.starts_with(&format!("x{}", p.prefix)));
        assert!(line.ends_with("{y}"));
        assert_eq!(line.len(), 1 + p.prefix.len() + p.min_len + 3);
    }
}
