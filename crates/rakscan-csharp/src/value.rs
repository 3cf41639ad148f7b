//! What an expression holds, as far as Stripe calls care: a client, a service, a path of
//! services below a client, or an options object with `Expand` paths and a connected account.

use crate::scope::Scopes;
use crate::tree::{literal_string, named_children, preorder, text, unwrap_expression};
use crate::types::{StripeType, Types};
use rakscan_syntax::{FieldLookup, KindName};
use std::cell::RefCell;
use std::collections::HashMap;
use tree_sitter::Node;

/// The facts of an options object (`CustomerCreateOptions`, `RequestOptions`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OptionFacts {
    /// Literal `Expand` paths.
    pub expand: Vec<String>,
    /// `StripeAccount` is set.
    pub connect: bool,
}

impl OptionFacts {
    pub fn merge(&mut self, other: &OptionFacts) {
        for e in &other.expand {
            if !self.expand.contains(e) {
                self.expand.push(e.clone());
            }
        }
        self.connect |= other.connect;
    }
}

/// What an expression holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Client,
    /// A service class; `legacy` for pre-2018 names (`StripeCustomerService`).
    Service {
        namespace: Vec<String>,
        stem: String,
        legacy: bool,
    },
    /// The OAuth service (`OAuthTokenService`).
    OAuth,
    /// Properties read from a client (`client.V1.Customers` → `["V1", "Customers"]`).
    Path(Vec<String>),
    Ambiguous(String),
    Options(OptionFacts),
}

impl From<StripeType> for Value {
    fn from(t: StripeType) -> Value {
        match t {
            StripeType::Client => Value::Client,
            StripeType::Service {
                namespace,
                stem,
                legacy,
            } => Value::Service {
                namespace,
                stem,
                legacy,
            },
            StripeType::OAuth => Value::OAuth,
            StripeType::Ambiguous(reason) => Value::Ambiguous(reason),
        }
    }
}

const MAX_DEPTH: usize = 12;

/// Evaluates expressions of one file.
pub struct Evaluator<'a, 't> {
    pub source: &'a str,
    pub scopes: &'a Scopes<'t>,
    pub types: &'a Types<'a>,
    /// Facts added to an options variable after its declaration (`o.AddExpand("x")`).
    pub mutations: HashMap<usize, OptionFacts>,
    memo: RefCell<HashMap<usize, Option<Value>>>,
}

impl<'a, 't> Evaluator<'a, 't> {
    pub fn new(source: &'a str, scopes: &'a Scopes<'t>, types: &'a Types<'a>) -> Self {
        Evaluator {
            source,
            scopes,
            types,
            mutations: HashMap::new(),
            memo: RefCell::new(HashMap::new()),
        }
    }

    /// What an expression holds, if it is anything Stripe calls care about.
    pub fn eval(&self, node: Node<'t>) -> Option<Value> {
        self.eval_at(node, 0)
    }

    fn eval_at(&self, node: Node<'t>, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let node = unwrap_expression(node);
        match node.kind_name() {
            "identifier" => {
                let decl = self.variable(node)?;
                self.declaration_value(decl, depth + 1)
            }
            "member_access_expression" => {
                let name = node.field("name")?;
                if name.kind_name() != "identifier" {
                    return None;
                }
                let name_text = text(name, self.source);
                let object = node.field("expression")?;
                if matches!(object.kind_name(), "this" | "base") {
                    let decl = self.scopes.lookup_member(name_text, node.start_byte())?;
                    return self.declaration_value(decl, depth + 1);
                }
                match self.eval_at(object, depth + 1)? {
                    Value::Client => Some(Value::Path(vec![name_text.to_owned()])),
                    Value::Path(mut path) => {
                        path.push(name_text.to_owned());
                        Some(Value::Path(path))
                    }
                    _ => None,
                }
            }
            "object_creation_expression" => {
                let ty = node.field("type")?;
                match self.types.resolve_node(ty, self.source) {
                    Some(t) => Some(t.into()),
                    None => Some(Value::Options(
                        self.initializer_facts(node.field("initializer")),
                    )),
                }
            }
            "implicit_object_creation_expression" => {
                let init = named_children(node)
                    .into_iter()
                    .find(|c| c.kind_name() == "initializer_expression");
                Some(Value::Options(self.initializer_facts(init)))
            }
            "invocation_expression" => self.resolved_service(node),
            _ => None,
        }
    }

    /// The declaration an identifier names, if it is a variable of this file.
    pub fn variable(&self, identifier: Node<'t>) -> Option<usize> {
        self.scopes
            .lookup(text(identifier, self.source), identifier.start_byte())
    }

    /// Whether `node` (`x`, `this.x`) is declared in this file as something that is not
    /// Stripe's: with a type that names no Stripe.net type and no `Stripe` in its name
    /// (`AmazonS3Client client`, not a project's `MyStripeClient` subclass), or initialised with
    /// `new` of such a type (`var s3 = new AmazonS3Client()`). `var`, `dynamic` and `object`
    /// say nothing.
    pub fn declared_foreign(&self, node: Node<'t>) -> bool {
        let Some(index) = self.target(node) else {
            return false;
        };
        let decl = &self.scopes.declarations[index];
        let foreign = |ty: Node<'t>| {
            let name = text(ty, self.source).trim_end_matches('?');
            !matches!(name, "dynamic" | "object")
                && !rakscan_syntax::mentions_stripe(name)
                && self.types.resolve_node(ty, self.source).is_none()
        };
        match (decl.ty, decl.init.map(unwrap_expression)) {
            (Some(ty), _) => foreign(ty),
            (None, Some(init)) => {
                init.kind_name() == "object_creation_expression"
                    && init.field("type").is_some_and(foreign)
            }
            (None, None) => false,
        }
    }

    /// The declaration `x` or `this.x` names.
    pub fn target(&self, node: Node<'t>) -> Option<usize> {
        match node.kind_name() {
            "identifier" => self.variable(node),
            "member_access_expression" => {
                let object = node.field("expression")?;
                let name = node.field("name")?;
                matches!(object.kind_name(), "this" | "base")
                    .then(|| {
                        self.scopes
                            .lookup_member(text(name, self.source), node.start_byte())
                    })
                    .flatten()
            }
            _ => None,
        }
    }

    fn declaration_value(&self, index: usize, depth: usize) -> Option<Value> {
        if let Some(v) = self.memo.borrow().get(&index) {
            return v.clone();
        }
        let decl = &self.scopes.declarations[index];
        let typed = decl
            .ty
            .and_then(|t| self.types.resolve_node(t, self.source))
            .map(Value::from);
        let options_type = decl.ty.is_some_and(|t| {
            let name = text(t, self.source);
            name.ends_with("Options") || name.ends_with("Options?")
        });
        let mut value = typed
            .or_else(|| decl.init.and_then(|i| self.eval_at(i, depth)))
            .or_else(|| options_type.then(|| Value::Options(OptionFacts::default())));
        if let Some(extra) = self.mutations.get(&index) {
            match &mut value {
                Some(Value::Options(facts)) => facts.merge(extra),
                None => value = Some(Value::Options(extra.clone())),
                _ => {}
            }
        }
        self.memo.borrow_mut().insert(index, value.clone());
        value
    }

    /// `provider.GetRequiredService<CustomerService>()`: the service a DI container returns.
    fn resolved_service(&self, invocation: Node<'t>) -> Option<Value> {
        let function = invocation.field("function")?;
        let name = match function.kind_name() {
            "member_access_expression" => function.field("name")?,
            _ => function,
        };
        if name.kind_name() != "generic_name" {
            return None;
        }
        let children = named_children(name);
        let method = text(*children.first()?, self.source);
        if !matches!(method, "GetService" | "GetRequiredService") {
            return None;
        }
        let args = children
            .iter()
            .find(|c| c.kind_name() == "type_argument_list")?;
        let ty = *named_children(*args).first()?;
        self.types.resolve_node(ty, self.source).map(Value::from)
    }

    /// `Expand = …` and `StripeAccount = …` in an object initializer.
    pub fn initializer_facts(&self, initializer: Option<Node<'t>>) -> OptionFacts {
        let mut facts = OptionFacts::default();
        let Some(initializer) = initializer else {
            return facts;
        };
        for child in named_children(initializer) {
            if child.kind_name() != "assignment_expression" {
                continue;
            }
            let (Some(left), Some(right)) = (child.field("left"), child.field("right")) else {
                continue;
            };
            self.property_facts(text(left, self.source), right, &mut facts);
        }
        facts
    }

    /// The facts of setting one property of an options object.
    pub fn property_facts(&self, property: &str, value: Node<'t>, facts: &mut OptionFacts) {
        match property {
            "Expand" => facts.merge(&OptionFacts {
                expand: self.strings_in(value),
                connect: false,
            }),
            "StripeAccount" if value.kind_name() != "null_literal" => facts.connect = true,
            _ => {}
        }
    }

    /// The literal strings in an expression (`new List<string> { "a", "b" }`, `["a"]`).
    pub fn strings_in(&self, node: Node<'t>) -> Vec<String> {
        let mut out = Vec::new();
        preorder(node, |n| {
            if let Some(s) = literal_string(n, self.source)
                && !out.contains(&s)
            {
                out.push(s);
            }
        });
        out
    }
}
