//! The Dashboard link that pre-fills Stripe's "create restricted key" form.

/// The form's address.
pub const CREATE_KEY_URL: &str = "https://dashboard.stripe.com/apikeys/create";

/// The link that opens the form with `name` and exactly `permissions` ticked
/// (`?name=…&permissions%5B%5D=rak_customer_write&…`). The query is percent-encoded:
/// `[]` becomes `%5B%5D`, which the Dashboard decodes like the bare brackets.
pub fn dashboard_url<'a>(name: &str, permissions: impl IntoIterator<Item = &'a str>) -> String {
    let mut url = format!("{CREATE_KEY_URL}?name={}", encode(name));
    for permission in permissions {
        url.push_str("&permissions%5B%5D=rak_");
        url.push_str(&encode(permission));
    }
    url
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_lists_each_permission_with_the_rak_prefix() {
        assert_eq!(
            dashboard_url("billing", ["customer_write", "plan_read"]),
            "https://dashboard.stripe.com/apikeys/create?name=billing\
             &permissions%5B%5D=rak_customer_write&permissions%5B%5D=rak_plan_read"
        );
    }

    #[test]
    fn name_is_percent_encoded() {
        assert_eq!(
            dashboard_url("billing service/été&co", []),
            "https://dashboard.stripe.com/apikeys/create?name=billing%20service%2F%C3%A9t%C3%A9%26co"
        );
    }
}
