//! Import statements that bind names to the Stripe package, or to the Stripe values other
//! modules of the project hold.

use crate::syntax::text;
use crate::value::Value;
use rakscan_syntax::{FieldLookup, KindName, mentions_stripe};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use tree_sitter::Node;

/// The modules of the project a file is read in, for imports that do not name the SDK.
pub(crate) trait ProjectModules {
    /// The Stripe values a module holds at its top level, by name; `module` as the file
    /// writes it (`app.clients`, `.clients`, `..`). Empty when the module is not the
    /// project's or holds nothing of Stripe's.
    fn names(&self, module: &str) -> BTreeMap<String, Value>;

    /// Whether `module` is one of the project's own (as the file writes it).
    fn holds(&self, module: &str) -> bool;
}

/// Packages whose `stripe` attribute is the official SDK module (`from async_stripe import
/// stripe` wraps it with awaitable methods).
const WRAPPER_PACKAGES: [&str; 1] = ["async_stripe"];

/// The node kinds that can hold a statement, and so an import, below them: imports are
/// statements, never inside an expression.
const STATEMENT_HOLDERS: &[&str] = &[
    "module",
    "block",
    "if_statement",
    "elif_clause",
    "else_clause",
    "for_statement",
    "while_statement",
    "try_statement",
    "except_clause",
    "finally_clause",
    "with_statement",
    "match_statement",
    "case_clause",
    "function_definition",
    "class_definition",
    "decorated_definition",
];

/// `import stripe`, `import stripe as s`, `from stripe import Customer, StripeClient`,
/// `from stripe.checkout import Session`, `from async_stripe import stripe`; with a project,
/// also the project's modules that hold Stripe values (`from app.clients import client`,
/// `import app.clients as clients`, `from . import clients`, `from .setup import *`).
/// Module-level classes and functions of the same name shadow an import.
pub(crate) fn collect_imports(
    root: Node<'_>,
    source: &str,
    project: Option<&dyn ProjectModules>,
) -> HashMap<String, Value> {
    let mut imports = HashMap::new();
    let mut shadowed = HashSet::new();
    statements(root, source, |node| match node.kind_name() {
        "import_statement" => {
            let mut cursor = node.walk();
            for name in node.fields("name", &mut cursor) {
                let (dotted, alias) = name_and_alias(name, source);
                let parts: Vec<&str> = dotted.split('.').map(str::trim).collect();
                if parts.first() != Some(&"stripe") {
                    if let Some(project) = project {
                        bind_module(&mut imports, project, &parts, alias);
                    }
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
                if let Some(project) = project {
                    bind_from_project(&mut imports, project, node, module, source);
                }
                bind_foreign_classes(&mut imports, project, node, module, source);
                return;
            }
            let mut cursor = node.walk();
            for name in node.fields("name", &mut cursor) {
                let (imported, alias) = name_and_alias(name, source);
                let bound = alias.unwrap_or_else(|| imported.split('.').next().unwrap_or(imported));
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
    });
    for name in shadowed {
        if !matches!(imports.get(&name), Some(Value::Module(_))) {
            imports.remove(&name);
        }
    }
    imports
}

/// `import a.b.c as m` binds `m` to the module `a.b.c`; `import a.b.c` binds `a` to the
/// package `a` holding `b` holding `c` (merged with what other imports of `a.…` bound).
fn bind_module(
    imports: &mut HashMap<String, Value>,
    project: &dyn ProjectModules,
    parts: &[&str],
    alias: Option<&str>,
) {
    if let Some(alias) = alias {
        if let Some(module) = namespace(project.names(&parts.join("."))) {
            imports.insert(alias.to_owned(), module);
        }
        return;
    }
    let mut value = None;
    for depth in (1..=parts.len()).rev() {
        let mut names = project.names(&parts[..depth].join("."));
        if let Some(inner) = value.take() {
            names.insert(parts[depth].to_owned(), inner);
        }
        value = namespace(names);
    }
    if let Some(value) = value {
        let merged = match imports.remove(parts[0]) {
            Some(bound) => merge(bound, value),
            None => value,
        };
        imports.insert(parts[0].to_owned(), merged);
    }
}

/// `from <module> import name [as alias], …` and `from <module> import *` of a module of the
/// project: each name is what the module holds under it, else its submodule of that name.
fn bind_from_project(
    imports: &mut HashMap<String, Value>,
    project: &dyn ProjectModules,
    node: Node<'_>,
    module: &str,
    source: &str,
) {
    let names = project.names(module);
    let mut cursor = node.walk();
    if node
        .named_children(&mut cursor)
        .any(|c| c.kind_name() == "wildcard_import")
    {
        imports.extend(names.clone());
    }
    for name in node.fields("name", &mut cursor) {
        let (imported, alias) = name_and_alias(name, source);
        let value = names.get(imported).cloned().or_else(|| {
            let separator = if module.ends_with('.') { "" } else { "." };
            namespace(project.names(&format!("{module}{separator}{imported}")))
        });
        if let Some(value) = value {
            imports.insert(alias.unwrap_or(imported).to_owned(), value);
        }
    }
}

/// `from billing_sdk import Client`: classes of a package that is neither Stripe's nor the
/// project's, nor named after Stripe, are [`Value::Foreign`] (names the project's modules
/// bound to Stripe values stay as they are).
fn bind_foreign_classes(
    imports: &mut HashMap<String, Value>,
    project: Option<&dyn ProjectModules>,
    node: Node<'_>,
    module: &str,
    source: &str,
) {
    if module.starts_with('.')
        || mentions_stripe(module)
        || project.is_some_and(|p| p.holds(module))
    {
        return;
    }
    let mut cursor = node.walk();
    for name in node.fields("name", &mut cursor) {
        let (imported, alias) = name_and_alias(name, source);
        let bound = alias.unwrap_or(imported);
        let class = imported
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase());
        if class && !mentions_stripe(imported) && !imports.contains_key(bound) {
            imports.insert(bound.to_owned(), Value::Foreign);
        }
    }
}

/// A module's names as a value, if it holds any.
fn namespace(names: BTreeMap<String, Value>) -> Option<Value> {
    (!names.is_empty()).then(|| Value::Namespace(Arc::new(names)))
}

/// Two bindings of one package name by `import a.x` and `import a.y`: the package with both.
fn merge(first: Value, second: Value) -> Value {
    match (first, second) {
        (Value::Namespace(a), Value::Namespace(b)) => {
            let mut names = Arc::unwrap_or_clone(a);
            for (name, value) in Arc::unwrap_or_clone(b) {
                let value = match names.remove(&name) {
                    Some(existing) => merge(existing, value),
                    None => value,
                };
                names.insert(name, value);
            }
            Value::Namespace(Arc::new(names))
        }
        (first, _) => first,
    }
}

/// Calls `visit` on `root` and on the named nodes below it that can be or hold a statement,
/// the last child first (the order the imports have always been read in: of two imports of
/// one name, the first in the file wins). Only nodes whose text names `import` are gone into
/// (all the imports, and the module-level definitions when there is one); subtrees with a
/// syntax error are visited whole.
fn statements<'t>(root: Node<'t>, source: &str, mut visit: impl FnMut(Node<'t>)) {
    let imports = rakscan_syntax::Mentions::new(source, &["import"]);
    let mut cursor = root.walk();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        visit(node);
        if node.has_error()
            || (STATEMENT_HOLDERS.contains(&node.kind_name()) && imports.may_hold(node))
        {
            stack.extend(node.named_children(&mut cursor));
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Imports in every kind of statement, in expressions' places that hold none, and in a
    /// broken file: the pruned walk visits each import and module-level definition the full
    /// walk visits, and no node when the file imports nothing.
    #[test]
    fn the_statement_walk_visits_every_import_and_definition() {
        let sources = [
            "import stripe\nif a:\n    import stripe as s\nelif b:\n    from stripe import X\n\
             else:\n    import os\nfor i in x:\n    import a\nelse:\n    import b\n\
             while c:\n    import d\ntry:\n    import e\nexcept E:\n    import f\n\
             else:\n    import g\nfinally:\n    import h\nwith w as v:\n    import i\n\
             match m:\n    case 1:\n        import j\n\
             @dec\ndef f(a=lambda: 1):\n    import k\n    class C:\n        import l\n\
                 def g(self):\n            from stripe import Customer as C\n\
             async def h():\n    async with x:\n        import m\n    async for y in z:\n\
                     import n\nclass D(B):\n    x = [i for i in y]\n    import o\n",
            "import stripe\ndef f(:\n    import stripe as s\n  x = (\nclass C:\n    pass\n",
        ];
        for source in sources {
            let tree =
                rakscan_syntax::parse("python", || tree_sitter_python::LANGUAGE.into(), source)
                    .expect("parses");
            let wanted = |n: &Node<'_>| match n.kind_name() {
                "import_statement" | "import_from_statement" => true,
                "class_definition" | "function_definition" => {
                    n.parent().is_some_and(|p| p.kind_name() == "module")
                }
                _ => false,
            };
            let mut all = Vec::new();
            rakscan_syntax::preorder(tree.root_node(), |n| {
                if wanted(&n) {
                    all.push(n.id());
                }
            });
            let mut seen = Vec::new();
            statements(tree.root_node(), source, |n| {
                if wanted(&n) {
                    seen.push(n.id());
                }
            });
            assert!(all.len() > 3, "{source}");
            assert!(seen.len() > 3, "{source}");
            all.sort_unstable();
            seen.sort_unstable();
            assert_eq!(seen, all, "{source}");
        }
        let source = "def f():\n    pass\nclass C:\n    x = 1\n";
        let tree = rakscan_syntax::parse("python", || tree_sitter_python::LANGUAGE.into(), source)
            .expect("parses");
        let mut seen = 0;
        statements(tree.root_node(), source, |_| seen += 1);
        assert_eq!(seen, 1, "only the module is visited");
    }
}
