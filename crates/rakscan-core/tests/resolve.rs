//! Resolution of hand-built IR calls against the embedded rules. Expected operations and
//! permissions were checked against Stripe's API reference (the endpoint of each SDK method)
//! and against ../shared/data/stripe-permissions.tsv.

use rakscan_core::Catalog;
use rakscan_core::finding::Finding;
use rakscan_core::ir::*;
use rakscan_core::resolve::{FileContext, resolve_file};

fn call(sdk: Sdk, style: CallStyle, receiver: &[&str], method: &str) -> SdkCall {
    SdkCall {
        span: Span::new(0, 1),
        sdk,
        style,
        receiver: receiver.iter().map(|s| s.to_string()).collect(),
        method: method.to_owned(),
        display: format!("{}.{method}", receiver.join(".")),
        expand: Vec::new(),
        connect: false,
        positional_args: 1,
        certainty: Certainty::Certain,
    }
}

fn resolve(calls: Vec<SdkCall>) -> Vec<Finding> {
    let extraction = Extraction {
        calls,
        ..Default::default()
    };
    let file = FileContext {
        path: "a.py",
        language: "python",
        source: "x",
    };
    resolve_file(Catalog::embedded().unwrap(), &file, &extraction)
}

fn endpoint(f: &Finding) -> String {
    match f {
        Finding::ApiCall(c) => format!(
            "{} {} {}",
            c.method,
            c.endpoint,
            c.permission.as_deref().unwrap_or("-")
        ),
        Finding::Unresolved(u) => format!("unresolved: {}", u.reason),
        other => panic!("not a call finding: {other:?}"),
    }
}

/// Resolves each call on its own and checks its `METHOD endpoint permission`.
fn assert_each_resolves(cases: impl IntoIterator<Item = (SdkCall, &'static str)>) {
    for (c, expected) in cases {
        let display = c.display.clone();
        let found = resolve(vec![c]);
        assert_eq!(found.len(), 1, "{display}");
        assert_eq!(endpoint(&found[0]), expected, "{display}");
    }
}

#[test]
fn each_sdk_spelling_reaches_the_same_operation() {
    let cases = [
        (
            call(Sdk::Python, CallStyle::Class, &["Customer"], "create"),
            "POST /v1/customers customer_write",
        ),
        (
            call(Sdk::Python, CallStyle::Class, &["Customer"], "modify"),
            "POST /v1/customers/{customer} customer_write",
        ),
        (
            call(
                Sdk::Python,
                CallStyle::Class,
                &["checkout", "Session"],
                "create_async",
            ),
            "POST /v1/checkout/sessions checkout_session_write",
        ),
        (
            call(
                Sdk::Python,
                CallStyle::Service,
                &["v1", "customers", "balance_transactions"],
                "list",
            ),
            "GET /v1/customers/{customer}/balance_transactions customer_read",
        ),
        (
            call(Sdk::Python, CallStyle::Service, &["customers"], "retrieve"),
            "GET /v1/customers/{customer} customer_read",
        ),
        (
            call(
                Sdk::Node,
                CallStyle::Service,
                &["customers"],
                "createBalanceTransaction",
            ),
            "POST /v1/customers/{customer}/balance_transactions customer_write",
        ),
        (
            call(Sdk::Node, CallStyle::Service, &["customers"], "del"),
            "DELETE /v1/customers/{customer} customer_write",
        ),
        (
            call(
                Sdk::Php,
                CallStyle::Service,
                &["customers"],
                "allBalanceTransactions",
            ),
            "GET /v1/customers/{customer}/balance_transactions customer_read",
        ),
        (
            call(
                Sdk::Dotnet,
                CallStyle::Service,
                &["V1", "Customers"],
                "GetAsync",
            ),
            "GET /v1/customers/{customer} customer_read",
        ),
        (
            call(
                Sdk::Go,
                CallStyle::Service,
                &["V1CheckoutSessions"],
                "Create",
            ),
            "POST /v1/checkout/sessions checkout_session_write",
        ),
        (
            call(
                Sdk::Go,
                CallStyle::Class,
                &["billingportal", "session"],
                "New",
            ),
            "POST /v1/billing_portal/sessions customer_portal_write",
        ),
        (
            call(Sdk::Rust, CallStyle::RequestType, &[], "CreateCustomer"),
            "POST /v1/customers customer_write",
        ),
        (
            call(
                Sdk::Ruby,
                CallStyle::Class,
                &["Invoice"],
                "finalize_invoice",
            ),
            "POST /v1/invoices/{invoice}/finalize invoice_write",
        ),
    ];
    assert_each_resolves(cases);
}

#[test]
fn account_retrieve_without_id_reads_the_own_account() {
    for (sdk, style, receiver) in [
        (Sdk::Python, CallStyle::Class, "Account"),
        (Sdk::Php, CallStyle::Service, "accounts"),
        (Sdk::Node, CallStyle::Service, "accounts"),
    ] {
        let mut own = call(sdk, style.clone(), &[receiver], "retrieve");
        own.positional_args = 0;
        let other = call(sdk, style, &[receiver], "retrieve");
        assert_each_resolves(vec![
            (own, "GET /v1/account connected_account_read"),
            (other, "GET /v1/accounts/{account} connected_account_read"),
        ]);
    }
}

#[test]
fn php_service_methods_that_node_spells_differently() {
    let cases = [
        (
            call(Sdk::Php, CallStyle::Service, &["invoices"], "allLines"),
            "GET /v1/invoices/{invoice}/lines invoice_read",
        ),
        (
            call(Sdk::Php, CallStyle::Service, &["invoices"], "updateLine"),
            "POST /v1/invoices/{invoice}/lines/{line_item_id} invoice_write",
        ),
        (
            call(Sdk::Php, CallStyle::Service, &["creditNotes"], "allLines"),
            "GET /v1/credit_notes/{credit_note}/lines credit_note_read",
        ),
        (
            call(
                Sdk::Php,
                CallStyle::Service,
                &["creditNotes"],
                "previewLines",
            ),
            "GET /v1/credit_notes/preview/lines credit_note_read",
        ),
        (
            call(Sdk::Php, CallStyle::Class, &["CreditNote"], "allLines"),
            "GET /v1/credit_notes/{credit_note}/lines credit_note_read",
        ),
    ];
    assert_each_resolves(cases);
}

#[test]
fn instance_calls_follow_the_object_a_call_returned() {
    let origin = call(Sdk::Python, CallStyle::Class, &["Subscription"], "retrieve");
    let cancel = call(
        Sdk::Python,
        CallStyle::Instance { origin: Some(0) },
        &["sub"],
        "cancel",
    );
    let to_dict = call(
        Sdk::Python,
        CallStyle::Instance { origin: Some(0) },
        &["sub"],
        "to_dict",
    );
    let found = resolve(vec![origin, cancel, to_dict]);
    let got: Vec<String> = found.iter().map(endpoint).collect();
    assert_eq!(
        got,
        [
            "GET /v1/subscriptions/{subscription_exposed_id} subscription_read",
            "DELETE /v1/subscriptions/{subscription_exposed_id} subscription_write"
        ]
    );
}

#[test]
fn an_origin_may_come_later_in_the_file() {
    // `def stop = sub.delete` above `def sub = Stripe::Subscription.retrieve(id)`.
    let delete = call(
        Sdk::Ruby,
        CallStyle::Instance { origin: Some(1) },
        &[],
        "delete",
    );
    let origin = call(Sdk::Ruby, CallStyle::Class, &["Subscription"], "retrieve");
    let got: Vec<String> = resolve(vec![delete, origin]).iter().map(endpoint).collect();
    assert_eq!(
        got,
        [
            "DELETE /v1/subscriptions/{subscription_exposed_id} subscription_write",
            "GET /v1/subscriptions/{subscription_exposed_id} subscription_read"
        ]
    );
    // A cycle of origins (never produced by a correct extractor) is silent, not a hang.
    let a = call(
        Sdk::Ruby,
        CallStyle::Instance { origin: Some(1) },
        &[],
        "save",
    );
    let b = call(
        Sdk::Ruby,
        CallStyle::Instance { origin: Some(0) },
        &[],
        "save",
    );
    assert!(resolve(vec![a, b]).is_empty());
}

#[test]
fn element_calls_work_on_the_resource_a_list_returns() {
    let cases = [
        // `Stripe::Customer.list_payment_methods(id).each { |pm| pm.detach }`
        (
            call(
                Sdk::Ruby,
                CallStyle::Class,
                &["Customer"],
                "list_payment_methods",
            ),
            "GET /v1/customers/{customer}/payment_methods payment_method_read",
        ),
        // `Stripe::PaymentMethod.list(customer: id).auto_paging_each { |pm| pm.detach }`
        (
            call(Sdk::Ruby, CallStyle::Class, &["PaymentMethod"], "list"),
            "GET /v1/payment_methods payment_method_read",
        ),
    ];
    for (list, first) in cases {
        let detach = call(Sdk::Ruby, CallStyle::Element { origin: 0 }, &[], "detach");
        let got: Vec<String> = resolve(vec![list, detach]).iter().map(endpoint).collect();
        assert_eq!(
            got,
            [
                first,
                "POST /v1/payment_methods/{payment_method}/detach payment_method_write"
            ]
        );
    }
    // The element of something that is not a list is not known.
    let retrieve = call(Sdk::Ruby, CallStyle::Class, &["Customer"], "retrieve");
    let save = call(Sdk::Ruby, CallStyle::Element { origin: 0 }, &[], "save");
    assert_eq!(resolve(vec![retrieve, save]).len(), 1);
}

#[test]
fn unknown_methods_on_stripe_receivers_are_unresolved_but_helpers_are_silent() {
    let found = resolve(vec![
        call(Sdk::Python, CallStyle::Class, &["Customer"], "frobnicate"),
        call(
            Sdk::Python,
            CallStyle::Class,
            &["Webhook"],
            "construct_event",
        ),
        call(
            Sdk::Python,
            CallStyle::Class,
            &["Customer"],
            "construct_from",
        ),
    ]);
    assert_eq!(found.len(), 1);
    assert!(endpoint(&found[0]).starts_with("unresolved: `Customer.frobnicate`"));
}

#[test]
fn likely_receivers_are_dropped_unless_they_match() {
    let mut hit = call(Sdk::Python, CallStyle::Service, &["customers"], "create");
    hit.certainty = Certainty::Likely;
    let mut miss = call(Sdk::Python, CallStyle::Service, &["objects"], "create");
    miss.certainty = Certainty::Likely;
    assert_eq!(resolve(vec![hit, miss]).len(), 1);
}

#[test]
fn expansions_add_read_permissions_of_the_expanded_objects() {
    let mut c = call(
        Sdk::Python,
        CallStyle::Class,
        &["PaymentIntent"],
        "retrieve",
    );
    c.expand = vec![
        "latest_charge.balance_transaction".into(),
        "customer".into(),
    ];
    let found = resolve(vec![c]);
    let Finding::ApiCall(api) = &found[0] else {
        panic!()
    };
    let reads: Vec<(String, String, Option<String>)> = api
        .expansions
        .iter()
        .flat_map(|e| {
            e.reads
                .iter()
                .map(move |r| (e.expand.clone(), r.object.clone(), r.permission.clone()))
        })
        .collect();
    assert_eq!(
        reads,
        [
            (
                "customer".into(),
                "customer".into(),
                Some("customer_read".into())
            ),
            (
                "latest_charge.balance_transaction".into(),
                "balance_transaction".into(),
                Some("balance_read".into())
            ),
            (
                "latest_charge.balance_transaction".into(),
                "charge".into(),
                Some("charge_read".into())
            ),
        ]
    );
}

#[test]
fn list_expansions_start_below_data() {
    let mut c = call(Sdk::Node, CallStyle::Service, &["charges"], "list");
    c.expand = vec!["data.customer".into()];
    let found = resolve(vec![c]);
    let Finding::ApiCall(api) = &found[0] else {
        panic!()
    };
    assert_eq!(
        api.expansions[0].reads[0].permission.as_deref(),
        Some("customer_read")
    );
    assert!(api.expansions[0].unknown.is_none());
}

#[test]
fn legacy_instance_delete_is_the_delete_on_the_object_path() {
    let origin = call(Sdk::Python, CallStyle::Class, &["Subscription"], "retrieve");
    let delete = call(
        Sdk::Python,
        CallStyle::Instance { origin: Some(0) },
        &["sub"],
        "delete",
    );
    let got: Vec<String> = resolve(vec![origin, delete]).iter().map(endpoint).collect();
    assert_eq!(
        got[1],
        "DELETE /v1/subscriptions/{subscription_exposed_id} subscription_write"
    );
}

#[test]
fn instance_delete_and_save_go_to_the_path_the_object_came_from() {
    let customer = call(Sdk::Php, CallStyle::Class, &["Customer"], "retrieve");
    // `$customer->sources->retrieve($id)`, then `->delete()` and `->save()` on the source.
    let source = call(
        Sdk::Php,
        CallStyle::Instance { origin: Some(0) },
        &["Customer"],
        "retrieveSource",
    );
    let on_source = |method: &str| {
        call(
            Sdk::Php,
            CallStyle::Instance { origin: Some(1) },
            &["card"],
            method,
        )
    };
    // `customer.getSources().create(params).delete()` in Java.
    let created = call(
        Sdk::Java,
        CallStyle::Instance { origin: Some(0) },
        &["Customer"],
        "createSource",
    );
    let on_created = call(
        Sdk::Java,
        CallStyle::Instance { origin: Some(5) },
        &["card"],
        "delete",
    );
    let found = resolve(vec![
        customer,
        source,
        on_source("delete"),
        on_source("save"),
        on_source("capture"),
        created,
        on_created,
    ]);
    let got: Vec<String> = found.iter().map(endpoint).collect();
    assert_eq!(
        got,
        [
            "GET /v1/customers/{customer} customer_read",
            "GET /v1/customers/{customer}/sources/{id} customer_read",
            "DELETE /v1/customers/{customer}/sources/{id} customer_write",
            "POST /v1/customers/{customer}/sources/{id} customer_write",
            "POST /v1/customers/{customer}/sources customer_write",
            "DELETE /v1/customers/{customer}/sources/{id} customer_write",
        ]
    );
    // A fetched object whose path has no DELETE stays silent.
    let charge = call(Sdk::Php, CallStyle::Class, &["Charge"], "retrieve");
    let delete = call(
        Sdk::Php,
        CallStyle::Instance { origin: Some(0) },
        &["ch"],
        "delete",
    );
    assert_eq!(resolve(vec![charge, delete]).len(), 1);
}

#[test]
fn dotnet_service_classes_resolve_like_their_client_services() {
    // `args`: the ids the call passes (Stripe.net's positional arguments that are not options).
    let class = |receiver: &[&str], method: &str, args: usize| SdkCall {
        positional_args: args,
        ..call(Sdk::Dotnet, CallStyle::Class, receiver, method)
    };
    let cases = [
        (
            class(&["Customer"], "CreateAsync", 0),
            "POST /v1/customers customer_write",
        ),
        (
            class(&["Customer"], "ListAutoPaging", 0),
            "GET /v1/customers customer_read",
        ),
        (
            class(&["Customer"], "ListPaymentMethods", 1),
            "GET /v1/customers/{customer}/payment_methods payment_method_read",
        ),
        (
            class(&["Checkout", "Session"], "Create", 0),
            "POST /v1/checkout/sessions checkout_session_write",
        ),
        (
            class(&["BillingPortal", "Session"], "Create", 0),
            "POST /v1/billing_portal/sessions customer_portal_write",
        ),
        (
            class(&["CustomerBalanceTransaction"], "Create", 1),
            "POST /v1/customers/{customer}/balance_transactions customer_write",
        ),
        (
            class(&["AccountExternalAccount"], "Delete", 2),
            "DELETE /v1/accounts/{account}/external_accounts/{id} connected_account_write",
        ),
        (
            class(&["InvoiceLineItem"], "Update", 2),
            "POST /v1/invoices/{invoice}/lines/{line_item_id} invoice_write",
        ),
        (
            class(&["Account"], "GetSelf", 0),
            "GET /v1/account connected_account_read",
        ),
        (
            class(&["Account"], "Get", 1),
            "GET /v1/accounts/{account} connected_account_read",
        ),
        (
            class(&["TestHelpers", "Issuing", "Card"], "DeliverCard", 1),
            "POST /v1/test_helpers/issuing/cards/{card}/shipping/deliver issuing_card_write",
        ),
        (
            class(&["Invoice"], "ListLineItemsAutoPaging", 1),
            "GET /v1/invoices/{invoice}/lines invoice_read",
        ),
        (
            class(&["Customer"], "CreateFundingInstructions", 1),
            "POST /v1/customers/{customer}/funding_instructions customer_write",
        ),
        (
            class(&["TaxId"], "CreateAsync", 0),
            "POST /v1/tax_ids tax_id_write",
        ),
        (
            class(&["TaxId"], "CreateAsync", 1),
            "POST /v1/customers/{customer}/tax_ids customer_write",
        ),
        (
            // A stray id does not turn a refund into an application fee refund.
            class(&["Refund"], "Create", 1),
            "POST /v1/refunds refund_write",
        ),
        (
            class(&["TaxId"], "Delete", 2),
            "DELETE /v1/customers/{customer}/tax_ids/{id} customer_write",
        ),
        (
            class(&["V2", "Core", "Account"], "Create", 0),
            "POST /v2/core/accounts v2_account_storer_write",
        ),
        (
            // Services named after a payment-source type work on a customer's sources.
            class(&["Card"], "Delete", 2),
            "DELETE /v1/customers/{customer}/sources/{id} customer_write",
        ),
        (
            class(&["BankAccount"], "DeleteAsync", 2),
            "DELETE /v1/customers/{customer}/sources/{id} customer_write",
        ),
        (
            class(&["Card"], "Create", 1),
            "POST /v1/customers/{customer}/sources customer_write",
        ),
        (
            class(&["Card"], "ListAutoPaging", 1),
            "GET /v1/customers/{customer}/sources customer_read",
        ),
        (
            class(&["BankAccount"], "Verify", 2),
            "POST /v1/customers/{customer}/sources/{id}/verify customer_write",
        ),
        (
            class(&["Source"], "Get", 1),
            "GET /v1/sources/{source} source_read",
        ),
        (
            class(&["Issuing", "Card"], "Get", 1),
            "GET /v1/issuing/cards/{card} issuing_card_read",
        ),
        (
            call(
                Sdk::Dotnet,
                CallStyle::Service,
                &["V1", "Customers"],
                "ListPaymentMethodsAsync",
            ),
            "GET /v1/customers/{customer}/payment_methods payment_method_read",
        ),
    ];
    assert_each_resolves(cases);
}

#[test]
fn class_level_delete_of_older_sdks_is_the_delete_on_the_object_path() {
    let c = call(Sdk::Ruby, CallStyle::Class, &["Subscription"], "delete");
    assert_eq!(
        endpoint(&resolve(vec![c])[0]),
        "DELETE /v1/subscriptions/{subscription_exposed_id} subscription_write"
    );
}

#[test]
fn legacy_class_methods_resolve_to_legacy_endpoints_with_a_note() {
    // GET /v1/invoices/upcoming left the API description; stripe-permissions.tsv keeps it.
    let found = resolve(vec![
        call(Sdk::Python, CallStyle::Class, &["Invoice"], "upcoming"),
        call(
            Sdk::Python,
            CallStyle::Class,
            &["Invoice"],
            "upcoming_lines",
        ),
    ]);
    assert_eq!(
        endpoint(&found[0]),
        "GET /v1/invoices/upcoming invoice_read"
    );
    assert_eq!(
        endpoint(&found[1]),
        "GET /v1/invoices/upcoming/lines invoice_read"
    );
    let Finding::ApiCall(api) = &found[0] else {
        panic!()
    };
    assert!(api.operation_id.is_none());
    assert!(
        api.permission_note
            .as_deref()
            .unwrap()
            .contains("legacy endpoint")
    );
}

#[test]
fn legacy_classes_resolve_by_their_collection_segment() {
    // Metered usage records left the API description; stripe-permissions.tsv keeps both
    // endpoints (stripe-java `UsageRecord.createOnSubscriptionItem`, stripe-go's
    // `usagerecord` and `usagerecordsummary` packages, `SubscriptionItem#usageRecordSummaries`).
    let create = "POST /v1/subscription_items/{subscription_item}/usage_records usage_record_write";
    let summaries =
        "GET /v1/subscription_items/{subscription_item}/usage_record_summaries usage_record_read";
    assert_each_resolves([
        (
            call(
                Sdk::Java,
                CallStyle::Class,
                &["UsageRecord"],
                "createOnSubscriptionItem",
            ),
            create,
        ),
        (
            call(Sdk::Go, CallStyle::Class, &["usagerecord"], "New"),
            create,
        ),
        (
            call(Sdk::Go, CallStyle::Class, &["usagerecordsummary"], "List"),
            summaries,
        ),
        (
            call(
                Sdk::Java,
                CallStyle::Instance { origin: None },
                &["SubscriptionItem"],
                "usageRecordSummaries",
            ),
            summaries,
        ),
    ]);
    // A verb the legacy collection has no endpoint for, a class Stripe never had, and a
    // collection under a parent's permission: stripe-go's `card.New` posts to a customer's or
    // an account's cards as its params say.
    for c in [
        call(Sdk::Java, CallStyle::Class, &["UsageRecord"], "list"),
        call(Sdk::Java, CallStyle::Class, &["Gadget"], "create"),
        call(Sdk::Go, CallStyle::Class, &["card"], "New"),
    ] {
        assert!(endpoint(&resolve(vec![c])[0]).starts_with("unresolved"));
    }
}

#[test]
fn raw_requests_match_concrete_paths_and_prefer_literal_segments() {
    let raw = |verb: &str, path: &str| {
        let mut c = call(
            Sdk::Node,
            CallStyle::Raw {
                verb: verb.into(),
                path: path.into(),
            },
            &[],
            "rawRequest",
        );
        c.positional_args = 2;
        endpoint(&resolve(vec![c])[0])
    };
    assert_eq!(
        raw("post", "/v1/customers/cus_123"),
        "POST /v1/customers/{customer} customer_write"
    );
    assert_eq!(
        raw("GET", "/v1/customers/search?query=x"),
        "GET /v1/customers/search customer_read"
    );
    assert_eq!(
        raw("GET", "/v1/invoices/upcoming"),
        "GET /v1/invoices/upcoming invoice_read"
    );
    assert!(
        raw("GET", "/v1/nothing/here")
            .starts_with("unresolved: raw request to GET /v1/nothing/here")
    );
}

#[test]
fn removed_client_methods_of_older_sdks_resolve_to_their_legacy_endpoints() {
    // stripe-node before v12: invoices.retrieveUpcoming and subscriptions.del; stripe-php:
    // $stripe->invoices->upcoming. Both endpoints are in stripe-permissions.tsv.
    let found = resolve(vec![
        call(
            Sdk::Node,
            CallStyle::Service,
            &["invoices"],
            "retrieveUpcoming",
        ),
        call(Sdk::Node, CallStyle::Service, &["subscriptions"], "del"),
        call(Sdk::Php, CallStyle::Service, &["invoices"], "upcoming"),
    ]);
    let got: Vec<String> = found.iter().map(endpoint).collect();
    assert_eq!(
        got,
        [
            "GET /v1/invoices/upcoming invoice_read",
            "DELETE /v1/subscriptions/{subscription_exposed_id} subscription_write",
            "GET /v1/invoices/upcoming invoice_read",
        ]
    );
}

#[test]
fn an_origin_later_in_the_file_is_followed() {
    // `def f(): sub.cancel()` above `sub = stripe.Subscription.retrieve(...)`: the instance call
    // comes first. Found by fuzzing the Python extractor; it used to be dropped.
    let cancel = call(
        Sdk::Python,
        CallStyle::Instance { origin: Some(1) },
        &["sub"],
        "cancel",
    );
    let origin = call(Sdk::Python, CallStyle::Class, &["Subscription"], "retrieve");
    let got: Vec<String> = resolve(vec![cancel, origin]).iter().map(endpoint).collect();
    assert_eq!(
        got,
        [
            "DELETE /v1/subscriptions/{subscription_exposed_id} subscription_write",
            "GET /v1/subscriptions/{subscription_exposed_id} subscription_read"
        ]
    );
}

#[test]
fn legacy_nested_methods_resolve_to_legacy_endpoints_below_the_object() {
    // Usage records left the API description (API version 2025-03-31.basil); older SDKs
    // report metered usage with a nested method of the subscription item, and old stripe-node
    // kept a customer's subscriptions and cards below the customer. Every endpoint below is a
    // legacy row of stripe-permissions.tsv.
    use CallStyle::{Class, Service};
    assert_each_resolves([
        (
            call(
                Sdk::Node,
                Service,
                &["subscriptionItems"],
                "createUsageRecord",
            ),
            "POST /v1/subscription_items/{subscription_item}/usage_records usage_record_write",
        ),
        (
            call(
                Sdk::Node,
                Service,
                &["subscriptionItems"],
                "listUsageRecordSummaries",
            ),
            "GET /v1/subscription_items/{subscription_item}/usage_record_summaries usage_record_read",
        ),
        (
            call(
                Sdk::Python,
                Class,
                &["SubscriptionItem"],
                "create_usage_record",
            ),
            "POST /v1/subscription_items/{subscription_item}/usage_records usage_record_write",
        ),
        (
            call(
                Sdk::Php,
                Class,
                &["SubscriptionItem"],
                "allUsageRecordSummaries",
            ),
            "GET /v1/subscription_items/{subscription_item}/usage_record_summaries usage_record_read",
        ),
        (
            call(Sdk::Node, Service, &["customers"], "createSubscription"),
            "POST /v1/customers/{customer}/subscriptions subscription_write",
        ),
        (
            call(Sdk::Node, Service, &["customers"], "deleteCard"),
            "DELETE /v1/customers/{customer}/cards/{id} customer_write",
        ),
    ]);
    // A verb the older SDKs spelled otherwise stays undecided.
    let found = resolve(vec![call(
        Sdk::Node,
        Service,
        &["customers"],
        "cancelSubscription",
    )]);
    assert!(endpoint(&found[0]).starts_with("unresolved:"));
}

#[test]
fn a_custom_action_on_a_fetched_object_posts_below_its_path() {
    // `$account = Customer::retrieveSource($cus, $id); $account->verify([...])`: older SDKs
    // post an object's own actions to the path it was read from (`…/sources/{id}/verify`).
    let source = call(Sdk::Php, CallStyle::Class, &["Customer"], "retrieveSource");
    let on_source = |method: &str| {
        call(
            Sdk::Php,
            CallStyle::Instance { origin: Some(0) },
            &["account"],
            method,
        )
    };
    let found = resolve(vec![source, on_source("verify"), on_source("refund")]);
    let got: Vec<String> = found.iter().map(endpoint).collect();
    assert_eq!(
        got,
        [
            "GET /v1/customers/{customer}/sources/{id} customer_read",
            "POST /v1/customers/{customer}/sources/{id}/verify customer_write",
        ]
    );
}

#[test]
fn a_nested_list_read_off_a_fetched_object_is_no_action() {
    // Ruby reads `customer.sources` with a method call: it is not `POST …/sources`.
    let customer = call(Sdk::Ruby, CallStyle::Class, &["Customer"], "retrieve");
    let sources = call(
        Sdk::Ruby,
        CallStyle::Instance { origin: Some(0) },
        &[],
        "sources",
    );
    let found = resolve(vec![customer, sources]);
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn an_event_notification_fetches_its_event_and_its_related_object() {
    // Thin events (v2): `fetch_event()` reads the event; `fetch_related_object()` reads
    // whatever object the event names, which only its type decides.
    let on_notification = |sdk: Sdk, method: &str| {
        call(
            sdk,
            CallStyle::Instance { origin: None },
            &["EventNotification"],
            method,
        )
    };
    let found = resolve(vec![
        on_notification(Sdk::Node, "fetchEvent"),
        on_notification(Sdk::Ruby, "fetch_related_object"),
    ]);
    let got: Vec<String> = found.iter().map(endpoint).collect();
    assert_eq!(got[0], "GET /v2/core/events/{id} event_read");
    assert!(
        got[1].starts_with("unresolved: `EventNotification.fetch_related_object` fetches"),
        "{}",
        got[1]
    );
    let mut likely = on_notification(Sdk::Node, "fetchRelatedObject");
    likely.certainty = Certainty::Likely;
    assert!(resolve(vec![likely]).is_empty());
}
