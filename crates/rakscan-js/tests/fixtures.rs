//! Runs the extractor over every project in `fixtures/js/` and compares the resolved findings
//! with the project's hand-checked `expected.txt`.

use rakscan_core::resolve::{FileContext, resolve_file};
use rakscan_core::{Catalog, Finding};
use rakscan_js::{EXTENSIONS, JsProject, is_minified};
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/js")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "node_modules") {
                walk(&p, out);
            }
        } else {
            out.push(p);
        }
    }
}

fn render(f: &Finding) -> String {
    match f {
        Finding::ApiCall(c) => format!(
            "{}:{} {} {} {}",
            c.location.path,
            c.location.line,
            c.method,
            c.endpoint,
            c.permission.as_deref().unwrap_or("-")
        ),
        Finding::Unresolved(u) => format!("{}:{} unresolved", u.location.path, u.location.line),
    }
}

/// The findings of one fixture project, rendered in the expected.txt format.
fn scan(project_dir: &Path) -> Vec<String> {
    let catalog = Catalog::embedded().expect("rules load");
    let mut files = Vec::new();
    walk(project_dir, &mut files);
    let project = JsProject::new(project_dir, &files);
    let mut lines = Vec::new();
    for file in &files {
        let is_js = file
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e));
        if !is_js {
            continue;
        }
        let source = std::fs::read_to_string(file).unwrap();
        if is_minified(&source) || !project.wants(file, &source) {
            continue;
        }
        let extraction = project.extract_file(file, &source).unwrap();
        let rel = file
            .strip_prefix(project_dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let ctx = FileContext {
            path: &rel,
            language: "javascript",
            source: &source,
        };
        lines.extend(resolve_file(catalog, &ctx, &extraction).iter().map(render));
    }
    lines.sort();
    lines
}

fn expected(project_dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(project_dir.join("expected.txt")).unwrap();
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| l.split('#').next().unwrap().trim())
        .filter(|l| !l.is_empty())
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    lines.sort();
    lines
}

#[test]
fn every_fixture_project_gives_its_expected_findings() {
    let mut projects: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("expected.txt").is_file())
        .collect();
    projects.sort();
    assert!(!projects.is_empty());
    let mut failures = Vec::new();
    for project in &projects {
        let got = scan(project);
        let want = expected(project);
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
