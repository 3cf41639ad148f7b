//! The Stripe model classes the rules know, by Java package: used to decide which of several
//! on-demand imports (`import com.stripe.model.*;`) a simple class name comes from.

use rakscan_core::Catalog;
use rakscan_core::catalog::resource_key;
use rakscan_core::naming::fold;
use std::collections::HashSet;
use std::sync::LazyLock;

static KNOWN: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let Ok(catalog) = Catalog::embedded() else {
        return HashSet::new();
    };
    let rules = catalog.rules();
    let bound = rules
        .operations
        .iter()
        .flat_map(|op| op.bindings.iter())
        .map(|b| resource_key(&b.namespace, &b.resource));
    let objects = rules
        .resource_objects
        .iter()
        .map(|r| resource_key(&r.namespace, &r.resource));
    bound.chain(objects).collect()
});

/// Whether `class` exists in the model sub-package `package` (`["checkout"]`, `[]` for
/// `com.stripe.model` itself) according to the rules.
pub fn is_known(package: &[String], class: &str) -> bool {
    let mut key: Vec<String> = package.iter().map(|s| fold(s)).collect();
    key.push(fold(class));
    KNOWN.contains(&key.join("."))
}
