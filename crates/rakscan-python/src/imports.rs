//! Import statements that bind names to the Stripe package.

use crate::syntax::text;
use crate::value::Value;
use rakscan_syntax::{FieldLookup, KindName};
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

/// Packages whose `stripe` attribute is the official SDK module (`from async_stripe import
/// stripe` wraps it with awaitable methods).
const WRAPPER_PACKAGES: [&str; 1] = ["async_stripe"];

/// `import stripe`, `import stripe as s`, `from stripe import Customer, StripeClient`,
/// `from stripe.checkout import Session`, `from async_stripe import stripe`. Module-level
/// classes and functions of the same name shadow an import.
pub fn collect_imports(root: Node<'_>, source: &str) -> HashMap<String, Value> {
    let mut imports = HashMap::new();
    let mut shadowed = HashSet::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match node.kind_name() {
            "import_statement" => {
                let mut cursor = node.walk();
                for name in node.fields("name", &mut cursor) {
                    let (dotted, alias) = name_and_alias(name, source);
                    let parts: Vec<&str> = dotted.split('.').map(str::trim).collect();
                    if parts.first() != Some(&"stripe") {
                        continue;
                    }
                    match alias {
                        Some(alias) => {
                            let path = parts[1..].iter().map(|s| s.to_string()).collect();
                            imports.insert(alias.to_owned(), Value::Module(path));
                        }
                        None => {
                            imports.insert("stripe".to_owned(), Value::Module(Vec::new()));
                        }
                    }
                }
            }
            "import_from_statement" => {
                let module = node
                    .field("module_name")
                    .map(|n| text(n, source))
                    .unwrap_or("");
                let parts: Vec<String> = module.split('.').map(|s| s.trim().to_owned()).collect();
                let wrapper = parts.len() == 1 && WRAPPER_PACKAGES.contains(&parts[0].as_str());
                if parts.first().map(String::as_str) != Some("stripe") && !wrapper {
                    continue;
                }
                let mut cursor = node.walk();
                for name in node.fields("name", &mut cursor) {
                    let (imported, alias) = name_and_alias(name, source);
                    let bound =
                        alias.unwrap_or_else(|| imported.split('.').next().unwrap_or(imported));
                    let value = if wrapper {
                        if imported != "stripe" {
                            continue;
                        }
                        Value::Module(Vec::new())
                    } else {
                        imported
                            .split('.')
                            .fold(Value::Module(parts[1..].to_vec()), |v, part| {
                                v.attribute(part.trim())
                            })
                    };
                    imports.insert(bound.to_owned(), value);
                }
            }
            "class_definition" | "function_definition"
                if node.parent().is_some_and(|p| p.kind_name() == "module") =>
            {
                if let Some(name) = node.field("name") {
                    shadowed.insert(text(name, source).to_owned());
                }
            }
            _ => {}
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    for name in shadowed {
        if !matches!(imports.get(&name), Some(Value::Module(_))) {
            imports.remove(&name);
        }
    }
    imports
}

fn name_and_alias<'s>(name: Node<'_>, source: &'s str) -> (&'s str, Option<&'s str>) {
    match name.kind_name() {
        "aliased_import" => (
            name.field("name").map(|n| text(n, source)).unwrap_or(""),
            name.field("alias").map(|n| text(n, source)),
        ),
        _ => (text(name, source), None),
    }
}
