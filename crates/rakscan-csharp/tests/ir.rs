//! C# source → IR: which calls the extractor emits, with their style, receiver and options.

use rakscan_core::Extractor;
use rakscan_core::ir::{CallStyle, Certainty, Extraction};
use rakscan_csharp::CSharpExtractor;

fn extract(source: &str) -> Extraction {
    CSharpExtractor
        .extract(std::path::Path::new("Billing.cs"), source)
        .unwrap()
}

/// `style receiver.method/ids` per call (positional arguments that are not options), e.g. `class Checkout.Session.Create/1`.
fn calls(source: &str) -> Vec<String> {
    extract(source)
        .calls
        .iter()
        .map(|c| {
            let style = match &c.style {
                CallStyle::Service => "service".to_owned(),
                CallStyle::Class => "class".to_owned(),
                CallStyle::Raw { verb, path } => format!("raw {verb} {path}"),
                other => format!("{other:?}"),
            };
            let likely = if c.certainty == Certainty::Likely {
                " likely"
            } else {
                ""
            };
            format!(
                "{style} {}.{}/{}{likely}",
                c.receiver.join("."),
                c.method,
                c.positional_args
            )
        })
        .collect()
}

#[test]
fn service_classes_in_locals_fields_and_parameters() {
    let got = calls(
        r#"
using Stripe;
public class Billing(PriceService prices) {
    private readonly CustomerService _customers;
    private SubscriptionService Subs { get; } = new();
    public Billing(CustomerService customers) { _customers = customers; }
    public async Task Run(IStripeClient client, string id) {
        var svc = new CustomerService(client);
        svc.Create(new CustomerCreateOptions { Email = "a@b.c" });
        await _customers.GetAsync(id);
        await this._customers.DeleteAsync(id);
        Subs.Cancel(id);
        prices.ListAutoPaging();
        new RefundService().Create(new RefundCreateOptions(), requestOptions: null);
        _customers?.Update(id, new CustomerUpdateOptions());
    }
}
"#,
    );
    assert_eq!(
        got,
        [
            "class Customer.Create/0",
            "class Customer.GetAsync/1",
            "class Customer.DeleteAsync/1",
            "class Subscription.Cancel/1",
            "class Price.ListAutoPaging/0",
            "class Refund.Create/0",
            "class Customer.Update/1",
        ]
    );
}

#[test]
fn client_accessors_are_service_calls() {
    let got = calls(
        r#"
using Stripe;
class A {
    readonly StripeClient _client = new StripeClient(key);
    async Task M() {
        var client = new StripeClient(key);
        await client.V1.Customers.CreateAsync(o);
        client.V1.Checkout.Sessions.Create(o);
        client.V2.Core.Accounts.Create(o);
        var txns = _client.V1.Customers.BalanceTransactions;
        txns.Create("cus_1", o);
        _stripe.V1.PaymentIntents.Confirm(id);
        client.V1.Customers.ToString();
    }
}
"#,
    );
    assert_eq!(
        got,
        [
            "service V1.Customers.CreateAsync/1",
            "service V1.Checkout.Sessions.Create/1",
            "service V2.Core.Accounts.Create/1",
            "service V1.Customers.BalanceTransactions.Create/2",
            "service V1.PaymentIntents.Confirm/1 likely",
            "service V1.Customers.ToString/0",
        ]
    );
}

#[test]
fn namespaces_come_from_usings_aliases_and_qualified_names() {
    let got = calls(
        r#"
using Stripe;
using Stripe.Checkout;
using Portal = Stripe.BillingPortal;
class A {
    void M() {
        new SessionService().Create(o);
        new Portal.SessionService().Create(o);
        new Stripe.BillingPortal.SessionService().Create(o);
        global::Stripe.Issuing.CardService cards = new();
        cards.Update("ic_1", o);
        new Stripe.TestHelpers.Issuing.CardService().DeliverCard("ic_1");
        new Stripe.V2.Core.AccountService(client).Create(o);
        new AccountService().GetSelf();
    }
}
"#,
    );
    assert_eq!(
        got,
        [
            "class Checkout.Session.Create/1",
            "class BillingPortal.Session.Create/1",
            "class BillingPortal.Session.Create/1",
            "class Issuing.Card.Update/2",
            "class TestHelpers.Issuing.Card.DeliverCard/1",
            "class V2.Core.Account.Create/1",
            "class Account.GetSelf/0",
        ]
    );
}

#[test]
fn a_class_name_two_imported_namespaces_define_is_unresolved() {
    let e = extract(
        r#"
using Stripe;
using Stripe.Checkout;
using Stripe.BillingPortal;
class A { void M() { var s = new SessionService(); s.Create(o); new CustomerService().Create(o); } }
"#,
    );
    assert_eq!(e.calls.len(), 1);
    assert_eq!(e.calls[0].receiver, ["Customer"]);
    assert_eq!(e.unresolved.len(), 1);
    assert!(
        e.unresolved[0]
            .reason
            .contains("Stripe.Checkout.SessionService")
            && e.unresolved[0]
                .reason
                .contains("Stripe.BillingPortal.SessionService"),
        "{}",
        e.unresolved[0].reason
    );
}

#[test]
fn expand_and_connect_come_from_options_objects() {
    let e = extract(
        r#"
using Stripe;
class A {
    void M(string acct) {
        var svc = new PaymentIntentService();
        var options = new PaymentIntentGetOptions { Expand = new List<string> { "customer" } };
        options.AddExpand("latest_charge");
        options.Expand.Add("payment_method");
        var ro = new RequestOptions();
        ro.StripeAccount = acct;
        svc.Get("pi_1", options, ro);
        svc.Get("pi_1", new PaymentIntentGetOptions { Expand = ["invoice"] },
            new RequestOptions { StripeAccount = acct });
        svc.Get("pi_1", requestOptions: new RequestOptions { ApiKey = key });
    }
}
"#,
    );
    let summary: Vec<(Vec<String>, bool)> = e
        .calls
        .iter()
        .map(|c| (c.expand.clone(), c.connect))
        .collect();
    assert_eq!(
        summary,
        [
            (
                vec![
                    "customer".to_owned(),
                    "latest_charge".to_owned(),
                    "payment_method".to_owned()
                ],
                true
            ),
            (vec!["invoice".to_owned()], true),
            (vec![], false),
        ]
    );
}

#[test]
fn raw_requests_with_a_literal_path() {
    let e = extract(
        r#"
using Stripe;
class A {
    async Task M(StripeClient client, string path) {
        await client.RawRequestAsync(HttpMethod.Post, "/v1/customers", "{}");
        await client.RawRequestAsync(HttpMethod.Get, path);
        var ev = EventUtility.ConstructEvent(json, sig, secret);
    }
}
"#,
    );
    assert_eq!(calls_of(&e), ["raw POST /v1/customers .RawRequestAsync/3"]);
    assert_eq!(e.unresolved.len(), 1);
}

fn calls_of(e: &Extraction) -> Vec<String> {
    e.calls
        .iter()
        .map(|c| match &c.style {
            CallStyle::Raw { verb, path } => {
                format!("raw {verb} {path} .{}/{}", c.method, c.positional_args)
            }
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn look_alikes_are_not_calls() {
    // No Stripe import: the project's own CustomerService.
    assert!(calls("class A { void M() { new CustomerService().Create(x); } }").is_empty());
    // The file declares its own CustomerService.
    assert!(
        calls(
            "using Stripe;\nnamespace App { class CustomerService { void Delete() {} } \
             class B { void M(CustomerService s) { s.Delete(); } } }"
        )
        .is_empty()
    );
    // Database and ORM calls, options objects, unrelated services.
    assert!(
        calls(
            "using Stripe;\nclass A { void M() { _db.Customers.Delete(c); var o = new CustomerCreateOptions(); \
             o.AddExpand(\"x\"); new EmailService().Send(); StripeConfiguration.ApiKey = k; } }"
        )
        .is_empty()
    );
}

#[test]
fn project_types_hide_stripe_services_where_visible() {
    let mut project = rakscan_csharp::ProjectFacts::default();
    project.project_types.insert(
        "InvoiceService".to_owned(),
        vec!["Shop.Services".to_owned()],
    );
    let source = "using Stripe;\nusing Shop.Services;\nnamespace Shop.Web;\n\
                  class A { void M(InvoiceService i, ChargeService c) { i.Create(x); c.Create(x); } }";
    let e = rakscan_csharp::extract_with(source, &project).unwrap();
    assert_eq!(e.calls.len(), 1);
    assert_eq!(e.calls[0].receiver, ["Charge"]);
}

#[test]
fn global_usings_of_the_project_apply() {
    let mut project = rakscan_csharp::ProjectFacts::default();
    project
        .global_usings
        .add_segments(None, vec!["Stripe".to_owned()]);
    let e = rakscan_csharp::extract_with(
        "class A { void M() { new CustomerService().Create(x); } }",
        &project,
    )
    .unwrap();
    assert_eq!(e.calls.len(), 1);
}

#[test]
fn broken_and_deep_sources_do_not_panic() {
    let e = extract("using Stripe;\nclass A { void M() { new CustomerService().Create(o; } ");
    assert!(!e.warnings.is_empty());
    let deep = format!(
        "using Stripe;\nclass A {{ object M() => {}1{}; }}",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    extract(&deep);
    let chain = format!(
        "using Stripe;\nclass A {{ void M() {{ x{}.Create(); }} }}",
        ".V1".repeat(3000)
    );
    extract(&chain);
}

#[test]
fn pre_2018_service_names_are_only_likely() {
    let e = extract(
        "using Stripe;\nclass A { void M() { var s = new StripeCustomerService(); s.Create(o); \
         new StripeCustomerInfoService().Create(o); } }",
    );
    assert_eq!(e.calls.len(), 1);
    assert_eq!(e.calls[0].receiver, ["Customer"]);
    assert_eq!(e.calls[0].certainty, Certainty::Likely);
}

#[test]
fn a_namespace_below_stripe_sees_stripe_types_without_a_using() {
    // C# looks a simple name up in every enclosing namespace: code declared in
    // `Stripe.Demo.Payouts` sees `Stripe.TransferService` and `Stripe.Checkout` does not.
    let got = calls(
        r#"
namespace Stripe.Demo.Payouts
{
    public class Payouts
    {
        public void Pay(TransferCreateOptions o)
        {
            new TransferService().Create(o);
            var links = new AccountLinkService();
            links.Create(new AccountLinkCreateOptions());
            new SessionService().Create(null);
        }
    }
}
"#,
    );
    assert_eq!(
        got,
        ["class Transfer.Create/0", "class AccountLink.Create/0"]
    );
}

#[test]
fn a_stripe_namespace_nested_in_another_or_a_stripe_like_name_is_not_stripes() {
    for source in [
        "namespace Shop { namespace Stripe.Payouts { class A { void M() { new TransferService().Create(o); } } } }",
        "namespace StripeDemo.Payouts;\nclass A { void M() { new TransferService().Create(o); } }",
    ] {
        assert_eq!(calls(source), Vec::<String>::new(), "{source}");
    }
}

/// `display: reason` of each unresolved call.
fn unresolved(source: &str) -> Vec<String> {
    extract(source)
        .unresolved
        .iter()
        .map(|u| format!("{}: {}", u.display, u.reason))
        .collect()
}

#[test]
fn oauth_token_service_requests_are_unresolved_and_the_authorize_url_is_silent() {
    // Stripe.net's `OAuthTokenService` posts `Create` (a token exchange) and `Deauthorize` to
    // connect.stripe.com; `AuthorizeUrl` only builds a `Uri`.
    let source = r#"
using Stripe;
public class Connect(OAuthTokenService injected) {
    public async Task Run(IStripeClient client, string code) {
        var service = new OAuthTokenService();
        service.Create(new OAuthTokenCreateOptions { Code = code });
        await new OAuthTokenService(client).CreateAsync(new OAuthTokenCreateOptions());
        injected.Deauthorize(new OAuthDeauthorizeOptions());
        await injected.DeauthorizeAsync(new OAuthDeauthorizeOptions());
        var url = service.AuthorizeUrl(new OAuthAuthorizeUrlOptions(), express: true);
        new Stripe.OAuthTokenService().Create(null);
        new StripeOAuthTokenService().Deauthorize(clientId, userId);
    }
}
"#;
    let e = extract(source);
    assert!(e.calls.is_empty(), "{:#?}", e.calls);
    let reason = rakscan_core::ir::OAUTH_REASON;
    assert_eq!(
        unresolved(source),
        [
            format!("service.Create: {reason}"),
            format!("new OAuthTokenService().CreateAsync: {reason}"),
            format!("injected.Deauthorize: {reason}"),
            format!("injected.DeauthorizeAsync: {reason}"),
            format!("new Stripe.OAuthTokenService().Create: {reason}"),
            format!("new StripeOAuthTokenService().Deauthorize: {reason}"),
        ]
    );
}

#[test]
fn a_project_oauth_token_service_is_not_stripes() {
    // No Stripe import; a file declaring its own; another namespace's.
    for source in [
        "class A { void M() { new OAuthTokenService().Create(x); } }",
        "using Stripe;\nnamespace App { class OAuthTokenService { public void Create(object o) {} } \
         class B { void M(OAuthTokenService s) { s.Create(x); s.Deauthorize(x); } } }",
        "using Auth.Tokens;\nclass A { void M() { new OAuthTokenService().Create(x); } }",
    ] {
        assert!(unresolved(source).is_empty(), "{source}");
    }
    let mut project = rakscan_csharp::ProjectFacts::default();
    project
        .project_types
        .insert("OAuthTokenService".to_owned(), vec!["Shop.Auth".to_owned()]);
    let source = "using Stripe;\nusing Shop.Auth;\n\
                  class A { void M(OAuthTokenService s) { s.Create(x); } }";
    let e = rakscan_csharp::extract_with(source, &project).unwrap();
    assert!(e.unresolved.is_empty(), "{:#?}", e.unresolved);
}

/// A `V1.Customers` chain on a receiver the file declares as another SDK's type is not
/// Stripe's; an undeclared receiver (a base class's field), one declared `dynamic` or with a
/// type named after Stripe (a project's `StripeClient` subclass) is still a likely call.
#[test]
fn receivers_declared_with_another_type_are_not_guessed_to_be_clients() {
    let got = calls(
        r#"
using Stripe;
class Storage {
    private readonly Amazon.S3.AmazonS3Client client = new Amazon.S3.AmazonS3Client();
    private readonly MyStripeClient wrapped;
    private dynamic loose;
    void Run() {
        client.V1.Customers.List();
        var s3 = new AmazonS3Client();
        s3.V1.Customers.List();
        inherited.V1.Customers.List();
        wrapped.V1.Invoices.List();
        loose.V1.Refunds.List();
    }
}
"#,
    );
    assert_eq!(
        got,
        [
            "service V1.Customers.List/0 likely",
            "service V1.Invoices.List/0 likely",
            "service V1.Refunds.List/0 likely",
        ]
    );
}
