//! Findings → the permissions they need, one [`Need`] per (call site, permission), and the
//! calls that need a person's review.

use super::model::{Evidence, ReviewItem};
use crate::finding::{ApiCall, Finding};
use crate::ir::Certainty;
use crate::rules::Provenance;

/// One call site's need of one permission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    pub permission: String,
    pub provenance: Provenance,
    /// The rule says the permission cannot authorise Connect calls.
    pub direct_only: bool,
    pub evidence: Evidence,
}

/// Everything a set of findings needs: known permissions, and what a person must look at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NeedsAndReview {
    /// In finding order (path, line, column), then expansion order.
    pub needs: Vec<Need>,
    pub review: Vec<ReviewItem>,
}

/// Flattens findings into needs. Calls with no known permission, unresolved calls and expand
/// paths that cannot be followed go to `review`, never dropped.
pub fn needs<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> NeedsAndReview {
    let mut out = NeedsAndReview::default();
    for finding in findings {
        match finding {
            Finding::ApiCall(call) => add_call(call, &mut out),
            Finding::Unresolved(u) => out.review.push(ReviewItem {
                location: u.location.clone(),
                at: at(&u.location),
                call: u.call.clone(),
                operation: None,
                reason: format!("unresolved: {}", u.reason),
            }),
            Finding::Secret(_) | Finding::UnusedSuppression(_) => {}
        }
    }
    out
}

fn add_call(call: &ApiCall, out: &mut NeedsAndReview) {
    let operation = format!("{} {}", call.method, call.endpoint);
    let evidence = |expand: Option<&str>| Evidence {
        location: call.location.clone(),
        at: at(&call.location),
        call: call.call.clone(),
        operation: operation.clone(),
        expand: expand.map(str::to_owned),
        needs: None,
        connect: call.connect && expand.is_none(),
        likely: call.confidence == Certainty::Likely,
    };
    match &call.permission {
        Some(permission) => out.needs.push(Need {
            permission: permission.clone(),
            provenance: call.provenance,
            direct_only: call.direct_only,
            evidence: evidence(None),
        }),
        None => out.review.push(ReviewItem {
            location: call.location.clone(),
            at: at(&call.location),
            call: call.call.clone(),
            operation: Some(operation.clone()),
            reason: match &call.permission_note {
                Some(note) => format!("no permission name is known for this endpoint ({note})"),
                None => "no permission name is known for this endpoint".to_owned(),
            },
        }),
    }
    for expansion in &call.expansions {
        for read in &expansion.reads {
            match &read.permission {
                Some(permission) => out.needs.push(Need {
                    permission: permission.clone(),
                    provenance: read.provenance,
                    direct_only: false,
                    evidence: evidence(Some(&expansion.expand)),
                }),
                None => out.review.push(ReviewItem {
                    location: call.location.clone(),
                    at: at(&call.location),
                    call: call.call.clone(),
                    operation: Some(operation.clone()),
                    reason: format!(
                        "expand `{}` reads {} objects, whose permission is unknown",
                        expansion.expand, read.object
                    ),
                }),
            }
        }
        if let Some(why) = &expansion.unknown {
            out.review.push(ReviewItem {
                location: call.location.clone(),
                at: at(&call.location),
                call: call.call.clone(),
                operation: Some(operation.clone()),
                reason: format!("expand `{}` cannot be followed: {why}", expansion.expand),
            });
        }
    }
}

fn at(location: &crate::finding::Location) -> String {
    format!("{}:{}", location.path, location.line)
}
