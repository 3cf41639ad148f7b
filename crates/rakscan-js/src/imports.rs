//! How imported names get their values: from npm packages known by name, or (in a project)
//! from the modules of the project.

use crate::value::Value;

/// Gives the value a module exports under a member path (`["default"]` for a default import,
/// `[]` for the module namespace, `["stripe"]` for `import { stripe }`).
pub(crate) trait ImportResolver {
    fn resolve(&self, specifier: &str, path: &[String]) -> Value;
}

/// The value of an npm package known by name: the Stripe SDK, or one of Stripe's browser
/// packages (`@stripe/stripe-js` and friends), which are not the server SDK.
pub(crate) fn package_value(specifier: &str) -> Option<Value> {
    if specifier == "stripe"
        || specifier == "stripe/lib/stripe"
        || specifier == "stripe/esm/stripe.esm.node.js"
    {
        Some(Value::Sdk)
    } else if specifier.starts_with("@stripe/") {
        Some(Value::Other)
    } else {
        None
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
