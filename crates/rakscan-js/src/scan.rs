//! One file from source text to IR: parse, build the binding model, collect the calls.

use crate::calls::extract_calls;
use crate::imports::ImportResolver;
use crate::model::{Exports, Model};
use crate::parse::{Dialect, parse};
use rakscan_core::{ExtractError, Extraction};

/// Extracts the Stripe calls of one file, resolving imports through `resolver`.
pub(crate) fn extract(
    source: &str,
    dialect: Dialect,
    resolver: &dyn ImportResolver,
) -> Result<Extraction, ExtractError> {
    let parsed = parse(source, dialect)?;
    let root = parsed.tree.root_node();
    let model = Model::build(root, source, resolver);
    let mut extraction = extract_calls(root, source, &model);
    if parsed.recovered {
        extraction.warnings.push(
            "syntax errors: the parser recovered, calls in the broken part may be missed"
                .to_owned(),
        );
    }
    Ok(extraction)
}

/// What one file exports, resolving its own imports through `resolver`.
pub(crate) fn exports(
    source: &str,
    dialect: Dialect,
    resolver: &dyn ImportResolver,
) -> Result<Exports, ExtractError> {
    let parsed = parse(source, dialect)?;
    let model = Model::build(parsed.tree.root_node(), source, resolver);
    Ok(model.exports())
}
