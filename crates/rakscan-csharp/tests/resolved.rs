//! C# calls resolved by the core: the permissions that `Expand` paths add and the Connect flag,
//! which expected.txt lines do not show.

use rakscan_core::Catalog;
use rakscan_core::finding::{ApiCall, Finding};
use rakscan_core::resolve::resolve_source;
use rakscan_csharp::CSharpExtractor;

fn api_calls(source: &str) -> Vec<ApiCall> {
    resolve_source(
        Catalog::embedded().unwrap(),
        &CSharpExtractor,
        "Billing.cs",
        source,
    )
    .unwrap()
    .into_iter()
    .filter_map(Finding::into_api_call)
    .collect()
}

#[test]
fn expand_lists_add_read_permissions() {
    let calls = api_calls(
        r#"using Stripe;
class A { void M(string id) {
    var options = new SubscriptionGetOptions { Expand = new List<string> { "customer" } };
    options.AddExpand("latest_invoice");
    new SubscriptionService().Get(id, options);
} }"#,
    );
    assert_eq!(calls.len(), 1);
    assert_eq!(
        calls[0].endpoint,
        "/v1/subscriptions/{subscription_exposed_id}"
    );
    assert_eq!(
        calls[0].expansion_permissions(),
        [
            ("customer".to_owned(), vec!["customer_read".to_owned()]),
            ("latest_invoice".to_owned(), vec!["invoice_read".to_owned()]),
        ]
    );
}

#[test]
fn request_options_with_a_stripe_account_are_connect_calls() {
    let calls = api_calls(
        r#"using Stripe;
class A { void M(StripeClient client, string acct) {
    client.V1.Refunds.Create(new RefundCreateOptions(), new RequestOptions { StripeAccount = acct });
    client.V1.Refunds.Create(new RefundCreateOptions());
} }"#,
    );
    assert_eq!(calls.len(), 2);
    assert!(calls[0].connect);
    assert!(!calls[1].connect);
}

#[test]
fn overloads_and_renames_pick_the_path() {
    let calls = api_calls(
        r#"using Stripe;
class A { void M(string id) {
    var accounts = new AccountService();
    accounts.GetSelf();
    accounts.Get(id);
    accounts.Get();
    new InvoiceService().ListLineItemsAutoPaging(id);
    new Stripe.Tax.SettingsService().Get();
} }"#,
    );
    let got: Vec<String> = calls.iter().map(|c| c.operation()).collect();
    assert_eq!(
        got,
        [
            "GET /v1/account",
            "GET /v1/accounts/{account}",
            // Stripe.net before GetSelf: Get() without an id read the own account.
            "GET /v1/account",
            "GET /v1/invoices/{invoice}/lines",
            "GET /v1/tax/settings",
        ]
    );
}

#[test]
fn payment_source_services_work_on_a_customers_sources() {
    let source = r#"using Stripe;
class A { void M(string cus, string id) {
    new CardService().Delete(cus, id);
    new BankAccountService().Delete(cus, id);
    var cards = new CardService();
    cards.Get(cus, id);
    cards.Create(cus, new CardCreateOptions());
    cards.Update(cus, id, new CardUpdateOptions());
    cards.List(cus);
    new Stripe.Issuing.CardService().Get(id);
} }"#;
    let got: Vec<String> = api_calls(source).iter().map(|c| c.operation()).collect();
    assert_eq!(
        got,
        [
            "DELETE /v1/customers/{customer}/sources/{id}",
            "DELETE /v1/customers/{customer}/sources/{id}",
            "GET /v1/customers/{customer}/sources/{id}",
            "POST /v1/customers/{customer}/sources",
            "POST /v1/customers/{customer}/sources/{id}",
            "GET /v1/customers/{customer}/sources",
            "GET /v1/issuing/cards/{card}",
        ]
    );
}

#[test]
fn a_card_service_of_two_imported_namespaces_is_unresolved_not_dropped() {
    let source = r#"using Stripe;
using Stripe.Issuing;
class A { void M(string cus, string id) {
    new CardService().Delete(cus, id);
} }"#;
    let found = resolve_source(
        Catalog::embedded().unwrap(),
        &CSharpExtractor,
        "Billing.cs",
        source,
    )
    .unwrap();
    assert_eq!(found.len(), 1);
    match &found[0] {
        Finding::Unresolved(u) => assert!(u.reason.contains("Stripe.Issuing.CardService")),
        other => panic!("want unresolved, got {other:?}"),
    }
}
