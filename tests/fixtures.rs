//! Runs `rakscan scan --format json` on every fixture project (`fixtures/<language>/<project>/`)
//! and compares the findings with the project's hand-checked `expected.txt`.
//!
//! `expected.txt` holds one finding per line (order does not matter, `#` starts a comment):
//! `<path>:<line> <METHOD> <endpoint> <permission or ->` for an API call,
//! `<path>:<line> unresolved` for an unresolved call,
//! `<path>:<line> secret <secret_type> <severity>` for a key literal.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture_projects() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut projects = Vec::new();
    for language in std::fs::read_dir(&root).expect("fixtures/ exists") {
        let language = language.unwrap().path();
        if !language.is_dir() {
            continue;
        }
        for project in std::fs::read_dir(&language).unwrap() {
            let project = project.unwrap().path();
            if project.join("expected.txt").is_file() {
                projects.push(project);
            }
        }
    }
    projects.sort();
    projects
}

fn render(finding: &Value) -> String {
    let s = |key: &str| finding[key].as_str().unwrap_or("-").to_owned();
    let place = format!("{}:{}", s("path"), finding["line"]);
    match finding["kind"].as_str() {
        Some("api_call") => format!(
            "{place} {} {} {}",
            s("method"),
            s("endpoint"),
            s("permission")
        ),
        Some("unresolved") => format!("{place} unresolved"),
        Some("secret") => format!("{place} secret {} {}", s("secret_type"), s("severity")),
        other => format!("{place} {other:?}"),
    }
}

fn expected(project: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(project.join("expected.txt")).unwrap();
    let mut lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    lines.sort();
    lines
}

#[test]
fn every_fixture_project_gives_exactly_its_expected_findings() {
    let projects = fixture_projects();
    assert!(projects.len() >= 3, "fixture projects found: {projects:?}");
    let mut failures = Vec::new();
    for project in &projects {
        let output = Command::new(env!("CARGO_BIN_EXE_rakscan"))
            .args(["scan", "--format", "json"])
            .arg(project)
            .output()
            .unwrap();
        assert!(
            output.status.code().is_some_and(|c| c == 0 || c == 1),
            "{}: {}",
            project.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        let json: Value = serde_json::from_slice(&output.stdout).unwrap();
        let mut got: Vec<String> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(render)
            .collect();
        got.sort();
        let want = expected(project);
        if got != want {
            let missing: Vec<&String> = want.iter().filter(|w| !got.contains(w)).collect();
            let extra: Vec<&String> = got.iter().filter(|g| !want.contains(g)).collect();
            failures.push(format!(
                "{}:\n  missing: {missing:#?}\n  unexpected: {extra:#?}",
                project.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
