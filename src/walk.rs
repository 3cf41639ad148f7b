//! Which files a scan reads: a parallel `ignore` walk that respects .gitignore, skips
//! dependency and build directories and applies the configuration's `exclude` / `include`.

use crate::filter::PathFilter;
use ignore::{WalkBuilder, WalkState};
use std::path::{Path, PathBuf};

/// Directory names never descended into: dependencies, build output, tool caches.
pub const DEFAULT_EXCLUDED_DIRS: &[&str] = &[
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    "bower_components",
    "vendor",
    "target",
    "dist",
    "build",
    ".next",
    ".nuxt",
    ".venv",
    "venv",
    "__pycache__",
    ".tox",
    ".mypy_cache",
    ".pytest_cache",
    "site-packages",
    "coverage",
];

/// Calls `visit(root_index, path)` for every regular file below the roots that `filter` admits,
/// from several threads. A root that is a file is visited when `filter` admits it. Errors met
/// while walking (unreadable directories, broken links) go to `error`.
pub fn walk_files(
    roots: &[PathBuf],
    threads: usize,
    filter: &PathFilter,
    visit: &(dyn Fn(usize, &Path) + Sync),
    error: &(dyn Fn(String, String) + Sync),
) {
    for (index, root) in roots.iter().enumerate() {
        let canonical = root.canonicalize().unwrap_or_else(|_| root.clone());
        // The filter's globs are relative to a canonical directory: walked paths are
        // matched as the canonical root joined with the part below the root.
        let absolute = |path: &Path| canonical.join(path.strip_prefix(root).unwrap_or(path));
        if root.is_file() {
            if filter.admits_file(&canonical) {
                visit(index, root);
            }
            continue;
        }
        // `filter_entry` wants an owned closure.
        let (dir_filter, dir_root, dir_canonical) =
            (filter.clone(), root.clone(), canonical.clone());
        let walker = WalkBuilder::new(root)
            .hidden(false)
            .require_git(false)
            .follow_links(false)
            .threads(threads)
            .filter_entry(move |entry| {
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                !(is_dir
                    && entry.depth() > 0
                    && (entry
                        .file_name()
                        .to_str()
                        .is_some_and(|n| DEFAULT_EXCLUDED_DIRS.contains(&n))
                        || !dir_filter
                            .admits_dir(&dir_canonical.join(
                                entry.path().strip_prefix(&dir_root).unwrap_or(entry.path()),
                            ))))
            })
            .build_parallel();
        walker.run(|| {
            Box::new(move |entry| {
                match entry {
                    Ok(entry)
                        if entry.file_type().is_some_and(|t| t.is_file())
                            && filter.admits_file(&absolute(entry.path())) =>
                    {
                        visit(index, entry.path())
                    }
                    Ok(_) => {}
                    Err(e) => {
                        let path = match &e {
                            ignore::Error::WithPath { path, .. } => path.display().to_string(),
                            _ => root.display().to_string(),
                        };
                        error(path, e.to_string());
                    }
                }
                WalkState::Continue
            })
        });
    }
}

/// The path shown in output: relative to the root directory, `/`-separated; a root that is a
/// file is shown as given.
pub fn display_path(root: &Path, path: &Path) -> String {
    let relative = if root == path {
        path
    } else {
        path.strip_prefix(root).unwrap_or(path)
    };
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_owned).unwrap_or(text)
}
