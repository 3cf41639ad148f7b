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

    /// Two different items (two parameters of one function, two keys of one mapping).
    fn pick_two<'a>(&mut self, items: &[&'a str]) -> (&'a str, &'a str) {
        let first = self.below(items.len() as u64) as usize;
        let second = (first + 1 + self.below(items.len() as u64 - 1) as usize) % items.len();
        (items[first], items[second])
    }
}

const WORDS: &[&str] = &[
    "order", "user", "account", "invoice", "cart", "item", "price", "total", "report", "session",
    "token", "queue", "entry", "record", "amount", "status", "config", "cache", "result", "value",
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
    let dir = args.first().context(
        "usage: gen-corpus DIR (--files N [--stripe-percent P] [--seed S] | --big-files BYTES)",
    )?;
    let mut files = 0u64;
    let mut big_bytes = 0u64;
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
            "--big-files" => big_bytes = value,
            "--stripe-percent" => stripe_percent = value.min(100),
            "--seed" => seed = value,
            other => bail!("unknown flag {other}"),
        }
    }
    let root = Path::new(dir);
    if big_bytes > 0 {
        return write_big_files(root, big_bytes as usize);
    }
    if files == 0 {
        bail!("--files N or --big-files BYTES is required");
    }
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
    // the language wants one (a JSON file is one object).
    out.push_str(opening(extension));
    if stripe {
        out.push_str(head);
    }
    out.push_str(body_opening(extension));
    let functions = 4 + rng.below(20);
    for f in 0..functions {
        let name = format!("{}_{}_{f}", rng.pick(WORDS), rng.pick(WORDS));
        let (a, b) = rng.pick_two(WORDS);
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
                "  \"{name}\": {{\"{a}\": {}, \"{b}\": \"{}\"}}{}",
                rng.below(1000),
                rng.pick(WORDS),
                if f + 1 < functions { "," } else { "" }
            ),
            _ => write!(
                out,
                "{name}:\n  {a}: {}\n  {b}: {}\n",
                rng.below(1000),
                rng.pick(WORDS)
            ),
        };
        if stripe && f % 3 == 0 && !calls.is_empty() {
            let call = calls[rng.below(calls.len() as u64) as usize];
            out.push_str(&call.replace("_N", &format!("_{f}")));
        }
    }
    out.push_str(closing(extension));
    out
}

/// What a file of this kind starts with: a package clause, a PHP tag, a JSON object's brace.
fn opening(extension: &str) -> &'static str {
    match extension {
        "go" => "package main\n\n",
        "php" => "<?php\n",
        "json" => "{\n",
        _ => "",
    }
}

/// The class that holds the functions, after the imports, where the language wants one.
fn body_opening(extension: &str) -> &'static str {
    match extension {
        "java" | "cs" => "class Generated {\n",
        _ => "",
    }
}

/// What closes [`opening`] and [`body_opening`].
fn closing(extension: &str) -> &'static str {
    match extension {
        "java" | "cs" | "json" => "}\n",
        _ => "",
    }
}

/// One source file of about `bytes` bytes using Stripe: its preamble, then call lines
/// numbered 0, 1, 2, … (thousands of small functions, as in generated clients and large
/// services). Time that grows faster than the size on such files shows up in the benchmark.
fn big_file_text(extension: &str, bytes: usize) -> String {
    let (head, calls) = stripe_snippets(extension);
    let mut out = format!("{}{head}{}", opening(extension), body_opening(extension));
    let mut n = 0;
    while out.len() < bytes && !calls.is_empty() {
        out.push_str(&calls[n % calls.len()].replace("_N", &format!("_{n}")));
        n += 1;
    }
    out.push_str(closing(extension));
    out
}

/// Writes one big file (`big.<ext>`, about `bytes` bytes) per source language into `root`.
fn write_big_files(root: &Path, bytes: usize) -> Result<()> {
    std::fs::create_dir_all(root)?;
    for extension in SOURCE_EXTENSIONS {
        std::fs::write(
            root.join(format!("big.{extension}")),
            big_file_text(extension, bytes),
        )?;
    }
    println!(
        "wrote {} files of ~{bytes} bytes under {}",
        SOURCE_EXTENSIONS.len(),
        root.display()
    );
    Ok(())
}

/// The generated kinds rakscan parses.
const SOURCE_EXTENSIONS: &[&str] = &["py", "ts", "js", "rb", "go", "java", "php", "cs", "rs"];

/// Call lines of the Node SDK, the same in JavaScript and TypeScript. In every call line `_N`
/// stands for the number of the function it follows, so no name is declared twice.
const NODE_CALLS: &[&str] = &[
    "\nexport async function pay_N(c) { return stripe.paymentIntents.create({ amount: 100, currency: 'eur', customer: c }); }\n",
    "\nexport async function sessions_N() { return stripe.checkout.sessions.list({ limit: 3 }); }\n",
];

/// A preamble binding the SDK and call lines, per language, as real code writes them
/// (TypeScript's non-null `!` only in `.ts` files).
fn stripe_snippets(extension: &str) -> (&'static str, &'static [&'static str]) {
    match extension {
        "py" => (
            "import stripe\n",
            &[
                "\ndef charge_N(c):\n    return stripe.PaymentIntent.create(amount=100, currency='eur', customer=c)\n",
                "\ndef find_N(c):\n    return stripe.Customer.retrieve(c, expand=['default_source'])\n",
                "\ndef refund_N(ch):\n    stripe.Refund.create(charge=ch)\n",
            ],
        ),
        "ts" => (
            "import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_KEY!);\n",
            NODE_CALLS,
        ),
        "js" => (
            "import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_KEY);\n",
            NODE_CALLS,
        ),
        "rb" => (
            "require 'stripe'\n",
            &[
                "\ndef subscribe_N(c)\n  Stripe::Subscription.create(customer: c, items: [{ price: 'p' }])\nend\n",
                "\ndef customers_N\n  Stripe::Customer.list(limit: 10).auto_paging_each { |c| puts c.id }\nend\n",
            ],
        ),
        "go" => (
            "import (\n\t\"context\"\n\n\t\"github.com/stripe/stripe-go/v82\"\n)\n",
            &[
                "\nfunc pay_N(sc *stripe.Client) { sc.V1PaymentIntents.Create(context.TODO(), &stripe.PaymentIntentCreateParams{}) }\n",
            ],
        ),
        "java" => (
            "import com.stripe.model.Customer;\n",
            &[
                "\nstatic Customer find_N(String id) throws Exception { return Customer.retrieve(id); }\n",
            ],
        ),
        "php" => (
            "$stripe = new \\Stripe\\StripeClient(getenv('STRIPE_KEY'));\n",
            &[
                "\nfunction pay_N($stripe) { return $stripe->paymentIntents->create(['amount' => 100]); }\n",
            ],
        ),
        "cs" => (
            "using Stripe;\n",
            &[
                "\nstatic void Pay_N() { new PaymentIntentService().Create(new PaymentIntentCreateOptions()); }\n",
            ],
        ),
        "rs" => (
            "use stripe::{Client, Customer, CustomerId};\n",
            &[
                "\nasync fn find_N(client: &Client, id: &CustomerId) { Customer::retrieve(client, id, &[]).await; }\n",
            ],
        ),
        "md" => (
            "Set `STRIPE_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx` in your shell.\n",
            &[],
        ),
        "json" => ("  \"stripe_mode\": \"test\",\n", &[]),
        _ => ("stripe_mode: test\n", &[]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `text` parses without a syntax error as a file of `extension`.
    fn parses(extension: &str, text: &str) -> bool {
        let grammar = match extension {
            "rs" => return syn::parse_file(text).is_ok(),
            "json" => return serde_json::from_str::<serde_json::Value>(text).is_ok(),
            "yaml" => return serde_yaml::from_str::<serde_yaml::Value>(text).is_ok(),
            // Any text is Markdown.
            "md" => return true,
            other => crate::grammars::tree_sitter_grammar(other)
                .unwrap_or_else(|| panic!("no parser for .{other}")),
        };
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&grammar).expect("the grammar loads");
        let tree = parser.parse(text, None).expect("the parser returns a tree");
        !tree.root_node().has_error()
    }

    /// A benchmark must not measure error recovery or a second grammar that real code would
    /// not cost (a `.js` file with TypeScript syntax is parsed twice).
    #[test]
    fn every_generated_file_is_valid_in_its_language() {
        let mut rng = Rng(1);
        for &(extension, _) in LANGUAGES {
            for stripe in [false, true] {
                for _ in 0..5 {
                    let text = file_text(&mut rng, extension, stripe);
                    assert!(parses(extension, &text), ".{extension} file:\n{text}");
                }
            }
        }
        for extension in SOURCE_EXTENSIONS {
            let text = big_file_text(extension, 20_000);
            assert!(text.len() >= 20_000, ".{extension}");
            assert!(parses(extension, &text), "big .{extension} file:\n{text}");
        }
    }
}
