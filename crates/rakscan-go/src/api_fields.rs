//! The fields of the deprecated `client.API` struct, mapped to the legacy resource packages
//! they hold (`CheckoutSessions` → `checkout/session`, `Customers` → `customer`,
//! `BillingPortalSessions` → `billingportal/session`, `TestHelpersIssuingCards` →
//! `testhelpers/issuing/card`).
//!
//! stripe-go generates both from the spec: a package is the folded namespace folders plus the
//! folded class name, and its field is the same words in Pascal case with the class pluralised.
//! The table is therefore derived from the resource classes and namespaces of the embedded rules
//! (`rules/operations.yaml`) instead of being written out: a field folds to the package words
//! plus a plural ending. Fields of packages the spec has no class for (`Cards` and
//! `BankAccounts` of external accounts) are not in it.

use rakscan_core::Catalog;
use rakscan_core::naming::fold;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Folded package words without separators (`checkoutsession`) → the package's path
/// (`["checkout", "session"]`).
static PACKAGES: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
    let mut packages = HashMap::new();
    let Ok(catalog) = Catalog::embedded() else {
        return packages;
    };
    for operation in &catalog.rules().operations {
        for binding in &operation.bindings {
            let path: Vec<String> = binding
                .namespace
                .split('.')
                .filter(|s| !s.is_empty())
                .map(fold)
                .chain(std::iter::once(fold(&binding.resource)))
                .collect();
            packages.entry(path.concat()).or_insert(path);
        }
    }
    packages
});

/// The legacy package path a `client.API` field holds, or `None` for a field the rules have no
/// resource for.
pub fn package_of_field(field: &str) -> Option<Vec<String>> {
    let folded = fold(field);
    let mut candidates = vec![folded.clone()];
    if let Some(stem) = folded.strip_suffix("ies") {
        candidates.push(format!("{stem}y"));
    }
    if let Some(stem) = folded.strip_suffix("es") {
        candidates.push(stem.to_owned());
    }
    if let Some(stem) = folded.strip_suffix('s') {
        candidates.push(stem.to_owned());
    }
    candidates.into_iter().find_map(|c| {
        PACKAGES
            .get(&c)
            .cloned()
            .or_else(|| crate::renames::current_name(&[c]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(field: &str) -> Option<String> {
        package_of_field(field).map(|p| p.join("/"))
    }

    #[test]
    fn fields_map_to_their_packages() {
        assert_eq!(path("Customers").as_deref(), Some("customer"));
        assert_eq!(
            path("CheckoutSessions").as_deref(),
            Some("checkout/session")
        );
        assert_eq!(
            path("BillingPortalSessions").as_deref(),
            Some("billingportal/session")
        );
        assert_eq!(path("Capabilities").as_deref(), Some("capability"));
        assert_eq!(path("Balance").as_deref(), Some("balance"));
        assert_eq!(path("TaxSettings").as_deref(), Some("tax/settings"));
        assert_eq!(path("TaxIDs").as_deref(), Some("taxid"));
        assert_eq!(path("TaxRates").as_deref(), Some("taxrate"));
        assert_eq!(
            path("CustomerBalanceTransactions").as_deref(),
            Some("customerbalancetransaction")
        );
        assert_eq!(
            path("TestHelpersIssuingCards").as_deref(),
            Some("testhelpers/issuing/card")
        );
        assert_eq!(path("V2CoreEvents").as_deref(), Some("v2/core/event"));
        // Fields of older majors whose package was renamed since.
        assert_eq!(path("Fees").as_deref(), Some("applicationfee"));
        assert_eq!(path("Reversals").as_deref(), Some("transferreversal"));
        assert_eq!(path("Frobnicators"), None);
    }
}
