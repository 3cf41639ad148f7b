//! A first pass over the file that collects what the main pass needs to know ahead of use:
//! the namespaces the file defines, and which instance variables, constants and methods hold or
//! return a `Stripe::StripeClient` (a method may be defined after the code that calls it).
//! Instance and class variables and methods are kept per class: a class sees its own, its
//! bases', its subclasses' and its mixed-in modules' within the file, not an unrelated class's.

use crate::args::{has_connect_key, literal_hash_pairs};
use crate::constants::{ConstPath, Nesting, const_path};
use crate::tree::{Step, last_statement, literal_string, method_name, named_children, text};
use rakscan_syntax::classes::{ClassScoped, Families};
use rakscan_syntax::{FieldLookup, KindName, Mentions, walk_steps_pruned};
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

/// What the first pass learnt about a file.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FileFacts {
    /// Full names of the modules and classes the file defines (`Pay`, `Pay::Stripe`).
    pub defined: HashSet<String>,
    /// Instance, class and global variables and constants assigned a Stripe client
    /// ([`Held::Client`]) or an instance of some other class (`Other.new`, or
    /// `StripeClient.new` of the project's own class): the latter are known not to be
    /// Stripe's, whatever they are called. Kept by class (see [`holder_owner`]).
    pub holders: ClassScoped<Held>,
    /// Methods and attribute readers of each class, and whether they return a Stripe client.
    pub methods: ClassScoped<bool>,
    /// The file's classes and modules grouped by inheritance and `include`.
    pub families: Families,
    /// Every method and attribute reader the file defines: a name among these that is not a
    /// client method is known not to be one, whatever it is called.
    pub defined_methods: HashSet<String>,
    /// Methods that return an options hash naming a connected account
    /// (`def stripe_options = { stripe_account: account_id }.compact`).
    pub connect_option_methods: HashSet<String>,
    /// The file names `Stripe::StripeClient` somewhere (code, a type signature or a doc
    /// comment), so a `client.v1.…` chain on an
    /// unbound `client` is probably Stripe's (other SDKs have `v1` namespaces too).
    pub names_stripe_client: bool,
}

/// What a variable or constant is assigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// A Stripe client (somewhere: a client beside another value stays a client).
    Client,
    /// Only instances of some other class.
    Other,
}

impl Held {
    /// What a holder assigned both `self` and `other` holds: a client if either is one.
    fn merge(&self, other: Held) -> Held {
        if *self == Held::Client {
            Held::Client
        } else {
            other
        }
    }
}

impl FileFacts {
    /// What the holder `name` (`@client`, `CLIENT`) read in `class` is assigned.
    pub fn held(&self, class: Option<&str>, name: &str) -> Option<Held> {
        self.holders.get(&self.families, class, name, Held::merge)
    }

    /// Whether the method `name` called in `class` returns a Stripe client.
    pub fn is_client_method(&self, class: Option<&str>, name: &str) -> bool {
        self.methods.get(&self.families, class, name, either) == Some(true)
    }
}

/// Whether a method defined twice returns a client: if either definition does.
fn either(a: &bool, b: bool) -> bool {
    *a || b
}

/// The class a holder of kind `kind` belongs to at the walk's `nesting`: instance and class
/// variables belong to the innermost class or module; globals, constants and variables at
/// the top level to none (every class sees them).
pub fn holder_owner<'n>(kind: &str, nesting: &'n Nesting) -> Option<&'n str> {
    let in_class = matches!(kind, "instance_variable" | "class_variable");
    in_class.then(|| nesting.current_class()).flatten()
}

/// What a method returns, when it might be a client.
enum Returns {
    Holder(String),
    Method(String),
}

/// A word in the text of every node the first pass reads: the keywords of definitions, the
/// `new` of a construction assigned to a holder, the attribute readers' names. The pass goes
/// only into subtrees that hold one of them.
const FACT_WORDS: &[&str] = &[
    "module",
    "class",
    "def",
    "new",
    "attr_reader",
    "attr_accessor",
    "include",
    "extend",
    "prepend",
];

/// Runs the first pass.
pub fn collect(root: Node<'_>, source: &str) -> FileFacts {
    let mentions = Mentions::new(source, FACT_WORDS);
    collect_within(root, source, |node| mentions.may_hold(node))
}

/// Runs the first pass, going into the subtrees of the nodes `descend` accepts.
fn collect_within(root: Node<'_>, source: &str, descend: impl Fn(Node<'_>) -> bool) -> FileFacts {
    let mut facts = FileFacts {
        names_stripe_client: source.contains("Stripe::StripeClient"),
        ..FileFacts::default()
    };
    let mut nesting = Nesting::default();
    let mut pending: HashMap<(Option<String>, String), Returns> = HashMap::new();
    walk_steps_pruned(root, |step| match step {
        Step::Enter(node) => {
            read(node, source, &mut facts, &mut nesting, &mut pending);
            descend(node)
        }
        Step::Leave(node) => {
            if matches!(node.kind_name(), "module" | "class") {
                nesting.leave();
            }
            false
        }
    });
    facts.families = facts.holders.families();
    // Methods returning a holder or another client method (two rounds cover a reader that
    // returns a memoising method).
    for _ in 0..2 {
        for ((class, name), r) in &pending {
            let class = class.as_deref();
            let is_client = match r {
                Returns::Holder(h) => facts.held(class, h) == Some(Held::Client),
                Returns::Method(m) => facts.is_client_method(class, m),
            };
            if is_client {
                facts.methods.set(class, name, true, either);
            }
        }
    }
    facts
}

/// Reads what one node of the first pass's walk tells (on entering it).
fn read(
    node: Node<'_>,
    source: &str,
    facts: &mut FileFacts,
    nesting: &mut Nesting,
    pending: &mut HashMap<(Option<String>, String), Returns>,
) {
    let class = nesting.current_class().map(str::to_owned);
    match node.kind_name() {
        "module" | "class" => {
            let name = nesting.enter(node, source).to_owned();
            facts.holders.note_class(&name, None);
            let superclass = node.field("superclass").and_then(|s| s.named_child(0));
            if let Some(path) = superclass.and_then(|s| const_path(s, source)) {
                note_base(facts, nesting, &path);
            }
            facts.defined.insert(name);
        }
        "assignment" | "operator_assignment" => {
            if let (Some(left), Some(right)) = (node.field("left"), node.field("right")) {
                let held = if is_client_construction(right, source) {
                    Some(Held::Client)
                } else {
                    is_other_construction(right, source).then_some(Held::Other)
                };
                if let Some(held) = held.filter(|_| is_holder(left)) {
                    let owner = holder_owner(left.kind_name(), nesting);
                    let name = text(left, source);
                    facts.holders.set(owner, name, held, Held::merge);
                }
            }
        }
        "method" | "singleton_method" => {
            let Some(name) = node.field("name") else {
                return;
            };
            let name = text(name, source).to_owned();
            facts.defined_methods.insert(name.clone());
            facts.methods.set(class.as_deref(), &name, false, either);
            let last = node.field("body").and_then(last_statement);
            let connect = last
                .and_then(|l| literal_hash_pairs(l, source))
                .is_some_and(|pairs| has_connect_key(&pairs, source));
            if connect {
                facts.connect_option_methods.insert(name.clone());
            }
            match last.and_then(|l| returned(l, source)) {
                Some(Ok(())) => {
                    facts.methods.set(class.as_deref(), &name, true, either);
                }
                Some(Err(r)) => {
                    pending.insert((class, name), r);
                }
                None => {}
            }
        }
        "call" if node.field("receiver").is_none() => {
            let method = method_name(node, source);
            let is_reader = matches!(method, Some("attr_reader" | "attr_accessor"));
            let mixes_in = matches!(method, Some("include" | "extend" | "prepend"));
            let args = named_children_of(node.field("arguments"));
            for arg in args.iter().filter(|_| is_reader) {
                if let Some(attr) = literal_string(*arg, source) {
                    facts.defined_methods.insert(attr.clone());
                    facts.methods.set(class.as_deref(), &attr, false, either);
                    let key = (class.clone(), attr.clone());
                    pending.insert(key, Returns::Holder(format!("@{attr}")));
                }
            }
            for arg in args.iter().filter(|_| mixes_in) {
                if let Some(path) = const_path(*arg, source) {
                    note_base(facts, nesting, &path);
                }
            }
        }
        _ => {}
    }
}

/// The named children of an optional node (none without it).
fn named_children_of(node: Option<Node<'_>>) -> Vec<Node<'_>> {
    node.map(named_children).unwrap_or_default()
}

/// Records that the innermost class or module inherits from (or mixes in) the one `path`
/// names, as each of the names Ruby's lexical lookup could find for it (`Base` inside
/// `Pay::Billing`: `Pay::Billing::Base`, `Pay::Base`, `Base`); only those the file defines link
/// classes.
fn note_base(facts: &mut FileFacts, nesting: &Nesting, path: &ConstPath) {
    let Some(class) = nesting.current_class() else {
        return;
    };
    for candidate in nesting.candidates(path) {
        facts.holders.note_class(class, Some(&candidate));
    }
}

/// Whether a node is a place that keeps its value beyond one method.
fn is_holder(left: Node<'_>) -> bool {
    matches!(
        left.kind_name(),
        "instance_variable" | "class_variable" | "global_variable" | "constant"
    )
}

/// What the last expression of a method returns: `Ok` for a client, `Err` for a holder or
/// method to look at later.
fn returned(last: Node<'_>, source: &str) -> Option<Result<(), Returns>> {
    match last.kind_name() {
        "assignment" | "operator_assignment" => {
            let right = last.field("right")?;
            if is_client_construction(right, source) {
                return Some(Ok(()));
            }
            let left = last.field("left")?;
            is_holder(left).then(|| Err(Returns::Holder(text(left, source).to_owned())))
        }
        "instance_variable" | "class_variable" | "global_variable" | "constant" => {
            Some(Err(Returns::Holder(text(last, source).to_owned())))
        }
        "identifier" => Some(Err(Returns::Method(text(last, source).to_owned()))),
        _ if is_client_construction(last, source) => Some(Ok(())),
        _ => None,
    }
}

/// `Stripe::StripeClient.new(...)` or `::Stripe::StripeClient.new(...)`.
pub fn is_client_construction(node: Node<'_>, source: &str) -> bool {
    if node.kind_name() != "call" || method_name(node, source) != Some("new") {
        return false;
    }
    node.field("receiver")
        .and_then(|r| const_path(r, source))
        .is_some_and(|p| p.segments == ["Stripe", "StripeClient"])
}

/// `Something.new(...)` of a class other than the Stripe client.
fn is_other_construction(node: Node<'_>, source: &str) -> bool {
    node.kind_name() == "call"
        && method_name(node, source) == Some("new")
        && node
            .field("receiver")
            .and_then(|r| const_path(r, source))
            .is_some_and(|p| p.segments != ["Stripe", "StripeClient"])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pruned walk learns what a walk into every node learns, on the Ruby fixtures and on
    /// a file whose facts sit in subtrees with and without the words.
    #[test]
    fn pruned_first_pass_learns_what_the_full_walk_learns() {
        let mut sources = rakscan_syntax::testing::fixture_sources("ruby", "rb");
        sources.push(
            "module Pay\n  class Billing\n    attr_reader :stripe, :other\n    \
             def initialize\n      @stripe = Stripe::StripeClient.new(ENV['K'])\n      \
             @other = Other.new\n      x = [1, { a: 2 }]\n    end\n    \
             def client = stripe\n    def opts\n      { stripe_account: 'acct' }\n    end\n  \
             end\nend\nputs(1 + 2)\nmodule Helpers\n  X = 1\nend\n\
             class Shop < Pay::Billing\n  include Helpers\nend\n"
                .to_owned(),
        );
        let mut compared = 0;
        for source in &sources {
            let tree = crate::tree::parse(source).expect("parses");
            let pruned = collect(tree.root_node(), source);
            let full = collect_within(tree.root_node(), source, |_| true);
            assert_eq!(pruned, full, "{source}");
            compared += usize::from(!full.defined_methods.is_empty());
        }
        assert!(compared > 3, "the sources define methods");
    }
}
