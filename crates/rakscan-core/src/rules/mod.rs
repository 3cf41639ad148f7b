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

impl Rules {
    /// The rules compiled into the binary.
    pub fn embedded() -> Result<Rules, RulesError> {
        Rules::from_texts(|name| {
            Ok(match name {
                "operations.yaml" => include_str!("../../../../rules/operations.yaml"),
                "sdk-spellings.yaml" => include_str!("../../../../rules/sdk-spellings.yaml"),
                "permissions.yaml" => include_str!("../../../../rules/permissions.yaml"),
                "permission-groups.yaml" => {
                    include_str!("../../../../rules/permission-groups.yaml")
                }
                "expandable-fields.yaml" => {
                    include_str!("../../../../rules/expandable-fields.yaml")
                }
                "embedded-objects.yaml" => include_str!("../../../../rules/embedded-objects.yaml"),
                "resource-objects.yaml" => include_str!("../../../../rules/resource-objects.yaml"),
                other => unreachable!("unknown rules file {other}"),
            }
            .to_owned())
        })
    }

    /// Rules read from a directory holding the same files as `rules/`.
    pub fn from_dir(dir: &Path) -> Result<Rules, RulesError> {
        Rules::from_texts(|name| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|source| RulesError::Read { path, source })
        })
    }

    fn from_texts(
        mut read: impl FnMut(&str) -> Result<String, RulesError>,
    ) -> Result<Rules, RulesError> {
        fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, RulesError> {
            serde_yaml::from_str(text).map_err(|e| RulesError::Parse {
                file: file.to_owned(),
                message: e.to_string(),
            })
        }
        let [ops, spell, perms, groups, expand, embedded, objects] = FILES;
        Ok(Rules {
            operations: parse::<OperationsFile>(ops, &read(ops)?)?.operations,
            spellings: parse::<SpellingsFile>(spell, &read(spell)?)?.spellings,
            permissions: parse::<PermissionsFile>(perms, &read(perms)?)?.permissions,
            permission_groups: parse::<PermissionGroupsFile>(groups, &read(groups)?)?
                .permission_groups,
            expandable_fields: parse::<ExpandableFieldsFile>(expand, &read(expand)?)?
                .expandable_fields,
            embedded_objects: parse::<EmbeddedObjectsFile>(embedded, &read(embedded)?)?
                .embedded_objects,
            resource_objects: parse::<ResourceObjectsFile>(objects, &read(objects)?)?
                .resource_objects,
        })
    }
}
