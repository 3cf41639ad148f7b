//! Finds the calls on Stripe services in a file whose bindings are known.

use crate::args::read_args;
use crate::model::Model;
use crate::syntax::{
    display, named_children, property_name, string_value, template_value, unwrap_value,
};
use crate::value::Value;
use rakscan_core::ir::{OAUTH_REASON, UnresolvedCall, is_oauth_request};
use rakscan_core::{CallStyle, Certainty, Extraction, Sdk, SdkCall, Span};
use rakscan_syntax::{FieldLookup, KindName};
use tree_sitter::Node;

/// Reports the calls of the file (as the model collected them) that are on Stripe services.
pub(crate) fn extract_calls<'t>(source: &'t str, model: &Model<'t>) -> Extraction {
    let mut out = Extraction::default();
    for &call in model.calls() {
        visit_call(call, source, model, &mut out);
    }
    out.calls.sort_by_key(|c| c.span);
    out.unresolved.sort_by_key(|u| u.span);
    out
}

fn visit_call<'t>(call: Node<'t>, source: &'t str, model: &Model<'t>, out: &mut Extraction) {
    let Some(callee) = call.field("function") else {
        return;
    };
    let callee = unwrap_value(callee);
    let span = Span::new(call.start_byte(), call.end_byte());
    // Written out only for the calls reported.
    let shown = || display(callee, source);
    match callee.kind_name() {
        "member_expression" => {
            let (Some(object), Some(property)) = (callee.field("object"), callee.field("property"))
            else {
                return;
            };
            let Some(method) = property_name(property, source) else {
                return;
            };
            match model.eval(object, 0) {
                Value::Service(path, certainty) => {
                    if path.first().is_some_and(|s| s == "oauth") {
                        oauth_call(&method, certainty, span, shown(), out);
                        return;
                    }
                    let args = call.field("arguments");
                    let facts = read_args(args, model, source);
                    out.calls.push(SdkCall {
                        span,
                        sdk: Sdk::Node,
                        style: CallStyle::Service,
                        receiver: path,
                        method,
                        display: shown(),
                        expand: facts.expand,
                        connect: facts.connect,
                        positional_args: facts.positional,
                        certainty,
                    });
                }
                Value::Client(certainty) if method == "rawRequest" => {
                    raw_call(call, certainty, span, shown(), source, model, out)
                }
                Value::EventNotification(certainty)
                    if matches!(method.as_str(), "fetchEvent" | "fetchRelatedObject") =>
                {
                    out.calls.push(SdkCall {
                        span,
                        sdk: Sdk::Node,
                        style: CallStyle::Instance { origin: None },
                        receiver: vec!["EventNotification".to_owned()],
                        method,
                        display: shown(),
                        expand: Vec::new(),
                        connect: false,
                        positional_args: 0,
                        certainty,
                    });
                }
                Value::Dynamic(Certainty::Certain) => out.unresolved.push(UnresolvedCall {
                    span,
                    display: shown(),
                    reason: "the Stripe service is chosen at run time (computed property)"
                        .to_owned(),
                }),
                _ => {}
            }
        }
        "subscript_expression" => {
            let Some(object) = callee.field("object") else {
                return;
            };
            if let Value::Service(_, Certainty::Certain) | Value::Dynamic(Certainty::Certain) =
                model.eval(object, 0)
            {
                out.unresolved.push(UnresolvedCall {
                    span,
                    display: shown(),
                    reason: "the Stripe method is chosen at run time (computed property)"
                        .to_owned(),
                });
            }
        }
        _ => {}
    }
}

/// `stripe.oauth.token` and `deauthorize` call connect.stripe.com, outside the API the rules
/// describe; `authorizeUrl` only builds a URL.
fn oauth_call(method: &str, certainty: Certainty, span: Span, shown: String, out: &mut Extraction) {
    if certainty == Certainty::Certain && is_oauth_request(method) {
        out.unresolved.push(UnresolvedCall {
            span,
            display: shown,
            reason: OAUTH_REASON.to_owned(),
        });
    }
}

/// `stripe.rawRequest('POST', '/v1/…', params, options)`.
fn raw_call<'t>(
    call: Node<'t>,
    certainty: Certainty,
    span: Span,
    shown: String,
    source: &'t str,
    model: &Model<'t>,
    out: &mut Extraction,
) {
    let args = call.field("arguments");
    let list = args.map(named_children).unwrap_or_default();
    let verb = list
        .first()
        .and_then(|n| string_value(unwrap_value(*n), source));
    let path = list
        .get(1)
        .and_then(|n| template_value(unwrap_value(*n), source));
    match (verb, path) {
        (Some(verb), Some(path)) => {
            let path = path.split(['?', '#']).next().unwrap_or("").to_owned();
            let facts = read_args(args, model, source);
            out.calls.push(SdkCall {
                span,
                sdk: Sdk::Node,
                style: CallStyle::Raw {
                    verb: verb.to_ascii_uppercase(),
                    path,
                },
                receiver: Vec::new(),
                method: "rawRequest".to_owned(),
                display: shown,
                expand: facts.expand,
                connect: facts.connect,
                positional_args: 0,
                certainty,
            });
        }
        _ if certainty == Certainty::Certain => out.unresolved.push(UnresolvedCall {
            span,
            display: shown,
            reason: "raw request whose HTTP method or path is not a literal".to_owned(),
        }),
        _ => {}
    }
}
