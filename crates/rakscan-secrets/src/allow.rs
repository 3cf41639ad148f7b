//! The inline allow marker: `rakscan:allow` anywhere on a key's line accepts that key.
//!
//! It is matched in the raw text, so it works in any comment syntax (`#`, `//`, `/* */`,
//! `<!-- -->`, `--`, `;`) and in files rakscan does not parse (`.env`, YAML, JSON strings).
//! One space after the colon is tolerated (`rakscan: allow`).

use memchr::memmem;

/// Whether `line` carries the allow marker.
pub fn line_is_allowed(line: &[u8]) -> bool {
    let mut rest = line;
    while let Some(i) = memmem::find(rest, b"rakscan:") {
        let after = &rest[i + b"rakscan:".len()..];
        let after = after.strip_prefix(b" ").unwrap_or(after);
        if after.starts_with(b"allow") {
            return true;
        }
        rest = &rest[i + 1..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_in_any_comment_syntax() {
        for line in [
            "KEY=value # rakscan:allow",
            "const k = 'v'; // rakscan: allow (rotated, test account)",
            "<!-- rakscan:allow --> value",
            "k: v  # rakscan:ignore then rakscan:allow",
        ] {
            assert!(line_is_allowed(line.as_bytes()), "{line}");
        }
    }

    #[test]
    fn other_text_is_not_the_marker() {
        for line in [
            "KEY=value",
            "# rakscan:ignore",
            "rakscan allow",
            "rakscan:  allow",
        ] {
            assert!(!line_is_allowed(line.as_bytes()), "{line}");
        }
    }
}
