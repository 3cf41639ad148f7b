//! What a call's arguments tell: request options (`stripeAccount`), literal `expand` lists and
//! how many id-like positional arguments were given.

use crate::model::Model;
use crate::syntax::{
    named_children, object_branches, property_name, string_value, text, unwrap_value,
};
use rakscan_syntax::{FieldLookup, KindName};
use tree_sitter::Node;

/// Facts read from the argument list of one call.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct ArgFacts {
    pub expand: Vec<String>,
    pub connect: bool,
    /// Arguments that are not object literals, functions or options objects: the ids.
    pub positional: usize,
}

/// Reads the arguments of a call. Object arguments given by the name of a variable
/// initialised with an object literal in the same file are read through that literal; an
/// argument that may be one of several objects (`acct ? { stripeAccount: acct } : undefined`)
/// is read through each. A literal `null` or `undefined` is no id: stripe-node reads
/// `accounts.retrieve(null)` as the caller's own account.
pub(crate) fn read_args<'t>(args: Option<Node<'t>>, model: &Model<'t>, source: &str) -> ArgFacts {
    let mut facts = ArgFacts::default();
    let Some(args) = args else { return facts };
    for arg in named_children(args) {
        let arg = unwrap_value(arg);
        let objects = match arg.kind_name() {
            "identifier" => model.object_literals(text(arg, source)).to_vec(),
            _ => object_branches(arg),
        };
        if !objects.is_empty() {
            for obj in objects {
                read_object(obj, source, &mut facts);
            }
            continue;
        }
        let no_id = matches!(
            arg.kind_name(),
            "arrow_function" | "function_expression" | "function" | "null" | "undefined"
        ) || (arg.kind_name() == "identifier" && text(arg, source) == "undefined");
        if !no_id {
            facts.positional += 1;
        }
    }
    facts
}

fn read_object(obj: Node<'_>, source: &str, facts: &mut ArgFacts) {
    for entry in named_children(obj) {
        let key = match entry.kind_name() {
            "pair" => entry.field("key").and_then(|k| property_name(k, source)),
            "shorthand_property_identifier" => Some(text(entry, source).to_owned()),
            _ => None,
        };
        let Some(key) = key else { continue };
        match key.as_str() {
            "stripeAccount" | "stripe_account" => facts.connect = true,
            "expand" => {
                let Some(value) = entry.field("value").map(unwrap_value) else {
                    continue;
                };
                if value.kind_name() == "array" {
                    facts.expand.extend(
                        named_children(value)
                            .into_iter()
                            .filter_map(|s| string_value(s, source)),
                    );
                }
            }
            _ => {}
        }
    }
}
