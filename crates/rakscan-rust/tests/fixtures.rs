//! Runs the extractor and the core's resolver over every project in `fixtures/rust/` and
//! compares the findings with the project's hand-checked `expected.txt`.

mod common;

use std::path::{Path, PathBuf};

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/rust")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn expected(project: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(project.join("expected.txt")).unwrap();
    let mut lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

fn actual(project: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(project, &mut files);
    let mut found = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(project)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let source = std::fs::read_to_string(&file).unwrap();
        found.extend(common::findings(&rel, &source));
    }
    found.sort();
    found
}

#[test]
fn fixture_projects_match_their_expected_findings() {
    let mut projects: Vec<PathBuf> = std::fs::read_dir(fixtures_root())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("expected.txt").is_file())
        .collect();
    projects.sort();
    assert!(projects.len() >= 2);
    for project in projects {
        assert_eq!(
            actual(&project),
            expected(&project),
            "{}",
            project.display()
        );
    }
}
