//! Where a Python project's modules are: module names as a file writes them in its imports
//! (`app.clients`, `.clients`, `..core.stripe`) resolved to the project's files, and the
//! modules a file imports read from its bytes without parsing it.

use memchr::memmem::Finder;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

/// The file name of a package's own module.
const PACKAGE_FILE: &str = "__init__.py";

/// The `.py` files of a project, indexed to resolve module names.
#[derive(Debug, Default)]
pub(crate) struct ModuleIndex {
    /// Every module file, as the walk named it.
    files: HashMap<PathBuf, ()>,
    /// Module files by the last part of their module name (`c` for `a/b/c.py` and for
    /// `a/b/c/__init__.py`), sorted.
    by_name: HashMap<String, Vec<PathBuf>>,
}

impl ModuleIndex {
    /// The index of these files; those that are not `.py` modules are left out.
    pub fn new(paths: impl IntoIterator<Item = PathBuf>) -> ModuleIndex {
        let mut index = ModuleIndex::default();
        for path in paths {
            if path.extension().is_none_or(|e| e != "py") {
                continue;
            }
            if let Some(name) = module_parts(&path).last() {
                let name = (*name).to_owned();
                index.by_name.entry(name).or_default().push(path.clone());
            }
            index.files.insert(path, ());
        }
        for files in index.by_name.values_mut() {
            files.sort();
        }
        index
    }

    /// The file of the module `module` (as written in an import of the file `from`), if it
    /// is one of the project's.
    ///
    /// A relative name (`.clients`, `..`) is looked up from the importing file's package. An
    /// absolute one (`app.clients`) is a file whose path ends with it (`app/clients.py`, or
    /// the package `app/clients/__init__.py`, which Python prefers): the one below the
    /// deepest directory holding the importing file (the script's directory, the project's
    /// root or `src/`), else the only one there is.
    pub fn resolve(&self, from: &Path, module: &str) -> Option<PathBuf> {
        let dots = module.len() - module.trim_start_matches('.').len();
        let parts: Vec<&str> = module[dots..]
            .split('.')
            .filter(|p| !p.is_empty())
            .collect();
        if dots > 0 {
            let mut base = from.parent()?;
            for _ in 1..dots {
                base = base.parent()?;
            }
            return self.below(base, &parts);
        }
        if parts.is_empty() || parts[0] == "stripe" {
            return None;
        }
        let candidates = self.by_name.get(*parts.last()?)?;
        let mut roots: Vec<(PathBuf, PathBuf)> = candidates
            .iter()
            .filter_map(|file| {
                let names = module_parts(file);
                let root = names.len().checked_sub(parts.len())?;
                (names[root..] == parts[..]).then(|| (source_root(file, parts.len()), file.clone()))
            })
            .collect();
        // A package and a module of the same name: the package is found first.
        roots.sort_by_key(|(root, file)| (root.clone(), !file.ends_with(PACKAGE_FILE)));
        roots.dedup_by(|a, b| a.0 == b.0);
        let directory = from.parent().unwrap_or(Path::new(""));
        let holding = roots
            .iter()
            .filter(|(root, _)| directory.starts_with(root))
            .max_by_key(|(root, _)| root.components().count());
        match (holding, roots.as_slice()) {
            (Some((_, file)), _) | (None, [(_, file)]) => Some(file.clone()),
            _ => None,
        }
    }

    /// The module `parts` below the directory `base`: the package `base` itself when `parts`
    /// is empty.
    fn below(&self, base: &Path, parts: &[&str]) -> Option<PathBuf> {
        let directory: PathBuf = parts.iter().fold(base.to_path_buf(), |d, p| d.join(p));
        let package = directory.join(PACKAGE_FILE);
        if self.files.contains_key(&package) {
            return Some(package);
        }
        let (last, _) = parts.split_last()?;
        let module = directory.with_file_name(format!("{last}.py"));
        self.files.contains_key(&module).then_some(module)
    }
}

/// How many directories above an importing file [`on_disk_beside`] looks in.
const LOCAL_PACKAGE_LEVELS: usize = 8;

/// Whether the top package of the absolute module `module` (`app` of `app.clients`) is a
/// directory or a `.py` file in the directory of `from` or one above it: the project's own,
/// also when the scan was given only some of its files (a pre-commit run on staged files).
pub(crate) fn on_disk_beside(from: &Path, module: &str) -> bool {
    let Some(top) = module.split('.').next().filter(|t| is_module_name(t)) else {
        return false;
    };
    let module_file = format!("{top}.py");
    from.parent()
        .into_iter()
        .flat_map(Path::ancestors)
        .take(LOCAL_PACKAGE_LEVELS)
        .any(|dir| dir.join(top).is_dir() || dir.join(&module_file).is_file())
}

/// The names of a module file's module, outermost first, as far as the path goes
/// (`src/app/clients.py` → `src`, `app`, `clients`; `app/__init__.py` → `app`).
fn module_parts(file: &Path) -> Vec<&str> {
    let mut parts: Vec<&str> = file
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => name.to_str(),
            _ => None,
        })
        .collect();
    match parts.pop() {
        Some(PACKAGE_FILE) => {}
        Some(name) => parts.push(name.strip_suffix(".py").unwrap_or(name)),
        None => {}
    }
    parts
}

/// The directory a module of `depth` names is imported from (`src` for `src/app/clients.py`
/// imported as `app.clients`).
fn source_root(file: &Path, depth: usize) -> PathBuf {
    let levels = depth + usize::from(file.ends_with(PACKAGE_FILE));
    file.ancestors()
        .nth(levels)
        .unwrap_or(Path::new(""))
        .to_path_buf()
}

/// The modules a source may import, read from its lines without parsing: `import a.b, c as
/// d` gives `a.b` and `c`; `from x import y, z as w` gives `x`, `x.y` and `x.z` (an imported
/// name may be a submodule), also when the names are in parentheses over several lines.
/// Lines in strings count too: the list may hold more than the file imports, never less of
/// what its import statements say, unless one goes on over a backslash.
pub(crate) fn imported_modules(source: &str) -> Vec<String> {
    static IMPORT: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("import"));
    let bytes = source.as_bytes();
    let mut modules = Vec::new();
    let mut last = None;
    for at in IMPORT.find_iter(bytes) {
        let line = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let start = memchr::memrchr(b';', &bytes[line..at]).map_or(line, |i| line + i + 1);
        if last == Some(start) {
            continue;
        }
        last = Some(start);
        let end = source[start..]
            .find(['\n', ';', '#'])
            .map_or(source.len(), |i| start + i);
        let statement = source[start..end].trim_start();
        if let Some(names) = statement.strip_prefix("import")
            && names.starts_with([' ', '\t'])
        {
            modules.extend(
                names
                    .split(',')
                    .filter_map(imported_name)
                    .map(str::to_owned),
            );
        } else if let Some(rest) = statement.strip_prefix("from") {
            let rest_at = end - rest.len();
            from_import(source, rest_at, end, &mut modules);
        }
    }
    modules
}

/// `from <module> import <names>`, of which `source[at..end]` is the part after `from` up
/// to the end of its line: the module, and the module joined with each name.
fn from_import(source: &str, at: usize, end: usize, modules: &mut Vec<String>) {
    let rest = &source[at..end];
    if !rest.starts_with([' ', '\t']) {
        return;
    }
    let Some(module) = rest.split_whitespace().next().filter(|m| is_module_name(m)) else {
        return;
    };
    let after_module = &rest[rest.find(module).unwrap_or(0) + module.len()..];
    let Some(names) = after_module.trim_start().strip_prefix("import") else {
        return;
    };
    if !names.starts_with([' ', '\t', '(']) {
        return;
    }
    modules.push(module.to_owned());
    let names_at = end - names.len();
    let names = match names.trim_start().strip_prefix('(') {
        // Parenthesised names may go on over several lines (and comments) of the source.
        Some(inside) => {
            let open = end - inside.len();
            let close = source[open..].find(')').map_or(source.len(), |i| open + i);
            &source[open..close]
        }
        None => &source[names_at..end],
    };
    let separator = if module.ends_with('.') { "" } else { "." };
    for name in names
        .split(',')
        .map(|n| {
            n.lines()
                .rfind(|l| !l.trim_start().starts_with('#'))
                .unwrap_or("")
        })
        .filter_map(imported_name)
    {
        modules.push(format!("{module}{separator}{name}"));
    }
}

/// The name an `import` list item imports (`a.b` of `a.b as c`), if it is a module name.
fn imported_name(item: &str) -> Option<&str> {
    let name = item.split_whitespace().next()?;
    (is_module_name(name) && !name.starts_with('.')).then_some(name)
}

/// Dotted identifiers, with leading dots for relative imports.
fn is_module_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b >= 0x80)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(paths: &[&str]) -> ModuleIndex {
        ModuleIndex::new(paths.iter().map(PathBuf::from))
    }

    #[test]
    fn relative_names_are_looked_up_from_the_importing_package() {
        let index = index(&[
            "p/app/__init__.py",
            "p/app/clients.py",
            "p/app/billing/__init__.py",
            "p/app/billing/views.py",
            "p/app/core/stripe.py",
        ]);
        let from = Path::new("p/app/billing/views.py");
        let found = |m: &str| index.resolve(from, m).map(|p| p.display().to_string());
        assert_eq!(found(".").as_deref(), Some("p/app/billing/__init__.py"));
        assert_eq!(found("..").as_deref(), Some("p/app/__init__.py"));
        assert_eq!(found("..clients").as_deref(), Some("p/app/clients.py"));
        assert_eq!(
            found("..core.stripe").as_deref(),
            Some("p/app/core/stripe.py")
        );
        assert_eq!(found(".clients"), None);
        assert_eq!(found("...."), None, "above the scanned paths");
    }

    #[test]
    fn absolute_names_prefer_the_root_holding_the_importer_else_the_only_one() {
        let index = index(&[
            "one/app/clients.py",
            "one/app/views.py",
            "two/src/app/clients/__init__.py",
            "two/src/app/views.py",
            "two/tests/test_views.py",
            "lib/only/settings.py",
        ]);
        let found = |from: &str, m: &str| {
            index
                .resolve(Path::new(from), m)
                .map(|p| p.display().to_string())
        };
        assert_eq!(
            found("one/app/views.py", "app.clients").as_deref(),
            Some("one/app/clients.py")
        );
        assert_eq!(
            found("two/src/app/views.py", "app.clients").as_deref(),
            Some("two/src/app/clients/__init__.py")
        );
        // Two projects hold `app.clients` and neither holds the test: undecided.
        assert_eq!(found("two/tests/test_views.py", "app.clients"), None);
        assert_eq!(
            found("two/tests/test_views.py", "only.settings").as_deref(),
            Some("lib/only/settings.py")
        );
        assert_eq!(found("one/app/views.py", "stripe"), None, "always the SDK");
        assert_eq!(found("one/app/views.py", "os.path"), None);
    }

    #[test]
    fn a_package_is_preferred_to_a_module_of_the_same_name() {
        let index = index(&["r/app/clients.py", "r/app/clients/__init__.py", "r/main.py"]);
        assert_eq!(
            index.resolve(Path::new("r/main.py"), "app.clients"),
            Some(PathBuf::from("r/app/clients/__init__.py"))
        );
    }

    /// Pieces of import statements cut anywhere, joined in many orders, with non-ASCII text:
    /// reading them never panics.
    #[test]
    fn imported_modules_read_any_text() {
        let pieces = [
            "from ",
            "import ",
            "(",
            ")",
            ",",
            ";",
            "#",
            "\n",
            " as ",
            ".",
            "..a",
            "é",
            "\\",
            "from . import (x,\n# c\n y",
            "import\t",
            "from\tx import",
            "📦",
            "a.b",
        ];
        for a in 0..pieces.len() {
            for b in 0..pieces.len() {
                for c in 0..pieces.len() {
                    let source = format!("{}{}{}{}", pieces[a], pieces[b], pieces[c], pieces[a]);
                    let _ = imported_modules(&source);
                }
            }
        }
    }

    #[test]
    fn imported_modules_are_read_from_the_import_lines() {
        let source = "import os, app.clients as clients\nfrom .setup import stripe as s, x # c\n\
            from . import billing\nfrom ..core import (\n    one,\n    two as t,\n)\n\
            x = 1; import json\ndef f():\n    from app import *\n\
            # from nowhere import nothing\nimportant = 2\nfrom_x = 3\nfrom important import it\n";
        assert_eq!(
            imported_modules(source),
            [
                "os",
                "app.clients",
                ".setup",
                ".setup.stripe",
                ".setup.x",
                ".",
                ".billing",
                "..core",
                "..core.one",
                "..core.two",
                "json",
                "app",
                "important",
                "important.it",
            ]
        );
    }
}
