//! Runs the extractor and the core resolver over every project in `fixtures/ruby/` and compares
//! the findings with the project's hand-checked `expected.txt`.

use rakscan_core::Catalog;
use rakscan_core::Extractor;
use rakscan_core::finding::Finding;
use rakscan_core::resolve::{FileContext, resolve_file};
use rakscan_ruby::{FILE_NAMES, RubyExtractor};
use std::path::{Path, PathBuf};

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/ruby")
}

fn ruby_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            ruby_files(&path, out);
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let by_ext = path.extension().is_some_and(|e| {
            RubyExtractor
                .extensions()
                .contains(&e.to_string_lossy().as_ref())
        });
        if by_ext || FILE_NAMES.contains(&name.as_str()) {
            out.push(path);
        }
    }
}

fn render(f: &Finding) -> String {
    let loc = f.location();
    match f {
        Finding::ApiCall(c) => format!(
            "{}:{} {} {} {}",
            loc.path,
            loc.line,
            c.method,
            c.endpoint,
            c.permission.as_deref().unwrap_or("-")
        ),
        Finding::Unresolved(_) => format!("{}:{} unresolved", loc.path, loc.line),
    }
}

fn expected_lines(project: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(project.join("expected.txt")).unwrap();
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    lines.sort();
    lines
}

/// Every finding of a fixture project, rendered in the expected.txt format.
fn scan_project(project: &Path) -> Vec<String> {
    let catalog = Catalog::embedded().unwrap();
    let mut files = Vec::new();
    ruby_files(project, &mut files);
    let mut lines = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let extraction = RubyExtractor.extract(&source).unwrap();
        let rel = file
            .strip_prefix(project)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let ctx = FileContext {
            path: &rel,
            language: "ruby",
            source: &source,
        };
        lines.extend(resolve_file(catalog, &ctx, &extraction).iter().map(render));
    }
    lines.sort();
    lines
}

#[test]
fn fixture_projects_match_their_expected_findings() {
    let mut projects: Vec<PathBuf> = std::fs::read_dir(fixtures_root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.txt").is_file())
        .collect();
    projects.sort();
    assert!(!projects.is_empty(), "no fixture projects found");
    let mut failures = Vec::new();
    for project in &projects {
        let got = scan_project(project);
        let want = expected_lines(project);
        if got != want {
            let missing: Vec<_> = want.iter().filter(|l| !got.contains(l)).collect();
            let extra: Vec<_> = got.iter().filter(|l| !want.contains(l)).collect();
            failures.push(format!(
                "{}:\n  missing: {missing:#?}\n  unexpected: {extra:#?}",
                project.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
