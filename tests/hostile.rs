//! Hostile inputs: whatever the tree holds, the scan finishes, reports what it skipped and why,
//! and goes on with the other files.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

const CALL: &str = "import stripe\nstripe.Customer.create()\n";

/// Runs `rakscan scan --format json ARGS…`; returns the exit code, the JSON and standard error.
fn scan(args: &[&str], dir: &Path) -> (i32, Value, String) {
    let out = Command::cargo_bin("rakscan")
        .unwrap()
        .args(["scan", "--format", "json"])
        .args(args)
        .arg(dir)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}); stderr:\n{stderr}"));
    (out.status.code().unwrap_or(-1), json, stderr)
}

/// The `path:line` of every finding.
fn places(json: &Value) -> Vec<String> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}:{}", f["path"].as_str().unwrap(), f["line"]))
        .collect()
}

#[test]
fn utf16_files_are_read_and_invalid_utf8_is_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(CALL.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    fs::write(dir.path().join("utf16.py"), utf16).unwrap();
    let utf16_big_endian: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(CALL.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    fs::write(dir.path().join("utf16be.py"), utf16_big_endian).unwrap();
    // A UTF-16 mark on bytes that are not UTF-16 (a lone surrogate): read as they are.
    fs::write(dir.path().join("odd.py"), [0xFF, 0xFE, 0x00, 0xD8]).unwrap();
    fs::write(
        dir.path().join("bad.py"),
        b"import stripe\n\xff\xfe\xc3(\xa0\xa1\nstripe.Refund.create()\n\xed\xa0\x80\n",
    )
    .unwrap();
    fs::write(dir.path().join("ok.py"), CALL).unwrap();
    let (code, json, stderr) = scan(&[], dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("utf16"), "{stderr}");
    assert!(stderr.contains("odd.py: skipped: looks binary"), "{stderr}");
    assert!(stderr.contains("bad.py: not valid UTF-8"), "{stderr}");
    assert_eq!(
        places(&json),
        ["bad.py:3", "ok.py:2", "utf16.py:2", "utf16be.py:2"]
    );
}

#[test]
fn a_50_mb_single_line_file_is_skipped_with_a_note_and_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let mut minified = String::from("var stripe=require('stripe')('x');");
    let chunk = "stripe.customers.create({a:[1,2,{b:'c'}]});function f(a){return a+1};";
    minified.push_str(&chunk.repeat(50_000_000 / chunk.len()));
    fs::write(dir.path().join("app.min.js"), &minified).unwrap();
    fs::write(dir.path().join("ok.py"), CALL).unwrap();
    let started = Instant::now();
    let (code, json, stderr) = scan(&[], dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("app.min.js: skipped: 49999987 bytes is over the 2097152-byte limit"),
        "{stderr}"
    );
    assert_eq!(places(&json), ["ok.py:2"]);
    assert!(started.elapsed() < Duration::from_secs(20));
    // Read anyway when the size limit allows it: the time limit stops the parse. (The
    // JavaScript extractor passes over minified files by itself, so this one is Python.)
    fs::remove_file(dir.path().join("app.min.js")).unwrap();
    let line = "stripe.Customer.create(a=[1, 2, {'b': 'c'}]); x = f(1) + 2; ";
    let one_line = format!("import stripe; {}\n", line.repeat(50_000_000 / line.len()));
    fs::write(dir.path().join("app.py"), one_line).unwrap();
    let started = Instant::now();
    let args = ["--max-file-size", "60000000", "--max-file-time", "500"];
    let (code, _, stderr) = scan(&args, dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("app.py: skipped: took longer than the 500 ms limit"),
        "{stderr}"
    );
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn a_minified_bundle_naming_stripe_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let chunk = "var a=function(b){return b.customers.create({})};";
    let bundle = format!("var s=require('stripe')(k);{}\n", chunk.repeat(100));
    fs::write(dir.path().join("app.min.js"), &bundle).unwrap();
    // A bundle that never names Stripe is passed over quietly.
    fs::write(
        dir.path().join("vendor.min.js"),
        chunk.replace("customers", "items").repeat(100),
    )
    .unwrap();
    fs::write(dir.path().join("ok.py"), CALL).unwrap();
    let (code, json, stderr) = scan(&[], dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("app.min.js: skipped: looks minified or bundled (long lines)"),
        "{stderr}"
    );
    assert!(!stderr.contains("vendor.min.js"), "{stderr}");
    assert_eq!(places(&json), ["ok.py:2"]);
}

#[test]
fn a_file_over_the_time_limit_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut big = String::from("import stripe\n");
    big.push_str(&"stripe.Customer.create(a=[1, 2, {'b': (3, 4)}])\n".repeat(40_000));
    fs::write(dir.path().join("big.py"), big).unwrap();
    fs::write(dir.path().join("ok.py"), CALL).unwrap();
    let (code, json, stderr) = scan(&["--max-file-time", "1"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("big.py: skipped: took longer than the 1 ms limit (--max-file-time)"),
        "{stderr}"
    );
    assert_eq!(places(&json), ["ok.py:2"]);
}

#[test]
fn ten_thousand_levels_of_nesting_crash_no_extractor() {
    let dir = tempfile::tempdir().unwrap();
    let deep = 10_000;
    let nest = |open: &str, close: &str| format!("{}1{}", open.repeat(deep), close.repeat(deep));
    let files = [
        ("a.py", format!("import stripe\nx = {}\n", nest("[", "]"))),
        ("b.py", format!("import stripe\nx = {}\n", nest("f(", ")"))),
        (
            "a.rb",
            format!("require 'stripe'\nx = {}\n", nest("[", "]")),
        ),
        (
            "a.js",
            format!(
                "const stripe = require('stripe');\nx = {};\n",
                nest("(", ")")
            ),
        ),
        (
            "a.ts",
            format!(
                "import Stripe from 'stripe';\nlet x = {};\n",
                nest("{a:", "}")
            ),
        ),
        (
            "a.rs",
            format!("use stripe::Customer;\nfn f() {{ {} }}\n", nest("{", "}")),
        ),
        (
            "a.go",
            format!(
                "package a\nimport \"github.com/stripe/stripe-go/v82\"\nvar x = {}\n",
                nest("(", ")")
            ),
        ),
        (
            "a.php",
            format!(
                "<?php\n$stripe = new \\Stripe\\StripeClient('x');\n$x = {};\n",
                nest("[", "]")
            ),
        ),
        (
            "A.cs",
            format!("using Stripe;\nclass A {{ int x = {}; }}\n", nest("(", ")")),
        ),
        (
            "A.java",
            format!(
                "import com.stripe.Stripe;\nclass A {{ int x = {}; }}\n",
                nest("(", ")")
            ),
        ),
    ];
    // Chains and operator runs nest as deeply in the syntax tree.
    let (calls, fields, sum) = (
        ".a()".repeat(deep),
        ".a".repeat(deep),
        vec!["1"; deep].join("+"),
    );
    let chains = [
        (
            "c.py",
            format!("import stripe\nstripe{calls}\nx = stripe{fields}.create()\ny = {sum}\n"),
        ),
        (
            "c.rb",
            format!("require 'stripe'\nStripe{calls}\nx = {sum}\n"),
        ),
        (
            "c.js",
            format!("const stripe = require('stripe')('k');\nstripe{calls};\nx = {sum};\n"),
        ),
        (
            "c.go",
            format!(
                "package a\nimport \"github.com/stripe/stripe-go/v82\"\nfunc f() {{ stripe{calls} }}\nvar x = {sum}\n"
            ),
        ),
        (
            "c.php",
            format!(
                "<?php\n$stripe = new \\Stripe\\StripeClient('x');\n$stripe{};\n$x = {sum};\n",
                "->a()".repeat(deep)
            ),
        ),
        (
            "C.cs",
            format!(
                "using Stripe;\nclass C {{ void F(CustomerService s) {{ s{calls}; var x = {sum}; }} }}\n"
            ),
        ),
        (
            "C.java",
            format!(
                "import com.stripe.Stripe;\nclass C {{ void f() {{ Stripe{calls}; }} int x = {sum}; }}\n"
            ),
        ),
        (
            "c.rs",
            format!("use stripe::Client;\nfn f(c: Client) {{ c{calls}; let x = {sum}; }}\n"),
        ),
    ];
    for (name, text) in files.iter().chain(&chains) {
        fs::write(dir.path().join(name), text).unwrap();
    }
    fs::write(dir.path().join("ok.py"), CALL).unwrap();
    let started = Instant::now();
    let (code, json, stderr) = scan(&["-j", "1"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    // `s.a()` on a Stripe.net service is an unknown method, once; the rest of the chain is
    // on its (unknown) result.
    assert_eq!(places(&json), ["C.cs:2", "ok.py:2"], "{stderr}");
    // A chain used to take the Go extractor quadratic time (its display copied the chain).
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn nul_bytes_past_the_binary_sniff_do_not_break_the_parsers() {
    let dir = tempfile::tempdir().unwrap();
    let mut late_nul = format!("{CALL}# {}\n", "x".repeat(9000)).into_bytes();
    late_nul.extend_from_slice(b"x = '\0\0'\nstripe.Refund.create()\n");
    fs::write(dir.path().join("late.py"), late_nul).unwrap();
    fs::write(
        dir.path().join("image.py"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR stripe",
    )
    .unwrap();
    let (code, json, stderr) = scan(&[], dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("image.py: skipped: looks binary"),
        "{stderr}"
    );
    assert_eq!(places(&json), ["late.py:2", "late.py:5"]);
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed_out_of_the_root_or_round_a_loop() {
    use std::os::unix::fs::symlink;
    let base = tempfile::tempdir().unwrap();
    let (root, outside) = (base.path().join("root"), base.path().join("outside"));
    fs::create_dir_all(root.join("sub")).unwrap();
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("secret_service.py"), CALL).unwrap();
    fs::write(root.join("sub/ok.py"), CALL).unwrap();
    symlink(&outside, root.join("outside_dir")).unwrap();
    symlink(outside.join("secret_service.py"), root.join("linked.py")).unwrap();
    symlink("..", root.join("sub/loop")).unwrap();
    symlink("self", root.join("self")).unwrap();
    symlink("missing.py", root.join("dangling.py")).unwrap();
    let (code, json, stderr) = scan(&[], &root);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(places(&json), ["sub/ok.py:2"], "{stderr}");
}

/// Runs the scan as an unprivileged user: root reads any file whatever its mode. In a new user
/// namespace without a mapping, the process is `nobody` and root's files keep their modes.
#[cfg(unix)]
fn scan_unprivileged(dir: &Path) -> (i32, Value, String) {
    let binary = assert_cmd::cargo::cargo_bin("rakscan");
    use std::os::unix::fs::MetadataExt;
    // A directory this process created is owned by its effective user.
    let mut command = match fs::metadata(dir).unwrap().uid() {
        0 => {
            let mut c = std::process::Command::new("unshare");
            c.arg("--user").arg(binary);
            c
        }
        _ => std::process::Command::new(binary),
    };
    let out = command
        .args(["scan", "--format", "json"])
        .arg(dir)
        .output()
        .expect("unshare (util-linux) runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}); stderr:\n{stderr}"));
    (out.status.code().unwrap_or(-1), json, stderr)
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_directories_are_reported_and_the_scan_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let base = tempfile::tempdir().unwrap();
    let root = base.path().join("root");
    fs::create_dir_all(root.join("locked")).unwrap();
    fs::write(root.join("locked/a.py"), CALL).unwrap();
    fs::write(root.join("private.py"), CALL).unwrap();
    fs::write(root.join("ok.py"), CALL).unwrap();
    let mode = |path: &Path, mode: u32| {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap()
    };
    mode(base.path(), 0o755);
    mode(&root.join("locked"), 0o000);
    mode(&root.join("private.py"), 0o000);
    let (code, json, stderr) = scan_unprivileged(&root);
    mode(&root.join("locked"), 0o755);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("private.py: cannot read: Permission denied"),
        "{stderr}"
    );
    assert!(
        stderr.contains("locked") && stderr.contains("Permission denied"),
        "{stderr}"
    );
    assert_eq!(places(&json), ["ok.py:2"]);
}

#[test]
fn a_file_deleted_during_the_scan_is_reported() {
    use rakscan::catalog::CatalogLoad;
    use rakscan::files::FileSet;
    use rakscan::filter::PathFilter;
    use rakscan::scan::{Passes, ScanOptions, scan};
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("gone.py"), CALL).unwrap();
    fs::write(dir.path().join("ok.py"), CALL).unwrap();
    // Named as a root, then deleted before the walk reaches it.
    let roots = [dir.path().join("gone.py"), dir.path().join("ok.py")];
    let files = FileSet::on_disk(&roots, &PathFilter::default());
    fs::remove_file(dir.path().join("gone.py")).unwrap();
    let options = ScanOptions {
        max_file_size: 1 << 20,
        max_file_time: None,
        threads: 1,
        show_secrets: false,
        passes: Passes::ALL,
        progress: false,
    };
    let report = scan(CatalogLoad::embedded_in_background(), files, &options);
    let problems: Vec<String> = report
        .problems
        .iter()
        .map(|p| format!("{}: {}", p.path, p.message))
        .collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("gone.py: ") && problems[0].contains("No such file"),
        "{problems:?}"
    );
    assert_eq!(report.findings.len(), 1);
}

#[test]
fn a_path_given_twice_is_scanned_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("src")).unwrap();
    fs::write(dir.path().join("src/a.py"), CALL).unwrap();
    let src = dir.path().join("src");
    let out = Command::cargo_bin("rakscan")
        .unwrap()
        .current_dir(dir.path())
        .args(["scan", "--format", "json", "src", "./src", "src/a.py"])
        .arg(&src)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(places(&json), ["a.py:2"]);
    assert_eq!(json["permissions"][0]["call_sites"], 1);
}

#[test]
fn an_empty_directory_and_an_empty_repository_are_clean() {
    let dir = tempfile::tempdir().unwrap();
    let (code, json, stderr) = scan(&[], dir.path());
    assert_eq!((code, places(&json), stderr.as_str()), (0, vec![], ""));
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    let (code, json, stderr) = scan(&[], dir.path());
    assert_eq!((code, places(&json), stderr.as_str()), (0, vec![], ""));
}

#[test]
fn a_single_file_root_given_twice_is_scanned_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one.py");
    fs::write(&file, CALL).unwrap();
    let out = Command::cargo_bin("rakscan")
        .unwrap()
        .args(["scan", "--format", "json"])
        .arg(&file)
        .arg(&file)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 1);
}
