//! Go calls resolved by the core: the permissions literal `expand` paths add, the Connect
//! flag, and the legacy forms whose operation the core derives from the package path.

use rakscan_core::finding::{ApiCall, Finding};
use rakscan_core::resolve::resolve_source;
use rakscan_core::{Catalog, build_project};
use rakscan_go::GoExtractor;
use std::path::{Path, PathBuf};

fn findings(source: &str) -> Vec<Finding> {
    resolve_source(
        Catalog::embedded().unwrap(),
        &GoExtractor,
        "billing.go",
        source,
    )
    .unwrap()
}

fn api_calls(source: &str) -> Vec<ApiCall> {
    findings(source)
        .into_iter()
        .map(|f| match f {
            Finding::ApiCall(c) => c,
            other => panic!("not an API call: {other:?}"),
        })
        .collect()
}

fn endpoints(calls: &[ApiCall]) -> Vec<String> {
    calls.iter().map(|c| c.operation()).collect()
}

const HEADER: &str = "package billing\n\nimport (\n\t\"context\"\n\t\"github.com/stripe/stripe-go/v82\"\n\
    \t\"github.com/stripe/stripe-go/v82/customerbalancetransaction\"\n\
    \t\"github.com/stripe/stripe-go/v82/invoice\"\n\t\"github.com/stripe/stripe-go/v82/client\"\n)\n\n";

#[test]
fn expand_adds_read_permissions() {
    let source = format!(
        "{HEADER}func f(ctx context.Context, sc *stripe.Client, id string) {{\n\
         \tp := &stripe.SubscriptionRetrieveParams{{}}\n\tp.AddExpand(\"latest_invoice\")\n\
         \tsc.V1Subscriptions.Retrieve(ctx, id, p)\n}}\n"
    );
    let calls = api_calls(&source);
    assert_eq!(
        endpoints(&calls),
        ["GET /v1/subscriptions/{subscription_exposed_id}"]
    );
    let reads: Vec<(String, Vec<String>)> = calls[0]
        .expansions
        .iter()
        .map(|e| {
            let perms = e
                .reads
                .iter()
                .filter_map(|r| r.permission.clone())
                .collect();
            (e.expand.clone(), perms)
        })
        .collect();
    assert_eq!(
        reads,
        [("latest_invoice".to_owned(), vec!["invoice_read".to_owned()])]
    );
}

#[test]
fn connect_is_carried_to_the_finding() {
    let source = format!(
        "{HEADER}func f(ctx context.Context, sc *stripe.Client) {{\n\
         \tsc.V1Refunds.Create(ctx, &stripe.RefundCreateParams{{Params: stripe.Params{{StripeAccount: stripe.String(\"a\")}}}})\n\
         \tsc.V1Refunds.Create(ctx, &stripe.RefundCreateParams{{}})\n}}\n"
    );
    let calls = api_calls(&source);
    assert!(calls[0].connect);
    assert!(!calls[1].connect);
}

#[test]
fn legacy_collection_packages_and_custom_methods_resolve() {
    let source = format!(
        "{HEADER}func f(id string) {{\n\
         \tcustomerbalancetransaction.New(nil)\n\
         \tcustomerbalancetransaction.Get(id, nil)\n\
         \tinvoice.FinalizeInvoice(id, nil)\n\
         \tinvoice.ListLines(nil)\n\
         \tsc := client.New(\"k\", nil)\n\
         \tsc.CustomerBalanceTransactions.List(nil)\n\
         \tsc.Accounts.Get()\n\
         \tsc.Accounts.GetByID(id, nil)\n}}\n"
    );
    assert_eq!(
        endpoints(&api_calls(&source)),
        [
            "POST /v1/customers/{customer}/balance_transactions",
            "GET /v1/customers/{customer}/balance_transactions/{transaction}",
            "POST /v1/invoices/{invoice}/finalize",
            "GET /v1/invoices/{invoice}/lines",
            "GET /v1/customers/{customer}/balance_transactions",
            "GET /v1/account",
            "GET /v1/accounts/{account}",
        ]
    );
}

#[test]
fn get_next_is_the_legacy_upcoming_invoice() {
    // stripe-go's packages and `client.API` spelled `GET /v1/invoices/upcoming` `GetNext`.
    let source = format!(
        "{HEADER}func f(p *stripe.InvoiceUpcomingParams) {{\n\
         \tinvoice.GetNext(p)\n\
         \tsc := client.New(\"k\", nil)\n\
         \tsc.Invoices.GetNext(p)\n}}\n"
    );
    assert_eq!(
        endpoints(&api_calls(&source)),
        ["GET /v1/invoices/upcoming", "GET /v1/invoices/upcoming"]
    );
}

#[test]
fn unknown_methods_on_stripe_receivers_are_unresolved() {
    let source = format!(
        "{HEADER}func f(ctx context.Context, sc *stripe.Client) {{\n\
         \tsc.V1Customers.Frobnicate(ctx, nil)\n\tinvoice.Frobnicate(nil)\n}}\n"
    );
    let found = findings(&source);
    assert_eq!(found.len(), 2);
    assert!(found.iter().all(|f| matches!(f, Finding::Unresolved(_))));
}

#[test]
fn likely_receivers_only_report_known_operations() {
    let source = "package p\n\nfunc f(s *Svc) {\n\ts.stripe.Customers.New(nil)\n\
                  \ts.stripe.Customers.Frobnicate(nil)\n}\n";
    assert_eq!(endpoints(&api_calls(source)), ["POST /v1/customers"]);
}

#[test]
fn struct_fields_are_learnt_across_files() {
    let declares = (
        PathBuf::from("svc/svc.go"),
        "package svc\n\nimport \"github.com/stripe/stripe-go/v76/client\"\n\n\
         type Svc struct{ api *client.API }\n"
            .to_owned(),
    );
    let source = "package svc\n\nimport \"github.com/stripe/stripe-go/v76\"\n\n\
        func (s *Svc) Refund() { s.api.Refunds.New(&stripe.RefundParams{}); s.api.Frobs.X() }\n";
    let uses = (PathBuf::from("svc/use.go"), source.to_owned());
    // Another SDK's client in a field of the same name, in a file without stripe-go.
    let unrelated = "package svc\n\nfunc (g *GH) Feed() { g.api.Events.List(nil) }\n";
    let other = (PathBuf::from("svc/github.go"), unrelated.to_owned());

    let project = build_project(&GoExtractor, Path::new("svc"), &[declares, uses, other])
        .expect("the project declares a client field");
    let uses = Path::new("svc/use.go");
    assert_eq!(project.decide(uses, &[]), None, "the file is read again");
    assert!(project.wants(uses, source));
    let extraction = project.extract(uses, source).unwrap();
    let quiet = project
        .extract(Path::new("svc/github.go"), unrelated)
        .unwrap();
    let got: Vec<String> = extraction
        .calls
        .iter()
        .map(|c| format!("{} {:?}", c.receiver.join("/"), c.certainty))
        .collect();
    assert_eq!(got, ["refund Certain"]);
    assert!(quiet.calls.is_empty(), "{:#?}", quiet.calls);
}
