//! A first pass over the file that collects what the main pass needs to know ahead of use:
//! the namespaces the file defines, and which instance variables, constants and methods hold or
//! return a `Stripe::StripeClient` (a method may be defined after the code that calls it).

use crate::args::{has_connect_key, literal_hash_pairs};
use crate::constants::{Nesting, const_path};
use crate::tree::{Step, last_statement, literal_string, method_name, named_children, text};
use rakscan_syntax::{FieldLookup, KindName, Mentions, walk_steps_pruned};
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

/// What the first pass learnt about a file.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FileFacts {
    /// Full names of the modules and classes the file defines (`Pay`, `Pay::Stripe`).
    pub defined: HashSet<String>,
    /// Instance, class and global variables and constants assigned a Stripe client somewhere.
    pub client_holders: HashSet<String>,
    /// Methods (and attribute readers) that return a Stripe client.
    pub client_methods: HashSet<String>,
    /// Every method and attribute reader the file defines: a name among these that is not a
    /// client method is known not to be one, whatever it is called.
    pub defined_methods: HashSet<String>,
    /// Variables and constants assigned an instance of some other class (`StripeClient.new`
    /// of the project's own class): known not to be Stripe's, whatever they are called.
    pub other_holders: HashSet<String>,
    /// Methods that return an options hash naming a connected account
    /// (`def stripe_options = { stripe_account: account_id }.compact`).
    pub connect_option_methods: HashSet<String>,
    /// The file names `Stripe::StripeClient` somewhere (code, a type signature or a doc
    /// comment), so a `client.v1.…` chain on an
    /// unbound `client` is probably Stripe's (other SDKs have `v1` namespaces too).
    pub names_stripe_client: bool,
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
    let mut pending: HashMap<String, Returns> = HashMap::new();
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
    // Methods returning a holder or another client method (two rounds cover a reader that
    // returns a memoising method).
    for _ in 0..2 {
        for (name, r) in &pending {
            let is_client = match r {
                Returns::Holder(h) => facts.client_holders.contains(h),
                Returns::Method(m) => facts.client_methods.contains(m),
            };
            if is_client {
                facts.client_methods.insert(name.clone());
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
    pending: &mut HashMap<String, Returns>,
) {
    match node.kind_name() {
        "module" | "class" => {
            let name = nesting.enter(node, source).to_owned();
            facts.defined.insert(name);
        }
        "assignment" | "operator_assignment" => {
            if let (Some(left), Some(right)) = (node.field("left"), node.field("right")) {
                if is_holder(left) && is_client_construction(right, source) {
                    facts.client_holders.insert(text(left, source).to_owned());
                } else if is_holder(left) && is_other_construction(right, source) {
                    facts.other_holders.insert(text(left, source).to_owned());
                }
            }
        }
        "method" | "singleton_method" => {
            let Some(name) = node.field("name") else {
                return;
            };
            let name = text(name, source).to_owned();
            facts.defined_methods.insert(name.clone());
            let last = node.field("body").and_then(last_statement);
            let connect = last
                .and_then(|l| literal_hash_pairs(l, source))
                .is_some_and(|pairs| has_connect_key(&pairs, source));
            if connect {
                facts.connect_option_methods.insert(name.clone());
            }
            match last.and_then(|l| returned(l, source)) {
                Some(Ok(())) => {
                    facts.client_methods.insert(name);
                }
                Some(Err(r)) => {
                    pending.insert(name, r);
                }
                None => {}
            }
        }
        "call" if node.field("receiver").is_none() => {
            let is_reader = matches!(
                method_name(node, source),
                Some("attr_reader" | "attr_accessor")
            );
            let args = node.field("arguments").filter(|_| is_reader);
            for arg in args.map(named_children).unwrap_or_default() {
                {
                    if let Some(attr) = literal_string(arg, source) {
                        facts.defined_methods.insert(attr.clone());
                        pending.insert(attr.clone(), Returns::Holder(format!("@{attr}")));
                    }
                }
            }
        }
        _ => {}
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
             end\nend\nputs(1 + 2)\n"
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
