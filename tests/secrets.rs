//! Hard-coded keys through the whole binary: severities, exit codes, redaction in every format,
//! `--show-secrets`, baselines, the allow marker and suppressions. Keys are generated here at
//! test time; the repository holds none.

use assert_cmd::Command;
use rakscan_secrets::fake::FakeRng;
use rakscan_secrets::patterns::Charset;
use serde_json::Value;
use std::fs;
use std::path::Path;

/// A real-shaped key: prefix + `51` + 97 random alphanumerics (the current key shape).
fn fake_key(kind: &str, mode: &str, seed: u64) -> String {
    format!(
        "{kind}_{mode}_51{}",
        FakeRng::new(seed).body(Charset::Alphanumeric, 97)
    )
}

fn rakscan(args: &[&str], dir: &Path) -> (i32, String, String) {
    let out = Command::cargo_bin("rakscan")
        .unwrap()
        .args(args)
        .arg(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

struct Tree {
    dir: tempfile::TempDir,
    live: String,
    test: String,
    allowed: String,
}

fn tree() -> Tree {
    let dir = tempfile::tempdir().unwrap();
    let live = fake_key("sk", "live", 1);
    let test = fake_key("rk", "test", 2);
    let allowed = fake_key("sk", "live", 3);
    fs::write(
        dir.path().join("app.py"),
        format!("import stripe\nstripe.api_key = \"{live}\"\nstripe.Customer.create()\n"),
    )
    .unwrap();
    fs::write(dir.path().join(".env"), format!("STRIPE_KEY={test}\n")).unwrap();
    fs::write(
        dir.path().join("README.md"),
        format!("Example: `{allowed}` <!-- rakscan:allow -->\n"),
    )
    .unwrap();
    Tree {
        dir,
        live,
        test,
        allowed,
    }
}

const FORMATS: [&str; 5] = ["human", "concise", "json", "sarif", "github"];

#[test]
fn keys_are_found_with_their_severity_and_fail_the_scan() {
    let t = tree();
    let (code, out, _) = rakscan(&["scan", "--format", "json"], t.dir.path());
    assert_eq!(code, 1, "a live key is an error, and errors fail the scan");
    let json: Value = serde_json::from_str(&out).unwrap();
    let secrets: Vec<(String, String, String, u64)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "secret")
        .map(|f| {
            (
                f["path"].as_str().unwrap().into(),
                f["secret_type"].as_str().unwrap().into(),
                f["severity"].as_str().unwrap().into(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        secrets,
        [
            (
                ".env".to_string(),
                "restricted_key_test".to_string(),
                "warning".to_string(),
                1
            ),
            ("app.py".into(), "secret_key_live".into(), "error".into(), 2)
        ]
    );
    let live = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["secret_type"] == "secret_key_live")
        .unwrap();
    assert_eq!(
        live["redacted"],
        format!("sk_live_…{}", &t.live[t.live.len() - 4..])
    );
    assert!(
        live["context"].as_str().unwrap().contains("global API key"),
        "{live}"
    );
}

#[test]
fn no_format_prints_a_full_key_unless_asked() {
    let t = tree();
    for format in FORMATS {
        let (_, out, err) = rakscan(&["scan", "--format", format], t.dir.path());
        for key in [&t.live, &t.test, &t.allowed] {
            assert!(
                !out.contains(key.as_str()) && !err.contains(key.as_str()),
                "{format} printed a full key:\n{out}"
            );
            // Not even the body without its prefix.
            assert!(!out.contains(&key[8..]), "{format} printed a key body");
        }
        assert!(
            out.contains(&t.live[t.live.len() - 4..]),
            "{format} shows the last 4 characters:\n{out}"
        );
    }
    let (_, out, _) = rakscan(
        &["scan", "--format", "json", "--show-secrets"],
        t.dir.path(),
    );
    assert!(out.contains(&t.live), "--show-secrets shows the key");
}

#[test]
fn fail_on_and_exit_zero_decide_the_exit_code() {
    let t = tree();
    assert_eq!(
        rakscan(&["scan", "--format", "json", "--exit-zero"], t.dir.path()).0,
        0
    );
    assert_eq!(
        rakscan(
            &["scan", "--format", "json", "--fail-on", "never"],
            t.dir.path()
        )
        .0,
        0
    );
    fs::remove_file(t.dir.path().join("app.py")).unwrap();
    assert_eq!(
        rakscan(&["scan", "--format", "json"], t.dir.path()).0,
        0,
        "a test key is only a warning"
    );
    assert_eq!(
        rakscan(
            &["scan", "--format", "json", "--fail-on", "warning"],
            t.dir.path()
        )
        .0,
        1
    );
}

#[test]
fn a_baseline_accepts_known_keys_and_reports_new_ones() {
    let t = tree();
    let baseline = t.dir.path().join("baseline.json");
    let (_, _, err) = rakscan(
        &[
            "scan",
            "--format",
            "json",
            "--write-baseline",
            baseline.to_str().unwrap(),
        ],
        t.dir.path(),
    );
    assert!(err.contains("wrote 2 secret finding(s)"), "{err}");
    let text = fs::read_to_string(&baseline).unwrap();
    assert!(
        !text.contains(&t.live) && !text.contains(&t.live[8..]) && !text.contains("\"line\""),
        "{text}"
    );

    let scan_with_baseline = || {
        rakscan(
            &[
                "scan",
                "--format",
                "json",
                "--baseline",
                baseline.to_str().unwrap(),
            ],
            t.dir.path(),
        )
    };
    let (code, out, _) = scan_with_baseline();
    assert_eq!(code, 0);
    assert!(!out.contains("\"secret\""), "{out}");

    // The same key moved down two lines is still accepted; a new key is not.
    let new_key = fake_key("sk", "live", 9);
    fs::write(
        t.dir.path().join("app.py"),
        format!(
            "import stripe\n\n\nstripe.api_key = \"{}\"\nOTHER = \"{new_key}\"\n",
            t.live
        ),
    )
    .unwrap();
    let (code, out, _) = scan_with_baseline();
    assert_eq!(code, 1);
    let json: Value = serde_json::from_str(&out).unwrap();
    let lines: Vec<u64> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "secret")
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [5]);
}

#[test]
fn a_broken_baseline_is_an_error() {
    let t = tree();
    let baseline = t.dir.path().join("baseline.json");
    fs::write(&baseline, "{not json").unwrap();
    let (code, _, err) = rakscan(
        &["scan", "--baseline", baseline.to_str().unwrap()],
        t.dir.path(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("baseline"), "{err}");
}

#[test]
fn suppression_comments_silence_findings_and_stale_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let key = fake_key("sk", "test", 4);
    fs::write(
        dir.path().join("a.py"),
        format!("import stripe\nstripe.Customer.create()  # rakscan: ignore[stripe-api-call]\n# rakscan: ignore\nKEY = \"{key}\"\nx = 1  # rakscan: ignore[stripe-secret-key-live]\n"),
    )
    .unwrap();
    let (_, out, _) = rakscan(&["scan", "--format", "json"], dir.path());
    let json: Value = serde_json::from_str(&out).unwrap();
    let kinds: Vec<(&str, u64)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["kind"].as_str().unwrap(), f["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(kinds, [("unused_suppression", 5)]);
}

/// Every way rakscan prints something: each format of `scan` (also with `--quiet`), `manifest`
/// in each format, `check`, the baseline file and its message, and the errors that show a
/// snippet of a broken `.rakscan.yaml` or manifest. Keys sit in strings, in a method name (so
/// in a call's text and an unresolved reason), in configuration and in a manifest.
#[test]
fn no_output_of_any_command_contains_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let keys = [
        fake_key("sk", "live", 11),
        fake_key("sk", "test", 12),
        fake_key("rk", "live", 13),
        fake_key("rk", "test", 14),
        format!("whsec_{}", FakeRng::new(15).body(Charset::Alphanumeric, 32)),
    ];
    let [sk_live, sk_test, rk_live, rk_test, whsec] = &keys;
    fs::create_dir(root.join("src")).unwrap();
    fs::write(
        root.join("src/app.py"),
        format!(
            "import stripe\nstripe.api_key = \"{sk_live}\"\nstripe.Customer.{rk_live}()\n\
             getattr(stripe.Customer, \"{sk_test}\")()\nstripe.Customer.create()\n"
        ),
    )
    .unwrap();
    fs::write(
        root.join("src/hook.js"),
        format!("const stripe = require('stripe')('{rk_test}');\nconst s = '{whsec}';\nstripe.customers.list();\n"),
    )
    .unwrap();
    let manifest = root.join("stripe-rak.yaml");
    let path = |p: &Path| p.to_str().unwrap().to_owned();
    let outputs: std::cell::RefCell<Vec<(String, String)>> = Default::default();
    let run = |args: Vec<String>| {
        let out = Command::cargo_bin("rakscan")
            .unwrap()
            .args(&args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let text = format!(
            "{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        outputs.borrow_mut().push((args.join(" "), text));
    };
    let src = path(&root.join("src"));
    for format in FORMATS {
        for quiet in [false, true] {
            let mut args = vec!["scan".into(), "--format".into(), format.into(), src.clone()];
            if quiet {
                args.push("--quiet".into());
            }
            run(args);
        }
    }
    for format in ["yaml", "json", "url"] {
        run(vec![
            "manifest".into(),
            "--format".into(),
            format.into(),
            src.clone(),
        ]);
    }
    fs::write(&manifest, "permissions: [customer_read]\n").unwrap();
    run(vec![
        "check".into(),
        "--manifest".into(),
        path(&manifest),
        src.clone(),
    ]);
    let baseline = root.join("baseline.json");
    run(vec![
        "scan".into(),
        "--write-baseline".into(),
        path(&baseline),
        src.clone(),
    ]);
    outputs.borrow_mut().push((
        "baseline file".into(),
        fs::read_to_string(&baseline).unwrap(),
    ));
    // Broken inputs whose errors quote the offending line.
    fs::write(&manifest, format!("permissions: [{sk_live}]\n")).unwrap();
    run(vec![
        "check".into(),
        "--manifest".into(),
        path(&manifest),
        src.clone(),
    ]);
    fs::write(&manifest, format!("name: x\n{rk_live}: [a]\n")).unwrap();
    run(vec![
        "check".into(),
        "--manifest".into(),
        path(&manifest),
        src.clone(),
    ]);
    let config = root.join("bad.yaml");
    for text in [
        format!("rules:\n  {sk_test}: off\n"),
        format!("{whsec}: 1\n"),
        format!("keys:\n  - name: {rk_test}\n    paths: []\n"),
    ] {
        fs::write(&config, text).unwrap();
        run(vec![
            "scan".into(),
            "--config".into(),
            path(&config),
            src.clone(),
        ]);
    }
    run(vec![
        "scan".into(),
        "--baseline".into(),
        path(&manifest),
        src.clone(),
    ]);
    for (command, text) in outputs.borrow().iter() {
        for key in &keys {
            let body = key.rsplit('_').next().unwrap();
            for piece in [key.as_str(), &body[..16], &body[body.len() - 16..]] {
                assert!(
                    !text.contains(piece),
                    "`rakscan {command}` printed (part of) a key:\n{text}"
                );
            }
        }
    }
    let out = Command::cargo_bin("rakscan")
        .unwrap()
        .args(["scan", "--format", "json", "--show-secrets", &src])
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    for key in [sk_live, sk_test, rk_test, whsec] {
        assert!(shown.contains(key.as_str()), "--show-secrets shows {key}");
    }
}

#[test]
fn a_key_in_a_utf16_file_is_found_at_its_line_and_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let key = fake_key("sk", "live", 7);
    let text = format!(
        "<configuration>\r\n  <add key=\"Stripe\" value=\"{key}\" />\r\n</configuration>\r\n"
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    fs::write(dir.path().join("Web.config"), utf16).unwrap();
    let (code, stdout, stderr) = rakscan(&["scan", "--format", "concise"], dir.path());
    assert_eq!(code, 1, "a live key fails the scan: {stderr}");
    assert!(stdout.contains("Web.config:2:"), "{stdout}");
    assert!(!stdout.contains(&key), "redacted: {stdout}");
    let (_, human, _) = rakscan(&["scan"], dir.path());
    assert!(
        human.contains("<add key=\"Stripe\""),
        "the snippet is text: {human}"
    );
    assert!(!human.contains(&key), "redacted: {human}");
}
