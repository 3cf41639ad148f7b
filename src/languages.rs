//! The language registry: one line per supported language in [`EXTRACTORS`]. Adding a language
//! is one crate and one line here.

use aho_corasick::AhoCorasick;
use rakscan_core::Extractor;
use std::path::Path;
use std::sync::LazyLock;

/// Every extractor rakscan runs, in a stable order.
static EXTRACTORS: &[&dyn Extractor] = &[
    &rakscan_python::PythonExtractor,
    &rakscan_ruby::RubyExtractor,
];

/// A registered language with its byte prefilter compiled once.
pub struct Language {
    pub extractor: &'static dyn Extractor,
    prefilter: AhoCorasick,
}

impl Language {
    /// The byte prefilter: a file must contain one of the extractor's markers to be parsed.
    pub fn may_use_stripe(&self, bytes: &[u8]) -> bool {
        self.prefilter.is_match(bytes)
    }
}

static LANGUAGES: LazyLock<Vec<Language>> = LazyLock::new(|| {
    EXTRACTORS
        .iter()
        .map(|&extractor| Language {
            extractor,
            prefilter: AhoCorasick::new(extractor.markers()).expect("markers are plain strings"),
        })
        .collect()
});

/// The language that reads this file, by its extension.
pub fn for_path(path: &Path) -> Option<&'static Language> {
    let extension = path.extension()?.to_str()?;
    LANGUAGES
        .iter()
        .find(|l| l.extractor.extensions().contains(&extension))
}
