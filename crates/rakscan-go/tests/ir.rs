//! IR-level checks of the Go extractor: receivers, styles, argument counts, `expand`, Connect
//! options, certainty, unresolved calls, look-alikes and robustness.

use rakscan_core::Extractor;
use rakscan_core::ir::{CallStyle, Certainty, Extraction, SdkCall};
use rakscan_go::GoExtractor;

fn extract(source: &str) -> Extraction {
    GoExtractor
        .extract(std::path::Path::new("billing.go"), source)
        .expect("extraction succeeds")
}

fn only_call(source: &str) -> SdkCall {
    extract(source).into_only_call()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// A file importing stripe-go v82 and the given extra imports, with `body` as a function.
fn file(imports: &str, body: &str) -> String {
    format!(
        "package billing\n\nimport (\n\t\"context\"\n\t\"github.com/stripe/stripe-go/v82\"\n{imports}\n)\n\n\
         func run(ctx context.Context, id string) {{\n{body}\n}}\n"
    )
}

#[test]
fn new_client_services_keep_the_field_as_receiver() {
    let c = only_call(&file(
        "",
        "sc := stripe.NewClient(\"k\")\nsc.V1CheckoutSessions.Create(ctx, nil)",
    ));
    assert_eq!(c.style, CallStyle::Service);
    assert_eq!(c.receiver, ["V1CheckoutSessions"]);
    assert_eq!(c.method, "Create");
    assert_eq!(c.display, "sc.V1CheckoutSessions.Create");
    assert_eq!(c.positional_args, 2);
    assert_eq!(c.certainty, Certainty::Certain);
}

#[test]
fn clients_in_struct_fields_parameters_and_helpers() {
    let source = "package billing\n\nimport (\n\t\"context\"\n\tstripego \"github.com/stripe/stripe-go/v83\"\n)\n\n\
        type Svc struct{ stripe *stripego.Client }\n\n\
        func client() *stripego.Client { return stripego.NewClient(\"k\") }\n\n\
        func (s *Svc) A(ctx context.Context) { s.stripe.V1Customers.Create(ctx, nil) }\n\
        func B(ctx context.Context, sc *stripego.Client) { sc.V2CoreEvents.Retrieve(ctx, \"e\", nil) }\n\
        func C(ctx context.Context) { client().V1Refunds.Create(ctx, nil) }\n";
    let ex = extract(source);
    let got: Vec<(String, String)> = ex
        .calls
        .iter()
        .map(|c| (c.receiver.join("/"), c.display.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "V1Customers".to_owned(),
                "s.stripe.V1Customers.Create".to_owned()
            ),
            (
                "V2CoreEvents".to_owned(),
                "sc.V2CoreEvents.Retrieve".to_owned()
            ),
            (
                "V1Refunds".to_owned(),
                "client().V1Refunds.Create".to_owned()
            ),
        ]
    );
    assert!(ex.calls.iter().all(|c| c.certainty == Certainty::Certain));
}

#[test]
fn legacy_packages_are_named_by_import_path() {
    let ex = extract(&file(
        "\t\"github.com/stripe/stripe-go/v82/checkout/session\"\n\
         \tbps \"github.com/stripe/stripe-go/v82/billingportal/session\"\n\
         \t\"github.com/stripe/stripe-go/v82/paymentintent\"",
        "session.New(nil)\nbps.New(nil)\npaymentintent.Confirm(id, nil)",
    ));
    let got: Vec<(Vec<String>, &str, &CallStyle)> = ex
        .calls
        .iter()
        .map(|c| (c.receiver.clone(), c.method.as_str(), &c.style))
        .collect();
    assert_eq!(
        got,
        [
            (strings(&["checkout", "session"]), "New", &CallStyle::Class),
            (
                strings(&["billingportal", "session"]),
                "New",
                &CallStyle::Class
            ),
            (strings(&["paymentintent"]), "Confirm", &CallStyle::Class),
        ]
    );
}

#[test]
fn pre_module_import_paths_count() {
    let c = only_call(
        "package p\nimport (\n\t\"github.com/stripe/stripe-go\"\n\t\"github.com/stripe/stripe-go/charge\"\n)\n\
         func f() { charge.New(&stripe.ChargeParams{}) }\n",
    );
    assert_eq!(c.receiver, ["charge"]);
}

#[test]
fn api_client_fields_map_to_legacy_packages() {
    let ex = extract(&file(
        "\t\"github.com/stripe/stripe-go/v82/client\"",
        "sc := client.New(\"k\", nil)\nsc.CheckoutSessions.New(nil)\nsc.Customers.Del(id, nil)\n\
         sc.Init(\"k\", nil)\napi := &client.API{}\napi.TestHelpersTestClocks.Advance(id, nil)",
    ));
    let got: Vec<(String, &str)> = ex
        .calls
        .iter()
        .map(|c| (c.receiver.join("/"), c.method.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("checkout/session".to_owned(), "New"),
            ("customer".to_owned(), "Del"),
            ("testhelpers/testclock".to_owned(), "Advance"),
        ]
    );
    assert!(ex.calls.iter().all(|c| c.style == CallStyle::Class));
}

#[test]
fn iterators_add_no_calls() {
    let ex = extract(&file(
        "\t\"github.com/stripe/stripe-go/v82/customer\"",
        "sc := stripe.NewClient(\"k\")\n\
         for c, err := range sc.V1Customers.List(ctx, nil).All(ctx) { _, _ = c, err }\n\
         i := customer.List(nil)\nfor i.Next() { _ = i.Customer() }",
    ));
    let methods: Vec<&str> = ex.calls.iter().map(|c| c.method.as_str()).collect();
    assert_eq!(methods, ["List", "List"]);
}

#[test]
fn expand_from_literals_and_add_expand() {
    let c = only_call(&file(
        "\t\"github.com/stripe/stripe-go/v82/subscription\"",
        "p := &stripe.SubscriptionParams{Params: stripe.Params{Expand: []*string{stripe.String(\"customer\")}}}\n\
         p.AddExpand(\"latest_invoice\")\nsubscription.Get(id, p)",
    ));
    assert_eq!(c.expand, ["customer", "latest_invoice"]);
    assert!(!c.connect);

    let c = only_call(&file(
        "",
        "sc := stripe.NewClient(\"k\")\n\
         sc.V1Customers.List(ctx, &stripe.CustomerListParams{ListParams: stripe.ListParams{Expand: []*string{stripe.String(\"data.tax\")}}})",
    ));
    assert_eq!(c.expand, ["data.tax"]);

    let c = only_call(&file(
        "",
        "sc := stripe.NewClient(\"k\")\np := &stripe.InvoiceRetrieveParams{}\n\
         p.Expand = []*string{stripe.String(\"charge\")}\nsc.V1Invoices.Retrieve(ctx, id, p)",
    ));
    assert_eq!(c.expand, ["charge"]);
}

#[test]
fn connect_from_set_stripe_account_and_the_field() {
    let cases = [
        "p := &stripe.RefundCreateParams{}\np.SetStripeAccount(\"acct\")\nsc.V1Refunds.Create(ctx, p)",
        "sc.V1Refunds.Create(ctx, &stripe.RefundCreateParams{Params: stripe.Params{StripeAccount: stripe.String(id)}})",
        "p := stripe.RefundCreateParams{}\np.StripeAccount = stripe.String(id)\nsc.V1Refunds.Create(ctx, &p)",
    ];
    for body in cases {
        let c = only_call(&file("", &format!("sc := stripe.NewClient(\"k\")\n{body}")));
        assert!(c.connect, "{body}");
    }
    let c = only_call(&file(
        "",
        "sc := stripe.NewClient(\"k\")\nsc.V1Refunds.Create(ctx, nil)",
    ));
    assert!(!c.connect);
}

#[test]
fn a_local_named_like_a_package_hides_it_afterwards() {
    let ex = extract(&file(
        "\t\"github.com/stripe/stripe-go/v82/customer\"",
        "customer, err := customer.Get(id, nil)\n_ = err\ncustomer.Update()",
    ));
    assert_eq!(ex.calls.len(), 1);
    assert_eq!(ex.calls[0].method, "Get");
}

#[test]
fn raw_requests_need_a_literal_method_and_path() {
    let ex = extract(&file(
        "\t\"net/http\"\n\t\"github.com/stripe/stripe-go/v82/rawrequest\"",
        "sc := stripe.NewClient(\"k\")\n\
         sc.RawRequest(http.MethodPost, \"/v1/refunds\", \"\", nil)\n\
         stripe.RawRequest(\"get\", \"/v1/balance\", \"\", nil)\n\
         rawrequest.Delete(\"/v1/customers/cus_1\", nil)\n\
         rawrequest.Post(\"/v1/customers/\" + id, \"\", nil)",
    ));
    let raws: Vec<&CallStyle> = ex.calls.iter().map(|c| &c.style).collect();
    assert_eq!(
        raws,
        [
            &CallStyle::Raw {
                verb: "POST".to_owned(),
                path: "/v1/refunds".to_owned()
            },
            &CallStyle::Raw {
                verb: "GET".to_owned(),
                path: "/v1/balance".to_owned()
            },
            &CallStyle::Raw {
                verb: "DELETE".to_owned(),
                path: "/v1/customers/cus_1".to_owned()
            },
        ]
    );
    assert_eq!(ex.unresolved.len(), 1);
    assert_eq!(ex.unresolved[0].display, "rawrequest.Post");
}

#[test]
fn webhooks_send_nothing_and_oauth_is_unresolved() {
    let ex = extract(&file(
        "\t\"github.com/stripe/stripe-go/v82/webhook\"\n\t\"github.com/stripe/stripe-go/v82/oauth\"",
        "webhook.ConstructEvent(nil, \"\", \"\")\noauth.AuthorizeURL(nil)\noauth.New(nil)",
    ));
    assert!(ex.calls.is_empty(), "{:#?}", ex.calls);
    assert_eq!(ex.unresolved.len(), 1);
    assert_eq!(ex.unresolved[0].display, "oauth.New");
}

#[test]
fn look_alikes_are_not_calls() {
    let source = "package store\n\nimport (\n\t\"example.com/app/customer\"\n\t\"github.com/gorilla/sessions\"\n)\n\n\
        func f(db *DB) {\n\tcustomer.New(\"a\")\n\tsessions.NewCookieStore(nil)\n\tdb.Customers.New(nil)\n\
        \tdb.client.Customers.Get(\"x\")\n}\n";
    let ex = extract(source);
    assert!(ex.calls.is_empty(), "{:#?}", ex.calls);
    assert!(ex.unresolved.is_empty());
}

#[test]
fn unbound_receivers_are_only_likely() {
    let ex = extract(
        "package p\n\nfunc f(s *Svc) {\n\ts.sc.V1Customers.Create(ctx, nil)\n\
         \ts.stripeAPI.Customers.New(nil)\n\ts.db.Customers.New(nil)\n}\n",
    );
    let got: Vec<(String, Certainty)> = ex
        .calls
        .iter()
        .map(|c| (c.receiver.join("/"), c.certainty))
        .collect();
    assert_eq!(
        got,
        [
            ("V1Customers".to_owned(), Certainty::Likely),
            ("customer".to_owned(), Certainty::Likely),
        ]
    );
}

#[test]
fn syntax_errors_are_warnings_and_nothing_panics() {
    let ex = extract(&file(
        "",
        "sc := stripe.NewClient(\"k\")\nsc.V1Customers.Create(ctx, nil)\nif {{{",
    ));
    assert_eq!(ex.calls.len(), 1);
    assert_eq!(ex.warnings.len(), 1);

    let deep = format!(
        "package p\nfunc f() {{ x := {}1{} }}\n",
        "(".repeat(20_000),
        ")".repeat(20_000)
    );
    extract(&deep);
    extract("");
    extract("\u{0}\u{feff}package");
}

#[test]
fn packages_renamed_since_an_older_major_take_their_new_name() {
    let ex = extract(
        "package p\nimport (\n\t\"github.com/stripe/stripe-go\"\n\t\"github.com/stripe/stripe-go/sub\"\n\
         \t\"github.com/stripe/stripe-go/subitem\"\n\tss \"github.com/stripe/stripe-go/v71/subschedule\"\n\
         \t\"github.com/stripe/stripe-go/v72/fee\"\n\t\"github.com/stripe/stripe-go/v72/reversal\"\n)\n\
         func f() {\n\tsub.New(&stripe.SubscriptionParams{})\n\tsub.Cancel(\"sub_1\", nil)\n\
         \tsubitem.Update(\"si_1\", nil)\n\tss.Release(\"x\", nil)\n\tfee.Get(\"x\", nil)\n\
         \treversal.New(nil)\n}\n",
    );
    let got: Vec<(String, &str, &str)> = ex
        .calls
        .iter()
        .map(|c| (c.receiver.join("/"), c.method.as_str(), c.display.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("subscription".to_owned(), "New", "sub.New"),
            ("subscription".to_owned(), "Cancel", "sub.Cancel"),
            ("subscriptionitem".to_owned(), "Update", "subitem.Update"),
            ("subscriptionschedule".to_owned(), "Release", "ss.Release"),
            ("applicationfee".to_owned(), "Get", "fee.Get"),
            ("transferreversal".to_owned(), "New", "reversal.New"),
        ]
    );
}

#[test]
fn api_clients_of_unknown_holders_count_where_the_client_package_is_imported() {
    let body = "func (c *C) a() { cl := c.Clients[\"us\"]; cl.Subscriptions.Get(\"sub_1\", nil) }\n\
                func (c *C) e() { c.Clients[\"us\"].Subscriptions.Get(\"sub_1\", nil) }\n\
                func (c *C) n() { c.db.Rows.Get(\"x\") }\n";
    let with_client = format!(
        "package p\nimport \"github.com/stripe/stripe-go/v72/client\"\n\
         type C struct{{ Clients map[string]*client.API }}\n{body}"
    );
    let got: Vec<(String, Certainty)> = extract(&with_client)
        .calls
        .iter()
        .map(|c| (c.receiver.join("/"), c.certainty))
        .collect();
    assert_eq!(
        got,
        [
            ("subscription".to_owned(), Certainty::Likely),
            ("subscription".to_owned(), Certainty::Likely),
        ]
    );
    // Without the `client` import the same chains are someone else's.
    let without = format!("package p\nimport \"github.com/stripe/stripe-go/v72\"\n{body}");
    assert!(extract(&without).calls.is_empty());
}

/// The displays of a file's calls, in source order.
fn displays(source: &str) -> Vec<String> {
    extract(source)
        .calls
        .into_iter()
        .map(|c| c.display)
        .collect()
}

/// Two structs of one file with a field of the same name, one a Stripe client and one another
/// SDK's client: each method reads its own receiver's field (pointer and value receivers).
#[test]
fn fields_are_told_apart_by_struct_type() {
    let source = "package pay\n\nimport (\n\t\"github.com/aws/aws-sdk-go-v2/service/s3\"\n\
        \t\"github.com/stripe/stripe-go/v82\"\n)\n\n\
        type Payments struct{ conn *stripe.Client }\n\
        func (p *Payments) Pay() { p.conn.V1PaymentIntents.Create(nil, nil) }\n\
        type Storage struct{ conn *s3.Client }\n\
        func (s *Storage) Customers() { s.conn.V1Customers.List(nil, nil) }\n\
        func (s Storage) Value() { s.conn.V1Refunds.List(nil, nil) }\n\
        func Local() { st := &Storage{}; st.conn.V1Products.List(nil, nil); var v Storage; v.conn.V1Prices.List(nil, nil) }\n\
        func Param(st *Storage, pa Payments) { st.conn.V1Coupons.List(nil, nil); pa.conn.V1Payouts.List(nil, nil) }\n\
        func NewStorage() *Storage { return &Storage{} }\n\
        func Built() { st := NewStorage(); st.conn.V1Plans.List(nil, nil) }\n\
        func Copied(st *Storage) { c := st.conn; c.V1Files.List(nil, nil) }\n";
    assert_eq!(
        displays(source),
        ["p.conn.V1PaymentIntents.Create", "pa.conn.V1Payouts.List"]
    );
}

/// Fields promoted from an embedded struct are the embedded struct's; a holder of unknown type
/// keeps the by-name answer unless some struct declares the name with another type.
#[test]
fn embedded_structs_promote_their_fields_and_unknown_holders_need_one_meaning() {
    let source = "package pay\n\nimport (\n\t\"net/http\"\n\
        \t\"github.com/stripe/stripe-go/v82\"\n\t\"github.com/stripe/stripe-go/v82/client\"\n)\n\n\
        type base struct{ sc *stripe.Client; api *client.API }\n\
        type Billing struct{ *base }\n\
        type Web struct{ sc *http.Client }\n\
        func (b *Billing) Charge() { b.sc.V1Charges.Create(nil, nil); b.api.Customers.New(nil) }\n\
        func (w Web) Fetch() { w.sc.V1Files.List(nil, nil) }\n\
        func unknown(h holder) { h.sc.V1Invoices.List(nil, nil); h.api.Refunds.New(nil) }\n";
    assert_eq!(
        displays(source),
        [
            "b.sc.V1Charges.Create",
            "b.api.Customers.New",
            "h.api.Refunds.New"
        ]
    );
}
