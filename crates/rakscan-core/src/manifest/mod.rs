//! The least-privilege restricted-key manifest: what one key needs, with evidence, and the
//! comparison of code with a manifest someone committed.
//!
//! [`needs`] flattens findings into one [`Need`] per (call site, permission); [`Manifest::build`]
//! groups them per permission (a write covering its read twin) with the Dashboard link;
//! [`grants::parse_grants`] reads a committed manifest (the generated form or a hand-written
//! `permissions: [...]` list); [`check::check`] compares needs with grants.

pub mod check;
pub mod dashboard;
pub mod grants;
mod model;
mod needs;

pub use model::{Evidence, Manifest, PermissionEntry, ReviewItem};
pub use needs::{Need, NeedsAndReview, needs};

/// The read twin of a write permission (`customer_write` → `customer_read`).
pub fn read_twin(permission: &str) -> Option<String> {
    permission
        .strip_suffix("_write")
        .map(|stem| format!("{stem}_read"))
}

/// The write twin of a read permission (`customer_read` → `customer_write`).
pub fn write_twin(permission: &str) -> Option<String> {
    permission
        .strip_suffix("_read")
        .map(|stem| format!("{stem}_write"))
}
