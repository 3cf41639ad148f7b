//! Entry points of the fuzz targets (`fuzz/fuzz_targets/`) and of `tests/fuzz_regressions.rs`,
//! which replays every input the fuzzers found through these same functions.
//!
//! Each entry takes arbitrary bytes, must not panic, hang or overflow its stack, and asserts the
//! invariants every input keeps: spans inside the file, instance origins naming a call of the
//! file, and no full key in anything rakscan prints.

use crate::catalog::CatalogLoad;
use crate::config;
use crate::diagnostic::{SourceError, render};
use crate::files::FileSet;
use crate::languages;
use crate::output::{self, Format};
use crate::scan::{Passes, ScanOptions, scan};
use crate::secrets::redacted_text;
use rakscan_core::manifest::grants::parse_grants;
use rakscan_core::manifest::{Manifest, needs};
use rakscan_core::resolve::{FileContext, resolve_file};
use rakscan_core::{CallStyle, Catalog};
use rakscan_secrets::Baseline;
use std::path::{Path, PathBuf};

/// A fuzz target's entry point.
pub type Target = fn(&[u8]);

/// Every fuzz target by name, as the directories of `fuzz/regressions/` are named.
pub const TARGETS: &[(&str, Target)] = &[
    ("extract_python", |d| extract("python", d)),
    ("extract_ruby", |d| extract("ruby", d)),
    ("extract_javascript", |d| extract("javascript", d)),
    ("extract_typescript", |d| extract("typescript", d)),
    ("extract_rust", |d| extract("rust", d)),
    ("extract_csharp", |d| extract("csharp", d)),
    ("extract_go", |d| extract("go", d)),
    ("extract_php", |d| extract("php", d)),
    ("extract_java", |d| extract("java", d)),
    ("secrets", secrets),
    ("config", config),
    ("manifest", manifest),
    ("pipeline", pipeline),
];

fn catalog() -> &'static Catalog {
    Catalog::embedded().expect("the built-in rules load")
}

/// One extractor on one file: bytes → text (invalid UTF-8 replaced, as a scan does) → IR →
/// resolved findings. `language` is an extractor's language name, or `typescript` for the
/// JavaScript extractor reading a `.tsx` file.
pub fn extract(language: &str, data: &[u8]) {
    let (name, file) = match language {
        "typescript" => ("javascript", "fuzz.tsx"),
        other => (other, ""),
    };
    let found = languages::all()
        .iter()
        .find(|l| l.extractor.language() == name)
        .unwrap_or_else(|| panic!("no extractor named {name}"));
    let file = match file {
        "" => format!("fuzz.{}", found.extractor.extensions()[0]),
        file => file.to_owned(),
    };
    let source = String::from_utf8_lossy(data);
    let Ok(extraction) = found.extractor.extract(Path::new(&file), &source) else {
        return;
    };
    let inside = |span: &rakscan_core::ir::Span| span.start <= span.end && span.end <= source.len();
    for (i, call) in extraction.calls.iter().enumerate() {
        assert!(
            inside(&call.span),
            "call span {:?} outside the file",
            call.span
        );
        if let CallStyle::Instance { origin: Some(o) } | CallStyle::Element { origin: o } =
            call.style
        {
            // Origins may point forward or form cycles (a recursive method): the core resolves
            // a cycle to no class. They must name a call of the file.
            assert!(o < extraction.calls.len(), "call {i} has origin {o}");
        }
    }
    for unresolved in &extraction.unresolved {
        assert!(inside(&unresolved.span), "unresolved span outside the file");
    }
    let context = FileContext {
        path: &file,
        language: found.extractor.language(),
        source: &source,
    };
    resolve_file(catalog(), &context, &extraction);
}

/// The secret pass on one file's bytes: no finding shows its key in its redacted form, its
/// fingerprint or its `Debug` text, and a redacted snippet of the file can be made.
pub fn secrets(data: &[u8]) {
    let scan = rakscan_secrets::scan(data);
    for finding in scan.findings.iter().chain(&scan.allowed) {
        let key = finding.expose_secret();
        assert!(data.len() >= finding.span.end && finding.span.start < finding.span.end);
        assert!(
            !finding.redacted.contains(key),
            "redacted form shows the key"
        );
        assert!(
            !finding.fingerprint.contains(key),
            "fingerprint shows the key"
        );
        assert!(!format!("{finding:?}").contains(key), "Debug shows the key");
    }
    redacted_text(data);
}

/// `.rakscan.yaml` from arbitrary text: parsed and checked, or an error whose snippet can be
/// drawn; a configuration that loads can filter paths and assign keys.
pub fn config(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let base = PathBuf::from("/fuzz");
    match config::from_text(base.join(config::FILE_NAME), &text, base.clone()) {
        Ok(loaded) => {
            for path in [
                "a.py",
                "src/lib/b.js",
                "tests/fixtures/c.go",
                "x/y/z.min.js",
            ] {
                let path = base.join(path);
                loaded.filter.admits_file(&path);
                loaded.filter.admits_dir(path.parent().unwrap_or(&base));
                loaded.keys_for(&path);
            }
        }
        Err(error) => draw(&error),
    }
}

/// A manifest given to `rakscan check`, and a baseline given to `--baseline`, from arbitrary
/// text: parsed, or an error whose snippet can be drawn.
pub fn manifest(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Err(e) = parse_grants(catalog(), &text) {
        let error = SourceError::new("m.yaml", &text, e.offset, e.len, e.message, e.help);
        render(&error, false);
    }
    if let Ok(baseline) = Baseline::from_json(&text) {
        Baseline::from_json(&baseline.to_json()).expect("a written baseline reads back");
    }
}

fn draw(error: &anyhow::Error) {
    match error.downcast_ref::<SourceError>() {
        Some(located) => {
            render(located, false);
        }
        None => {
            std::hint::black_box(format!("{error:#}"));
        }
    }
}

/// File names the pipeline target gives its files: one per language and dialect, plus files
/// only the secret pass reads.
const NAMES: &[&str] = &[
    "app.py",
    "app.rb",
    "Gemfile",
    "app.js",
    "app.ts",
    "app.tsx",
    "app.mjs",
    "main.rs",
    "main.go",
    "index.php",
    "App.java",
    ".env",
    "config.yaml",
    "notes.md",
    "go.mod",
    "package.json",
    "Billing.cs",
];

/// The whole per-file pipeline of a scan over up to four in-memory files (the input split at
/// `0xFF` bytes, the first byte of each part choosing its name): read, binary sniff, secret
/// pass, prefilter, project context, extraction, resolution, suppressions, every output format
/// and the manifest. Nothing printed may contain a key found in the input.
pub fn pipeline(data: &[u8]) {
    let blobs: Vec<(PathBuf, Vec<u8>)> = data
        .split(|&b| b == 0xFF)
        .take(4)
        .enumerate()
        .filter_map(|(i, part)| {
            let (&pick, body) = part.split_first()?;
            let name = NAMES[usize::from(pick) % NAMES.len()];
            Some((PathBuf::from(format!("root/d{i}/{name}")), body.to_vec()))
        })
        .collect();
    let keys: Vec<String> = blobs
        .iter()
        .flat_map(|(_, body)| {
            let scan = rakscan_secrets::scan(body);
            scan.findings
                .iter()
                .chain(&scan.allowed)
                .map(|f| f.expose_secret().to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    let options = ScanOptions {
        max_file_size: 1 << 20,
        max_file_time: None,
        threads: 1,
        show_secrets: false,
        passes: Passes::ALL,
        progress: false,
    };
    let report = scan(
        CatalogLoad::Ready(catalog()),
        FileSet::in_memory(PathBuf::from("root"), blobs),
        &options,
    );
    let mut printed: Vec<String> = [
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
    ]
    .into_iter()
    .map(|format| output::render(format, catalog(), &report).expect("every format renders"))
    .collect();
    let manifest = Manifest::build(catalog(), "fuzz", &needs(&report.findings), Vec::new());
    printed.push(serde_yaml::to_string(&manifest).expect("the manifest serialises"));
    printed.extend(
        report
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message)),
    );
    for key in &keys {
        for text in &printed {
            assert!(
                !text.contains(key.as_str()),
                "a full key was printed:\n{text}"
            );
        }
    }
}
