//! The secret pass over the raw bytes of one file.

use crate::context;
use crate::finding::{SecretFinding, SecretText, SecretType, Severity};
use crate::lines::LineCursor;
use crate::patterns::{PATTERNS, Pattern};
use crate::placeholder::placeholder_reason;
use crate::redact::{fingerprint, redact};
use crate::samples::{SAMPLE_KEY_REASON, is_documented_sample};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;
use std::sync::LazyLock;

/// One automaton over every prefix of the registry. It is the prefilter too: a file without
/// any prefix costs one pass of it and nothing else.
static PREFIXES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(PATTERNS.iter().map(|p| p.prefix))
        .expect("the registry's prefixes form a valid automaton")
});

/// What the secret pass found in one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileScan {
    /// Real-shaped keys, in file order, without those accepted inline.
    pub findings: Vec<SecretFinding>,
    /// How many real-shaped keys were accepted by a `rakscan:allow` marker on their line.
    pub allowed_inline: usize,
    /// Those accepted keys themselves: not reported, but still redacted wherever the file's
    /// text is shown.
    pub allowed: Vec<SecretFinding>,
}

/// Scans the bytes of a file (any encoding; text or not) for secrets.
pub fn scan(bytes: &[u8]) -> FileScan {
    let mut out = FileScan::default();
    let mut lines = LineCursor::default();
    let mut occurrences: HashMap<(SecretType, String), usize> = HashMap::new();
    for m in PREFIXES.find_iter(bytes) {
        let pattern = &PATTERNS[m.pattern().as_usize()];
        let Some(candidate) = candidate(bytes, m.start(), m.end(), pattern) else {
            continue;
        };
        let occurrence = occurrences
            .entry((pattern.secret_type, candidate.fingerprint.clone()))
            .or_insert(0);
        let this_occurrence = *occurrence;
        *occurrence += 1;

        let position = lines.locate(bytes, m.start());
        let key = candidate.key;
        let context = context::detect(&bytes[position.line_start..m.start()]);
        let finding = SecretFinding {
            secret_type: pattern.secret_type,
            severity: candidate.severity,
            span: m.start()..m.start() + key.len(),
            line: position.line,
            column: position.column,
            redacted: redact(&key),
            fingerprint: candidate.fingerprint,
            occurrence: this_occurrence,
            reason: candidate.reason,
            context,
            hint: context.map(|_| context::hint(pattern.secret_type)),
            secret: SecretText(key),
        };
        if position.allowed {
            out.allowed_inline += 1;
            out.allowed.push(finding);
        } else {
            out.findings.push(finding);
        }
    }
    out
}

/// A prefix match that passed every check: a real-shaped key or a documented sample.
struct Candidate {
    key: String,
    fingerprint: String,
    severity: Severity,
    reason: Option<&'static str>,
}

/// Checks the prefix found at `start..prefix_end`: word boundary before it, body charset and
/// length, placeholder tests; documented sample keys are kept at the lowest severity.
fn candidate(
    bytes: &[u8],
    start: usize,
    prefix_end: usize,
    pattern: &Pattern,
) -> Option<Candidate> {
    if !starts_a_token(bytes, start) {
        return None;
    }
    let body_len = bytes[prefix_end..]
        .iter()
        .take_while(|&&b| pattern.charset.contains(b))
        .count();
    if body_len < pattern.min_len || body_len > pattern.max_len {
        return None;
    }
    let end = prefix_end + body_len;
    // Prefix and body are ASCII, so this cannot fail; a failure just drops the match.
    let key = std::str::from_utf8(&bytes[start..end]).ok()?.to_owned();
    let fingerprint = fingerprint(&key);
    let (severity, reason) = if is_documented_sample(&fingerprint) {
        (Severity::Info, Some(SAMPLE_KEY_REASON))
    } else if placeholder_reason(&bytes[prefix_end..end]).is_some() {
        return None;
    } else {
        (pattern.severity, None)
    };
    Some(Candidate {
        fingerprint,
        key,
        severity,
        reason,
    })
}

/// Whether a key may start at `start`: not inside a longer word (`task_test_…` is not a
/// key), except after a string escape such as `\n` (keys inside JSON-encoded text) or a
/// percent-encoded byte (`%3D`).
fn starts_a_token(bytes: &[u8], start: usize) -> bool {
    let Some(&before) = start.checked_sub(1).and_then(|i| bytes.get(i)) else {
        return true;
    };
    if !before.is_ascii_alphanumeric() {
        return true;
    }
    // `\n`, `\r` or `\t` right before the key, the backslash not itself escaped.
    let string_escape = matches!(before, b'n' | b'r' | b't')
        && start >= 2
        && bytes[start - 2] == b'\\'
        && (start < 3 || bytes[start - 3] != b'\\');
    // A percent-encoded byte (`key%3Dsk_live_…` in URLs and logs).
    let percent_escape = start >= 3
        && bytes[start - 3] == b'%'
        && bytes[start - 2].is_ascii_hexdigit()
        && before.is_ascii_hexdigit();
    string_escape || percent_escape
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fake;

    #[test]
    fn line_and_column_count_characters_in_any_encoding() {
        let key = fake::key(&PATTERNS[0], 24, 9);
        // "é" is two bytes; 0xFF is invalid UTF-8 and counts as one character.
        let mut text = b"first\r\nsecond line\n\xC3\xA9\xFF k=".to_vec();
        text.extend_from_slice(key.as_bytes());
        let found = scan(&text).findings;
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (3, 6));
        assert_eq!(&text[found[0].span.clone()], key.as_bytes());
    }

    #[test]
    fn occurrences_count_repeats_of_the_same_key() {
        let a = fake::key(&PATTERNS[0], 24, 1);
        let b = fake::key(&PATTERNS[0], 24, 2);
        let text = format!("{a}\n{b}\n{a} # rakscan:allow\n{a}\n");
        let scan = scan(text.as_bytes());
        let occ: Vec<usize> = scan.findings.iter().map(|f| f.occurrence).collect();
        assert_eq!(occ, [0, 0, 2]);
        assert_eq!(scan.allowed_inline, 1);
    }

    #[test]
    fn escapes_before_a_key_are_boundaries() {
        let key = fake::key(&PATTERNS[0], 24, 3);
        let found = |text: String| scan(text.as_bytes()).findings.len();
        assert_eq!(found(format!("\"x\\n{key}\"")), 1);
        assert_eq!(found(format!("\"x\\\\n{key}\"")), 0);
        assert_eq!(found(format!("xn{key}")), 0);
        assert_eq!(found(format!("/v1?key%3D{key}&x=1")), 1);
        assert_eq!(found(format!("x%3Dz{key}")), 0);
    }

    #[test]
    fn arbitrary_bytes_and_huge_lines_are_handled() {
        // Random bytes sprinkled with prefixes: no panic, whatever is found is well-formed.
        let mut rng = fake::FakeRng::new(5);
        let mut junk = Vec::new();
        for i in 0..200_000u32 {
            junk.push((rng.next_u64() & 0xff) as u8);
            if i % 997 == 0 {
                junk.extend_from_slice(PATTERNS[(i as usize) % PATTERNS.len()].prefix.as_bytes());
            }
        }
        for f in scan(&junk).findings {
            assert!(f.line >= 1 && f.column >= 1 && f.span.end <= junk.len());
        }
        // One long line holding 5,000 keys: lines and columns stay linear in the input.
        let key = fake::key(&PATTERNS[0], 24, 4);
        let line = format!("{key}, ").repeat(5_000);
        let found = scan(line.as_bytes()).findings;
        assert_eq!(found.len(), 5_000);
        assert_eq!(found[4_999].column, 4_999 * (key.len() + 2) + 1);
        assert_eq!(found[4_999].occurrence, 4_999);
    }
}
