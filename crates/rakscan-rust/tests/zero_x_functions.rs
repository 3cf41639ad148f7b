//! Every request function of async-stripe 0.41 resolves to the endpoint it calls.
//! The table (`tests/data/async-stripe-0.41-functions.tsv`) lists, for each associated
//! function that takes a client, the HTTP method and path its body requests.

mod common;

use rakscan_core::catalog::path_shape;
use rakscan_core::finding::Finding;
use rakscan_core::resolve::{FileContext, resolve_file};
use rakscan_core::{CallStyle, Catalog};

const TABLE: &str = include_str!("data/async-stripe-0.41-functions.tsv");

fn source_for(type_name: &str, function: &str, args: usize) -> String {
    let mut call_args = vec!["&client".to_owned()];
    call_args.extend((0..args).map(|i| format!("a{i}")));
    format!(
        "use stripe::{{Client, {type_name}}};\n\
         async fn run(client: Client) {{\n    \
         let _ = {type_name}::{function}({}).await;\n}}\n",
        call_args.join(", ")
    )
}

#[test]
fn every_0_41_function_resolves_to_the_endpoint_it_calls() {
    let catalog = Catalog::embedded().unwrap();
    let mut checked = 0;
    let mut wrong = Vec::new();
    for line in TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let [type_name, function, args, method, path] = cols[..] else {
            panic!("bad row {line}");
        };
        let source = source_for(type_name, function, args.parse().unwrap());
        let extraction = common::extract(&source);
        assert_eq!(extraction.calls.len(), 1, "{type_name}::{function}");
        let want = format!("{method} {path}");
        if let CallStyle::Raw { verb, path } = &extraction.calls[0].style {
            // Legacy endpoints: the rules have a permission but no operation for them.
            assert_eq!(format!("{verb} {}", path_shape(path)), want);
            checked += 1;
            continue;
        }
        let file = FileContext {
            path: "a.rs",
            language: "rust",
            source: &source,
        };
        let got = match resolve_file(catalog, &file, &extraction).as_slice() {
            [Finding::ApiCall(c)] => format!("{} {}", c.method, path_shape(&c.endpoint)),
            other => format!("{other:?}"),
        };
        if got != want {
            wrong.push(format!("{type_name}::{function}: want {want}, got {got}"));
        }
        checked += 1;
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(checked > 200, "only {checked} rows");
}
