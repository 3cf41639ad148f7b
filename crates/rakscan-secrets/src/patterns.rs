//! The registry of secret patterns: one table, one entry per kind of Stripe secret.
//!
//! # Key formats and where they come from
//!
//! * Prefixes. Stripe's "API keys" page (docs.stripe.com/keys) and API reference
//!   ("Authentication") name `sk_live_` / `sk_test_` secret keys, `rk_live_` / `rk_test_`
//!   restricted keys and `pk_live_` / `pk_test_` publishable keys; publishable keys are meant
//!   to be public and are not in this table. The "Organization API keys" page
//!   (docs.stripe.com/keys/organization-api-keys) says organization keys are all prefixed
//!   `sk_org`, whatever their permissions (there is no `rk_org`). Stripe does not document
//!   what follows `sk_org_`, so this table accepts an optional `live_` / `test_` mode segment
//!   and the same body as account keys; a test segment is the only thing that lowers the
//!   severity.
//! * Bodies of API keys. Older keys have a 24-character base62 body (the shape Stripe's own
//!   documentation samples have, and the one detect-secrets, Nosey Parker and several YARA
//!   rules match as `[0-9a-zA-Z]{24}`). Keys issued since about 2019 have a 99-character
//!   base62 body starting with `51` (the real-shaped examples in gitleaks's Stripe rule
//!   tests). trufflehog's Stripe detector matches `[rs]k_live_[a-zA-Z0-9]{20,30}` and so
//!   misses current keys; gitleaks matches `(sk|rk)_(test|live|prod)_` with 10 to 99
//!   case-insensitive alphanumerics. Here: case-sensitive base62, at least 24 characters and
//!   at most what keeps the whole key within 255 characters (247 after `sk_live_`), the
//!   bound Stripe gives for the identifiers it generates; no published bound exists for keys.
//! * Webhook signing secrets. Dashboard endpoints show `whsec_` and 32 base62 characters;
//!   `stripe listen` (Stripe CLI) prints `whsec_` and 64 lowercase hex digits; SonarSource's
//!   rule matches `whsec_[0-9a-zA-Z]{32,64}`. The Standard Webhooks specification (Svix)
//!   uses the same `whsec_` prefix with a base64 body, so `+` and `/` are accepted too, up
//!   to 88 characters (base64 of 64 bytes); padding `=` is not part of the match.
//!
//! Every entry carries its own true examples (recipes: the key is generated at test time,
//! this repository holds no key-shaped literal) and false examples; one test checks them all.

use crate::finding::{SecretType, Severity};

/// The characters a key body may be made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    /// `[0-9A-Za-z]`.
    Alphanumeric,
    /// `[0-9a-f]`: only used to generate Stripe CLI webhook secrets in examples.
    LowerHex,
    /// `[0-9A-Za-z+/]`.
    Base64,
}

impl Charset {
    /// Whether `b` may appear in a body of this charset.
    pub fn contains(self, b: u8) -> bool {
        match self {
            Charset::Alphanumeric => b.is_ascii_alphanumeric(),
            Charset::LowerHex => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
            Charset::Base64 => b.is_ascii_alphanumeric() || b == b'+' || b == b'/',
        }
    }

    /// Every character of the charset, in byte order.
    pub fn alphabet(self) -> &'static [u8] {
        match self {
            Charset::Alphanumeric => {
                b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
            }
            Charset::LowerHex => b"0123456789abcdef",
            Charset::Base64 => b"+/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        }
    }
}

/// A recipe for a real-shaped key and a line that holds it, generated at test time.
#[derive(Debug, Clone, Copy)]
pub struct TrueExample {
    /// The line, with `{K}` where the generated key goes.
    pub line: &'static str,
    /// Fixed characters the body starts with (`51` for current API keys).
    pub lead: &'static str,
    /// Body length, `lead` included.
    pub len: usize,
    /// Characters the random part of the body is drawn from.
    pub alphabet: Charset,
    /// Seed of the generator, so every run builds the same key.
    pub seed: u64,
}

/// One kind of secret: how to recognise it and how serious it is.
#[derive(Debug, Clone, Copy)]
pub struct Pattern {
    /// What the secret is; also the rule id.
    pub secret_type: SecretType,
    /// The literal text every key of this kind starts with.
    pub prefix: &'static str,
    /// Characters of the body that follows the prefix.
    pub charset: Charset,
    /// Shortest body accepted.
    pub min_len: usize,
    /// Longest body accepted; a longer run of body characters is not a key.
    pub max_len: usize,
    /// Severity of a real-shaped key of this kind.
    pub severity: Severity,
    /// One line on what the secret grants.
    pub description: &'static str,
    /// Where the format facts come from.
    pub sources: &'static [&'static str],
    /// Lines with real-shaped keys that must be found (generated at test time).
    pub true_examples: &'static [TrueExample],
    /// Lines that must not be reported. `{P}` stands for the prefix and `{R}` for a random
    /// real-shaped body, both filled in at test time.
    pub false_examples: &'static [&'static str],
}

const STRIPE_KEYS_DOC: &str = "https://docs.stripe.com/keys";
const STRIPE_AUTH_DOC: &str = "https://docs.stripe.com/api/authentication";
const STRIPE_ORG_KEYS_DOC: &str = "https://docs.stripe.com/keys/organization-api-keys";
const STRIPE_WEBHOOKS_DOC: &str = "https://docs.stripe.com/webhooks";
const STANDARD_WEBHOOKS: &str = "https://www.standardwebhooks.com";

/// False examples shared by the API-key patterns: placeholders, masks, look-alikes.
const API_KEY_FALSE_EXAMPLES: &[&str] = &[
    "{P}",
    "STRIPE_SECRET_KEY={P}...",
    "STRIPE_SECRET_KEY=\"{P}<your key>\"",
    "api_key: {P}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "key = '{P}XXXXXXXXXXXXXXXXXXXXXXXXXXXX'",
    "stripe.api_key = \"{P}123\"",
    "shown in the Dashboard as {P}****abcd",
    "{P}1234567890abcdefghijklmnopqrstuv",
    "{P}abababababababababababababababab",
    "{P}abcd1234abcd1234abcd1234abcd1234",
    "{P}000000000000000000000000000000",
    "{P}yourStripeSecretKeyGoesHere1234",
    "{P}EXAMPLEKEYEXAMPLEKEYEXAMPLEKEY99",
    "{P}COLE_SUA_CHAVE_AQUI",
    "{P}${STRIPE_SECRET_KEY}",
    "ta{P}{R}",
    "pk_live_{R}",
    "pk_test_{R}",
    "{P}{R}{R}{R}{R}{R}{R}{R}{R}{R}{R}{R}",
    "const key = '{P}{R}'; // rakscan:allow",
    "KEY={P}{R}  # rakscan: allow",
];

/// True examples shared by the API-key patterns: old and current shapes in several syntaxes.
const fn api_key_examples(seed: u64) -> [TrueExample; 5] {
    [
        TrueExample {
            line: "STRIPE_SECRET_KEY={K}",
            lead: "",
            len: 24,
            alphabet: Charset::Alphanumeric,
            seed,
        },
        TrueExample {
            line: "stripe.api_key = \"{K}\"",
            lead: "51",
            len: 99,
            alphabet: Charset::Alphanumeric,
            seed: seed + 1,
        },
        TrueExample {
            line: "  \"secret\": \"{K}\",",
            lead: "51",
            len: 99,
            alphabet: Charset::Alphanumeric,
            seed: seed + 2,
        },
        TrueExample {
            line: "\"source\": [\"export KEY=x\\n{K}\\n\"]",
            lead: "",
            len: 24,
            alphabet: Charset::Alphanumeric,
            seed: seed + 3,
        },
        TrueExample {
            line: "curl -u {K}: https://api.stripe.com/v1/charges",
            lead: "",
            len: 32,
            alphabet: Charset::Alphanumeric,
            seed: seed + 4,
        },
    ]
}

const SK_LIVE_EXAMPLES: [TrueExample; 5] = api_key_examples(100);
const SK_TEST_EXAMPLES: [TrueExample; 5] = api_key_examples(200);
const RK_LIVE_EXAMPLES: [TrueExample; 5] = api_key_examples(300);
const RK_TEST_EXAMPLES: [TrueExample; 5] = api_key_examples(400);
const ORG_EXAMPLES: [TrueExample; 5] = api_key_examples(500);
const ORG_LIVE_EXAMPLES: [TrueExample; 5] = api_key_examples(600);
const ORG_TEST_EXAMPLES: [TrueExample; 5] = api_key_examples(700);

const WHSEC_EXAMPLES: [TrueExample; 3] = [
    TrueExample {
        line: "STRIPE_WEBHOOK_SECRET={K}",
        lead: "",
        len: 32,
        alphabet: Charset::Alphanumeric,
        seed: 800,
    },
    TrueExample {
        line: "endpoint_secret = '{K}'",
        lead: "",
        len: 64,
        alphabet: Charset::LowerHex,
        seed: 801,
    },
    TrueExample {
        line: "webhook: { secret: \"{K}\" }",
        lead: "",
        len: 32,
        alphabet: Charset::Base64,
        seed: 802,
    },
];

const WHSEC_FALSE_EXAMPLES: &[&str] = &[
    "{P}",
    "STRIPE_WEBHOOK_SECRET={P}...",
    "STRIPE_WEBHOOK_SECRET={P}test",
    "STRIPE_WEBHOOK_SECRET={P}XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
    "{P}0000000000000000000000000000000000000000000000000000000000000000",
    "{P}1234567890abcdefghijklmnopqrstuvwxyz",
    "{P}abcd1234abcd1234abcd1234abcd1234",
    "{P}your_webhook_signing_secret",
    "{P}<signing secret>",
    "ne{P}{R}",
    "secret = '{P}{R}'  // rakscan:allow",
];

/// Every secret pattern rakscan knows. Prefixes are distinct; where one is a prefix of
/// another (`sk_org_` and `sk_org_live_`) the longest one that matches wins.
pub static PATTERNS: &[Pattern] = &[
    Pattern {
        secret_type: SecretType::SecretKeyLive,
        prefix: "sk_live_",
        charset: Charset::Alphanumeric,
        min_len: 24,
        max_len: 247,
        severity: Severity::Error,
        description: "Live-mode secret key: full access to the account's live data and money",
        sources: &[STRIPE_KEYS_DOC, STRIPE_AUTH_DOC],
        true_examples: &SK_LIVE_EXAMPLES,
        false_examples: API_KEY_FALSE_EXAMPLES,
    },
    Pattern {
        secret_type: SecretType::SecretKeyTest,
        prefix: "sk_test_",
        charset: Charset::Alphanumeric,
        min_len: 24,
        max_len: 247,
        severity: Severity::Warning,
        description: "Test-mode secret key: full access to the account's test data",
        sources: &[STRIPE_KEYS_DOC, STRIPE_AUTH_DOC],
        true_examples: &SK_TEST_EXAMPLES,
        false_examples: API_KEY_FALSE_EXAMPLES,
    },
    Pattern {
        secret_type: SecretType::RestrictedKeyLive,
        prefix: "rk_live_",
        charset: Charset::Alphanumeric,
        min_len: 24,
        max_len: 247,
        severity: Severity::Error,
        description: "Live-mode restricted key: the access its permissions grant, on live data",
        sources: &[STRIPE_KEYS_DOC],
        true_examples: &RK_LIVE_EXAMPLES,
        false_examples: API_KEY_FALSE_EXAMPLES,
    },
    Pattern {
        secret_type: SecretType::RestrictedKeyTest,
        prefix: "rk_test_",
        charset: Charset::Alphanumeric,
        min_len: 24,
        max_len: 247,
        severity: Severity::Warning,
        description: "Test-mode restricted key: the access its permissions grant, on test data",
        sources: &[STRIPE_KEYS_DOC],
        true_examples: &RK_TEST_EXAMPLES,
        false_examples: API_KEY_FALSE_EXAMPLES,
    },
    Pattern {
        secret_type: SecretType::WebhookSecret,
        prefix: "whsec_",
        charset: Charset::Base64,
        min_len: 32,
        max_len: 88,
        severity: Severity::Error,
        description: "Webhook signing secret: lets anyone forge events the endpoint will trust",
        sources: &[STRIPE_WEBHOOKS_DOC, STANDARD_WEBHOOKS],
        true_examples: &WHSEC_EXAMPLES,
        false_examples: WHSEC_FALSE_EXAMPLES,
    },
    Pattern {
        secret_type: SecretType::OrganizationKey,
        prefix: "sk_org_",
        charset: Charset::Alphanumeric,
        min_len: 24,
        max_len: 248,
        severity: Severity::Error,
        description: "Organization API key: access to every account of the organization",
        sources: &[STRIPE_ORG_KEYS_DOC],
        true_examples: &ORG_EXAMPLES,
        false_examples: API_KEY_FALSE_EXAMPLES,
    },
    Pattern {
        secret_type: SecretType::OrganizationKey,
        prefix: "sk_org_live_",
        charset: Charset::Alphanumeric,
        min_len: 24,
        max_len: 243,
        severity: Severity::Error,
        description: "Organization API key (live): access to every account of the organization",
        sources: &[STRIPE_ORG_KEYS_DOC],
        true_examples: &ORG_LIVE_EXAMPLES,
        false_examples: API_KEY_FALSE_EXAMPLES,
    },
    Pattern {
        secret_type: SecretType::OrganizationKeyTest,
        prefix: "sk_org_test_",
        charset: Charset::Alphanumeric,
        min_len: 24,
        max_len: 243,
        severity: Severity::Warning,
        description: "Organization API key (test mode): test data of every account of the organization",
        sources: &[STRIPE_ORG_KEYS_DOC],
        true_examples: &ORG_TEST_EXAMPLES,
        false_examples: API_KEY_FALSE_EXAMPLES,
    },
];
