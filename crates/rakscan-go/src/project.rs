//! Client names shared across a Go project: a struct declared in one file holds the client its
//! methods use in another (`type Billing struct{ sc *stripe.Client }` in `billing.go`,
//! `b.sc.V1Customers.Create` in `customers.go`), and a constructor may live in a third.

use crate::imports::Imports;
use crate::kinds::{FileNames, Kinds};
use crate::{extract_source, read_names, tree};
use rakscan_core::{ExtractError, Extraction, Need, ProjectBuilder, ProjectExtractor};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Collects the client-holding struct fields, package variables and functions of every `.go`
/// file of the project that imports stripe-go.
#[derive(Default)]
pub struct GoProjectBuilder {
    /// The names each file declares, by file (merged in path order, as a later file's
    /// declaration of a name wins).
    files: Mutex<Vec<(PathBuf, FileNames)>>,
}

impl ProjectBuilder for GoProjectBuilder {
    fn observe(&self, path: &Path, source: &str) -> Need {
        if let Some(names) = client_names(source) {
            let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
            files.push((path.to_path_buf(), names));
        }
        // A file that never names Stripe may still use a client another file declares.
        Need::Decide(Vec::new())
    }

    /// `None` when no file declares a client name.
    fn build(self: Box<Self>) -> Option<Box<dyn ProjectExtractor>> {
        let mut files = self.files.into_inner().unwrap_or_else(|p| p.into_inner());
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let mut all = FileNames::default();
        for (_, names) in files {
            all.fields.extend(names.fields);
            all.globals.extend(names.globals);
            all.functions.extend(names.functions);
        }
        let empty = all.fields.is_empty() && all.globals.is_empty() && all.functions.is_empty();
        (!empty).then(|| Box::new(GoProject { names: all }) as Box<dyn ProjectExtractor>)
    }
}

/// The client names one file declares, if it imports stripe-go and declares any.
fn client_names(source: &str) -> Option<FileNames> {
    if !source.contains("stripe-go") {
        return None;
    }
    let parsed = tree::parse(source).ok()?;
    let root = parsed.root_node();
    let imports = Imports::collect(root, source);
    let kinds = Kinds {
        source,
        imports: &imports,
    };
    let (names, _, _) = read_names(root, &kinds);
    let empty = names.fields.is_empty() && names.globals.is_empty() && names.functions.is_empty();
    (!empty).then_some(names)
}

/// The Go extractor with the project's client names.
pub struct GoProject {
    pub names: FileNames,
}

impl ProjectExtractor for GoProject {
    fn wants(&self, _path: &Path, source: &str) -> bool {
        let names = &self.names;
        source.contains("stripe")
            || source.contains("Stripe")
            || names
                .fields
                .keys()
                .any(|f| source.contains(&format!(".{f}.")))
            || names
                .globals
                .keys()
                .any(|g| source.contains(&format!("{g}.")))
            || names
                .functions
                .keys()
                .any(|f| source.contains(&format!("{f}(")))
    }

    fn extract(&self, _path: &Path, source: &str) -> Result<Extraction, ExtractError> {
        extract_source(source, Some(&self.names))
    }
}
