//! `.rakscan.yaml`, the project configuration: found by walking up from the first scanned path
//! (or given with `--config FILE`). Unknown fields, unknown rule ids, bad levels and bad globs
//! are errors that point at their line.
//!
//! Sections: `exclude` / `include` (which files are read, see [`PathFilter`]), `rules` (rule
//! levels, see [`RulePolicy`]) and `keys` (one restricted key per service).

use crate::diagnostic::SourceError;
use crate::filter::PathFilter;
use crate::policy::{Level, RulePolicy};
use anyhow::{Context, Result};
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use rakscan_core::rule_ids::all_rules;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The configuration file's name.
pub const FILE_NAME: &str = ".rakscan.yaml";

/// The configuration as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Globs of files never read (relative to the configuration file's directory).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// When not empty, only files matching one of these globs are read.
    #[serde(default)]
    pub include: Vec<String>,
    /// Rule id → `off`, `info`, `warning` or `error`.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    /// One restricted key per service.
    #[serde(default)]
    pub keys: Vec<KeySpec>,
}

/// One key and the paths of the service that uses it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeySpec {
    pub name: String,
    /// Globs relative to the configuration file's directory (`services/billing/**`); a path
    /// without glob characters also matches everything below it.
    pub paths: Vec<String>,
}

/// The configuration in effect, with its keys' globs compiled.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The file read, if any.
    pub file: Option<PathBuf>,
    /// Key names in file order, each with its globs.
    pub keys: Vec<(String, GlobSet)>,
    /// The directory the globs are relative to (canonical).
    pub base: PathBuf,
    /// The files `exclude` and `include` let through.
    pub filter: PathFilter,
    /// The levels `rules` sets.
    pub policy: RulePolicy,
}

impl Loaded {
    /// The keys whose paths contain `file` (an absolute, canonical path), in file order.
    pub fn keys_for(&self, file: &Path) -> Vec<&str> {
        let Ok(relative) = file.strip_prefix(&self.base) else {
            return Vec::new();
        };
        self.keys
            .iter()
            .filter(|(_, globs)| globs.is_match(relative))
            .map(|(name, _)| name.as_str())
            .collect()
    }
}

/// Reads `--config FILE`, or the first `.rakscan.yaml` in the directory of `start` or above it.
pub fn load(explicit: Option<&Path>, start: &Path) -> Result<Loaded> {
    let file = match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => discover(start),
    };
    let Some(file) = file else {
        return Ok(Loaded::default());
    };
    let text = std::fs::read_to_string(&file)
        .with_context(|| format!("cannot read {}", file.display()))?;
    let shown = file.display().to_string();
    let config: Config = serde_yaml::from_str::<Option<Config>>(&text)
        .map_err(|e| {
            SourceError::new(
                &shown,
                &text,
                e.location().map(|l| l.index()),
                1,
                format!("invalid {FILE_NAME}: {e}"),
                Some(
                    "the sections are `exclude`, `include`, `rules` and `keys`; `rakscan init` writes a commented example"
                        .to_owned(),
                ),
            )
        })?
        .unwrap_or_default();
    let base = file
        .canonicalize()
        .with_context(|| format!("cannot read {}", file.display()))?
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let fail = |needle: &str, message: String| -> anyhow::Error {
        let offset = text.find(needle);
        SourceError::new(&shown, &text, offset, needle.len(), message, None).into()
    };
    let glob_set = |patterns: &[String]| -> Result<GlobSet> {
        let mut set = GlobSetBuilder::new();
        for pattern in patterns {
            for glob in path_globs(pattern)
                .map_err(|e| fail(pattern, format!("bad glob `{pattern}`: {}", e.kind())))?
            {
                set.add(glob);
            }
        }
        set.build()
            .map_err(|e| fail(patterns.first().map_or("", String::as_str), e.to_string()))
    };
    let filter = PathFilter::new(
        base.clone(),
        glob_set(&config.exclude)?,
        (!config.include.is_empty())
            .then(|| glob_set(&config.include))
            .transpose()?,
    );
    let known = all_rules();
    let mut policy = RulePolicy::default();
    for (id, level) in &config.rules {
        if !known.iter().any(|r| r.id == id) {
            let ids: Vec<&str> = known.iter().map(|r| r.id).collect();
            return Err(fail(
                &format!("{id}:"),
                format!("unknown rule `{id}` (known: {})", ids.join(", ")),
            ));
        }
        policy.set(id, *level);
    }
    let mut keys: Vec<(String, GlobSet)> = Vec::new();
    for key in &config.keys {
        if key.name.trim().is_empty() {
            return Err(fail("name", "a key needs a non-empty `name`".to_owned()));
        }
        if keys.iter().any(|(n, _)| n == &key.name) {
            return Err(fail(
                &key.name,
                format!("key `{}` is named twice", key.name),
            ));
        }
        if key.paths.is_empty() {
            return Err(fail(
                &key.name,
                format!("key `{}` has no `paths`: it would own no call", key.name),
            ));
        }
        let mut set = GlobSetBuilder::new();
        for pattern in &key.paths {
            for glob in globs(pattern)
                .map_err(|e| fail(pattern, format!("bad glob `{pattern}`: {}", e.kind())))?
            {
                set.add(glob);
            }
        }
        let set = set
            .build()
            .map_err(|e| fail(&key.name, format!("bad globs for `{}`: {e}", key.name)))?;
        keys.push((key.name.clone(), set));
    }
    Ok(Loaded {
        file: Some(file),
        keys,
        base,
        filter,
        policy,
    })
}

/// A pattern's globs: `*` stays within one path segment; a pattern without glob characters
/// also matches everything below it (`services/billing` = `services/billing/**`).
fn globs(pattern: &str) -> Result<Vec<Glob>, globset::Error> {
    let trimmed = pattern.trim_start_matches("./").trim_end_matches('/');
    let build = |p: &str| GlobBuilder::new(p).literal_separator(true).build();
    let mut out = vec![build(trimmed)?];
    if !trimmed.contains(['*', '?', '[', '{']) {
        out.push(build(&format!("{trimmed}/**"))?);
    }
    Ok(out)
}

/// The globs of an `exclude` / `include` pattern: as [`globs`], except that a pattern with no
/// `/` matches at any depth, as in `.gitignore` (`*.min.js`, `generated`), and everything
/// below what it matches.
fn path_globs(pattern: &str) -> Result<Vec<Glob>, globset::Error> {
    let trimmed = pattern.trim_start_matches("./").trim_end_matches('/');
    if trimmed.contains('/') {
        return globs(trimmed);
    }
    let build = |p: &str| GlobBuilder::new(p).literal_separator(true).build();
    Ok(vec![
        build(&format!("**/{trimmed}"))?,
        build(&format!("**/{trimmed}/**"))?,
    ])
}

fn discover(start: &Path) -> Option<PathBuf> {
    let start = start.canonicalize().ok()?;
    let dir = if start.is_file() {
        start.parent()?.to_path_buf()
    } else {
        start
    };
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}
