//! Turns the two async-stripe call shapes into IR.
//!
//! - 0.x associated functions: `Customer::retrieve(&client, &id, &["expand"])` →
//!   [`CallStyle::Class`] with the type split into namespace and class.
//! - Request values sent to a client: `CreateCustomer::new().send(&client)` (1.x, and 0.x's
//!   `CreatePromotionCode`) → [`CallStyle::RequestType`] named by the type.

use crate::literals::string_list;
use crate::scope::Scope;
use crate::sdk;
use crate::trace::{self, Traced};
use proc_macro2::Span as TokenSpan;
use rakscan_core::ir::UnresolvedCall;
use rakscan_core::{CallStyle, Sdk, SdkCall, Span};
use syn::spanned::Spanned;
use syn::{Expr, ExprCall, ExprMethodCall};

/// Byte range of a syntax node.
pub fn span_of(node: &impl Spanned) -> Span {
    byte_span(node.span())
}

/// Byte range of a token span.
pub fn byte_span(span: TokenSpan) -> Span {
    let range = span.byte_range();
    Span::new(range.start, range.end)
}

/// A 0.x request: `Type::function(client, …)` with `Type` from the client crate.
pub fn associated_function(call: &ExprCall, scope: &Scope) -> Option<SdkCall> {
    let Expr::Path(func) = &*call.func else {
        return None;
    };
    let resolved = scope.resolve(
        &trace::segments(&func.path),
        func.path.leading_colon.is_some(),
    )?;
    if !resolved.in_client_crate() {
        return None;
    }
    let [_, .., type_name, function] = resolved.path.as_slice() else {
        return None;
    };
    if !sdk::may_be_request(type_name, function) {
        return None;
    }
    let client = call.args.first();
    let has_client = client.is_some_and(|c| trace::looks_like_client(c, scope));
    if !has_client && !sdk::is_known_function(type_name, function) {
        return None;
    }
    let mut expand = Vec::new();
    if function == "retrieve"
        && let Some(arg) = call.args.get(2)
    {
        expand.extend(string_list(arg));
    }
    for arg in call.args.iter().skip(1) {
        if let Some(t) = trace::trace(arg, scope)
            && let Traced::Value(v) = t.traced
        {
            expand.extend(v.expand);
        }
    }
    let (style, receiver, method) = match sdk::legacy_endpoint(type_name, function) {
        Some((verb, path)) => (
            CallStyle::Raw {
                verb: verb.to_owned(),
                path: path.to_owned(),
            },
            Vec::new(),
            function.clone(),
        ),
        None => {
            let (spec_type, spec_method) = sdk::spec_function(type_name, function);
            (
                CallStyle::Class,
                sdk::class_receiver(spec_type),
                spec_method.to_owned(),
            )
        }
    };
    Some(SdkCall {
        span: span_of(call),
        sdk: Sdk::Rust,
        style,
        receiver,
        method,
        display: trace::path_text(&func.path),
        expand,
        connect: client.is_some_and(|c| trace::client_connect(c, scope)),
        positional_args: call.args.len().saturating_sub(1),
        certainty: resolved.certainty,
    })
}

/// What a method call turned out to be.
pub enum Found {
    Call(SdkCall),
    /// async-stripe's, but not decidable (a raw request to a computed path).
    Unresolved(UnresolvedCall),
}

/// A request sent by a method call: a request value sent to a client (`….send(&client)`,
/// `.send_blocking(&client)`, `.paginate()`), or a 0.x client's raw request
/// (`client.get_query("/customers", params)`).
pub fn method_call(call: &ExprMethodCall, scope: &Scope) -> Option<Found> {
    let method = call.method.to_string();
    if let Some((_, verb)) = sdk::CLIENT_REQUEST_METHODS
        .iter()
        .find(|(name, _)| *name == method)
    {
        return client_request(call, verb, scope);
    }
    if !sdk::SEND_METHODS.contains(&method.as_str()) {
        return None;
    }
    let traced = trace::trace(&call.receiver, scope)?;
    let Traced::Value(value) = traced.traced else {
        return None;
    };
    let (type_name, module) = value.type_path.split_last()?;
    if sdk::is_client_type(type_name) {
        return None;
    }
    let display = format!("{}.{method}()", traced.display);
    let connect = value.connect
        || call
            .args
            .first()
            .is_some_and(|c| trace::client_connect(c, scope));
    let style = match value.raw {
        Some((verb, path)) if !verb.is_empty() && !path.is_empty() => CallStyle::Raw {
            verb,
            path: sdk::api_path(&path),
        },
        Some(_) => {
            return Some(Found::Unresolved(UnresolvedCall {
                span: span_of(call),
                display,
                reason: "raw request whose HTTP method or path is not a literal".to_owned(),
            }));
        }
        None => CallStyle::RequestType,
    };
    Some(Found::Call(SdkCall {
        span: span_of(call),
        sdk: Sdk::Rust,
        style,
        receiver: module.to_vec(),
        method: type_name.clone(),
        display,
        expand: value.expand,
        connect,
        positional_args: 0,
        certainty: value.certainty,
    }))
}

/// `client.post_form("/customers", params)` on an async-stripe 0.x client.
fn client_request(call: &ExprMethodCall, verb: &str, scope: &Scope) -> Option<Found> {
    let traced = trace::trace(&call.receiver, scope)?;
    let Traced::Client { connect } = traced.traced else {
        return None;
    };
    let display = format!("{}.{}()", traced.display, call.method);
    let Some(path) = call.args.first().and_then(trace::string_literal) else {
        return Some(Found::Unresolved(UnresolvedCall {
            span: span_of(call),
            display,
            reason: "raw request whose path is not a literal".to_owned(),
        }));
    };
    Some(Found::Call(SdkCall {
        span: span_of(call),
        sdk: Sdk::Rust,
        style: CallStyle::Raw {
            verb: verb.to_owned(),
            path: sdk::api_path(&path),
        },
        receiver: Vec::new(),
        method: call.method.to_string(),
        display,
        expand: Vec::new(),
        connect,
        positional_args: call.args.len(),
        certainty: rakscan_core::Certainty::Certain,
    }))
}
