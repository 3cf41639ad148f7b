//! rakscan's core: everything that knows about Stripe's API and nothing about parsing.
//!
//! Language crates turn source text into the neutral IR of [`ir`]; [`resolve`] maps each
//! [`ir::SdkCall`] to an API operation and the restricted-key permission it needs, using the
//! [`rules::Rules`] generated from Stripe's data. [`finding`] holds the results every output
//! format is written from.

pub mod budget;
pub mod catalog;
pub mod expand;
pub mod explain;
pub mod extractor;
pub mod finding;
pub mod ir;
pub mod manifest;
pub mod naming;
pub mod resolve;
pub mod rule_ids;
pub mod rules;

pub mod summary;
pub mod suppress;

pub use catalog::Catalog;
pub use extractor::{
    ExtractError, Extractor, Need, ProjectBuilder, ProjectExtractor, build_project,
};
pub use finding::{ApiCall, Finding, Unresolved};
pub use ir::{ApiVersion, CallStyle, Certainty, Extraction, Sdk, SdkCall, Span};
