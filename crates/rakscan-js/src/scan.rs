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
    let tree = parse(source, dialect)?;
    let root = tree.root_node();
    let model = Model::build(root, source, resolver);
    let mut extraction = extract_calls(source, &model);
    // The tree kept has errors only when no grammar parsed the file cleanly.
    extraction
        .warnings
        .extend(rakscan_syntax::recovery_warning(root));
    Ok(extraction)
}

/// What one file exports, resolving its own imports through `resolver`.
pub(crate) fn exports(
    source: &str,
    dialect: Dialect,
    resolver: &dyn ImportResolver,
) -> Result<Exports, ExtractError> {
    let tree = parse(source, dialect)?;
    let model = Model::build(tree.root_node(), source, resolver);
    Ok(model.exports())
}
