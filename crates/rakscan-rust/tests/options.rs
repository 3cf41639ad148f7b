//! Literal `expand` lists and Stripe-Account (Connect) options.

mod common;

use rakscan_core::finding::Finding;
use rakscan_core::resolve::{FileContext, resolve_file};
use rakscan_core::{Catalog, SdkCall};

fn calls(source: &str) -> Vec<SdkCall> {
    common::extract(source).calls
}

fn expands(source: &str) -> Vec<Vec<String>> {
    calls(source).into_iter().map(|c| c.expand).collect()
}

fn connects(source: &str) -> Vec<bool> {
    calls(source).into_iter().map(|c| c.connect).collect()
}

#[test]
fn zero_x_expand_lists() {
    let src = r#"
use stripe::{Client, Customer, CheckoutSession, ListCheckoutSessions, CreateCustomer};
async fn run(client: &Client) {
    Customer::retrieve(client, &id, &["invoice_settings.default_payment_method", "default_source"]).await;
    Customer::retrieve(client, &id, &[]).await;
    let mut params = ListCheckoutSessions::new();
    params.expand = &["data.line_items"];
    CheckoutSession::list(client, &params).await;
    Customer::create(client, CreateCustomer { expand: &["tax_ids"], ..Default::default() }).await;
}
"#;
    assert_eq!(
        expands(src),
        vec![
            vec![
                "invoice_settings.default_payment_method".to_owned(),
                "default_source".to_owned()
            ],
            vec![],
            vec!["data.line_items".to_owned()],
            vec!["tax_ids".to_owned()],
        ]
    );
}

#[test]
fn one_x_expand_lists() {
    let src = r#"
use stripe_checkout::checkout_session::{RetrieveCheckoutSession, CreateCheckoutSession};
async fn run(client: &stripe::Client) {
    RetrieveCheckoutSession::new(id).expand(["line_items".to_string()]).send(client).await;
    let mut params = CreateCheckoutSession::new();
    params.expand = Some(&["line_items", "line_items.data.price.product"]);
    params.send(client).await;
}
"#;
    assert_eq!(
        expands(src),
        vec![
            vec!["line_items".to_owned()],
            vec![
                "line_items".to_owned(),
                "line_items.data.price.product".to_owned()
            ],
        ]
    );
}

#[test]
fn expand_adds_read_permissions() {
    let src = "use stripe::{Client, PaymentIntent};\n\
               async fn f(c: &Client) { PaymentIntent::retrieve(c, &id, &[\"customer\"]).await; }\n";
    let extraction = common::extract(src);
    let file = FileContext {
        path: "a.rs",
        language: "rust",
        source: src,
    };
    let found = resolve_file(Catalog::embedded().unwrap(), &file, &extraction);
    let [Finding::ApiCall(call)] = found.as_slice() else {
        panic!("{found:?}");
    };
    let reads: Vec<_> = call.expansions[0]
        .reads
        .iter()
        .filter_map(|r| r.permission.clone())
        .collect();
    assert!(reads.contains(&"customer_read".to_owned()), "{reads:?}");
}

#[test]
fn connected_account_clients_and_requests() {
    let src = r#"
use stripe::{Client, ClientBuilder, Customer, Charge};
use stripe_core::customer::CreateCustomer;
async fn run(key: &str, acct: stripe::AccountId, plain: &Client) {
    let connected = Client::new(key).with_stripe_account(acct.clone());
    Customer::create(&connected, params).await;
    Charge::list(plain, &params).await;
    Charge::list(&plain.clone().with_stripe_account(acct.clone()), &params).await;
    let built = ClientBuilder::new(key).account_id(acct.clone()).build()?;
    CreateCustomer::new().send(&built).await;
    CreateCustomer::new().customize().account_id(acct).send(plain).await;
    CreateCustomer::new().send(plain).await;
}
"#;
    assert_eq!(connects(src), [true, false, true, true, true, false]);
}
