//! The embedded rules must be complete and consistent (design habit 5: generated tables fail CI
//! when stale or self-contradicting).

use rakscan_core::Catalog;
use rakscan_core::rules::{Provenance, Rules, validate};

#[test]
fn embedded_rules_parse_and_validate() {
    let rules = Rules::embedded().expect("embedded rules parse");
    let problems = validate(&rules);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn rules_cover_the_published_api() {
    let rules = Rules::embedded().unwrap();
    // Figures from ../shared/data/README.md: 566 operations, 747 permission rows, 177 permissions.
    assert_eq!(rules.operations.len(), 566);
    assert_eq!(rules.permissions.len(), 747);
    assert_eq!(rules.permission_groups.len(), 177);
    let count = |p: Provenance| {
        rules
            .permissions
            .iter()
            .filter(|r| r.provenance == p)
            .count()
    };
    assert_eq!(count(Provenance::Reference), 9);
    assert_eq!(count(Provenance::Secondary), 106);
    assert_eq!(count(Provenance::Inferred), 448);
    assert_eq!(count(Provenance::Unknown), 184);
}

#[test]
fn every_operation_has_a_permission_or_a_stated_reason() {
    let catalog = Catalog::embedded().unwrap();
    for (id, op) in catalog.rules().operations.iter().enumerate() {
        let rule = catalog
            .permission_rule(id)
            .unwrap_or_else(|| panic!("{} {} has no rule", op.method, op.path));
        assert!(
            rule.permission.is_some() || !rule.note.is_empty(),
            "{} {}",
            op.method,
            op.path
        );
    }
}

#[test]
fn every_data_spelling_reaches_its_operation() {
    let catalog = Catalog::embedded().unwrap();
    for s in &catalog.rules().spellings {
        if !s.note.is_empty() {
            continue;
        }
        assert!(
            catalog.find_endpoint(&s.method, &s.path).is_some(),
            "{} {} {}",
            s.sdk,
            s.method,
            s.path
        );
    }
}
