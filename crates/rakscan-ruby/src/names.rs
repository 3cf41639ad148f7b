//! Fixed name lists: Ruby SDK classes that send no request, Ruby reflection and test-double
//! methods, and the variable names that only suggest a Stripe client.

/// Classes below `Stripe` that are helpers, not API resources. Calls on them are not requests
/// (webhook signature checks, object construction, configuration, errors).
pub fn is_helper_class(path: &[String]) -> bool {
    let Some(first) = path.first() else {
        return true;
    };
    matches!(
        first.as_str(),
        "Webhook"
            | "Util"
            | "StripeObject"
            | "ListObject"
            | "SearchResultObject"
            | "StripeConfiguration"
            | "Instrumentation"
            | "APIRequestor"
            | "StripeResponse"
            | "ErrorObject"
            | "OAuth"
            | "ConnectionManager"
            | "StripeClient"
            | "RequestParams"
            | "StripeContext"
            | "ThinEvent"
            | "EventNotification"
    ) || path.iter().any(|s| s.ends_with("Error"))
}

/// Methods every Ruby class answers that are not Stripe requests: reflection, and the stubbing
/// methods of test-double libraries (`Stripe::Customer.stubs(:create)`).
pub fn is_non_request_method(method: &str) -> bool {
    method.ends_with('?')
        || method.ends_with('=')
        || !method
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        || matches!(
            method,
            "new"
                | "method"
                | "instance_method"
                | "name"
                | "to_s"
                | "inspect"
                | "class"
                | "ancestors"
                | "tap"
                | "then"
                | "instance_variable_get"
                | "instance_variable_set"
                | "object_name"
                | "resource_url"
                | "class_name"
                | "stub"
                | "stubs"
                | "expects"
                | "unstub"
                | "any_instance"
                | "should_receive"
                | "should_not_receive"
                | "stub_chain"
                | "define_method"
                | "alias_method"
                | "class_eval"
                | "instance_eval"
                | "singleton_class"
                | "prepend"
                | "include"
                | "extend"
                | "freeze"
                | "dup"
                | "clone"
                | "hash"
                | "equal"
                | "eql"
        )
}

/// Methods of the `send` family, whose first argument names the method really called.
pub fn is_send(method: &str) -> bool {
    matches!(method, "send" | "public_send" | "__send__")
}

/// Class methods and service methods that take no id before their params hash.
pub fn takes_no_id(method: &str) -> bool {
    matches!(
        method,
        "create"
            | "list"
            | "all"
            | "search"
            | "create_preview"
            | "upcoming"
            | "upcoming_lines"
            | "preview"
            | "preview_lines"
            | "list_preview_line_items"
            | "retrieve_current"
    )
}

/// Service methods that end a `client.v1.…` chain even when called without arguments
/// (`client.v1.customers.list.auto_paging_each`).
pub fn is_service_verb(method: &str) -> bool {
    matches!(
        method,
        "list" | "retrieve" | "retrieve_current" | "search" | "create" | "all"
    )
}

pub use rakscan_core::naming::{ClientNameHint, client_name_hint};
