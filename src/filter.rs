//! Which files the configuration lets a scan read: `exclude` and `include` globs, relative to
//! the configuration file's directory. Applied to walked files, to files named on the command
//! line (as pre-commit passes them) and to staged files alike.

use globset::GlobSet;
use std::path::{Path, PathBuf};

/// The `exclude` / `include` globs of a configuration; the default lets everything through.
#[derive(Debug, Default, Clone)]
pub struct PathFilter {
    /// The directory the globs are relative to (canonical).
    base: PathBuf,
    exclude: GlobSet,
    /// `None`: every file not excluded is read.
    include: Option<GlobSet>,
}

impl PathFilter {
    /// A filter with globs relative to `base` (a canonical directory).
    pub fn new(base: PathBuf, exclude: GlobSet, include: Option<GlobSet>) -> PathFilter {
        PathFilter {
            base,
            exclude,
            include,
        }
    }

    /// Whether a directory may be descended into. `path` is absolute and canonical up to its
    /// last components (a walked root joined with the walked part).
    pub fn admits_dir(&self, path: &Path) -> bool {
        match path.strip_prefix(&self.base) {
            Ok(relative) => relative.as_os_str().is_empty() || !self.exclude.is_match(relative),
            Err(_) => true,
        }
    }

    /// Whether a file is read. Files outside the configuration's directory are not filtered.
    pub fn admits_file(&self, path: &Path) -> bool {
        let Ok(relative) = path.strip_prefix(&self.base) else {
            return true;
        };
        !self.exclude.is_match(relative)
            && self.include.as_ref().is_none_or(|i| i.is_match(relative))
    }
}
