//! The stable rule ids findings are reported under, with their documentation. Output formats
//! (SARIF rules, GitHub annotations, suppressions) all take ids from here.

use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
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
