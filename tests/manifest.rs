//! `rakscan manifest`, `check` and `explain` on the fixtures and on small projects.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;

const LEGACY: &str = "fixtures/python/legacy_module";

fn rakscan() -> Command {
    Command::cargo_bin("rakscan").unwrap()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = rakscan().args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Permissions of fixtures/python/legacy_module, worked out by hand from its expected.txt
/// (write covering read) plus its literal expands: `latest_charge` → charge_read,
/// `customer` → customer_read (covered), `data.product` on prices → product_read.
const LEGACY_PERMISSIONS: [&str; 12] = [
    "charge_read",
    "checkout_session_write",
    "connected_account_read",
    "customer_portal_write",
    "customer_write",
    "invoice_write",
    "issuing_card_write",
    "payment_intent_write",
    "plan_read",
    "product_read",
    "refund_write",
    "subscription_write",
];

#[test]
fn yaml_manifest_of_the_legacy_fixture_matches_the_reviewed_golden_file() {
    let r = run(&["manifest", LEGACY]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let golden = fs::read_to_string("tests/golden/legacy_module.rak.yaml").unwrap();
    assert_eq!(r.stdout, golden);
}

#[test]
fn json_manifest_lists_exactly_the_needed_permissions_with_evidence() {
    let r = run(&["manifest", "--format", "json", LEGACY]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let m: Value = serde_json::from_str(&r.stdout).unwrap();
    let names: Vec<&str> = m["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["permission"].as_str().unwrap())
        .collect();
    assert_eq!(names, LEGACY_PERMISSIONS);
    let refund = &m["permissions"][10];
    assert_eq!(refund["evidence"][0]["at"], "shop/payments.py:58");
    assert_eq!(refund["evidence"][0]["operation"], "POST /v1/refunds");
    let charge = &m["permissions"][0];
    assert_eq!(charge["evidence"][0]["expand"], "latest_charge");
    assert_eq!(m["review"][0]["at"], "shop/subscriptions.py:45");
    let expected_url = format!(
        "https://dashboard.stripe.com/apikeys/create?name=legacy_module{}",
        LEGACY_PERMISSIONS
            .iter()
            .map(|p| format!("&permissions%5B%5D=rak_{p}"))
            .collect::<String>()
    );
    assert_eq!(m["dashboard_url"], expected_url.as_str());
}

#[test]
fn url_format_prints_only_the_link() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pay.py",
        "import stripe\n\ndef go(e):\n    stripe.Customer.create(email=e)\n    stripe.Refund.list()\n",
    );
    let r = run(&[
        "manifest",
        "--format",
        "url",
        "--name",
        "shop api",
        s(dir.path()),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "https://dashboard.stripe.com/apikeys/create?name=shop%20api\
         &permissions%5B%5D=rak_customer_write&permissions%5B%5D=rak_refund_read\n"
    );
}

#[test]
fn direct_only_connect_calls_are_flagged() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "connect.py",
        "import stripe\n\ndef go(acct):\n    stripe.AccountLink.create(account=acct, stripe_account=acct)\n",
    );
    let r = run(&["manifest", s(dir.path())]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("direct_only: true"), "{}", r.stdout);
    assert!(r.stdout.contains("connect: true"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("account_link_write is Direct-only: it cannot authorise the Connect call"),
        "{}",
        r.stdout
    );
}

#[test]
fn check_passes_on_the_generated_manifest_and_fails_when_one_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("stripe-rak.yaml");
    let generated = run(&["manifest", LEGACY]).stdout;
    fs::write(&manifest, &generated).unwrap();
    let ok = run(&["check", "--manifest", s(&manifest), LEGACY]);
    assert_eq!(ok.code, 0, "{}{}", ok.stdout, ok.stderr);
    assert!(ok.stdout.contains("check ok"), "{}", ok.stdout);

    let without_refund: String = {
        let start = generated.find("- permission: refund_write").unwrap();
        let end = generated[start..]
            .find("- permission: subscription_write")
            .unwrap()
            + start;
        format!("{}{}", &generated[..start], &generated[end..])
    };
    fs::write(&manifest, without_refund).unwrap();
    let failed = run(&["check", "--manifest", s(&manifest), LEGACY]);
    assert_eq!(failed.code, 1, "{}", failed.stdout);
    assert!(
        failed
            .stdout
            .contains("error: missing permission refund_write"),
        "{}",
        failed.stdout
    );
    assert!(
        failed
            .stdout
            .contains("shop/payments.py:58  stripe.Refund.create  POST /v1/refunds"),
        "{}",
        failed.stdout
    );
}

#[test]
fn minimal_manifest_unused_warnings_and_strict() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "app/pay.py",
        "import stripe\n\ndef go(e, pi):\n    stripe.Customer.create(email=e)\n    \
         stripe.PaymentIntent.retrieve(pi)\n",
    );
    let manifest = dir.path().join("rak.yaml");
    fs::write(
        &manifest,
        "permissions: [customer_write, payment_intent_read]\n",
    )
    .unwrap();
    let ok = run(&["check", "--manifest", s(&manifest), s(dir.path())]);
    assert_eq!(ok.code, 0, "{}", ok.stdout);

    fs::write(
        &manifest,
        "name: api\npermissions:\n  - customer_write\n  - payment_intent_write\n  - refund_read\n",
    )
    .unwrap();
    let warned = run(&["check", "--manifest", s(&manifest), s(dir.path())]);
    assert_eq!(warned.code, 0, "{}", warned.stdout);
    assert!(
        warned
            .stdout
            .contains("warning: unused permission refund_read")
            && warned.stdout.contains("rak.yaml:5"),
        "{}",
        warned.stdout
    );
    assert!(
        warned
            .stdout
            .contains("warning: payment_intent_write is broader than needed (")
            && warned.stdout.contains("payment_intent_read would do"),
        "{}",
        warned.stdout
    );
    let strict = run(&[
        "check",
        "--strict",
        "--manifest",
        s(&manifest),
        s(dir.path()),
    ]);
    assert_eq!(strict.code, 1, "{}", strict.stdout);
    assert!(
        strict
            .stdout
            .contains("error: unused permission refund_read")
    );

    fs::write(
        &manifest,
        "permissions: [customer_read, payment_intent_read]\n",
    )
    .unwrap();
    let read_only = run(&["check", "--manifest", s(&manifest), s(dir.path())]);
    assert_eq!(read_only.code, 1);
    assert!(
        read_only
            .stdout
            .contains("missing permission customer_write")
            && read_only.stdout.contains("(it grants only customer_read)")
            && read_only
                .stdout
                .contains("app/pay.py:4  stripe.Customer.create  POST /v1/customers"),
        "{}",
        read_only.stdout
    );
}

#[test]
fn bad_manifests_are_errors_pointing_at_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "unknown.yaml",
            "name: x\npermissions:\n  - customer_write\n  - custmer_read\n",
            ":4:5]",
            "unknown permission `custmer_read`",
        ),
        (
            "syntax.yaml",
            "name: x\npermissions: [customer_write,\n  : oops ]\n",
            "syntax.yaml:3:",
            "",
        ),
        (
            "twins.yaml",
            "permissions:\n  - customer_read\n  - refund_write\n  - customer_write\n",
            ":4:5]",
            "`customer_write` and `customer_read` are both listed",
        ),
        (
            "field.yaml",
            "name: x\npermisions: [customer_write]\n",
            ":2:1]",
            "unknown field `permisions`",
        ),
    ];
    for (file, text, at, message) in cases {
        let path = dir.path().join(file);
        fs::write(&path, text).unwrap();
        let r = run(&["check", "--manifest", s(&path), LEGACY]);
        assert_eq!(r.code, 2, "{file}: {}", r.stderr);
        assert!(r.stderr.contains(at), "{file}: {}", r.stderr);
        assert!(r.stderr.contains(message), "{file}: {}", r.stderr);
        assert!(r.stdout.is_empty());
    }
}

/// A project with two services, shared code listed under both keys, and a script no key owns.
fn two_services() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".rakscan.yaml",
        "keys:\n  - name: billing\n    paths: [\"services/billing/**\", lib]\n  \
         - name: support\n    paths: [\"services/support/*.py\", \"lib/**\"]\n",
    );
    write(
        dir.path(),
        "services/billing/charge.py",
        "import stripe\n\ndef go(e):\n    stripe.PaymentIntent.create(amount=1, currency='eur')\n",
    );
    write(
        dir.path(),
        "services/support/refunds.py",
        "import stripe\n\ndef go(c):\n    stripe.Refund.create(charge=c)\n",
    );
    write(
        dir.path(),
        "lib/customers.py",
        "import stripe\n\ndef find(c):\n    return stripe.Customer.retrieve(c)\n",
    );
    write(
        dir.path(),
        "scripts/report.py",
        "import stripe\n\ndef go():\n    return stripe.Balance.retrieve()\n",
    );
    dir
}

fn names_and_permissions(json: &Value) -> Vec<(String, Vec<String>)> {
    json.as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["name"].as_str().unwrap().to_owned(),
                m["permissions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["permission"].as_str().unwrap().to_owned())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn per_service_keys_split_the_calls() {
    let dir = two_services();
    let r = run(&["manifest", "--format", "json", s(dir.path())]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        names_and_permissions(&json),
        [
            (
                "billing".to_owned(),
                own(&["customer_read", "payment_intent_write"])
            ),
            (
                "support".to_owned(),
                own(&["customer_read", "refund_write"])
            ),
            ("default".to_owned(), own(&["balance_read"])),
        ]
    );
    assert!(
        json[2]["notes"][0]
            .as_str()
            .unwrap()
            .contains("no key's paths")
    );
    assert!(r.stderr.contains("went to key `default`"), "{}", r.stderr);

    let yaml = run(&["manifest", s(dir.path())]).stdout;
    assert_eq!(yaml.matches("\n---\n").count(), 2, "{yaml}");

    let one = run(&[
        "manifest",
        "--key",
        "support",
        "--format",
        "url",
        s(dir.path()),
    ]);
    assert_eq!(
        one.stdout,
        "https://dashboard.stripe.com/apikeys/create?name=support\
         &permissions%5B%5D=rak_customer_read&permissions%5B%5D=rak_refund_write\n"
    );

    let out = dir.path().join("rak");
    let written = run(&["manifest", "--out-dir", s(&out), s(dir.path())]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    for key in ["billing", "support", "default"] {
        assert!(out.join(format!("{key}.rak.yaml")).is_file(), "{key}");
    }

    // check picks the key by the manifest's name.
    let r = run(&[
        "check",
        "--manifest",
        s(&out.join("billing.rak.yaml")),
        s(dir.path()),
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let manifest = dir.path().join("support.yaml");
    fs::write(&manifest, "name: support\npermissions: [customer_read]\n").unwrap();
    let r = run(&["check", "--manifest", s(&manifest), s(dir.path())]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout.contains("missing permission refund_write")
            && r.stdout.contains("services/support/refunds.py:4"),
        "{}",
        r.stdout
    );
}

#[test]
fn bad_config_is_an_error_at_its_line() {
    let dir = two_services();
    write(
        dir.path(),
        ".rakscan.yaml",
        "keys:\n  - name: billing\n    path: [\"services/billing/**\"]\n",
    );
    let r = run(&["manifest", s(dir.path())]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown field `path`"), "{}", r.stderr);
    assert!(r.stderr.contains(".rakscan.yaml:3:"), "{}", r.stderr);

    write(
        dir.path(),
        ".rakscan.yaml",
        "keys:\n  - name: billing\n    paths: [\"services/[billing/**\"]\n",
    );
    let r = run(&["manifest", s(dir.path())]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("bad glob"), "{}", r.stderr);
    assert!(r.stderr.contains(".rakscan.yaml:3:"), "{}", r.stderr);
}

#[test]
fn explain_permissions_endpoints_and_calls() {
    let r = run(&["explain", "customer_write"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Dashboard row \"Customers\" (Core)"));
    assert!(
        r.stdout
            .contains("POST /v1/customers (PostCustomers) [secondary]")
    );

    let r = run(&["explain", "POST", "/v1/customers"]);
    assert!(
        r.stdout.contains("needs customer_write [secondary]"),
        "{}",
        r.stdout
    );

    let r = run(&["explain", "GET /v1/account"]);
    assert!(
        r.stdout
            .contains("needs connected_account_read [reference]"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("Direct-only"), "{}", r.stdout);

    let r = run(&["explain", "stripe.customers.create"]);
    assert!(r.stdout.contains("POST /v1/customers"), "{}", r.stdout);

    let r = run(&["explain", "--json", "stripe.Refund.create"]);
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json["kind"], "call");
    assert_eq!(json["endpoints"][0]["permission"], "refund_write");

    let r = run(&["explain", "db.orders.frobnicate"]);
    assert_eq!(r.code, 2);
}
