//! What an expression holds: an async-stripe client, a request or params value, or neither.
//!
//! Values are traced down their builder chain to the root (`CreateCustomer::new()`,
//! `CreateCustomer { .. }`, a variable bound earlier), collecting literal `expand` lists and
//! Stripe-Account options on the way.

use crate::literals::string_list;
use crate::scope::{Binding, Scope, Value};
use crate::sdk;
use syn::visit::Visit;
use syn::{Expr, ExprStruct, Member};

/// How long a builder chain may be before it is no longer followed.
const MAX_CHAIN: usize = 64;

/// What an expression was traced to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Traced {
    Client { connect: bool },
    Value(Value),
}

/// A traced expression with the way it is written (`CreateCustomer::new().email()`).
#[derive(Debug, Clone)]
pub struct TracedExpr {
    pub traced: Traced,
    pub display: String,
}

/// Follows an expression down its method chain to a constructor, a struct literal or a
/// variable of async-stripe's.
pub fn trace(expr: &Expr, scope: &Scope) -> Option<TracedExpr> {
    let mut methods = Vec::new();
    let mut cur = expr;
    for _ in 0..MAX_CHAIN {
        match cur {
            Expr::MethodCall(m) => {
                methods.push(m);
                cur = &m.receiver;
            }
            Expr::Paren(p) => cur = &p.expr,
            Expr::Group(g) => cur = &g.expr,
            Expr::Reference(r) => cur = &r.expr,
            Expr::Try(t) => cur = &t.expr,
            Expr::Await(a) => cur = &a.base,
            _ => break,
        }
    }
    methods.reverse();
    let (root, root_display) = trace_root(cur, scope)?;
    let mut display = root_display;
    let mut traced = root;
    for m in methods {
        display.push_str(&format!(".{}()", m.method));
        let name = m.method.to_string();
        match &mut traced {
            Traced::Client { connect } => {
                *connect |= sdk::CONNECT_METHODS.contains(&name.as_str());
            }
            Traced::Value(v) => {
                if name == "expand"
                    && let Some(arg) = m.args.first()
                {
                    v.expand.extend(string_list(arg));
                }
                v.connect |= sdk::CONNECT_METHODS.contains(&name.as_str());
            }
        }
    }
    Some(TracedExpr { traced, display })
}

fn trace_root(root: &Expr, scope: &Scope) -> Option<(Traced, String)> {
    match root {
        Expr::Call(c) => {
            let Expr::Path(p) = &*c.func else { return None };
            let written = path_text(&p.path);
            let resolved = scope.resolve(&segments(&p.path), p.path.leading_colon.is_some())?;
            let [.., type_name, function] = resolved.path.as_slice() else {
                return None;
            };
            if sdk::is_client_type(type_name) {
                return Some((Traced::Client { connect: false }, format!("{written}()")));
            }
            if !matches!(function.as_str(), "new" | "default") || !is_type_name(type_name) {
                return None;
            }
            let raw = match type_name.as_str() {
                sdk::RAW_REQUEST_TYPE => Some(raw_request(c.args.first(), c.args.get(1))),
                _ => None,
            };
            let value = Value {
                type_path: resolved.path[..resolved.path.len() - 1].to_vec(),
                certainty: resolved.certainty,
                expand: Vec::new(),
                connect: false,
                raw,
            };
            Some((Traced::Value(value), format!("{written}()")))
        }
        Expr::Struct(s) => {
            let resolved = scope.resolve(&segments(&s.path), s.path.leading_colon.is_some())?;
            let type_name = resolved.path.last()?;
            if !is_type_name(type_name) || resolved.path.len() < 2 {
                return None;
            }
            let (expand, connect) = struct_options(s);
            let value = Value {
                type_path: resolved.path.clone(),
                certainty: resolved.certainty,
                expand,
                connect,
                raw: None,
            };
            Some((
                Traced::Value(value),
                format!("{} {{..}}", path_text(&s.path)),
            ))
        }
        Expr::Path(p) => {
            let name = p.path.get_ident()?.to_string();
            let traced = match scope.var(&name)? {
                Binding::Client { connect } => Traced::Client { connect: *connect },
                Binding::Value(v) => Traced::Value(v.clone()),
                Binding::Other => return None,
            };
            Some((traced, name))
        }
        _ => None,
    }
}

/// The HTTP method and path of a raw request: `StripeMethod::Post` and a string literal.
/// Either is empty when it is not written literally.
fn raw_request(method: Option<&Expr>, path: Option<&Expr>) -> (String, String) {
    let verb = match method {
        Some(Expr::Path(p)) => p
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string().to_ascii_uppercase())
            .unwrap_or_default(),
        _ => String::new(),
    };
    (verb, path.and_then(string_literal).unwrap_or_default())
}

/// A string literal argument, possibly borrowed (`"/customers"`, `&"/customers"`).
pub fn string_literal(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        Expr::Reference(r) => string_literal(&r.expr),
        Expr::Paren(p) => string_literal(&p.expr),
        _ => None,
    }
}

/// The `expand` list and Stripe-Account fields of a struct literal.
fn struct_options(s: &ExprStruct) -> (Vec<String>, bool) {
    let mut expand = Vec::new();
    let mut connect = false;
    for field in &s.fields {
        if let Member::Named(name) = &field.member {
            let name = name.to_string();
            if name == "expand" {
                expand.extend(string_list(&field.expr));
            }
            connect |= sdk::CONNECT_FIELDS.contains(&name.as_str());
        }
    }
    (expand, connect)
}

/// Whether an argument is plausibly a client: a variable bound to one, or an expression
/// whose name says so (`&client`, `&self.stripe_client`, `&state.stripe`, `state.client()`).
pub fn looks_like_client(expr: &Expr, scope: &Scope) -> bool {
    let mut cur = expr;
    for _ in 0..MAX_CHAIN {
        match cur {
            Expr::Reference(r) => cur = &r.expr,
            Expr::Paren(p) => cur = &p.expr,
            Expr::Group(g) => cur = &g.expr,
            Expr::Unary(u) => cur = &u.expr,
            Expr::Path(p) => {
                let Some(ident) = p.path.get_ident() else {
                    return false;
                };
                let name = ident.to_string();
                return match scope.var(&name) {
                    Some(Binding::Client { .. }) => true,
                    Some(Binding::Value(_)) => false,
                    _ => names_client(&name),
                };
            }
            Expr::Field(f) => {
                return match &f.member {
                    Member::Named(n) => names_client(&n.to_string()),
                    Member::Unnamed(_) => false,
                };
            }
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                if names_client(&name) {
                    return true;
                }
                if name == "clone" || sdk::CONNECT_METHODS.contains(&name.as_str()) {
                    cur = &m.receiver;
                } else {
                    return false;
                }
            }
            Expr::Call(c) => {
                return match &*c.func {
                    Expr::Path(p) => p
                        .path
                        .segments
                        .last()
                        .is_some_and(|s| names_client(&s.ident.to_string())),
                    _ => false,
                };
            }
            _ => return false,
        }
    }
    false
}

fn names_client(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.contains("client") || name.contains("stripe")
}

/// Whether a client argument carries a Stripe-Account header: a connect method or field in
/// it, or a variable bound to a connected client.
pub fn client_connect(expr: &Expr, scope: &Scope) -> bool {
    let mut finder = ConnectFinder {
        scope,
        found: false,
        depth: 0,
    };
    finder.visit_expr(expr);
    finder.found
}

struct ConnectFinder<'s> {
    scope: &'s Scope,
    found: bool,
    depth: usize,
}

/// How deep [`client_connect`] looks into an argument.
const MAX_CONNECT_DEPTH: usize = 32;

impl<'ast> Visit<'ast> for ConnectFinder<'_> {
    fn visit_expr(&mut self, e: &'ast Expr) {
        if self.found || self.depth > MAX_CONNECT_DEPTH {
            return;
        }
        match e {
            Expr::MethodCall(m)
                if sdk::CONNECT_METHODS.contains(&m.method.to_string().as_str()) =>
            {
                self.found = true;
                return;
            }
            Expr::Path(p) => {
                if let Some(ident) = p.path.get_ident()
                    && let Some(Binding::Client { connect: true }) =
                        self.scope.var(&ident.to_string())
                {
                    self.found = true;
                }
                return;
            }
            _ => {}
        }
        self.depth += 1;
        syn::visit::visit_expr(self, e);
        self.depth -= 1;
    }

    fn visit_field_value(&mut self, f: &'ast syn::FieldValue) {
        if let Member::Named(n) = &f.member
            && sdk::CONNECT_FIELDS.contains(&n.to_string().as_str())
        {
            self.found = true;
            return;
        }
        syn::visit::visit_field_value(self, f);
    }
}

/// A Pascal-case type name.
pub fn is_type_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
}

/// The identifiers of a path (generic arguments dropped).
pub fn segments(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}

/// A path as written, without generic arguments (`stripe::Customer::create`).
pub fn path_text(path: &syn::Path) -> String {
    let joined = segments(path).join("::");
    if path.leading_colon.is_some() {
        format!("::{joined}")
    } else {
        joined
    }
}
