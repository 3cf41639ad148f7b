//! How async-stripe spells things: crate names, 0.x resource types and their functions.
//!
//! 0.x puts every request on the resource type as an associated function
//! (`CheckoutSession::create(&client, params)`); the type name glues the API namespace to the
//! class (`CheckoutSession` = `checkout` + `Session`). 1.x has one request type per operation
//! (`CreateCustomer`) in per-area crates (`stripe_core`, `stripe_checkout`, …); the core looks
//! those names up in the rules, so this module only has to recognise the crates.

/// Crate names under which async-stripe's client crate (0.x: everything) is imported.
/// `ft_stripe` is a port of async-stripe 0.x with the same API.
pub const CLIENT_CRATES: &[&str] = &["stripe", "async_stripe", "ft_stripe"];

/// async-stripe 1.x crates that hold the request types (package `async-stripe-<area>`).
pub const REQUEST_CRATES: &[&str] = &[
    "stripe_core",
    "stripe_billing",
    "stripe_checkout",
    "stripe_connect",
    "stripe_issuing",
    "stripe_misc",
    "stripe_payment",
    "stripe_product",
    "stripe_terminal",
    "stripe_treasury",
    "stripe_fraud",
    "stripe_reserve",
    "stripe_shared",
    "stripe_types",
    "stripe_client_core",
    "stripe_webhook",
];

/// Pascal-case prefixes of 0.x type names and the API namespace they stand for, longest
/// first where one prefix starts another (`BillingPortal` before `Billing`). The namespaces
/// are those of the rules (`checkout`, `billing_portal`, `issuing`, …).
const NAMESPACE_PREFIXES: &[(&str, &str)] = &[
    ("BillingPortal", "billing_portal"),
    ("FinancialConnections", "financial_connections"),
    ("TestHelpers", "test_helpers"),
    ("Entitlements", "entitlements"),
    ("Forwarding", "forwarding"),
    ("Reporting", "reporting"),
    ("Checkout", "checkout"),
    ("Identity", "identity"),
    ("Terminal", "terminal"),
    ("Treasury", "treasury"),
    ("Billing", "billing"),
    ("Climate", "climate"),
    ("Issuing", "issuing"),
    ("Radar", "radar"),
    ("Sigma", "sigma"),
    ("Apps", "apps"),
    ("Tax", "tax"),
];

/// Top-level resources whose names start like a namespace (`TaxRate` is `/v1/tax_rates`, not
/// `tax.Rate`).
const TOP_LEVEL_LOOKALIKES: &[&str] = &["TaxCode", "TaxId", "TaxRate", "TaxDeductedAtSource"];

/// The class receiver of a 0.x type name: `CheckoutSession` → `["checkout", "Session"]`,
/// `TestHelpersTestClock` → `["test_helpers", "TestClock"]`, `Customer` → `["Customer"]`.
pub fn class_receiver(type_name: &str) -> Vec<String> {
    if !TOP_LEVEL_LOOKALIKES.contains(&type_name) {
        for (prefix, namespace) in NAMESPACE_PREFIXES {
            if let Some(rest) = type_name.strip_prefix(prefix)
                && rest.starts_with(|c: char| c.is_ascii_uppercase())
            {
                return vec![(*namespace).to_owned(), rest.to_owned()];
            }
        }
    }
    vec![type_name.to_owned()]
}

/// 0.x functions whose names differ from the spec's method names, as
/// (type, 0.x function, spec type, spec method). Checked against async-stripe 0.41's sources
/// by this crate's tests (`tests/data/async-stripe-0.41-functions.tsv`).
const RENAMED_FUNCTIONS: &[(&str, &str, &str, &str)] = &[
    (
        "CheckoutSession",
        "retrieve_line_items",
        "CheckoutSession",
        "list_line_items",
    ),
    ("CreditNote", "void", "CreditNote", "void_credit_note"),
    ("Customer", "attach_source", "Customer", "create_source"),
    ("Customer", "detach_source", "Customer", "delete_source"),
    (
        "Customer",
        "retrieve_payment_methods",
        "Customer",
        "list_payment_methods",
    ),
    ("Customer", "verify_bank_account", "BankAccount", "verify"),
    ("Invoice", "finalize", "Invoice", "finalize_invoice"),
    ("Invoice", "void", "Invoice", "void_invoice"),
    ("InvoiceLineItem", "create", "InvoiceItem", "create"),
    ("Source", "list", "Source", "list_source_transactions"),
    ("Subscription", "delete", "Subscription", "cancel"),
];

/// The (type, method) the core should look a 0.x call up under.
pub fn spec_function<'a>(type_name: &'a str, function: &'a str) -> (&'a str, &'a str) {
    RENAMED_FUNCTIONS
        .iter()
        .find(|(t, f, _, _)| *t == type_name && *f == function)
        .map(|(_, _, t, m)| (*t, *m))
        .unwrap_or((type_name, function))
}

/// 0.x functions that call endpoints Stripe has since removed from its API description, as
/// (type, function, HTTP method, path). They are passed on as raw requests so that the core
/// can report what they call.
const LEGACY_FUNCTIONS: &[(&str, &str, &str, &str)] = &[
    ("Invoice", "upcoming", "GET", "/v1/invoices/upcoming"),
    (
        "UsageRecord",
        "create",
        "POST",
        "/v1/subscription_items/{subscription_item}/usage_records",
    ),
];

/// The (HTTP method, path) of a 0.x function that calls a legacy endpoint.
pub fn legacy_endpoint(type_name: &str, function: &str) -> Option<(&'static str, &'static str)> {
    LEGACY_FUNCTIONS
        .iter()
        .find(|(t, f, _, _)| *t == type_name && *f == function)
        .map(|(_, _, m, p)| (*m, *p))
}

/// 0.x types with request functions (async-stripe 0.41). A call of one of [`KNOWN_FUNCTIONS`]
/// on these is a request whatever its arguments look like; other types need a client
/// argument.
const KNOWN_RESOURCE_TYPES: &[&str] = &[
    "Account",
    "AccountLink",
    "AccountSession",
    "ApplicationFee",
    "Balance",
    "BalanceTransaction",
    "BillingPortalSession",
    "Charge",
    "CheckoutSession",
    "CountrySpec",
    "Coupon",
    "CreditNote",
    "Customer",
    "CustomerSession",
    "Dispute",
    "EphemeralKey",
    "Event",
    "ExchangeRate",
    "File",
    "FileLink",
    "FinancialConnectionsSession",
    "Invoice",
    "InvoiceItem",
    "InvoiceLineItem",
    "LoginLink",
    "Mandate",
    "PaymentIntent",
    "PaymentLink",
    "PaymentMethod",
    "PaymentMethodConfiguration",
    "PaymentMethodDomain",
    "Payout",
    "Plan",
    "Price",
    "Product",
    "PromotionCode",
    "Quote",
    "Refund",
    "Review",
    "SetupAttempt",
    "SetupIntent",
    "ShippingRate",
    "Source",
    "Subscription",
    "SubscriptionItem",
    "SubscriptionSchedule",
    "TaxCode",
    "TaxId",
    "TaxRate",
    "TerminalConfiguration",
    "TerminalConnectionToken",
    "TerminalLocation",
    "TerminalReader",
    "TestHelpersTestClock",
    "Token",
    "Topup",
    "Transfer",
    "TransferReversal",
    "UsageRecord",
    "WebhookEndpoint",
];

/// Names of 0.x request functions (async-stripe 0.41).
const KNOWN_FUNCTIONS: &[&str] = &[
    "create",
    "retrieve",
    "update",
    "delete",
    "list",
    "search",
    "cancel",
    "capture",
    "confirm",
    "attach",
    "detach",
    "expire",
    "finalize",
    "pay",
    "void",
    "upcoming",
    "advance",
    "verify_micro_deposits",
    "attach_source",
    "detach_source",
    "create_balance_transaction",
    "list_balance_transactions",
    "retrieve_balance_transaction",
    "update_balance_transaction",
    "retrieve_payment_methods",
    "retrieve_source",
    "verify_bank_account",
    "retrieve_line_items",
];

/// Whether `Type::function` is a 0.x request function whatever its arguments.
pub fn is_known_function(type_name: &str, function: &str) -> bool {
    KNOWN_RESOURCE_TYPES.contains(&type_name) && KNOWN_FUNCTIONS.contains(&function)
}

/// Types of the client crate whose functions send no API request of their own: the client,
/// webhook verification, ids, errors.
const NON_REQUEST_TYPES: &[&str] = &[
    "Client",
    "ClientBuilder",
    "BlockingClient",
    "Webhook",
    "RequestStrategy",
    "StripeError",
    "Expandable",
    "Headers",
    "AppInfo",
    "IdempotencyKey",
    "ListPaginator",
];

/// Functions that build or convert values locally (`CustomerId::from_str`, `CreateCustomer::new`).
const LOCAL_FUNCTIONS: &[&str] = &[
    "new",
    "default",
    "from",
    "from_str",
    "try_from",
    "parse",
    "into",
    "as_str",
    "as_ref",
    "to_string",
    "clone",
    "builder",
    "deserialize",
    "serialize",
    "fmt",
    "eq",
    "cmp",
    "hash",
    "id",
    "object",
    "is_deleted",
    "construct_event",
];

/// Whether a 0.x `Type::function(…)` may be a request (before looking at its arguments).
pub fn may_be_request(type_name: &str, function: &str) -> bool {
    type_name.starts_with(|c: char| c.is_ascii_uppercase())
        && function.starts_with(|c: char| c.is_ascii_lowercase())
        && !NON_REQUEST_TYPES.contains(&type_name)
        && !LOCAL_FUNCTIONS.contains(&function)
        && (!type_name.ends_with("Id") || KNOWN_RESOURCE_TYPES.contains(&type_name))
}

/// Types whose values are async-stripe clients.
pub fn is_client_type(type_name: &str) -> bool {
    matches!(type_name, "Client" | "ClientBuilder" | "BlockingClient")
}

/// async-stripe 1.x's raw request type (`stripe_client_core::RequestBuilder`).
pub const RAW_REQUEST_TYPE: &str = "RequestBuilder";

/// 0.x client methods that send a request to a path (`client.get_query("/customers", p)`),
/// with their HTTP method.
pub const CLIENT_REQUEST_METHODS: &[(&str, &str)] = &[
    ("get", "GET"),
    ("get_query", "GET"),
    ("post", "POST"),
    ("post_form", "POST"),
    ("delete", "DELETE"),
    ("delete_query", "DELETE"),
];

/// An API path as async-stripe writes it (its base URL ends in `/v1`) turned into the path
/// the rules use: `/customers` → `/v1/customers`.
pub fn api_path(written: &str) -> String {
    let path = if written.starts_with('/') {
        written.to_owned()
    } else {
        format!("/{written}")
    };
    if path.starts_with("/v1/") || path.starts_with("/v2/") {
        path
    } else {
        format!("/v1{path}")
    }
}

/// Methods that send a request value (1.x `StripeRequest`, 0.x `CreatePromotionCode::send`)
/// or turn a list request into a paginator that sends it.
pub const SEND_METHODS: &[&str] = &["send", "send_blocking", "paginate"];

/// Method names that set the Stripe-Account header on a client or a request.
pub const CONNECT_METHODS: &[&str] = &[
    "with_stripe_account",
    "with_stripe_account_id",
    "account_id",
    "stripe_account",
];

/// Field names that carry the Stripe-Account header.
pub const CONNECT_FIELDS: &[&str] = &["stripe_account", "stripe_account_id"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_split_into_namespace_and_class() {
        assert_eq!(class_receiver("CheckoutSession"), ["checkout", "Session"]);
        assert_eq!(
            class_receiver("BillingPortalSession"),
            ["billing_portal", "Session"]
        );
        assert_eq!(class_receiver("IssuingCard"), ["issuing", "Card"]);
        assert_eq!(
            class_receiver("TestHelpersTestClock"),
            ["test_helpers", "TestClock"]
        );
        assert_eq!(class_receiver("TaxRate"), ["TaxRate"]);
        assert_eq!(class_receiver("TaxCalculation"), ["tax", "Calculation"]);
        assert_eq!(class_receiver("Customer"), ["Customer"]);
        assert_eq!(class_receiver("Taxonomy"), ["Taxonomy"]);
    }
}
