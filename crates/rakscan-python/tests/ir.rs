//! Python source → IR: what the extractor reports for each form, before any resolution.

use rakscan_core::Extractor;
use rakscan_core::ir::{CallStyle, SdkCall};
use rakscan_python::PythonExtractor;
use std::path::Path;

fn calls(source: &str) -> Vec<SdkCall> {
    PythonExtractor
        .extract(Path::new("app.py"), source)
        .expect("extraction succeeds")
        .calls
}

fn shape(call: &SdkCall) -> String {
    let style = match &call.style {
        CallStyle::Service => "service".to_owned(),
        CallStyle::Class => "class".to_owned(),
        CallStyle::Instance { origin } => format!("instance<-{origin:?}"),
        CallStyle::Element { origin } => format!("element<-{origin}"),
        CallStyle::RequestType => "type".to_owned(),
        CallStyle::Raw { verb, path } => format!("raw {verb} {path}"),
    };
    format!(
        "{style} {}.{} {:?}",
        call.receiver.join("."),
        call.method,
        call.certainty
    )
}

#[test]
fn module_aliases_and_from_imports_give_class_calls() {
    let got: Vec<String> = calls(
        "import stripe as s\nfrom stripe import Customer as C\nfrom stripe.checkout import Session\ns.Refund.create()\nC.retrieve('c')\nSession.create()\n",
    )
    .iter()
    .map(shape)
    .collect();
    assert_eq!(
        got,
        [
            "class Refund.create Certain",
            "class Customer.retrieve Certain",
            "class checkout.Session.create Certain"
        ]
    );
}

#[test]
fn clients_from_constructors_attributes_and_factories() {
    let src = "from stripe import StripeClient\n\ndef make():\n    return StripeClient('k')\n\nclass A:\n    def __init__(self):\n        self.c = StripeClient('k')\n    def go(self):\n        self.c.v1.customers.list()\n\nmake().v2.core.events.list()\n";
    let got: Vec<String> = calls(src).iter().map(shape).collect();
    assert_eq!(
        got,
        [
            "service v1.customers.list Certain",
            "service v2.core.events.list Certain"
        ]
    );
}

#[test]
fn expand_connect_and_positional_arguments_are_read() {
    let src = "import stripe\nstripe.PaymentIntent.retrieve('pi', expand=['customer'], stripe_account='acct')\nstripe.Account.retrieve()\n";
    let found = calls(src);
    assert_eq!(found[0].expand, ["customer"]);
    assert!(found[0].connect);
    assert_eq!(found[0].positional_args, 1);
    assert_eq!(found[1].positional_args, 0);
    let client = "from stripe import StripeClient\nc = StripeClient('k')\nc.v1.customers.retrieve('c', {'expand': ['default_source']}, options={'stripe_account': 'a'})\n";
    let found = calls(client);
    assert_eq!(found[0].expand, ["default_source"]);
    assert!(found[0].connect);
}

#[test]
fn objects_returned_by_calls_carry_their_origin() {
    let got: Vec<String> =
        calls("import stripe\nsub = stripe.Subscription.retrieve('s')\nsub.cancel()\n")
            .iter()
            .map(shape)
            .collect();
    assert_eq!(
        got,
        [
            "class Subscription.retrieve Certain",
            "instance<-Some(0) sub.cancel Certain"
        ]
    );
}

#[test]
fn names_that_only_look_like_stripe_are_likely_and_others_silent() {
    let got: Vec<String> = calls("def f(stripe_client, db):\n    stripe_client.customers.create()\n    db.customers.create()\n").iter().map(shape).collect();
    assert_eq!(got, ["service customers.create Likely"]);
    let local = calls("class Customer:\n    pass\nCustomer.create()\n# stripe\n");
    assert!(local.is_empty());
}

#[test]
fn deep_nesting_and_broken_code_do_not_panic() {
    let deep = format!(
        "import stripe\nx = {}1{}\n",
        "(".repeat(20_000),
        ")".repeat(20_000)
    );
    let _ = PythonExtractor.extract(Path::new("a.py"), &deep);
    let broken = PythonExtractor
        .extract(
            Path::new("a.py"),
            "import stripe\ndef (:\n  stripe.Customer.create(\n",
        )
        .unwrap();
    assert!(!broken.warnings.is_empty());
    let chain = format!("import stripe\nstripe{}.create()\n", ".x".repeat(50_000));
    let _ = PythonExtractor.extract(Path::new("a.py"), &chain);
}

#[test]
fn oauth_requests_are_unresolved_and_the_authorize_url_is_silent() {
    let src = "import stripe\nstripe.OAuth.token(grant_type='authorization_code', code=c)\n\
               stripe.OAuth.deauthorize(stripe_user_id=u)\nstripe.OAuth.authorize_url(scope='read_write')\n\
               client = stripe.StripeClient(key)\nclient.oauth.token(params={})\n\
               client.v1.oauth.authorize_url()\n";
    let found = PythonExtractor
        .extract(Path::new("app.py"), src)
        .expect("extraction succeeds");
    assert!(found.calls.is_empty(), "{:?}", found.calls);
    let shown: Vec<&str> = found
        .unresolved
        .iter()
        .map(|u| u.display.as_str())
        .collect();
    assert_eq!(
        shown,
        [
            "stripe.OAuth.token",
            "stripe.OAuth.deauthorize",
            "client.oauth.token"
        ]
    );
    assert!(
        found
            .unresolved
            .iter()
            .all(|u| u.reason.contains("connect.stripe.com"))
    );
}

#[test]
fn functions_returning_a_stripe_class_or_service_are_factories() {
    let src = "import stripe\nfrom stripe import StripeClient\n\
               def customers_api():\n    return stripe.Customer\n\
               def sessions():\n    return StripeClient(k).v1.checkout.sessions\n\
               customers_api().create(email=e)\napi = customers_api()\napi.retrieve(c)\n\
               sessions().create({})\n";
    let got: Vec<String> = calls(src).iter().map(shape).collect();
    assert_eq!(
        got,
        [
            "class Customer.create Certain",
            "class Customer.retrieve Certain",
            "service v1.checkout.sessions.create Certain"
        ]
    );
}

#[test]
fn a_function_returning_different_stripe_classes_is_decided_at_run_time() {
    let src = "import stripe\n\
               def model_for(kind):\n    if kind == 'card':\n        return stripe.Card\n    return stripe.BankAccount\n\
               model_for(k).retrieve(i)\n";
    let found = PythonExtractor
        .extract(Path::new("app.py"), src)
        .expect("extraction succeeds");
    assert!(found.calls.is_empty(), "{:?}", found.calls);
    assert_eq!(found.unresolved.len(), 1);
    assert!(
        found.unresolved[0].reason.contains("model_for"),
        "{}",
        found.unresolved[0].reason
    );
}

#[test]
fn objects_of_another_packages_classes_have_no_stripe_service_tree() {
    // A billing SDK with a `v1` tree of its own, in a file that also uses Stripe.
    let src = "import stripe\nfrom usage_billing import Ledger, Config\n\
               class Meter:\n    def __init__(self, token):\n        self.client = Ledger(token=token)\n\
                   def add(self, name):\n        return self.client.v1.customers.create(name=name)\n\
               ledger = Ledger(token=t)\nledger.v1.customers.list()\n\
               def show(client: Ledger):\n    client.v1.customers.retrieve(customer_id=c)\n\
               Config.stripe_client.customers.create()\nother.client.v1.refunds.create()\n\
               stripe.Customer.create(email=e)\n";
    let got: Vec<String> = calls(src).iter().map(shape).collect();
    assert_eq!(
        got,
        [
            "service customers.create Likely",
            "service v1.refunds.create Likely",
            "class Customer.create Certain"
        ]
    );
}

#[test]
fn lists_nested_in_a_fetched_object_call_the_parents_nested_methods() {
    // Older SDKs: `customer.sources.create(source=token)` is `Customer.create_source(id, …)`.
    let src = "import stripe\ncustomer = stripe.Customer.retrieve(c)\n\
               customer.sources.create(source=t)\ncustomer.sources.retrieve(s).delete()\n\
               customer.sources.all(object='card')\ncustomer.metadata.update({'a': 1})\n";
    let got: Vec<String> = calls(src).iter().map(shape).collect();
    assert_eq!(
        got,
        [
            "class Customer.retrieve Certain",
            "instance<-Some(0) customer.create_source Likely",
            "instance<-Some(0) customer.retrieve_source Likely",
            "instance<-Some(2) customer.sources.retrieve(s).delete Likely",
            "instance<-Some(0) customer.list_sources Likely"
        ]
    );
}

#[test]
fn v2_event_notifications_fetch_their_event() {
    let src = "from stripe import StripeClient\nfrom stripe.events import V1BillingMeterErrorReportTriggeredEventNotification as Notif\n\
               client = StripeClient(k)\nnotif = client.parse_event_notification(body, sig, secret)\n\
               notif.fetch_event()\nnotif.fetch_related_object()\n\
               async def on_error(n: Notif, client: StripeClient):\n    await n.fetch_event_async()\n    n.describe()\n";
    let got: Vec<String> = calls(src).iter().map(shape).collect();
    assert_eq!(
        got,
        [
            "instance<-None EventNotification.fetch_event Certain",
            "instance<-None EventNotification.fetch_related_object Certain",
            "instance<-None EventNotification.fetch_event Certain"
        ]
    );
}

/// `self.client` in one class of a file is not what another, unrelated class of the file sets
/// under the same name: a storage client's `customers.list()` is not Stripe's. Subclasses in
/// the file still inherit the client.
#[test]
fn each_class_reads_its_own_and_its_relatives_attributes() {
    let got: Vec<String> = calls(
        "from stripe import StripeClient\nimport boto3\n\n\
         class Payments:\n    def __init__(self, key):\n        self.client = StripeClient(key)\n\
         \x20   def pay(self):\n        return self.client.v1.payment_intents.create({})\n\n\
         class Refunds(Payments):\n    def give(self):\n        return self.client.v1.refunds.create({})\n\n\
         class Storage:\n    def __init__(self):\n        self.client = boto3.client('s3')\n\
         \x20   def customers(self):\n        return self.client.customers.list()\n",
    )
    .iter()
    .map(shape)
    .collect();
    assert_eq!(
        got,
        [
            "service v1.payment_intents.create Certain",
            "service v1.refunds.create Certain",
        ]
    );
}
