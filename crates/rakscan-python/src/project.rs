//! Stripe clients shared across a Python project's modules: a client, the SDK module or a
//! factory bound at the top level of one module (`client = StripeClient(key)` in
//! `app/clients.py`) and imported by another (`from app.clients import client`, `from
//! .clients import client as c`, `import app.clients as clients`).
//!
//! While the walk reads the files, the builder notes each `.py` file: whether it names
//! Stripe, and the modules it imports (read from its bytes, no parse). Once the walk is done,
//! the import graph says which modules may hold Stripe values (those that name Stripe or
//! import, through any chain, one that does) and which of those another file imports. Only
//! those are parsed, once each, dependencies first, to learn what they hold at their top
//! level; modules that import each other in a cycle are read together in rounds until what
//! they hold stops changing. The cost is linear in the number of imports, whatever the shape
//! of the graph, and the result does not depend on the order the walk found the files in.

use crate::imports::{ProjectModules, collect_imports};
use crate::modules::{ModuleIndex, imported_modules, on_disk_beside};
use crate::value::Value;
use crate::{names_stripe, parse, walker};
use rakscan_core::{ExtractError, Extraction, Need, ProjectBuilder, ProjectExtractor};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

mod graph;

use graph::ImportGraph;

/// How many times, on average, each module of an import cycle may be read before what the
/// cycle holds is taken as settled.
const MAX_READS_PER_MODULE: usize = 8;

/// What a module holds at its top level, by name.
type Exports = Arc<BTreeMap<String, Value>>;

/// What the walk tells of one file.
struct Noted {
    names_stripe: bool,
    /// The modules it imports, as its import statements write them.
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
        let imports = imported_modules(source);
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
        self.into_project()
            .map(|project| Box::new(project) as Box<dyn ProjectExtractor>)
    }
}

impl PythonProjectBuilder {
    /// The project of the files noted, `None` when none names Stripe.
    fn into_project(self) -> Option<PythonProject> {
        let mut files = self.files.into_inner().unwrap_or_else(|p| p.into_inner());
        if !files.iter().any(|(_, noted)| noted.names_stripe) {
            return None;
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let index = ModuleIndex::new(files.iter().map(|(path, _)| path.clone()));
        let graph = ImportGraph::new(&index, &files);
        let may_hold = graph.may_hold_stripe(|i| files[i].1.names_stripe);
        let mut project = PythonProject {
            may_hold_stripe: (0..files.len())
                .filter(|&i| may_hold[i])
                .map(|i| files[i].0.clone())
                .collect(),
            index,
            exports: HashMap::new(),
            modules_read: 0,
        };
        let wanted: Vec<bool> = (0..files.len())
            .map(|i| may_hold[i] && graph.is_imported(i))
            .collect();
        let paths: Vec<&Path> = files.iter().map(|(path, _)| path.as_path()).collect();
        for cycle in graph.cycles_dependencies_first(&wanted) {
            project.read_together(&cycle, &graph, &paths);
        }
        Some(project)
    }
}

/// The Python extractor with the project's modules.
pub struct PythonProject {
    index: ModuleIndex,
    /// The modules that name Stripe or import, through any chain, one that does.
    may_hold_stripe: HashSet<PathBuf>,
    /// What each module another file imports holds at its top level, for modules that may
    /// hold Stripe values; any other module holds nothing.
    exports: HashMap<PathBuf, Exports>,
    /// How many times a module was parsed to learn what it holds, while building.
    modules_read: usize,
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
        let importer = Importer {
            project: self,
            from: path,
            reading: &HashMap::new(),
        };
        let imports = collect_imports(tree.root_node(), source, Some(&importer));
        Ok(walker::extract(&tree, source, imports).0)
    }
}

impl PythonProject {
    /// Whether `path` imports, among `modules` (or the packages above them), one that may
    /// hold Stripe values.
    fn imports_stripe(&self, path: &Path, modules: &[String]) -> bool {
        modules
            .iter()
            .flat_map(|module| graph::with_parent_packages(module))
            .any(|module| {
                self.index
                    .resolve(path, &module)
                    .is_some_and(|file| self.may_hold_stripe.contains(&file))
            })
    }

    /// Learns what the modules `cycle` (indexes into `paths`) hold, given what every module
    /// they import outside it holds already. One module that does not import itself is read
    /// once. Modules that import each other all start out holding nothing and are read in
    /// the order of their paths; a module whose holdings change puts the modules of the
    /// cycle that import it back in line, until none changes, or the cycle has been read
    /// [`MAX_READS_PER_MODULE`] times its size.
    fn read_together(&mut self, cycle: &[usize], graph: &ImportGraph, paths: &[&Path]) {
        let mut reading: HashMap<PathBuf, Exports> = cycle
            .iter()
            .map(|&i| (paths[i].to_path_buf(), Exports::default()))
            .collect();
        let mut importers: HashMap<usize, Vec<usize>> = HashMap::new();
        for &from in cycle {
            for &to in graph.imports(from) {
                if reading.contains_key(paths[to]) {
                    importers.entry(to).or_default().push(from);
                }
            }
        }
        let mut line: BTreeSet<usize> = cycle.iter().copied().collect();
        let mut budget = MAX_READS_PER_MODULE * cycle.len();
        while let Some(i) = line.pop_first()
            && budget > 0
        {
            budget -= 1;
            self.modules_read += 1;
            let exports = Arc::new(self.read_module(paths[i], &reading));
            let old = reading.insert(paths[i].to_path_buf(), exports.clone());
            if old.as_ref() != Some(&exports) {
                line.extend(importers.get(&i).into_iter().flatten());
            }
        }
        self.exports.extend(reading);
    }

    /// What the module `file` holds at its top level; `reading`: the modules being read
    /// with it, as they stand.
    fn read_module(
        &self,
        file: &Path,
        reading: &HashMap<PathBuf, Exports>,
    ) -> BTreeMap<String, Value> {
        let Ok(bytes) = std::fs::read(file) else {
            return BTreeMap::new();
        };
        let source = String::from_utf8_lossy(&bytes);
        let Ok(tree) = parse(&source) else {
            return BTreeMap::new();
        };
        let importer = Importer {
            project: self,
            from: file,
            reading,
        };
        let imports = collect_imports(tree.root_node(), &source, Some(&importer));
        walker::extract(&tree, &source, imports).1.exports()
    }
}

/// The project's modules as one file of it imports them.
struct Importer<'a> {
    project: &'a PythonProject,
    from: &'a Path,
    /// Modules being read together with this file, as they stand (see
    /// [`PythonProject::read_together`]); they come before what is settled.
    reading: &'a HashMap<PathBuf, Exports>,
}

impl ProjectModules for Importer<'_> {
    fn names(&self, module: &str) -> BTreeMap<String, Value> {
        let Some(file) = self.project.index.resolve(self.from, module) else {
            return BTreeMap::new();
        };
        self.reading
            .get(&file)
            .or_else(|| self.project.exports.get(&file))
            .map(|exports| exports.as_ref().clone())
            .unwrap_or_default()
    }

    fn holds(&self, module: &str) -> bool {
        self.project.index.resolve(self.from, module).is_some() || on_disk_beside(self.from, module)
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

    /// Modules that all import each other through many cycles (the shape of a large
    /// application's internal imports): each is parsed once to learn what it holds, and
    /// again at most once per import of a module whose holdings changed; not once per file
    /// importing it, which took minutes at a few hundred modules.
    #[test]
    fn a_densely_connected_project_reads_modules_in_linear_time() {
        let n = 120;
        let mut files = vec![("app/__init__.py".to_owned(), String::new())];
        files.push(("app/pay.py".to_owned(), CLIENT.to_owned()));
        for i in 0..n {
            let mut source: String = (1..=5)
                .map(|k| format!("from app.m{} import f{}\n", (i * 7 + k * 13) % n, k))
                .collect();
            if i == 0 {
                source.push_str("from app.pay import client\n");
            }
            source.push_str(&format!("from app.m{} import client\n", (i + 1) % n));
            source.push_str("client.v1.customers.create()\n");
            files.push((format!("app/m{i}.py"), source));
        }
        let dir = std::env::temp_dir().join(format!("rakscan-py-dense-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let builder = PythonProjectBuilder::default();
        for (path, source) in &files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, source).unwrap();
            builder.observe(&path, source);
        }
        let project = builder.into_project().expect("a file names Stripe");
        let modules = n + 2;
        let imports = n * 6 + 1;
        assert!(
            project.modules_read <= modules + imports,
            "{} module reads for {modules} modules and {imports} imports",
            project.modules_read,
        );
        // The client travels the whole ring of `from app.m{i+1} import client`.
        for i in [0, 1, n / 2, n - 1] {
            assert_eq!(
                calls(&project, &dir.join(format!("app/m{i}.py"))),
                [("v1.customers.create".to_owned(), Certainty::Certain)],
                "app/m{i}.py"
            );
        }
        std::fs::remove_dir_all(dir).unwrap();
    }

    /// A scan given only some files (pre-commit on staged files) still tells the project's
    /// own modules, present on disk, from a third-party package's: a client class imported
    /// from `app.clients` is not foreign, one from `billing_sdk` is.
    #[test]
    fn modules_on_disk_beside_a_scanned_file_are_the_projects() {
        let dir = std::env::temp_dir().join(format!("rakscan-py-beside-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("app")).unwrap();
        let clients =
            "from stripe import StripeClient\nclass PaymentsClient(StripeClient):\n    pass\n";
        std::fs::write(dir.join("app/clients.py"), clients).unwrap();
        let uses = |module: &str| {
            format!(
                "import stripe\nfrom {module} import PaymentsClient\nPaymentsClient('k').v1.customers.create()\n"
            )
        };
        let mut found = Vec::new();
        for module in ["app.clients", "billing_sdk"] {
            let path = dir.join("app/billing.py");
            std::fs::write(&path, uses(module)).unwrap();
            let builder = PythonProjectBuilder::default();
            builder.observe(&path, &uses(module));
            let project = builder.into_project().expect("the file names Stripe");
            found.push(calls(&project, &path).len());
        }
        assert_eq!(found, [1, 0]);
        std::fs::remove_dir_all(dir).unwrap();
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

    /// A class of another module whose methods set clients on `self`: its subclasses and its
    /// objects hold them too.
    #[test]
    fn clients_held_by_another_modules_class_reach_subclasses_and_objects() {
        let (dir, project) = project(
            "classes",
            &[
                (
                    "app/base.py",
                    "import stripe\nclass Gateway:\n    def __init__(self):\n        \
                     self.client = stripe.StripeClient('k')\n",
                ),
                (
                    "app/svc.py",
                    "from app.base import Gateway\nclass Payments(Gateway):\n    \
                     def charge(self):\n        self.client.payment_intents.create()\n\
                     def use():\n    g = Gateway()\n    g.client.customers.list()\n",
                ),
            ],
        );
        let project = project.unwrap();
        assert_eq!(
            calls(project.as_ref(), &dir.join("app/svc.py")),
            [
                ("payment_intents.create".to_owned(), Certainty::Certain),
                ("customers.list".to_owned(), Certainty::Certain)
            ]
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
