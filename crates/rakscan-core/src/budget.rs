//! The time budget of the file being analysed on this thread. The scan starts one per file;
//! extractors poll [`expired`] while parsing (tree-sitter's progress callback) and give up
//! with [`ExtractError::ParseFailed`](crate::ExtractError::ParseFailed) when it is spent.

use std::cell::Cell;
use std::time::{Duration, Instant};

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// A running budget; the limit is lifted when it drops.
#[must_use = "the budget ends when this value drops"]
pub struct Budget(());

impl Drop for Budget {
    fn drop(&mut self) {
        DEADLINE.with(|d| d.set(None));
    }
}

/// Gives the work on this thread `limit` from now (`None`: no limit) until the result drops.
pub fn start(limit: Option<Duration>) -> Budget {
    let now = Instant::now();
    DEADLINE.with(|d| d.set(limit.and_then(|l| now.checked_add(l))));
    Budget(())
}

/// Whether the budget of this thread is spent (never, when none is running).
pub fn expired() -> bool {
    DEADLINE.with(|d| d.get().is_some_and(|deadline| Instant::now() >= deadline))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_expires_and_its_end_lifts_the_limit() {
        assert!(!expired());
        let budget = start(Some(Duration::ZERO));
        assert!(expired());
        drop(budget);
        assert!(!expired());
        let _generous = start(Some(Duration::from_secs(3600)));
        assert!(!expired());
    }
}
