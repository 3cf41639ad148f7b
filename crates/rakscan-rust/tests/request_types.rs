//! Every async-stripe 1.x request type in the rules, imported from its module and sent to a
//! client, resolves to its operation.

mod common;

use rakscan_core::Catalog;
use rakscan_core::catalog::path_shape;
use rakscan_core::finding::Finding;
use rakscan_core::resolve::{FileContext, resolve_file};

#[test]
fn every_request_type_resolves_when_sent() {
    let catalog = Catalog::embedded().unwrap();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for s in catalog
        .rules()
        .spellings
        .iter()
        .filter(|s| s.sdk == "rust-async-stripe")
    {
        let source = format!(
            "use {}::{};\n\
             async fn run(client: &stripe::Client) {{\n    \
             let _ = {}::new().send(client).await;\n}}\n",
            s.receiver, s.name, s.name
        );
        let file = FileContext {
            path: "a.rs",
            language: "rust",
            source: &source,
        };
        let found = resolve_file(catalog, &file, &common::extract(&source));
        let got = match found.as_slice() {
            [Finding::ApiCall(c)] => format!("{} {}", c.method, path_shape(&c.endpoint)),
            other => format!("{other:?}"),
        };
        let want = format!("{} {}", s.method, path_shape(&s.path));
        if got != want {
            wrong.push(format!("{}: want {want}, got {got}", s.name));
        }
        checked += 1;
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(checked >= 500, "only {checked} request types");
}
