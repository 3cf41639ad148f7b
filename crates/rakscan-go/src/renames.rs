//! Legacy resource packages that stripe-go renamed, by their old name. Code written against an
//! older major still imports the old path (`github.com/stripe/stripe-go/v71/sub`); its calls go
//! to the same endpoints as the new package's (`subscription.Cancel` is `sub.Cancel`).
//!
//! SDK spelling facts, checked against stripe-go's `client/api.go` of each major: v71 imports
//! `sub`, `subitem`, `subschedule` (v72 has `subscription`, `subscriptionitem`,
//! `subscriptionschedule`); v72 still imports `fee` and `reversal`, which later majors
//! (v76) call `applicationfee` and `transferreversal`.

/// The current package path of a renamed legacy package, or `None` when it kept its name.
pub fn current_name(package: &[String]) -> Option<Vec<String>> {
    let [old] = package else {
        return None;
    };
    let new = match old.as_str() {
        "sub" => "subscription",
        "subitem" => "subscriptionitem",
        "subschedule" => "subscriptionschedule",
        "fee" => "applicationfee",
        "reversal" => "transferreversal",
        _ => return None,
    };
    Some(vec![new.to_owned()])
}
