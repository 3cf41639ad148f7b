//! Keeps hostile input from crashing the scan.
//!
//! syn parses recursively and its syntax trees drop recursively, so a file nested deeply
//! enough overflows any stack. Files are therefore lexed first (proc-macro2's lexer uses an
//! explicit stack), refused when their nesting is beyond what real code has, and parsed on a
//! thread with a large stack. A panic on that thread becomes an error, not a crash.

use proc_macro2::{TokenStream, TokenTree};
use std::borrow::Cow;

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

/// Runs `work` on a thread with a large stack. `None` when the thread could not be started
/// or panicked.
pub fn on_large_stack<T: Send>(work: impl FnOnce() -> T + Send) -> Option<T> {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("rakscan-rust-parse".to_owned())
            .stack_size(PARSE_STACK_BYTES)
            .spawn_scoped(s, work)
            .ok()?
            .join()
            .ok()
    })
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
}
