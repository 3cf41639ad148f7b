//! The `rakscan` binary's library: CLI, configuration, walk, scan wiring and output formats.
//! `main.rs` only parses the arguments and calls [`cli::run`]; the fuzz targets and the
//! regression tests reach the same code through [`harness`].

pub mod catalog;
pub mod cli;
mod collector;
pub mod commands;
pub mod config;
pub mod diagnostic;
mod encoding;
pub mod exit;
pub mod files;
pub mod filter;
pub mod harness;
pub mod keys;
pub mod languages;
pub mod output;
pub mod policy;
pub mod progress;
mod projects;
pub mod scan;
pub mod secrets;
pub mod staged;
pub mod term;
pub mod walk;
