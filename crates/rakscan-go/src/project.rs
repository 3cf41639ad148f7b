//! Client names shared across a Go project: a struct declared in one file holds the client its
//! methods use in another (`type Billing struct{ sc *stripe.Client }` in `billing.go`,
//! `b.sc.V1Customers.Create` in `customers.go`), and a constructor may live in a third.
//!
//! A file that imports stripe-go is parsed once, while the walk reads it: the builder keeps
//! its names for the project and its calls, which are used as they are when the project's
//! names cannot change them.

use crate::kinds::FileNames;
use crate::{Known, Reading, extract_source, read_source};
use rakscan_core::{ExtractError, Extraction, Need, ProjectBuilder, ProjectExtractor};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Collects the client-holding struct fields, package variables and functions of every `.go`
/// file of the project that imports stripe-go, and what those files were read as.
#[derive(Default)]
pub struct GoProjectBuilder {
    /// The names each file declares, by file (merged in path order, as a later file's
    /// declaration of a name wins).
    files: Mutex<Vec<(PathBuf, FileNames)>>,
    read: Mutex<HashMap<PathBuf, ReadAlone>>,
}

/// A file read without the project's names.
struct ReadAlone {
    /// The length and hash of the source read, to notice a file that changed since.
    length: usize,
    hash: u64,
    extraction: Extraction,
    /// Whether a receiver was looked for among the project's names: then they may change it.
    asked_project: bool,
}

impl ProjectBuilder for GoProjectBuilder {
    fn observe(&self, path: &Path, source: &str) -> Need {
        if source.contains("stripe-go")
            && let Ok(Reading {
                extraction,
                names,
                asked_project,
            }) = read_source(source, Known::default())
        {
            if !names.is_empty() {
                let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
                files.push((path.to_path_buf(), names));
            }
            let alone = ReadAlone {
                length: source.len(),
                hash: hash(source),
                extraction,
                asked_project,
            };
            let mut read = self.read.lock().unwrap_or_else(|p| p.into_inner());
            read.insert(path.to_path_buf(), alone);
        }
        // A file that never names Stripe may still use a client another file declares.
        Need::Decide(Vec::new())
    }

    /// `None` when no file imports stripe-go.
    fn build(self: Box<Self>) -> Option<Box<dyn ProjectExtractor>> {
        let mut files = self.files.into_inner().unwrap_or_else(|p| p.into_inner());
        let read = self.read.into_inner().unwrap_or_else(|p| p.into_inner());
        if files.is_empty() && read.is_empty() {
            return None;
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let mut all = FileNames::default();
        let mut packages: HashMap<PathBuf, FileNames> = HashMap::new();
        for (path, mut names) in files {
            let types = names.take_types();
            if !types.is_empty() {
                packages.entry(package_of(&path)).or_default().extend(types);
            }
            all.extend(names);
        }
        let empty = all.is_empty();
        Some(Box::new(GoProject {
            names: (!empty).then_some(all),
            packages,
            read: Mutex::new(read),
        }))
    }
}

/// A file's package: its directory.
fn package_of(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

fn hash(source: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    source.hash(&mut hasher);
    hasher.finish()
}

/// The Go extractor with the project's client names.
pub struct GoProject {
    /// `None` when no file declares a client name.
    pub names: Option<FileNames>,
    /// The struct types, constructors and other-typed field names of each package (directory)
    /// with one.
    packages: HashMap<PathBuf, FileNames>,
    /// Files already read without the names, taken when extracted.
    read: Mutex<HashMap<PathBuf, ReadAlone>>,
}

impl ProjectExtractor for GoProject {
    /// Without project names a file that never names Stripe has no Stripe call.
    fn decide(&self, _path: &Path, _words: &[String]) -> Option<bool> {
        match self.names {
            Some(_) => None,
            None => Some(false),
        }
    }

    fn wants(&self, _path: &Path, source: &str) -> bool {
        if source.contains("stripe") || source.contains("Stripe") {
            return true;
        }
        let Some(names) = &self.names else {
            return false;
        };
        names
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

    /// What the file was read as during the walk, when the source is the same and the
    /// project's names cannot change it; else the file read again with them.
    fn extract(&self, path: &Path, source: &str) -> Result<Extraction, ExtractError> {
        let alone = self
            .read
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(path);
        let known = Known {
            names: self.names.as_ref(),
            package: self.packages.get(&package_of(path)),
        };
        if let Some(alone) = alone
            && alone.length == source.len()
            && alone.hash == hash(source)
            && (known.is_empty() || !alone.asked_project)
        {
            return Ok(alone.extraction);
        }
        extract_source(source, known)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLIENT: &str = "package svc\n\nimport \"github.com/stripe/stripe-go/v76/client\"\n\n\
        type Svc struct{ api *client.API }\n";
    const USES: &str = "package svc\n\nimport \"github.com/stripe/stripe-go/v76\"\n\n\
        func (s *Svc) Refund() { s.api.Refunds.New(&stripe.RefundParams{}) }\n";

    fn context(files: &[(&str, &str)]) -> Box<dyn ProjectExtractor> {
        let builder: Box<dyn ProjectBuilder> = Box::<GoProjectBuilder>::default();
        for (path, source) in files {
            builder.observe(Path::new(path), source);
        }
        builder.build().expect("the files import stripe-go")
    }

    #[test]
    fn a_file_read_during_the_walk_gives_what_reading_it_again_gives() {
        let project = context(&[("svc.go", CLIENT), ("use.go", USES)]);
        let (names, package) = project_names(&[CLIENT, USES]);
        for (path, source) in [("svc.go", CLIENT), ("use.go", USES)] {
            let fresh = extract_source(source, known(&names, &package)).unwrap();
            assert_eq!(
                project.extract(Path::new(path), source).unwrap(),
                fresh,
                "{path}"
            );
        }
        assert_eq!(
            project
                .extract(Path::new("use.go"), USES)
                .unwrap()
                .calls
                .len(),
            1,
            "the field declared in svc.go makes the refund a Stripe call"
        );
    }

    #[test]
    fn a_file_changed_since_the_walk_is_read_again() {
        let project = context(&[("svc.go", CLIENT), ("use.go", USES)]);
        let changed = USES.replace("Refunds.New", "Refunds.Get");
        let (names, package) = project_names(&[CLIENT]);
        let fresh = extract_source(&changed, known(&names, &package)).unwrap();
        assert_eq!(
            project.extract(Path::new("use.go"), &changed).unwrap(),
            fresh
        );
    }

    #[test]
    fn without_client_names_files_read_as_alone_and_others_are_not_wanted() {
        let alone = "package p\n\nimport \"github.com/stripe/stripe-go/v76/customer\"\n\n\
            func f() { customer.New(nil) }\n";
        let project = context(&[("a.go", alone)]);
        assert_eq!(project.decide(Path::new("b.go"), &[]), Some(false));
        let fresh = extract_source(alone, Known::default()).unwrap();
        assert_eq!(project.extract(Path::new("a.go"), alone).unwrap(), fresh);
    }

    /// A struct declared in one file types its fields for the methods of another: the
    /// receiver's field of another SDK is not a client, though another struct's field of the
    /// same name is; a struct's fields embedded from a struct of a third file are promoted. A
    /// struct of another package (directory) declaring a name with another type leaves the
    /// name's by-name answer.
    #[test]
    fn struct_fields_are_told_apart_across_files() {
        let types = "package pay\n\nimport (\n\t\"github.com/aws/aws-sdk-go-v2/service/s3\"\n\
            \t\"github.com/stripe/stripe-go/v82\"\n)\n\n\
            type Payments struct{ conn *stripe.Client }\n\
            type Storage struct{ conn *s3.Client }\n\
            type Keys struct{ sc *stripe.Client }\n";
        let config = "package config\n\nimport \"github.com/stripe/stripe-go/v82\"\n\n\
            type Cfg struct{ sc string }\n";
        let embeds = "package pay\n\nimport \"github.com/stripe/stripe-go/v82\"\n\n\
            type Shop struct{ Payments; name string }\n";
        let uses = "package pay\n\n\
            func (s *Storage) List() { s.conn.V1Customers.List(nil, nil) }\n\
            func (p Payments) Pay() { p.conn.V1PaymentIntents.Create(nil, nil) }\n\
            func (s *Shop) Sell() { s.conn.V1Charges.Create(nil, nil) }\n\
            func Unknown(h holder) { h.sc.V1Refunds.Create(nil, nil) }\n";
        let files = [
            ("types.go", types),
            ("embeds.go", embeds),
            ("uses.go", uses),
            ("config/cfg.go", config),
        ];
        let project = context(&files);
        let displays: Vec<String> = project
            .extract(Path::new("uses.go"), uses)
            .unwrap()
            .calls
            .into_iter()
            .map(|c| c.display)
            .collect();
        assert_eq!(
            displays,
            [
                "p.conn.V1PaymentIntents.Create",
                "s.conn.V1Charges.Create",
                "h.sc.V1Refunds.Create"
            ]
        );
    }

    /// The names files of one package declare, merged as the builder merges them: the
    /// project's client names and the package's types.
    fn project_names(sources: &[&str]) -> (FileNames, FileNames) {
        let mut all = FileNames::default();
        for source in sources {
            all.extend(read_source(source, Known::default()).unwrap().names);
        }
        let package = all.take_types();
        (all, package)
    }

    fn known<'a>(names: &'a FileNames, package: &'a FileNames) -> Known<'a> {
        Known {
            names: Some(names),
            package: Some(package),
        }
    }
}
