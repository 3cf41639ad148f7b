//! Ruby calls resolved by the core: the permissions that literal `expand` paths add, and the
//! Connect flag, which expected.txt lines do not show.

use rakscan_core::Catalog;
use rakscan_core::finding::{ApiCall, Finding};
use rakscan_core::resolve::resolve_source;
use rakscan_ruby::RubyExtractor;

fn api_calls(source: &str) -> Vec<ApiCall> {
    resolve_source(
        Catalog::embedded().unwrap(),
        &RubyExtractor,
        "app/billing.rb",
        source,
    )
    .unwrap()
    .into_iter()
    .map(|f| match f {
        Finding::ApiCall(c) => c,
        other => panic!("not an API call: {other:?}"),
    })
    .collect()
}

#[test]
fn expand_in_the_id_hash_adds_read_permissions() {
    let calls = api_calls(
        "Stripe::Subscription.retrieve({ id: sub_id, expand: ['latest_invoice', 'customer'] })",
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
fn expand_on_a_client_call_adds_read_permissions() {
    let calls = api_calls(
        "client = Stripe::StripeClient.new(key)\n\
         client.v1.payment_intents.retrieve(id, { expand: %w[latest_charge] })",
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
        "Stripe::Refund.create({ charge: ch }, { stripe_account: acct })\n\
         Stripe::Refund.create(charge: ch, stripe_account: acct)\n",
    );
    assert!(calls[0].connect);
    assert!(!calls[1].connect);
}

#[test]
fn calls_on_a_nested_list_of_an_object_go_to_the_list_path() {
    // stripe-ruby's `ListObject#create`, `#retrieve` and `#list` request the list's own URL:
    // `member.sources.create(…)` is `Stripe::Customer.create_source(member.id, …)`.
    let calls = api_calls(
        "member = Stripe::Customer.retrieve(member_id)\n\
         member.sources.create(source: tok)\n\
         member.sources.list(object: 'card')\n\
         member.sources.retrieve(card_id).delete\n\
         payee = Stripe::Account.retrieve(payee_id, { stripe_account: acct })\n\
         payee.external_accounts.create(external_account: tok)\n\
         Stripe::Transfer.retrieve(tr).reversals.create(amount: 5)\n",
    );
    let endpoints: Vec<(&str, &str, bool)> = calls
        .iter()
        .map(|c| (c.method.as_str(), c.endpoint.as_str(), c.connect))
        .collect();
    assert_eq!(
        endpoints,
        [
            ("GET", "/v1/customers/{customer}", false),
            ("POST", "/v1/customers/{customer}/sources", false),
            ("GET", "/v1/customers/{customer}/sources", false),
            ("GET", "/v1/customers/{customer}/sources/{id}", false),
            ("DELETE", "/v1/customers/{customer}/sources/{id}", false),
            ("GET", "/v1/accounts/{account}", true),
            ("POST", "/v1/accounts/{account}/external_accounts", true),
            ("GET", "/v1/transfers/{transfer}", false),
            ("POST", "/v1/transfers/{id}/reversals", false),
        ]
    );
}

#[test]
fn a_nested_list_of_something_else_is_not_stripe() {
    let calls = api_calls(
        "member = Member.find(member_id)\n\
         member.sources.create(source: tok)\n\
         member.sources.list\n",
    );
    assert!(calls.is_empty(), "{calls:?}");
}

#[test]
fn an_event_notification_fetches_its_event() {
    let found = resolve_source(
        Catalog::embedded().unwrap(),
        &RubyExtractor,
        "app/hooks.rb",
        "client = Stripe::StripeClient.new(key)\n\
         note = client.parse_event_notification(body, sig, secret)\n\
         note.fetch_event\n\
         note.fetch_related_object\n",
    )
    .unwrap();
    let kinds: Vec<String> = found
        .iter()
        .map(|f| match f {
            Finding::ApiCall(c) => format!("{} {}", c.method, c.endpoint),
            Finding::Unresolved(u) => format!("unresolved {}", u.call),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "GET /v2/core/events/{id}",
            "unresolved note.fetch_related_object"
        ]
    );
}

#[test]
fn notification_handler_blocks_receive_event_notifications() {
    let found = resolve_source(
        Catalog::embedded().unwrap(),
        &RubyExtractor,
        "app/hooks.rb",
        "client = Stripe::StripeClient.new(key)\n\
         handler = client.notification_handler(secret) do |unknown, _client, _details|\n\
           unknown.fetch_event\n\
         end\n\
         handler.on_v1_billing_meter_no_meter_found do |note, _client|\n\
           note.fetch_event\n\
         end\n\
         handler.handle(body, sig)\n\
         items.each { |note| note.fetch_event }\n",
    )
    .unwrap();
    let lines: Vec<usize> = found
        .iter()
        .map(|f| match f {
            Finding::ApiCall(c) => c.location.line,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(lines, [3, 6]);
}

#[test]
fn a_legacy_nested_list_of_an_object_goes_to_its_legacy_path() {
    // Before subscriptions moved to /v1/subscriptions, stripe-ruby created them on the
    // customer's own list; the endpoint is a legacy row of the permission rules.
    let calls = api_calls(
        "holder = Stripe::Customer.retrieve(holder_id)\n\
         holder.subscriptions.create(plan: 'gold')\n",
    );
    let endpoints: Vec<(&str, &str)> = calls
        .iter()
        .map(|c| (c.method.as_str(), c.endpoint.as_str()))
        .collect();
    assert_eq!(
        endpoints,
        [
            ("GET", "/v1/customers/{customer}"),
            ("POST", "/v1/customers/{customer}/subscriptions"),
        ]
    );
}
