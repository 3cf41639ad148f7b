//! Project-level extraction: clients created in one module and used in others.
//!
//! A [`JsProject`] knows the project's files. When a file imports a project module, the
//! module's exports are computed (parsing it once, cached) so that `import { stripe } from
//! '@/lib/stripe'` binds `stripe` to the client `lib/stripe.ts` exports.

use crate::imports::{ImportResolver, member_path, package_value};
use crate::model::Exports;
use crate::parse::Dialect;
use crate::resolver::{ModuleResolver, normalize};
use crate::scan;
use crate::value::Value;
use memchr::memmem::Finder;
use rakscan_core::{ExtractError, Extraction, Need, ProjectBuilder, ProjectExtractor};
use rakscan_syntax::mentions_stripe;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

/// Longest chain of modules followed through imports and re-exports.
const MAX_CHAIN: usize = 16;

/// A JavaScript/TypeScript project: extracts files with knowledge of what their imports are.
///
/// Cheap to share across threads; module exports are computed on demand and cached.
pub struct JsProject {
    resolver: ModuleResolver,
    exports: Mutex<HashMap<PathBuf, Arc<Exports>>>,
}

impl JsProject {
    /// A project rooted at `root` made of `files`: every file path the walk found (not only
    /// JavaScript: `package.json` files name the workspace packages). Paths are used as given
    /// (absolute, or relative to the working directory, like `root`); `tsconfig.json` and
    /// `jsconfig.json` are looked up from each file's directory up to `root`.
    pub fn new<P: AsRef<Path>>(root: &Path, files: impl IntoIterator<Item = P>) -> Self {
        JsProject {
            resolver: ModuleResolver::new(
                root,
                files.into_iter().map(|p| p.as_ref().to_path_buf()),
            ),
            exports: Mutex::new(HashMap::new()),
        }
    }

    /// Whether a file is worth extracting: it mentions Stripe, or imports a project module
    /// that exports a Stripe client, factory or the SDK (directly or through re-exports).
    /// Use it in place of the byte prefilter for JavaScript files.
    pub fn wants(&self, path: &Path, source: &str) -> bool {
        mentions_stripe(source)
            || import_specifiers(source).iter().any(|spec| {
                self.resolver
                    .resolve(path, spec)
                    .is_some_and(|file| self.exports_stripe(&file, &[]))
            })
    }

    /// Extracts one file of the project.
    pub fn extract_file(&self, path: &Path, source: &str) -> Result<Extraction, ExtractError> {
        let path = normalize(path);
        let imports = ProjectImports {
            project: self,
            from: path.clone(),
            chain: vec![path.clone()],
        };
        scan::extract(
            source,
            Dialect::of_path(&path).unwrap_or(Dialect::Tsx),
            &imports,
        )
    }
}

/// Collects the paths of a root's JavaScript files and `package.json` files for a
/// [`JsProject`], and the import specifiers of files that never name Stripe.
pub struct JsProjectBuilder {
    root: PathBuf,
    files: Mutex<Vec<PathBuf>>,
}

impl JsProjectBuilder {
    /// A builder for the project rooted at `root`.
    pub fn new(root: &Path) -> Self {
        JsProjectBuilder {
            root: root.to_path_buf(),
            files: Mutex::new(Vec::new()),
        }
    }
}

impl ProjectBuilder for JsProjectBuilder {
    fn observe(&self, path: &Path, source: &str) -> Need {
        self.files
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(path.to_path_buf());
        if Dialect::of_path(path).is_none() || crate::is_minified(source) {
            return Need::Nothing;
        }
        if mentions_stripe(source) {
            return Need::Context;
        }
        let specifiers = import_specifiers(source);
        match specifiers.is_empty() {
            true => Need::Nothing,
            false => Need::Decide(specifiers.into_iter().map(str::to_owned).collect()),
        }
    }

    fn build(self: Box<Self>) -> Option<Box<dyn ProjectExtractor>> {
        // In the walk's order: the resolver keeps them as a set.
        let files = self.files.into_inner().unwrap_or_else(|p| p.into_inner());
        Some(Box::new(JsProject::new(&self.root, files)))
    }
}

impl ProjectExtractor for JsProject {
    /// From the file's import specifiers: whether one names a module exporting Stripe.
    fn decide(&self, path: &Path, words: &[String]) -> Option<bool> {
        Some(words.iter().any(|spec| {
            self.resolver
                .resolve(path, spec)
                .is_some_and(|file| self.exports_stripe(&file, &[]))
        }))
    }

    fn wants(&self, path: &Path, source: &str) -> bool {
        JsProject::wants(self, path, source)
    }

    fn passes_over(&self, _path: &Path, source: &str) -> Option<String> {
        crate::is_minified(source).then(|| "skipped: looks minified or bundled (long lines)".into())
    }

    fn extract(&self, path: &Path, source: &str) -> Result<Extraction, ExtractError> {
        self.extract_file(path, source)
    }
}

impl JsProject {
    fn exports_stripe(&self, file: &Path, chain: &[PathBuf]) -> bool {
        let exports = self.module_exports(file, chain);
        if exports.is_stripe() {
            return true;
        }
        let mut next = chain.to_vec();
        next.push(file.to_path_buf());
        exports.stars.iter().any(|spec| {
            self.resolver.resolve(file, spec).is_some_and(|f| {
                !next.contains(&f) && next.len() < MAX_CHAIN && self.exports_stripe(&f, &next)
            })
        })
    }

    /// What a module exports; parsed only when it may hold anything of Stripe's.
    fn module_exports(&self, file: &Path, chain: &[PathBuf]) -> Arc<Exports> {
        if let Some(found) = self.exports.lock().ok().and_then(|m| m.get(file).cloned()) {
            return found;
        }
        if chain.len() >= MAX_CHAIN || chain.iter().any(|f| f == file) {
            return Arc::new(Exports::default());
        }
        let mut next = chain.to_vec();
        next.push(file.to_path_buf());
        let computed = std::fs::read_to_string(file)
            .ok()
            .filter(|source| {
                mentions_stripe(source)
                    || import_specifiers(source).iter().any(|spec| {
                        self.resolver
                            .resolve(file, spec)
                            .is_some_and(|f| !next.contains(&f) && self.exports_stripe(&f, &next))
                    })
            })
            .and_then(|source| {
                let imports = ProjectImports {
                    project: self,
                    from: file.to_path_buf(),
                    chain: next.clone(),
                };
                scan::exports(
                    &source,
                    Dialect::of_path(file).unwrap_or(Dialect::Tsx),
                    &imports,
                )
                .ok()
            })
            .unwrap_or_default();
        let computed = Arc::new(computed);
        if let Ok(mut map) = self.exports.lock() {
            map.insert(file.to_path_buf(), computed.clone());
        }
        computed
    }

    /// The value at `path` in the exports of `file`.
    fn lookup(&self, file: &Path, path: &[String], chain: &[PathBuf]) -> Value {
        let exports = self.module_exports(file, chain);
        let Some((first, rest)) = path.split_first() else {
            return match &exports.whole {
                Some(whole) => whole.clone(),
                None => {
                    // By name: the object keeps a bounded number of keys, the same ones each run.
                    let mut named: Vec<(&String, &Value)> = exports.named.iter().collect();
                    named.sort_unstable_by_key(|&(name, _)| name);
                    Value::object(
                        named
                            .into_iter()
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .chain(exports.default.clone().map(|d| ("default".to_owned(), d))),
                    )
                }
            };
        };
        let direct = if first == "default" {
            exports.default.clone().or_else(|| exports.whole.clone())
        } else {
            exports
                .named
                .get(first)
                .cloned()
                .or_else(|| exports.whole.as_ref().map(|w| w.member(first)))
        };
        let value = direct.or_else(|| self.lookup_in_stars(file, &exports, first, chain));
        member_path(value.unwrap_or(Value::Unknown), rest)
    }

    fn lookup_in_stars(
        &self,
        file: &Path,
        exports: &Exports,
        name: &str,
        chain: &[PathBuf],
    ) -> Option<Value> {
        if name == "default" || chain.len() >= MAX_CHAIN {
            return None;
        }
        let mut next = chain.to_vec();
        next.push(file.to_path_buf());
        exports.stars.iter().find_map(|spec| {
            let target = self.resolver.resolve(file, spec)?;
            if next.contains(&target) {
                return None;
            }
            match self.lookup(&target, &[name.to_owned()], &next) {
                Value::Unknown => None,
                v => Some(v),
            }
        })
    }
}

/// Resolves the imports of one project file.
struct ProjectImports<'p> {
    project: &'p JsProject,
    from: PathBuf,
    chain: Vec<PathBuf>,
}

impl ImportResolver for ProjectImports<'_> {
    fn resolve(&self, specifier: &str, path: &[String]) -> Value {
        if let Some(v) = package_value(specifier) {
            return member_path(v, path);
        }
        match self.project.resolver.resolve(&self.from, specifier) {
            Some(file) if !self.chain.contains(&file) => {
                self.project.lookup(&file, path, &self.chain)
            }
            _ => Value::Unknown,
        }
    }
}

/// The module specifiers a source names after `from`, `require(` or `import(`, found without
/// parsing (a cheap over-approximation): those after `from` first, then after `require(`,
/// then after `import(`, each in source order.
fn import_specifiers(source: &str) -> Vec<&str> {
    static KEYWORDS: LazyLock<[Finder<'static>; 3]> = LazyLock::new(|| {
        [
            Finder::new("from"),
            Finder::new("require("),
            Finder::new("import("),
        ]
    });
    let mut out = Vec::new();
    for keyword in KEYWORDS.iter() {
        for at in keyword.find_iter(source.as_bytes()) {
            // The keyword is ASCII, so the byte after it starts a character.
            let after = source[at + keyword.needle().len()..].trim_start();
            out.extend(quoted_specifier(after));
        }
    }
    out
}

/// The specifier quoted at the start of `text` (`'…'`, `"…"` or `` `…` ``): not empty,
/// shorter than 300 bytes and on one line.
fn quoted_specifier(text: &str) -> Option<&str> {
    let quote = *text.as_bytes().first()?;
    if !matches!(quote, b'\'' | b'"' | b'`') {
        return None;
    }
    let body = &text[1..];
    let spec = &body[..memchr::memchr(quote, body.as_bytes())?];
    (!spec.is_empty() && spec.len() < 300 && memchr::memchr(b'\n', spec.as_bytes()).is_none())
        .then_some(spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builder_tells_which_files_wait_and_the_context_decides_from_specifiers() {
        let dir = std::env::temp_dir().join(format!("rakscan-js-builder-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("lib")).unwrap();
        let client = "import Stripe from 'stripe';\nexport const payments = new Stripe(key);\n";
        let files = [
            ("lib/pay.ts", client),
            (
                "user.ts",
                "import { payments } from './lib/pay';\npayments.refunds.create();\n",
            ),
            (
                "other.ts",
                "import { db } from './db';\ndb.refunds.create();\n",
            ),
            ("db.ts", "export const db = {};\n"),
            ("package.json", "{}"),
        ];
        // The context reads a module's exports from disk when an import names it.
        for (name, source) in files {
            std::fs::write(dir.join(name), source).unwrap();
        }
        let builder: Box<dyn ProjectBuilder> = Box::new(JsProjectBuilder::new(&dir));
        let needs: Vec<Need> = files
            .iter()
            .map(|(name, source)| builder.observe(&dir.join(name), source))
            .collect();
        let context = builder.build().expect("JavaScript always has a context");
        let decided: Vec<Option<bool>> = files
            .iter()
            .zip(&needs)
            .filter_map(|((name, _), need)| match need {
                Need::Decide(words) => Some(context.decide(&dir.join(name), words)),
                _ => None,
            })
            .collect();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(needs[0], Need::Context, "it names Stripe");
        assert_eq!(needs[3], Need::Nothing, "no imports");
        assert_eq!(needs[4], Need::Nothing, "a manifest");
        assert_eq!(decided, [Some(true), Some(false)], "user.ts, then other.ts");
    }

    #[test]
    fn a_namespace_of_many_exports_gives_the_same_calls_every_time() {
        let dir = std::env::temp_dir().join(format!("rakscan-js-namespace-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut exports = String::from("import Stripe from 'stripe';\n");
        for i in 0..40 {
            exports.push_str(&format!("export const c{i:02} = new Stripe(key);\n"));
        }
        let user = (0..40)
            .map(|i| format!("all.c{i:02}.customers.create();\n"))
            .collect::<String>();
        let user = format!("import * as all from './clients';\n{user}");
        std::fs::write(dir.join("clients.ts"), &exports).unwrap();
        std::fs::write(dir.join("user.ts"), &user).unwrap();
        let files = [
            (dir.join("clients.ts"), exports.clone()),
            (dir.join("user.ts"), user.clone()),
        ];
        let starts: Vec<Vec<usize>> = (0..8)
            .map(|_| {
                let context = rakscan_core::build_project(&crate::JsExtractor, &dir, &files)
                    .expect("JavaScript always has a context");
                let extraction = context.extract(&dir.join("user.ts"), &user).unwrap();
                extraction.calls.iter().map(|c| c.span.start).collect()
            })
            .collect();
        std::fs::remove_dir_all(&dir).ok();
        assert!(!starts[0].is_empty());
        assert!(starts.iter().all(|s| s == &starts[0]), "{starts:?}");
    }

    #[test]
    fn a_class_imported_as_a_base_keeps_the_members_it_held() {
        let dir = std::env::temp_dir().join(format!("rakscan-js-base-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let base = "import Stripe from 'stripe';\n\
            export class Gateway {\n  constructor(k: string) { this.link = new Stripe(k); }\n}\n";
        let user = "import { Gateway } from './gateway';\n\
            class Shop extends Gateway { buy() { return this.link.checkout.sessions.create({}); } }\n\
            class Feed { constructor() { this.link = new Rss(); } pull() { return this.link.events.list(); } }\n";
        std::fs::write(dir.join("gateway.ts"), base).unwrap();
        std::fs::write(dir.join("user.ts"), user).unwrap();
        let project = JsProject::new(&dir, [dir.join("gateway.ts"), dir.join("user.ts")]);
        let found = project
            .extract_file(&dir.join("user.ts"), user)
            .unwrap()
            .calls;
        std::fs::remove_dir_all(&dir).ok();
        let shown: Vec<&str> = found.iter().map(|c| c.display.as_str()).collect();
        assert_eq!(shown, ["this.link.checkout.sessions.create"]);
        assert_eq!(found[0].certainty, rakscan_core::Certainty::Certain);
    }

    #[test]
    fn stripe_is_mentioned_in_any_case_anywhere() {
        for yes in ["STRIPE_KEY", "getStripe()", "x.sTrIpE", "stripe", "stripes"] {
            assert!(mentions_stripe(yes), "{yes}");
        }
        for no in ["", "strip", "s t r i p e", "Strip e", "stripStrip"] {
            assert!(!mentions_stripe(no), "{no}");
        }
    }

    #[test]
    fn specifiers_are_found_without_parsing() {
        let src = "import { a } from '@/lib/pay';\nconst b = require(\"../b\");\nconst c = await import('./c');";
        assert_eq!(import_specifiers(src), ["@/lib/pay", "../b", "./c"]);
    }

    /// The scan as it was first written (a `find` per keyword and quote): the fast scan must
    /// give the same specifiers in the same order.
    fn import_specifiers_by_find(source: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for keyword in ["from", "require(", "import("] {
            let mut rest = source;
            while let Some(at) = rest.find(keyword) {
                let after = rest[at + keyword.len()..].trim_start();
                rest = &rest[at + keyword.len()..];
                let Some(quote) = after
                    .chars()
                    .next()
                    .filter(|c| matches!(c, '\'' | '"' | '`'))
                else {
                    continue;
                };
                let body = &after[1..];
                if let Some(end) = body.find(quote) {
                    let spec = &body[..end];
                    if !spec.is_empty() && spec.len() < 300 && !spec.contains('\n') {
                        out.push(spec);
                    }
                }
            }
        }
        out
    }

    /// The byte test as it was first written (each `s` or `S` compared with the word).
    fn mentions_stripe_bytewise(source: &str) -> bool {
        let bytes = source.as_bytes();
        memchr::memchr2_iter(b's', b'S', bytes).any(|at| {
            bytes
                .get(at..at + 6)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"stripe"))
        })
    }

    /// Sources made of pieces of JavaScript (comments, strings, template literals, imports of
    /// every form, unclosed quotes, non-ASCII text), joined in many orders.
    fn varied_sources() -> Vec<String> {
        let pieces = [
            "import Stripe from 'stripe';\n",
            "import { a, b as c } from \"./lib/a\";\n",
            "export * from './all';\n",
            "export { x } from `@/x`;\n",
            "const s = require('./s');\n",
            "const t = require ( './spaced' );\n",
            "const u = await import(\"./u\");\n",
            "import(`./tpl/${name}`);\n",
            "// from 'commented' and require('also')\n",
            "/* import('./block') */\n",
            "const msg = \"from here\" + 'from\tthere';\n",
            "const q = from\n  '  multi';\n",
            "from'unclosed\n",
            "require(\"\")\n",
            "const é = 'ünïcödé from ✓ \u{a0}';\n",
            "from\u{a0}'nbsp'\n",
            "sTrIpE STRIPE strip e STRIPe\n",
            "from ``\n",
            "import(\n'./next-line')\n",
            "x = `${from} ${'a'}`\n",
            "require(",
            "from",
            "'",
        ];
        let mut sources: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..400 {
            let mut source = String::new();
            for _ in 0..8 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                source.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            sources.push(source);
        }
        sources.push(format!("from '{}'", "a".repeat(299)));
        sources.push(format!("from '{}'", "a".repeat(300)));
        sources
    }

    #[test]
    fn the_fast_specifier_scan_matches_the_find_scan() {
        for source in varied_sources() {
            assert_eq!(
                import_specifiers(&source),
                import_specifiers_by_find(&source),
                "{source:?}"
            );
        }
    }

    #[test]
    fn the_folded_stripe_test_matches_the_bytewise_test() {
        for source in varied_sources() {
            assert_eq!(
                mentions_stripe(&source),
                mentions_stripe_bytewise(&source),
                "{source:?}"
            );
        }
        // Across the edges of the folded blocks, in every case, and every byte next to the
        // word's letters that folds near them (`@` and `` ` `` are `A`/`a` minus one).
        for len in [4090, 4095, 4096, 4097, 8191, 8192, 12_300] {
            for at in (len - 12..len).chain([0, 1, len / 2]) {
                for word in [
                    "stripe",
                    "STRIPE",
                    "StRiPe",
                    "strip",
                    "s\u{0}ripe",
                    "STRIP@",
                    "str\u{9}pe",
                ] {
                    let mut source = "x".repeat(len);
                    source.insert_str(at.min(len), word);
                    assert_eq!(
                        mentions_stripe(&source),
                        mentions_stripe_bytewise(&source),
                        "{word} at {at} of {len}"
                    );
                }
            }
        }
        let every_byte: String = (0u8..128).map(char::from).collect();
        assert!(!mentions_stripe(&every_byte.repeat(40)));
    }
}
