//! A progress bar on standard error for long scans, drawn only on a person's terminal (see
//! [`crate::term::stderr_interactive`]) and only once a scan has run for a moment, so short
//! scans print nothing. The bar is erased when the scan ends.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a scan runs before the bar appears.
const DELAY: Duration = Duration::from_millis(400);
/// How often the bar is redrawn.
const TICK: Duration = Duration::from_millis(100);
const WIDTH: usize = 30;

/// A running progress bar; dropping it erases the bar.
pub struct Progress {
    shared: Arc<Shared>,
    drawer: Option<JoinHandle<()>>,
}

struct Shared {
    done: AtomicUsize,
    /// Files found so far: the walk runs while files are scanned, so the total grows.
    total: AtomicUsize,
    finished: AtomicBool,
}

impl Progress {
    /// Starts a bar, or `None` when standard error is not interactive.
    pub fn start() -> Option<Progress> {
        if !crate::term::stderr_interactive() {
            return None;
        }
        let shared = Arc::new(Shared {
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
            finished: AtomicBool::new(false),
        });
        let drawer = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || draw_until_finished(&shared))
        };
        Some(Progress {
            shared,
            drawer: Some(drawer),
        })
    }

    /// Counts one more file found.
    pub fn found(&self) {
        self.shared.total.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one more file done.
    pub fn advance(&self) {
        self.shared.done.fetch_add(1, Ordering::Relaxed);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.shared.finished.store(true, Ordering::Relaxed);
        if let Some(drawer) = self.drawer.take() {
            let _ = drawer.join();
        }
    }
}

fn draw_until_finished(shared: &Shared) {
    let started = Instant::now();
    let mut drawn = false;
    while !shared.finished.load(Ordering::Relaxed) {
        std::thread::sleep(TICK);
        if started.elapsed() < DELAY {
            continue;
        }
        let line = bar(
            shared.done.load(Ordering::Relaxed),
            shared.total.load(Ordering::Relaxed),
        );
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{line}");
        let _ = err.flush();
        drawn = true;
    }
    if drawn {
        // Erase the bar so the next line starts clean.
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
    }
}

/// `[#########---------] 123/456 files`
fn bar(done: usize, total: usize) -> String {
    let filled = (done.min(total) * WIDTH)
        .checked_div(total)
        .unwrap_or(WIDTH);
    format!(
        "rakscan [{}{}] {done}/{total} files",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled)
    )
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn bar_fills_in_proportion() {
        assert_eq!(bar(0, 4), format!("rakscan [{}] 0/4 files", "-".repeat(30)));
        assert!(bar(2, 4).starts_with(&format!("rakscan [{}{}]", "#".repeat(15), "-".repeat(15))));
        assert!(bar(4, 4).contains(&"#".repeat(30)));
    }
}
