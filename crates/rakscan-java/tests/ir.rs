//! IR-level checks of the Java extractor: receivers, styles, origins, argument counts,
//! expand paths, Connect options, certainty, look-alikes, unresolved calls and robustness.

use rakscan_core::Extractor;
use rakscan_core::ir::{CallStyle, Certainty, Extraction, OAUTH_REASON, SdkCall};
use rakscan_java::JavaExtractor;

fn extract(source: &str) -> Extraction {
    JavaExtractor
        .extract(std::path::Path::new("Billing.java"), source)
        .expect("extraction succeeds")
}

/// Wraps statements in a class and method with the usual imports.
fn in_method(imports: &str, body: &str) -> Extraction {
    extract(&format!(
        "{imports}\nclass Billing {{\n  void run(String id) throws Exception {{\n{body}\n  }}\n}}\n"
    ))
}

fn only_call(ex: Extraction) -> SdkCall {
    ex.into_only_call()
}

#[test]
fn imported_model_classes_are_class_calls() {
    let c = only_call(in_method(
        "import com.stripe.model.Customer;",
        "Customer.create(params);",
    ));
    assert_eq!(c.style, CallStyle::Class);
    assert_eq!(c.receiver, ["Customer"]);
    assert_eq!(c.method, "create");
    assert_eq!(c.display, "Customer.create");
    assert_eq!(c.certainty, Certainty::Certain);

    let c = only_call(in_method(
        "import com.stripe.model.checkout.Session;",
        "Session.create(params);",
    ));
    assert_eq!(c.receiver, ["checkout", "Session"]);

    let c = only_call(in_method(
        "import com.stripe.model.*;",
        "PaymentIntent.retrieve(id);",
    ));
    assert_eq!(c.receiver, ["PaymentIntent"]);
}

#[test]
fn fully_qualified_names_need_no_import() {
    let c = only_call(in_method(
        "",
        "com.stripe.model.billingportal.Session.create(params);",
    ));
    assert_eq!(c.receiver, ["billingportal", "Session"]);
    assert_eq!(c.display, "com.stripe.model.billingportal.Session.create");
}

#[test]
fn classes_not_from_com_stripe_are_not_reported() {
    // imported from elsewhere
    assert!(
        in_method("import com.crm.Customer;", "Customer.create(params);")
            .calls
            .is_empty()
    );
    // not imported at all (same package)
    assert!(in_method("", "Customer.create(params);").calls.is_empty());
    // a single-type import beats an on-demand one
    let ex = in_method(
        "import com.stripe.model.*;\nimport com.crm.Customer;",
        "Customer.create(params);",
    );
    assert!(ex.calls.is_empty());
    // a class declared in the file beats an on-demand import
    let ex = extract(
        "import com.stripe.model.*;\nclass Customer { static void create(Object p) {} }\n\
         class A { void f() { Customer.create(null); } }",
    );
    assert!(ex.calls.is_empty());
    // an on-demand import only gives the classes Stripe has
    assert!(
        in_method("import com.stripe.model.*;", "Ledger.create(params);")
            .calls
            .is_empty()
    );
}

#[test]
fn instance_calls_point_at_their_origin_or_name_their_class() {
    let ex = in_method(
        "import com.stripe.model.Customer;\nimport com.stripe.model.PaymentIntent;",
        "Customer c = Customer.retrieve(id);\nc.update(params);\nc.getEmail();\n\
         PaymentIntent.retrieve(id).confirm();",
    );
    let got: Vec<_> = ex
        .calls
        .iter()
        .map(|c| (c.method.as_str(), c.style.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("retrieve", CallStyle::Class),
            ("update", CallStyle::Instance { origin: Some(0) }),
            ("retrieve", CallStyle::Class),
            ("confirm", CallStyle::Instance { origin: Some(2) }),
        ]
    );

    let c = only_call(extract(
        "import com.stripe.model.Subscription;\n\
         class A { void stop(Subscription sub) throws Exception { sub.cancel(); } }",
    ));
    assert_eq!(c.style, CallStyle::Instance { origin: None });
    assert_eq!(c.receiver, ["Subscription"]);
    assert_eq!(c.positional_args, 0);
}

#[test]
fn locals_do_not_leak_between_methods() {
    let ex = extract(
        "import com.stripe.model.*;\nclass A {\n\
         void a(String id) throws Exception { var sub = Subscription.retrieve(id); }\n\
         void b() throws Exception { sub.cancel(); }\n}",
    );
    assert_eq!(ex.calls.len(), 1);
}

#[test]
fn sub_collections_become_nested_methods() {
    let ex = in_method(
        "import com.stripe.model.Customer;",
        "Customer c = Customer.retrieve(id);\nc.getSources().create(params);",
    );
    assert_eq!(ex.calls[1].method, "createSource");
    assert_eq!(ex.calls[1].style, CallStyle::Instance { origin: Some(0) });
}

#[test]
fn old_all_lists_sub_collections_and_fetched_items_chain_on() {
    let ex = in_method(
        "import com.stripe.model.Customer;",
        "Customer.retrieve(id).getSources().all(params);
         Customer c = Customer.retrieve(id);
         c.getSources().retrieve(\"card_1\").delete();",
    );
    let got: Vec<(&str, &CallStyle)> = ex
        .calls
        .iter()
        .map(|c| (c.method.as_str(), &c.style))
        .collect();
    assert_eq!(
        got,
        [
            ("retrieve", &CallStyle::Class),
            ("listSources", &CallStyle::Instance { origin: Some(0) }),
            ("retrieve", &CallStyle::Class),
            ("retrieveSource", &CallStyle::Instance { origin: Some(2) }),
            ("delete", &CallStyle::Instance { origin: Some(3) }),
        ]
    );
}

#[test]
fn client_services_keep_their_path() {
    let ex = in_method(
        "import com.stripe.StripeClient;",
        "StripeClient client = new StripeClient(key);\n\
         client.v1().checkout().sessions().create(params);\n\
         client.customers().create(params);\n\
         client.v2().core().accounts().create(params);\n\
         client.v1().customers().balanceTransactions().create(\"cus_1\", params);\n\
         client.v1().balance().retrieve();\n\
         client.v1().customers().list(params).autoPagingIterable();",
    );
    let got: Vec<_> = ex
        .calls
        .iter()
        .map(|c| (c.receiver.join("."), c.method.as_str(), c.positional_args))
        .collect();
    assert_eq!(
        got,
        [
            ("v1.checkout.sessions".to_owned(), "create", 1),
            ("customers".to_owned(), "create", 1),
            ("v2.core.accounts".to_owned(), "create", 1),
            ("v1.customers.balanceTransactions".to_owned(), "create", 2),
            ("v1.balance".to_owned(), "retrieve", 0),
            ("v1.customers".to_owned(), "list", 1),
        ]
    );
    assert!(ex.calls.iter().all(|c| c.style == CallStyle::Service));
    assert_eq!(
        ex.calls[0].display,
        "client.v1().checkout().sessions().create"
    );
}

#[test]
fn clients_come_from_fields_builders_and_factories() {
    let ex = extract(
        "import com.stripe.StripeClient;\nclass A {\n\
         private final StripeClient injected;\n\
         A(StripeClient injected) { this.injected = injected; }\n\
         private StripeClient make() { return StripeClient.builder().setApiKey(k).build(); }\n\
         void run() throws Exception {\n\
           injected.v1().customers().create(p);\n\
           this.injected.v1().refunds().create(p);\n\
           make().v1().payouts().create(p);\n\
           var built = StripeClient.builder().setApiKey(k).build();\n\
           built.v1().invoices().pay(\"in_1\");\n\
         }\n}",
    );
    let got: Vec<_> = ex
        .calls
        .iter()
        .map(|c| (c.receiver.join("."), c.certainty))
        .collect();
    assert_eq!(
        got,
        [
            ("v1.customers".to_owned(), Certainty::Certain),
            ("v1.refunds".to_owned(), Certainty::Certain),
            ("v1.payouts".to_owned(), Certainty::Certain),
            ("v1.invoices".to_owned(), Certainty::Certain),
        ]
    );
}

#[test]
fn receivers_only_named_like_stripe_are_likely() {
    let c = only_call(in_method(
        "",
        "this.stripeClient.v1().customers().create(p);",
    ));
    assert_eq!(c.certainty, Certainty::Likely);
    assert!(
        in_method("", "metronome.v1().customers().create(p);")
            .calls
            .is_empty()
    );
    // a project class named StripeClient is not the SDK's
    assert!(
        extract("class A { void f(StripeClient c) { c.customers().create(p); } }")
            .calls
            .is_empty()
    );
}

#[test]
fn expand_from_builders_lists_and_maps() {
    let c = only_call(in_method(
        "import com.stripe.StripeClient;",
        "StripeClient client = new StripeClient(key);\n\
         client.v1().paymentIntents().retrieve(id, PaymentIntentRetrieveParams.builder()\n\
           .addExpand(\"latest_charge\").addAllExpand(List.of(\"customer\", \"invoice\")).build());",
    ));
    assert_eq!(c.expand, ["latest_charge", "customer", "invoice"]);

    let c = only_call(in_method(
        "import com.stripe.model.Subscription;",
        "SubscriptionRetrieveParams params = SubscriptionRetrieveParams.builder()\n\
           .addExpand(\"latest_invoice\").build();\n\
         Subscription.retrieve(id, params, null);",
    ));
    assert_eq!(c.expand, ["latest_invoice"]);

    let c = only_call(in_method(
        "import com.stripe.model.Invoice;",
        "Map<String, Object> params = new HashMap<>();\n\
         List<String> expand = new ArrayList<>();\nexpand.add(\"customer\");\n\
         params.put(\"expand\", expand);\n\
         params.put(\"other\", Arrays.asList(\"not_an_expand\"));\n\
         Invoice.retrieve(id, params, null);",
    ));
    assert_eq!(c.expand, ["customer"]);

    // a list put under another key is not an expand
    let c = only_call(in_method(
        "import com.stripe.model.Invoice;",
        "Map<String, Object> params = new HashMap<>();\n\
         List<String> items = new ArrayList<>();\nitems.add(\"x\");\n\
         params.put(\"items\", items);\nInvoice.create(params);",
    ));
    assert!(c.expand.is_empty());
}

#[test]
fn connect_from_request_options_and_client_builders() {
    let ex = extract(
        "import com.stripe.StripeClient;\nimport com.stripe.model.Refund;\n\
         import com.stripe.net.RequestOptions;\nclass A {\n\
         private RequestOptions onBehalf(String a) {\n\
           return RequestOptions.builder().setStripeAccount(a).build();\n }\n\
         void run(String acct) throws Exception {\n\
           RequestOptions opts = RequestOptions.builder().setStripeAccount(acct).build();\n\
           Refund.create(p, opts);\n\
           Refund.create(p, RequestOptions.builder().setStripeAccount(acct).build());\n\
           Refund.create(p, onBehalf(acct));\n\
           Refund.create(p, RequestOptions.builder().setIdempotencyKey(k).build());\n\
           StripeClient c = StripeClient.builder().setApiKey(k).setStripeAccount(acct).build();\n\
           c.v1().refunds().create(p);\n\
         }\n}",
    );
    let connect: Vec<bool> = ex.calls.iter().map(|c| c.connect).collect();
    assert_eq!(connect, [true, true, true, false, true]);
}

#[test]
fn raw_requests_need_a_literal_path() {
    let ex = in_method(
        "import com.stripe.StripeClient;\nimport com.stripe.net.ApiResource;",
        "StripeClient client = new StripeClient(key);\n\
         client.rawRequest(ApiResource.RequestMethod.POST, \"/v1/customers/\" + id, \"\");\n\
         client.rawRequest(ApiResource.RequestMethod.GET, path, null);",
    );
    let c = &ex.calls[0];
    assert_eq!(
        c.style,
        CallStyle::Raw {
            verb: "POST".into(),
            path: "/v1/customers/{id}".into()
        }
    );
    assert_eq!(ex.calls.len(), 1);
    assert_eq!(ex.unresolved.len(), 1);
}

#[test]
fn webhook_helpers_are_not_calls() {
    let ex = in_method(
        "import com.stripe.StripeClient;\nimport com.stripe.net.Webhook;",
        "Webhook.constructEvent(payload, sig, secret);\n\
         StripeClient client = new StripeClient(key);\n\
         client.constructEvent(payload, sig, secret);",
    );
    assert!(ex.calls.is_empty(), "{:#?}", ex.calls);
}

#[test]
fn broken_and_deep_input_does_not_panic() {
    let ex = in_method(
        "import com.stripe.model.Customer;",
        "Customer.create(params);\nif ( {",
    );
    assert!(!ex.warnings.is_empty());
    assert_eq!(ex.calls.len(), 1);

    let deep = format!(
        "class A {{ void f() {{ Object x = {}1{}; }} }}",
        "(".repeat(20_000),
        ")".repeat(20_000)
    );
    let _ = extract(&deep);
    let chain = format!("class A {{ void f() {{ a{}; }} }}", ".b()".repeat(20_000));
    let _ = extract(&chain);
    let _ = extract("");
}

#[test]
fn calls_on_what_a_method_of_the_class_returns_follow_its_declared_type() {
    // `find(id).cancel()`: the class's own `find` is declared to return a Stripe
    // `Subscription`, so `cancel` is the subscription's; `label(id)` returns a String.
    let ex = extract(
        "import com.stripe.model.Subscription;\n\
         class Billing {\n\
           Subscription find(String id) throws Exception { return Subscription.retrieve(id); }\n\
           String label(String id) { return id; }\n\
           void stop(String id) throws Exception {\n\
             find(id).cancel();\n\
             this.find(id).update(params);\n\
             label(id).trim();\n\
           }\n\
         }\n",
    );
    let got: Vec<(String, Vec<String>, CallStyle)> = ex
        .calls
        .iter()
        .map(|c| (c.method.clone(), c.receiver.clone(), c.style.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "retrieve".to_owned(),
                vec!["Subscription".to_owned()],
                CallStyle::Class
            ),
            (
                "cancel".to_owned(),
                vec!["Subscription".to_owned()],
                CallStyle::Instance { origin: None }
            ),
            (
                "update".to_owned(),
                vec!["Subscription".to_owned()],
                CallStyle::Instance { origin: None }
            ),
        ]
    );
}

#[test]
fn oauth_requests_are_unresolved_and_the_authorize_url_is_silent() {
    // stripe-java's `com.stripe.net.OAuth`: `token` and `deauthorize` post to
    // connect.stripe.com; `authorizeUrl` (`authorizeURL` before 10.0) only builds a URL.
    let ex = in_method(
        "import com.stripe.net.OAuth;",
        "TokenResponse r = OAuth.token(params, null);\n\
         OAuth.deauthorize(params, options);\n\
         String u = OAuth.authorizeUrl(params, null);\n\
         OAuth.authorizeURL(params, null);\n\
         com.stripe.net.OAuth.token(params, null);",
    );
    assert!(ex.calls.is_empty(), "{:#?}", ex.calls);
    let got: Vec<(&str, &str)> = ex
        .unresolved
        .iter()
        .map(|u| (u.display.as_str(), u.reason.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("OAuth.token", OAUTH_REASON),
            ("OAuth.deauthorize", OAUTH_REASON),
            ("com.stripe.net.OAuth.token", OAUTH_REASON),
        ]
    );

    let ex = in_method("import com.stripe.net.*;", "OAuth.token(params, null);");
    assert_eq!(ex.unresolved.len(), 1);
}

#[test]
fn a_project_oauth_class_is_not_stripes() {
    for imports in [
        "import com.example.auth.OAuth;",
        "import com.stripe.net.*;\nimport com.example.auth.OAuth;",
        "",
    ] {
        let ex = in_method(
            imports,
            "OAuth.token(params, null);\nOAuth.deauthorize(p, null);",
        );
        assert!(ex.unresolved.is_empty(), "{imports}: {:#?}", ex.unresolved);
        assert!(ex.calls.is_empty());
    }
    let ex = extract(
        "import com.stripe.net.*;\n\
         class OAuth { static void token(Object p, Object o) {} }\n\
         class Billing { void run() { OAuth.token(params, null); } }\n",
    );
    assert!(ex.unresolved.is_empty(), "{:#?}", ex.unresolved);
}
