//! How imported names get their values: from npm packages known by name, or (in a project)
//! from the modules of the project.

use crate::value::Value;

/// Gives the value a module exports under a member path (`["default"]` for a default import,
/// `[]` for the module namespace, `["stripe"]` for `import { stripe }`).
pub(crate) trait ImportResolver {
    fn resolve(&self, specifier: &str, path: &[String]) -> Value;
}

/// The value of an npm package known by name: the Stripe SDK, or one of Stripe's browser
/// packages (`@stripe/stripe-js` and friends), which are not the server SDK. Deno's `npm:` and
/// CDN URL specifiers (`https://esm.sh/stripe@14?target=deno`) name the same packages.
pub(crate) fn package_value(specifier: &str) -> Option<Value> {
    let name = package_name(specifier);
    if name == "stripe" {
        Some(Value::Sdk)
    } else if name.starts_with("@stripe/") {
        Some(Value::Other)
    } else {
        None
    }
}

/// The npm package a specifier imports from (`stripe/lib/stripe` → `stripe`,
/// `npm:stripe@14` → `stripe`, `https://esm.sh/stripe@14.5.0?target=deno` → `stripe`).
fn package_name(specifier: &str) -> String {
    let mut rest = specifier.strip_prefix("npm:").unwrap_or(specifier);
    if let Some(url) = rest
        .strip_prefix("https://")
        .or_else(|| rest.strip_prefix("http://"))
    {
        rest = url.split_once('/').map(|(_, path)| path).unwrap_or("");
        rest = rest.strip_prefix("v135/").unwrap_or(rest);
    }
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let mut segments = rest.split('/');
    let first = segments.next().unwrap_or("");
    let name = if first.starts_with('@') {
        format!("{first}/{}", segments.next().unwrap_or(""))
    } else {
        first.to_owned()
    };
    match name.rfind('@') {
        Some(at) if at > 0 => name[..at].to_owned(),
        _ => name,
    }
}

/// The value at `path` inside a module whose namespace value is `module`.
pub(crate) fn member_path(module: Value, path: &[String]) -> Value {
    path.iter().fold(module, |v, name| v.member(name))
}

/// Resolves packages by name only: what a single file shows without its project.
pub(crate) struct PackagesOnly;

impl ImportResolver for PackagesOnly {
    fn resolve(&self, specifier: &str, path: &[String]) -> Value {
        match package_value(specifier) {
            Some(v) => member_path(v, path),
            None => Value::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_from_npm_deno_and_cdn_specifiers() {
        for spec in [
            "stripe",
            "stripe/lib/stripe",
            "npm:stripe@14",
            "https://esm.sh/stripe@14.5.0?target=deno",
            "https://esm.sh/stripe?target=deno&no-check",
        ] {
            assert_eq!(package_value(spec), Some(Value::Sdk), "{spec}");
        }
        for spec in [
            "@stripe/stripe-js",
            "https://esm.sh/@stripe/stripe-js@2",
            "npm:@stripe/react-stripe-js@1",
        ] {
            assert_eq!(package_value(spec), Some(Value::Other), "{spec}");
        }
        for spec in [
            "stripe-mock",
            "./stripe",
            "@acme/stripe",
            "https://esm.sh/@supabase/supabase-js@2",
        ] {
            assert_eq!(package_value(spec), None, "{spec}");
        }
    }
}
