//! The file pass: collects usings, declarations and invocations in one walk, then turns every
//! invocation on a Stripe client or service into an [`SdkCall`].

use crate::names::Usings;
use crate::scope::{Ancestor, Scopes, declares_type};
use crate::tree::{display, literal_string, named_children, text};
use crate::types::Types;
use crate::value::{Evaluator, OptionFacts, Value};
use rakscan_core::ir::{
    CallStyle, Certainty, Extraction, OAUTH_REASON, Sdk, SdkCall, Span, UnresolvedCall,
    is_oauth_request,
};
use rakscan_syntax::{FieldLookup, KindName, Step, walk};
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

/// What one walk of a file collects.
struct FileFacts<'t> {
    usings: Usings,
    own_types: HashSet<String>,
    namespaces: Vec<String>,
    scopes: Scopes<'t>,
    invocations: Vec<Node<'t>>,
    assignments: Vec<Node<'t>>,
}

fn collect<'t>(root: Node<'t>, source: &str, project: &ProjectFacts) -> FileFacts<'t> {
    let mut facts = FileFacts {
        usings: Usings::default(),
        own_types: HashSet::new(),
        namespaces: Vec::new(),
        scopes: Scopes::default(),
        invocations: Vec::new(),
        assignments: Vec::new(),
    };
    facts.usings.extend(&project.global_usings);
    // The nodes above the one entered, so declarations find their scope without asking
    // tree-sitter for parents (each such question searches down from the root).
    let mut ancestors: Vec<Ancestor<'t>> = Vec::new();
    walk(root, |step| {
        let Step::Enter(node) = step else {
            ancestors.pop();
            return;
        };
        let kind = node.kind_name();
        match kind {
            "using_directive" => facts.usings.add(node, source),
            "invocation_expression" => facts.invocations.push(node),
            "assignment_expression" => facts.assignments.push(node),
            "namespace_declaration" | "file_scoped_namespace_declaration" => {
                if let Some(name) = node.field("name") {
                    let full = full_namespace(&ancestors, text(name, source), source);
                    facts.usings.add_enclosing_namespace(&full);
                    facts.namespaces.push(full);
                }
            }
            _ if declares_type(kind) => {
                if let Some(name) = node.field("name") {
                    facts.own_types.insert(text(name, source).to_owned());
                }
            }
            _ => facts.scopes.add(node, kind, &ancestors, source),
        }
        ancestors.push(Ancestor { kind, node });
    });
    facts
}

/// The full name of a namespace declared as `name` inside the namespace declarations among
/// `ancestors` (`namespace Shop { namespace Web … }` declares `Shop.Web`).
fn full_namespace(ancestors: &[Ancestor<'_>], name: &str, source: &str) -> String {
    let mut parts: Vec<&str> = ancestors
        .iter()
        .filter(|a| a.kind == "namespace_declaration")
        .filter_map(|a| a.node.field("name"))
        .map(|n| text(n, source))
        .collect();
    parts.push(name);
    parts.join(".")
}

/// What other files of the project tell about this one.
#[derive(Debug, Default, Clone)]
pub struct ProjectFacts {
    /// `global using` directives of the project.
    pub global_usings: Usings,
    /// `…Service` type names the project declares, with the namespaces declaring them: they
    /// hide Stripe.net's of the same simple name where those namespaces are visible.
    pub project_types: HashMap<String, Vec<String>>,
}

/// Extracts the Stripe calls of one parsed file.
pub fn extract(root: Node<'_>, source: &str, project: &ProjectFacts) -> Extraction {
    let mut facts = collect(root, source, project);
    hide_project_types(&mut facts, project);
    let mut extraction = Extraction::default();
    if !facts.usings.any_stripe() && !source.contains("Stripe.") && !source.contains(".V1.") {
        return extraction;
    }
    let types = Types::new(&facts.usings, &facts.own_types);
    let mut eval = Evaluator::new(source, &facts.scopes, &types);
    eval.mutations = mutations(&eval, &facts);
    for &invocation in &facts.invocations {
        call(&eval, invocation, &mut extraction);
    }
    extraction
}

/// Adds to the file's own types the project's types that this file sees by their simple name:
/// declared in the global namespace, in a namespace enclosing the file's, or in one it imports.
fn hide_project_types(facts: &mut FileFacts<'_>, project: &ProjectFacts) {
    let visible = |ns: &str| {
        ns.is_empty()
            || facts.usings.others.iter().any(|o| o == ns)
            || facts
                .namespaces
                .iter()
                .any(|f| f == ns || f.starts_with(&format!("{ns}.")))
    };
    let hidden: Vec<String> = project
        .project_types
        .iter()
        .filter(|(_, namespaces)| namespaces.iter().any(|ns| visible(ns)))
        .map(|(name, _)| name.clone())
        .collect();
    facts.own_types.extend(hidden);
}

/// Facts added to options variables after they were declared: `o.AddExpand("x")`,
/// `o.Expand.Add("x")`, `o.Expand = new List<string> { … }`, `ro.StripeAccount = acct`.
fn mutations<'t>(eval: &Evaluator<'_, 't>, facts: &FileFacts<'t>) -> HashMap<usize, OptionFacts> {
    let mut out: HashMap<usize, OptionFacts> = HashMap::new();
    for &assignment in &facts.assignments {
        let (Some(left), Some(right)) = (assignment.field("left"), assignment.field("right"))
        else {
            continue;
        };
        if left.kind_name() != "member_access_expression" {
            continue;
        }
        let (Some(object), Some(name)) = (left.field("expression"), left.field("name")) else {
            continue;
        };
        if let Some(target) = eval.target(object) {
            let mut f = OptionFacts::default();
            eval.property_facts(text(name, eval.source), right, &mut f);
            out.entry(target).or_default().merge(&f);
        }
    }
    for &invocation in &facts.invocations {
        let Some((object, method)) = receiver_and_method(invocation, eval.source) else {
            continue;
        };
        let args = invocation.field("arguments");
        let strings = || args.map(|a| eval.strings_in(a)).unwrap_or_default();
        let target = match method {
            "AddExpand" => eval.target(object),
            "Add" | "AddRange"
                if object.kind_name() == "member_access_expression"
                    && object
                        .field("name")
                        .is_some_and(|n| text(n, eval.source) == "Expand") =>
            {
                object.field("expression").and_then(|o| eval.target(o))
            }
            _ => None,
        };
        if let Some(target) = target {
            out.entry(target).or_default().merge(&OptionFacts {
                expand: strings(),
                connect: false,
            });
        }
    }
    out
}

/// The object and method name of `object.Method(…)` or `object?.Method(…)`.
fn receiver_and_method<'t, 's>(
    invocation: Node<'t>,
    source: &'s str,
) -> Option<(Node<'t>, &'s str)> {
    let function = invocation.field("function")?;
    let (object, name) = match function.kind_name() {
        "member_access_expression" => (function.field("expression")?, function.field("name")?),
        "conditional_access_expression" => {
            let binding = named_children(function)
                .into_iter()
                .find(|c| c.kind_name() == "member_binding_expression")?;
            (function.field("condition")?, binding.field("name")?)
        }
        _ => return None,
    };
    (name.kind_name() == "identifier").then(|| (object, text(name, source)))
}

/// Turns one invocation into a call, an unresolved call, or nothing.
fn call<'t>(eval: &Evaluator<'_, 't>, invocation: Node<'t>, out: &mut Extraction) {
    let source = eval.source;
    let Some((object, method)) = receiver_and_method(invocation, source) else {
        return;
    };
    let Some(function) = invocation.field("function") else {
        return;
    };
    let span = Span::new(invocation.start_byte(), invocation.end_byte());
    let (style, receiver, certainty) = match eval.eval(object) {
        Some(Value::Service {
            namespace,
            stem,
            legacy,
        }) => {
            let mut receiver = namespace;
            receiver.push(stem);
            let certainty = match legacy {
                true => Certainty::Likely,
                false => Certainty::Certain,
            };
            (CallStyle::Class, receiver, certainty)
        }
        Some(Value::Path(path)) if is_service_path(&path) => {
            (CallStyle::Service, path, Certainty::Certain)
        }
        Some(Value::Client) if method.starts_with("RawRequest") => {
            raw_request(eval, invocation, function, out);
            return;
        }
        Some(Value::OAuth) => {
            if sends_oauth_request(method) {
                out.unresolved.push(UnresolvedCall {
                    span,
                    display: display(function, source),
                    reason: OAUTH_REASON.to_owned(),
                });
            }
            return;
        }
        Some(Value::Ambiguous(reason)) => {
            out.unresolved.push(UnresolvedCall {
                span,
                display: display(function, source),
                reason,
            });
            return;
        }
        Some(_) => return,
        None if eval.declared_foreign(chain_root(object)) => return,
        None => match unbound_service_path(object, source) {
            Some(path) => (CallStyle::Service, path, Certainty::Likely),
            None => return,
        },
    };
    let args = arguments(invocation);
    let mut facts = OptionFacts::default();
    for arg in &args {
        if let Some(expression) = argument_value(*arg)
            && let Some(Value::Options(f)) = eval.eval(expression)
        {
            facts.merge(&f);
        }
    }
    out.calls.push(SdkCall {
        span,
        sdk: Sdk::Dotnet,
        style,
        receiver,
        method: method.to_owned(),
        display: display(function, source),
        expand: facts.expand,
        connect: facts.connect,
        positional_args: args
            .iter()
            .filter(|a| a.field("name").is_none())
            .filter_map(|a| argument_value(*a))
            .filter(|v| is_id_argument(eval, *v))
            .count(),
        certainty,
    });
}

/// Whether a method of `OAuthTokenService` sends a request: `Create` is the token exchange,
/// `Deauthorize` disconnects an account (each with an `…Async` twin); `AuthorizeUrl` only
/// builds the URL.
fn sends_oauth_request(method: &str) -> bool {
    let method = method.strip_suffix("Async").unwrap_or(method);
    match method {
        "Create" => is_oauth_request("token"),
        "Deauthorize" => is_oauth_request("deauthorize"),
        _ => false,
    }
}

/// Whether a positional argument is an object id rather than an options object, request
/// options or a cancellation token. Stripe.net overloads differ in their ids only
/// (`TaxIdService.Create(options)` vs the older `Create(customerId, options)`), so the core
/// is given the number of ids as the call's positional arguments.
fn is_id_argument<'t>(eval: &Evaluator<'_, 't>, value: Node<'t>) -> bool {
    if matches!(
        value.kind_name(),
        "null_literal" | "default_expression" | "lambda_expression"
    ) || text(value, eval.source) == "default"
    {
        return false;
    }
    if let Some(Value::Options(_)) = eval.eval(value) {
        return false;
    }
    let name = match value.kind_name() {
        "identifier" => Some(value),
        "member_access_expression" => value.field("name"),
        "invocation_expression" => value
            .field("function")
            .map(|f| f.field("name").unwrap_or(f)),
        _ => None,
    };
    let Some(name) = name else {
        return true;
    };
    let lower = text(name, eval.source).to_ascii_lowercase();
    !(lower.contains("option")
        || lower.contains("opts")
        || lower == "ct"
        || lower.contains("token") && !lower.contains("id")
        || lower.contains("cancel"))
}

/// `V1.Customers`, `V2.Core.Accounts`: a service below a client's version property.
fn is_service_path(path: &[String]) -> bool {
    path.len() >= 2 && matches!(path[0].as_str(), "V1" | "V2")
}

/// The variable or `this.`/`base.` member a chain of property reads starts from (`client` of
/// `client.V1.Customers`, `this._s3` of `this._s3.V1`).
fn chain_root(mut node: Node<'_>) -> Node<'_> {
    for _ in 0..32 {
        match node.field("expression") {
            Some(inner)
                if node.kind_name() == "member_access_expression"
                    && !matches!(inner.kind_name(), "this" | "base") =>
            {
                node = inner
            }
            _ => break,
        }
    }
    node
}

/// `_stripe.V1.Customers` on a receiver this file does not declare (a base class field, a
/// partial class): the path from `V1` on, if the chain has one.
fn unbound_service_path(object: Node<'_>, source: &str) -> Option<Vec<String>> {
    let mut segments = Vec::new();
    let mut current = object;
    for _ in 0..32 {
        match current.kind_name() {
            "member_access_expression" => {
                let name = current.field("name")?;
                segments.push(text(name, source).to_owned());
                current = current.field("expression")?;
            }
            "identifier" | "this" | "base" => break,
            _ => return None,
        }
    }
    segments.reverse();
    let start = segments.iter().position(|s| s == "V1" || s == "V2")?;
    let path = segments.split_off(start);
    is_service_path(&path).then_some(path)
}

/// The argument nodes of an invocation.
fn arguments(invocation: Node<'_>) -> Vec<Node<'_>> {
    invocation
        .field("arguments")
        .map(|a| {
            named_children(a)
                .into_iter()
                .filter(|c| c.kind_name() == "argument")
                .collect()
        })
        .unwrap_or_default()
}

/// The expression of an argument (after its `name:`).
fn argument_value(argument: Node<'_>) -> Option<Node<'_>> {
    let name = argument.field("name").map(|n| n.id());
    named_children(argument)
        .into_iter()
        .find(|c| Some(c.id()) != name)
}

/// `client.RawRequestAsync(HttpMethod.Post, "/v1/…", …)`.
fn raw_request<'t>(
    eval: &Evaluator<'_, 't>,
    invocation: Node<'t>,
    function: Node<'t>,
    out: &mut Extraction,
) {
    let source = eval.source;
    let args = arguments(invocation);
    let verb = args
        .first()
        .and_then(|a| argument_value(*a))
        .and_then(|v| http_verb(v, source));
    let path = args
        .get(1)
        .and_then(|a| argument_value(*a))
        .and_then(|p| literal_string(p, source));
    let span = Span::new(invocation.start_byte(), invocation.end_byte());
    match (verb, path) {
        (Some(verb), Some(path)) => out.calls.push(SdkCall {
            span,
            sdk: Sdk::Dotnet,
            style: CallStyle::Raw { verb, path },
            receiver: Vec::new(),
            method: text(function.field("name").unwrap_or(function), source).to_owned(),
            display: display(function, source),
            expand: Vec::new(),
            connect: false,
            positional_args: args.len(),
            certainty: Certainty::Certain,
        }),
        _ => out.unresolved.push(UnresolvedCall {
            span,
            display: display(function, source),
            reason: "raw request whose HTTP method or path is not a literal".to_owned(),
        }),
    }
}

/// `HttpMethod.Post` or `new HttpMethod("PATCH")` → `POST`, `PATCH`.
fn http_verb(node: Node<'_>, source: &str) -> Option<String> {
    match node.kind_name() {
        "member_access_expression" => {
            let name = text(node.field("name")?, source);
            let object = text(node.field("expression")?, source);
            object
                .ends_with("HttpMethod")
                .then(|| name.to_ascii_uppercase())
        }
        "object_creation_expression" => {
            let args = node.field("arguments")?;
            let first = *named_children(args).first()?;
            let value = argument_value(first)?;
            literal_string(value, source).map(|s| s.to_ascii_uppercase())
        }
        _ => None,
    }
}
