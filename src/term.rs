//! Terminal manners in one place: `--quiet`, colours (off with `NO_COLOR` or when the stream is
//! not a terminal) and whether standard error is a person's terminal (progress bars).

use std::fmt::Display;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

static QUIET: AtomicBool = AtomicBool::new(false);

/// Sets `--quiet`: no warnings and no progress on standard error (errors are still printed).
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Whether `--quiet` is in effect.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Prints `rakscan: warning: …` on standard error, unless `--quiet`.
pub fn warn(message: impl Display) {
    if !quiet() {
        eprintln!("rakscan: warning: {message}");
    }
}

/// Prints `rakscan: …` (what was done, e.g. a file written) on standard error, unless `--quiet`.
pub fn note(message: impl Display) {
    if !quiet() {
        eprintln!("rakscan: {message}");
    }
}

/// Whether output to standard output may use colours.
pub fn stdout_color() -> bool {
    color_allowed() && std::io::stdout().is_terminal()
}

/// Whether output to standard error may use colours.
pub fn stderr_color() -> bool {
    color_allowed() && std::io::stderr().is_terminal()
}

fn color_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

/// Whether standard error is a person's terminal: a terminal, not CI (`CI` set), not `--quiet`.
pub fn stderr_interactive() -> bool {
    !quiet() && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}
