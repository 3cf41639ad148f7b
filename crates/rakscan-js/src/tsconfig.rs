//! `tsconfig.json` / `jsconfig.json`: the `baseUrl` and `paths` aliases a module specifier
//! may go through (`@/lib/stripe` → `src/lib/stripe`), following `extends`.

use serde_json::Value as Json;
use std::path::{Path, PathBuf};

/// Longest `extends` chain followed.
const MAX_EXTENDS: usize = 5;

/// The module aliases of one configuration, with `extends` applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Aliases {
    /// `compilerOptions.baseUrl`, resolved against the file that set it.
    pub base_url: Option<PathBuf>,
    /// `compilerOptions.paths` patterns and their targets, in file order.
    pub paths: Vec<(String, Vec<String>)>,
    /// The directory `paths` targets are relative to.
    pub paths_base: PathBuf,
}

impl Aliases {
    /// Reads a configuration file and the files it extends.
    pub(crate) fn load(path: &Path) -> Option<Aliases> {
        let raw = load_raw(path, 0)?;
        let base_url = raw.base_url;
        let (paths, defining_dir) = raw.paths.unwrap_or_default();
        let paths_base = base_url.clone().unwrap_or(defining_dir);
        Some(Aliases {
            base_url,
            paths,
            paths_base,
        })
    }

    /// The paths an aliased specifier may stand for, best pattern first (TypeScript picks the
    /// pattern with the longest prefix before `*`).
    pub(crate) fn candidates(&self, specifier: &str) -> Vec<PathBuf> {
        let mut best: Option<(usize, &Vec<String>, String)> = None;
        for (pattern, targets) in &self.paths {
            let matched = match pattern.split_once('*') {
                None if pattern == specifier => Some((usize::MAX, String::new())),
                None => None,
                Some((prefix, suffix)) => specifier
                    .strip_prefix(prefix)
                    .and_then(|rest| rest.strip_suffix(suffix))
                    .map(|star| (prefix.len(), star.to_owned())),
            };
            if let Some((score, star)) = matched
                && best.as_ref().is_none_or(|(s, _, _)| score > *s)
            {
                best = Some((score, targets, star));
            }
        }
        let mut out: Vec<PathBuf> = best
            .map(|(_, targets, star)| {
                targets
                    .iter()
                    .map(|t| self.paths_base.join(t.replacen('*', &star, 1)))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(base) = &self.base_url {
            out.push(base.join(specifier));
        }
        out
    }
}

/// `paths` patterns with their targets, and the directory of the file that set them.
type DefinedPaths = (Vec<(String, Vec<String>)>, PathBuf);

#[derive(Default)]
struct Raw {
    base_url: Option<PathBuf>,
    paths: Option<DefinedPaths>,
}

fn load_raw(path: &Path, depth: usize) -> Option<Raw> {
    let text = std::fs::read_to_string(path).ok()?;
    let json: Json = serde_json::from_str(&strip_jsonc(&text)).ok()?;
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut acc = Raw::default();
    if depth < MAX_EXTENDS {
        let extends: Vec<&str> = match json.get("extends") {
            Some(Json::String(s)) => vec![s.as_str()],
            Some(Json::Array(a)) => a.iter().filter_map(Json::as_str).collect(),
            _ => Vec::new(),
        };
        for parent in extends.into_iter().filter(|e| e.starts_with('.')) {
            let mut parent_path = dir.join(parent);
            if parent_path.extension().is_none() {
                parent_path.set_extension("json");
            }
            if let Some(raw) = load_raw(&parent_path, depth + 1) {
                if raw.base_url.is_some() {
                    acc.base_url = raw.base_url;
                }
                if raw.paths.is_some() {
                    acc.paths = raw.paths;
                }
            }
        }
    }
    let options = json.get("compilerOptions");
    if let Some(base) = options
        .and_then(|o| o.get("baseUrl"))
        .and_then(Json::as_str)
    {
        acc.base_url = Some(dir.join(base));
    }
    if let Some(Json::Object(map)) = options.and_then(|o| o.get("paths")) {
        let paths = map
            .iter()
            .map(|(k, v)| {
                let targets = v
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(Json::as_str)
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default();
                (k.clone(), targets)
            })
            .collect();
        acc.paths = Some((paths, dir.to_path_buf()));
    }
    Some(acc)
}

/// Turns JSON with comments and trailing commas (as TypeScript accepts) into plain JSON.
pub(crate) fn strip_jsonc(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' {
            let start = i;
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(bytes.len());
            out.extend_from_slice(&bytes[start..i]);
        } else if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if b == b'/' && bytes.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
        } else if b == b',' {
            let next = bytes[i + 1..].iter().find(|c| !c.is_ascii_whitespace());
            if !matches!(next, Some(b'}') | Some(b']')) {
                out.push(b',');
            }
            i += 1;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_trailing_commas_are_removed() {
        let text = "{\n // c\n \"a\": \"x//y\", /* b */ \"p\": [1,],\n}";
        let json: Json = serde_json::from_str(&strip_jsonc(text)).unwrap();
        assert_eq!(json["a"], "x//y");
        assert_eq!(json["p"][0], 1);
    }

    #[test]
    fn longest_prefix_pattern_wins() {
        let aliases = Aliases {
            base_url: None,
            paths: vec![
                ("@/*".into(), vec!["./src/*".into()]),
                ("@/lib/*".into(), vec!["./lib/*".into()]),
            ],
            paths_base: PathBuf::from("/p"),
        };
        assert_eq!(
            aliases.candidates("@/lib/stripe"),
            [PathBuf::from("/p/./lib/stripe")]
        );
        assert_eq!(
            aliases.candidates("@/app/x"),
            [PathBuf::from("/p/./src/app/x")]
        );
        assert!(aliases.candidates("react").is_empty());
    }
}
