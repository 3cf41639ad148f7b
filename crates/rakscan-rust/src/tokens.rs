//! Stripe calls in token streams that syn cannot read as expressions: `macro_rules!` bodies,
//! macros with their own syntax (`tokio::select!`), files syn could not parse.
//!
//! Such a call cannot be resolved, but it must not vanish either: every path into
//! async-stripe that is called like a request is reported as unresolved.

use crate::calls::byte_span;
use crate::scope::Scope;
use crate::sdk;
use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use rakscan_core::Span;
use rakscan_core::ir::UnresolvedCall;

/// Reports the request-like async-stripe paths of `tokens`; `context` says where they are.
pub fn scan(tokens: TokenStream, scope: &Scope, context: &str, out: &mut Vec<UnresolvedCall>) {
    let mut levels: Vec<Vec<TokenTree>> = vec![tokens.into_iter().collect()];
    while let Some(level) = levels.pop() {
        let mut i = 0;
        while i < level.len() {
            match &level[i] {
                TokenTree::Group(g) => {
                    levels.push(g.stream().into_iter().collect());
                    i += 1;
                }
                // `$name` is a macro variable, never a path into a crate.
                TokenTree::Punct(p) if p.as_char() == '$' => i += 2,
                _ => match read_path(&level, i) {
                    Some(path) => {
                        if let Some(found) = request_like(&level, &path, scope, context) {
                            out.push(found);
                        }
                        i = path.end;
                    }
                    None => i += 1,
                },
            }
        }
    }
}

/// A path read from a token sequence (`::stripe::Customer::create`).
struct TokenPath {
    segments: Vec<String>,
    leading_colon: bool,
    /// Index of the first token after the path.
    end: usize,
    span: Span,
}

fn is_colon_pair(level: &[TokenTree], i: usize) -> bool {
    matches!(
        (level.get(i), level.get(i + 1)),
        (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
            if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
    )
}

fn read_path(level: &[TokenTree], start: usize) -> Option<TokenPath> {
    let mut i = start;
    let leading_colon = is_colon_pair(level, i);
    if leading_colon {
        i += 2;
    }
    let mut segments = Vec::new();
    let first = byte_span(level.get(start)?.span());
    let mut last = first;
    while let Some(TokenTree::Ident(ident)) = level.get(i) {
        segments.push(ident.to_string());
        last = byte_span(ident.span());
        i += 1;
        if is_colon_pair(level, i) && matches!(level.get(i + 2), Some(TokenTree::Ident(_))) {
            i += 2;
        } else {
            break;
        }
    }
    if segments.is_empty() {
        return None;
    }
    Some(TokenPath {
        segments,
        leading_colon,
        end: i,
        span: Span::new(first.start, last.end),
    })
}

fn request_like(
    level: &[TokenTree],
    path: &TokenPath,
    scope: &Scope,
    context: &str,
) -> Option<UnresolvedCall> {
    let resolved = scope.resolve(&path.segments, path.leading_colon)?;
    let next = level.get(path.end);
    let called =
        matches!(next, Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis);
    let braced = matches!(next, Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace);
    let found = match resolved.path.as_slice() {
        [_, .., type_name, function] if called && sdk::may_be_request(type_name, function) => {
            resolved.in_client_crate()
                && (sdk::is_known_function(type_name, function) || mentions_client(next))
        }
        [_, .., type_name, function]
            if called && matches!(function.as_str(), "new" | "default") =>
        {
            !sdk::is_client_type(type_name) && sent_later(level, path.end)
        }
        [_, .., type_name] if braced => {
            type_name.starts_with(|c: char| c.is_ascii_uppercase()) && sent_later(level, path.end)
        }
        _ => false,
    };
    if !found {
        return None;
    }
    let end = next
        .map(|t| byte_span(t.span()).end)
        .unwrap_or(path.span.end);
    let written = path.segments.join("::");
    Some(UnresolvedCall {
        span: Span::new(path.span.start, end.max(path.span.end)),
        display: if path.leading_colon {
            format!("::{written}")
        } else {
            written
        },
        reason: format!(
            "{context}: syn cannot read these tokens as Rust code, so the Stripe call is not resolved"
        ),
    })
}

/// Whether an argument group names a client (`(&client, …)`).
fn mentions_client(group: Option<&TokenTree>) -> bool {
    let Some(TokenTree::Group(g)) = group else {
        return false;
    };
    g.stream().into_iter().take(8).any(|t| {
        matches!(&t, TokenTree::Ident(i) if i.to_string().to_ascii_lowercase().contains("client"))
    })
}

/// Whether `.send`, `.send_blocking` or `.paginate` follows in the same token sequence.
fn sent_later(level: &[TokenTree], from: usize) -> bool {
    level[from..].windows(2).any(|w| {
        matches!(
            (&w[0], &w[1]),
            (TokenTree::Punct(p), TokenTree::Ident(i))
                if p.as_char() == '.' && sdk::SEND_METHODS.contains(&i.to_string().as_str())
        )
    })
}
