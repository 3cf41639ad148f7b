//! A project tree generated at test time: real-shaped keys in many kinds of text file, next
//! to placeholders, masks, publishable keys and allowed lines. Every planted key must be found
//! on its line with its type, severity and SDK context; nothing else may be.
//!
//! Placeholders long enough to look like keys are split with `concat!` so that no scanner
//! reads this file as holding one.
//!
//! Set `RAKSCAN_SECRETS_TREE=<dir>` to write the tree to `<dir>` and keep it (for comparing
//! with other scanners by hand); otherwise it lives in a temporary directory.

use rakscan_secrets::fake::{FakeRng, key};
use rakscan_secrets::patterns::{Charset, PATTERNS};
use rakscan_secrets::{SdkUse, SecretType, Severity, scan};
use std::path::Path;

/// A key planted in the tree, and what the scan must say about it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Expected {
    path: String,
    line: usize,
    secret_type: SecretType,
    severity: Severity,
    sdk_use: Option<SdkUse>,
}

/// Builds files line by line, recording where real keys go.
struct TreeBuilder {
    files: Vec<(String, Vec<u8>)>,
    expected: Vec<(Expected, String)>,
    seed: u64,
}

/// What is planted on a line: a real-shaped key of a prefix and body length, or fill text.
enum Plant {
    Key {
        prefix: &'static str,
        len: usize,
        charset: Charset,
        sdk_use: Option<SdkUse>,
    },
    /// A real-shaped key on a line with `rakscan:allow`: generated, not expected.
    Allowed(&'static str, usize),
    Text,
}

use Plant::Text;

fn real(prefix: &'static str, len: usize) -> Plant {
    Plant::Key {
        prefix,
        len,
        charset: Charset::Alphanumeric,
        sdk_use: None,
    }
}

fn real_in_sdk(prefix: &'static str, len: usize, sdk_use: SdkUse) -> Plant {
    Plant::Key {
        prefix,
        len,
        charset: Charset::Alphanumeric,
        sdk_use: Some(sdk_use),
    }
}

fn webhook(len: usize, charset: Charset) -> Plant {
    Plant::Key {
        prefix: "whsec_",
        len,
        charset,
        sdk_use: None,
    }
}

impl TreeBuilder {
    fn new() -> Self {
        TreeBuilder {
            files: Vec::new(),
            expected: Vec::new(),
            seed: 1000,
        }
    }

    /// A generated key for `prefix`; `{P}` in a line stands for the prefix alone, `{R}` for a
    /// random real-shaped body (for publishable keys and look-alikes).
    fn fresh_key(&mut self, prefix: &str, len: usize, charset: Charset) -> String {
        self.seed += 1;
        let pattern = PATTERNS
            .iter()
            .find(|p| p.prefix == prefix)
            .expect("a registry prefix");
        if charset == pattern.charset {
            key(pattern, len, self.seed)
        } else {
            format!("{prefix}{}", FakeRng::new(self.seed).body(charset, len))
        }
    }

    fn file(&mut self, path: &str, lines: &[(&str, Plant)]) {
        let mut text = Vec::new();
        for (number, (template, plant)) in lines.iter().enumerate() {
            self.seed += 1;
            let random = FakeRng::new(self.seed).body(Charset::Alphanumeric, 24);
            let mut line = template.replace("{R}", &random);
            if let Plant::Allowed(prefix, len) = plant {
                let key = self.fresh_key(prefix, *len, Charset::Alphanumeric);
                line = line.replace("{K}", &key);
            }
            if let Plant::Key {
                prefix,
                len,
                charset,
                sdk_use,
            } = plant
            {
                let key = self.fresh_key(prefix, *len, *charset);
                line = line.replace("{K}", &key);
                let pattern = PATTERNS
                    .iter()
                    .filter(|p| key.starts_with(p.prefix))
                    .max_by_key(|p| p.prefix.len())
                    .unwrap();
                self.expected.push((
                    Expected {
                        path: path.to_owned(),
                        line: number + 1,
                        secret_type: pattern.secret_type,
                        severity: pattern.severity,
                        sdk_use: *sdk_use,
                    },
                    key,
                ));
            }
            text.extend_from_slice(line.as_bytes());
            text.push(b'\n');
        }
        self.files.push((path.to_owned(), text));
    }

    /// A file with raw bytes (not UTF-8) around one live key.
    fn binary_ish_file(&mut self, path: &str) {
        let key = self.fresh_key("sk_live_", 24, Charset::Alphanumeric);
        let mut text = b"\xFF\xFE latin-1 caf\xE9\n".to_vec();
        text.extend_from_slice(b"key=");
        text.extend_from_slice(key.as_bytes());
        text.extend_from_slice(b"\n");
        self.expected.push((
            Expected {
                path: path.to_owned(),
                line: 2,
                secret_type: SecretType::SecretKeyLive,
                severity: Severity::Error,
                sdk_use: None,
            },
            key,
        ));
        self.files.push((path.to_owned(), text));
    }
}

fn build_tree() -> TreeBuilder {
    use SdkUse::*;
    let mut t = TreeBuilder::new();
    t.file(
        ".env",
        &[
            ("# Stripe", Text),
            ("STRIPE_SECRET_KEY={K}", real("sk_live_", 99)),
            (
                "STRIPE_WEBHOOK_SECRET={K}",
                webhook(32, Charset::Alphanumeric),
            ),
            ("STRIPE_PUBLISHABLE_KEY=pk_live_{R}", Text),
            ("STRIPE_TEST_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxxxxxx", Text),
        ],
    );
    t.file(
        ".env.production",
        &[
            ("STRIPE_RESTRICTED_KEY={K}", real("rk_live_", 24)),
            ("STRIPE_OLD_KEY=sk_live_...", Text),
        ],
    );
    t.file(
        ".env.example",
        &[
            ("STRIPE_SECRET_KEY=sk_live_<your key>", Text),
            ("STRIPE_WEBHOOK_SECRET=whsec_", Text),
        ],
    );
    t.file(
        "config/settings.yaml",
        &[
            ("stripe:", Text),
            ("  secret_key: \"{K}\"", real("sk_test_", 99)),
            (
                "  webhook_secret: whsec_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
                Text,
            ),
            ("  publishable_key: pk_test_{R}", Text),
        ],
    );
    t.file(
        "config/app.json",
        &[
            ("{", Text),
            ("  \"stripe\": {", Text),
            ("    \"key\": \"{K}\",", real("rk_test_", 24)),
            ("    \"docs\": \"sk_live_****abcd\"", Text),
            ("  }", Text),
            ("}", Text),
        ],
    );
    t.file(
        "config/stripe.toml",
        &[
            ("[stripe]", Text),
            ("org_key = \"{K}\"", real("sk_org_", 32)),
            ("org_test_key = \"{K}\"", real("sk_org_test_", 32)),
            ("placeholder = \"sk_test_123\"", Text),
        ],
    );
    t.file(
        "config/legacy.ini",
        &[
            ("[payments]", Text),
            ("secret = {K}", real("sk_live_", 24)),
            (
                concat!("; example: sk_live_", "1234567890abcdefghijklmn"),
                Text,
            ),
        ],
    );
    t.file(
        "docs/SETUP.md",
        &[
            ("# Setup", Text),
            (
                "Put your key in `.env`: `STRIPE_SECRET_KEY=sk_test_...`.",
                Text,
            ),
            ("```sh", Text),
            ("export STRIPE_SECRET_KEY={K}", real("sk_test_", 24)),
            ("```", Text),
            ("The Dashboard shows it as `sk_live_••••abcd`.", Text),
            (
                "<!-- old key, revoked: {K} rakscan:allow -->",
                Plant::Allowed("sk_live_", 24),
            ),
        ],
    );
    t.file(
        "notebooks/demo.ipynb",
        &[
            ("{\"cells\": [{\"cell_type\": \"code\", \"source\": [", Text),
            ("  \"import stripe\\n\",", Text),
            (
                "  \"stripe.api_key = \\\"{K}\\\"\\n\",",
                real_in_sdk("sk_live_", 99, GlobalKey),
            ),
            ("  \"print(1)\\n{K}\"", real("rk_live_", 24)),
            ("]}], \"nbformat\": 4}", Text),
        ],
    );
    t.file(
        "Dockerfile",
        &[
            ("FROM python:3.12-slim", Text),
            ("ENV STRIPE_SECRET_KEY={K}", real("rk_live_", 99)),
            (
                "ARG STRIPE_WEBHOOK_SECRET={K}",
                webhook(64, Charset::LowerHex),
            ),
            (
                concat!("ENV STRIPE_FAKE=sk_live_", "EXAMPLEEXAMPLEEXAMPLEEXAMPLE"),
                Text,
            ),
        ],
    );
    t.file(
        "scripts/deploy.sh",
        &[
            ("#!/bin/sh", Text),
            (
                "curl -u {K}: https://api.stripe.com/v1/charges",
                real("sk_test_", 32),
            ),
            (
                "export KEY=\"${STRIPE_SECRET_KEY:-sk_test_changeme}\"",
                Text,
            ),
            ("echo task_test_{R}", Text),
        ],
    );
    t.file(
        "app/billing.py",
        &[
            ("import stripe", Text),
            (
                "stripe.api_key = \"{K}\"",
                real_in_sdk("sk_live_", 99, GlobalKey),
            ),
            (
                "client = stripe.StripeClient(\"{K}\")",
                real_in_sdk("rk_live_", 99, Constructor),
            ),
            (
                "stripe.Customer.create(email=e, api_key='{K}')",
                real_in_sdk("sk_test_", 24, RequestOption),
            ),
            ("stripe.api_key = \"sk_live_YOUR_SECRET_KEY\"", Text),
            (
                "LEGACY = '{K}'  # rakscan:allow",
                Plant::Allowed("sk_test_", 99),
            ),
        ],
    );
    t.file(
        "web/server.js",
        &[
            (
                "const stripe = require('stripe')('{K}');",
                real_in_sdk("sk_test_", 99, Constructor),
            ),
            (
                "const org = new Stripe(\"{K}\");",
                real_in_sdk("sk_org_live_", 40, Constructor),
            ),
            ("const pub = loadStripe('pk_live_{R}');", Text),
            ("const endpointSecret = 'whsec_...';", Text),
        ],
    );
    t.file(
        "src/main.rs",
        &[(
            "let client = Client::new(\"{K}\");",
            real_in_sdk("sk_live_", 24, Constructor),
        )],
    );
    t.binary_ish_file("data/dump.bin.txt");
    t
}

fn write_tree(root: &Path, tree: &TreeBuilder) {
    for (path, bytes) in &tree.files {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
}

/// Every file under `dir`, hidden ones included, as (path relative to `root`, bytes).
fn read_tree(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_tree(root, &path, out);
        } else {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, std::fs::read(&path).unwrap()));
        }
    }
}

#[test]
fn every_planted_key_is_found_and_nothing_else() {
    let tree = build_tree();
    let temp = tempfile::tempdir().unwrap();
    let root = std::env::var_os("RAKSCAN_SECRETS_TREE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| temp.path().to_owned());
    write_tree(&root, &tree);

    let mut files = Vec::new();
    read_tree(&root, &root, &mut files);
    let mut found = Vec::new();
    let mut allowed = 0;
    for (path, bytes) in &files {
        let result = scan(bytes);
        allowed += result.allowed_inline;
        for f in result.findings {
            let (_, key) = tree
                .expected
                .iter()
                .find(|(e, _)| e.path == *path && e.line == f.line)
                .unwrap_or_else(|| panic!("unexpected finding {path}:{} {f:?}", f.line));
            assert_eq!(f.expose_secret(), key);
            // No printable form of a finding holds the key.
            let body = &key[key.rfind('_').unwrap() + 1..];
            let shown = format!("{f:?} {}", serde_json::to_string(&f).unwrap());
            assert!(!shown.contains(&body[..body.len() - 4]), "{shown}");
            assert!(shown.contains(&f.redacted));
            assert_eq!(f.shown(false), f.redacted);
            assert_eq!(f.shown(true), key);
            assert_eq!(f.hint.is_some(), f.context.is_some());
            let json = serde_json::to_value(&f).unwrap();
            for field in ["secret_type", "severity", "line", "column", "redacted"] {
                assert!(json.get(field).is_some(), "{field} in {json}");
            }
            found.push(Expected {
                path: path.clone(),
                line: f.line,
                secret_type: f.secret_type,
                severity: f.severity,
                sdk_use: f.context.map(|c| c.sdk_use),
            });
        }
    }
    found.sort();
    let mut expected: Vec<Expected> = tree.expected.iter().map(|(e, _)| e.clone()).collect();
    expected.sort();
    assert_eq!(found, expected);
    assert_eq!(allowed, 2, "the two rakscan:allow lines");
    assert!(expected.len() >= 20, "a tree worth the name");
}
