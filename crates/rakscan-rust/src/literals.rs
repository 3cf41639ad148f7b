//! Literal values the extractor reads from expressions: `expand` lists.

use syn::punctuated::Punctuated;
use syn::{Expr, Lit, Token};

/// How deep a literal expression may nest before it is no longer read.
const MAX_DEPTH: usize = 16;

/// The string literals of an `expand` value: `&["a", "b"]`, `Some(&["a"])`,
/// `["a".to_string()]`, `vec!["a".into()]`, `&[String::from("a")]`. Elements that are not
/// literals are skipped; a value that is not a list gives nothing.
pub fn string_list(expr: &Expr) -> Vec<String> {
    let mut out = Vec::new();
    collect(expr, &mut out, 0);
    out
}

fn collect(expr: &Expr, out: &mut Vec<String>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match expr {
        Expr::Reference(r) => collect(&r.expr, out, depth + 1),
        Expr::Paren(p) => collect(&p.expr, out, depth + 1),
        Expr::Group(g) => collect(&g.expr, out, depth + 1),
        Expr::Array(a) => {
            for e in &a.elems {
                if let Some(s) = string(e, depth + 1) {
                    out.push(s);
                }
            }
        }
        Expr::Call(c) if is_path(&c.func, "Some") && c.args.len() == 1 => {
            collect(&c.args[0], out, depth + 1)
        }
        Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "as_slice" | "to_vec") => {
            collect(&m.receiver, out, depth + 1)
        }
        Expr::Macro(m) if m.mac.path.is_ident("vec") => {
            if let Ok(elems) = m
                .mac
                .parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
            {
                for e in &elems {
                    if let Some(s) = string(e, depth + 1) {
                        out.push(s);
                    }
                }
            }
        }
        _ => {}
    }
}

/// A string literal, possibly converted (`"a".to_string()`, `String::from("a")`).
fn string(expr: &Expr, depth: usize) -> Option<String> {
    if depth > MAX_DEPTH {
        return None;
    }
    match expr {
        Expr::Lit(l) => match &l.lit {
            Lit::Str(s) => Some(s.value()),
            _ => None,
        },
        Expr::Paren(p) => string(&p.expr, depth + 1),
        Expr::Group(g) => string(&g.expr, depth + 1),
        Expr::Reference(r) => string(&r.expr, depth + 1),
        Expr::MethodCall(m)
            if m.args.is_empty()
                && matches!(
                    m.method.to_string().as_str(),
                    "to_string" | "to_owned" | "into" | "as_str"
                ) =>
        {
            string(&m.receiver, depth + 1)
        }
        Expr::Call(c) if c.args.len() == 1 && path_ends_with(&c.func, &["String", "from"]) => {
            string(&c.args[0], depth + 1)
        }
        _ => None,
    }
}

fn is_path(expr: &Expr, name: &str) -> bool {
    matches!(expr, Expr::Path(p) if p.path.is_ident(name))
}

fn path_ends_with(expr: &Expr, tail: &[&str]) -> bool {
    let Expr::Path(p) = expr else { return false };
    let segs: Vec<String> = p
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    segs.len() >= tail.len()
        && segs[segs.len() - tail.len()..]
            .iter()
            .zip(tail)
            .all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(src: &str) -> Vec<String> {
        string_list(&syn::parse_str::<Expr>(src).unwrap())
    }

    #[test]
    fn reads_expand_lists_in_their_usual_spellings() {
        assert_eq!(list(r#"&["a", "b.c"]"#), ["a", "b.c"]);
        assert_eq!(list(r#"Some(&["a"])"#), ["a"]);
        assert_eq!(list(r#"["a".to_string(), String::from("b")]"#), ["a", "b"]);
        assert_eq!(list(r#"vec!["a".into(), x]"#), ["a"]);
        assert!(list("&[]").is_empty());
        assert!(list("fields").is_empty());
    }
}
