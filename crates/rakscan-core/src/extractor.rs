//! The interface every language crate implements.

use crate::ir::Extraction;
use std::path::{Path, PathBuf};

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
    /// Whole file names this extractor reads besides its extensions (`Rakefile`, `Gemfile`).
    fn file_names(&self) -> &'static [&'static str] {
        &[]
    }
    /// Byte strings of which at least one must occur in a file before it is parsed
    /// (`stripe`, `Stripe`). Files without any are skipped by the prefilter.
    fn markers(&self) -> &'static [&'static str];
    /// Extracts the candidate Stripe calls of one file. `path` tells the dialect where a
    /// language has several (`.tsx`); the source is already decoded.
    fn extract(&self, path: &Path, source: &str) -> Result<Extraction, ExtractError>;
    /// A context over a whole scanned root, for languages whose clients cross modules
    /// (`import { stripe } from '@/lib/stripe'`). Built once per root from the paths the walk
    /// found for which [`Extractor::project_input`] holds; `None` (the default) extracts files
    /// one by one.
    fn project(&self, _root: &Path, _files: &[PathBuf]) -> Option<Box<dyn ProjectExtractor>> {
        None
    }
    /// Whether [`Extractor::project`] needs this path in its file list. A language with a
    /// project context says yes for its own files (they are extracted once the context is
    /// built) and for the manifests it reads (`package.json`, `Cargo.toml`); the scan keeps
    /// only these paths, not a list of every file.
    fn project_input(&self, _path: &Path) -> bool {
        false
    }
}

/// Extraction with knowledge of the whole project, from [`Extractor::project`].
pub trait ProjectExtractor: Send + Sync {
    /// Whether a file is worth extracting; replaces the byte prefilter (a file may use a client
    /// imported from another module without ever naming Stripe).
    fn wants(&self, path: &Path, source: &str) -> bool;
    /// Extracts one file of the project.
    fn extract(&self, path: &Path, source: &str) -> Result<Extraction, ExtractError>;
}
