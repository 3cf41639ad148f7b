//! The arguments of a call: how many positional ones there are, which one is the request
//! options hash, and the literal `expand` and `stripe_account` keys they carry.

use crate::tree::{literal_string, method_name, named_children};
use rakscan_syntax::{FieldLookup, KindName};
use tree_sitter::Node;

/// One positional argument as far as the extractor cares.
#[derive(Debug, Clone)]
pub enum Arg<'t> {
    /// A hash: a literal `{…}`, trailing `key: value` pairs without braces, or such a hash with
    /// `.compact` / `.merge(…)` applied. Holds the literal pairs it is known to contain.
    Hash(Vec<Node<'t>>),
    /// A variable or method call known to hold an options hash with `stripe_account`
    /// (`opts = { stripe_account: id }`, a `def stripe_options` of the same file).
    ConnectOptions,
    /// The literal `nil`.
    Nil,
    /// Anything else (a variable, a string id, a method call).
    Other(Node<'t>),
}

/// The positional arguments of one call (block arguments are left out).
#[derive(Debug, Clone, Default)]
pub struct CallArgs<'t> {
    pub items: Vec<Arg<'t>>,
}

/// Where a method takes its params hash, which decides whether a trailing hash is options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamsSlot {
    /// Params are the positional argument at this index; options come after.
    At(usize),
    /// The method takes no params hash: any hash after the first argument is options
    /// (`Stripe::Customer.retrieve(id, opts)`).
    Absent,
}

impl<'t> CallArgs<'t> {
    /// Reads the `arguments` field of a call.
    pub fn of(call: Node<'t>, source: &str) -> CallArgs<'t> {
        let mut items = Vec::new();
        let Some(list) = call.field("arguments") else {
            return CallArgs { items };
        };
        let mut bare_pairs: Option<Vec<Node<'t>>> = None;
        for child in named_children(list) {
            match child.kind_name() {
                "pair" | "hash_splat_argument" => {
                    let pairs = bare_pairs.get_or_insert_with(Vec::new);
                    if child.kind_name() == "pair" {
                        pairs.push(child);
                    }
                }
                "block_argument" => {}
                _ => {
                    if let Some(pairs) = bare_pairs.take() {
                        items.push(Arg::Hash(pairs));
                    }
                    items.push(classify(child, source));
                }
            }
        }
        if let Some(pairs) = bare_pairs {
            items.push(Arg::Hash(pairs));
        }
        CallArgs { items }
    }

    /// Marks the arguments for which `holds_options` says the expression holds a Connect
    /// options hash.
    pub fn mark_connect_options(&mut self, holds_options: impl Fn(Node<'t>) -> bool) {
        for item in &mut self.items {
            if matches!(item, Arg::Other(n) if holds_options(*n)) {
                *item = Arg::ConnectOptions;
            }
        }
    }

    /// The arguments after the first (for `send(:create, …)`).
    pub fn without_first(mut self) -> CallArgs<'t> {
        if !self.items.is_empty() {
            self.items.remove(0);
        }
        self
    }

    /// The first argument, if any.
    pub fn first(&self) -> Option<&Arg<'t>> {
        self.items.first()
    }

    /// The number of positional arguments.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no positional arguments.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The index of the request options hash: the last argument when it is a hash that comes
    /// after another hash, or after the params slot.
    pub fn options_index(&self, slot: ParamsSlot) -> Option<usize> {
        let last = self.items.len().checked_sub(1)?;
        if !matches!(self.items[last], Arg::Hash(_) | Arg::ConnectOptions) {
            return None;
        }
        let after_hash = self.items[..last].iter().any(|a| matches!(a, Arg::Hash(_)));
        let after_params = match slot {
            ParamsSlot::At(i) => last > i,
            ParamsSlot::Absent => last >= 1,
        };
        (after_hash || after_params).then_some(last)
    }

    /// Whether the options hash names a connected account.
    pub fn connect(&self, options: Option<usize>, source: &str) -> bool {
        match options.map(|i| &self.items[i]) {
            Some(Arg::Hash(pairs)) => has_connect_key(pairs, source),
            Some(Arg::ConnectOptions) => true,
            _ => false,
        }
    }

    /// Literal `expand` paths in every hash argument except the options hash.
    pub fn expand(&self, options: Option<usize>, source: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (i, arg) in self.items.iter().enumerate() {
            let Arg::Hash(pairs) = arg else { continue };
            if Some(i) == options {
                continue;
            }
            for pair in pairs {
                if pair_key(*pair, source).as_deref() != Some("expand") {
                    continue;
                }
                if let Some(value) = pair.field("value") {
                    out.extend(expand_values(value, source));
                }
            }
        }
        out
    }
}

/// Classifies one positional argument.
fn classify<'t>(node: Node<'t>, source: &str) -> Arg<'t> {
    match node.kind_name() {
        "nil" => Arg::Nil,
        _ => match hash_pairs(node, source) {
            Some(pairs) => Arg::Hash(pairs),
            None => Arg::Other(node),
        },
    }
}

/// The literal pairs of a hash expression: `{…}`, `{…}.compact`, `{…}.merge({…})`.
fn hash_pairs<'t>(node: Node<'t>, source: &str) -> Option<Vec<Node<'t>>> {
    match node.kind_name() {
        "hash" => Some(
            named_children(node)
                .into_iter()
                .filter(|c| c.kind_name() == "pair")
                .collect(),
        ),
        "call" => {
            let method = method_name(node, source)?;
            if !matches!(
                method,
                "compact" | "merge" | "freeze" | "to_h" | "reverse_merge"
            ) {
                return None;
            }
            let mut pairs = hash_pairs(node.field("receiver")?, source)?;
            if method == "merge" || method == "reverse_merge" {
                let merged = CallArgs::of(node, source);
                for arg in merged.items {
                    if let Arg::Hash(more) = arg {
                        pairs.extend(more);
                    }
                }
            }
            Some(pairs)
        }
        _ => None,
    }
}

/// The key of a `pair` as a string, when literal (`expand:`, `:expand =>`, `"expand" =>`).
fn pair_key(pair: Node<'_>, source: &str) -> Option<String> {
    let key = pair.field("key")?;
    literal_string(key, source)
}

/// The literal strings of an `expand` value: an array of strings or symbols, `%w[…]`, `%i[…]`,
/// or a single string.
fn expand_values(value: Node<'_>, source: &str) -> Vec<String> {
    match value.kind_name() {
        "array" | "string_array" | "symbol_array" => named_children(value)
            .into_iter()
            .filter_map(|e| literal_string(e, source))
            .collect(),
        _ => literal_string(value, source).into_iter().collect(),
    }
}

/// Whether literal pairs include a `stripe_account` key.
pub fn has_connect_key(pairs: &[Node<'_>], source: &str) -> bool {
    pairs
        .iter()
        .any(|p| pair_key(*p, source).as_deref() == Some("stripe_account"))
}

/// The literal pairs of a hash expression, when it is one (`{…}`, `{…}.compact`).
pub fn literal_hash_pairs<'t>(node: Node<'t>, source: &str) -> Option<Vec<Node<'t>>> {
    hash_pairs(node, source)
}
