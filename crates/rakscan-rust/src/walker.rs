//! One walk over a file's syntax tree: scopes, bindings, calls, macros.

use crate::calls;
use crate::scope::{Binding, Scope, Value};
use crate::sdk;
use crate::tokens;
use crate::trace::{self, Traced};
use rakscan_core::Extraction;
use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};
use syn::{Block, Expr, FnArg, Item, Member, Pat, Signature, Stmt, Token, Type};

/// Deepest expression nesting that is walked; deeper parts of a file are skipped with a
/// warning.
const MAX_EXPR_DEPTH: usize = 256;

/// Walks one parsed file and collects its async-stripe calls.
pub struct Walker {
    scope: Scope,
    out: Extraction,
    depth: usize,
    depth_warned: bool,
}

impl Walker {
    pub fn new(crate_aliases: &[String]) -> Walker {
        Walker {
            scope: Scope::new(crate_aliases),
            out: Extraction::default(),
            depth: 0,
            depth_warned: false,
        }
    }

    /// The walk's scope, for callers that fill it without a syntax tree.
    pub fn scope_mut(&mut self) -> &mut Scope {
        &mut self.scope
    }

    pub fn into_extraction(self) -> Extraction {
        self.out
    }

    /// Reports request-like paths of tokens syn could not read.
    pub fn scan_tokens(&mut self, tokens: proc_macro2::TokenStream, context: &str) {
        tokens::scan(tokens, &self.scope, context, &mut self.out.unresolved);
    }

    fn bind_signature(&mut self, sig: &Signature) {
        for input in &sig.inputs {
            if let FnArg::Typed(pt) = input
                && let Pat::Ident(pi) = &*pt.pat
            {
                let binding = self.binding_of_type(&pt.ty);
                self.scope.bind(pi.ident.to_string(), binding);
            }
        }
    }

    /// What a declared type says a variable holds (`&Client`, `CreateCustomer<'_>`).
    fn binding_of_type(&self, ty: &Type) -> Binding {
        let mut ty = ty;
        while let Type::Reference(r) = ty {
            ty = &r.elem;
        }
        let Type::Path(tp) = ty else {
            return Binding::Other;
        };
        let Some(resolved) = self
            .scope
            .resolve(&trace::segments(&tp.path), tp.path.leading_colon.is_some())
        else {
            return Binding::Other;
        };
        match resolved.path.last() {
            Some(t) if sdk::is_client_type(t) => Binding::Client { connect: false },
            Some(t) if trace::is_type_name(t) && resolved.path.len() > 1 => Binding::Value(Value {
                type_path: resolved.path,
                certainty: resolved.certainty,
                expand: Vec::new(),
                connect: false,
                raw: None,
            }),
            _ => Binding::Other,
        }
    }

    /// What an initialiser makes a variable hold.
    fn binding_of_expr(&self, expr: &Expr) -> Binding {
        match trace::trace(expr, &self.scope).map(|t| t.traced) {
            Some(Traced::Client { connect }) => Binding::Client { connect },
            // A sent request's result is a response, not the request.
            Some(Traced::Value(_)) if sends(expr) => Binding::Other,
            Some(Traced::Value(v)) => Binding::Value(v),
            None => Binding::Other,
        }
    }

    fn bind_pattern(&mut self, pat: &Pat, init: Option<&Expr>) {
        match pat {
            Pat::Ident(pi) => {
                let binding = init.map_or(Binding::Other, |e| self.binding_of_expr(e));
                self.scope.bind(pi.ident.to_string(), binding);
            }
            Pat::Type(pt) => {
                let mut binding = self.binding_of_type(&pt.ty);
                if binding == Binding::Other
                    && let Some(e) = init
                {
                    binding = self.binding_of_expr(e);
                }
                if let Pat::Ident(pi) = &*pt.pat {
                    self.scope.bind(pi.ident.to_string(), binding);
                } else {
                    self.shadow_names(&pt.pat);
                }
            }
            other => self.shadow_names(other),
        }
    }

    /// Binds every name of a destructuring pattern as holding nothing known.
    fn shadow_names(&mut self, pat: &Pat) {
        let mut names = PatNames::default();
        names.visit_pat(pat);
        for n in names.found {
            self.scope.bind(n, Binding::Other);
        }
    }

    /// `params.expand = …`, `params.stripe_account = …`, `req = CreateCustomer::new()`.
    fn on_assign(&mut self, left: &Expr, right: &Expr) {
        match left {
            Expr::Field(f) => {
                let (Expr::Path(base), Member::Named(field)) = (&*f.base, &f.member) else {
                    return;
                };
                let Some(var) = base.path.get_ident().map(|i| i.to_string()) else {
                    return;
                };
                let field = field.to_string();
                if let Some(Binding::Value(v)) = self.scope.var_mut(&var) {
                    if field == "expand" {
                        v.expand = crate::literals::string_list(right);
                    }
                    v.connect |= sdk::CONNECT_FIELDS.contains(&field.as_str());
                }
            }
            Expr::Path(p) => {
                if let Some(var) = p.path.get_ident().map(|i| i.to_string()) {
                    let binding = self.binding_of_expr(right);
                    if let Some(slot) = self.scope.var_mut(&var) {
                        *slot = binding;
                    }
                }
            }
            _ => {}
        }
    }

    fn on_macro(&mut self, mac: &syn::Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        if name == "macro_rules" {
            let context = "in a `macro_rules!` definition";
            self.scan_tokens(mac.tokens.clone(), context);
            return;
        }
        if let Ok(exprs) = mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated) {
            for e in &exprs {
                self.visit_expr(e);
            }
            return;
        }
        if let Ok(stmts) = mac.parse_body_with(Block::parse_within) {
            self.walk_stmts(&stmts);
            return;
        }
        let context = format!("inside `{name}!`");
        self.scan_tokens(mac.tokens.clone(), &context);
    }

    fn walk_stmts(&mut self, stmts: &[Stmt]) {
        self.scope.push(stmts.iter().filter_map(|s| match s {
            Stmt::Item(i) => Some(i),
            _ => None,
        }));
        for s in stmts {
            self.visit_stmt(s);
        }
        self.scope.pop();
    }

    fn walk_items(&mut self, items: &[Item]) {
        self.scope.push(items);
        for i in items {
            self.visit_item(i);
        }
        self.scope.pop();
    }
}

/// Whether an expression is itself a send (`….send(&client)`), possibly awaited.
fn sends(expr: &Expr) -> bool {
    let mut cur = expr;
    loop {
        match cur {
            Expr::Await(a) => cur = &a.base,
            Expr::Try(t) => cur = &t.expr,
            Expr::Paren(p) => cur = &p.expr,
            Expr::MethodCall(m) => {
                return sdk::SEND_METHODS.contains(&m.method.to_string().as_str());
            }
            _ => return false,
        }
    }
}

impl<'ast> Visit<'ast> for Walker {
    fn visit_file(&mut self, file: &'ast syn::File) {
        self.walk_items(&file.items);
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if let Some((_, items)) = &m.content {
            self.walk_items(items);
        }
    }

    fn visit_item_use(&mut self, _: &'ast syn::ItemUse) {}

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.scope.push([]);
        self.bind_signature(&f.sig);
        self.visit_block(&f.block);
        self.scope.pop();
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.scope.push([]);
        self.bind_signature(&f.sig);
        self.visit_block(&f.block);
        self.scope.pop();
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(block) = &f.default {
            self.scope.push([]);
            self.bind_signature(&f.sig);
            self.visit_block(block);
            self.scope.pop();
        }
    }

    fn visit_block(&mut self, b: &'ast Block) {
        self.walk_stmts(&b.stmts);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        let init = local.init.as_ref();
        if let Some(init) = init {
            self.visit_expr(&init.expr);
            if let Some((_, diverge)) = &init.diverge {
                self.visit_expr(diverge);
            }
        }
        self.bind_pattern(&local.pat, init.map(|i| &*i.expr));
    }

    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        self.scope.push([]);
        for input in &c.inputs {
            self.bind_pattern(input, None);
        }
        self.visit_expr(&c.body);
        self.scope.pop();
    }

    fn visit_expr(&mut self, e: &'ast Expr) {
        if self.depth >= MAX_EXPR_DEPTH {
            if !self.depth_warned {
                self.depth_warned = true;
                self.out.warnings.push(format!(
                    "expressions nest deeper than {MAX_EXPR_DEPTH} levels; the deeper parts were not read"
                ));
            }
            return;
        }
        match e {
            Expr::Call(c) => {
                if let Some(call) = calls::associated_function(c, &self.scope) {
                    self.out.calls.push(call);
                }
            }
            Expr::MethodCall(m) => match calls::method_call(m, &self.scope) {
                Some(calls::Found::Call(call)) => self.out.calls.push(call),
                Some(calls::Found::Unresolved(u)) => self.out.unresolved.push(u),
                None => {}
            },
            _ => {}
        }
        self.depth += 1;
        visit::visit_expr(self, e);
        self.depth -= 1;
        if let Expr::Assign(a) = e {
            self.on_assign(&a.left, &a.right);
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.on_macro(mac);
    }

    // Types, patterns and attributes hold no calls; not walking them also keeps deeply
    // nested types from costing stack.
    fn visit_type(&mut self, _: &'ast Type) {}
    fn visit_pat(&mut self, _: &'ast Pat) {}
    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}
    fn visit_generics(&mut self, _: &'ast syn::Generics) {}
}

/// The names a pattern binds.
#[derive(Default)]
struct PatNames {
    found: Vec<String>,
}

impl<'ast> Visit<'ast> for PatNames {
    fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
        self.found.push(p.ident.to_string());
        visit::visit_pat_ident(self, p);
    }
}
