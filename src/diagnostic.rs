//! Errors that point into a file (a manifest, `.rakscan.yaml`), rendered by miette with the
//! offending line.

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, NamedSource, SourceSpan};

/// An error at a place in a file the user wrote.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
pub struct SourceError {
    message: String,
    #[source_code]
    source_code: NamedSource<String>,
    #[label("{label}")]
    span: Option<SourceSpan>,
    label: String,
    #[help]
    help: Option<String>,
}

impl SourceError {
    /// An error in `text` (shown as `name`) at byte `offset`, underlining `len` bytes.
    pub fn new(
        name: &str,
        text: &str,
        offset: Option<usize>,
        len: usize,
        message: String,
        help: Option<String>,
    ) -> SourceError {
        let span = offset.map(|o| {
            let start = floor_char_boundary(text, o.min(text.len()));
            let end = floor_char_boundary(text, (start + len.max(1)).min(text.len()));
            SourceSpan::from(start..end.max(start))
        });
        let label = match offset {
            Some(o) => {
                let line = text[..floor_char_boundary(text, o.min(text.len()))]
                    .matches('\n')
                    .count()
                    + 1;
                format!("line {line}")
            }
            None => String::new(),
        };
        // An error never shows a key: not in the snippet, not quoted in the message.
        let hide = |text: &str| crate::secrets::redacted_text(text.as_bytes());
        SourceError {
            message: hide(&message),
            source_code: NamedSource::new(name, crate::secrets::masked_text(text)),
            span,
            label,
            help: help.as_deref().map(hide),
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Prints an error to standard error: a [`SourceError`] with its snippet, anything else as one
/// line.
pub fn print_error(error: &anyhow::Error) {
    if let Some(located) = error.downcast_ref::<SourceError>()
        && let Some(out) = render(located, crate::term::stderr_color())
    {
        eprint!("rakscan: error:\n{out}");
        return;
    }
    eprintln!("rakscan: error: {error:#}");
}

/// The error with its snippet as [`print_error`] shows it, or `None` if miette cannot draw it.
pub fn render(located: &SourceError, color: bool) -> Option<String> {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut out = String::new();
    GraphicalReportHandler::new_themed(theme)
        .render_report(&mut out, located)
        .ok()?;
    Some(out)
}
