//! Per-grammar look-ups made once instead of on every call: field ids by name (per thread)
//! and node kind names (per process).

use std::cell::{Cell, RefCell};
use std::num::NonZeroU16;
use std::sync::Mutex;
use tree_sitter::{Language, Node, TreeCursor};

thread_local! {
    static GRAMMARS: RefCell<Vec<GrammarTables>> = const { RefCell::new(Vec::new()) };
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
