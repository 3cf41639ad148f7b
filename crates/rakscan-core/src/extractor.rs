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
    /// Starts the context of one scanned root, for languages whose clients cross modules
    /// (`import { stripe } from '@/lib/stripe'`). The scan shows the builder every file for
    /// which [`Extractor::project_input`] holds, as the walk reads it, then builds the context.
    /// `None` (the default) extracts files one by one.
    fn project(&self, _root: &Path) -> Option<Box<dyn ProjectBuilder>> {
        None
    }
    /// Whether the project context reads this path: the language's own files (they are
    /// extracted once the context is built) and the manifests it learns from (`package.json`,
    /// `Cargo.toml`).
    fn project_input(&self, _path: &Path) -> bool {
        false
    }
}

/// What a file needs from its project's context, told by [`ProjectBuilder::observe`]. A file
/// that matches its language's byte prefilter always waits for the context, whatever this says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Need {
    /// Nothing: no call the context could reveal (a manifest, a file without imports).
    #[default]
    Nothing,
    /// It is extracted once the context is built.
    Context,
    /// The context decides, with these words the file holds (its import specifiers, say).
    Decide(Vec<String>),
}

/// Collects what the files of one root say about their project while the walk reads them;
/// called from several threads.
pub trait ProjectBuilder: Send + Sync {
    /// Learns from one file, and tells what the file may need once the context is built.
    fn observe(&self, path: &Path, source: &str) -> Need;
    /// The context, once every file was observed; `None` when the project gives the
    /// language's files nothing beyond what each says itself.
    fn build(self: Box<Self>) -> Option<Box<dyn ProjectExtractor>>;
}

/// Observes every file of `files` in order and builds the context: the whole project pass
/// at once, for tests and tools that hold the sources.
pub fn build_project(
    extractor: &dyn Extractor,
    root: &Path,
    files: &[(PathBuf, String)],
) -> Option<Box<dyn ProjectExtractor>> {
    let builder = extractor.project(root)?;
    for (path, source) in files {
        builder.observe(path, source);
    }
    builder.build()
}

/// Extraction with knowledge of the whole project, from [`Extractor::project`].
pub trait ProjectExtractor: Send + Sync {
    /// Whether a file that does not name Stripe needs extracting, from the words its
    /// [`Need::Decide`] carried; `None`: read the file again and ask [`ProjectExtractor::wants`].
    fn decide(&self, _path: &Path, _words: &[String]) -> Option<bool> {
        None
    }
    /// Whether a file is worth extracting; replaces the byte prefilter (a file may use a client
    /// imported from another module without ever naming Stripe).
    fn wants(&self, path: &Path, source: &str) -> bool;
    /// Why a file it wants is passed over all the same (a minified bundle), if it is: the
    /// scan reports the file as skipped with this reason instead of reading its calls.
    fn passes_over(&self, _path: &Path, _source: &str) -> Option<String> {
        None
    }
    /// Extracts one file of the project.
    fn extract(&self, path: &Path, source: &str) -> Result<Extraction, ExtractError>;
}
