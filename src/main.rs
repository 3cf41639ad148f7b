//! The `rakscan` command line: argument parsing and wiring. The work is done by the crates.

use clap::Parser;
use rakscan::{cli, diagnostic, exit};
use std::process::ExitCode;

/// mimalloc instead of the C library's allocator: a scan allocates many small short-lived
/// objects on several threads (syntax trees, IR, findings), where it costs 5–13 % less CPU
/// (BENCHMARKS.md). Built with `no_thp`, as transparent huge pages doubled the resident size
/// of small scans.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    allocate_trees_with_mimalloc();
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(code) => code.into(),
        Err(error) => {
            diagnostic::print_error(&error);
            exit::Exit::Error.into()
        }
    }
}

/// Tree-sitter's parsers and trees allocate through mimalloc too (they use the C library's
/// allocator unless told otherwise): parsing is the largest part of a scan.
fn allocate_trees_with_mimalloc() {
    use libmimalloc_sys::{mi_calloc, mi_free, mi_malloc, mi_realloc};
    // SAFETY: runs first in `main`, before any parser or tree exists, and all four functions
    // belong to the same allocator, so nothing is freed by an allocator that did not allocate it.
    unsafe {
        tree_sitter::set_allocator(
            Some(mi_malloc),
            Some(mi_calloc),
            Some(mi_realloc),
            Some(mi_free),
        );
    }
}
