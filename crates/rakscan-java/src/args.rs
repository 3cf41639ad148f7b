//! Arguments read as data: literal string lists and the request modifiers a builder or map
//! call adds (`addExpand`, `addAllExpand`, `put("expand", …)`, `setStripeAccount`).

use crate::tree::{literal_string, named_children, text};
use crate::value::Extras;
use rakscan_syntax::{FieldLookup, KindName};
use tree_sitter::Node;

/// The strings of a list written with literals only: `List.of("a", "b")`, `Arrays.asList(…)`,
/// `Collections.singletonList(…)`, `new ArrayList<>(List.of(…))`, `new String[] {"a"}`.
pub fn literal_list(node: Node<'_>, source: &str) -> Option<Vec<String>> {
    literal_list_within(node, source, 4)
}

fn literal_list_within(node: Node<'_>, source: &str, depth: usize) -> Option<Vec<String>> {
    let depth = depth.checked_sub(1)?;
    match node.kind_name() {
        "method_invocation" => {
            let name = text(node.field("name")?, source);
            if !matches!(
                name,
                "of" | "asList" | "singletonList" | "newArrayList" | "copyOf" | "singleton"
            ) {
                return None;
            }
            let args = crate::tree::arguments(node);
            if let [only] = args.as_slice()
                && only.kind_name() != "string_literal"
            {
                return literal_list_within(*only, source, depth);
            }
            args.iter().map(|a| literal_string(*a, source)).collect()
        }
        "object_creation_expression" => match crate::tree::arguments(node).as_slice() {
            [] => Some(Vec::new()),
            [inner] => literal_list_within(*inner, source, depth),
            _ => None,
        },
        "array_creation_expression" => {
            let init = node.field("value")?;
            literal_list_within(init, source, depth)
        }
        "array_initializer" => named_children(node)
            .iter()
            .map(|a| literal_string(*a, source))
            .collect(),
        _ => None,
    }
}

/// The modifiers a call adds by itself. `strings` reads a list argument (a literal list or a
/// variable holding one).
pub fn own_extras(
    name: &str,
    args: &[Node<'_>],
    source: &str,
    strings: impl Fn(Node<'_>) -> Option<Vec<String>>,
) -> Extras {
    let mut extras = Extras::default();
    match (name, args) {
        ("addExpand", _) => {
            extras.expand = args
                .iter()
                .filter_map(|a| literal_string(*a, source))
                .collect();
        }
        ("addAllExpand", [list]) => extras.expand = strings(*list).unwrap_or_default(),
        ("put", [key, value]) => match literal_string(*key, source).as_deref() {
            Some("expand") => extras.expand = strings(*value).unwrap_or_default(),
            Some("expand[]") => {
                extras.expand = literal_string(*value, source).into_iter().collect()
            }
            _ => {}
        },
        ("setStripeAccount", [_]) => extras.connect = true,
        _ => {}
    }
    extras
}
