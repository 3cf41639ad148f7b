//! The command line's contract: exit codes, the JSON shape, stable output, bad input.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;

fn rakscan() -> Command {
    Command::cargo_bin("rakscan").unwrap()
}

fn json_of(dir: &std::path::Path) -> Value {
    let out = rakscan()
        .args(["scan", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn unknown_flag_is_a_usage_error() {
    rakscan().args(["scan", "--no-such-flag"]).assert().code(2);
}

#[test]
fn missing_root_is_an_error_with_one_line() {
    let out = rakscan()
        .args(["scan", "/definitely/not/here"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot read /definitely/not/here"),
        "{stderr}"
    );
}

#[test]
fn json_is_one_object_with_findings_and_permissions() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("pay.py"),
        "import stripe\n\ndef go(pi):\n    stripe.PaymentIntent.retrieve(pi, expand=['customer'])\n",
    )
    .unwrap();
    let json = json_of(dir.path());
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["findings", "permissions"]);
    let call = &json["findings"][0];
    assert_eq!(call["kind"], "api_call");
    assert_eq!(call["path"], "pay.py");
    assert_eq!(call["line"], 4);
    assert_eq!(call["column"], 5);
    assert_eq!(call["language"], "python");
    assert_eq!(call["call"], "stripe.PaymentIntent.retrieve");
    assert_eq!(call["method"], "GET");
    assert_eq!(call["endpoint"], "/v1/payment_intents/{intent}");
    assert_eq!(call["permission"], "payment_intent_read");
    assert_eq!(call["access"], "read");
    assert_eq!(call["provenance"], "secondary");
    assert_eq!(call["expansions"][0]["expand"], "customer");
    assert_eq!(
        call["expansions"][0]["reads"][0]["permission"],
        "customer_read"
    );
    let permissions: Vec<&str> = json["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["permission"].as_str().unwrap())
        .collect();
    assert_eq!(permissions, ["customer_read", "payment_intent_read"]);
}

#[test]
fn write_permission_covers_its_read_twin_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("c.py"),
        "import stripe\nstripe.Customer.retrieve('c')\nstripe.Customer.create()\nstripe.Customer.list()\n",
    )
    .unwrap();
    let json = json_of(dir.path());
    let permissions = json["permissions"].as_array().unwrap();
    assert_eq!(permissions.len(), 1);
    assert_eq!(permissions[0]["permission"], "customer_write");
    assert_eq!(permissions[0]["call_sites"], 3);
    assert_eq!(permissions[0]["covers"][0], "customer_read");
}

#[test]
fn unknown_permissions_are_reported_as_null_never_dropped() {
    let dir = tempfile::tempdir().unwrap();
    // ../shared/data/stripe-permissions.tsv has no permission name for billing alerts.
    fs::write(
        dir.path().join("a.py"),
        "import stripe\nstripe.billing.Alert.list()\n",
    )
    .unwrap();
    let json = json_of(dir.path());
    let finding = &json["findings"][0];
    assert_eq!(finding["kind"], "api_call");
    assert_eq!(finding["endpoint"], "/v1/billing/alerts");
    assert!(finding["permission"].is_null());
    assert_eq!(finding["provenance"], "unknown");
    assert!(
        finding["permission_note"]
            .as_str()
            .is_some_and(|n| !n.is_empty())
    );
}

#[test]
fn output_is_byte_identical_across_runs_and_thread_counts() {
    // Every fixture, plus files that give secrets, warnings and unresolved calls.
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let extra = tempfile::tempdir().unwrap();
    let key = format!("sk_live_51{}", "q7Rz2Kp9".repeat(12));
    fs::write(
        extra.path().join("a.py"),
        format!("import stripe\nstripe.api_key = '{key}'\ngetattr(stripe.Customer, x)()\ndef (:\n"),
    )
    .unwrap();
    fs::write(
        extra.path().join("b.py"),
        b"import stripe\n\xff\nstripe.Refund.create()\n",
    )
    .unwrap();
    let run = |args: &[&str], threads: &str| {
        let out = rakscan()
            .args(args)
            .args(["-j", threads])
            .arg(&fixtures)
            .arg(extra.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        (out.stdout, out.stderr)
    };
    let commands: &[&[&str]] = &[
        &["scan", "--format", "human"],
        &["scan", "--format", "concise"],
        &["scan", "--format", "json"],
        &["scan", "--format", "sarif"],
        &["scan", "--format", "github"],
        &["manifest", "--format", "yaml"],
        &["manifest", "--format", "json"],
    ];
    let all = std::thread::available_parallelism().map_or(4, |n| n.get().max(4));
    for args in commands {
        let first = run(args, "1");
        assert!(
            first.0.len() > 1000,
            "{args:?}: {}",
            String::from_utf8_lossy(&first.1)
        );
        for threads in [all.to_string().as_str(), "1", "0"] {
            assert!(
                first == run(args, threads),
                "{args:?} differs with -j {threads}"
            );
        }
    }
}

#[test]
fn broken_files_are_reported_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("broken.py"),
        "import stripe\ndef (:\n  stripe.Customer.create(\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("latin1.py"),
        b"import stripe\n# caf\xe9\nstripe.Refund.create()\n",
    )
    .unwrap();
    fs::write(dir.path().join("binary.py"), b"stripe\0\0\0").unwrap();
    fs::write(
        dir.path().join("ok.py"),
        "import stripe\nstripe.Customer.create()\n",
    )
    .unwrap();
    let out = rakscan()
        .args(["scan", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("broken.py: syntax error at line 2; the parser recovered"),
        "{stderr}"
    );
    assert!(stderr.contains("latin1.py: not valid UTF-8"), "{stderr}");
    assert!(
        stderr.contains("binary.py: skipped: looks binary"),
        "{stderr}"
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"ok.py") && paths.contains(&"latin1.py"),
        "{paths:?}"
    );
}

#[test]
fn gitignored_and_dependency_directories_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let call = "import stripe\nstripe.Customer.create()\n";
    fs::create_dir_all(dir.path().join("node_modules/x")).unwrap();
    fs::create_dir_all(dir.path().join("generated")).unwrap();
    fs::write(dir.path().join("node_modules/x/a.py"), call).unwrap();
    fs::write(dir.path().join("generated/b.py"), call).unwrap();
    fs::write(dir.path().join(".gitignore"), "generated/\n").unwrap();
    fs::write(dir.path().join("c.py"), call).unwrap();
    let json = json_of(dir.path());
    let paths: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["c.py"]);
}

#[test]
fn a_single_file_root_is_scanned() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one.py");
    fs::write(&file, "import stripe\nstripe.Customer.create()\n").unwrap();
    let out = rakscan()
        .args(["scan", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn human_output_names_the_operation_and_the_permission() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.py"),
        "import stripe\nstripe.Customer.create()\n",
    )
    .unwrap();
    let out = rakscan()
        .args(["scan"])
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("POST /v1/customers needs customer_write (secondary)"),
        "{text}"
    );
    assert!(text.contains("a.py:2:1"), "{text}");
    assert!(text.contains("Permissions this code needs (1):"), "{text}");
}

#[test]
fn corrected_rules_from_a_directory_replace_the_built_in_ones() {
    let rules = tempfile::tempdir().unwrap();
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for entry in fs::read_dir(&source).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), rules.path().join(entry.file_name())).unwrap();
    }
    // A user's correction: POST /v1/refunds needs charge_write instead of refund_write.
    let permissions = rules.path().join("permissions.yaml");
    let text = fs::read_to_string(&permissions).unwrap();
    let corrected = text.replacen(
        "path: /v1/refunds\n  permission: refund_write",
        "path: /v1/refunds\n  permission: charge_write",
        1,
    );
    assert_ne!(text, corrected, "the refunds rule was found");
    fs::write(&permissions, corrected).unwrap();

    let project = tempfile::tempdir().unwrap();
    fs::write(
        project.path().join("r.py"),
        "import stripe\nstripe.Refund.create(charge='ch_1')\n",
    )
    .unwrap();
    let out = rakscan()
        .args(["scan", "--format", "json", "--rules"])
        .arg(rules.path())
        .arg(project.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["findings"][0]["permission"], "charge_write");

    fs::write(rules.path().join("operations.yaml"), "operations: [").unwrap();
    let out = rakscan()
        .args(["scan", "--rules"])
        .arg(rules.path())
        .arg(project.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("operations.yaml"));
}
