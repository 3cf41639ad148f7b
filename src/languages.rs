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
    &rakscan_js::JsExtractor,
    &rakscan_rust::RustExtractor::new(),
    &rakscan_csharp::CSharpExtractor,
    &rakscan_go::GoExtractor,
    &rakscan_php::PhpExtractor,
    &rakscan_java::JavaExtractor,
];

/// A registered language with its byte prefilter compiled once.
pub struct Language {
    /// Position in the registry (indexes per-language state such as project contexts).
    pub index: usize,
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
        .enumerate()
        .map(|(index, &extractor)| Language {
            index,
            extractor,
            prefilter: AhoCorasick::new(extractor.markers()).expect("markers are plain strings"),
        })
        .collect()
});

/// Every registered language, in registry order.
pub fn all() -> &'static [Language] {
    &LANGUAGES
}

/// The language that reads this file, by its extension or its whole name (`Rakefile`).
pub fn for_path(path: &Path) -> Option<&'static Language> {
    let name = path.file_name()?.to_str()?;
    let extension = path.extension().and_then(|e| e.to_str());
    LANGUAGES.iter().find(|l| {
        extension.is_some_and(|e| l.extractor.extensions().contains(&e))
            || l.extractor.file_names().contains(&name)
    })
}

/// Whether some language's project context needs this path (see
/// [`Extractor::project_input`]).
pub fn project_input(path: &Path) -> bool {
    LANGUAGES.iter().any(|l| l.extractor.project_input(path))
}
