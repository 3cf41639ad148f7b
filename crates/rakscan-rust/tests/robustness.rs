//! Hostile and broken input: no panic, no crash, a warning where the file was not read.

mod common;

use rakscan_core::Extractor;
use rakscan_rust::RustExtractor;

fn warned(source: &str) -> bool {
    !common::extract(source).warnings.is_empty()
}

#[test]
fn deep_nesting_is_refused_with_a_warning() {
    let parens = format!(
        "fn f() {{ let x = {}1{}; }}",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    assert!(warned(&parens));
    let blocks = format!("fn f() {}{}", "{".repeat(10_000), "}".repeat(10_000));
    assert!(warned(&blocks));
    let unary = format!("fn f() {{ let x = {}y; }}", "!".repeat(100_000));
    assert!(warned(&unary));
}

#[test]
fn long_flat_expressions_do_not_overflow() {
    let chain = format!("fn f() {{ stripe_x{}; }}", ".a()".repeat(100_000));
    common::extract(&chain);
    let sum = format!("fn f() {{ let x = 1{}; }}", " + 1".repeat(100_000));
    common::extract(&sum);
    let generics = format!("type T = {}u8{};", "Vec<".repeat(2_000), ">".repeat(2_000));
    common::extract(&generics);
}

#[test]
fn broken_files_warn_and_still_report_stripe_paths() {
    let src = "use stripe::Customer;\nfn f( {\n    Customer::create(&client, p).await;\n}\n";
    // Unbalanced: not even tokens. Nothing can be read.
    assert!(warned(src));
    let src = "use stripe::{Client, Customer};\nfn f(client: &Client) {\n    let = 5;\n    Customer::create(&client, p).await;\n}\n";
    assert!(warned(src));
    assert_eq!(common::findings("a.rs", src), ["a.rs:4 unresolved"]);
}

#[test]
fn odd_text_is_harmless() {
    for src in [
        "",
        "\u{feff}",
        "#!/usr/bin/env rust-script\nfn main() { stripe::Customer::list(&client, &p); }",
        "\u{0}\u{1}stripe\u{7f}",
        "r#\"unterminated stripe",
        "'a'b'c stripe",
        "/* stripe",
    ] {
        let _ = RustExtractor::new().extract(std::path::Path::new("src/lib.rs"), src);
    }
    let big = "x".repeat(9 << 20);
    assert!(warned(&big));
}

#[test]
fn every_prefix_of_a_real_file_is_handled() {
    let src = include_str!("../../../fixtures/rust/shop-0x/src/billing.rs");
    let mut cut = 0;
    while cut < src.len() {
        if src.is_char_boundary(cut) {
            let _ = RustExtractor::new().extract(std::path::Path::new("src/lib.rs"), &src[..cut]);
        }
        cut += 13;
    }
}

#[test]
fn spans_point_at_the_call() {
    let src =
        "#!/usr/bin/env run\nuse stripe::Customer;\nfn f() { Customer::list(&client, &p); }\n";
    let calls = common::extract(src).calls;
    assert_eq!(
        &src[calls[0].span.start..calls[0].span.end],
        "Customer::list(&client, &p)"
    );
}
