//! What a scan reports, independent of output format.

use crate::expand::ExpansionNeed;
use crate::ir::Certainty;
use crate::rule_ids::{self, RuleInfo, Severity};
use crate::rules::Provenance;

use serde::Serialize;

/// Read or write access, as the Dashboard shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    Read,
    Write,
}

impl Access {
    /// The access a permission name or, failing that, an HTTP method implies
    /// (Stripe's rule: GET reads; POST and DELETE write).
    pub fn of(permission: Option<&str>, method: &str) -> Access {
        match permission {
            Some(p) if p.ends_with("_read") => Access::Read,
            Some(p) if p.ends_with("_write") => Access::Write,
            _ if method.eq_ignore_ascii_case("GET") => Access::Read,
            _ => Access::Write,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Access::Read => "read",
            Access::Write => "write",
        }
    }
}

/// Where a finding is: the path relative to the scanned root (`/`-separated) and the 1-based
/// line and column (in characters) where the expression starts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Location {
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// The column in UTF-16 code units, as SARIF counts them (0 when not computed).
    #[serde(skip)]
    pub column_utf16: usize,
}

/// A Stripe API call resolved to its operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiCall {
    #[serde(flatten)]
    pub location: Location,
    pub language: String,
    /// The call as written, normalised (`stripe.Customer.create`).
    pub call: String,
    /// HTTP method, upper case.
    pub method: String,
    /// Path template as in the operations data (`/v1/customers/{customer}`).
    pub endpoint: String,
    /// The spec's operation id; `None` for a legacy endpoint no longer in the API description.
    pub operation_id: Option<String>,

    /// The restricted-key permission the endpoint needs, or `None` when unknown.
    pub permission: Option<String>,
    pub access: Access,
    pub provenance: Provenance,
    /// Why the permission is what it is (the rules' note), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permission_note: Option<String>,
    /// The permission cannot authorise Connect calls on behalf of another account.
    pub direct_only: bool,
    /// The call is made on behalf of a connected account (`stripe_account`).
    pub connect: bool,
    /// How sure the extractor is that the receiver is Stripe's.
    pub confidence: Certainty,
    /// Permissions that literal `expand` paths add.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expansions: Vec<ExpansionNeed>,
}

impl ApiCall {
    /// `METHOD /path/template`.
    pub fn operation(&self) -> String {
        format!("{} {}", self.method, self.endpoint)
    }

    /// Each literal expand path with the read permissions it adds (unknown ones left out).
    pub fn expansion_permissions(&self) -> Vec<(String, Vec<String>)> {
        self.expansions
            .iter()
            .map(|e| {
                (
                    e.expand.clone(),
                    e.reads
                        .iter()
                        .filter_map(|r| r.permission.clone())
                        .collect(),
                )
            })
            .collect()
    }
}

/// A call recognised as Stripe's whose operation could not be decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unresolved {
    #[serde(flatten)]
    pub location: Location,
    pub language: String,
    pub call: String,
    pub reason: String,
}

/// A hard-coded Stripe key literal. The key itself is never stored here unless the user asked
/// for it (`--show-secrets`): only its redacted form and a salted fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecretLiteral {
    #[serde(flatten)]
    pub location: Location,
    /// `secret_key_live`, `restricted_key_test`, `webhook_secret`…
    pub secret_type: String,
    pub severity: Severity,
    /// Prefix + `…` + last 4 (`sk_live_…a1b2`).
    pub redacted: String,
    /// Salted hash of the key: identifies it without revealing it.
    pub fingerprint: String,
    /// Index of this key among earlier identical keys of the same file (baselines).
    pub occurrence: usize,
    /// Why the severity was lowered, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// How the key is handed to the SDK on its line, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The full key: only with `--show-secrets`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

impl SecretLiteral {
    /// The key as outputs show it: in full only when `--show-secrets` put it here.
    pub fn shown(&self) -> &str {
        self.secret.as_deref().unwrap_or(&self.redacted)
    }
}

/// A file that could not be analysed (unreadable, not UTF-8, a parse failure).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileProblem {
    pub path: String,
    pub message: String,
}

/// One result of a scan. Outside the binary, match with a wildcard arm: kinds get added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    ApiCall(ApiCall),
    Unresolved(Unresolved),
    Secret(SecretLiteral),
    /// A suppression comment that silenced nothing.
    UnusedSuppression(UnusedSuppression),
}

/// A `rakscan: ignore` comment that matched no finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnusedSuppression {
    #[serde(flatten)]
    pub location: Location,
    /// The rule ids it names (empty: all).
    pub rules: Vec<String>,
}

impl Finding {
    pub fn location(&self) -> &Location {
        match self {
            Finding::ApiCall(c) => &c.location,
            Finding::Unresolved(u) => &u.location,
            Finding::Secret(s) => &s.location,
            Finding::UnusedSuppression(u) => &u.location,
        }
    }

    /// The API call this finding is, if it is one.
    pub fn into_api_call(self) -> Option<ApiCall> {
        match self {
            Finding::ApiCall(call) => Some(call),
            _ => None,
        }
    }

    /// The rule the finding is reported under.
    pub fn rule(&self) -> &'static RuleInfo {
        match self {
            Finding::ApiCall(c) if c.permission.is_none() => &rule_ids::UNKNOWN_PERMISSION,
            Finding::ApiCall(_) => &rule_ids::API_CALL,
            Finding::Unresolved(_) => &rule_ids::UNRESOLVED_CALL,
            Finding::Secret(s) => rule_ids::secret_rule(&s.secret_type),
            Finding::UnusedSuppression(_) => &rule_ids::UNUSED_SUPPRESSION,
        }
    }

    /// How serious the finding is.
    pub fn severity(&self) -> Severity {
        match self {
            Finding::Secret(s) => s.severity,
            _ => self.rule().default_severity,
        }
    }

    /// A one-line description of the finding, the same in every format.
    pub fn message(&self) -> String {
        match self {
            Finding::ApiCall(c) => {
                let permission = match &c.permission {
                    Some(p) => format!("{p} ({})", c.provenance.as_str()),
                    None => "an unknown permission".to_owned(),
                };
                format!(
                    "{} → {} {} needs {permission}",
                    c.call, c.method, c.endpoint
                )
            }
            Finding::Unresolved(u) => format!("{}: unresolved Stripe call: {}", u.call, u.reason),
            Finding::Secret(s) => {
                let mut text = format!(
                    "hard-coded Stripe {} {}",
                    s.secret_type.replace('_', " "),
                    s.shown()
                );
                if let Some(context) = &s.context {
                    text.push_str(&format!(", {context}"));
                }
                if let Some(reason) = &s.reason {
                    text.push_str(&format!(" ({reason})"));
                }
                text
            }
            Finding::UnusedSuppression(u) => match u.rules.as_slice() {
                [] => "suppression comment silences nothing".to_owned(),
                rules => format!(
                    "suppression comment for {} silences nothing",
                    rules.join(", ")
                ),
            },
        }
    }

    /// The text that identifies the finding regardless of where it is in the file (for
    /// fingerprints and baselines): rule, path and what was found. Never a secret.
    pub fn identity(&self) -> String {
        let rule = self.rule().id;
        match self {
            Finding::ApiCall(c) => format!(
                "{rule}|{}|{}|{} {}",
                c.location.path, c.call, c.method, c.endpoint
            ),
            Finding::Unresolved(u) => format!("{rule}|{}|{}", u.location.path, u.call),
            Finding::Secret(s) => format!("{rule}|{}|{}", s.location.path, s.fingerprint),
            Finding::UnusedSuppression(u) => {
                format!("{rule}|{}|{}", u.location.path, u.rules.join(","))
            }
        }
    }

    /// The stable order of every output: path, line, column, then rule and identity.
    pub fn sort_key(&self) -> (&Location, &'static str, String) {
        (self.location(), self.rule().id, self.identity())
    }
}

/// Sorts findings into the order every output format uses.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Converts byte offsets into 1-based line and column numbers.
pub struct LineIndex<'a> {
    source: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            source,
            line_starts,
        }
    }

    /// The 1-based (line, column) of a byte offset; the column counts characters.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let (line, column, _) = self.position(offset);
        (line, column)
    }

    /// The 1-based line, character column and UTF-16 column of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize, usize) {
        let offset = offset.min(self.source.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let (chars, units) = match self.source.get(start..offset) {
            Some(s) => (s.chars().count(), s.encode_utf16().count()),
            None => (offset - start, offset - start),
        };
        (line + 1, chars + 1, units + 1)
    }

    /// The [`Location`] of a byte offset in the file shown as `path`.
    pub fn location(&self, path: &str, offset: usize) -> Location {
        let (line, column, column_utf16) = self.position(offset);
        Location {
            path: path.to_owned(),
            line,
            column,
            column_utf16,
        }
    }
}

/// A stable 64-bit FNV-1a hash, as lower-case hex (for fingerprints; not cryptographic).
pub fn stable_hash(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_columns_are_one_based_and_count_characters() {
        let index = LineIndex::new("ab\nçd x\n");
        assert_eq!(index.line_column(0), (1, 1));
        assert_eq!(index.line_column(3), (2, 1));
        assert_eq!(index.line_column(7), (2, 4));
    }

    #[test]
    fn access_follows_the_permission_name_then_the_method() {
        assert_eq!(Access::of(Some("customer_read"), "POST"), Access::Read);
        assert_eq!(Access::of(None, "GET"), Access::Read);
        assert_eq!(Access::of(None, "DELETE"), Access::Write);
    }
}
