//! Stripe clients shared across a Python project's modules: a client, the SDK module or a
//! factory bound at the top level of one module (`client = StripeClient(key)` in
//! `app/clients.py`) and imported by another (`from app.clients import client`, `from
//! .clients import client as c`, `import app.clients as clients`).
//!
//! While the walk reads the files, the builder notes each `.py` file, whether it names
//! Stripe and, when it does not, the modules it imports (read from its bytes, no parse). A
//! module may hold Stripe values when it names Stripe or imports a module that may; only
//! such modules are parsed, once, when a file imports them, to learn what they hold.

use crate::imports::{ProjectModules, collect_imports};
use crate::modules::{ModuleIndex, imported_modules};
use crate::value::Value;
use crate::{names_stripe, parse, walker};
use rakscan_core::{ExtractError, Extraction, Need, ProjectBuilder, ProjectExtractor};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Longest chain of modules followed through imports.
const MAX_CHAIN: usize = 8;

/// What each module read for one extraction holds, and whether it was read whole: a module
/// is read at most once per extraction, however many modules import it (in import cycles
/// above all, where what is not whole is not kept for other extractions).
type Read = RefCell<HashMap<PathBuf, (Arc<BTreeMap<String, Value>>, bool)>>;

/// What the walk tells of one file.
struct Noted {
    names_stripe: bool,
    /// The modules it imports, for a file that does not name Stripe.
    imports: Vec<String>,
}

/// Notes the `.py` files of a root while the walk reads them.
#[derive(Default)]
pub struct PythonProjectBuilder {
    files: Mutex<Vec<(PathBuf, Noted)>>,
}

impl ProjectBuilder for PythonProjectBuilder {
    /// A file naming Stripe waits for the context; another one waits when it imports
    /// anything, for the context to decide from the modules it imports.
    fn observe(&self, path: &Path, source: &str) -> Need {
        let names_stripe = names_stripe(source);
        let imports = match names_stripe {
            true => Vec::new(),
            false => imported_modules(source),
        };
        let need = match (names_stripe, imports.is_empty()) {
            (true, _) => Need::Context,
            (false, true) => Need::Nothing,
            (false, false) => Need::Decide(imports.clone()),
        };
        let noted = Noted {
            names_stripe,
            imports,
        };
        let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        files.push((path.to_path_buf(), noted));
        need
    }

    /// `None` when no file names Stripe: then no module holds anything of Stripe's.
    fn build(self: Box<Self>) -> Option<Box<dyn ProjectExtractor>> {
        let files = self.files.into_inner().unwrap_or_else(|p| p.into_inner());
        if !files.iter().any(|(_, noted)| noted.names_stripe) {
            return None;
        }
        Some(Box::new(PythonProject {
            index: ModuleIndex::new(files.iter().map(|(path, _)| path.clone())),
            files: files.into_iter().collect(),
            exports: Mutex::new(HashMap::new()),
        }))
    }
}

/// The Python extractor with the project's modules.
pub struct PythonProject {
    index: ModuleIndex,
    files: HashMap<PathBuf, Noted>,
    /// What each module parsed so far holds at its top level.
    exports: Mutex<HashMap<PathBuf, Arc<BTreeMap<String, Value>>>>,
}

impl ProjectExtractor for PythonProject {
    fn decide(&self, path: &Path, words: &[String]) -> Option<bool> {
        Some(self.imports_stripe(path, words))
    }

    fn wants(&self, path: &Path, source: &str) -> bool {
        names_stripe(source) || self.imports_stripe(path, &imported_modules(source))
    }

    fn extract(&self, path: &Path, source: &str) -> Result<Extraction, ExtractError> {
        let tree = parse(source)?;
        let read = RefCell::new(HashMap::new());
        let importer = Importer::new(self, path, Vec::new(), &read);
        let imports = collect_imports(tree.root_node(), source, Some(&importer));
        Ok(walker::extract(&tree, source, imports).0)
    }
}

impl PythonProject {
    /// Whether one of `modules`, imported by `path`, may hold Stripe values.
    fn imports_stripe(&self, path: &Path, modules: &[String]) -> bool {
        let mut seen = HashSet::new();
        modules.iter().any(|module| {
            self.index
                .resolve(path, module)
                .is_some_and(|file| self.may_hold_stripe(&file, &mut seen))
        })
    }

    /// Whether a module names Stripe, or imports (through any chain) a module that does.
    fn may_hold_stripe(&self, file: &Path, seen: &mut HashSet<PathBuf>) -> bool {
        if !seen.insert(file.to_path_buf()) {
            return false;
        }
        let Some(noted) = self.files.get(file) else {
            return false;
        };
        noted.names_stripe
            || noted.imports.iter().any(|module| {
                self.index
                    .resolve(file, module)
                    .is_some_and(|next| self.may_hold_stripe(&next, seen))
            })
    }

    /// What the module `file` holds at its top level, read with the modules it imports in
    /// turn (`chain`: the modules being read that led to it). The second value says whether
    /// the answer is whole: a module met again in its own chain, or past [`MAX_CHAIN`], is
    /// read as holding nothing, and what depends on that is kept for this extraction only.
    fn exports(
        &self,
        file: &Path,
        chain: &[PathBuf],
        read: &Read,
    ) -> (Arc<BTreeMap<String, Value>>, bool) {
        let known = self.exports.lock().ok().and_then(|m| m.get(file).cloned());
        if let Some(known) = known {
            return (known, true);
        }
        if let Some(found) = read.borrow().get(file) {
            return found.clone();
        }
        if chain.len() >= MAX_CHAIN || chain.iter().any(|f| f == file) {
            return (Arc::default(), false);
        }
        if !self.may_hold_stripe(file, &mut HashSet::new()) {
            return (Arc::default(), true);
        }
        let mut next = chain.to_vec();
        next.push(file.to_path_buf());
        let importer = Importer::new(self, file, next, read);
        let exports = std::fs::read(file)
            .ok()
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .and_then(|source| {
                let tree = parse(&source).ok()?;
                let imports = collect_imports(tree.root_node(), &source, Some(&importer));
                Some(walker::extract(&tree, &source, imports).1.exports())
            })
            .unwrap_or_default();
        let exports = Arc::new(exports);
        let whole = importer.whole.get();
        if whole && let Ok(mut known) = self.exports.lock() {
            known.insert(file.to_path_buf(), exports.clone());
        }
        read.borrow_mut()
            .insert(file.to_path_buf(), (exports.clone(), whole));
        (exports, whole)
    }
}

/// The project's modules as one file of it imports them.
struct Importer<'a> {
    project: &'a PythonProject,
    from: &'a Path,
    /// The modules being read that led to this file (empty for a file being extracted).
    chain: Vec<PathBuf>,
    /// The modules read so far for the extraction this file is read for.
    read: &'a Read,
    /// Whether every module it looked at was read whole (see [`PythonProject::exports`]).
    whole: Cell<bool>,
}

impl<'a> Importer<'a> {
    fn new(
        project: &'a PythonProject,
        from: &'a Path,
        chain: Vec<PathBuf>,
        read: &'a Read,
    ) -> Self {
        Importer {
            project,
            from,
            chain,
            read,
            whole: Cell::new(true),
        }
    }
}

impl ProjectModules for Importer<'_> {
    fn names(&self, module: &str) -> BTreeMap<String, Value> {
        let Some(file) = self.project.index.resolve(self.from, module) else {
            return BTreeMap::new();
        };
        let (exports, whole) = self.project.exports(&file, &self.chain, self.read);
        if !whole {
            self.whole.set(false);
        }
        Arc::unwrap_or_clone(exports)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rakscan_core::ir::Certainty;

    /// Writes the files under a fresh directory and builds the project from them, in the
    /// order given (the walk's order does not matter).
    fn project(name: &str, files: &[(&str, &str)]) -> (PathBuf, Option<Box<dyn ProjectExtractor>>) {
        let dir = std::env::temp_dir().join(format!("rakscan-py-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let builder: Box<dyn ProjectBuilder> = Box::<PythonProjectBuilder>::default();
        for (path, source) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, source).unwrap();
            builder.observe(&path, source);
        }
        (dir, builder.build())
    }

    fn calls(project: &dyn ProjectExtractor, path: &Path) -> Vec<(String, Certainty)> {
        let source = std::fs::read_to_string(path).unwrap();
        let extraction = project.extract(path, &source).unwrap();
        extraction
            .calls
            .iter()
            .map(|c| {
                (
                    format!("{}.{}", c.receiver.join("."), c.method),
                    c.certainty,
                )
            })
            .collect()
    }

    const CLIENT: &str = "import stripe\nclient = stripe.StripeClient('k')\n";

    #[test]
    fn files_wait_only_for_modules_that_may_hold_stripe() {
        let builder = PythonProjectBuilder::default();
        assert_eq!(builder.observe(Path::new("a/c.py"), CLIENT), Need::Context);
        assert_eq!(
            builder.observe(Path::new("a/n.py"), "x = 1\n"),
            Need::Nothing
        );
        let uses = "from a.c import client\nimport os\n";
        let need = builder.observe(Path::new("a/u.py"), uses);
        assert_eq!(
            need,
            Need::Decide(vec!["a.c".into(), "a.c.client".into(), "os".into()])
        );
        let project = Box::new(builder).build().expect("a file names Stripe");
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            project.decide(Path::new("a/u.py"), &words(&["a.c"])),
            Some(true)
        );
        assert_eq!(
            project.decide(Path::new("a/u.py"), &words(&["a.n", "os"])),
            Some(false)
        );
    }

    #[test]
    fn without_a_file_naming_stripe_there_is_no_context() {
        let builder = PythonProjectBuilder::default();
        builder.observe(Path::new("a/u.py"), "from a.c import client\n");
        assert!(Box::new(builder).build().is_none());
    }

    #[test]
    fn an_imported_client_is_as_sure_as_a_local_one() {
        let (dir, project) = project(
            "sure",
            &[
                ("app/c.py", CLIENT),
                (
                    "app/u.py",
                    "from .c import client\nclient.v1.customers.create()\n",
                ),
            ],
        );
        let project = project.unwrap();
        assert_eq!(
            calls(project.as_ref(), &dir.join("app/u.py")),
            [("v1.customers.create".to_owned(), Certainty::Certain)]
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    /// Modules importing each other in a ring, each also using what the next holds: every
    /// file ends, and reads the same whichever file is extracted first.
    #[test]
    fn import_cycles_end_and_read_the_same_in_any_order() {
        let ring = |next: &str| {
            format!(
                "import stripe\nfrom .{next} import client as other\nclient = stripe.StripeClient('k')\nother.v1.refunds.create()\n"
            )
        };
        let files = [
            ("p/a.py", ring("b")),
            ("p/b.py", ring("c")),
            ("p/c.py", ring("a")),
        ];
        let files: Vec<(&str, &str)> = files.iter().map(|(p, s)| (*p, s.as_str())).collect();
        let (dir, first) = project("ring1", &files);
        let forward: Vec<_> = ["p/a.py", "p/b.py", "p/c.py"]
            .iter()
            .map(|p| calls(first.as_deref().unwrap(), &dir.join(p)))
            .collect();
        std::fs::remove_dir_all(dir).unwrap();
        let (dir, second) = project("ring2", &files);
        let mut backward: Vec<_> = ["p/c.py", "p/b.py", "p/a.py"]
            .iter()
            .map(|p| calls(second.as_deref().unwrap(), &dir.join(p)))
            .collect();
        backward.reverse();
        assert_eq!(forward, backward);
        assert!(forward.iter().all(|c| c.len() == 1), "{forward:?}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
