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
        SourceError {
            message,
            source_code: NamedSource::new(name, text.to_owned()),
            span,
            label,
            help,
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
    if let Some(located) = error.downcast_ref::<SourceError>() {
        let color = crate::term::stderr_color();
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let mut out = String::new();
        if GraphicalReportHandler::new_themed(theme)
            .render_report(&mut out, located)
            .is_ok()
        {
            eprint!("rakscan: error:\n{out}");
            return;
        }
    }
    eprintln!("rakscan: error: {error:#}");
}
