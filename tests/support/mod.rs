//! Shared by the integration tests that run the binary together with git, pre-commit and
//! actionlint.
#![allow(dead_code)]

use rakscan_secrets::fake::FakeRng;
use rakscan_secrets::patterns::Charset;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The built binary.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_rakscan"))
}

/// A real-shaped key built at test time (the repository holds none): prefix + `51` + 97
/// random alphanumerics.
pub fn fake_key(kind: &str, mode: &str, seed: u64) -> String {
    format!(
        "{kind}_{mode}_51{}",
        FakeRng::new(seed).body(Charset::Alphanumeric, 97)
    )
}

/// A tool that `scripts/install-deps.sh` installs into `.test-deps/venv/bin`; a clear failure
/// when it is missing (CI runs the script first).
pub fn tool(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".test-deps/venv/bin")
        .join(name);
    assert!(
        path.is_file(),
        "{} is missing: run scripts/install-deps.sh first",
        path.display()
    );
    path
}

/// The directory of the installed tools, to put first on `PATH`.
pub fn tools_path() -> String {
    let bin = tool("pre-commit");
    let dir = bin.parent().unwrap();
    format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// A fresh git repository with an identity, no global hooks and no signing.
pub fn git_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    for (key, value) in [
        ("user.name", "rakscan tests"),
        ("user.email", "tests@example.invalid"),
        ("commit.gpgsign", "false"),
    ] {
        git(dir.path(), &["config", key, value]);
    }
    dir
}

/// Runs git in `dir` and asserts it succeeded.
pub fn git(dir: &Path, args: &[&str]) -> Output {
    let out = git_output(dir, args);
    assert!(
        out.status.success(),
        "git {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs git in `dir`, whatever its outcome.
pub fn git_output(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap()
}

/// Standard output and error of a run, for failure messages.
pub fn shown(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
