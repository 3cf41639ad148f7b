//! Name resolution through `use` items, local items and `let` bindings.
//!
//! Rust names a type either by a full path (`stripe::Customer`), through a `use` item
//! (`use stripe::{Customer as StripeCustomer}`), or through a glob (`use stripe::*`). A name
//! the file defines itself (`struct Customer`) or imports from elsewhere
//! (`use crate::models::Customer`) is the project's own and never Stripe's.

use crate::sdk;
use rakscan_core::Certainty;
use std::collections::{HashMap, HashSet};
use syn::{Item, UseTree};

/// What a `let` binding or a typed parameter is known to hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// An async-stripe client; `connect` when it was made for a connected account.
    Client { connect: bool },
    /// An async-stripe value built from a type (1.x request builder, 0.x params struct).
    Value(Value),
    /// Anything else: shadows outer bindings of the same name.
    Other,
}

/// A value of an async-stripe type held in a variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// Full path of the type (`["stripe_core", "customer", "CreateCustomer"]`).
    pub type_path: Vec<String>,
    pub certainty: Certainty,
    /// Literal `expand` paths set on it so far.
    pub expand: Vec<String>,
    /// A connected-account option was set on it (`.customize().account_id(…)`).
    pub connect: bool,
    /// For a raw request (1.x `RequestBuilder::new(StripeMethod::Post, "/customers")`): the
    /// HTTP method and the literal API path.
    pub raw: Option<(String, String)>,
}

/// A path resolved into one of async-stripe's crates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Full path, first segment a canonical crate name (`stripe` for the client crate and
    /// its aliases, `stripe_core`, …).
    pub path: Vec<String>,
    pub certainty: Certainty,
}

impl Resolved {
    /// Whether the path is in async-stripe's client crate (0.x resources live there).
    pub fn in_client_crate(&self) -> bool {
        self.path.first().map(String::as_str) == Some("stripe")
    }
}

#[derive(Debug, Default)]
struct Frame {
    imports: HashMap<String, Vec<String>>,
    globs: Vec<Vec<String>>,
    items: HashSet<String>,
    vars: HashMap<String, Binding>,
}

/// Nested scopes of one file, innermost last.
#[derive(Debug)]
pub struct Scope {
    frames: Vec<Frame>,
    /// Extra names of the client crate (`use stripe as s`, Cargo.toml renames).
    crate_aliases: Vec<String>,
}

/// How many `use` hops a name may take before resolution gives up (`use a::b; use b::c;`).
const MAX_IMPORT_HOPS: usize = 8;

impl Scope {
    pub fn new(crate_aliases: &[String]) -> Scope {
        Scope {
            frames: vec![Frame::default()],
            crate_aliases: crate_aliases.to_vec(),
        }
    }

    /// Opens a scope and records the items (`use`, `struct`, `mod`, …) declared directly in it.
    pub fn push<'a>(&mut self, items: impl IntoIterator<Item = &'a Item>) {
        let mut frame = Frame::default();
        for item in items {
            declare_item(&mut frame, item);
        }
        self.frames.push(frame);
    }

    pub fn pop(&mut self) {
        if self.frames.len() > 1 {
            self.frames.pop();
        }
    }

    /// Records `use` items found outside a syntax tree (a file syn could not parse).
    pub fn declare_use(&mut self, item: &syn::ItemUse) {
        if let Some(frame) = self.frames.last_mut() {
            add_use_tree(frame, Vec::new(), &item.tree);
        }
    }

    /// Binds a variable in the innermost scope.
    pub fn bind(&mut self, name: String, binding: Binding) {
        if let Some(frame) = self.frames.last_mut() {
            frame.vars.insert(name, binding);
        }
    }

    /// The binding of a variable, innermost first.
    pub fn var(&self, name: &str) -> Option<&Binding> {
        self.frames.iter().rev().find_map(|f| f.vars.get(name))
    }

    /// The binding of a variable, for updating (`params.expand = …`).
    pub fn var_mut(&mut self, name: &str) -> Option<&mut Binding> {
        self.frames
            .iter_mut()
            .rev()
            .find_map(|f| f.vars.get_mut(name))
    }

    /// Resolves a path as written into async-stripe, or `None` when it names something else.
    pub fn resolve(&self, segments: &[String], leading_colon: bool) -> Option<Resolved> {
        self.resolve_hops(segments, leading_colon, 0)
    }

    fn resolve_hops(
        &self,
        segments: &[String],
        leading_colon: bool,
        hops: usize,
    ) -> Option<Resolved> {
        let first = segments.first()?;
        if leading_colon {
            return self.crate_root(first).map(|root| Resolved {
                path: with_root(root, &segments[1..]),
                certainty: Certainty::Certain,
            });
        }
        if matches!(first.as_str(), "crate" | "self" | "super" | "Self") || hops > MAX_IMPORT_HOPS {
            return None;
        }
        for frame in self.frames.iter().rev() {
            if let Some(target) = frame.imports.get(first) {
                let mut full = target.clone();
                full.extend_from_slice(&segments[1..]);
                // `use stripe;` / `extern crate stripe;` name the crate itself.
                let names_crate = target.first() == Some(first);
                return self.resolve_hops(&full, names_crate, hops + 1);
            }
            if frame.items.contains(first) {
                return None;
            }
            if segments.len() == 1 && frame.vars.contains_key(first) {
                return None;
            }
        }
        if let Some(root) = self.crate_root(first) {
            return Some(Resolved {
                path: with_root(root, &segments[1..]),
                certainty: Certainty::Certain,
            });
        }
        self.resolve_through_globs(segments, hops)
    }

    /// A name no import or item explains may come from a glob import. It is async-stripe's
    /// when a glob from async-stripe is in scope; only likely when another glob could also
    /// have brought it.
    fn resolve_through_globs(&self, segments: &[String], hops: usize) -> Option<Resolved> {
        let first_char = segments.first()?.chars().next()?;
        if !first_char.is_ascii_uppercase() {
            return None;
        }
        let mut sdk_glob = None;
        let mut other_globs = false;
        for frame in self.frames.iter().rev() {
            for glob in &frame.globs {
                match self.resolve_hops(glob, false, hops + 1) {
                    Some(r) if sdk_glob.is_none() => sdk_glob = Some(r),
                    Some(_) => {}
                    None => other_globs = true,
                }
            }
        }
        let base = sdk_glob?;
        let mut path = base.path;
        path.extend_from_slice(segments);
        Some(Resolved {
            path,
            certainty: if other_globs {
                Certainty::Likely
            } else {
                base.certainty
            },
        })
    }

    /// The canonical crate name when `name` is an async-stripe crate or an alias of one.
    fn crate_root(&self, name: &str) -> Option<&'static str> {
        if sdk::CLIENT_CRATES.contains(&name) || self.crate_aliases.iter().any(|a| a == name) {
            Some("stripe")
        } else {
            sdk::REQUEST_CRATES.iter().find(|c| **c == name).copied()
        }
    }
}

fn with_root(root: &str, rest: &[String]) -> Vec<String> {
    std::iter::once(root.to_owned())
        .chain(rest.iter().cloned())
        .collect()
}

/// Records what one item declares: imports for `use` and `extern crate`, a local name for
/// everything else that has one.
fn declare_item(frame: &mut Frame, item: &Item) {
    let name = match item {
        Item::Use(u) => {
            add_use_tree(frame, Vec::new(), &u.tree);
            return;
        }
        Item::ExternCrate(e) => {
            let crate_name = e.ident.to_string();
            match &e.rename {
                Some((_, alias)) => {
                    frame.imports.insert(alias.to_string(), vec![crate_name]);
                }
                None => {
                    frame.imports.insert(crate_name.clone(), vec![crate_name]);
                }
            }
            return;
        }
        Item::Struct(i) => &i.ident,
        Item::Enum(i) => &i.ident,
        Item::Union(i) => &i.ident,
        Item::Type(i) => &i.ident,
        Item::Trait(i) => &i.ident,
        Item::TraitAlias(i) => &i.ident,
        Item::Mod(i) => &i.ident,
        Item::Fn(i) => &i.sig.ident,
        Item::Const(i) => &i.ident,
        Item::Static(i) => &i.ident,
        _ => return,
    };
    frame.items.insert(name.to_string());
}

fn add_use_tree(frame: &mut Frame, prefix: Vec<String>, tree: &UseTree) {
    // Use trees nest as deep as the braces allow; the parser has already bounded that.
    match tree {
        UseTree::Path(p) => {
            let mut next = prefix;
            next.push(p.ident.to_string());
            add_use_tree(frame, next, &p.tree);
        }
        UseTree::Name(n) => {
            let name = n.ident.to_string();
            if name == "self" {
                if let Some(last) = prefix.last() {
                    frame.imports.insert(last.clone(), prefix.clone());
                }
            } else {
                let mut full = prefix;
                full.push(name.clone());
                frame.imports.insert(name, full);
            }
        }
        UseTree::Rename(r) => {
            let original = r.ident.to_string();
            let target = if original == "self" {
                prefix
            } else {
                let mut full = prefix;
                full.push(original);
                full
            };
            if r.rename != "_" && !target.is_empty() {
                frame.imports.insert(r.rename.to_string(), target);
            }
        }
        UseTree::Glob(_) => {
            if !prefix.is_empty() {
                frame.globs.push(prefix);
            }
        }
        UseTree::Group(g) => {
            for t in &g.items {
                add_use_tree(frame, prefix.clone(), t);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope_of(src: &str) -> Scope {
        let file = syn::parse_file(src).unwrap();
        let mut scope = Scope::new(&[]);
        scope.push(&file.items);
        scope
    }

    fn resolve(scope: &Scope, path: &str) -> Option<(String, Certainty)> {
        let leading = path.starts_with("::");
        let segs: Vec<String> = path
            .trim_start_matches("::")
            .split("::")
            .map(str::to_owned)
            .collect();
        scope
            .resolve(&segs, leading)
            .map(|r| (r.path.join("::"), r.certainty))
    }

    #[test]
    fn imports_aliases_and_full_paths() {
        let s = scope_of(
            "use stripe::{Customer, CheckoutSession as Session, self as st};\n\
             use async_stripe as pay;\n\
             use stripe_core::customer::{CreateCustomer};\n\
             use crate::models::Invoice;\n\
             struct Plan;",
        );
        let cases = [
            ("Customer::create", Some("stripe::Customer::create")),
            ("Session::create", Some("stripe::CheckoutSession::create")),
            ("st::Price::list", Some("stripe::Price::list")),
            ("pay::Price::list", Some("stripe::Price::list")),
            ("::stripe::Price::list", Some("stripe::Price::list")),
            (
                "CreateCustomer::new",
                Some("stripe_core::customer::CreateCustomer::new"),
            ),
            ("Invoice::list", None),
            ("Plan::list", None),
            ("Refund::create", None),
        ];
        for (written, expected) in cases {
            let expected = expected.map(|p| (p.to_owned(), Certainty::Certain));
            assert_eq!(resolve(&s, written), expected, "{written}");
        }
    }

    #[test]
    fn globs_and_local_modules() {
        let s = scope_of("use stripe::*;\nstruct Customer;");
        assert_eq!(resolve(&s, "Customer::create"), None);
        assert_eq!(
            resolve(&s, "Refund::create"),
            Some(("stripe::Refund::create".to_owned(), Certainty::Certain))
        );
        let s = scope_of("use stripe::*;\nuse crate::models::*;");
        assert_eq!(
            resolve(&s, "Refund::create"),
            Some(("stripe::Refund::create".to_owned(), Certainty::Likely))
        );
        let s = scope_of("mod stripe { }");
        assert_eq!(resolve(&s, "stripe::Customer::create"), None);
        let s = scope_of("use crate::common::stripe;");
        assert_eq!(resolve(&s, "stripe::Customer::create"), None);
    }
}
