//! The language-neutral intermediate representation that every extractor produces.
//!
//! An extractor knows how its language spells a Stripe client and a call; it does not know
//! operations or permissions. It reports each candidate call as an [`SdkCall`] and each call it
//! recognised as Stripe's but could not decide statically as an [`UnresolvedCall`].

use serde::Serialize;

/// Which official (or community) Stripe SDK a call is written against. The core keeps every
/// SDK's naming rules (casing, verb renames such as PHP's `all` or .NET's `Get`) in one place,
/// [`crate::naming`], keyed by this value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sdk {
    Python,
    Node,
    Ruby,
    Go,
    Java,
    Php,
    Dotnet,
    Rust,
}

/// A byte range in the scanned file. Lines and columns are computed when rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// The API version family a service-style call goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ApiVersion {
    V1,
    V2,
}

impl ApiVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1",
            ApiVersion::V2 => "v2",
        }
    }
}

/// How sure the extractor is that the receiver is a Stripe SDK object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    /// The receiver is bound to the SDK through an import, a constructor or a factory the
    /// extractor followed. An unknown method on such a receiver is reported as unresolved.
    Certain,
    /// The receiver is only named like a Stripe client (`self.stripe` with no visible
    /// assignment). Reported only when the call matches a known operation; otherwise dropped.
    Likely,
}

/// The shape of a call site.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum CallStyle {
    /// Client/service style: `receiver` is the service path below the client, as written
    /// (`["v1", "checkout", "sessions"]`, `["customers"]`, `["V1Customers"]` for Go).
    /// A leading `v1`/`v2` segment selects the API version; none means v1.
    Service,
    /// Resource-class style: `receiver` is the class path below the SDK's root
    /// (`["checkout", "Session"]`, `["Issuing", "Card", "TestHelpers"]`, Go legacy package path
    /// `["billingportal", "session"]`).
    Class,
    /// A method on an object that another Stripe call in the same file returned.
    /// `origin` is the index of that call in [`Extraction::calls`]; `receiver` may name the class
    /// when the extractor knows it from a declaration instead (then `origin` is `None`).
    /// The origin usually comes first, but may come later in the file (a helper method defined
    /// below the code that calls it).
    Instance { origin: Option<usize> },
    /// A method on one element of the list another Stripe call returned (a block parameter of
    /// `list(…).auto_paging_each`, `for pm in customer.list_payment_methods(…)`): `origin` is
    /// the index of the list call. The element's class is the resource the list operation
    /// returns (`GET /v1/customers/{customer}/payment_methods` lists `PaymentMethod`s).
    Element { origin: usize },
    /// A request builder type (async-stripe 1.x `CreateCustomer`): `method` holds the type name.
    RequestType,
    /// A raw request with a literal HTTP method and path (`rawRequest('POST', '/v1/customers')`).
    Raw { verb: String, path: String },
}

/// One candidate Stripe SDK call found in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SdkCall {
    /// Where the whole call expression is.
    pub span: Span,
    pub sdk: Sdk,
    pub style: CallStyle,
    /// Receiver path segments (see [`CallStyle`]).
    pub receiver: Vec<String>,
    /// The method name as written (`create`, `modify`, `createBalanceTransaction`, `all`).
    pub method: String,
    /// The call as the user would write it, normalised (`stripe.Customer.create`).
    pub display: String,
    /// Literal `expand` paths given to the call.
    pub expand: Vec<String>,
    /// The call carries a connected-account option (`stripe_account`, `stripeAccount`).
    pub connect: bool,
    /// How many positional arguments the call has (decides `/v1/account` vs `/v1/accounts/{id}`).
    pub positional_args: usize,
    pub certainty: Certainty,
}

/// Why an OAuth request (`token`, `deauthorize`) is reported unresolved in every SDK: it goes
/// to connect.stripe.com, outside the API operations the rules describe.
pub const OAUTH_REASON: &str = "OAuth request to connect.stripe.com: not part of the API operations, no restricted-key permission maps to it";

/// Whether an SDK's OAuth helper method sends a request (`token`, `deauthorize`); building the
/// authorization URL (`authorize_url`, `authorizeUrl`) does not.
pub fn is_oauth_request(method: &str) -> bool {
    matches!(method, "token" | "deauthorize")
}

/// A call the extractor recognised as Stripe's but cannot decide statically
/// (`getattr(stripe, name)`, a dynamic method name, a macro body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnresolvedCall {
    pub span: Span,
    pub display: String,
    pub reason: String,
}

/// Everything an extractor found in one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Extraction {
    pub calls: Vec<SdkCall>,
    pub unresolved: Vec<UnresolvedCall>,
    /// Non-fatal problems (for example a syntax error the parser recovered from).
    pub warnings: Vec<String>,
}

impl Extraction {
    /// The one call found, for tests and tools that expect exactly one; panics listing the
    /// calls found otherwise.
    pub fn into_only_call(self) -> SdkCall {
        assert_eq!(self.calls.len(), 1, "{:#?}", self.calls);
        self.calls.into_iter().next().expect("one call")
    }
}
