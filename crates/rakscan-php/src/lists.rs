//! Fixed name lists: SDK classes that send no request, methods that are not requests, and
//! variable names that only suggest a client.

/// Classes below `Stripe\` that are helpers, not API resources (configuration, webhook
/// signatures, local objects, errors, HTTP plumbing, OAuth on the connect host).
pub fn is_helper_class(path: &[String]) -> bool {
    let Some(first) = path.first() else {
        return true;
    };
    let first = first.to_ascii_lowercase();
    matches!(
        first.as_str(),
        "stripe"
            | "stripeclient"
            | "basestripeclient"
            | "webhook"
            | "webhooksignature"
            | "util"
            | "exception"
            | "error"
            | "httpclient"
            | "stripeobject"
            | "collection"
            | "searchresult"
            | "apirequestor"
            | "apiresource"
            | "apiresponse"
            | "errorobject"
            | "oauth"
            | "oautherrorobject"
            | "requesttelemetry"
            | "service"
            | "apioperations"
            | "v2"
            | "eventdata"
            | "thinevent"
            | "eventnotification"
    ) || path.len() > 1 && first == "events"
}

/// Methods that answer locally on a class or object (reflection, serialisation, test doubles).
pub fn is_non_request_method(method: &str) -> bool {
    let lower = method.to_ascii_lowercase();
    lower.starts_with("__")
        || lower.starts_with("get")
        || lower.starts_with("set")
        || lower.starts_with("is")
        || lower.starts_with("should")
        || lower.starts_with("to")
        || matches!(
            lower.as_str(),
            "classurl"
                | "resourceurl"
                | "instanceurl"
                | "baseurl"
                | "constructfrom"
                | "refreshfrom"
                | "updateattributes"
                | "serializeparameters"
                | "keys"
                | "values"
                | "jsonserialize"
                | "offsetget"
                | "offsetset"
                | "offsetexists"
                | "offsetunset"
                | "count"
                | "expects"
                | "allows"
                | "mock"
                | "spy"
                | "partialmock"
                | "class"
        )
}

pub use rakscan_core::naming::{ClientNameHint, client_name_hint};
