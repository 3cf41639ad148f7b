//! Depth-first walks over a syntax tree with a tree cursor, without recursion (deep nesting
//! cannot overflow the stack): with enter and leave steps or pre-order, pruned or not.

use crate::KindName;
use tree_sitter::Node;

/// One step of a depth-first walk: a node is entered before its children and left after them.
pub enum Step<'t> {
    Enter(Node<'t>),
    Leave(Node<'t>),
}

/// Walks every node under `root` in source order with a tree cursor, without recursion, so
/// deep nesting cannot overflow the stack.
pub fn walk<'t>(root: Node<'t>, mut visit: impl FnMut(Step<'t>)) {
    walk_steps_pruned(root, |step| {
        visit(step);
        true
    });
}

/// Walks every node under `root` like [`walk`], reading each node's kind once: `visit` is
/// given it on entering the node and again on leaving it.
pub fn walk_kinds<'t>(root: Node<'t>, mut visit: impl FnMut(Step<'t>, &'static str)) {
    let mut kinds: Vec<&'static str> = Vec::new();
    walk(root, |step| match step {
        Step::Enter(node) => {
            let kind = node.kind_name();
            kinds.push(kind);
            visit(Step::Enter(node), kind);
        }
        Step::Leave(node) => {
            let kind = kinds.pop().unwrap_or_else(|| node.kind_name());
            visit(Step::Leave(node), kind);
        }
    });
}

/// Walks the nodes under `root` in source order like [`walk`]; on entering a node `visit`
/// returns whether to go into its children (what it returns on leaving is ignored). A node not
/// gone into is still left, right after it is entered.
pub fn walk_steps_pruned<'t>(root: Node<'t>, mut visit: impl FnMut(Step<'t>) -> bool) {
    let mut cursor = root.walk();
    let mut descend = visit(Step::Enter(root));
    loop {
        if descend && cursor.goto_first_child() {
            descend = visit(Step::Enter(cursor.node()));
            continue;
        }
        loop {
            let node = cursor.node();
            visit(Step::Leave(node));
            if node.id() == root.id() {
                return;
            }
            if cursor.goto_next_sibling() {
                descend = visit(Step::Enter(cursor.node()));
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// Calls `visit` on every node under `root` (itself included) in source order, without
/// recursion; `visit` returns whether to go into the node's children.
pub fn walk_pruned<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>) -> bool) {
    walk_steps_pruned(root, |step| match step {
        Step::Enter(node) => visit(node),
        Step::Leave(_) => false,
    });
}

/// Calls `visit` on every node under `root` (itself included) in source order (pre-order),
/// without recursion.
pub fn preorder<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>)) {
    walk_pruned(root, |node| {
        visit(node);
        true
    });
}

/// The named children of a node, leaving out those of the given kinds (a grammar's comments).
pub fn named_children_except<'t>(node: Node<'t>, kinds: &[&str]) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|child| !kinds.contains(&child.kind_name()))
        .collect()
}
