//! The stable rule ids findings are reported under, with their documentation. Output formats
//! (SARIF rules, GitHub annotations, suppressions) all take ids from here.

use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, nothing to fix (an API call and the permission it needs).
    Info,
    /// Worth a look (a call rakscan could not resolve, a test-mode key).
    Warning,
    /// To fix (a live-mode key or signing secret in code).
    Error,
}

impl Severity {
    /// The lowercase name used in outputs (`error`, `warning`, `info`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One rule: its id, a one-line summary and the help shown with its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    pub id: &'static str,
    pub summary: &'static str,
    pub help: &'static str,
    pub default_severity: Severity,
}

/// A Stripe API call with a known permission.
pub const API_CALL: RuleInfo = RuleInfo {
    id: "stripe-api-call",
    summary: "Stripe API call and the restricted-key permission it needs",
    help: "The call performs the named Stripe API operation. A restricted key used by this code needs the permission shown; add it to the key (or its manifest) and nothing more.",
    default_severity: Severity::Info,
};

/// A Stripe API call whose permission no source names.
pub const UNKNOWN_PERMISSION: RuleInfo = RuleInfo {
    id: "stripe-unknown-permission",
    summary: "Stripe API call whose restricted-key permission is unknown",
    help: "No published source names the permission this endpoint needs. Test the call with a restricted key before relying on one, or keep it on a secret key, and correct the rules with `--rules` once the permission is known.",
    default_severity: Severity::Warning,
};

/// A Stripe call whose operation cannot be decided statically.
pub const UNRESOLVED_CALL: RuleInfo = RuleInfo {
    id: "stripe-unresolved-call",
    summary: "Stripe call whose API operation cannot be decided statically",
    help: "The call goes to Stripe but its operation depends on run-time values (a dynamic attribute, a computed path) or is not in the rules. Review it by hand: the permissions it needs are not in the summary.",
    default_severity: Severity::Warning,
};

/// Every rule rakscan's core reports, in id order.
pub const CORE_RULES: &[RuleInfo] = &[API_CALL, UNKNOWN_PERMISSION, UNRESOLVED_CALL];

/// A suppression comment that silenced nothing.
pub const UNUSED_SUPPRESSION: RuleInfo = RuleInfo {
    id: "unused-suppression",
    summary: "Suppression comment that silences no finding",
    help: "The `rakscan: ignore` comment matches no finding on its line (or the next). Remove it, or fix the rule id it names.",
    default_severity: Severity::Warning,
};

const SECRET_HELP: &str = "A Stripe key in source code is readable by everyone with access to the repository and its history. Revoke or roll the key in the Dashboard, move it to the environment or a secrets manager, and prefer a restricted key with only the permissions the code needs. Accept a known key with `rakscan:allow` on its line or a baseline.";

macro_rules! secret_rule {
    ($name:ident, $id:literal, $summary:literal, $severity:ident) => {
        #[doc = $summary]
        pub const $name: RuleInfo = RuleInfo {
            id: $id,
            summary: $summary,
            help: SECRET_HELP,
            default_severity: Severity::$severity,
        };
    };
}

secret_rule!(
    SECRET_KEY_LIVE,
    "stripe-secret-key-live",
    "Hard-coded live-mode Stripe secret key (sk_live_)",
    Error
);
secret_rule!(
    SECRET_KEY_TEST,
    "stripe-secret-key-test",
    "Hard-coded test-mode Stripe secret key (sk_test_)",
    Warning
);
secret_rule!(
    RESTRICTED_KEY_LIVE,
    "stripe-restricted-key-live",
    "Hard-coded live-mode Stripe restricted key (rk_live_)",
    Error
);
secret_rule!(
    RESTRICTED_KEY_TEST,
    "stripe-restricted-key-test",
    "Hard-coded test-mode Stripe restricted key (rk_test_)",
    Warning
);
secret_rule!(
    WEBHOOK_SECRET,
    "stripe-webhook-secret",
    "Hard-coded Stripe webhook signing secret (whsec_)",
    Error
);
secret_rule!(
    ORGANIZATION_KEY,
    "stripe-organization-key",
    "Hard-coded Stripe organization API key (sk_org_)",
    Error
);
secret_rule!(
    ORGANIZATION_KEY_TEST,
    "stripe-organization-key-test",
    "Hard-coded test-mode Stripe organization API key",
    Warning
);

/// The secret rules, in id order.
pub const SECRET_RULES: &[RuleInfo] = &[
    ORGANIZATION_KEY,
    ORGANIZATION_KEY_TEST,
    RESTRICTED_KEY_LIVE,
    RESTRICTED_KEY_TEST,
    SECRET_KEY_LIVE,
    SECRET_KEY_TEST,
    WEBHOOK_SECRET,
];

/// The rule of a secret type name (`secret_key_live` → `stripe-secret-key-live`).
pub fn secret_rule(secret_type: &str) -> &'static RuleInfo {
    SECRET_RULES
        .iter()
        .find(|r| {
            r.id.strip_prefix("stripe-")
                .is_some_and(|rest| rest.replace('-', "_") == secret_type)
        })
        .unwrap_or(&SECRET_KEY_LIVE)
}

/// Every rule, in id order.
pub fn all_rules() -> Vec<&'static RuleInfo> {
    let mut rules: Vec<&'static RuleInfo> = CORE_RULES
        .iter()
        .chain(SECRET_RULES)
        .chain(std::iter::once(&UNUSED_SUPPRESSION))
        .collect();
    rules.sort_by_key(|r| r.id);
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_secret_type_has_its_own_rule() {
        for t in [
            "secret_key_live",
            "secret_key_test",
            "restricted_key_live",
            "restricted_key_test",
            "webhook_secret",
            "organization_key",
            "organization_key_test",
        ] {
            assert_eq!(
                secret_rule(t)
                    .id
                    .trim_start_matches("stripe-")
                    .replace('-', "_"),
                t
            );
        }
    }

    #[test]
    fn rule_ids_are_unique() {
        let rules = all_rules();
        let mut ids: Vec<&str> = rules.iter().map(|r| r.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), rules.len());
    }
}
