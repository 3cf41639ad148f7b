//! Turns call expressions into IR.
//!
//! Forms (see ../shared/sdk-conventions.md §4):
//! - `sc.V1Customers.Create(ctx, p)` on a `*stripe.Client` → service call, receiver
//!   `["V1Customers"]`;
//! - `customer.New(p)` / `session.New(p)` on an imported resource package → class call,
//!   receiver = the package path (`["checkout", "session"]`);
//! - `sc.Customers.New(p)` on a `*client.API` → class call on the field's package;
//! - `sc.RawRequest("POST", "/v1/…", …)`, `stripe.RawRequest(…)`, `rawrequest.Post("/v1/…", …)`
//!   with literal method and path → raw request.
//!
//! Nothing is emitted for calls on returned objects (`.All(ctx)`, `i.Next()`): stripe-go's
//! resources and iterators have no methods that send a request of their own.

use crate::Known;
use crate::api_fields;
use crate::facts::Scope;
use crate::imports::{Imports, Package};
use crate::kinds::{ClientKind, FileNames, Kinds, Locals};
use crate::params::Options;
use crate::tree::{self, text};
use rakscan_core::ir::{
    CallStyle, Certainty, Extraction, OAUTH_REASON, Sdk, SdkCall, Span, UnresolvedCall,
};
use rakscan_syntax::{FieldLookup, KindName};
use std::cell::Cell;
use tree_sitter::Node;

/// Everything the classification of one call needs.
pub struct Context<'a> {
    pub source: &'a str,
    pub imports: &'a Imports,
    pub file: &'a FileNames,
    /// What the project's other files declare, when known.
    pub project: Known<'a>,
    pub scope: &'a Scope<'a>,
    /// Set when a receiver was not found in the file and would be looked for among
    /// [`Context::project`]'s names: only then can the project change what the file reads as.
    pub asked_project: &'a Cell<bool>,
}

/// Where the kind of a client holder was learnt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    /// From this file: its imports, locals, struct fields and functions.
    File,
    /// Only from a name declared in another file of the project (`s.stripe` typed in the file
    /// that declares the struct).
    Project,
}

/// What a value holds, as far as the file and the project tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Held {
    Client(ClientKind, Evidence),
    /// Not a client: a field declared with another type (`s.conn` of a `conn *s3.Client`), a
    /// field of a name some struct declares with another type read on a holder of unknown
    /// type, or a local bound to such a field (`c := s.conn`).
    Other,
    Unknown,
}

impl Context<'_> {
    fn kinds(&self) -> Kinds<'_> {
        Kinds {
            source: self.source,
            imports: self.imports,
        }
    }

    fn held(&self, node: Node<'_>) -> Held {
        let node = tree::unwrap_expression(node);
        if node.kind_name() == "selector_expression" {
            return self.held_field(node);
        }
        let locals = &self.scope.locals;
        if let Some(kind) = self.kinds().of_value(node, locals, self.file) {
            return Held::Client(kind, Evidence::File);
        }
        if node.kind_name() == "identifier" && locals.others.contains(text(node, self.source)) {
            return Held::Other;
        }
        self.asked_project.set(true);
        self.project
            .names
            .and_then(|p| self.kinds().of_value(node, &Locals::default(), p))
            .map_or(Held::Unknown, |kind| Held::Client(kind, Evidence::Project))
    }

    /// What a field holds: by its holder's struct type, declared in the file or elsewhere in
    /// the project; else by its name, unless some struct of either declares the name with
    /// another type.
    fn held_field(&self, selector: Node<'_>) -> Held {
        let kinds = self.kinds();
        let locals = &self.scope.locals;
        let typed = |names: &FileNames, evidence: Evidence| {
            kinds
                .field_by_type(selector, locals, names)
                .map(|kind| kind.map_or(Held::Other, |k| Held::Client(k, evidence)))
        };
        if let Some(held) = typed(self.file, Evidence::File) {
            return held;
        }
        self.asked_project.set(true);
        let package = self.project.package;
        if let Some(held) = package.and_then(|p| typed(p, Evidence::Project)) {
            return held;
        }
        let Some(field) = selector.field("field").map(|f| text(f, self.source)) else {
            return Held::Unknown;
        };
        if package.is_some_and(|p| p.other_fields.contains(field)) {
            return Held::Other;
        }
        let by_name = |names: &FileNames| names.field_by_name(field);
        match (by_name(self.file), self.project.names.and_then(by_name)) {
            (Some(None), _) | (_, Some(None)) => Held::Other,
            (Some(Some(kind)), _) => Held::Client(kind, Evidence::File),
            (None, Some(Some(kind))) => Held::Client(kind, Evidence::Project),
            (None, None) => Held::Unknown,
        }
    }
}

/// Adds the IR of one call expression, if it is a Stripe call.
pub fn read_call(call: Node<'_>, cx: &Context<'_>, out: &mut Extraction) {
    let Some(function) = call.field("function") else {
        return;
    };
    let function = tree::unwrap_expression(function);
    if function.kind_name() != "selector_expression" {
        return;
    }
    let (Some(method), Some(operand)) = (function.field("field"), function.field("operand")) else {
        return;
    };
    let method = text(method, cx.source);
    let operand = tree::unwrap_expression(operand);
    let site = Site {
        call,
        method,
        function,
        span: Span::new(call.start_byte(), call.end_byte()),
    };

    if operand.kind_name() == "identifier" {
        let name = text(operand, cx.source);
        if !cx.scope.shadows(name, call.start_byte())
            && let Some(package) = cx.imports.get(name)
        {
            package_call(package, &site, cx, out);
            return;
        }
    }
    if matches!(cx.held(operand), Held::Client(ClientKind::Stripe, _)) {
        if method == "RawRequest" {
            raw_call(&site, 0, cx, out);
        }
        return;
    }
    if operand.kind_name() != "selector_expression" {
        return;
    }
    let (Some(field), Some(holder)) = (operand.field("field"), operand.field("operand")) else {
        return;
    };
    let field = text(field, cx.source);
    let held = cx.held(holder);
    if held == Held::Other {
        return;
    }
    if is_versioned_service(field) {
        let certainty = if matches!(held, Held::Client(ClientKind::Stripe, _)) || cx.imports.any() {
            Certainty::Certain
        } else {
            Certainty::Likely
        };
        push(
            &site,
            CallStyle::Service,
            vec![field.to_owned()],
            certainty,
            cx,
            out,
        );
        return;
    }
    let package = api_fields::package_of_field(field);
    let certainty = match held {
        Held::Client(ClientKind::Api, Evidence::File) => Certainty::Certain,
        // A field name learnt from another file could name another SDK's client here
        // (go-github's `client.Events.List`): it counts in files that import stripe-go, and
        // only for fields of `client.API` that hold a resource package.
        Held::Client(ClientKind::Api, Evidence::Project)
            if package.is_some() && cx.imports.any() =>
        {
            Certainty::Certain
        }
        Held::Client(ClientKind::Api, _) | Held::Unknown
            if package.is_some() && named_like_stripe(holder, cx.source) =>
        {
            Certainty::Likely
        }
        // A `client.API` field on a holder of unknown type in a file that imports the `client`
        // package: a client taken from a map or slice (`c.Clients["us"].Subscriptions.Get`),
        // or from a struct declared in another package. Kept only when the call is an
        // operation of the field's resource package.
        Held::Unknown if package.is_some() && cx.imports.api_client() => Certainty::Likely,
        _ => return,
    };
    let receiver = package.unwrap_or_else(|| vec![field.to_owned()]);
    push(&site, CallStyle::Class, receiver, certainty, cx, out);
}

/// The parts of a call every form needs.
struct Site<'t> {
    call: Node<'t>,
    method: &'t str,
    /// The callee, parentheses stripped.
    function: Node<'t>,
    span: Span,
}

impl Site<'_> {
    /// The callee as shown in the report (built only for a call reported).
    fn display(&self, source: &str) -> String {
        tree::display(self.function, source)
    }
}

/// A call on an imported stripe-go package (`customer.New`, `stripe.RawRequest`,
/// `rawrequest.Post`, `oauth.New`).
fn package_call(package: &Package, site: &Site<'_>, cx: &Context<'_>, out: &mut Extraction) {
    match package {
        Package::Root if site.method == "RawRequest" => raw_call(site, 0, cx, out),
        Package::RawRequest => {
            let verb = match site.method {
                "Get" => "GET",
                "Post" => "POST",
                "Delete" => "DELETE",
                _ => return,
            };
            literal_raw(site, Some(verb.to_owned()), 0, cx, out);
        }
        Package::OAuth if matches!(site.method, "New" | "Del") => {
            out.unresolved.push(UnresolvedCall {
                span: site.span,
                display: site.display(cx.source),
                reason: OAUTH_REASON.to_owned(),
            });
        }
        Package::Resource(path) => push(
            site,
            CallStyle::Class,
            path.clone(),
            Certainty::Certain,
            cx,
            out,
        ),
        _ => {}
    }
}

/// `RawRequest(method, path, …)`: the method argument at `at`, the path after it.
fn raw_call(site: &Site<'_>, at: usize, cx: &Context<'_>, out: &mut Extraction) {
    let arguments = tree::arguments(site.call);
    let verb = arguments.get(at).and_then(|m| http_method(*m, cx.source));
    literal_raw(site, verb, at + 1, cx, out);
}

/// A raw request with its verb decided and the path argument at `path_at`.
fn literal_raw(
    site: &Site<'_>,
    verb: Option<String>,
    path_at: usize,
    cx: &Context<'_>,
    out: &mut Extraction,
) {
    let arguments = tree::arguments(site.call);
    let path = arguments
        .get(path_at)
        .and_then(|p| tree::string_literal(*p, cx.source));
    match (verb, path) {
        (Some(verb), Some(path)) => push(
            site,
            CallStyle::Raw { verb, path },
            Vec::new(),
            Certainty::Certain,
            cx,
            out,
        ),
        _ => out.unresolved.push(UnresolvedCall {
            span: site.span,
            display: site.display(cx.source),
            reason: "raw request whose HTTP method or path is not a literal".to_owned(),
        }),
    }
}

/// `"POST"`, `http.MethodPost`.
fn http_method(node: Node<'_>, source: &str) -> Option<String> {
    if let Some(s) = tree::string_literal(node, source) {
        return Some(s.to_ascii_uppercase());
    }
    if node.kind_name() == "selector_expression" {
        let field = text(node.field("field")?, source);
        return field.strip_prefix("Method").map(str::to_ascii_uppercase);
    }
    None
}

/// `V1Customers`, `V2CoreEvents`: the fields of `stripe.Client`.
fn is_versioned_service(field: &str) -> bool {
    let bytes = field.as_bytes();
    bytes.len() > 2
        && bytes[0] == b'V'
        && matches!(bytes[1], b'1' | b'2')
        && bytes[2].is_ascii_uppercase()
}

/// A holder whose name suggests a Stripe client (`stripeClient`, `s.stripe`, `sc`,
/// `clients.GetStripeClient()`).
fn named_like_stripe(holder: Node<'_>, source: &str) -> bool {
    let mut holder = holder;
    if holder.kind_name() == "call_expression" {
        match holder.field("function") {
            Some(function) => holder = function,
            None => return false,
        }
    }
    let name = match holder.kind_name() {
        "identifier" => text(holder, source),
        "selector_expression" => holder.field("field").map(|f| text(f, source)).unwrap_or(""),
        _ => return false,
    };
    name == "sc" || rakscan_syntax::mentions_stripe(name)
}

/// The options the call's arguments carry: params literals and params variables.
fn options_of(call: Node<'_>, cx: &Context<'_>) -> Options {
    let mut options = Options::default();
    for argument in tree::arguments(call) {
        let argument = tree::unwrap_expression(argument);
        match argument.kind_name() {
            "composite_literal" => options.read_literal(argument, cx.source),
            "identifier" => {
                if let Some(known) = cx.scope.options.get(text(argument, cx.source)) {
                    options.merge(known);
                }
            }
            _ => {}
        }
    }
    options
}

fn push(
    site: &Site<'_>,
    style: CallStyle,
    receiver: Vec<String>,
    certainty: Certainty,
    cx: &Context<'_>,
    out: &mut Extraction,
) {
    let options = options_of(site.call, cx);
    out.calls.push(SdkCall {
        span: site.span,
        sdk: Sdk::Go,
        style,
        receiver,
        method: site.method.to_owned(),
        display: site.display(cx.source),
        expand: options.expand,
        connect: options.connect,
        positional_args: tree::arguments(site.call).len(),
        certainty,
    });
}
