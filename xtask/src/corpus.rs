//! `gen-corpus DIR --files N [--stripe-percent P] [--seed S]`: writes a synthetic source tree
//! for benchmarks. Files are spread over many languages and directories; P percent of them
//! (default 3) call Stripe the way real code does, the rest never mention it. The same
//! arguments always give the same tree.

use anyhow::{Context, Result, bail};
use std::fmt::Write as _;
use std::path::Path;

/// SplitMix64: small, deterministic, good enough for shaping a corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "order", "user", "account", "invoice", "cart", "item", "price", "total", "report", "session",
    "token", "queue", "event", "record", "amount", "status", "config", "cache", "result", "value",
];

/// (extension, share in percent) of the generated files.
const LANGUAGES: &[(&str, u64)] = &[
    ("py", 18),
    ("ts", 14),
    ("js", 10),
    ("rb", 9),
    ("go", 9),
    ("java", 9),
    ("php", 6),
    ("cs", 6),
    ("rs", 5),
    ("md", 6),
    ("json", 4),
    ("yaml", 4),
];

pub fn run(args: &[String]) -> Result<()> {
    let dir = args
        .first()
        .context("usage: gen-corpus DIR --files N [--stripe-percent P] [--seed S]")?;
    let mut files = 0u64;
    let mut stripe_percent = 3u64;
    let mut seed = 1u64;
    let mut rest = args[1..].iter();
    while let Some(flag) = rest.next() {
        let value: u64 = rest
            .next()
            .context("flag without a value")?
            .parse()
            .context("not a number")?;
        match flag.as_str() {
            "--files" => files = value,
            "--stripe-percent" => stripe_percent = value.min(100),
            "--seed" => seed = value,
            other => bail!("unknown flag {other}"),
        }
    }
    if files == 0 {
        bail!("--files N is required");
    }
    let root = Path::new(dir);
    let mut rng = Rng(seed);
    for index in 0..files {
        let extension = pick_language(&mut rng);
        let stripe = rng.below(100) < stripe_percent;
        let path = root.join(format!(
            "pkg{}/{}/{}_{index}.{extension}",
            index % 97,
            rng.pick(WORDS),
            rng.pick(WORDS)
        ));
        std::fs::create_dir_all(path.parent().expect("has a parent"))?;
        std::fs::write(&path, file_text(&mut rng, extension, stripe))?;
    }
    println!("wrote {files} files under {}", root.display());
    Ok(())
}

fn pick_language(rng: &mut Rng) -> &'static str {
    let total: u64 = LANGUAGES.iter().map(|(_, share)| share).sum();
    let mut roll = rng.below(total);
    for (extension, share) in LANGUAGES {
        if roll < *share {
            return extension;
        }
        roll -= share;
    }
    "py"
}

/// 40 to 240 lines of ordinary code, with a few Stripe calls when `stripe` is set.
fn file_text(rng: &mut Rng, extension: &str, stripe: bool) -> String {
    let mut out = String::new();
    let (head, calls) = stripe_snippets(extension);
    // Each file is valid in its language: a package clause, imports, then a class body where
    // the language wants one.
    match extension {
        "go" => out.push_str("package main\n\n"),
        "php" => out.push_str("<?php\n"),
        _ => {}
    }
    if stripe {
        out.push_str(head);
    }
    if matches!(extension, "java" | "cs") {
        out.push_str("class Generated {\n");
    }
    let functions = 4 + rng.below(20);
    for f in 0..functions {
        let name = format!("{}_{}_{f}", rng.pick(WORDS), rng.pick(WORDS));
        let (a, b) = (rng.pick(WORDS), rng.pick(WORDS));
        let _ = match extension {
            "py" => write!(
                out,
                "\ndef {name}({a}, {b}=None):\n    total = 0\n    for x in {a}:\n        total += len(str(x)) * {}\n    return {{'{b}': total}}\n",
                rng.below(100)
            ),
            "ts" | "js" => write!(
                out,
                "\nexport function {name}({a}, {b}) {{\n  let total = 0;\n  for (const x of {a}) {{ total += String(x).length * {}; }}\n  return {{ {b}: total }};\n}}\n",
                rng.below(100)
            ),
            "rb" => write!(
                out,
                "\ndef {name}({a}, {b} = nil)\n  total = 0\n  {a}.each {{ |x| total += x.to_s.length * {} }}\n  {{ {b}: total }}\nend\n",
                rng.below(100)
            ),
            "go" => write!(
                out,
                "\nfunc {name}({a} []string, {b} int) int {{\n\ttotal := 0\n\tfor _, x := range {a} {{\n\t\ttotal += len(x) * {}\n\t}}\n\treturn total + {b}\n}}\n",
                rng.below(100)
            ),
            "java" => write!(
                out,
                "\nstatic int {name}(String[] {a}, int {b}) {{\n    int total = 0;\n    for (String x : {a}) {{ total += x.length() * {}; }}\n    return total + {b};\n}}\n",
                rng.below(100)
            ),
            "cs" => write!(
                out,
                "\nstatic int {name}(string[] {a}, int {b}) {{\n    int total = 0;\n    foreach (var x in {a}) {{ total += x.Length * {}; }}\n    return total + {b};\n}}\n",
                rng.below(100)
            ),
            "php" => write!(
                out,
                "\nfunction {name}(${a}, ${b} = null) {{\n    $total = 0;\n    foreach (${a} as $x) {{ $total += strlen($x) * {}; }}\n    return ['{b}' => $total];\n}}\n",
                rng.below(100)
            ),
            "rs" => write!(
                out,
                "\npub fn {name}({a}: &[String], {b}: usize) -> usize {{\n    {a}.iter().map(|x| x.len() * {}).sum::<usize>() + {b}\n}}\n",
                rng.below(100)
            ),
            "md" => write!(
                out,
                "\n## {name}\n\nThe {a} service keeps a {b} for every request and reports totals daily.\n"
            ),
            "json" => writeln!(
                out,
                "{{\"{name}\": {{\"{a}\": {}, \"{b}\": \"{}\"}}}}",
                rng.below(1000),
                rng.pick(WORDS)
            ),
            _ => write!(
                out,
                "{name}:\n  {a}: {}\n  {b}: {}\n",
                rng.below(1000),
                rng.pick(WORDS)
            ),
        };
        if stripe && f % 3 == 0 && !calls.is_empty() {
            out.push_str(calls[rng.below(calls.len() as u64) as usize]);
        }
    }
    if matches!(extension, "java" | "cs") {
        out.push_str("}\n");
    }
    out
}

/// A preamble binding the SDK and call lines, per language, as real code writes them.
fn stripe_snippets(extension: &str) -> (&'static str, &'static [&'static str]) {
    match extension {
        "py" => (
            "import stripe\n",
            &[
                "\ndef charge(c):\n    return stripe.PaymentIntent.create(amount=100, currency='eur', customer=c)\n",
                "\ndef find(c):\n    return stripe.Customer.retrieve(c, expand=['default_source'])\n",
                "\ndef refund(ch):\n    stripe.Refund.create(charge=ch)\n",
            ],
        ),
        "ts" | "js" => (
            "import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_KEY!);\n",
            &[
                "\nexport async function pay(c) { return stripe.paymentIntents.create({ amount: 100, currency: 'eur', customer: c }); }\n",
                "\nexport async function sessions() { return stripe.checkout.sessions.list({ limit: 3 }); }\n",
            ],
        ),
        "rb" => (
            "require 'stripe'\n",
            &[
                "\ndef subscribe(c)\n  Stripe::Subscription.create(customer: c, items: [{ price: 'p' }])\nend\n",
                "\ndef customers\n  Stripe::Customer.list(limit: 10).auto_paging_each { |c| puts c.id }\nend\n",
            ],
        ),
        "go" => (
            "import \"github.com/stripe/stripe-go/v82\"\n",
            &[
                "\nfunc pay(sc *stripe.Client) { sc.V1PaymentIntents.Create(ctx, &stripe.PaymentIntentCreateParams{}) }\n",
            ],
        ),
        "java" => (
            "import com.stripe.model.Customer;\n",
            &[
                "\nstatic Customer find(String id) throws Exception { return Customer.retrieve(id); }\n",
            ],
        ),
        "php" => (
            "$stripe = new \\Stripe\\StripeClient(getenv('STRIPE_KEY'));\n",
            &[
                "\nfunction pay($stripe) { return $stripe->paymentIntents->create(['amount' => 100]); }\n",
            ],
        ),
        "cs" => (
            "using Stripe;\n",
            &[
                "\nstatic void Pay() { new PaymentIntentService().Create(new PaymentIntentCreateOptions()); }\n",
            ],
        ),
        "rs" => (
            "use stripe::{Client, Customer};\n",
            &[
                "\nasync fn find(client: &Client, id: &CustomerId) { Customer::retrieve(client, id, &[]).await; }\n",
            ],
        ),
        "md" => (
            "Set `STRIPE_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx` in your shell.\n",
            &[],
        ),
        _ => ("stripe_mode: test\n", &[]),
    }
}
