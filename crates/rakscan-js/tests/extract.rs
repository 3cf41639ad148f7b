//! The per-file extractor's IR: receivers, methods, certainty, options, expansions, robustness.

use rakscan_core::resolve::{FileContext, resolve_file};
use rakscan_core::{CallStyle, Catalog, Certainty, Extractor, Finding, SdkCall};
use rakscan_js::{JsExtractor, JsProject};
use std::path::Path;

fn calls(source: &str) -> Vec<SdkCall> {
    JsExtractor
        .extract(std::path::Path::new("app.tsx"), source)
        .unwrap()
        .calls
}

fn one(source: &str) -> SdkCall {
    let found = calls(source);
    assert_eq!(found.len(), 1, "{found:#?}");
    found.into_iter().next().unwrap()
}

#[test]
fn service_path_method_and_display() {
    let c =
        one("const stripe = require('stripe')(k);\nawait stripe.v2.core.events\n  .retrieve(id);");
    assert_eq!(c.receiver, ["v2", "core", "events"]);
    assert_eq!(c.method, "retrieve");
    assert_eq!(c.display, "stripe.v2.core.events.retrieve");
    assert_eq!(c.certainty, Certainty::Certain);
    assert_eq!(c.style, CallStyle::Service);
}

#[test]
fn options_expand_and_positional_ids() {
    let c = one("import Stripe from 'stripe';\nconst s = new Stripe(k);\n\
         s.customers.retrieve('cus_1', { expand: ['default_source', `invoice_settings.default_payment_method`] }, { stripeAccount });");
    assert_eq!(
        c.expand,
        ["default_source", "invoice_settings.default_payment_method"]
    );
    assert!(c.connect);
    assert_eq!(c.positional_args, 1);

    let c = one(
        "const s = require('stripe')(k); const opts = { stripeAccount: acct }; s.balance.retrieve(opts);",
    );
    assert!(c.connect);
    assert_eq!(c.positional_args, 0);
}

#[test]
fn raw_requests_with_literal_paths() {
    let c = one(
        "const s = require('stripe')(k); s.rawRequest('post', `/v1/customers/${id}/tax_ids?x=1`, {});",
    );
    assert_eq!(
        c.style,
        CallStyle::Raw {
            verb: "POST".into(),
            path: "/v1/customers/{}/tax_ids".into()
        }
    );
}

#[test]
fn names_alone_are_likely_and_bindings_to_other_things_are_nothing() {
    let c = one("export async function h(stripe) { return stripe.customers.create({}); }");
    assert_eq!(c.certainty, Certainty::Likely);
    let c = one("class A { run() { return this._stripe.refunds.create({}); } }");
    assert_eq!(c.certainty, Certainty::Likely);
    assert!(
        calls("const stripe = { customers: { create() {} } }; stripe.customers.create({});")
            .is_empty()
    );
    assert!(calls("import { loadStripe } from '@stripe/stripe-js'; const stripe = await loadStripe(pk); stripe.redirectToCheckout({});").is_empty());
    assert!(
        calls("prisma.customer.create({}); db.customers.create({}); customers.list();").is_empty()
    );
}

#[test]
fn client_level_configuration_is_not_a_call() {
    assert!(
        calls("const s = require('stripe')(k); s.setAppInfo({ name: 'x' }); s.on('request', f);")
            .is_empty()
    );
}

#[test]
fn typed_parameters_fields_getters_and_factories() {
    let src = "import { Stripe } from 'stripe';\n\
        class S {\n  constructor(private readonly stripe: Stripe) {}\n  get client(): Stripe { return this.stripe; }\n\
          a() { return this.client.charges.capture(id); }\n  b() { return this.stripe.charges.list(); }\n}\n\
        function make(): Promise<Stripe> { return Promise.resolve(x); }\n\
        const c = await make();\nc.products.del(id);";
    let found = calls(src);
    let methods: Vec<_> = found
        .iter()
        .map(|c| (c.receiver.join("."), c.method.as_str(), c.certainty))
        .collect();
    assert_eq!(
        methods,
        [
            ("charges".to_owned(), "capture", Certainty::Certain),
            ("charges".to_owned(), "list", Certainty::Certain),
            ("products".to_owned(), "del", Certainty::Certain),
        ]
    );
}

#[test]
fn expansions_add_read_permissions() {
    let src = "const s = require('stripe')(k);\ns.paymentIntents.retrieve(id, { expand: ['latest_charge', 'customer'] });";
    let extraction = JsExtractor
        .extract(std::path::Path::new("app.tsx"), src)
        .unwrap();
    let catalog = Catalog::embedded().unwrap();
    let ctx = FileContext {
        path: "a.js",
        language: "javascript",
        source: src,
    };
    let findings = resolve_file(catalog, &ctx, &extraction);
    let Finding::ApiCall(call) = &findings[0] else {
        panic!("{findings:#?}")
    };
    let reads: Vec<_> = call
        .expansions
        .iter()
        .flat_map(|e| e.reads.iter().filter_map(|r| r.permission.clone()))
        .collect();
    assert!(reads.contains(&"charge_read".to_owned()), "{reads:?}");
    assert!(reads.contains(&"customer_read".to_owned()), "{reads:?}");
}

#[test]
fn broken_and_hostile_input_does_not_panic() {
    let extraction = JsExtractor
        .extract(
            std::path::Path::new("app.js"),
            "const s = require('stripe')(k);\ns.customers.create({ ;\n",
        )
        .unwrap();
    assert!(!extraction.warnings.is_empty());
    let deep = format!("x = {}1{};", "(".repeat(20_000), ")".repeat(20_000));
    JsExtractor
        .extract(std::path::Path::new("app.tsx"), &deep)
        .unwrap();
    let chain = format!(
        "const s = require('stripe')(k); s{}.create();",
        ".a".repeat(5_000)
    );
    JsExtractor
        .extract(std::path::Path::new("app.tsx"), &chain)
        .unwrap();
    let nested = format!(
        "{}stripe.customers.create(){}",
        "f(() => ".repeat(3_000),
        ")".repeat(3_000)
    );
    JsExtractor
        .extract(std::path::Path::new("app.tsx"), &nested)
        .unwrap();
}

#[test]
fn project_mode_sees_clients_the_file_alone_does_not() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/js/nextjs-app");
    let route = root.join("src/app/api/prices/route.ts");
    let source = std::fs::read_to_string(&route).unwrap();
    assert!(
        JsExtractor
            .extract(std::path::Path::new("app.tsx"), &source)
            .unwrap()
            .calls
            .is_empty()
    );
    let files = [
        "tsconfig.json",
        "src/lib/stripe.ts",
        "src/lib/stripe-server.ts",
        "src/lib/payments.ts",
        "src/app/api/prices/route.ts",
    ]
    .map(|f| root.join(f));
    let project = JsProject::new(&root, &files);
    assert!(project.wants(&route, &source));
    let found = project.extract_file(&route, &source).unwrap().calls;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].certainty, Certainty::Certain);
    assert_eq!(found[0].expand, ["data.product"]);
}

#[test]
fn lazy_proxies_and_casts_are_clients() {
    let c = one(
        "import Stripe from 'stripe';\nexport const stripe = new Proxy({} as Stripe, { get: (_t, p) => Reflect.get(getStripe(), p) });\n\
         stripe.customers.list();",
    );
    assert_eq!(c.certainty, Certainty::Certain);
    let c = one(
        "import Stripe from 'stripe';\nconst api = (globalThis as any).api as Stripe;\napi.charges.list();",
    );
    assert_eq!(c.certainty, Certainty::Certain);
}

#[test]
fn null_ids_and_conditional_options() {
    let c = one("const s = require('stripe')(k); s.accounts.retrieve(null);");
    assert_eq!(c.positional_args, 0);
    let c =
        one("const s = require('stripe')(k); s.accounts.retrieve(undefined, { expand: ['x'] });");
    assert_eq!(c.positional_args, 0);
    assert_eq!(c.expand, ["x"]);
    let c = one("import Stripe from 'stripe'; const s = new Stripe(k);\n\
         const opts = acct ? { stripeAccount: acct } : undefined;\n\
         await s.customers.retrieve('cus_1', opts);");
    assert!(c.connect);
    assert_eq!(c.positional_args, 1);
    let c = one(
        "const s = require('stripe')(k); s.customers.list(undefined, acct ? { stripeAccount: acct } : {});",
    );
    assert!(c.connect);
    assert_eq!(c.positional_args, 0);
    let c = one(
        "const s = require('stripe')(k); const o = cond ? { limit: 3 } : null; s.customers.list(o);",
    );
    assert!(!c.connect);
}

#[test]
fn parameters_typed_through_aliases_and_type_queries() {
    let found = calls(
        "import Stripe from 'stripe';\nfunction make(k: string) { return new Stripe(k); }\n\
         type A = Stripe; type B = ReturnType<typeof make>; type C = Awaited<ReturnType<typeof make>>;\n\
         async function f(a: A, b: B, c: InstanceType<typeof Stripe>, d: C, e: typeof client, id: string) {\n\
           await a.invoices.voidInvoice(id); await b.invoices.finalizeInvoice(id);\n\
           await c.invoices.sendInvoice(id); await d.invoices.pay(id); await e.invoices.del(id);\n\
         }\nconst client = make('k');",
    );
    assert_eq!(found.len(), 5, "{found:#?}");
    assert!(found.iter().all(|c| c.certainty == Certainty::Certain));
    assert!(
        calls("type L = Map<string, number>; function f(l: L) { l.invoices.voidInvoice(id); }")
            .is_empty()
    );
}

#[test]
fn factories_returning_objects_that_hold_the_client() {
    let c = one("import Stripe from 'stripe';\n\
         export function createStripeClient(k: string) { const c = new Stripe(k); return { stripeClient: c, other: 1 }; }\n\
         const { stripeClient } = createStripeClient('k');\n\
         await stripeClient.refunds.create({ payment_intent: id });");
    assert_eq!(c.receiver, ["refunds"]);
    assert_eq!(c.certainty, Certainty::Certain);
    // The factory is not visible: a client-named property of a guessed client is the client.
    let c = one("import { createStripeClient } from './lib/factory';\n\
         const { stripeClient } = createStripeClient('k');\n\
         await stripeClient.refunds.create({ payment_intent: id });");
    assert_eq!(c.receiver, ["refunds"]);
    assert_eq!(c.certainty, Certainty::Likely);
    // Other members of the returned object are not Stripe's.
    assert!(
        calls(
            "import Stripe from 'stripe';\n\
             function make(k) { return { stripe: new Stripe(k), db: openDb() }; }\n\
             const { db } = make(k); db.customers.create({});"
        )
        .is_empty()
    );
}

#[test]
fn a_name_guess_does_not_outrank_a_binding_known_later() {
    // `getStripeClient` looks like a factory, but the import binds it to a plain function
    // returning an object: the destructured `client` is not a client.
    assert!(
        calls(
            "import { getStripeClient } from './x';\nconst { client } = getStripeClient();\n\
             function getStripeClient() { return { client: db }; }\nclient.customers.create({});"
        )
        .is_empty()
    );
}

#[test]
fn node_alias_services_and_null_ids_resolve() {
    let src = "import Stripe from 'stripe'; const s = new Stripe(k);\n\
               await s.account.retrieve();\nawait s.account.retrieve(null);\n\
               await s.balances.retrieve();\nawait s.accounts.retrieve(null);\n\
               await s.account.retrieve('acct_1');";
    let extraction = JsExtractor.extract(Path::new("a.ts"), src).unwrap();
    let catalog = Catalog::embedded().unwrap();
    let ctx = FileContext {
        path: "a.ts",
        language: "javascript",
        source: src,
    };
    let endpoints: Vec<String> = resolve_file(catalog, &ctx, &extraction)
        .iter()
        .filter_map(|f| match f {
            Finding::ApiCall(c) => Some(c.operation()),
            _ => None,
        })
        .collect();
    assert_eq!(
        endpoints,
        [
            "GET /v1/account",
            "GET /v1/account",
            "GET /v1/balance",
            "GET /v1/account",
            "GET /v1/accounts/{account}"
        ]
    );
}

/// tree-sitter-typescript reads `n as A.B.C` as `(n as A.B).C`: the last part is still the
/// type, so the cast keeps the value (an event notification here) instead of losing it.
#[test]
fn a_cast_to_a_type_of_three_or_more_parts_keeps_the_value() {
    let found = calls(
        "import {Stripe} from 'stripe';\n\
         const client = new Stripe(key);\n\
         const n = client.parseEventNotification(body, sig, secret);\n\
         const two = n as Stripe.Events;\n\
         await two.fetchEvent();\n\
         const three = n as Stripe.Events.V1BillingMeterErrorReportTriggeredEventNotification;\n\
         await three.fetchEvent();\n\
         const four = n as A.B.C.D;\n\
         await four.fetchRelatedObject();\n\
         const plain = other as A.B.C;\n\
         await plain.fetchEvent();\n",
    );
    let shown: Vec<&str> = found.iter().map(|c| c.display.as_str()).collect();
    assert_eq!(
        shown,
        [
            "two.fetchEvent",
            "three.fetchEvent",
            "four.fetchRelatedObject"
        ]
    );
}

#[test]
fn event_notifications_fetch_their_event_and_related_object() {
    let found = calls(
        "import {Stripe} from 'stripe';\n\
         const client = new Stripe(key);\n\
         const note = client.parseEventNotification(body, sig, secret);\n\
         await note.fetchEvent();\n\
         const handler = client.notificationHandler(secret, async (unhandled) => unhandled.fetchEvent());\n\
         handler.on('v1.billing.meter.error_report_triggered', async (notice) => {\n\
           await notice.fetchRelatedObject();\n\
         });\n\
         const full = await client.v2.core.events.retrieve(id);\n\
         await full.fetchRelatedObject();\n\
         other.on('data', (chunk) => chunk.fetchEvent());\n",
    );
    let shown: Vec<(&str, &CallStyle)> = found
        .iter()
        .map(|c| (c.display.as_str(), &c.style))
        .collect();
    let on_note = CallStyle::Instance { origin: None };
    assert_eq!(
        shown,
        [
            ("note.fetchEvent", &on_note),
            ("unhandled.fetchEvent", &on_note),
            ("notice.fetchRelatedObject", &on_note),
            ("client.v2.core.events.retrieve", &CallStyle::Service),
            ("full.fetchRelatedObject", &on_note),
        ]
    );
}

/// The service paths of the calls found, in order.
fn receivers(source: &str) -> Vec<String> {
    calls(source)
        .iter()
        .map(|c| format!("{} {:?}", c.display, c.certainty))
        .collect()
}

#[test]
fn members_of_one_class_are_not_those_of_an_unrelated_class() {
    // Set in a constructor, through a class field and through a parameter property.
    let shapes = [
        "class Billing {\n  api: Stripe;\n  constructor(k: string) { this.api = new Stripe(k); }\n",
        "class Billing {\n  api = new Stripe(process.env.KEY);\n",
        "class Billing {\n  constructor(private api: Stripe) {}\n",
    ];
    for shape in shapes {
        let source = format!(
            "import Stripe from 'stripe';\nimport {{ BlobStore }} from '@acme/blobs';\n{shape}\
             charge() {{ return this.api.charges.create({{ amount: 5, currency: 'usd' }}); }}\n}}\n\
             class Archive {{\n  api: any;\n  constructor() {{ this.api = new BlobStore(); }}\n\
             listAll() {{ return this.api.customers.list(); }}\n}}\n"
        );
        assert_eq!(
            receivers(&source),
            ["this.api.charges.create Certain"],
            "{source}"
        );
    }
}

#[test]
fn members_are_shared_along_extends_within_the_file() {
    let source = "import Stripe from 'stripe';\n\
        class Root { constructor() { this.sdk = new Stripe(process.env.K); } }\n\
        class Middle extends Root { plans() { return this.sdk.prices.list(); } }\n\
        class Leaf extends Middle { refund(id) { return this.sdk.refunds.create({ charge: id }); } }\n\
        class Mailer { constructor() { this.sdk = new Mailgun(); } send() { return this.sdk.customers.create({}); } }\n\
        class Templated { fire() { return this.link.products.list(); } }\n\
        class Caller extends Templated { constructor() { super(); this.link = new Stripe(k); } }\n";
    assert_eq!(
        receivers(source),
        [
            "this.sdk.prices.list Certain",
            "this.sdk.refunds.create Certain",
            "this.link.products.list Certain",
        ]
    );
}

#[test]
fn members_set_or_read_outside_classes_are_seen_everywhere() {
    let source = "const Stripe = require('stripe');\n\
        function Gateway(key) { this.conn = Stripe(key); }\n\
        Gateway.prototype.pay = function () { return this.conn.paymentIntents.create({}); };\n\
        class Later { go() { return this.conn.invoices.list(); } }\n\
        const helper = { run() { return this.conn.payouts.list(); } };\n";
    assert_eq!(
        receivers(source),
        [
            "this.conn.paymentIntents.create Certain",
            "this.conn.invoices.list Certain",
            "this.conn.payouts.list Certain",
        ]
    );
}

#[test]
fn a_class_expression_is_told_apart_by_the_name_it_is_bound_to() {
    let source = "import Stripe from 'stripe';\n\
        class Billing { constructor(k) { this.api = new Stripe(k); } run() { return this.api.refunds.list(); } }\n\
        const Archive = class { constructor() { this.api = new BlobStore(); } run() { return this.api.customers.list(); } };\n\
        const Wallet = class extends Billing { top() { return this.api.topups.create({}); } };\n";
    assert_eq!(
        receivers(source),
        [
            "this.api.refunds.list Certain",
            "this.api.topups.create Certain",
        ]
    );
}
