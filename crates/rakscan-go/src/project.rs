//! Client names shared across a Go project: a struct declared in one file holds the client its
//! methods use in another (`type Billing struct{ sc *stripe.Client }` in `billing.go`,
//! `b.sc.V1Customers.Create` in `customers.go`), and a constructor may live in a third.

use crate::imports::Imports;
use crate::kinds::{FileNames, Kinds};
use crate::{extract_source, read_names, tree};
use rakscan_core::{ExtractError, Extraction, ProjectExtractor};
use std::path::{Path, PathBuf};

/// Files larger than this are left to the per-file pass (the walk caps sizes too).
const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// The client-holding struct fields, package variables and functions of every `.go` file of
/// the project that imports stripe-go; `None` when none declares a client name.
pub fn client_names(files: &[PathBuf]) -> Option<FileNames> {
    let mut all = FileNames::default();
    for path in files {
        if path.extension().is_none_or(|e| e != "go")
            || std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_FILE_BYTES)
        {
            continue;
        }
        let Ok(source) = std::fs::read_to_string(path) else {
            continue;
        };
        if !source.contains("stripe-go") {
            continue;
        }
        let Ok(parsed) = tree::parse(&source) else {
            continue;
        };
        let root = parsed.root_node();
        let imports = Imports::collect(root, &source);
        let kinds = Kinds {
            source: &source,
            imports: &imports,
        };
        let (names, _, _) = read_names(root, &kinds);
        all.fields.extend(names.fields);
        all.globals.extend(names.globals);
        all.functions.extend(names.functions);
    }
    let empty = all.fields.is_empty() && all.globals.is_empty() && all.functions.is_empty();
    (!empty).then_some(all)
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
