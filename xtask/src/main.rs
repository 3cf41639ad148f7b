//! `cargo run -p xtask -- import-rules DATA_DIR [RULES_DIR]`, `gen-corpus DIR --files N` and
//! `parse-floor DIR` (benchmarks).
//!
//! Writes `rules/*.yaml` from the TSV tables in `DATA_DIR` (../shared/data). The rules are never
//! typed by hand: correct the data and re-run this, then `cargo test` validates the result.

mod corpus;
mod floor;
mod grammars;
mod import;
mod tsv;

use anyhow::{Context, Result, bail};
use std::path::PathBuf;

/// As in rakscan: the parse floor must not pay for a slower allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<()> {
    // SAFETY: first thing in `main`, before any parser or tree exists.
    unsafe { rakscan_syntax::allocate_trees_with_mimalloc() };
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("import-rules") => {
            let data = PathBuf::from(
                args.get(1)
                    .context("usage: import-rules DATA_DIR [RULES_DIR]")?,
            );
            let rules = args
                .get(2)
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../rules"));
            import::import_rules(&data, &rules)
        }
        Some("gen-corpus") => corpus::run(&args[1..]),
        Some("parse-floor") => floor::run(&args[1..]),
        _ => bail!(
            "usage: cargo run -p xtask -- import-rules DATA_DIR [RULES_DIR]\n       cargo run -p xtask -- gen-corpus DIR (--files N [--stripe-percent P] [--seed S] | --big-files BYTES)\n       cargo run -p xtask -- parse-floor DIR [--threads N]"
        ),
    }
}
