//! PHP calls resolved by the core: the permissions that literal `expand` paths add, the
//! Connect flag, and the certainty of receivers known only by name, which expected.txt lines
//! do not show.

use rakscan_core::Catalog;
use rakscan_core::finding::{ApiCall, Finding};
use rakscan_core::ir::Certainty;
use rakscan_core::resolve::resolve_source;
use rakscan_php::PhpExtractor;

fn api_calls(body: &str) -> Vec<ApiCall> {
    let source = format!("<?php\n{body}");
    resolve_source(
        Catalog::embedded().unwrap(),
        &PhpExtractor,
        "src/billing.php",
        &source,
    )
    .unwrap()
    .into_iter()
    .filter_map(Finding::into_api_call)
    .collect()
}

#[test]
fn expand_in_the_retrieve_array_adds_read_permissions() {
    let calls = api_calls(
        "\\Stripe\\Subscription::retrieve(['id' => $id, 'expand' => ['latest_invoice', 'customer']]);",
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
        "$stripe = new \\Stripe\\StripeClient($key);\n\
         $stripe->paymentIntents->retrieve($id, ['expand' => ['latest_charge']]);",
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
        "\\Stripe\\Refund::create(['charge' => $ch], ['stripe_account' => $acct]);\n\
         \\Stripe\\Refund::create(['charge' => $ch]);\n",
    );
    assert!(calls[0].connect);
    assert!(!calls[1].connect);
}

#[test]
fn singleton_retrieves_take_the_options_first() {
    let calls = api_calls(
        "\\Stripe\\Balance::retrieve(['stripe_account' => 'acct_1']);\n\
         \\Stripe\\Account::retrieve(['stripe_account' => $acct]);\n\
         \\Stripe\\Balance::retrieve();\n\
         \\Stripe\\Customer::create(['stripe_account' => 'acct_1']);\n",
    );
    let got: Vec<(&str, bool)> = calls
        .iter()
        .map(|c| (c.endpoint.as_str(), c.connect))
        .collect();
    // A create's first argument is its params, never the options.
    assert_eq!(
        got,
        [
            ("/v1/balance", true),
            ("/v1/account", true),
            ("/v1/balance", false),
            ("/v1/customers", false),
        ]
    );
}

#[test]
fn a_source_read_from_a_customer_is_deleted_at_the_same_path() {
    let calls = api_calls(
        "$c = \\Stripe\\Customer::retrieve('cus_1');\n\
         $c->sources->retrieve('card_1')->delete();\n",
    );
    let got: Vec<String> = calls.iter().map(|c| c.operation()).collect();
    assert_eq!(
        got,
        [
            "GET /v1/customers/{customer}",
            "GET /v1/customers/{customer}/sources/{id}",
            "DELETE /v1/customers/{customer}/sources/{id}",
        ]
    );
}

#[test]
fn likely_receivers_are_kept_only_when_they_match() {
    let calls = api_calls(
        "function f($stripe) {\n\
           $stripe->customers->create([]);\n\
           $stripe->widgets->spin();\n\
         }",
    );
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].endpoint, "/v1/customers");
    assert_eq!(calls[0].confidence, Certainty::Likely);
}

#[test]
fn eloquent_saves_and_deletes_are_not_reported() {
    let calls = api_calls(
        "$customer = \\Stripe\\Customer::retrieve($id);\n\
         $user = User::find(1);\n\
         $user->save();\n\
         $user->delete();\n\
         $customer->delete();\n",
    );
    let endpoints: Vec<_> = calls.iter().map(|c| c.operation()).collect();
    assert_eq!(
        endpoints,
        [
            "GET /v1/customers/{customer}",
            "DELETE /v1/customers/{customer}"
        ]
    );
}

#[test]
fn legacy_nested_lists_resolve_to_the_parent_path() {
    let calls = api_calls(
        "$customer = \\Stripe\\Customer::retrieve($id);\n\
         $customer->sources->create(['source' => $token]);\n\
         $customer->sources->all();\n",
    );
    let endpoints: Vec<_> = calls.iter().map(|c| c.operation()).collect();
    assert_eq!(
        endpoints,
        [
            "GET /v1/customers/{customer}",
            "POST /v1/customers/{customer}/sources",
            "GET /v1/customers/{customer}/sources",
        ]
    );
}

#[test]
fn calls_on_what_a_method_declared_to_return_a_stripe_object_returns() {
    // The return type, native or in the doc comment, names the object's class, also when the
    // method is defined below its use.
    let calls = api_calls(
        "use Stripe\\Subscription as RemoteSubscription;\n\
         class Plan {\n\
             public function stop() {\n\
                 $remote = $this->remote();\n\
                 $remote->cancel();\n\
                 $this->card($this->card_id)->detach();\n\
                 $this->payer()->save();\n\
             }\n\
             public function remote(): RemoteSubscription { return $this->owner->lookup($this->sid); }\n\
             /**\n\
              * @param string $id\n\
              * @return \\Stripe\\PaymentMethod|null\n\
              */\n\
             protected function card($id) { return $this->owner->card($id); }\n\
             /** @return \\App\\Payer */\n\
             protected function payer() { return $this->owner->payer(); }\n\
         }",
    );
    let endpoints: Vec<(&str, &str)> = calls
        .iter()
        .map(|c| (c.method.as_str(), c.endpoint.as_str()))
        .collect();
    assert_eq!(
        endpoints,
        [
            ("DELETE", "/v1/subscriptions/{subscription_exposed_id}"),
            ("POST", "/v1/payment_methods/{payment_method}/detach"),
        ]
    );
}

#[test]
fn a_method_declared_to_return_a_list_of_stripe_objects_returns_no_object() {
    let calls = api_calls(
        "class Plan {\n\
             /** @return \\Stripe\\Customer[] */\n\
             public function payers() { return $this->owner->payers(); }\n\
             public function go() { $this->payers()->delete(); }\n\
         }",
    );
    assert!(calls.is_empty(), "{calls:?}");
}

#[test]
fn event_notifications_fetch_their_event() {
    let source = "<?php\n\
         $client = new \\Stripe\\StripeClient($key);\n\
         $note = $client->parseEventNotification($body, $sig, $secret);\n\
         $note->fetchEvent();\n\
         $handler = $client->notificationHandler($secret, static function ($unknown, $client) {\n\
             $unknown->fetchEvent();\n\
         });\n\
         $handler->onV1BillingMeterNoMeterFound(static function ($n, $client) {\n\
             $n->fetchRelatedObject();\n\
         });\n\
         $handler->handle($body, $sig);\n\
         array_map(function ($n) { return $n->fetchEvent(); }, $items);\n";
    let found = resolve_source(
        Catalog::embedded().unwrap(),
        &PhpExtractor,
        "src/hooks.php",
        source,
    )
    .unwrap();
    let lines: Vec<(usize, bool)> = found
        .iter()
        .map(|f| match f {
            Finding::ApiCall(c) => (c.location.line, true),
            Finding::Unresolved(u) => (u.location.line, false),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(lines, [(4, true), (6, true), (9, false)]);
}

fn endpoints(calls: &[ApiCall]) -> Vec<(String, String, Certainty)> {
    calls
        .iter()
        .map(|c| (c.method.clone(), c.endpoint.clone(), c.confidence))
        .collect()
}

#[test]
fn calls_on_a_service_a_method_returns_from_its_body() {
    let calls = api_calls(
        "class Shop {\n\
             public function __construct(private \\Stripe\\StripeClient $api) {}\n\
             public function open(array $p) { return $this->buyers()->create($p); }\n\
             public function ship(array $p) { return $this->carts()->create($p); }\n\
             private function buyers() { return $this->api->customers; }\n\
             private function carts() { return $this->api->checkout->sessions; }\n\
         }",
    );
    assert_eq!(
        endpoints(&calls),
        [
            ("POST".into(), "/v1/customers".into(), Certainty::Certain),
            (
                "POST".into(),
                "/v1/checkout/sessions".into(),
                Certainty::Certain
            ),
        ]
    );
}

#[test]
fn calls_on_a_service_a_method_is_declared_to_return() {
    // The client is set elsewhere: only the declared class, native or in the doc comment,
    // tells; it names stripe-php's class exactly, so the calls are certain.
    let calls = api_calls(
        "use Stripe\\Service\\Checkout\\SessionService;\n\
         trait Payments {\n\
             protected function buyers(): \\Stripe\\Service\\CustomerService { return $this->api()->buyers; }\n\
             protected function carts(): ?SessionService { return $this->api()->carts; }\n\
             /** @return \\Stripe\\Service\\V2\\Core\\EventService */\n\
             protected function feed() { return $this->api()->feed; }\n\
             public function go(array $p, string $id) {\n\
                 $this->buyers()->create($p);\n\
                 $this->carts()->retrieve($id);\n\
                 $this->feed()->retrieve($id);\n\
             }\n\
         }",
    );
    assert_eq!(
        endpoints(&calls),
        [
            ("POST".into(), "/v1/customers".into(), Certainty::Certain),
            (
                "GET".into(),
                "/v1/checkout/sessions/{session}".into(),
                Certainty::Certain
            ),
            (
                "GET".into(),
                "/v2/core/events/{id}".into(),
                Certainty::Certain
            ),
        ]
    );
}

#[test]
fn a_parameter_or_new_object_of_a_service_class_is_that_service() {
    let calls = api_calls(
        "function refund(\\Stripe\\Service\\RefundService $refunds, array $p) { $refunds->create($p); }\n\
         $prices = new \\Stripe\\Service\\PriceService($client);\n\
         $prices->all();",
    );
    assert_eq!(
        endpoints(&calls),
        [
            ("POST".into(), "/v1/refunds".into(), Certainty::Certain),
            ("GET".into(), "/v1/prices".into(), Certainty::Certain),
        ]
    );
}

#[test]
fn a_project_class_named_like_a_stripe_service_stays_silent() {
    let calls = api_calls(
        "namespace App\\Billing;\n\
         use App\\Services\\CustomerService;\n\
         class Accounts {\n\
             protected function customers(): CustomerService { return $this->customers; }\n\
             /** @return \\App\\Services\\SessionService */\n\
             protected function sessions() { return $this->sessions; }\n\
             /** @return \\Stripe\\Service\\CustomerBalanceTransactionService */\n\
             protected function nested() { return $this->nested; }\n\
             public function go(array $p) {\n\
                 $this->customers()->create($p);\n\
                 $this->sessions()->create($p);\n\
                 $this->nested()->create($p);\n\
             }\n\
         }",
    );
    assert!(calls.is_empty(), "{calls:?}");
}
