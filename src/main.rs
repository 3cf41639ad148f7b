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
    // SAFETY: first thing in `main`, before any parser or tree exists.
    unsafe { rakscan_syntax::allocate_trees_with_mimalloc() };
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(code) => code.into(),
        Err(error) => {
            diagnostic::print_error(&error);
            exit::Exit::Error.into()
        }
    }
}
