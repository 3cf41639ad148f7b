//! `parse-floor DIR [--threads N]`: the least a scanner built on tree-sitter must do on a tree.
//!
//! Walks `DIR` as ripgrep and rakscan do (`.gitignore` and hidden files respected), reads every
//! file, and parses each source file that mentions "stripe" in any case (the JavaScript
//! project's test, `rakscan_syntax::mentions_stripe`) with its grammar, then throws the tree
//! away: no analysis, no output. Timed next to
//! `rg -l -i stripe` and `rakscan scan` (benches/run.sh), it shows how much of rakscan's time
//! any tree-sitter-based scanner would spend, and how much is rakscan's own analysis.

use anyhow::{Context, Result, bail};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

pub fn run(args: &[String]) -> Result<()> {
    let dir = args
        .first()
        .context("usage: parse-floor DIR [--threads N]")?;
    let threads = match args.get(1..) {
        Some([flag, n]) if flag == "--threads" => n.parse().context("--threads: not a number")?,
        Some([]) => 0,
        _ => bail!("usage: parse-floor DIR [--threads N]"),
    };
    if !Path::new(dir).is_dir() {
        bail!("{dir} is not a directory");
    }
    let parsed = AtomicUsize::new(0);
    let walk = ignore::WalkBuilder::new(dir)
        .threads(threads)
        .build_parallel();
    walk.run(|| {
        Box::new(|entry| {
            let Ok(entry) = entry else {
                return ignore::WalkState::Continue;
            };
            if entry.file_type().is_some_and(|t| t.is_file())
                && let Ok(bytes) = std::fs::read(entry.path())
                && parse_if_stripe(entry.path(), &bytes)
            {
                parsed.fetch_add(1, Ordering::Relaxed);
            }
            ignore::WalkState::Continue
        })
    });
    println!("parsed {} files", parsed.into_inner());
    Ok(())
}

/// Parses the file if it is source code that mentions Stripe; whether it did. Rust is parsed
/// with syn, as rakscan does; the other languages with their tree-sitter grammar.
fn parse_if_stripe(path: &Path, bytes: &[u8]) -> bool {
    let Some(extension) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    let grammar = match extension {
        "rs" => None,
        other => match crate::grammars::tree_sitter_grammar(other) {
            Some(grammar) => Some(grammar),
            None => return false,
        },
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    if !rakscan_syntax::mentions_stripe(text) {
        return false;
    }
    let Some(grammar) = grammar else {
        return syn::parse_file(text).is_ok();
    };
    PARSERS.with_borrow_mut(|parsers| {
        let parser = parsers.entry(extension.to_owned()).or_insert_with(|| {
            let mut parser = tree_sitter::Parser::new();
            parser.set_language(&grammar).expect("the grammar loads");
            parser
        });
        parser.parse(text, None).is_some()
    })
}

thread_local! {
    /// One parser per thread and extension.
    static PARSERS: RefCell<HashMap<String, tree_sitter::Parser>> = RefCell::new(HashMap::new());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_source_files_that_mention_stripe_and_nothing_else() {
        let parses = |name: &str, text: &str| parse_if_stripe(Path::new(name), text.as_bytes());
        assert!(parses("a.py", "import stripe\n"));
        assert!(parses("a.ts", "const s = new Stripe(key);\n"));
        assert!(parses("a.rs", "use stripe::Client;\n"));
        assert!(parses("a.go", "package a\n// STRIPE\n"));
        assert!(!parses("a.py", "import os\n"));
        assert!(!parses("a.md", "stripe\n"));
        assert!(!parses("Makefile", "stripe\n"));
    }
}
