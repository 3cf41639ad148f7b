//! The GitHub Action: `action.yml` and the README's workflow pass actionlint (installed by
//! scripts/install-deps.sh), the action's scripts pass ShellCheck and take no `${{ }}` text
//! (inputs come through the environment), and the scan step, run with the built binary, prints
//! annotations, writes SARIF and reports the exit code as an output.

mod support;

use serde_yaml::Value;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use support::{fake_key, shown, tool, tools_path};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn action() -> Value {
    serde_yaml::from_str(&fs::read_to_string(root().join("action.yml")).unwrap()).unwrap()
}

/// The YAML block that follows the `<!-- workflow` marker in the README.
fn readme_workflow() -> String {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let at = readme
        .find("<!-- workflow")
        .expect("README marks its workflow");
    let block = &readme[at..];
    let start = block
        .find("```yaml\n")
        .expect("a yaml block follows the marker")
        + 8;
    let end = block[start..].find("```").unwrap();
    block[start..start + end].to_owned()
}

const LOCAL_WORKFLOW: &str = r#"name: rakscan (every input)
on:
  pull_request:
permissions:
  contents: read
  security-events: write
jobs:
  scan:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - id: rakscan
        uses: ./
        with:
          path: src lib
          manifest: stripe-rak.yaml
          fail-on: warning
          sarif: "true"
          annotations: "false"
          config: ci/rakscan.yaml
          version: 0.1.0
      - run: echo "rakscan exited with $CODE, SARIF in $SARIF"
        env:
          CODE: ${{ steps.rakscan.outputs.exit-code }}
          SARIF: ${{ steps.rakscan.outputs.sarif-file }}
"#;

#[test]
fn action_and_workflows_pass_actionlint() {
    let actionlint = tool("actionlint");
    let dir = tempfile::tempdir().unwrap();
    let workflows = dir.path().join(".github/workflows");
    fs::create_dir_all(&workflows).unwrap();
    fs::copy(root().join("action.yml"), dir.path().join("action.yml")).unwrap();
    fs::write(workflows.join("readme.yml"), readme_workflow()).unwrap();
    fs::write(workflows.join("local.yml"), LOCAL_WORKFLOW).unwrap();
    // actionlint finds the repository through `.git`.
    fs::create_dir(dir.path().join(".git")).unwrap();
    let out = Command::new(actionlint)
        .arg("-no-color")
        .current_dir(dir.path())
        .env("PATH", tools_path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", shown(&out));

    // actionlint reads the local action's inputs: an unknown one is an error.
    fs::write(
        workflows.join("local.yml"),
        LOCAL_WORKFLOW.replace("fail-on: warning", "fail_on: warning"),
    )
    .unwrap();
    let out = Command::new(tool("actionlint"))
        .arg("-no-color")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "actionlint checks the inputs: {}",
        shown(&out)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("fail_on"),
        "{}",
        shown(&out)
    );
}

fn run_scripts() -> Vec<(String, String)> {
    action()["runs"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|step| {
            let run = step["run"].as_str()?;
            Some((step["name"].as_str().unwrap().to_owned(), run.to_owned()))
        })
        .collect()
}

#[test]
fn action_scripts_pass_shellcheck_and_take_inputs_from_the_environment() {
    let scripts = run_scripts();
    assert!(scripts.len() >= 3);
    for (name, script) in scripts {
        assert!(
            !script.contains("${{"),
            "step `{name}` interpolates an expression into its script"
        );
        let mut child = Command::new(tool("shellcheck"))
            .args(["--shell=bash", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(script.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "step `{name}`: {}", shown(&out));
    }
}

/// Runs the action's step `id` with bash as a runner would: the step's `env` with inputs
/// substituted, `GITHUB_OUTPUT` and `RUNNER_TEMP` set, the built binary on `PATH`.
fn run_step(
    id: &str,
    inputs: &[(&str, &str)],
    workspace: &Path,
    temp: &Path,
) -> (std::process::Output, String) {
    let action = action();
    let step = action["runs"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap()
        .clone();
    let output_file = temp.join("github_output");
    fs::write(&output_file, "").unwrap();
    let bin_dir = support::binary().parent().unwrap().to_path_buf();
    let mut command = Command::new("bash");
    command
        .args(["-e", "-c", step["run"].as_str().unwrap()])
        .current_dir(workspace)
        .env("GITHUB_OUTPUT", &output_file)
        .env("RUNNER_TEMP", temp)
        .env("NO_COLOR", "1")
        .env(
            "PATH",
            format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap()),
        );
    for (name, value) in step["env"].as_mapping().unwrap() {
        let template = value.as_str().unwrap();
        let input = template
            .strip_prefix("${{ inputs.")
            .and_then(|t| t.strip_suffix(" }}"))
            .expect("step env takes inputs");
        let declared = &action["inputs"][input];
        assert!(declared.is_mapping(), "input {input} is declared");
        let value = inputs
            .iter()
            .find(|(k, _)| *k == input)
            .map(|(_, v)| v.to_string())
            .unwrap_or_else(|| declared["default"].as_str().unwrap().to_owned());
        command.env(name.as_str().unwrap(), value);
    }
    let out = command.output().unwrap();
    (out, fs::read_to_string(&output_file).unwrap())
}

#[test]
fn the_scan_step_annotates_writes_sarif_and_reports_the_exit_code() {
    let workspace = tempfile::tempdir().unwrap();
    let temp = tempfile::tempdir().unwrap();
    let key = fake_key("sk", "live", 31);
    fs::create_dir(workspace.path().join("src")).unwrap();
    fs::write(
        workspace.path().join("src/app.py"),
        format!("import stripe\nstripe.api_key = \"{key}\"\nstripe.Customer.create()\n"),
    )
    .unwrap();

    let (out, outputs) = run_step(
        "scan",
        &[("path", "src"), ("sarif", "true")],
        workspace.path(),
        temp.path(),
    );
    assert!(
        out.status.success(),
        "findings do not fail the scan step itself: {}",
        shown(&out)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("::error file=app.py,line=2,col=19,title=stripe-secret-key-live::"),
        "{stdout}"
    );
    assert!(stdout.contains("::notice file=app.py,line=3,"), "{stdout}");
    assert!(!stdout.contains(&key), "redacted: {stdout}");
    assert!(outputs.contains("exit-code=1\n"), "{outputs}");
    let sarif_file = temp.path().join("rakscan.sarif");
    assert!(
        outputs.contains(&format!("sarif-file={}\n", sarif_file.display())),
        "{outputs}"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&sarif_file).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 2);

    // fail-on never: clean exit code; no SARIF unless asked.
    let (out, outputs) = run_step(
        "scan",
        &[("path", "src"), ("fail-on", "never")],
        workspace.path(),
        temp.path(),
    );
    assert!(out.status.success(), "{}", shown(&out));
    assert_eq!(outputs, "exit-code=0\n");

    // A bad path is an error (2) and fails the step.
    let (out, outputs) = run_step(
        "scan",
        &[("path", "missing")],
        workspace.path(),
        temp.path(),
    );
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
    assert_eq!(outputs, "exit-code=2\n");
}
