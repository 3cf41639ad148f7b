//! Reading a committed manifest: the form `rakscan manifest` writes (YAML or JSON) or a
//! hand-written `permissions: [customer_write, payment_intent_read]` with an optional `name:`.

use super::{read_twin, write_twin};
use crate::catalog::Catalog;
use serde::Deserialize;
use serde::de::IgnoredAny;

/// The permissions a committed manifest grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grants {
    pub name: Option<String>,
    /// In file order.
    pub permissions: Vec<Grant>,
}

/// One granted permission and where the file names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub permission: String,
    /// Byte offset of the name in the file.
    pub offset: usize,
}

/// Why a manifest cannot be used, and where (byte offset in the text, when known).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct GrantsError {
    pub message: String,
    pub offset: Option<usize>,
    /// Length of the offending text, to underline it.
    pub len: usize,
    pub help: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    #[serde(default)]
    name: Option<String>,
    permissions: Vec<RawGrant>,
    // Written by `rakscan manifest`, not needed to check.
    #[serde(default, rename = "dashboard_url")]
    _dashboard_url: IgnoredAny,
    #[serde(default, rename = "notes")]
    _notes: IgnoredAny,
    #[serde(default, rename = "warnings")]
    _warnings: IgnoredAny,
    #[serde(default, rename = "review")]
    _review: IgnoredAny,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawGrant {
    Name(String),
    Entry { permission: String },
}

impl RawGrant {
    fn name(&self) -> &str {
        match self {
            RawGrant::Name(n) | RawGrant::Entry { permission: n } => n,
        }
    }
}

/// Parses and validates a manifest: YAML syntax, known top-level fields, permission names the
/// rules know, no permission twice and no read listed next to its write twin.
pub fn parse_grants(catalog: &Catalog, text: &str) -> Result<Grants, GrantsError> {
    let raw: RawManifest = serde_yaml::from_str(text).map_err(|e| GrantsError {
        message: e.to_string(),
        offset: e.location().map(|l| l.index()),
        len: 1,
        help: Some(
            "a manifest is `permissions: [customer_write, …]` (optional `name:`) or the file \
             `rakscan manifest` writes"
                .to_owned(),
        ),
    })?;
    let mut grants = Grants {
        name: raw.name,
        permissions: Vec::with_capacity(raw.permissions.len()),
    };
    let mut cursor = text.find("permissions").unwrap_or(0);
    for item in &raw.permissions {
        let name = item.name();
        let offset = locate_item(text, name, cursor);
        if let Some(o) = offset {
            cursor = o + name.len();
        }
        let fail = |message: String, help: Option<String>| GrantsError {
            message,
            offset,
            len: name.len().max(1),
            help,
        };
        if catalog.group(name).is_none() {
            let help = match name.strip_prefix("rak_") {
                Some(bare) if catalog.group(bare).is_some() => Some(format!(
                    "write `{bare}`: the rak_ prefix belongs to the Dashboard link"
                )),
                _ => closest(catalog, name).map(|s| format!("did you mean `{s}`?")),
            };
            return Err(fail(format!("unknown permission `{name}`"), help));
        }
        if grants.permissions.iter().any(|g| g.permission == name) {
            return Err(fail(format!("`{name}` is listed twice"), None));
        }
        let twin = read_twin(name).or_else(|| write_twin(name));
        if let Some(twin) = twin.filter(|t| grants.permissions.iter().any(|g| &g.permission == t)) {
            let write = if name.ends_with("_write") {
                name
            } else {
                twin.as_str()
            };
            return Err(fail(
                format!("`{name}` and `{twin}` are both listed"),
                Some(format!("write implies read: list only `{write}`")),
            ));
        }
        grants.permissions.push(Grant {
            permission: name.to_owned(),
            offset: offset.unwrap_or(0),
        });
    }
    Ok(grants)
}

/// Finds where a list item names `name`, at or after `from`: the name as a whole word, preceded
/// on its line by `- `, `permission:`, `[` or `,` (so `needs: customer_read` in evidence is
/// skipped).
fn locate_item(text: &str, name: &str, from: usize) -> Option<usize> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut start = from.min(text.len());
    while let Some(found) = text.get(start..).and_then(|t| t.find(name)) {
        let at = start + found;
        let end = at + name.len();
        let before = text[..at].trim_end_matches([' ', '\t', '"', '\'']);
        let bounded = !text[..at].ends_with(is_word) && !text[end..].starts_with(is_word);
        let listed = before.ends_with('-')
            || before.ends_with('[')
            || before.ends_with(',')
            || before.ends_with("permission:");
        if bounded && listed {
            return Some(at);
        }
        start = end;
    }
    None
}

/// The known permission closest to a misspelt one, when it is close.
fn closest<'a>(catalog: &'a Catalog, name: &str) -> Option<&'a str> {
    catalog
        .rules()
        .permission_groups
        .iter()
        .map(|g| (edit_distance(&g.permission, name), g.permission.as_str()))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, p)| p)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> &'static Catalog {
        Catalog::embedded().unwrap()
    }

    #[test]
    fn minimal_form_parses() {
        let g = parse_grants(
            catalog(),
            "name: billing\npermissions: [customer_write, payment_intent_read]\n",
        )
        .unwrap();
        assert_eq!(g.name.as_deref(), Some("billing"));
        let names: Vec<&str> = g
            .permissions
            .iter()
            .map(|p| p.permission.as_str())
            .collect();
        assert_eq!(names, ["customer_write", "payment_intent_read"]);
        assert_eq!(g.permissions[1].offset, 44);
    }

    #[test]
    fn generated_form_parses_and_skips_evidence() {
        let text = "name: k\ndashboard_url: https://x\npermissions:\n- permission: customer_write\n  \
                    access: write\n  evidence:\n  - at: a.py:1\n    needs: customer_read\n\
                    - permission: customer_read_x\n";
        let err = parse_grants(catalog(), text).unwrap_err();
        assert_eq!(err.message, "unknown permission `customer_read_x`");
        assert_eq!(err.offset, text.find("customer_read_x"));
    }

    #[test]
    fn twins_unknown_names_and_syntax_errors_are_located() {
        let text = "permissions:\n  - customer_read\n  - customer_write\n";
        let err = parse_grants(catalog(), text).unwrap_err();
        assert!(err.message.contains("both listed"), "{}", err.message);
        assert_eq!(err.offset, text.find("customer_write"));

        let err = parse_grants(catalog(), "permissions:\n  - custmer_write\n").unwrap_err();
        assert_eq!(err.help.as_deref(), Some("did you mean `customer_write`?"));

        let err = parse_grants(catalog(), "permissions: [a\nname: x\n").unwrap_err();
        assert!(err.offset.is_some());

        let err = parse_grants(catalog(), "permisions: []\n").unwrap_err();
        assert!(err.message.contains("unknown field"), "{}", err.message);
    }

    #[test]
    fn rak_prefix_gets_a_hint() {
        let err = parse_grants(catalog(), "permissions: [rak_plan_read]\n").unwrap_err();
        assert!(err.help.unwrap().contains("`plan_read`"));
    }
}
