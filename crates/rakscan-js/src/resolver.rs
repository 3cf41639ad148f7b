//! Module resolution: which project file a specifier in an import names. Relative paths,
//! extension-less and `.js`-for-`.ts` specifiers, `index` files, `tsconfig`/`jsconfig` aliases
//! and packages of the same workspace (monorepos). npm packages outside the project are not
//! followed.

use crate::tsconfig::Aliases;
use serde_json::Value as Json;
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Extensions tried for a specifier without one, in TypeScript's order of preference.
const TRY_EXTENSIONS: &[&str] = &["ts", "tsx", "mts", "cts", "d.ts", "js", "jsx", "mjs", "cjs"];
/// Directories climbed looking for a configuration file.
const MAX_CLIMB: usize = 32;

/// Removes `.` and resolves `..` components without touching the file system.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A package of the workspace: its `package.json` name, directory and entry points.
struct Package {
    name: String,
    dir: PathBuf,
    entries: Vec<String>,
    subpaths: HashMap<String, String>,
}

/// Resolves specifiers to files of the project.
pub(crate) struct ModuleResolver {
    root: PathBuf,
    files: HashSet<PathBuf>,
    packages: Vec<Package>,
    configs: Mutex<HashMap<PathBuf, Option<Arc<Aliases>>>>,
}

impl ModuleResolver {
    /// Indexes the project's files and reads the `package.json` of its workspace packages.
    pub(crate) fn new(root: &Path, files: impl IntoIterator<Item = PathBuf>) -> Self {
        let files: HashSet<PathBuf> = files.into_iter().map(|f| normalize(&f)).collect();
        let mut packages: Vec<Package> = files
            .iter()
            .filter(|f| f.file_name().is_some_and(|n| n == "package.json"))
            .filter(|f| !f.components().any(|c| c.as_os_str() == "node_modules"))
            .filter_map(|f| read_package(f))
            .collect();
        // Of two packages with one name, the first by directory is used, whatever the order
        // of the set.
        packages.sort_by(|a, b| a.dir.cmp(&b.dir));
        ModuleResolver {
            root: normalize(root),
            files,
            packages,
            configs: Mutex::new(HashMap::new()),
        }
    }

    /// The file `specifier` names when imported from `from`, if it is part of the project.
    pub(crate) fn resolve(&self, from: &Path, specifier: &str) -> Option<PathBuf> {
        let from = normalize(from);
        let dir = from.parent().unwrap_or(Path::new(""));
        if specifier == "."
            || specifier == ".."
            || specifier.starts_with("./")
            || specifier.starts_with("../")
        {
            return self.try_path(&dir.join(specifier));
        }
        if let Some(aliases) = self.aliases_for(dir) {
            for candidate in aliases.candidates(specifier) {
                if let Some(found) = self.try_path(&candidate) {
                    return Some(found);
                }
            }
        }
        self.resolve_package(specifier)
    }

    fn resolve_package(&self, specifier: &str) -> Option<PathBuf> {
        let package = self.packages.iter().find(|p| {
            specifier == p.name
                || specifier
                    .strip_prefix(&p.name)
                    .is_some_and(|r| r.starts_with('/'))
        })?;
        let subpath = specifier[package.name.len()..].trim_start_matches('/');
        if subpath.is_empty() {
            for entry in &package.entries {
                if let Some(found) = self.try_path(&package.dir.join(entry)) {
                    return Some(found);
                }
            }
            return ["src/index", "index"]
                .iter()
                .find_map(|e| self.try_path(&package.dir.join(e)));
        }
        if let Some(target) = package.subpaths.get(subpath)
            && let Some(found) = self.try_path(&package.dir.join(target))
        {
            return Some(found);
        }
        self.try_path(&package.dir.join(subpath))
            .or_else(|| self.try_path(&package.dir.join("src").join(subpath)))
    }

    /// The file a path names: itself, with an extension added or swapped (`./x.js` written for
    /// `x.ts`), or the `index` file of a directory.
    fn try_path(&self, path: &Path) -> Option<PathBuf> {
        let path = normalize(path);
        let exists = |p: &PathBuf| self.files.contains(p);
        if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
            if crate::EXTENSIONS.contains(&ext) && exists(&path) {
                return Some(path);
            }
            let swaps: &[&str] = match ext {
                "js" => &["ts", "tsx"],
                "jsx" => &["tsx"],
                "mjs" => &["mts"],
                "cjs" => &["cts"],
                _ => &[],
            };
            for swap in swaps {
                let p = path.with_extension(swap);
                if exists(&p) {
                    return Some(p);
                }
            }
        }
        let with_ext = |base: &Path, ext: &str| {
            let mut s = base.as_os_str().to_owned();
            s.push(".");
            s.push(ext);
            PathBuf::from(s)
        };
        TRY_EXTENSIONS
            .iter()
            .map(|ext| with_ext(&path, ext))
            .chain(
                TRY_EXTENSIONS
                    .iter()
                    .map(|ext| with_ext(&path.join("index"), ext)),
            )
            .find(exists)
    }

    /// The aliases of the nearest `tsconfig.json` or `jsconfig.json` above a directory, up to
    /// the project root.
    fn aliases_for(&self, dir: &Path) -> Option<Arc<Aliases>> {
        let mut visited = Vec::new();
        let mut current = Some(dir.to_path_buf());
        let mut found = None;
        for _ in 0..MAX_CLIMB {
            let Some(d) = current else { break };
            if let Some(cached) = self.configs.lock().ok().and_then(|c| c.get(&d).cloned()) {
                found = cached;
                break;
            }
            let config = ["tsconfig.json", "jsconfig.json"]
                .iter()
                .map(|n| d.join(n))
                .find(|p| self.files.contains(p) || p.is_file());
            visited.push(d.clone());
            if let Some(config) = config {
                found = Aliases::load(&config).map(Arc::new);
                break;
            }
            if d == self.root || !d.starts_with(&self.root) {
                break;
            }
            current = d.parent().map(Path::to_path_buf);
        }
        if let Ok(mut cache) = self.configs.lock() {
            for d in visited {
                cache.insert(d, found.clone());
            }
        }
        found
    }
}

fn read_package(path: &Path) -> Option<Package> {
    let json: Json = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    let name = json.get("name")?.as_str()?.to_owned();
    let mut entries = Vec::new();
    let mut subpaths = HashMap::new();
    match json.get("exports") {
        Some(Json::String(s)) => entries.push(s.clone()),
        Some(Json::Object(map)) if map.keys().all(|k| k.starts_with('.')) => {
            for (k, v) in map {
                if let Some(target) = export_target(v) {
                    if k == "." {
                        entries.push(target);
                    } else {
                        subpaths.insert(k.trim_start_matches("./").to_owned(), target);
                    }
                }
            }
        }
        Some(v) => entries.extend(export_target(v)),
        None => {}
    }
    for field in ["source", "types", "typings", "module", "main"] {
        if let Some(s) = json.get(field).and_then(Json::as_str) {
            entries.push(s.to_owned());
        }
    }
    Some(Package {
        name,
        dir: path.parent().unwrap_or(Path::new("")).to_path_buf(),
        entries,
        subpaths,
    })
}

/// The file a conditional `exports` entry points to, preferring source-like conditions.
fn export_target(value: &Json) -> Option<String> {
    match value {
        Json::String(s) => Some(s.clone()),
        Json::Object(map) => ["types", "import", "require", "node", "default"]
            .iter()
            .find_map(|k| map.get(*k).and_then(export_target)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_specifiers_find_files_and_index_files() {
        let r = ModuleResolver::new(
            Path::new("app"),
            ["app/lib/stripe.ts", "app/lib/index.ts", "app/routes/pay.ts"].map(PathBuf::from),
        );
        let from = Path::new("app/routes/pay.ts");
        assert_eq!(
            r.resolve(from, "../lib/stripe"),
            Some(PathBuf::from("app/lib/stripe.ts"))
        );
        assert_eq!(
            r.resolve(from, "../lib/stripe.js"),
            Some(PathBuf::from("app/lib/stripe.ts"))
        );
        assert_eq!(
            r.resolve(from, "../lib"),
            Some(PathBuf::from("app/lib/index.ts"))
        );
        assert_eq!(
            r.resolve(Path::new("app/lib/x.ts"), "."),
            Some(PathBuf::from("app/lib/index.ts"))
        );
        assert_eq!(r.resolve(from, "express"), None);
    }

    #[test]
    fn of_two_packages_with_one_name_the_first_directory_is_used() {
        let dir = std::env::temp_dir().join(format!("rakscan-js-packages-{}", std::process::id()));
        let mut files = Vec::new();
        for pkg in ["b", "a", "c"] {
            let pkg_dir = dir.join(pkg);
            std::fs::create_dir_all(&pkg_dir).unwrap();
            std::fs::write(pkg_dir.join("package.json"), r#"{"name": "@app/pay"}"#).unwrap();
            files.push(pkg_dir.join("package.json"));
            files.push(pkg_dir.join("index.ts"));
        }
        let found: Vec<Option<PathBuf>> = (0..8)
            .map(|_| {
                ModuleResolver::new(&dir, files.clone()).resolve(&dir.join("x.ts"), "@app/pay")
            })
            .collect();
        std::fs::remove_dir_all(&dir).ok();
        for one in found {
            assert_eq!(one, Some(normalize(&dir.join("a/index.ts"))));
        }
    }
}
