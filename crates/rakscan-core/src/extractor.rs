//! The interface every language crate implements.

use crate::ir::Extraction;

/// A failure that stops one file from being analysed. The scan reports it and goes on.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExtractError {
    #[error("the parser could not be set up: {0}")]
    Parser(String),
    #[error("the parser gave up on this file (too large, too deep or timed out)")]
    ParseFailed,
}

/// Turns one source file into IR. Implementations are cheap to share across threads; parser
/// state that is not `Sync` lives in thread-locals inside the implementation.
pub trait Extractor: Send + Sync {
    /// Stable language name used in output (`python`, `javascript`).
    fn language(&self) -> &'static str;
    /// File-name extensions (without the dot) this extractor reads.
    fn extensions(&self) -> &'static [&'static str];
    /// Byte strings of which at least one must occur in a file before it is parsed
    /// (`stripe`, `Stripe`). Files without any are skipped by the prefilter.
    fn markers(&self) -> &'static [&'static str];
    /// Extracts the candidate Stripe calls of one file.
    fn extract(&self, source: &str) -> Result<Extraction, ExtractError>;
}
