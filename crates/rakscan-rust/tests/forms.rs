//! The call forms of issue #5, one small source each. Expected findings are declared in the
//! sources (`// => …`) and were checked against Stripe's API reference.

mod common;

use common::check;

#[test]
fn zero_x_imports_aliases_and_full_paths() {
    check(
        r#"
use stripe::{CheckoutSession, Client, CreateCustomer, Customer as StripeCustomer, Subscription};

pub async fn flows(client: &Client, id: &stripe::CustomerId) -> Result<(), stripe::StripeError> {
    let created = StripeCustomer::create(client, CreateCustomer::new()).await?; // => POST /v1/customers customer_write
    let fetched = stripe::Customer::retrieve(client, id, &["invoice_settings.default_payment_method"]).await?; // => GET /v1/customers/{customer} customer_read
    let session = CheckoutSession::create(client, params()).await?; // => POST /v1/checkout/sessions checkout_session_write
    let sub = Subscription::update(client, &sub_id, update).await?; // => POST /v1/subscriptions/{subscription_exposed_id} subscription_write
    let invoices = ::stripe::Invoice::list(client, &stripe::ListInvoices::new()).await?; // => GET /v1/invoices invoice_read
    Ok(())
}
"#,
    );
}

#[test]
fn zero_x_inside_async_blocks_closures_and_impls() {
    check(
        r#"
use stripe::{Client, PaymentIntent, Refund, BillingPortalSession};

struct Billing { client: Client }

impl Billing {
    async fn confirm(&self, id: &str) {
        let pi = PaymentIntent::confirm(&self.client, id, Default::default()) // => POST /v1/payment_intents/{intent}/confirm payment_intent_write
            .await
            .map_err(|e| e.to_string());
    }

    fn refunds(&self) -> impl std::future::Future {
        let client = self.client.clone();
        async move {
            Refund::list(&client, &Default::default()).await // => GET /v1/refunds refund_read
        }
    }

    async fn portals(&self, ids: Vec<String>) {
        let futures = ids.iter().map(|id| BillingPortalSession::create(&self.client, portal(id))); // => POST /v1/billing_portal/sessions customer_portal_write
    }
}
"#,
    );
}

#[test]
fn crate_renames() {
    check(
        r#"
extern crate stripe as st;
use async_stripe as pay;

async fn f(client: &st::Client) {
    st::Customer::delete(client, &id).await; // => DELETE /v1/customers/{customer} customer_write
    pay::Price::search(client, params).await; // => GET /v1/prices/search plan_read
}
"#,
    );
    let source =
        "async fn f(c: &payments::Client) {\n    payments::Coupon::create(c, p).await;\n}\n";
    let extractor = rakscan_rust::RustExtractor::with_crate_aliases(vec!["payments".to_owned()]);
    assert_eq!(
        common::findings_with(&extractor, "a.rs", source),
        ["a.rs:2 POST /v1/coupons coupon_write"]
    );
    assert!(common::findings("a.rs", source).is_empty());
}

#[test]
fn one_x_request_builders() {
    check(
        r#"
use stripe::{Client, StripeRequest};
use stripe_core::customer::{CreateCustomer, ListCustomer, RetrieveCustomer};
use stripe_checkout::checkout_session::CreateCheckoutSession;
use stripe_billing::subscription;

async fn run(client: &Client, id: stripe_shared::CustomerId) -> Result<(), stripe::StripeError> {
    let customer = CreateCustomer::new().email("a@example.com").send(client).await?; // => POST /v1/customers customer_write
    let fetched = RetrieveCustomer::new(id.clone()) // => GET /v1/customers/{customer} customer_read
        .expand(&["invoice_settings.default_payment_method"])
        .send(client)
        .await?;
    let blocking = CreateCheckoutSession::new().send_blocking(client)?; // => POST /v1/checkout/sessions checkout_session_write
    let pages = ListCustomer::new().paginate().stream(client); // => GET /v1/customers customer_read
    let cancel = subscription::CancelSubscription::new(sub_id).send(client).await?; // => DELETE /v1/subscriptions/{subscription_exposed_id} subscription_write
    let literal = CreateCustomer { name: Some("n"), ..Default::default() }.send(client).await?; // => POST /v1/customers customer_write
    Ok(())
}
"#,
    );
}

#[test]
fn one_x_builders_held_in_variables() {
    check(
        r#"
use stripe_product::price::CreatePrice;
use stripe_checkout::checkout_session::CreateCheckoutSession;
use stripe_core::customer::UpdateCustomer;

async fn run(client: &stripe::Client) {
    let mut create_price = CreatePrice::new(stripe_types::Currency::USD);
    create_price.unit_amount = Some(1000);
    create_price.expand = Some(&["product"]);
    let price = create_price.send(client).await; // => POST /v1/prices plan_write
    let session = {
        let mut params = CreateCheckoutSession::new();
        params.customer = Some("cus");
        params.send(client).await // => POST /v1/checkout/sessions checkout_session_write
    };
}

async fn typed(req: UpdateCustomer<'_>, client: &stripe::Client) {
    req.send(client).await; // => POST /v1/customers/{customer} customer_write
}
"#,
    );
}

#[test]
fn macro_bodies() {
    check(
        r#"
use stripe::{Client, Customer, Invoice};

macro_rules! fetch {
    ($client:expr, $id:expr) => {
        Customer::retrieve($client, $id, &[]) // => unresolved
    };
}

async fn run(client: &Client) {
    println!("{:?}", Customer::retrieve(client, &id, &[]).await); // => GET /v1/customers/{customer} customer_read
    let (a, b) = tokio::join!(
        Invoice::pay(client, &inv, params), // => POST /v1/invoices/{invoice}/pay invoice_write
        Invoice::finalize(client, &inv, params), // => POST /v1/invoices/{invoice}/finalize invoice_write
    );
    tokio::select! {
        c = Customer::delete(client, &id) => {}, // => unresolved
        _ = tokio::time::sleep(d) => {},
    }
}
"#,
    );
}

#[test]
fn look_alikes_are_not_reported() {
    check(
        r#"
use stripe::{Client, Webhook, CreateCustomer, CustomerId};
use crate::models::{Invoice, Plan};

mod models;

struct Customer { id: String }
impl Customer {
    fn create(db: &Db, name: &str) -> Customer { todo!() }
}

async fn run(db: &Db, key: &str, payload: &str, sig: &str, secret: &str) {
    let client = stripe::Client::new(key);
    let c = Customer::create(db, "x");
    let i = Invoice::list(db, &filter).await;
    let p = Plan::retrieve(&client, &id, &[]).await;
    let event = Webhook::construct_event(payload, sig, secret);
    let params = CreateCustomer::new();
    let id: CustomerId = "cus_1".parse().unwrap();
    let id2 = CustomerId::from_str("cus_1");
    let resp = reqwest::Client::new().post("https://example.com").send().await;
}
"#,
    );
}

#[test]
fn local_module_named_stripe_is_not_the_sdk() {
    check(
        r#"
use crate::common::stripe;

async fn run(client: &Client) {
    stripe::Customer::create(client, params).await;
}
"#,
    );
}

#[test]
fn legacy_endpoints_resolve_through_the_permission_rules() {
    // Both endpoints left the API description; stripe-permissions.tsv keeps them.
    check(
        r#"
use stripe::{Client, Invoice, UsageRecord};
async fn run(client: &Client) {
    Invoice::upcoming(client, &params).await; // => GET /v1/invoices/upcoming invoice_read
    UsageRecord::create(client, &item, params).await; // => POST /v1/subscription_items/{subscription_item}/usage_records usage_record_write

}
"#,
    );
}

#[test]
fn builders_reassigned_and_sent_with_extra_arguments() {
    check(
        r#"
use stripe::{RequestStrategy, StripeRequest};
use stripe_core::customer::CreateCustomer;
use stripe_payment::payment_method::AttachPaymentMethod;

async fn run(client: &stripe::Client, email: Option<String>, key: stripe::IdempotencyKey) {
    let mut request = CreateCustomer::new();
    if let Some(email) = email {
        request = request.email(email);
    }
    let customer = request // => POST /v1/customers customer_write
        .customize()
        .request_strategy(RequestStrategy::Idempotent(key))
        .send(client)
        .await;
    AttachPaymentMethod::new(&customer.id).send(client, &pm).await; // => POST /v1/payment_methods/{payment_method}/attach payment_method_write
}
"#,
    );
}

#[test]
fn raw_requests() {
    check(
        r#"
use stripe::Client;
use stripe_client_core::{RequestBuilder, StripeMethod};

async fn run(client: &Client, path: String) {
    let balance: Balance = client.get("/balance").await?; // => GET /v1/balance balance_read
    client.post_form("/customers", &params).await?; // => POST /v1/customers customer_write
    client.get_query(&path, &params).await?; // => unresolved
    RequestBuilder::new(StripeMethod::Get, "/customers").customize::<Page>().send(client).await?; // => GET /v1/customers customer_read
    let req = RequestBuilder::new(StripeMethod::Get, path);
    req.customize::<Page>().send(client).await?; // => unresolved
}

async fn not_stripe(http: &reqwest::Client) {
    http.get("/balance").send().await;
}
"#,
    );
}
