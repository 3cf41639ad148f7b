//! IR-level checks of the PHP extractor: receivers, styles, origins, id counts, `expand`,
//! Connect options, certainty, name resolution, unresolved calls and robustness.

use rakscan_core::Extractor;
use rakscan_core::ir::{CallStyle, Certainty, Extraction, SdkCall};
use rakscan_php::PhpExtractor;

fn extract(source: &str) -> Extraction {
    PhpExtractor
        .extract(std::path::Path::new("app.php"), source)
        .expect("extraction succeeds")
}

fn calls(source: &str) -> Vec<SdkCall> {
    extract(&format!("<?php\n{source}")).calls
}

fn only_call(source: &str) -> SdkCall {
    extract(&format!("<?php\n{source}")).into_only_call()
}

#[test]
fn fully_qualified_classes_drop_the_stripe_root() {
    let c = only_call("\\Stripe\\Checkout\\Session::create(['mode' => 'payment']);");
    assert_eq!(c.style, CallStyle::Class);
    assert_eq!(c.receiver, ["Checkout", "Session"]);
    assert_eq!(c.method, "create");
    assert_eq!(c.display, "\\Stripe\\Checkout\\Session::create");
    assert_eq!(c.certainty, Certainty::Certain);
    assert_eq!(c.positional_args, 0);
}

#[test]
fn use_imports_aliases_and_groups_resolve_classes() {
    let c = only_call(
        "use Stripe\\Checkout\\Session as CheckoutSession;\nCheckoutSession::retrieve($id);",
    );
    assert_eq!(c.receiver, ["Checkout", "Session"]);
    assert_eq!(c.positional_args, 1);

    let c = only_call("use Stripe\\{Customer, Issuing\\Card};\nCard::update($id, []);");
    assert_eq!(c.receiver, ["Issuing", "Card"]);

    let c = only_call("use Stripe\\Issuing;\nIssuing\\Card::all();");
    assert_eq!(c.receiver, ["Issuing", "Card"]);
    assert_eq!(c.method, "all");
}

#[test]
fn namespaces_decide_what_a_bare_class_name_is() {
    // Inside App\Models without an import, Customer is the project's own class.
    assert!(calls("namespace App\\Models;\nCustomer::create(['email' => $e]);").is_empty());
    // A relative Stripe\Customer inside a namespace is App\Stripe\Customer.
    assert!(calls("namespace App;\nStripe\\Customer::create([]);").is_empty());
    // In the global namespace it is the SDK's.
    let c = only_call("Stripe\\Customer::create([]);");
    assert_eq!(c.receiver, ["Customer"]);
    // Imports end with the namespace they belong to.
    let found = calls(
        "namespace A;\nuse Stripe\\Customer;\nCustomer::create([]);\n\
         namespace B;\nCustomer::create([]);",
    );
    assert_eq!(found.len(), 1);
}

#[test]
fn account_retrieve_counts_only_real_ids() {
    assert_eq!(
        only_call("\\Stripe\\Account::retrieve();").positional_args,
        0
    );
    assert_eq!(
        only_call("\\Stripe\\Account::retrieve($acct);").positional_args,
        1
    );
    assert_eq!(
        only_call("$s = new \\Stripe\\StripeClient($k);\n$s->accounts->retrieve(null, ['stripe_account' => $a]);")
            .positional_args,
        0
    );
    assert_eq!(
        only_call("\\Stripe\\Customer::retrieve(['id' => $id, 'expand' => ['sources']]);")
            .positional_args,
        1
    );
}

#[test]
fn client_services_keep_their_path() {
    let c = only_call(
        "$stripe = new \\Stripe\\StripeClient($key);\n$stripe->customers->create(['email' => 'a']);",
    );
    assert_eq!(c.style, CallStyle::Service);
    assert_eq!(c.receiver, ["customers"]);
    assert_eq!(c.display, "$stripe->customers->create");
    assert_eq!(c.certainty, Certainty::Certain);

    let c = only_call(
        "use Stripe\\StripeClient;\n$c = new StripeClient(['api_key' => $k]);\n$c->v2->core->events->all();",
    );
    assert_eq!(c.receiver, ["v2", "core", "events"]);
    assert_eq!(c.method, "all");

    let c = only_call(
        "$s = new \\Stripe\\StripeClient($k);\n$s->testHelpers->testClocks->advance($id, []);",
    );
    assert_eq!(c.receiver, ["testHelpers", "testClocks"]);
}

#[test]
fn clients_in_properties_parameters_and_factories() {
    let source = "use Stripe\\StripeClient;
class A {
    public function run() { $this->stripe->refunds->create([]); }
    public function __construct() { $this->stripe = new StripeClient('k'); }
}
class B {
    public function __construct(private StripeClient $client) {}
    public function run() { $this->client->payouts->all(); }
}
class C {
    private ?StripeClient $api;
    public function run() { $this->api->prices->all(); }
}
class D {
    protected static function sdk(): StripeClient { return new StripeClient('k'); }
    public function run() { static::sdk()->products->all(); }
}
function charge(StripeClient $gateway) { $gateway->charges->create([]); }
";
    let found = calls(source);
    let got: Vec<(String, Certainty)> = found
        .iter()
        .map(|c| (c.display.clone(), c.certainty))
        .collect();
    assert_eq!(
        got,
        [
            (
                "$this->stripe->refunds->create".to_owned(),
                Certainty::Certain
            ),
            ("$this->client->payouts->all".to_owned(), Certainty::Certain),
            ("$this->api->prices->all".to_owned(), Certainty::Certain),
            (
                "static::sdk()->products->all".to_owned(),
                Certainty::Certain
            ),
            ("$gateway->charges->create".to_owned(), Certainty::Certain),
        ]
    );
}

#[test]
fn names_alone_give_likely_receivers() {
    let c = only_call("function f($stripe) { $stripe->customers->create([]); }");
    assert_eq!(c.certainty, Certainty::Likely);
    let c = only_call("class X { function f() { $this->stripeClient->invoices->pay($id); } }");
    assert_eq!(c.certainty, Certainty::Likely);
    let c = only_call("StripeService::getStripeClient()->paymentIntents->retrieve($id);");
    assert_eq!(c.certainty, Certainty::Likely);
    let c = only_call("$this->config->getStripeClient()->invoices->retrieve($id);");
    assert_eq!(c.certainty, Certainty::Likely);
    // A property assigned the project's own class is not a client, whatever its name.
    assert!(calls("class X { function __construct() { $this->stripe = new StripeService(); }\n function f() { $this->stripe->customers->create([]); } }").is_empty());
    // `$client` is only a candidate in a file that names StripeClient.
    assert!(calls("function f($client) { $client->customers->create([]); }").is_empty());
    let c = only_call(
        "/** @param \\Stripe\\StripeClient $client */\nfunction f($client) { $client->customers->create([]); }",
    );
    assert_eq!(c.certainty, Certainty::Likely);
}

#[test]
fn instance_calls_point_at_their_origin() {
    let found = calls(
        "function stop($id) {\n  $sub = \\Stripe\\Subscription::retrieve($id);\n  $sub->cancel();\n}\n\
         \\Stripe\\Invoice::create(['customer' => 'c'])->pay();\n",
    );
    let styles: Vec<_> = found
        .iter()
        .map(|c| (c.method.as_str(), c.style.clone()))
        .collect();
    assert_eq!(
        styles,
        [
            ("retrieve", CallStyle::Class),
            ("cancel", CallStyle::Instance { origin: Some(0) }),
            ("create", CallStyle::Class),
            ("pay", CallStyle::Instance { origin: Some(2) }),
        ]
    );
}

#[test]
fn objects_do_not_leak_across_functions() {
    let found = calls(
        "function a() { $c = \\Stripe\\Customer::retrieve('x'); }\nfunction b() { $c->save(); }",
    );
    assert_eq!(found.len(), 1);
}

#[test]
fn typed_stripe_objects_are_instances_of_their_class() {
    let c = only_call("function f(\\Stripe\\Customer $customer) { $customer->save(); }");
    assert_eq!(c.style, CallStyle::Instance { origin: None });
    assert_eq!(c.receiver, ["Customer"]);
    assert_eq!(c.method, "save");
}

#[test]
fn local_helpers_on_objects_are_not_calls() {
    let found = calls(
        "$c = \\Stripe\\Customer::retrieve('x');\n$c->toArray();\n$c->jsonSerialize();\n$c->isDeleted();",
    );
    assert_eq!(found.len(), 1);
}

#[test]
fn expand_and_connect_options() {
    let c = only_call(
        "\\Stripe\\PaymentIntent::create(['amount' => 1, 'expand' => ['customer', 'latest_charge']], ['stripe_account' => $acct]);",
    );
    assert_eq!(c.expand, ["customer", "latest_charge"]);
    assert!(c.connect);

    let c = only_call(
        "$s = new \\Stripe\\StripeClient($k);\n$opts = ['stripe_account' => $acct];\n$s->customers->retrieve($id, ['expand' => ['default_source']], $opts);",
    );
    assert_eq!(c.expand, ["default_source"]);
    assert!(c.connect);

    let c =
        only_call("\\Stripe\\Customer::create(array('email' => 'a', 'expand' => array('tax')));");
    assert_eq!(c.expand, ["tax"]);
    assert!(!c.connect);
}

#[test]
fn raw_requests_with_literal_paths() {
    let found = calls(
        "$s = new \\Stripe\\StripeClient($k);\n\
         $s->rawRequest('post', '/v1/customers/' . $id . '/balance_transactions', []);\n\
         $s->rawRequest('get', \"/v1/invoices/{$id}\");\n\
         $s->rawRequest($verb, $path);",
    );
    let raws: Vec<_> = found.iter().map(|c| c.style.clone()).collect();
    assert_eq!(
        raws,
        [
            CallStyle::Raw {
                verb: "post".to_owned(),
                path: "/v1/customers/{}/balance_transactions".to_owned()
            },
            CallStyle::Raw {
                verb: "get".to_owned(),
                path: "/v1/invoices/{}".to_owned()
            },
        ]
    );
    assert_eq!(
        extract("<?php\n$s = new \\Stripe\\StripeClient($k);\n$s->rawRequest($verb, $path);")
            .unresolved
            .len(),
        1
    );
}

#[test]
fn dynamic_names_on_stripe_receivers_are_unresolved() {
    let ex = extract(
        "<?php\n$s = new \\Stripe\\StripeClient($k);\n$s->$service->create([]);\n$s->customers->{$verb}();\n\\Stripe\\Customer::$method();",
    );
    assert!(ex.calls.is_empty(), "{:#?}", ex.calls);
    assert_eq!(ex.unresolved.len(), 3, "{:#?}", ex.unresolved);
}

#[test]
fn helpers_and_lookalikes_are_quiet() {
    let source = "\\Stripe\\Stripe::setApiKey($k);
\\Stripe\\Webhook::constructEvent($p, $s, $w);
\\Stripe\\Event::constructFrom($data);
$x = \\Stripe\\Customer::class;
$y = \\Stripe\\Invoice::STATUS_PAID;
$user->save();
$db->customers->delete($id);
$stripe = new App\\Billing\\StripeService();
$stripe->customers->create([]);
";
    assert!(calls(source).is_empty(), "{:#?}", calls(source));
}

#[test]
fn html_around_php_blocks_is_skipped() {
    let ex = extract(
        "<html><body><?php $pi = \\Stripe\\PaymentIntent::create([]); ?>\n<p><?= $pi->id ?></p>\n<?php $pi->cancel(); ?></body></html>",
    );
    assert_eq!(ex.calls.len(), 2);
    assert_eq!(ex.calls[1].style, CallStyle::Instance { origin: Some(0) });
}

#[test]
fn broken_and_deep_input_does_not_panic() {
    let ex = extract("<?php\nclass { function (\n\\Stripe\\Customer::create([]);");
    assert!(!ex.warnings.is_empty());

    let deep = format!(
        "<?php\n$a = {}\\Stripe\\Customer::create([]){};",
        "f(".repeat(5000),
        ")".repeat(5000)
    );
    let ex = extract(&deep);
    assert!(ex.calls.len() <= 1);

    let nested = format!("<?php\n$a = {}1{};", "[".repeat(3000), "]".repeat(3000));
    let _ = extract(&nested);
}

#[test]
fn nested_lists_of_objects_are_their_parent_helpers() {
    let found = calls(
        "$customer = \\Stripe\\Customer::retrieve($id);\n\
         $customer->sources->create(['source' => $token]);\n\
         $customer->sources->all(['object' => 'card']);\n\
         $customer->tax_ids->retrieve($taxId);\n\
         $customer->sources->data;",
    );
    let methods: Vec<_> = found
        .iter()
        .map(|c| (c.method.as_str(), c.style.clone()))
        .collect();
    assert_eq!(
        methods,
        [
            ("retrieve", CallStyle::Class),
            ("createSource", CallStyle::Instance { origin: Some(0) }),
            ("allSources", CallStyle::Instance { origin: Some(0) }),
            ("retrieveTaxId", CallStyle::Instance { origin: Some(0) }),
        ]
    );
    assert_eq!(found[1].display, "$customer->sources->create");
}

#[test]
fn oauth_requests_are_unresolved_with_their_reason() {
    let ex = extract(
        "<?php\n\
         \\Stripe\\OAuth::token(['grant_type' => 'authorization_code', 'code' => $code]);\n\
         \\Stripe\\OAuth::deauthorize(['stripe_user_id' => $acct]);\n\
         \\Stripe\\OAuth::authorizeUrl(['scope' => 'read_only']);\n\
         $stripe = new \\Stripe\\StripeClient($key);\n\
         $stripe->oauth->token(['grant_type' => 'authorization_code', 'code' => $code]);\n",
    );
    assert!(ex.calls.is_empty(), "{:#?}", ex.calls);
    let shown: Vec<&str> = ex.unresolved.iter().map(|u| u.display.as_str()).collect();
    assert_eq!(
        shown,
        [
            "\\Stripe\\OAuth::token",
            "\\Stripe\\OAuth::deauthorize",
            "$stripe->oauth->token"
        ]
    );
    assert!(
        ex.unresolved
            .iter()
            .all(|u| u.reason == rakscan_core::ir::OAUTH_REASON)
    );
}

/// A property (or a method returning it) of one class is not what an unrelated class of the
/// file sets under the same name: a storage client's `customers->all()` is not Stripe's.
/// Subclasses, traits used by a class and static properties still share the client.
#[test]
fn each_class_reads_its_own_and_its_relatives_properties() {
    let got: Vec<(String, Certainty)> = calls(
        "trait UsesGateway {\n  public function invoices() { return $this->gateway->invoices->all(); }\n}\n\
         class Payments {\n  private $gateway;\n  \
         public function __construct($key) { $this->gateway = new \\Stripe\\StripeClient($key); }\n  \
         public function pay() { return $this->gateway->paymentIntents->create(['amount' => 1]); }\n  \
         protected function api() { return $this->gateway; }\n}\n\
         class Refunds extends Payments {\n  public function give() { return $this->api()->refunds->create([]); }\n}\n\
         class Shop {\n  use UsesGateway;\n  \
         public function __construct(private \\Stripe\\StripeClient $gateway) {}\n}\n\
         class Storage {\n  private $gateway;\n  \
         public function __construct() { $this->gateway = new \\Aws\\S3\\S3Client([]); }\n  \
         public function customers() { return $this->gateway->customers->all(); }\n  \
         protected function api() { return $this->gateway; }\n  \
         public function more() { return $this->api()->customers->all(); }\n}\n\
         class Registry {\n  private static $vault;\n  \
         public static function boot($k) { self::$vault = new \\Stripe\\StripeClient($k); }\n  \
         public static function balance() { return static::$vault->balance->retrieve(); }\n}\n\
         class Cache {\n  public function charges() { return self::$vault->charges->all(); }\n}\n",
    )
    .into_iter()
    .map(|c| (c.display, c.certainty))
    .collect();
    let expected = [
        "$this->gateway->invoices->all",
        "$this->gateway->paymentIntents->create",
        "$this->api()->refunds->create",
        "static::$vault->balance->retrieve",
    ];
    let expected: Vec<(String, Certainty)> = expected
        .iter()
        .map(|d| (d.to_string(), Certainty::Certain))
        .collect();
    assert_eq!(got, expected);
}
