//! How a key is used on its line: passed straight to a Stripe SDK constructor, assigned as
//! the SDK's global key, or given as a per-request `api_key` option.

use crate::finding::SecretType;
use serde::Serialize;

/// The kind of SDK use a key appears in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SdkUse {
    /// An argument of a client constructor (`new Stripe(`, `StripeClient(`, `Client::new(`).
    Constructor,
    /// Assigned as the SDK-wide key (`stripe.api_key =`, `Stripe.apiKey =`, `setApiKey(`).
    GlobalKey,
    /// A per-request option (`api_key=` keyword, `'api_key' =>`, `apiKey:`).
    RequestOption,
}

/// A key passed straight to the Stripe SDK, and the text on its line that shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct SdkContext {
    /// How the key is used.
    #[serde(rename = "use")]
    pub sdk_use: SdkUse,
    /// The marker found before the key, as listed (whitespace in the source is ignored).
    pub marker: &'static str,
}

impl SdkContext {
    /// A sentence for humans: "passed to a Stripe SDK constructor (`new Stripe(`)".
    pub fn describe(&self) -> String {
        let what = match self.sdk_use {
            SdkUse::Constructor => "passed to a Stripe SDK constructor",
            SdkUse::GlobalKey => "set as the Stripe SDK's global API key",
            SdkUse::RequestOption => "passed as a per-request API key",
        };
        format!("{what} (`{}`)", self.marker)
    }
}

/// Markers that show a key is handed to the SDK, most specific first. Whitespace around
/// punctuation in the source is skipped while matching; a marker starting with a letter
/// must not follow a letter, digit or `_` (so `loadStripe(` is not `Stripe(`).
const MARKERS: &[(&str, SdkUse)] = &[
    ("StripeConfiguration.ApiKey=", SdkUse::GlobalKey),
    ("StripeConfiguration.SetApiKey(", SdkUse::GlobalKey),
    ("stripe.api_key=", SdkUse::GlobalKey),
    ("Stripe.api_key=", SdkUse::GlobalKey),
    ("Stripe.apiKey=", SdkUse::GlobalKey),
    ("stripe.Key=", SdkUse::GlobalKey),
    ("setApiKey(", SdkUse::GlobalKey),
    ("require('stripe')(", SdkUse::Constructor),
    ("require(\"stripe\")(", SdkUse::Constructor),
    ("StripeClient.new(", SdkUse::Constructor),
    ("StripeClient(", SdkUse::Constructor),
    ("stripe.NewClient(", SdkUse::Constructor),
    ("client.New(", SdkUse::Constructor),
    ("Client::new(", SdkUse::Constructor),
    ("Stripe(", SdkUse::Constructor),
    ("stripe(", SdkUse::Constructor),
    ("'api_key'=>", SdkUse::RequestOption),
    ("\"api_key\"=>", SdkUse::RequestOption),
    ("api_key=", SdkUse::RequestOption),
    ("apiKey:", SdkUse::RequestOption),
];

/// How many bytes before the key are searched for a marker.
const WINDOW: usize = 240;

/// The SDK context of a key, judged from the text between the start of its line and the key.
pub fn detect(before_key: &[u8]) -> Option<SdkContext> {
    let start = before_key.len().saturating_sub(WINDOW);
    let hay = &before_key[start..];
    MARKERS
        .iter()
        .find(|(marker, _)| contains_loosely(hay, marker.as_bytes()))
        .map(|&(marker, sdk_use)| SdkContext { sdk_use, marker })
}

/// What to do about a key passed straight to the SDK.
pub fn hint(secret_type: SecretType) -> &'static str {
    if secret_type.is_restricted() {
        "Load the key from the environment or a secrets manager instead of the source, \
         and keep its permissions to what this code calls."
    } else {
        "Load the key from the environment or a secrets manager instead of the source; \
         prefer a restricted key (rk_) with only the permissions this code needs."
    }
}

/// Whether `marker` occurs in `hay`, allowing ASCII whitespace wherever the marker has
/// punctuation on either side of a position, and requiring a word boundary before a marker
/// that starts with a word character.
fn contains_loosely(hay: &[u8], marker: &[u8]) -> bool {
    (0..hay.len()).any(|start| {
        let boundary_ok = !is_word(marker[0]) || start == 0 || !is_word(hay[start - 1]);
        boundary_ok && matches_at(hay, start, marker)
    })
}

/// Whether `marker` matches `hay` from `start` (see [`contains_loosely`]).
fn matches_at(hay: &[u8], start: usize, marker: &[u8]) -> bool {
    let mut i = start;
    for (k, &m) in marker.iter().enumerate() {
        if k > 0 && (!is_word(m) || !is_word(marker[k - 1])) {
            while i < hay.len() && hay[i].is_ascii_whitespace() {
                i += 1;
            }
        }
        if i >= hay.len() || hay[i] != m {
            return false;
        }
        i += 1;
    }
    true
}

/// Letters, digits and `_`.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker_of(line: &str) -> Option<&'static str> {
        detect(line.as_bytes()).map(|c| c.marker)
    }

    #[test]
    fn sdk_uses_are_recognised() {
        let cases: &[(&str, &str)] = &[
            ("const stripe = new Stripe(\"", "Stripe("),
            ("const stripe = require('stripe')('", "require('stripe')("),
            ("client = stripe.StripeClient(\"", "StripeClient("),
            ("stripe.api_key = \"", "stripe.api_key="),
            ("Stripe.api_key = '", "Stripe.api_key="),
            ("Stripe.apiKey = \"", "Stripe.apiKey="),
            ("\\Stripe\\Stripe::setApiKey('", "setApiKey("),
            (
                "StripeConfiguration.ApiKey = \"",
                "StripeConfiguration.ApiKey=",
            ),
            ("stripe.Customer.create(email=e, api_key=\"", "api_key="),
            (
                "$stripe->charges->retrieve('ch_1', [], ['api_key' => '",
                "'api_key'=>",
            ),
            ("let client = Client::new(\"", "Client::new("),
            ("stripe.Key = \"", "stripe.Key="),
            ("sc := client.New(\"", "client.New("),
            ("client = Stripe::StripeClient.new('", "StripeClient.new("),
            ("const s = stripe('", "stripe("),
        ];
        for (line, marker) in cases {
            assert_eq!(marker_of(line), Some(*marker), "{line}");
        }
    }

    #[test]
    fn look_alikes_are_not_sdk_uses() {
        for line in [
            "const stripe = loadStripe('",
            "init_stripe('",
            "STRIPE_SECRET_KEY=",
            "my_api_key_value = '",
            "const key = '",
        ] {
            assert_eq!(marker_of(line), None, "{line}");
        }
    }
}
