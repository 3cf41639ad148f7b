//! Every SDK's naming rules, in one place.
//!
//! Call sites and the data tables spell the same operation differently (`list_line_items`,
//! `listLineItems`, `allLineItems`, `ListLineItems`). The core compares *folded* names
//! (ASCII lower-case, underscores removed) and turns each SDK's verb renames back into the
//! spec's verbs before looking a call up. See ../shared/sdk-conventions.md §0.

use crate::ir::Sdk;

/// Folds an identifier so that snake_case, lowerCamel and Pascal spellings compare equal.
pub fn fold(identifier: &str) -> String {
    let mut out = String::with_capacity(identifier.len());
    push_folded(&mut out, identifier);
    out
}

/// Appends the folded form of `identifier` (see [`fold`]) to `out`, without a buffer of its own.
pub fn push_folded(out: &mut String, identifier: &str) {
    for c in identifier.chars() {
        match c {
            '_' | '-' => {}
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// The family of spellings in the data a call is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Client services nested like the path (`client.v1.customers.balance_transactions.create`):
    /// Python, Ruby, Java, .NET. Data: Ruby's client rows.
    ServiceNested,
    /// Client services with v1 sub-resources flattened onto the parent
    /// (`stripe.customers.createBalanceTransaction`): Node and PHP. Data: Node's rows.
    ServiceFlat,
    /// Go's `stripe.Client` fields (`sc.V1CheckoutSessions.Create`). Data: Go's rows.
    GoClient,
    /// Resource-class methods (`Stripe::Checkout::Session.create`). Data: Ruby's class rows.
    Class,
    /// Methods on a fetched object (`invoice.pay()`). Data: Ruby's instance rows.
    Instance,
    /// async-stripe 1.x request types (`CreateCustomer`). Data: async-stripe's rows.
    RequestType,
}

impl Family {
    /// The family a data row belongs to, from its `sdk` and `style` columns.
    pub fn of_spelling(sdk: &str, style: &str) -> Option<Family> {
        Some(match (sdk, style) {
            ("ruby", "client") => Family::ServiceNested,
            ("node", "client") => Family::ServiceFlat,
            ("go", "client") => Family::GoClient,
            ("ruby", "resource-class") => Family::Class,
            ("ruby", "resource-instance") => Family::Instance,
            ("rust-async-stripe", "request-builder") => Family::RequestType,
            _ => return None,
        })
    }

    /// The family that a service-style call of `sdk` is spelled in.
    pub fn for_service(sdk: Sdk) -> Family {
        match sdk {
            Sdk::Python | Sdk::Ruby | Sdk::Java | Sdk::Dotnet => Family::ServiceNested,
            Sdk::Node | Sdk::Php => Family::ServiceFlat,
            Sdk::Go => Family::GoClient,
            Sdk::Rust => Family::RequestType,
        }
    }
}

/// Splits a data-table receiver into folded segments, dropping the client variable
/// (`client.v1.customers` → `["v1", "customers"]`, `Stripe::Checkout::Session.` →
/// `["checkout", "session"]`, `sc.V1Customers` → `["v1customers"]`).
pub fn spelling_receiver(family: Family, receiver: &str) -> Vec<String> {
    let trimmed = receiver.trim_end_matches(['.', '#']);
    let segments: Vec<&str> = match family {
        Family::Class | Family::Instance => trimmed.split("::").skip(1).collect(),
        Family::RequestType => Vec::new(),
        _ => trimmed.split('.').skip(1).collect(),
    };
    segments.into_iter().map(fold).collect()
}

/// Folds a call's service receiver and splits off its API version
/// (`["v1", "checkout", "sessions"]` → (v1, "checkout.sessions"); no version means v1).
pub fn service_key(receiver: &[String]) -> String {
    let mut folded: Vec<String> = receiver.iter().map(|s| fold(s)).collect();
    match folded.first().map(String::as_str) {
        Some("v1") | Some("v2") => {}
        _ => folded.insert(0, "v1".to_owned()),
    }
    folded.join(".")
}

/// A client service an SDK also exposes under a second name, as the key of the service it
/// stands for. stripe-node registers `stripe.account` as `stripe.accounts` and
/// `stripe.balances` as `stripe.balance` (the same resource classes); its data rows only spell
/// the main names.
pub fn service_alias(sdk: Sdk, key: &str) -> Option<&'static str> {
    match (sdk, key) {
        (Sdk::Node, "v1.account") => Some("v1.accounts"),
        (Sdk::Node, "v1.balances") => Some("v1.balance"),
        _ => None,
    }
}

/// The resource and list field whose items Stripe.net's services named after a payment-source
/// type serve (`CardService.Delete(customerId, id)` is
/// `DELETE /v1/customers/{customer}/sources/{id}`, and so for `BankAccountService`). The same
/// types are also an account's external accounts, which Stripe.net serves with
/// `ExternalAccountService` instead.
pub const DOTNET_SOURCE_PARENT: (&str, &str) = ("Customer", "sources.data");

/// The folded key of the .NET service class that serves a client service path.
///
/// Stripe.net names a service class after its path below the client: the namespace, then every
/// resource segment in the singular, joined (`client.V1.Checkout.Sessions.LineItems` is
/// `Stripe.Checkout.SessionLineItemService`, `client.V1.Customers.BalanceTransactions` is
/// `Stripe.CustomerBalanceTransactionService`, `client.V2.Core.Accounts` is
/// `Stripe.V2.Core.AccountService`). `service_key` is a folded key from [`service_key`]
/// (`v1.checkout.sessions.lineitems`); `namespace` is the operations' spec namespace
/// (`checkout`, `v2.core`). The result is a class key as [`class_key`] builds it from the class
/// without its `Service` suffix (`checkout.sessionlineitem`).
pub fn dotnet_service_class(service_key: &str, namespace: &str) -> Option<String> {
    let mut segments: Vec<&str> = service_key.split('.').collect();
    if segments.first() == Some(&"v1") {
        segments.remove(0);
    }
    let namespace: Vec<String> = namespace
        .split('.')
        .filter(|s| !s.is_empty())
        .map(fold)
        .collect();
    if segments.len() <= namespace.len() || segments.iter().zip(&namespace).any(|(s, n)| s != n) {
        return None;
    }
    let class: String = segments[namespace.len()..]
        .iter()
        .map(|s| singular(s))
        .collect();
    Some(
        namespace
            .into_iter()
            .chain(std::iter::once(class))
            .collect::<Vec<_>>()
            .join("."),
    )
}

/// The keys a .NET service class is looked up under: as written, then without a plural `s`
/// (`FinancialAccountFeaturesService`, `Stripe.Tax.SettingsService` keep the plural).
pub fn dotnet_class_variants(class_key: &str) -> Vec<String> {
    let mut out = vec![class_key.to_owned()];
    let stripped = singular(class_key);
    if stripped != class_key {
        out.push(stripped);
    }
    out
}

/// An English plural made singular (`balancetransactions` → `balancetransaction`,
/// `capabilities` → `capability`, `external_accounts` → `external_account`); other words
/// unchanged.
pub fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if word.ends_with('s') && !word.ends_with("ss") {
        word[..word.len() - 1].to_owned()
    } else {
        word.to_owned()
    }
}

/// Folds a class receiver (`["checkout", "Session"]` → `checkout.session`).
pub fn class_key(receiver: &[String]) -> String {
    receiver
        .iter()
        .map(|s| fold(s))
        .collect::<Vec<_>>()
        .join(".")
}

/// The folded method names to try for a call, most literal first.
///
/// Applies the SDK's verb renames: async twins (`create_async`, `CreateAsync`), Python's class
/// `modify`, PHP's `all`, .NET's `Get`/`GetSelf`/`ListAutoPaging`, Go legacy `New`/`Get`/`GetByID`/`Del`,
/// instance `save` (= update).
pub fn method_candidates(sdk: Sdk, family: Family, method: &str) -> Vec<String> {
    let mut folded = fold(method);
    if folded.len() > "async".len() && folded.ends_with("async") {
        folded.truncate(folded.len() - "async".len());
    }
    let mut out = vec![folded.clone()];
    let mut push = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    match sdk {
        Sdk::Python => {
            if let Some(rest) = folded.strip_prefix("modify") {
                push(format!("update{rest}"));
            }
            // stripe-python before 2.0 listed with `all` (`stripe.Charge.all()`).
            if family == Family::Class && folded == "all" {
                push("list".to_owned());
            }
        }
        Sdk::Php => {
            if let Some(rest) = folded.strip_prefix("all") {
                push(format!("list{rest}"));
            }
            if family == Family::ServiceFlat && folded == "delete" {
                push("del".to_owned());
            }
        }
        Sdk::Dotnet => {
            // Every list and search has an `…AutoPaging` twin
            // (`ListAutoPaging`, `ListLineItemsAutoPaging`, `SearchAutoPaging`).
            let base = folded
                .strip_suffix("autopaging")
                .filter(|s| !s.is_empty())
                .unwrap_or(&folded)
                .to_owned();
            push(base.clone());
            for (from, to) in [("getself", "retrievecurrent"), ("get", "retrieve")] {
                if let Some(rest) = base.strip_prefix(from) {
                    push(format!("{to}{rest}"));
                    break;
                }
            }
        }
        // Legacy packages and `client.API`: `account.GetByID(id, p)` reads another account
        // (`account.Get()` without an id reads the platform's own).
        Sdk::Go if family != Family::GoClient => {
            for (from, to) in [
                ("new", "create"),
                ("get", "retrieve"),
                ("getbyid", "retrieve"),
                ("del", "delete"),
            ] {
                if folded == from {
                    push(to.to_owned());
                }
            }
        }
        // stripe-ruby before 5.0 named every class-level list `all` (`Stripe::Plan.all`), and
        // so did early stripe-java (`Charge.all(params)`).
        Sdk::Ruby | Sdk::Java if family == Family::Class && folded == "all" => {
            push("list".to_owned())
        }
        Sdk::Node if (family == Family::Instance || family == Family::Class) && folded == "del" => {
            push("delete".to_owned());
        }
        _ => {}
    }
    if family == Family::Instance {
        if folded == "update" {
            push("save".to_owned());
        } else if folded == "save" {
            push("update".to_owned());
        }
    }
    out
}

/// The path segment of a legacy endpoint that an SDK spelled with a verb of its own rather
/// than after the segment: stripe-go's `GetNext` is `GET /v1/invoices/upcoming`.
pub fn legacy_path_segment(sdk: Sdk, method: &str) -> Option<&'static str> {
    match (sdk, method) {
        (Sdk::Go, "GetNext") => Some("upcoming"),
        _ => None,
    }
}

/// A nested method named after a sub-resource's path segment: the way stripe-php spells
/// nested operations (`$stripe->invoices->allLines($id)`, `->updateLine($id, $lineId)`) where
/// Node names the child class (`listLineItems`, `updateLineItem`), and the way every older SDK
/// spelled nested endpoints that have since left the API (`createUsageRecord`,
/// `list_usage_record_summaries`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildMethod {
    /// The HTTP method of the operation.
    pub http: &'static str,
    /// The path segment of the child collection, snake_case plural (`lines`).
    pub segment: String,
    /// Whether the operation is on one child (`/lines/{id}`) or on the collection.
    pub item: bool,
}

/// Reads a nested method, camelCase or snake_case (`allLines`, `createBalanceTransaction`,
/// `delete_tax_id`, `list_usage_record_summaries`), as verb + child path segment. A list names
/// its segment as written; the other verbs name one child.
pub fn child_method(method: &str) -> Option<ChildMethod> {
    let verbs: [(&str, &'static str, bool); 6] = [
        ("all", "GET", false),
        ("list", "GET", false),
        ("create", "POST", false),
        ("retrieve", "GET", true),
        ("update", "POST", true),
        ("delete", "DELETE", true),
    ];
    let snake = snake_case(method);
    let (rest, http, item) = verbs.iter().find_map(|(verb, http, item)| {
        let rest = snake.strip_prefix(verb)?.strip_prefix('_')?;
        (!rest.is_empty()).then_some((rest, *http, *item))
    })?;
    let segment = if http == "GET" && !item {
        rest.to_owned()
    } else {
        plural(rest)
    };
    Some(ChildMethod {
        http,
        segment,
        item,
    })
}

/// A PHP nested service method (`allLines`, `createBalanceTransaction`, `updateLine`,
/// `deleteTaxId`): stripe-php lists with `all`, never `list`.
pub fn php_child_method(method: &str) -> Option<ChildMethod> {
    if method.starts_with("list") {
        return None;
    }
    child_method(method)
}

/// `BalanceTransaction` → `balance_transaction`.
pub(crate) fn snake_case(identifier: &str) -> String {
    let mut out = String::with_capacity(identifier.len() + 4);
    for (i, c) in identifier.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The English plural of a snake_case path segment (`line` → `lines`, `capability` →
/// `capabilities`).
pub fn plural(word: &str) -> String {
    if let Some(stem) = word.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'o', 'u'])
    {
        return format!("{stem}ies");
    }
    if word.ends_with('s') || word.ends_with('x') || word.ends_with("ch") || word.ends_with("sh") {
        return format!("{word}es");
    }
    format!("{word}s")
}

/// Methods that send no request: webhook verification, local object construction, paging
/// helpers on a list already fetched. Calls to these are never reported.
pub fn sends_no_request(receiver_last: &str, method: &str) -> bool {
    let receiver = fold(receiver_last);
    let method = fold(method);
    matches!(
        receiver.as_str(),
        "webhook" | "webhooks" | "webhooksignature" | "eventutility" | "util" | "error" | "errors"
    ) || matches!(
        method.as_str(),
        "constructevent"
            | "constructeventasync"
            | "constructfrom"
            | "parseeventnotification"
            | "parsethinevent"
            | "parsesnapshotevent"
            | "parseevent"
            | "deserialize"
            | "generatetestheaderstring"
            | "generatetestheaderstringasync"
            | "verifyheader"
            | "autopagingiter"
            | "autopagingiterasync"
            | "autopagingeach"
            | "autopagingtoarray"
            | "autopagingiterable"
            | "autopagingiterator"
            | "searchautopagingiter"
            | "searchautopagingiterasync"
            | "tojson"
            | "todict"
            | "torecursivedict"
    )
}

/// What a variable's or method's name alone says about a Stripe client, when nothing in the
/// file binds it: `Stripe` for `stripe`, `$stripeClient`, `@stripe_api`, `self._stripe`
/// (any service chain on it is a candidate); `Client` for `client`, `apiClient` (a candidate
/// only where the file also shows the SDK's client, e.g. a `v1` chain). Calls through either
/// are reported only when they match an operation, with confidence `likely`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientNameHint {
    Stripe,
    Client,
}

/// The hint a name gives (`stripeClient` → `Stripe`, `apiClient` → `Client`, `stripeCustomer`
/// → none).
pub fn client_name_hint(name: &str) -> Option<ClientNameHint> {
    let folded: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect();
    if folded.ends_with("stripe")
        || folded.ends_with("stripeclient")
        || folded.ends_with("stripeapi")
    {
        Some(ClientNameHint::Stripe)
    } else if folded.ends_with("client") {
        Some(ClientNameHint::Client)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_names_hint_at_stripe_only_when_they_end_like_a_client() {
        for name in [
            "stripe",
            "$stripe",
            "@stripe_client",
            "self._stripe",
            "stripeApi",
            "liveStripe",
        ] {
            assert_eq!(
                client_name_hint(name),
                Some(ClientNameHint::Stripe),
                "{name}"
            );
        }
        assert_eq!(client_name_hint("apiClient"), Some(ClientNameHint::Client));
        for name in ["stripe_customer", "stripeEvent", "db", "customers"] {
            assert_eq!(client_name_hint(name), None, "{name}");
        }
    }

    #[test]
    fn folding_makes_casings_equal() {
        assert_eq!(fold("list_line_items"), fold("listLineItems"));
        assert_eq!(fold("ListLineItems"), "listlineitems");
        assert_eq!(fold("V1TaxIDs"), fold("v1_tax_ids"));
        assert_eq!(fold("Über-Straße_ΣΑ"), "überstraßeσα");
    }

    #[test]
    fn service_key_defaults_to_v1() {
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(service_key(&owned(&["customers"])), "v1.customers");
        assert_eq!(
            service_key(&owned(&["v1", "billingPortal", "sessions"])),
            "v1.billingportal.sessions"
        );
        assert_eq!(
            service_key(&owned(&["v2", "core", "events"])),
            "v2.core.events"
        );
    }

    #[test]
    fn node_service_aliases() {
        let key = |v: &[&str]| service_key(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            service_alias(Sdk::Node, &key(&["account"])),
            Some("v1.accounts")
        );
        assert_eq!(
            service_alias(Sdk::Node, &key(&["balances"])),
            Some("v1.balance")
        );
        assert_eq!(service_alias(Sdk::Node, &key(&["accounts"])), None);
        assert_eq!(
            service_alias(Sdk::Node, &key(&["v2", "core", "account"])),
            None
        );
        assert_eq!(service_alias(Sdk::Php, &key(&["account"])), None);
    }

    #[test]
    fn verb_renames_per_sdk() {
        assert_eq!(
            method_candidates(Sdk::Python, Family::Class, "modify"),
            ["modify", "update"]
        );
        assert_eq!(
            method_candidates(Sdk::Python, Family::Class, "modify_source"),
            ["modifysource", "updatesource"]
        );
        assert_eq!(
            method_candidates(Sdk::Python, Family::Class, "create_async"),
            ["create"]
        );
        assert_eq!(
            method_candidates(Sdk::Php, Family::ServiceFlat, "allLineItems"),
            ["alllineitems", "listlineitems"]
        );
        assert_eq!(
            method_candidates(Sdk::Php, Family::ServiceFlat, "delete"),
            ["delete", "del"]
        );
        assert_eq!(
            method_candidates(Sdk::Dotnet, Family::ServiceNested, "GetAsync"),
            ["get", "retrieve"]
        );
        assert_eq!(
            method_candidates(Sdk::Dotnet, Family::ServiceNested, "ListAutoPagingAsync"),
            ["listautopaging", "list"]
        );
        assert_eq!(
            method_candidates(
                Sdk::Dotnet,
                Family::ServiceNested,
                "ListPaymentMethodsAutoPagingAsync"
            ),
            ["listpaymentmethodsautopaging", "listpaymentmethods"]
        );
        assert_eq!(
            method_candidates(Sdk::Dotnet, Family::Class, "GetSelfAsync"),
            ["getself", "retrievecurrent"]
        );
        assert_eq!(
            method_candidates(Sdk::Go, Family::Class, "Del"),
            ["del", "delete"]
        );
        assert_eq!(
            method_candidates(Sdk::Go, Family::Class, "GetByID"),
            ["getbyid", "retrieve"]
        );
        assert_eq!(
            method_candidates(Sdk::Go, Family::GoClient, "Delete"),
            ["delete"]
        );
        assert_eq!(
            method_candidates(Sdk::Ruby, Family::Instance, "save"),
            ["save", "update"]
        );
        assert_eq!(
            method_candidates(Sdk::Ruby, Family::Class, "all"),
            ["all", "list"]
        );
        assert_eq!(
            method_candidates(Sdk::Java, Family::Class, "all"),
            ["all", "list"]
        );
        assert_eq!(
            method_candidates(Sdk::Java, Family::ServiceNested, "all"),
            ["all"]
        );
    }

    #[test]
    fn php_nested_methods_name_the_path_segment() {
        let child = |http: &'static str, segment: &str, item: bool| ChildMethod {
            http,
            segment: segment.to_owned(),
            item,
        };
        assert_eq!(
            php_child_method("allLines"),
            Some(child("GET", "lines", false))
        );
        assert_eq!(
            php_child_method("updateLine"),
            Some(child("POST", "lines", true))
        );
        assert_eq!(
            php_child_method("createBalanceTransaction"),
            Some(child("POST", "balance_transactions", false))
        );
        assert_eq!(
            php_child_method("retrieveCapability"),
            Some(child("GET", "capabilities", true))
        );
        assert_eq!(
            php_child_method("deleteTaxId"),
            Some(child("DELETE", "tax_ids", true))
        );
        assert_eq!(php_child_method("all"), None);
        assert_eq!(php_child_method("allocate"), None);
        assert_eq!(php_child_method("previewLines"), None);
        assert_eq!(php_child_method("listLineItems"), None);
    }

    #[test]
    fn nested_methods_of_older_sdks_name_the_path_segment() {
        let child = |http: &'static str, segment: &str, item: bool| ChildMethod {
            http,
            segment: segment.to_owned(),
            item,
        };
        assert_eq!(
            child_method("createUsageRecord"),
            Some(child("POST", "usage_records", false))
        );
        assert_eq!(
            child_method("list_usage_record_summaries"),
            Some(child("GET", "usage_record_summaries", false))
        );
        assert_eq!(
            child_method("delete_card"),
            Some(child("DELETE", "cards", true))
        );
        assert_eq!(child_method("list"), None);
        assert_eq!(child_method("listen"), None);
    }

    #[test]
    fn dotnet_service_classes_follow_the_service_path() {
        assert_eq!(
            dotnet_service_class("v1.customers.balancetransactions", "").as_deref(),
            Some("customerbalancetransaction")
        );
        assert_eq!(
            dotnet_service_class("v1.checkout.sessions.lineitems", "checkout").as_deref(),
            Some("checkout.sessionlineitem")
        );
        assert_eq!(
            dotnet_service_class("v1.accounts.capabilities", "").as_deref(),
            Some("accountcapability")
        );
        assert_eq!(
            dotnet_service_class("v2.core.accounts", "v2.core").as_deref(),
            Some("v2.core.account")
        );
        assert_eq!(
            dotnet_service_class("v1.testhelpers.issuing.cards", "test_helpers.issuing").as_deref(),
            Some("testhelpers.issuing.card")
        );
        assert_eq!(dotnet_service_class("v1.checkout", "checkout"), None);
        assert_eq!(
            dotnet_class_variants("tax.settings"),
            ["tax.settings", "tax.setting"]
        );
        assert_eq!(dotnet_class_variants("balance"), ["balance"]);
    }

    #[test]
    fn data_receivers_split_into_folded_segments() {
        assert_eq!(
            spelling_receiver(
                Family::ServiceNested,
                "client.v1.customers.balance_transactions"
            ),
            ["v1", "customers", "balancetransactions"]
        );
        assert_eq!(
            spelling_receiver(Family::Class, "Stripe::Checkout::Session."),
            ["checkout", "session"]
        );
        assert_eq!(
            spelling_receiver(Family::Instance, "Stripe::Billing::Alert#"),
            ["billing", "alert"]
        );
        assert_eq!(
            spelling_receiver(Family::GoClient, "sc.V1TaxIDs"),
            ["v1taxids"]
        );
    }
}
