//! Keeps hostile input from crashing the scan.
//!
//! syn parses recursively and its syntax trees drop recursively, so a file nested deeply
//! enough overflows any stack. Files are therefore lexed first (proc-macro2's lexer uses an
//! explicit stack), refused when their nesting is beyond what real code has, and parsed on a
//! thread with a large stack. A panic on that thread becomes an error, not a crash.

use proc_macro2::{TokenStream, TokenTree};
use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::mpsc;

/// Files larger than this are not parsed.
pub const MAX_FILE_BYTES: usize = 8 << 20;
/// Deepest bracket nesting accepted (real code stays far below).
pub const MAX_GROUP_DEPTH: usize = 128;
/// Longest run of punctuation accepted (`!!!!x`, `&&&&x` parse recursively).
pub const MAX_PUNCT_RUN: usize = 64;
/// Stack of the parsing thread: reserved address space, touched only as deep as needed.
const PARSE_STACK_BYTES: usize = 256 << 20;

/// Blanks a byte-order mark and a shebang line so that the lexer accepts the text while every
/// byte offset stays that of the original file.
pub fn lexable(source: &str) -> Cow<'_, str> {
    let mut text = Cow::Borrowed(source);
    if text.starts_with('\u{feff}') {
        text = Cow::Owned(text.replacen('\u{feff}', "   ", 1));
    }
    let body = text.trim_start_matches(' ');
    if body.starts_with("#!") && !body[2..].trim_start().starts_with('[') {
        let start = text.len() - body.len();
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let mut owned = text.into_owned();
        owned.replace_range(start..end, &" ".repeat(end - start));
        text = Cow::Owned(owned);
    }
    text
}

/// Why a token stream is refused, if it is.
pub fn too_deep(tokens: &TokenStream) -> Option<String> {
    let mut stack: Vec<(proc_macro2::token_stream::IntoIter, usize)> =
        vec![(tokens.clone().into_iter(), 0)];
    let mut punct_run = 0usize;
    while let Some((iter, depth)) = stack.last_mut() {
        let depth = *depth;
        match iter.next() {
            None => {
                stack.pop();
            }
            Some(TokenTree::Group(g)) => {
                punct_run = 0;
                if depth + 1 > MAX_GROUP_DEPTH {
                    return Some(format!(
                        "brackets nest deeper than {MAX_GROUP_DEPTH} levels"
                    ));
                }
                stack.push((g.stream().into_iter(), depth + 1));
            }
            Some(TokenTree::Punct(_)) => {
                punct_run += 1;
                if punct_run > MAX_PUNCT_RUN {
                    return Some(format!(
                        "more than {MAX_PUNCT_RUN} operators follow each other"
                    ));
                }
            }
            Some(_) => punct_run = 0,
        }
    }
    None
}

/// A job for the parsing thread.
type Job = Box<dyn FnOnce() + Send>;

thread_local! {
    /// The parsing thread of this thread, started on first use and kept for the next files:
    /// starting a thread per file (its stack mapped, its allocator heap set up and torn down)
    /// cost more than many files' parse.
    static PARSE_THREAD: RefCell<Option<mpsc::Sender<Job>>> = const { RefCell::new(None) };
}

/// Runs `work` on this thread's parsing thread, which has a large stack, and waits for it.
/// `None` when the thread could not be started or `work` panicked (the thread goes on to
/// serve the next call).
pub fn on_large_stack<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (result, receive) = mpsc::sync_channel(1);
    let mut job: Job = Box::new(move || {
        let _ = result.send(work());
    });
    PARSE_THREAD.with_borrow_mut(|thread| {
        // A second try when the kept thread is gone, with a new one.
        for _ in 0..2 {
            let jobs = match thread {
                Some(jobs) => jobs,
                None => thread.insert(start_parse_thread()?),
            };
            match jobs.send(job) {
                Ok(()) => return Some(()),
                Err(mpsc::SendError(back)) => {
                    job = back;
                    *thread = None;
                }
            }
        }
        None
    })?;
    // A panic drops `result` unsent.
    receive.recv().ok()
}

/// Starts a thread with a large stack that runs the jobs it is sent, one at a time, until
/// the sender is dropped; a job's panic is caught there.
fn start_parse_thread() -> Option<mpsc::Sender<Job>> {
    let (jobs, receive) = mpsc::channel::<Job>();
    std::thread::Builder::new()
        .name("rakscan-rust-parse".to_owned())
        .stack_size(PARSE_STACK_BYTES)
        .spawn(move || {
            for job in receive {
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
            }
        })
        .ok()?;
    Some(jobs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shebang_and_bom_are_blanked_in_place() {
        let src = "\u{feff}#!/usr/bin/env run\nfn main() {}\n";
        let out = lexable(src);
        assert_eq!(out.len(), src.len());
        assert!(out.trim_start().starts_with("fn main"));
        assert_eq!(
            lexable("#![allow(x)]\nfn f() {}"),
            "#![allow(x)]\nfn f() {}"
        );
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!("fn f() {{ {}1{} }}", "(".repeat(500), ")".repeat(500));
        let tokens: TokenStream = deep.parse().unwrap();
        assert!(too_deep(&tokens).is_some());
        let fine: TokenStream = "fn f() { (((1))) }".parse().unwrap();
        assert!(too_deep(&fine).is_none());
    }

    #[test]
    fn one_parse_thread_serves_every_call_and_outlives_a_panic() {
        let id = || std::thread::current().id();
        let first = on_large_stack(id).expect("the work ran");
        assert_ne!(first, id(), "the work runs on another thread");
        let panicked: Option<()> = on_large_stack(|| panic!("a hostile file"));
        assert_eq!(panicked, None);
        assert_eq!(
            on_large_stack(id),
            Some(first),
            "the same thread, after a panic"
        );
        // Deeper than a default 8 MiB stack allows.
        fn depth(n: u64) -> u64 {
            let pad = std::hint::black_box([n; 64]);
            if n == 0 {
                0
            } else {
                1 + depth(n - 1) + pad[63] - n
            }
        }
        assert_eq!(on_large_stack(|| depth(40_000)), Some(40_000));
    }
}
