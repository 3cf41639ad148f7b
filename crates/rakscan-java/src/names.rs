//! What a type name means in one file: the imports, the file's own types and its package's
//! siblings decide whether `Customer` is `com.stripe.model.Customer` or a project class.

use crate::classes;
use crate::tree::{dotted_name, named_children, text};
use rakscan_syntax::{FieldLookup, KindName};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use tree_sitter::Node;

/// The keywords of the type declarations (`@interface` for annotation types): a subtree
/// without one declares no type.
const TYPE_KEYWORDS: &[&str] = &["class", "interface", "enum", "record"];

/// What a type (or a type name used as an expression) stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    /// A Stripe resource class: its path below `com.stripe.model` (`["checkout", "Session"]`).
    Model(Vec<String>),
    /// `com.stripe.StripeClient`.
    Client,
    /// `com.stripe.net.OAuth`, whose static methods talk to connect.stripe.com.
    OAuth,
    /// Anything else.
    Other,
}

/// The name environment of one file.
pub struct Names {
    /// Single-type imports: simple name → fully qualified name.
    single: HashMap<String, String>,
    /// On-demand imports (`import com.stripe.model.*;`): the packages.
    on_demand: Vec<String>,
    /// Types declared anywhere in this file.
    own_types: HashSet<String>,
    /// The file's directory, where the other classes of its package usually live.
    dir: Option<PathBuf>,
    /// Sibling-file checks already made.
    siblings: RefCell<HashMap<String, bool>>,
}

impl Names {
    /// Reads the imports and declared types of a file.
    pub fn collect(root: Node<'_>, source: &str, path: &Path) -> Names {
        let mut names = Names {
            single: HashMap::new(),
            on_demand: Vec::new(),
            own_types: HashSet::new(),
            dir: path.parent().map(Path::to_path_buf),
            siblings: RefCell::new(HashMap::new()),
        };
        for child in named_children(root) {
            if child.kind_name() == "import_declaration" {
                names.add_import(child, source);
            }
        }
        let keywords = rakscan_syntax::Mentions::new(source, TYPE_KEYWORDS);
        rakscan_syntax::walk_pruned(root, |n| {
            if matches!(
                n.kind_name(),
                "class_declaration"
                    | "interface_declaration"
                    | "enum_declaration"
                    | "record_declaration"
                    | "annotation_type_declaration"
            ) && let Some(name) = n.field("name")
            {
                names.own_types.insert(text(name, source).to_owned());
            }
            keywords.may_hold(n)
        });
        names
    }

    fn add_import(&mut self, node: Node<'_>, source: &str) {
        let is_static = (0..node.child_count())
            .filter_map(|i| node.child(i))
            .any(|c| c.kind_name() == "static");
        if is_static {
            return;
        }
        let parts = named_children(node);
        let Some(name) = parts.iter().find(|c| c.kind_name() != "asterisk") else {
            return;
        };
        let Some(segments) = dotted_name(*name, source) else {
            return;
        };
        let joined = segments.join(".");
        if parts.iter().any(|c| c.kind_name() == "asterisk") {
            self.on_demand.push(joined);
        } else if let Some(last) = segments.last() {
            self.single.insert((*last).to_owned(), joined);
        }
    }

    /// Resolves a simple type name by Java's rules: single-type imports, then the file's and
    /// its package's own types, then on-demand imports.
    pub fn resolve_simple(&self, name: &str) -> TypeRef {
        if let Some(fqn) = self.single.get(name) {
            return classify(fqn);
        }
        if self.own_types.contains(name) || self.has_sibling(name) {
            return TypeRef::Other;
        }
        let mut found = None;
        for package in &self.on_demand {
            let candidate = match classify(&format!("{package}.{name}")) {
                TypeRef::Model(path) => {
                    let (class, pkg) = path.split_last().expect("a model path is never empty");
                    if !classes::is_known(pkg, class) {
                        continue;
                    }
                    TypeRef::Model(path)
                }
                found @ (TypeRef::Client | TypeRef::OAuth) => found,
                TypeRef::Other => continue,
            };
            if found.is_some() {
                return TypeRef::Other;
            }
            found = Some(candidate);
        }
        found.unwrap_or(TypeRef::Other)
    }

    /// Resolves a name written with dots: fully qualified (`com.stripe.model.Customer`) or
    /// starting with an imported class.
    pub fn resolve_dotted(&self, segments: &[&str]) -> TypeRef {
        match segments {
            [] => TypeRef::Other,
            [one] => self.resolve_simple(one),
            _ => classify(&segments.join(".")),
        }
    }

    /// Resolves a type node (`Customer`, `com.stripe.model.Customer`, `final var`).
    pub fn resolve_type(&self, node: Node<'_>, source: &str) -> TypeRef {
        match node.kind_name() {
            "type_identifier" => self.resolve_simple(text(node, source)),
            "scoped_type_identifier" => match dotted_name(node, source) {
                Some(segments) => self.resolve_dotted(&segments),
                None => TypeRef::Other,
            },
            _ => TypeRef::Other,
        }
    }

    fn has_sibling(&self, name: &str) -> bool {
        let Some(dir) = &self.dir else {
            return false;
        };
        if let Some(&known) = self.siblings.borrow().get(name) {
            return known;
        }
        let exists = dir.join(format!("{name}.java")).is_file();
        self.siblings.borrow_mut().insert(name.to_owned(), exists);
        exists
    }
}

/// What a fully qualified name is.
pub fn classify(fqn: &str) -> TypeRef {
    match fqn {
        "com.stripe.StripeClient" => return TypeRef::Client,
        "com.stripe.net.OAuth" => return TypeRef::OAuth,
        _ => {}
    }
    let Some(rest) = fqn.strip_prefix("com.stripe.model.") else {
        return TypeRef::Other;
    };
    let segments: Vec<&str> = rest.split('.').collect();
    let Some(class_at) = segments
        .iter()
        .position(|s| s.starts_with(|c: char| c.is_ascii_uppercase()))
    else {
        return TypeRef::Other;
    };
    // Nested classes (`Customer.InvoiceSettings`) and the v2 models are not resources with
    // their own methods; collections and search results are pages of objects.
    let class = segments[class_at];
    if class_at + 1 != segments.len()
        || segments.first() == Some(&"v2")
        || class.ends_with("Collection")
        || class.ends_with("SearchResult")
        || matches!(
            class,
            "StripeObject" | "EventDataObjectDeserializer" | "ExpandableField" | "HasId"
        )
    {
        return TypeRef::Other;
    }
    TypeRef::Model(segments.iter().map(|s| (*s).to_owned()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Types declared at the top, nested, local to a method, in an anonymous class and in a
    /// lambda are all found, though the walk skips subtrees without a type keyword.
    #[test]
    fn own_types_are_found_wherever_declared() {
        let source = "package p;\nimport com.stripe.model.Customer;\n\
            public class Top { static class Nested {} interface Api {}\n\
              void f() { class Local {} Runnable r = () -> { record Point(int x) {} };\n\
                Object o = new Object() { enum Mode { A } }; int n = 1 + 2; }\n\
              @interface Marker {} }\n\
            enum Level { LOW }\n\
            class Broken { void g() { int x = ; class Inner {} } }\n";
        let tree = crate::tree::parse(source).expect("parses");
        let names = Names::collect(tree.root_node(), source, Path::new("Top.java"));
        let mut found: Vec<&str> = names.own_types.iter().map(String::as_str).collect();
        found.sort_unstable();
        assert_eq!(
            found,
            [
                "Api", "Broken", "Inner", "Level", "Local", "Marker", "Mode", "Nested", "Point",
                "Top"
            ]
        );
    }

    #[test]
    fn fully_qualified_names_classify() {
        assert_eq!(
            classify("com.stripe.model.checkout.Session"),
            TypeRef::Model(vec!["checkout".into(), "Session".into()])
        );
        assert_eq!(
            classify("com.stripe.model.Customer"),
            TypeRef::Model(vec!["Customer".into()])
        );
        assert_eq!(classify("com.stripe.StripeClient"), TypeRef::Client);
        assert_eq!(classify("com.stripe.net.OAuth"), TypeRef::OAuth);
        assert_eq!(
            classify("com.stripe.model.CustomerCollection"),
            TypeRef::Other
        );
        assert_eq!(classify("com.stripe.net.Webhook"), TypeRef::Other);
        assert_eq!(classify("com.example.model.Customer"), TypeRef::Other);
    }
}
