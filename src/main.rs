//! The `rakscan` command line: argument parsing and wiring. The work is done by the crates.

mod cli;
mod commands;
mod config;
mod diagnostic;
mod exit;
mod files;
mod filter;
mod keys;
mod languages;
mod output;
mod policy;
mod progress;
mod scan;
mod secrets;
mod staged;
mod term;
mod walk;

use clap::Parser;
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
