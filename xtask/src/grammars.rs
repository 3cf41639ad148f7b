//! The tree-sitter grammar of each generated source file kind, for the corpus test and the
//! parse floor.

/// The grammar rakscan parses files with this extension with.
pub fn tree_sitter_grammar(extension: &str) -> Option<tree_sitter::Language> {
    Some(match extension {
        "py" => tree_sitter_python::LANGUAGE.into(),
        "ts" => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
        "js" => tree_sitter_javascript::LANGUAGE.into(),
        "rb" => tree_sitter_ruby::LANGUAGE.into(),
        "go" => tree_sitter_go::LANGUAGE.into(),
        "java" => tree_sitter_java::LANGUAGE.into(),
        "php" => tree_sitter_php::LANGUAGE_PHP.into(),
        "cs" => tree_sitter_c_sharp::LANGUAGE.into(),
        _ => return None,
    })
}
