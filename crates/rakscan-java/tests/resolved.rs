//! Java calls resolved by the core: operations for the styles, the permissions literal expand
//! paths add and the Connect flag, which expected.txt lines do not show.

use rakscan_core::Catalog;
use rakscan_core::finding::{ApiCall, Finding};
use rakscan_core::resolve::resolve_source;
use rakscan_java::JavaExtractor;

fn api_calls(source: &str) -> Vec<ApiCall> {
    resolve_source(
        Catalog::embedded().unwrap(),
        &JavaExtractor,
        "src/Billing.java",
        source,
    )
    .unwrap()
    .into_iter()
    .filter_map(Finding::into_api_call)
    .collect()
}

fn endpoints(calls: &[ApiCall]) -> Vec<String> {
    calls.iter().map(|c| c.operation()).collect()
}

#[test]
fn every_style_resolves() {
    let calls = api_calls(
        "import com.stripe.StripeClient;\nimport com.stripe.model.*;\n\
         class A { void f(Subscription sub, String id) throws Exception {\n\
           Account.retrieve();\n\
           Account.retrieve(id);\n\
           Customer c = Customer.retrieve(id);\n\
           c.update(p);\n\
           sub.cancel();\n\
           StripeClient client = new StripeClient(k);\n\
           client.v1().customers().search(p);\n\
           client.v1().testHelpers().testClocks().advance(\"clock\", p);\n\
         } }",
    );
    assert_eq!(
        endpoints(&calls),
        [
            "GET /v1/account",
            "GET /v1/accounts/{account}",
            "GET /v1/customers/{customer}",
            "POST /v1/customers/{customer}",
            "DELETE /v1/subscriptions/{subscription_exposed_id}",
            "GET /v1/customers/search",
            "POST /v1/test_helpers/test_clocks/{test_clock}/advance",
        ]
    );
}

#[test]
fn expand_adds_read_permissions() {
    let calls = api_calls(
        "import com.stripe.StripeClient;\n\
         class A { void f(StripeClient client, String id) throws Exception {\n\
           client.v1().paymentIntents().retrieve(id,\n\
             PaymentIntentRetrieveParams.builder().addExpand(\"latest_charge\").build());\n\
         } }",
    );
    assert_eq!(calls[0].endpoint, "/v1/payment_intents/{intent}");
    assert_eq!(
        calls[0].expansion_permissions(),
        [("latest_charge".to_owned(), vec!["charge_read".to_owned()])]
    );
}

#[test]
fn connect_is_carried_to_the_finding() {
    let calls = api_calls(
        "import com.stripe.model.Refund;\nimport com.stripe.net.RequestOptions;\n\
         class A { void f(String acct) throws Exception {\n\
           Refund.create(p, RequestOptions.builder().setStripeAccount(acct).build());\n\
           Refund.create(p);\n\
         } }",
    );
    assert!(calls[0].connect);
    assert!(!calls[1].connect);
}
