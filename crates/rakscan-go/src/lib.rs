//! rakscan's Go extractor: finds the calls a Go file makes through stripe-go
//! (`github.com/stripe/stripe-go/vNN`, any major) and turns them into rakscan's IR.
//!
//! Recognised: the `stripe.Client` of v82+ (`sc := stripe.NewClient(key)` then
//! `sc.V1Customers.Create(ctx, p)`, `sc.V2CoreEvents.Retrieve(…)`), held in a local, a
//! parameter, a package variable, a struct field or returned by a function of the file; the
//! legacy per-resource packages (`customer.New(p)`, `session.New(p)` told apart by import path,
//! aliased imports, packages of older majors renamed since: `sub` is `subscription`); the
//! deprecated `client.API` (`sc.Customers.New(p)`, also Likely on a holder of unknown type
//! where the `client` package is imported: `clients[region].Customers.New(p)`); raw requests
//! with a literal method and path. Options embedded in the params (`AddExpand`, `Expand:`,
//! `SetStripeAccount`, `StripeAccount:`) are read from the argument literal or from the params
//! variable in the same function. Across files, struct fields and functions that hold or return
//! a client (`s.stripe.Customers.New` with the struct declared elsewhere) are learnt from the
//! whole project first. A field is read by its holder's struct type when known (a receiver,
//! a typed parameter or local, `&Svc{}`, `NewSvc()`, promoted from an embedded struct), so a
//! field of another SDK's type is not taken for the client another struct holds by that name.

mod api_fields;
mod calls;
mod facts;
mod imports;
mod kinds;
mod params;
mod project;
mod renames;
mod tree;

use facts::Scope;
use imports::Imports;
use kinds::{FileNames, Kinds};
use rakscan_core::{ExtractError, Extraction, Extractor, ProjectBuilder};
use rakscan_syntax::KindName;
use std::cell::Cell;
use std::path::Path;
use tree_sitter::Node;

/// The Go extractor.
#[derive(Debug, Default, Clone, Copy)]
pub struct GoExtractor;

impl Extractor for GoExtractor {
    fn language(&self) -> &'static str {
        "go"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["go"]
    }

    fn markers(&self) -> &'static [&'static str] {
        &["stripe", "Stripe"]
    }

    fn extract(&self, _path: &Path, source: &str) -> Result<Extraction, ExtractError> {
        extract_source(source, Known::default())
    }

    fn project_input(&self, path: &Path) -> bool {
        path.extension().is_some_and(|e| e == "go")
    }

    fn project(&self, _root: &Path) -> Option<Box<dyn ProjectBuilder>> {
        Some(Box::<project::GoProjectBuilder>::default())
    }
}

/// What the project's files declare, as one file sees it.
#[derive(Debug, Default, Clone, Copy)]
struct Known<'a> {
    /// The client-holding struct fields, package variables and functions of the project.
    names: Option<&'a FileNames>,
    /// The struct types, constructors and other-typed field names of the file's package.
    package: Option<&'a FileNames>,
}

impl Known<'_> {
    /// Whether the project tells nothing the file does not.
    fn is_empty(&self) -> bool {
        self.names.is_none() && self.package.is_none()
    }
}

/// Parses and reads one file, with the client names of the rest of the project if known.
fn extract_source(source: &str, project: Known<'_>) -> Result<Extraction, ExtractError> {
    Ok(read_source(source, project)?.extraction)
}

/// What reading one file gives.
struct Reading {
    /// Its calls, and a warning if the parser recovered from syntax errors.
    extraction: Extraction,
    /// Its client-holding names (what the rest of the project learns from it).
    names: FileNames,
    /// Whether a receiver was looked for among the project's names (see
    /// [`calls::Context::asked_project`]).
    asked_project: bool,
}

/// Parses and reads one file, with the client names of the rest of the project if known.
fn read_source(source: &str, project: Known<'_>) -> Result<Reading, ExtractError> {
    let tree = tree::parse(source)?;
    let root = tree.root_node();
    let mut reading = read_file(root, source, project);
    reading
        .extraction
        .warnings
        .extend(rakscan_syntax::recovery_warning(root));
    Ok(reading)
}

/// The file's client names: struct fields, package variables and functions typed as a
/// client, and fields a constructor sets to one. Also the scope of the package level and of
/// each function, each with its calls in source order.
fn read_names<'t, 's>(
    root: Node<'t>,
    kinds: &Kinds<'s>,
) -> (FileNames, Vec<(Scope<'s>, Vec<Node<'t>>)>) {
    let mut names = facts::file_names(root, kinds);
    let mut parts = vec![Scope::collect(root, kinds, &mut names, true)];
    for function in tree::named_children(root) {
        if matches!(
            function.kind_name(),
            "function_declaration" | "method_declaration"
        ) {
            parts.push(Scope::collect(function, kinds, &mut names, false));
        }
    }
    (names, parts)
}

/// Reads the whole file: names first (a constructor may come after its uses), then calls.
fn read_file(root: Node<'_>, source: &str, project: Known<'_>) -> Reading {
    let imports = Imports::collect(root, source);
    let kinds = Kinds {
        source,
        imports: &imports,
    };
    let (names, parts) = read_names(root, &kinds);
    let asked_project = Cell::new(false);

    let mut out = Extraction::default();
    for (scope, calls) in &parts {
        let cx = calls::Context {
            source,
            imports: &imports,
            file: &names,
            project,
            scope,
            asked_project: &asked_project,
        };
        for call in calls {
            calls::read_call(*call, &cx, &mut out);
        }
    }
    out.calls.sort_by_key(|c| c.span.start);
    out.unresolved.sort_by_key(|u| u.span.start);
    Reading {
        extraction: out,
        names,
        asked_project: asked_project.get(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The calls listed while the scopes are read are every call of the file, each once: at
    /// the package level, in functions and methods, in function literals, nested in other
    /// calls and in a broken function.
    #[test]
    fn the_scopes_list_every_call_once() {
        let source = "package p\n\nimport \"github.com/stripe/stripe-go/v82\"\n\n\
            var sc = stripe.NewClient(key())\n\
            func f() { g(h(1)); go func() { k()() }() }\n\
            func (s *S) m() error { return s.sc.V1Customers.Create(ctx(), nil) }\n\
            func broken() { x := ; y(z()) }\n";
        let (calls_per_scope, mut listed, mut all) =
            crate::kinds::with_parsed(source, |root, kinds| {
                let (_, parts) = read_names(root, kinds);
                let counts: Vec<usize> = parts.iter().map(|(_, calls)| calls.len()).collect();
                let listed: Vec<usize> = parts
                    .iter()
                    .flat_map(|(_, calls)| calls.iter().map(|c| c.id()))
                    .collect();
                let mut all = Vec::new();
                rakscan_syntax::preorder(root, |n| {
                    if n.kind_name() == "call_expression" {
                        all.push(n.id());
                    }
                });
                (counts, listed, all)
            });
        assert_eq!(
            calls_per_scope.len(),
            4,
            "the package level and three functions"
        );
        assert_eq!(
            calls_per_scope[0], 2,
            "NewClient and key at the package level"
        );
        assert!(all.len() > 10);
        listed.sort_unstable();
        all.sort_unstable();
        assert_eq!(listed, all);
    }
}
