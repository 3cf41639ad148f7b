//! `rakscan scan --staged`: files read from git's index, not the working tree, together with
//! explicit paths and the configuration's excludes. Keys are generated at test time.

mod support;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use support::{fake_key, git, git_repo, shown};

fn scan(dir: &Path, args: &[&str]) -> Output {
    Command::new(support::binary())
        .args(["scan", "--format", "concise"])
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn a_partially_staged_file_is_judged_by_its_staged_content() {
    let repo = git_repo();
    let dir = repo.path();
    let key = fake_key("sk", "live", 11);
    fs::write(dir.join("settings.py"), format!("STRIPE_KEY = '{key}'\n")).unwrap();
    git(dir, &["add", "settings.py"]);
    // The working tree no longer has the key, but the index (the commit to be) does.
    fs::write(
        dir.join("settings.py"),
        "import os\nSTRIPE_KEY = os.environ['STRIPE_KEY']\n",
    )
    .unwrap();

    let staged = scan(dir, &["--staged"]);
    assert_eq!(staged.status.code(), Some(1), "{}", shown(&staged));
    let out = String::from_utf8_lossy(&staged.stdout);
    assert!(
        out.contains("settings.py:1:15: error[stripe-secret-key-live]"),
        "{out}"
    );
    assert!(!out.contains(&key), "redacted: {out}");

    // Source snippets come from the index too.
    let human = Command::new(support::binary())
        .args(["scan", "--staged"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let human = String::from_utf8_lossy(&human.stdout);
    assert!(human.contains("1 │ STRIPE_KEY = 'sk_live_"), "{human}");
    assert!(
        !human.contains("os.environ") && !human.contains(&key),
        "{human}"
    );

    let worktree = scan(dir, &[]);
    assert_eq!(worktree.status.code(), Some(0), "{}", shown(&worktree));

    // The other way round: a clean index and a key only in the working tree.
    git(dir, &["add", "settings.py"]);
    fs::write(dir.join("settings.py"), format!("STRIPE_KEY = '{key}'\n")).unwrap();
    let staged = scan(dir, &["--staged"]);
    assert_eq!(staged.status.code(), Some(0), "{}", shown(&staged));
}

#[test]
fn named_files_are_read_from_the_index_and_config_excludes_apply() {
    let repo = git_repo();
    let dir = repo.path();
    let key = fake_key("rk", "live", 12);
    fs::create_dir_all(dir.join("docs")).unwrap();
    fs::write(dir.join("app.py"), format!("KEY = '{key}'\n")).unwrap();
    fs::write(dir.join("docs/example.md"), format!("Use `{key}`\n")).unwrap();
    fs::write(dir.join(".rakscan.yaml"), "exclude: [\"docs/**\"]\n").unwrap();
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "keys"]);
    // Nothing is staged now; named files (pre-commit's --all-files) are still read from the
    // index, and the excluded one is skipped even though it is named.
    let out = scan(
        dir,
        &["--staged", "--only", "secrets", "app.py", "docs/example.md"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("app.py:1:8: error[stripe-restricted-key-live]"),
        "{text}"
    );
    assert!(!text.contains("docs/example.md"), "{text}");

    let none_staged = scan(dir, &["--staged"]);
    assert_eq!(
        none_staged.status.code(),
        Some(0),
        "{}",
        shown(&none_staged)
    );
    assert_eq!(String::from_utf8_lossy(&none_staged.stdout), "");
}

#[test]
fn staged_outside_a_repository_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(support::binary())
        .args(["scan", "--staged"])
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--staged needs a git repository"),
        "{}",
        shown(&out)
    );
}
