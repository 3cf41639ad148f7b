//! The arguments of a call: how many ids come before the params, the literal `expand` paths
//! and whether an options array names a connected account.

use crate::tree::{literal_string, named_children};
use rakscan_syntax::{FieldLookup, KindName};
use tree_sitter::Node;

/// One argument as far as the extractor cares.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'t> {
    /// An array literal (`[...]` or `array(...)`).
    Array(Node<'t>),
    /// A variable or call known to hold an options array with `stripe_account`.
    ConnectOptions,
    /// The literal `null`.
    Null,
    /// A spread `...$args`: the real arguments are unknown.
    Spread,
    /// Anything else (a variable, a string id, a call).
    Other(Node<'t>),
}

/// The positional arguments of one call, in order (named arguments are kept in place).
#[derive(Debug, Clone, Default)]
pub struct CallArgs<'t> {
    pub items: Vec<Arg<'t>>,
}

impl<'t> CallArgs<'t> {
    /// Reads the `arguments` of a call; `holds_connect` says whether an expression is known to
    /// hold a Connect options array.
    pub fn of(call: Node<'t>, holds_connect: impl Fn(Node<'t>) -> bool) -> CallArgs<'t> {
        let list = call.field("arguments").or_else(|| {
            named_children(call)
                .into_iter()
                .find(|c| c.kind_name() == "arguments")
        });
        let Some(list) = list else {
            return CallArgs::default();
        };
        let items = named_children(list)
            .into_iter()
            .filter(|c| c.kind_name() == "argument")
            .filter_map(|argument| {
                let label = argument.field("name");
                let value = named_children(argument)
                    .into_iter()
                    .rfind(|c| label.is_none_or(|n| n.id() != c.id()))?;
                Some(match value.kind_name() {
                    "array_creation_expression" => Arg::Array(value),
                    "null" => Arg::Null,
                    "variadic_unpacking" => Arg::Spread,
                    _ if holds_connect(value) => Arg::ConnectOptions,
                    _ => Arg::Other(value),
                })
            })
            .collect();
        CallArgs { items }
    }

    /// The number of ids given before the params: leading arguments that are neither arrays
    /// nor `null` (`retrieve(null, $opts)` reads the caller's own account, as if no id were
    /// given). A spread counts as one.
    pub fn ids(&self) -> usize {
        self.items
            .iter()
            .take_while(|a| matches!(a, Arg::Other(_) | Arg::Spread))
            .count()
    }

    /// Whether any argument after the first is a Connect options array; with `options_first`
    /// (a call whose only parameter is `$opts`, such as `Balance::retrieve($opts)`) the first
    /// argument counts too.
    pub fn connect(&self, source: &str, options_first: bool) -> bool {
        let skip = usize::from(!options_first);
        self.items.iter().skip(skip).any(|a| match a {
            Arg::Array(array) => has_key(*array, "stripe_account", source),
            Arg::ConnectOptions => true,
            _ => false,
        })
    }

    /// The literal `expand` paths of every array argument.
    pub fn expand(&self, source: &str) -> Vec<String> {
        let mut out = Vec::new();
        for arg in &self.items {
            if let Arg::Array(array) = arg {
                for value in values_of(*array, "expand", source) {
                    out.extend(expand_values(value, source));
                }
            }
        }
        out
    }

    /// The first argument, if any.
    pub fn first(&self) -> Option<Arg<'t>> {
        self.items.first().copied()
    }

    /// The second argument, if any.
    pub fn second(&self) -> Option<Arg<'t>> {
        self.items.get(1).copied()
    }
}

/// The values stored under a literal key in an array literal.
fn values_of<'t>(array: Node<'t>, key: &str, source: &str) -> Vec<Node<'t>> {
    named_children(array)
        .into_iter()
        .filter(|e| e.kind_name() == "array_element_initializer")
        .filter_map(|element| {
            let parts = named_children(element);
            match parts.as_slice() {
                [k, v] if literal_string(*k, source).as_deref() == Some(key) => Some(*v),
                _ => None,
            }
        })
        .collect()
}

/// Whether an array literal has a literal key.
pub fn has_key(array: Node<'_>, key: &str, source: &str) -> bool {
    !values_of(array, key, source).is_empty()
}

/// The literal strings of an `expand` value: an array of strings, or one string.
fn expand_values(value: Node<'_>, source: &str) -> Vec<String> {
    match value.kind_name() {
        "array_creation_expression" => named_children(value)
            .into_iter()
            .filter_map(|element| {
                let parts = named_children(element);
                match parts.as_slice() {
                    [v] => literal_string(*v, source),
                    _ => None,
                }
            })
            .collect(),
        _ => literal_string(value, source).into_iter().collect(),
    }
}
