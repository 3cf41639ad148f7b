//! `.rakscan.yaml` through the binary: exclude/include, rule levels, located errors, `init`,
//! `rules`, and terminal manners (`--quiet`, no progress or colour when piped, help examples).

mod support;

use serde_json::Value;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use support::{fake_key, shown};

fn rakscan(dir: &Path, args: &[&str]) -> Output {
    Command::new(support::binary())
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A project: calls in `src/`, `tests/` and `legacy/`, a test key in `src/settings.py`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["src", "tests/fixtures", "legacy"] {
        fs::create_dir_all(dir.path().join(sub)).unwrap();
    }
    let call = "import stripe\nstripe.Customer.create()\n";
    fs::write(dir.path().join("src/billing.py"), call).unwrap();
    fs::write(dir.path().join("tests/fixtures/fake.py"), call).unwrap();
    fs::write(dir.path().join("legacy/old.py"), call).unwrap();
    fs::write(
        dir.path().join("src/bundle.min.js"),
        "const stripe = require('stripe')(k);\nstripe.customers.create();\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("src/settings.py"),
        format!("KEY = '{}'\n", fake_key("sk", "test", 41)),
    )
    .unwrap();
    dir
}

fn paths_of(out: &Output) -> Vec<String> {
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut paths: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect();
    paths.dedup();
    paths
}

#[test]
fn excludes_and_includes_apply_to_walks_and_named_files() {
    let p = project();
    let dir = p.path();
    fs::write(
        dir.join(".rakscan.yaml"),
        "exclude: [\"tests/**\", legacy, \"*.min.js\"]\n",
    )
    .unwrap();
    let out = rakscan(dir, &["scan", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert_eq!(paths_of(&out), ["src/billing.py", "src/settings.py"]);

    // Named files (as pre-commit passes them): the excluded ones are still skipped.
    let out = rakscan(
        dir,
        &[
            "scan",
            "--format",
            "json",
            "legacy/old.py",
            "src/billing.py",
            "src/bundle.min.js",
        ],
    );
    assert_eq!(paths_of(&out), ["src/billing.py"], "{}", shown(&out));

    // A scan of a subdirectory finds the configuration above it; globs stay relative to it.
    let out = rakscan(&dir.join("tests"), &["scan", "--format", "json"]);
    assert_eq!(paths_of(&out), Vec::<String>::new(), "{}", shown(&out));

    fs::write(dir.join(".rakscan.yaml"), "include: [\"legacy/**\"]\n").unwrap();
    let out = rakscan(dir, &["scan", "--format", "json"]);
    assert_eq!(paths_of(&out), ["legacy/old.py"]);

    // --config overrides discovery; manifest and check honour the excludes too.
    fs::write(dir.join("other.yaml"), "exclude: [src, tests]\n").unwrap();
    let out = rakscan(
        dir,
        &["manifest", "--config", "other.yaml", "--format", "json"],
    );
    let manifest: Value = serde_json::from_slice(&out.stdout).unwrap();
    let evidence: Vec<&str> = manifest["permissions"][0]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["at"].as_str().unwrap())
        .collect();
    assert_eq!(evidence, ["legacy/old.py:2"], "{}", shown(&out));
}

#[test]
fn rule_levels_change_severities_everywhere_and_off_drops() {
    let p = project();
    let dir = p.path();
    let out = rakscan(dir, &["scan", "--format", "concise", "src"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a test key is a warning: {}",
        shown(&out)
    );
    assert!(stdout(&out).contains("warning[stripe-secret-key-test]"));

    fs::write(
        dir.join(".rakscan.yaml"),
        "rules:\n  stripe-secret-key-test: error\n  stripe-api-call: off\n",
    )
    .unwrap();
    let out = rakscan(dir, &["scan", "--format", "concise", "src"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "raised to error, it fails: {}",
        shown(&out)
    );
    let text = stdout(&out);
    assert!(text.contains("error[stripe-secret-key-test]"), "{text}");
    assert!(!text.contains("stripe-api-call"), "{text}");
    for (format, needle) in [
        ("sarif", "\"level\": \"error\""),
        ("github", "::error file=settings.py"),
    ] {
        let out = rakscan(dir, &["scan", "--format", format, "src"]);
        assert!(stdout(&out).contains(needle), "{format}: {}", shown(&out));
    }
    // The manifest still needs every call.
    let out = rakscan(dir, &["manifest", "--format", "url", "src"]);
    assert!(stdout(&out).contains("customer_write"), "{}", shown(&out));
}

#[test]
fn config_errors_point_at_their_line() {
    let dir = tempfile::tempdir().unwrap();
    for (text, message, line) in [
        (
            "exclude: []\nexcludes: [a]\n",
            "unknown field `excludes`",
            2,
        ),
        (
            "rules:\n  stripe-api-call: loud\n",
            "unknown variant `loud`",
            2,
        ),
        (
            "rules:\n  stripe-api-call: info\n  no-such-rule: off\n",
            "unknown rule `no-such-rule`",
            3,
        ),
        ("exclude: [\"src/[\"]\n", "bad glob `src/[`", 1),
    ] {
        fs::write(dir.path().join(".rakscan.yaml"), text).unwrap();
        let out = Command::new(support::binary())
            .args(["scan"])
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{message}: {err}");
        assert!(err.contains(&format!("line {line}")), "line {line}: {err}");
        assert!(!err.contains('\u{1b}'), "no colours with NO_COLOR: {err}");
    }
}

#[test]
fn init_writes_a_starter_that_loads_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out = rakscan(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let text = fs::read_to_string(dir.path().join(".rakscan.yaml")).unwrap();
    for section in ["exclude:", "include:", "rules:", "keys:"] {
        assert!(text.contains(section), "{section}");
    }
    // The starter is valid and changes nothing.
    fs::write(
        dir.path().join("a.py"),
        "import stripe\nstripe.Customer.create()\n",
    )
    .unwrap();
    let out = rakscan(dir.path(), &["scan", "--format", "concise"]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert!(stdout(&out).contains("a.py:2:1: info[stripe-api-call]"));
    // Every commented example is valid too once uncommented.
    let uncommented = text
        .replace("\n#  ", "\n  ")
        .replace("rules: {}", "rules:")
        .replace(": []\n  -", ":\n  -");
    fs::write(dir.path().join("examples.yaml"), &uncommented).unwrap();
    let out = rakscan(dir.path(), &["scan", "--config", "examples.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{uncommented}\n{}", shown(&out));

    let again = rakscan(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(
        rakscan(dir.path(), &["init", "--force"]).status.code(),
        Some(0)
    );
    assert_eq!(stdout(&rakscan(dir.path(), &["init", "--stdout"])), text);
}

#[test]
fn rules_lists_every_rule_id() {
    let dir = tempfile::tempdir().unwrap();
    let out = rakscan(dir.path(), &["rules", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let rules: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for id in [
        "stripe-api-call",
        "stripe-secret-key-live",
        "stripe-unresolved-call",
        "unused-suppression",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    assert_eq!(rules[0]["default_severity"], "info");
    let text = stdout(&rakscan(dir.path(), &["rules"]));
    assert!(
        text.contains("stripe-secret-key-live        error    Hard-coded live-mode"),
        "{text}"
    );
    // The README lists them all.
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for id in ids {
        assert!(readme.contains(id), "README lists {id}");
    }
}

#[test]
fn piped_runs_have_no_progress_and_no_colour_and_quiet_drops_warnings() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.py"),
        "import stripe\nstripe.Customer.create()\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("b.py"),
        b"import stripe\n\xff\xfe\nstripe.Charge.list()\n",
    )
    .unwrap();
    let out = rakscan(dir.path(), &["scan"]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("rakscan: warning: b.py: not valid UTF-8"),
        "{err}"
    );
    assert!(
        !err.contains('\r') && !err.contains('\u{1b}'),
        "no progress bar when piped: {err:?}"
    );
    assert!(!stdout(&out).contains('\u{1b}'), "no colours when piped");

    let quiet = rakscan(dir.path(), &["scan", "--quiet"]);
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&quiet.stderr), "");
    assert_eq!(quiet.stdout, out.stdout);
    // Errors are still printed.
    let err = rakscan(dir.path(), &["-q", "scan", "missing"]);
    assert_eq!(err.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&err.stderr).contains("cannot read missing"));
}

#[test]
fn every_command_help_has_examples() {
    let dir = tempfile::tempdir().unwrap();
    for command in [
        vec!["--help"],
        vec!["scan", "--help"],
        vec!["manifest", "--help"],
        vec!["check", "--help"],
        vec!["explain", "--help"],
        vec!["init", "--help"],
        vec!["rules", "--help"],
    ] {
        let out = rakscan(dir.path(), &command);
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        assert!(
            text.contains("Examples:\n  rakscan "),
            "{command:?}: {text}"
        );
    }
}
