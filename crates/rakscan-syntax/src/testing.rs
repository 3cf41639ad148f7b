//! For the language crates' tests.

use std::path::Path;

/// The text of every `.{extension}` file below the repository's `fixtures/{language}`,
/// in path order.
pub fn fixture_sources(language: &str, extension: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(language);
    let mut dirs = vec![root];
    let mut paths = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("the fixtures are there") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
        .iter()
        .map(|path| std::fs::read_to_string(path).expect("a text file"))
        .collect()
}
