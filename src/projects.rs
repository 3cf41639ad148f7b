//! The project contexts of a scan, for languages whose clients cross files (JavaScript and Python
//! imports, Go struct fields, C# `global using`, Rust crate renames): one builder per scanned
//! root and language, shown each file as the walk reads it, then built into a context once
//! the walk is done. No file is read twice for them, and no list of every file is kept.

use crate::languages::{self, Language};
use rakscan_core::{Need, ProjectBuilder, ProjectExtractor};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The builders of every root, each started by the first file that needs it.
pub struct Builders {
    roots: Vec<RootBuilders>,
}

struct RootBuilders {
    /// The directory the root's project lives in (a root that is a file: its directory).
    base: PathBuf,
    /// By language index; `None` for a language without a project pass.
    builders: Vec<OnceLock<Option<Box<dyn ProjectBuilder>>>>,
}

impl Builders {
    pub fn new(roots: &[PathBuf]) -> Builders {
        let roots = roots
            .iter()
            .map(|root| RootBuilders {
                base: match root.is_file() {
                    true => root.parent().unwrap_or(Path::new(".")).to_path_buf(),
                    false => root.clone(),
                },
                builders: languages::all().iter().map(|_| OnceLock::new()).collect(),
            })
            .collect();
        Builders { roots }
    }

    /// Shows a file to every builder of its root that reads it (its language's, and the one a
    /// manifest such as `package.json` informs) and returns what the file needs from its own
    /// language's context.
    pub fn observe(
        &self,
        root: usize,
        path: &Path,
        language: Option<&Language>,
        source: &str,
    ) -> Need {
        let mut need = Need::Nothing;
        for reader in languages::all()
            .iter()
            .filter(|l| l.extractor.project_input(path))
        {
            let Some(builder) = self.builder(root, reader) else {
                continue;
            };
            let said = builder.observe(path, source);
            if language.is_some_and(|own| own.index == reader.index) {
                need = said;
            }
        }
        need
    }

    fn builder(&self, root: usize, language: &Language) -> Option<&dyn ProjectBuilder> {
        let root = &self.roots[root];
        root.builders[language.index]
            .get_or_init(|| language.extractor.project(&root.base))
            .as_deref()
    }

    /// The contexts, once every file was observed.
    pub fn build(self) -> Contexts {
        let roots = self
            .roots
            .into_iter()
            .map(|root| {
                root.builders
                    .into_iter()
                    .map(|builder| builder.into_inner().flatten().and_then(|b| b.build()))
                    .collect()
            })
            .collect();
        Contexts { roots }
    }
}

/// The built contexts, by root and language.
pub struct Contexts {
    roots: Vec<Vec<Option<Box<dyn ProjectExtractor>>>>,
}

impl Contexts {
    /// The context of a language in a root, if the project gave it one.
    pub fn get(&self, root: usize, language: &Language) -> Option<&dyn ProjectExtractor> {
        self.roots.get(root)?.get(language.index)?.as_deref()
    }
}
