//! The rule tables rakscan runs on, as written to `rules/*.yaml` by the importer
//! (`cargo run -p xtask -- import-rules ../shared/data`).
//!
//! The tables are embedded in the binary ([`Rules::embedded`]); `--rules DIR` loads a corrected
//! copy instead ([`Rules::from_dir`]). [`validate`] checks that the tables are consistent.

mod model;
mod validate;

pub use model::*;
pub use validate::{RuleProblem, validate};

use std::path::{Path, PathBuf};

/// The file names of the rule tables, in `rules/`.
pub const FILES: [&str; 7] = [
    "operations.yaml",
    "sdk-spellings.yaml",
    "permissions.yaml",
    "permission-groups.yaml",
    "expandable-fields.yaml",
    "embedded-objects.yaml",
    "resource-objects.yaml",
];

/// A rule file that could not be read or parsed.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("cannot read rules file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("rules file {file} is not valid: {message}")]
    Parse { file: String, message: String },
}

/// How a set of rule texts is encoded.
#[derive(Clone, Copy)]
enum Encoding {
    Yaml,
    Json,
}

impl Rules {
    /// The rules compiled into the binary (`rules/*.yaml`, converted to JSON by build.rs).
    pub fn embedded() -> Result<Rules, RulesError> {
        macro_rules! embedded {
            ($name:literal) => {
                include_str!(concat!(env!("OUT_DIR"), "/", $name, ".json"))
            };
        }
        Rules::from_texts(Encoding::Json, |name| {
            Ok(match name {
                "operations.yaml" => embedded!("operations"),
                "sdk-spellings.yaml" => embedded!("sdk-spellings"),
                "permissions.yaml" => embedded!("permissions"),
                "permission-groups.yaml" => embedded!("permission-groups"),
                "expandable-fields.yaml" => embedded!("expandable-fields"),
                "embedded-objects.yaml" => embedded!("embedded-objects"),
                "resource-objects.yaml" => embedded!("resource-objects"),
                other => unreachable!("unknown rules file {other}"),
            }
            .to_owned())
        })
    }

    /// Rules read from a directory holding the same files as `rules/`.
    pub fn from_dir(dir: &Path) -> Result<Rules, RulesError> {
        Rules::from_texts(Encoding::Yaml, |name| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|source| RulesError::Read { path, source })
        })
    }

    fn from_texts(
        encoding: Encoding,
        mut read: impl FnMut(&str) -> Result<String, RulesError>,
    ) -> Result<Rules, RulesError> {
        fn parse_as<T: serde::de::DeserializeOwned>(
            encoding: Encoding,
            file: &str,
            text: &str,
        ) -> Result<T, RulesError> {
            let parsed = match encoding {
                Encoding::Yaml => serde_yaml::from_str(text).map_err(|e| e.to_string()),
                Encoding::Json => serde_json::from_str(text).map_err(|e| e.to_string()),
            };
            parsed.map_err(|message| RulesError::Parse {
                file: file.to_owned(),
                message,
            })
        }
        let [ops, spell, perms, groups, expand, embedded, objects] = FILES;
        Ok(Rules {
            operations: parse_as::<OperationsFile>(encoding, ops, &read(ops)?)?.operations,
            spellings: parse_as::<SpellingsFile>(encoding, spell, &read(spell)?)?.spellings,
            permissions: parse_as::<PermissionsFile>(encoding, perms, &read(perms)?)?.permissions,
            permission_groups: parse_as::<PermissionGroupsFile>(encoding, groups, &read(groups)?)?
                .permission_groups,
            expandable_fields: parse_as::<ExpandableFieldsFile>(encoding, expand, &read(expand)?)?
                .expandable_fields,
            embedded_objects: parse_as::<EmbeddedObjectsFile>(
                encoding,
                embedded,
                &read(embedded)?,
            )?
            .embedded_objects,
            resource_objects: parse_as::<ResourceObjectsFile>(encoding, objects, &read(objects)?)?
                .resource_objects,
        })
    }
}
