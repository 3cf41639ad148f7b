//! One test over the whole registry: every pattern's true examples are found with the right
//! type and severity, and none of its false examples is reported. Keys are generated here.

use rakscan_secrets::fake::{example_key, false_example_line};
use rakscan_secrets::patterns::PATTERNS;
use rakscan_secrets::{SecretType, Severity, scan};

#[test]
fn every_pattern_finds_its_true_examples_and_rejects_its_false_ones() {
    for (p_index, pattern) in PATTERNS.iter().enumerate() {
        assert!(
            !pattern.true_examples.is_empty() && !pattern.false_examples.is_empty(),
            "{} needs examples of both kinds",
            pattern.prefix
        );
        assert!(
            !pattern.sources.is_empty(),
            "{} needs sources",
            pattern.prefix
        );
        for example in pattern.true_examples {
            let key = example_key(pattern, example);
            let line = example.line.replace("{K}", &key);
            let found = scan(line.as_bytes()).findings;
            assert_eq!(found.len(), 1, "{}: {:?}", pattern.prefix, example);
            let f = &found[0];
            assert_eq!(f.secret_type, pattern.secret_type, "{line}");
            assert_eq!(f.severity, pattern.severity, "{line}");
            assert_eq!(f.expose_secret(), key);
            assert_eq!(&line.as_bytes()[f.span.clone()], key.as_bytes());
            assert!(f.redacted.starts_with(pattern.prefix) && f.redacted.contains('…'));
            assert!(key.ends_with(&f.redacted[f.redacted.len() - 4..]));
        }
        for (i, template) in pattern.false_examples.iter().enumerate() {
            let line = false_example_line(pattern, template, (p_index * 100 + i) as u64);
            let found = scan(line.as_bytes()).findings;
            assert!(
                found.is_empty(),
                "{} reported: {line} -> {found:?}",
                pattern.prefix
            );
        }
    }
}

#[test]
fn severities_follow_the_mode_of_the_key() {
    for pattern in PATTERNS {
        let expected = match pattern.secret_type {
            SecretType::SecretKeyLive
            | SecretType::RestrictedKeyLive
            | SecretType::WebhookSecret
            | SecretType::OrganizationKey => Severity::Error,
            SecretType::SecretKeyTest
            | SecretType::RestrictedKeyTest
            | SecretType::OrganizationKeyTest => Severity::Warning,
        };
        assert_eq!(pattern.severity, expected, "{}", pattern.prefix);
    }
}

#[test]
fn prefixes_are_distinct_and_bounds_sane() {
    for (i, p) in PATTERNS.iter().enumerate() {
        assert!(p.min_len >= 24 && p.min_len <= p.max_len, "{}", p.prefix);
        assert!(p.prefix.len() + p.max_len <= 255, "{}", p.prefix);
        assert!(PATTERNS[..i].iter().all(|q| q.prefix != p.prefix));
        assert!(
            !p.prefix.starts_with("pk_"),
            "publishable keys are not secrets"
        );
    }
}
