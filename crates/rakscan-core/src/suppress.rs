//! Suppression comments, read from the raw text so they work in every language and in files
//! that are not parsed:
//!
//! - `rakscan: ignore` or `rakscan: ignore[rule-id, …]` in a comment silences findings on the
//!   same line, or on the next line when the comment stands alone on its line;
//! - `rakscan: ignore-file` or `rakscan: ignore-file[rule-id, …]` silences the whole file.
//!
//! A suppression that silences nothing is reported, so stale ones do not pile up.

use crate::finding::Finding;

/// Text that starts a comment in the languages rakscan reads.
const COMMENT_LEADERS: [&str; 6] = ["#", "//", "/*", "--", "<!--", ";"];

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// 1-based line of the comment.
    pub line: usize,
    /// 1-based column of the marker.
    pub column: usize,
    /// The line whose findings it silences (`None` for the whole file).
    pub target_line: Option<usize>,
    /// Rule ids it names; empty means every rule.
    pub rules: Vec<String>,
}

impl Suppression {
    fn covers(&self, finding: &Finding) -> bool {
        let line_matches = self
            .target_line
            .is_none_or(|l| l == finding.location().line);
        line_matches && (self.rules.is_empty() || self.rules.iter().any(|r| r == finding.rule().id))
    }
}

/// Finds the suppression comments of a file.
pub fn parse(source: &str) -> Vec<Suppression> {
    if !source.contains("rakscan:") {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (index, text) in source.lines().enumerate() {
        let Some(at) = text.find("rakscan:") else {
            continue;
        };
        let before = &text[..at];
        let Some(leader) = COMMENT_LEADERS.iter().filter_map(|l| before.find(l)).min() else {
            continue;
        };
        let rest = text[at + "rakscan:".len()..].trim_start();
        let (whole_file, rest) = if let Some(r) = rest.strip_prefix("ignore-file") {
            (true, r)
        } else if let Some(r) = rest.strip_prefix("ignore") {
            (false, r)
        } else {
            continue;
        };
        let rules = match rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
            Some((list, _)) => list
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            None => Vec::new(),
        };
        let line = index + 1;
        let alone = before[..leader].trim().is_empty();
        found.push(Suppression {
            line,
            column: before.chars().count() + 1,
            target_line: if whole_file {
                None
            } else if alone {
                Some(line + 1)
            } else {
                Some(line)
            },
            rules,
        });
    }
    found
}

/// Removes the findings the suppressions cover and returns the suppressions that covered none.
pub fn apply(findings: &mut Vec<Finding>, suppressions: &[Suppression]) -> Vec<Suppression> {
    if suppressions.is_empty() {
        return Vec::new();
    }
    let mut used = vec![false; suppressions.len()];
    findings.retain(|finding| {
        let mut keep = true;
        for (i, s) in suppressions.iter().enumerate() {
            if s.covers(finding) {
                used[i] = true;
                keep = false;
            }
        }
        keep
    });
    suppressions
        .iter()
        .zip(used)
        .filter(|(_, u)| !u)
        .map(|(s, _)| s.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_in_comments_of_any_syntax() {
        let src = "x = 1  # rakscan: ignore\n// rakscan: ignore[stripe-api-call, stripe-unresolved-call]\ny()\n/* rakscan: ignore-file[stripe-api-call] */\ns = \"rakscan: ignore\"\n";
        let found = parse(src);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].target_line, Some(1));
        assert!(found[0].rules.is_empty());
        assert_eq!(found[1].target_line, Some(3));
        assert_eq!(
            found[1].rules,
            ["stripe-api-call", "stripe-unresolved-call"]
        );
        assert_eq!(found[2].target_line, None);
    }

    #[test]
    fn other_words_after_the_prefix_are_not_markers() {
        assert!(
            parse("# rakscan: ignored by design\n# rakscan: allow\n")
                .iter()
                .all(|s| s.target_line.is_some())
        );
        assert!(parse("# rakscan: please\n").is_empty());
    }
}
