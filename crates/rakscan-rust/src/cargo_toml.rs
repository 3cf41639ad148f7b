//! Crate renames in a project's Cargo.toml.
//!
//! A project may depend on async-stripe under another name
//! (`payments = { package = "async-stripe", version = "0.41" }`), and its code then writes
//! `payments::Customer`. The extractor sees one file at a time, so the caller reads the
//! manifest and passes the names on ([`crate::RustExtractor::with_crate_aliases`]).

/// The names under which a Cargo.toml imports async-stripe's client crate, other than
/// `stripe` itself: dependency keys whose `package` is `async-stripe`, with `-` turned into
/// `_` as Rust code writes them. A light line-based reader: it understands inline tables
/// (`name = { package = "async-stripe", … }`) and dependency tables
/// (`[dependencies.name]` followed by `package = "async-stripe"`).
pub fn stripe_crate_aliases(cargo_toml: &str) -> Vec<String> {
    let mut aliases = Vec::new();
    let mut table_key: Option<String> = None;
    for raw in cargo_toml.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.starts_with('[') {
            table_key = dependency_table_key(line);
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = unquote(key.trim());
        let value = value.trim();
        match &table_key {
            Some(name) if key == "package" && names_async_stripe(value) => {
                push_alias(&mut aliases, name);
            }
            _ if value.starts_with('{') && package_in_inline_table(value) => {
                push_alias(&mut aliases, &key);
            }
            _ => {}
        }
    }
    aliases
}

/// `[dependencies.pay]`, `[target.'cfg(unix)'.dev-dependencies.pay]` → `pay`.
fn dependency_table_key(header: &str) -> Option<String> {
    let inner = header.trim_start_matches('[').trim_end_matches(']').trim();
    for kind in ["dependencies.", "dev-dependencies.", "build-dependencies."] {
        if let Some(pos) = inner.rfind(kind) {
            return Some(unquote(&inner[pos + kind.len()..]));
        }
    }
    None
}

fn package_in_inline_table(table: &str) -> bool {
    table
        .trim_matches(|c| c == '{' || c == '}')
        .split(',')
        .filter_map(|kv| kv.split_once('='))
        .any(|(k, v)| unquote(k.trim()) == "package" && names_async_stripe(v))
}

fn names_async_stripe(value: &str) -> bool {
    unquote(value.trim()) == "async-stripe"
}

fn unquote(s: &str) -> String {
    s.trim().trim_matches(|c| c == '"' || c == '\'').to_owned()
}

fn push_alias(aliases: &mut Vec<String>, key: &str) {
    let name = key.replace('-', "_");
    if name != "stripe" && !aliases.contains(&name) {
        aliases.push(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_renamed_async_stripe_dependencies() {
        let manifest = r#"
[package]
name = "shop"

[dependencies]
serde = "1"
payments = { package = "async-stripe", version = "0.41", features = ["runtime-tokio-hyper"] }
stripe = { package = "async-stripe", version = "0.41" }
async-stripe = "0.41"

[dev-dependencies.stripe-test]
package = "async-stripe"
version = "0.41"
"#;
        assert_eq!(stripe_crate_aliases(manifest), ["payments", "stripe_test"]);
        assert!(stripe_crate_aliases("[dependencies]\nasync-stripe = \"0.41\"\n").is_empty());
    }
}
