//! The `rakscan` command line: argument parsing and wiring. The work is done by the crates.

use clap::Parser;
use rakscan::{cli, diagnostic, exit};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(code) => code.into(),
        Err(error) => {
            diagnostic::print_error(&error);
            exit::Exit::Error.into()
        }
    }
}
