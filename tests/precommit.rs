//! The shipped `.pre-commit-hooks.yaml` run by the real pre-commit (installed by
//! scripts/install-deps.sh) on a temporary repository: a staged live-shaped key blocks the
//! commit, a clean change passes, a partially staged file is judged by what is committed, and
//! the manifest hook fails when the code needs more than the manifest grants.
//!
//! The hooks are the shipped ones with `language: system` and the built binary as the entry,
//! since `language: rust` would build rakscan with cargo from the network.

mod support;

use serde_yaml::Value;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use support::{fake_key, git, git_output, git_repo, shown, tool, tools_path};

/// The shipped hook `id` as a local hook running the built binary.
fn local_hook(id: &str) -> Value {
    let text =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"))
            .unwrap();
    let hooks: Vec<Value> = serde_yaml::from_str(&text).unwrap();
    let mut hook = hooks
        .into_iter()
        .find(|h| h["id"] == id)
        .unwrap_or_else(|| panic!("no hook {id} in .pre-commit-hooks.yaml"));
    assert_eq!(
        hook["language"], "rust",
        "the shipped hook builds with cargo"
    );
    let entry = hook["entry"].as_str().unwrap().to_owned();
    let rest = entry
        .strip_prefix("rakscan ")
        .expect("the entry runs rakscan");
    hook["entry"] = format!("{} {rest}", support::binary().display()).into();
    hook["language"] = "system".into();
    hook
}

fn install(dir: &Path, hooks: &[&str]) {
    let config = serde_yaml::to_string(&serde_yaml::Mapping::from_iter([(
        "repos".into(),
        Value::Sequence(vec![Value::Mapping(serde_yaml::Mapping::from_iter([
            ("repo".into(), "local".into()),
            (
                "hooks".into(),
                Value::Sequence(hooks.iter().map(|id| local_hook(id)).collect()),
            ),
        ]))]),
    )]))
    .unwrap();
    fs::write(dir.join(".pre-commit-config.yaml"), config).unwrap();
    git(dir, &["add", ".pre-commit-config.yaml"]);
    let out = pre_commit(dir, &["install"]);
    assert!(out.status.success(), "{}", shown(&out));
}

fn pre_commit(dir: &Path, args: &[&str]) -> Output {
    Command::new(tool("pre-commit"))
        .args(args)
        .current_dir(dir)
        .env("PRE_COMMIT_HOME", dir.join(".git/pre-commit-cache"))
        .env("HOME", dir)
        .env("PATH", tools_path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// `git commit` through the installed hook (pre-commit must be on `PATH` for its hook script).
fn commit(dir: &Path, message: &str) -> Output {
    Command::new("git")
        .args(["commit", "-q", "-m", message])
        .current_dir(dir)
        .env("PRE_COMMIT_HOME", dir.join(".git/pre-commit-cache"))
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("PATH", tools_path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn staged_keys_block_the_commit_and_clean_changes_pass() {
    let repo = git_repo();
    let dir = repo.path();
    install(dir, &["rakscan-secrets"]);

    fs::write(
        dir.join("app.py"),
        "import os\nimport stripe\nstripe.api_key = os.environ['STRIPE_KEY']\n",
    )
    .unwrap();
    git(dir, &["add", "app.py"]);
    let clean = commit(dir, "clean");
    assert!(
        clean.status.success(),
        "a clean change passes: {}",
        shown(&clean)
    );

    let key = fake_key("sk", "live", 21);
    fs::write(dir.join("config.py"), format!("STRIPE_KEY = \"{key}\"\n")).unwrap();
    git(dir, &["add", "config.py"]);
    let blocked = commit(dir, "key");
    assert_eq!(blocked.status.code(), Some(1), "{}", shown(&blocked));
    let text = shown(&blocked);
    assert!(text.contains("stripe-secret-key-live"), "{text}");
    assert!(text.contains("config.py:1:"), "{text}");
    assert!(!text.contains(&key), "the key is redacted: {text}");
    let log = git(dir, &["log", "--oneline"]);
    assert_eq!(String::from_utf8_lossy(&log.stdout).lines().count(), 1);

    // Partially staged: the key is staged, the working tree has it removed. What is committed
    // has the key, so the commit is blocked.
    fs::write(
        dir.join("config.py"),
        "import os\nSTRIPE_KEY = os.environ['K']\n",
    )
    .unwrap();
    let blocked = commit(dir, "key, hidden in the working tree");
    assert_eq!(blocked.status.code(), Some(1), "{}", shown(&blocked));
    assert!(shown(&blocked).contains("stripe-secret-key-live"));

    // The other way round: a clean version staged, the key only in the working tree.
    git(dir, &["add", "config.py"]);
    fs::write(
        dir.join("config.py"),
        format!("import os\nSTRIPE_KEY = os.environ['K']\nOLD = '{key}'\n"),
    )
    .unwrap();
    let passed = commit(dir, "clean config");
    assert!(passed.status.success(), "{}", shown(&passed));
    let status = git_output(dir, &["status", "--porcelain"]);
    assert_eq!(
        String::from_utf8_lossy(&status.stdout).trim(),
        "M config.py",
        "the unstaged part is still there, uncommitted"
    );

    // `pre-commit run --all-files` reads every tracked file (none has a key in the index).
    let all = pre_commit(dir, &["run", "--all-files"]);
    assert!(all.status.success(), "{}", shown(&all));
}

#[test]
fn the_manifest_hook_blocks_code_that_needs_an_ungranted_permission() {
    let repo = git_repo();
    let dir = repo.path();
    install(dir, &["rakscan-check"]);
    fs::write(
        dir.join("stripe-rak.yaml"),
        "permissions: [customer_write]\n",
    )
    .unwrap();
    fs::write(
        dir.join("billing.py"),
        "import stripe\nstripe.Customer.create(email=e)\n",
    )
    .unwrap();
    git(dir, &["add", "."]);
    let granted = commit(dir, "customers");
    assert!(granted.status.success(), "{}", shown(&granted));

    fs::write(
        dir.join("billing.py"),
        "import stripe\nstripe.Customer.create(email=e)\nstripe.Refund.create(charge=c)\n",
    )
    .unwrap();
    git(dir, &["add", "billing.py"]);
    let blocked = commit(dir, "refunds");
    assert_eq!(blocked.status.code(), Some(1), "{}", shown(&blocked));
    assert!(
        shown(&blocked).contains("refund_write"),
        "{}",
        shown(&blocked)
    );
}
