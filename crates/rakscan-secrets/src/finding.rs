//! The result of the secret pass: one hard-coded key, redacted unless asked for explicitly.

use crate::context::SdkContext;
use serde::Serialize;
use std::fmt;
use std::ops::Range;

/// How bad a finding is: the severity scale every rakscan finding uses. For keys: `Info` for
/// Stripe's own published sample key, `Warning` for a test-mode key (no money moves, but it
/// still grants access to test data), `Error` for a live-mode key or a signing secret.
pub use rakscan_core::rule_ids::Severity;

/// What kind of secret a finding is; also the rule id of the pattern that found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SecretType {
    /// `sk_live_…`: a live-mode secret key.
    SecretKeyLive,
    /// `sk_test_…`: a test-mode (sandbox) secret key.
    SecretKeyTest,
    /// `rk_live_…`: a live-mode restricted key.
    RestrictedKeyLive,
    /// `rk_test_…`: a test-mode restricted key.
    RestrictedKeyTest,
    /// `whsec_…`: a webhook endpoint signing secret.
    WebhookSecret,
    /// `sk_org_…` (or `sk_org_live_…`): an organization API key.
    OrganizationKey,
    /// `sk_org_test_…`: an organization API key carrying a test-mode segment.
    OrganizationKeyTest,
}

impl SecretType {
    /// The snake_case name used as `secret_type` and as the rule id in baselines.
    pub fn as_str(self) -> &'static str {
        match self {
            SecretType::SecretKeyLive => "secret_key_live",
            SecretType::SecretKeyTest => "secret_key_test",
            SecretType::RestrictedKeyLive => "restricted_key_live",
            SecretType::RestrictedKeyTest => "restricted_key_test",
            SecretType::WebhookSecret => "webhook_secret",
            SecretType::OrganizationKey => "organization_key",
            SecretType::OrganizationKeyTest => "organization_key_test",
        }
    }

    /// Whether this is a restricted key already (so "prefer a restricted key" is moot).
    pub fn is_restricted(self) -> bool {
        matches!(
            self,
            SecretType::RestrictedKeyLive | SecretType::RestrictedKeyTest
        )
    }
}

/// The full text of a secret. Deliberately has no `Debug`, `Display` or `Serialize`.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct SecretText(pub(crate) String);

/// One hard-coded secret found in a file.
///
/// Every public field is safe to print: the key itself appears only as [`redacted`]
/// (prefix + `…` + last 4) and as a salted SHA-256 [`fingerprint`]. The full key is
/// reachable only through [`SecretFinding::expose_secret`] (for `--show-secrets`); `Debug`
/// and `Serialize` leave it out.
///
/// [`redacted`]: SecretFinding::redacted
/// [`fingerprint`]: SecretFinding::fingerprint
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct SecretFinding {
    /// What the secret is (also the rule id).
    pub secret_type: SecretType,
    /// How serious the finding is.
    pub severity: Severity,
    /// Byte range of the key in the scanned bytes.
    #[serde(skip)]
    pub span: Range<usize>,
    /// 1-based line of the key's first byte.
    pub line: usize,
    /// 1-based column of the key's first byte, counted in characters.
    pub column: usize,
    /// The key as outputs show it by default: prefix + `…` + last 4 (`sk_live_…a1b2`).
    pub redacted: String,
    /// Salted SHA-256 of the key, hex: identifies the key without revealing it.
    pub fingerprint: String,
    /// 0-based index of this key among the earlier matches of the same rule and fingerprint
    /// in the same file (for baselines: stable when lines move).
    pub occurrence: usize,
    /// Why the severity was lowered, when it was (e.g. Stripe's published sample key).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    /// How the key is used on its line, when it is passed straight to the Stripe SDK.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<SdkContext>,
    /// What to do about the key: set when it is passed straight to the SDK.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<&'static str>,
    #[serde(skip)]
    pub(crate) secret: SecretText,
}

impl SecretFinding {
    /// The full, unredacted key. Only for an explicit `--show-secrets`.
    pub fn expose_secret(&self) -> &str {
        &self.secret.0
    }

    /// The key as an output should show it: redacted, or in full when `show_secrets` (the
    /// user's explicit `--show-secrets`) is set.
    pub fn shown(&self, show_secrets: bool) -> &str {
        if show_secrets {
            self.expose_secret()
        } else {
            &self.redacted
        }
    }
}

impl fmt::Debug for SecretFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretFinding")
            .field("secret_type", &self.secret_type)
            .field("severity", &self.severity)
            .field("span", &self.span)
            .field("line", &self.line)
            .field("column", &self.column)
            .field("redacted", &self.redacted)
            .field("fingerprint", &self.fingerprint)
            .field("occurrence", &self.occurrence)
            .field("reason", &self.reason)
            .field("context", &self.context)
            .field("hint", &self.hint)
            .finish_non_exhaustive()
    }
}
