//! Tree-sitter plumbing shared by the language crates, so each crate keeps only what is about
//! its language: one parser per thread and grammar, parsing within the file's time budget
//! (`--max-file-time`), the source text of a node, children by field name with the field id
//! looked up once per grammar and thread, node kinds from a table filled once per grammar,
//! depth-first walks without recursion (pruned or not), and the byte searches that let a pass
//! skip text without what it looks for ([`mentions_stripe`], [`Mentions`]).

pub mod scopes;

use rakscan_core::ExtractError;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::num::NonZeroU16;
use std::sync::LazyLock;
use std::sync::Mutex;
use tree_sitter::{Language, Node, Parser, Tree, TreeCursor};

thread_local! {
    static PARSERS: RefCell<HashMap<&'static str, Parser>> = RefCell::new(HashMap::new());
    static GRAMMARS: RefCell<Vec<GrammarTables>> = const { RefCell::new(Vec::new()) };
}

/// Makes tree-sitter's parsers and trees allocate through mimalloc (they use the C library's
/// allocator unless told otherwise). For a program whose Rust allocator is mimalloc: parsing
/// is the largest part of a scan, and mimalloc costs it 5–13 % less CPU (BENCHMARKS.md).
///
/// # Safety
/// Call it before any parser or tree exists: memory must be freed by the allocator that
/// allocated it.
pub unsafe fn allocate_trees_with_mimalloc() {
    use libmimalloc_sys::{mi_calloc, mi_free, mi_malloc, mi_realloc};
    // SAFETY: the caller promises no tree-sitter object exists yet, and all four functions
    // belong to the same allocator.
    unsafe {
        tree_sitter::set_allocator(
            Some(mi_malloc),
            Some(mi_calloc),
            Some(mi_realloc),
            Some(mi_free),
        );
    }
}

/// Parses `source` with the grammar `language`, named `name` (the key of the parser kept for
/// this thread). Gives up when the file's time budget is spent.
pub fn parse(
    name: &'static str,
    language: impl FnOnce() -> Language,
    source: &str,
) -> Result<Tree, ExtractError> {
    PARSERS.with(|cell| {
        let mut parsers = cell.borrow_mut();
        if !parsers.contains_key(name) {
            let mut parser = Parser::new();
            parser
                .set_language(&language())
                .map_err(|e| ExtractError::Parser(e.to_string()))?;
            parsers.insert(name, parser);
        }
        let parser = parsers.get_mut(name).expect("the parser was just set");
        let mut give_up = |_: &tree_sitter::ParseState| rakscan_core::budget::expired();
        let options = tree_sitter::ParseOptions::new().progress_callback(&mut give_up);
        let mut read = |i: usize, _| source.as_bytes().get(i..).unwrap_or_default();
        parser
            .parse_with_options(&mut read, None, Some(options))
            .ok_or(ExtractError::ParseFailed)
    })
}

/// The source text of a node.
pub fn text<'s>(node: Node<'_>, source: &'s str) -> &'s str {
    source.get(node.byte_range()).unwrap_or("")
}

/// Children of a node by field name, with the field id asked of tree-sitter once per thread,
/// grammar and name instead of on every call (tree-sitter finds it by comparing the name with
/// every field name of the grammar). Field names are string literals.
pub trait FieldLookup<'t> {
    /// The child in field `name` (the first one when the field repeats): the same node as
    /// [`Node::child_by_field_name`].
    fn field(&self, name: &'static str) -> Option<Node<'t>>;

    /// The children in field `name`, in source order, moving `cursor`: the same nodes as
    /// [`Node::children_by_field_name`].
    fn fields<'c>(
        &self,
        name: &'static str,
        cursor: &'c mut TreeCursor<'t>,
    ) -> impl Iterator<Item = Node<'t>> + 'c;
}

impl<'t> FieldLookup<'t> for Node<'t> {
    fn field(&self, name: &'static str) -> Option<Node<'t>> {
        field_id(&self.language(), name).and_then(|id| self.child_by_field_id(id.get()))
    }

    fn fields<'c>(
        &self,
        name: &'static str,
        cursor: &'c mut TreeCursor<'t>,
    ) -> impl Iterator<Item = Node<'t>> + 'c {
        field_id(&self.language(), name)
            .map(|id| self.children_by_field_id(id, cursor))
            .into_iter()
            .flatten()
    }
}

/// The kind of a node as a `&'static str`, read from a table filled once per grammar, instead
/// of [`Node::kind`]'s `strlen` and UTF-8 check on every call.
pub trait KindName {
    /// The same text as [`Node::kind`].
    fn kind_name(&self) -> &'static str;
}

impl KindName for Node<'_> {
    fn kind_name(&self) -> &'static str {
        let id = self.kind_id();
        kind_table(&self.language())
            .names
            .get(usize::from(id))
            .copied()
            .flatten()
            .unwrap_or_else(|| self.kind())
    }
}

/// The kind names of one grammar, indexed by kind id; ids past the table (the error node's)
/// are left to tree-sitter. Made once per grammar for the whole process and never freed (a
/// scan uses a few grammars).
struct KindTable {
    language: Language,
    names: Box<[Option<&'static str>]>,
}

/// Every grammar's kind table made so far.
static KIND_TABLES: Mutex<Vec<&'static KindTable>> = Mutex::new(Vec::new());

thread_local! {
    /// The table this thread used last: a file's nodes all ask the same grammar, so most
    /// look-ups end at one comparison, without a lock or a search.
    static LAST_KIND_TABLE: Cell<Option<&'static KindTable>> = const { Cell::new(None) };
}

/// The kind table of `language`, made on first use.
fn kind_table(language: &Language) -> &'static KindTable {
    if let Some(table) = LAST_KIND_TABLE.get()
        && table.language == *language
    {
        return table;
    }
    let mut tables = KIND_TABLES.lock().unwrap_or_else(|p| p.into_inner());
    let table = match tables.iter().find(|t| t.language == *language) {
        Some(table) => *table,
        None => {
            let count = u16::try_from(language.node_kind_count()).unwrap_or(u16::MAX);
            let table: &'static KindTable = Box::leak(Box::new(KindTable {
                language: language.clone(),
                names: (0..count).map(|id| language.node_kind_for_id(id)).collect(),
            }));
            tables.push(table);
            table
        }
    };
    LAST_KIND_TABLE.set(Some(table));
    table
}

/// What this thread learned of one grammar's fields. Field ids are keyed by the address and
/// length of the field name: names are `&'static str`, so one key always stands for one text.
/// A file uses a few dozen names at most, so a list is quicker to search than a hash map.
struct GrammarTables {
    language: Language,
    field_ids: Vec<((usize, usize), Option<NonZeroU16>)>,
}

impl GrammarTables {
    /// No field ids yet.
    fn new(language: &Language) -> Self {
        GrammarTables {
            language: language.clone(),
            field_ids: Vec::new(),
        }
    }
}

/// Runs `f` on this thread's tables for `language`, made on first use. A thread sees a few
/// grammars at most, so they are kept in a list.
fn with_grammar<R>(language: &Language, f: impl FnOnce(&mut GrammarTables) -> R) -> R {
    GRAMMARS.with_borrow_mut(|grammars| {
        let index = match grammars.iter().position(|g| g.language == *language) {
            Some(index) => index,
            None => {
                grammars.push(GrammarTables::new(language));
                grammars.len() - 1
            }
        };
        f(&mut grammars[index])
    })
}

/// The id of field `name` in `language` (None when the grammar has no such field), asked of
/// tree-sitter once per thread, grammar and name.
fn field_id(language: &Language, name: &'static str) -> Option<NonZeroU16> {
    let key = (name.as_ptr() as usize, name.len());
    with_grammar(language, |tables| {
        let ids = &mut tables.field_ids;
        if let Some(&(_, id)) = ids.iter().find(|(k, _)| *k == key) {
            return id;
        }
        let id = language.field_id_for_name(name);
        ids.push((key, id));
        id
    })
}

/// The warning for a file whose parser recovered from syntax errors, naming the line of the
/// first error or missing node; `None` when the tree has no error.
pub fn recovery_warning(root: Node<'_>) -> Option<String> {
    if !root.has_error() {
        return None;
    }
    let mut line = None;
    walk(root, |step| {
        if let Step::Enter(n) = step
            && line.is_none()
            && (n.is_error() || n.is_missing())
        {
            line = Some(n.start_position().row + 1);
        }
    });
    Some(match line {
        Some(line) => format!(
            "syntax error at line {line}; the parser recovered and the rest of the file was read"
        ),
        None => "syntax errors; the parser recovered and the rest of the file was read".to_owned(),
    })
}

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

/// Whether a source mentions Stripe at all (any case). The source is folded to lower case a
/// block at a time (`| 0x20` maps exactly the two cases of an ASCII letter to the lower one,
/// and no other byte to a lower-case letter) and each block searched for `stripe`; blocks
/// overlap by the word's length less one, so no occurrence is cut.
pub fn mentions_stripe(source: &str) -> bool {
    const WORD: &[u8] = b"stripe";
    const BLOCK: usize = 4096;
    static FINDER: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(WORD));
    let bytes = source.as_bytes();
    let mut folded = [0u8; BLOCK];
    let mut start = 0;
    loop {
        let end = (start + BLOCK).min(bytes.len());
        let block = &mut folded[..end - start];
        for (f, b) in block.iter_mut().zip(&bytes[start..end]) {
            *f = b | 0x20;
        }
        if FINDER.find(block).is_some() {
            return true;
        }
        if end == bytes.len() {
            return false;
        }
        start = end - (WORD.len() - 1);
    }
}

/// Where some keywords occur in a source, to tell which subtrees may hold a node whose syntax
/// includes one of them (a Go `struct` type, a Java `class` declaration): a walk looking only
/// for such nodes skips the other subtrees. The source is searched once; each question is a
/// look-up among the few occurrences.
pub struct Mentions {
    /// The byte ranges of the occurrences, by start.
    spans: Vec<(usize, usize)>,
}

impl Mentions {
    /// Every occurrence of each of `words` in `source` as a whole word (a keyword token is
    /// never next to a letter, digit or `_`: `recordId` holds no `record`), overlapping
    /// ones included.
    pub fn new(source: &str, words: &[&str]) -> Mentions {
        let bytes = source.as_bytes();
        let word_byte =
            |at: Option<&u8>| at.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        let mut spans = Vec::new();
        for word in words.iter().filter(|w| !w.is_empty()) {
            let mut from = 0;
            while let Some(at) = source.get(from..).and_then(|rest| rest.find(word)) {
                let (start, end) = (from + at, from + at + word.len());
                let before = start.checked_sub(1).and_then(|i| bytes.get(i));
                if !word_byte(before) && !word_byte(bytes.get(end)) {
                    spans.push((start, end));
                }
                from = start + 1;
            }
        }
        spans.sort_unstable();
        Mentions { spans }
    }

    /// Whether the subtree of `node` may hold such a node: when its text includes one of the
    /// keywords, or when the parser recovered from an error in it (a recovered tree may hold
    /// such a node with its keyword missing).
    pub fn may_hold(&self, node: Node<'_>) -> bool {
        if node.has_error() {
            return true;
        }
        let (start, end) = (node.start_byte(), node.end_byte());
        let first = self.spans.partition_point(|&(s, _)| s < start);
        self.spans[first..]
            .iter()
            .take_while(|&&(s, _)| s < end)
            .any(|&(_, e)| e <= end)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preorder_and_pruned_walks_visit_what_the_full_walk_enters() {
        let source = "def f(a):\n    # note\n    return [a, (a, 1)]\n\nclass C:\n    x = 1\n";
        let tree = parse("python", || tree_sitter_python::LANGUAGE.into(), source).unwrap();
        let ids = |nodes: Vec<Node<'_>>| nodes.iter().map(|n| n.id()).collect::<Vec<_>>();
        let mut seen = Vec::new();
        preorder(tree.root_node(), |n| seen.push(n));
        assert_eq!(ids(seen), ids(nodes(&tree)));
        // Pruned at every list: its elements are not visited, the rest is.
        let mut pruned = Vec::new();
        walk_pruned(tree.root_node(), |n| {
            pruned.push(n);
            n.kind_name() != "list"
        });
        let inside_list = |n: &Node<'_>| {
            std::iter::successors(n.parent(), |p| p.parent()).any(|p| p.kind_name() == "list")
        };
        let expected: Vec<Node<'_>> = nodes(&tree)
            .into_iter()
            .filter(|n| !inside_list(n))
            .collect();
        assert_eq!(ids(pruned), ids(expected));
        // A walk from an inner node stays inside it.
        let class = nodes(&tree)
            .into_iter()
            .find(|n| n.kind_name() == "class_definition")
            .unwrap();
        let mut inner = Vec::new();
        preorder(class, |n| inner.push(n));
        assert!(inner.iter().all(|n| n.start_byte() >= class.start_byte()));
        assert_eq!(inner.first().map(|n| n.id()), Some(class.id()));
    }

    #[test]
    fn pruned_steps_leave_every_entered_node_and_skip_pruned_children() {
        let source = "def f(a):\n    return [a, (a, 1)]\n\nx = [1]\n";
        let tree = parse("python", || tree_sitter_python::LANGUAGE.into(), source).unwrap();
        let mut full = Vec::new();
        walk(tree.root_node(), |step| full.push(step_id(&step)));
        let mut all = Vec::new();
        walk_steps_pruned(tree.root_node(), |step| {
            all.push(step_id(&step));
            true
        });
        assert_eq!(all, full);
        // Pruned at every list: each is entered and left at once, nothing inside is seen.
        let mut pruned = Vec::new();
        walk_steps_pruned(tree.root_node(), |step| {
            pruned.push(step_id(&step));
            !matches!(step, Step::Enter(n) if n.kind_name() == "list")
        });
        let lists: Vec<Node<'_>> = nodes(&tree)
            .into_iter()
            .filter(|n| n.kind_name() == "list")
            .collect();
        assert_eq!(lists.len(), 2);
        let inside = |id: usize| {
            nodes(&tree).into_iter().any(|n| {
                n.id() == id
                    && lists
                        .iter()
                        .any(|l| l.id() != id && l.byte_range().contains(&n.start_byte()))
            })
        };
        let expected: Vec<(bool, usize)> = full
            .iter()
            .copied()
            .filter(|&(_, id)| !inside(id))
            .collect();
        assert_eq!(pruned, expected);
    }

    #[test]
    fn walk_kinds_gives_each_steps_node_its_kind() {
        let source = "def f(a):\n    return [a, (a, 1)]\n\nclass C:\n    x = 1\n";
        let tree = parse("python", || tree_sitter_python::LANGUAGE.into(), source).unwrap();
        let mut full = Vec::new();
        walk(tree.root_node(), |step| full.push(step_id(&step)));
        let mut with_kinds = Vec::new();
        walk_kinds(tree.root_node(), |step, kind| {
            let (Step::Enter(node) | Step::Leave(node)) = &step;
            assert_eq!(kind, node.kind());
            with_kinds.push(step_id(&step));
        });
        assert_eq!(with_kinds, full);
    }

    /// Whether a step enters, and the id of its node.
    fn step_id(step: &Step<'_>) -> (bool, usize) {
        match step {
            Step::Enter(n) => (true, n.id()),
            Step::Leave(n) => (false, n.id()),
        }
    }

    #[test]
    fn subtrees_may_hold_a_keyword_they_name_or_when_broken() {
        let source = "class C:\n    def f(self):\n        return classify(1)\n    \
                      def g(self):\n        return 'a class'\n";
        let tree = parse("python", || tree_sitter_python::LANGUAGE.into(), source).unwrap();
        let functions: Vec<Node<'_>> = nodes(&tree)
            .into_iter()
            .filter(|n| n.kind_name() == "function_definition")
            .collect();
        let class = Mentions::new(source, &["class"]);
        assert!(class.may_hold(tree.root_node()));
        assert!(!class.may_hold(functions[0]));
        assert!(
            class.may_hold(functions[1]),
            "the word inside a string counts"
        );
        assert_eq!(class.spans.len(), 2, "`classify` is not the word");
        let either = Mentions::new(source, &["class", "return"]);
        assert!(either.may_hold(functions[0]));
        // A word ending past a node's end is not in it; overlapping occurrences are all kept.
        let names = nodes(&tree)
            .into_iter()
            .filter(|n| n.kind_name() == "identifier" && text(*n, source) == "C")
            .collect::<Vec<_>>();
        assert!(!Mentions::new(source, &["C:"]).may_hold(names[0]));
        assert!(Mentions::new(source, &["C"]).may_hold(names[0]));
        let overlapping = Mentions::new("a-a-a", &["a-a"]);
        assert_eq!(overlapping.spans, [(0, 3), (2, 5)]);
        let broken = "def f(:\n    return 1\n";
        let tree = parse("python", || tree_sitter_python::LANGUAGE.into(), broken).unwrap();
        assert!(Mentions::new(broken, &["class"]).may_hold(tree.root_node()));
    }

    #[test]
    fn named_children_leave_out_the_given_kinds() {
        let source = "def f():\n    x = 1\n    # note\n    return x\n";
        let tree = parse("python", || tree_sitter_python::LANGUAGE.into(), source).unwrap();
        let block = nodes(&tree)
            .into_iter()
            .find(|n| n.kind_name() == "block")
            .unwrap();
        let kinds = |nodes: Vec<Node<'_>>| nodes.iter().map(|n| n.kind_name()).collect::<Vec<_>>();
        let all = ["expression_statement", "comment", "return_statement"];
        assert_eq!(kinds(named_children_except(block, &[])), all);
        let code = ["expression_statement", "return_statement"];
        assert_eq!(kinds(named_children_except(block, &["comment"])), code);
    }

    #[test]
    fn recovery_warnings_name_the_first_broken_line() {
        let python = || tree_sitter_python::LANGUAGE.into();
        let warning = |source: &str| {
            let tree = parse("python", python, source).expect("the snippet parses");
            recovery_warning(tree.root_node())
        };
        assert_eq!(warning("import stripe\nstripe.Customer.create()\n"), None);
        let broken = warning("import stripe\ndef (:\n  stripe.Customer.create(\n");
        let broken = broken.expect("an error");
        assert!(broken.starts_with("syntax error at line 2;"), "{broken}");
    }

    /// Every node of `tree`, in source order.
    fn nodes(tree: &Tree) -> Vec<Node<'_>> {
        let mut all = Vec::new();
        walk(tree.root_node(), |step| {
            if let Step::Enter(node) = step {
                all.push(node);
            }
        });
        all
    }

    /// Checks that `field` and `fields` give what tree-sitter's own lookups give, for every
    /// node of `source` and every field name of the grammar (the grammar's own strings and
    /// literals shared by all grammars), and nothing for an unknown name.
    fn assert_same_as_tree_sitter(name: &'static str, language: Language, source: &str) {
        let tree = parse(name, || language.clone(), source).expect("the snippet parses");
        let mut names: Vec<&'static str> = (1..=language.field_count() as u16)
            .filter_map(|id| language.field_name_for_id(id))
            .collect();
        names.extend(["name", "body", "arguments", "function", "value", "left"]);
        assert!(names.len() > 10, "{name} has field names");
        let mut found = 0;
        for node in nodes(&tree) {
            for &field in &names {
                assert_eq!(node.field(field), node.child_by_field_name(field));
                let mut ours = node.walk();
                let mut theirs = node.walk();
                assert_eq!(
                    node.fields(field, &mut ours).collect::<Vec<_>>(),
                    node.children_by_field_name(field, &mut theirs)
                        .collect::<Vec<_>>()
                );
                found += usize::from(node.field(field).is_some());
            }
            assert_eq!(node.field("no_such_field"), None);
            assert_eq!(node.fields("no_such_field", &mut node.walk()).count(), 0);
        }
        assert!(found > 10, "the {name} snippet fills fields");
    }

    /// Both grammars on one thread, so the cache must keep their ids apart.
    #[test]
    fn field_lookup_matches_tree_sitter_per_grammar() {
        let source = "import stripe as s, os\nfrom stripe import Customer\n\
                      def f(a, b=1):\n    return s.Customer.create(email=a, **b)\n\
                      x = a if b else {'k': [1, 2]}\n";
        assert_same_as_tree_sitter("python", tree_sitter_python::LANGUAGE.into(), source);
        let source = "package main\nimport (\n\t\"github.com/stripe/stripe-go/v82\"\n)\n\
                      func f(a, b int) (*stripe.Customer, error) {\n\
                      \tsc := stripe.NewClient(\"k\")\n\
                      \tvar x, y = 1, 2\n\
                      \treturn sc.V1Customers.Create(ctx, &stripe.CustomerCreateParams{Email: a})\n}\n";
        assert_same_as_tree_sitter("go", tree_sitter_go::LANGUAGE.into(), source);
    }

    /// Checks that `kind_name` gives what `kind` gives for every node of each of `sources`,
    /// and that the sources hold an error node and a missing node.
    fn assert_kind_names_match(name: &'static str, language: Language, sources: &[&str]) {
        let (mut errors, mut missing) = (0, 0);
        for source in sources {
            let tree = parse(name, || language.clone(), source).expect("the snippet parses");
            for node in nodes(&tree) {
                assert_eq!(node.kind_name(), node.kind(), "{name}: {node:?}");
                errors += usize::from(node.is_error());
                missing += usize::from(node.is_missing());
            }
        }
        assert!(errors > 0, "the {name} snippets hold an error node");
        assert!(missing > 0, "the {name} snippets hold a missing node");
    }

    /// Both grammars on one thread, so the tables must keep their kinds apart; broken snippets
    /// give error and missing nodes.
    #[test]
    fn kind_name_matches_tree_sitter_per_grammar() {
        let python = [
            "import stripe\n@app.route('/x')\nasync def f(*a, **k) -> int:\n    \
             return [s.Customer.create(email=x) for x in a if x] or {'k': 1}\n",
            "def f(:\n    pass\n",
            "x = (1, 2\n",
        ];
        assert_kind_names_match("python", tree_sitter_python::LANGUAGE.into(), &python);
        let go = [
            "package main\nimport \"github.com/stripe/stripe-go/v82\"\n\
             func f(a ...int) { for i := range a { go g(i); defer h() }; _ = []int{1} }\n",
            "package main\nfunc f() { x := 1 @@ ; y ?? }\n",
            "package main\nfunc f() { g(1 }\n",
        ];
        assert_kind_names_match("go", tree_sitter_go::LANGUAGE.into(), &go);
    }

    /// Nodes of two grammars asked in turn, on two threads: each answer comes from its own
    /// grammar's table, whichever table the thread used last.
    #[test]
    fn kind_name_alternating_grammars_and_threads() {
        let check = || {
            let python = "import stripe\nx = [1, (2, 'a')]\n";
            let go = "package main\nfunc f() { x := []int{1}; _ = x }\n";
            let py = parse("python", || tree_sitter_python::LANGUAGE.into(), python).unwrap();
            let go = parse("go", || tree_sitter_go::LANGUAGE.into(), go).unwrap();
            let (py, go) = (nodes(&py), nodes(&go));
            for i in 0..py.len().max(go.len()) {
                for node in [py.get(i), go.get(i)].into_iter().flatten() {
                    assert_eq!(node.kind_name(), node.kind());
                }
            }
        };
        std::thread::scope(|s| {
            s.spawn(check);
            s.spawn(check);
        });
        check();
    }
}

/// For the language crates' tests.
#[doc(hidden)]
pub mod testing {
    use std::path::Path;

    /// The text of every `.{extension}` file below the repository's `fixtures/{language}`,
    /// in path order.
    pub fn fixture_sources(language: &str, extension: &str) -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures")
            .join(language);
        let mut dirs = vec![root];
        let mut paths = Vec::new();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("the fixtures are there") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == extension) {
                    paths.push(path);
                }
            }
        }
        paths.sort();
        paths
            .iter()
            .map(|path| std::fs::read_to_string(path).expect("a text file"))
            .collect()
    }
}
