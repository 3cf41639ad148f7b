//! rakscan's secret pass: hard-coded Stripe keys in the raw bytes of any text file.
//!
//! Parser-free: [`scan()`] takes the bytes of one file (any encoding) and returns the real-shaped
//! keys in it as [`SecretFinding`]s, each with its [`SecretType`], [`Severity`], 1-based line
//! and column, a redacted form and a content fingerprint. The patterns are one table,
//! [`patterns::PATTERNS`], whose module documentation gives the key formats and their sources.
//!
//! * Placeholders, masks and fill text (`sk_test_xxx…`, `sk_live_...`, `sk_live_****abcd`,
//!   bare prefixes, counting sequences, low entropy) are not findings.
//! * Stripe's publicly documented sample test keys are findings at [`Severity::Info`] with
//!   [`SAMPLE_KEY_REASON`].
//! * Publishable keys (`pk_…`) are not secrets and are never reported.
//! * A key passed straight to the SDK carries an [`SdkContext`] and a hint.
//! * A `rakscan:allow` marker on the key's line accepts it, in any comment syntax.
//! * A [`Baseline`] accepts known keys by content (rule, path, fingerprint, occurrence).
//!
//! Nothing here prints a full key by accident: `Debug` and `Serialize` of a finding leave the
//! key out; [`SecretFinding::expose_secret`] (or [`SecretFinding::shown`]
//! with `--show-secrets`) is the one way to it.

mod allow;
pub mod baseline;
pub mod context;
pub mod fake;
pub mod finding;
mod lines;
pub mod patterns;
mod placeholder;
pub mod redact;
mod samples;
pub mod scan;

pub use baseline::{Baseline, BaselineEntry, BaselineError};
pub use context::{SdkContext, SdkUse};
pub use finding::{SecretFinding, SecretType, Severity};
pub use redact::{fingerprint, redact};
pub use samples::SAMPLE_KEY_REASON;
pub use scan::{FileScan, scan};
