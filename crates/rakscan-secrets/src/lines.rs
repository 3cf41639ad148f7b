//! Lines and columns of byte offsets that arrive in increasing order, in linear time even on
//! a single huge line (minified files).

use crate::allow::line_is_allowed;

/// Where a byte offset is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Offset of the first byte of the line.
    pub line_start: usize,
    /// Whether the line carries the `rakscan:allow` marker.
    pub allowed: bool,
}

/// Walks a file's bytes forward, one offset at a time.
#[derive(Debug, Default)]
pub struct LineCursor {
    /// Offset up to which newlines have been counted.
    counted_to: usize,
    /// Newlines before `counted_to`.
    newlines: usize,
    /// The line of the last offset asked for.
    current: Option<CurrentLine>,
}

/// The line of the last offset, with its column counted so far.
#[derive(Debug)]
struct CurrentLine {
    start: usize,
    /// Offset just past the line's last byte (its `\n`, or the end of the file).
    end: usize,
    allowed: bool,
    /// Characters counted from `start` up to `counted_to`.
    chars: usize,
    counted_to: usize,
}

impl LineCursor {
    /// The position of `offset`, which must not be before an offset asked for earlier.
    pub fn locate(&mut self, bytes: &[u8], offset: usize) -> Position {
        self.newlines += memchr::memchr_iter(b'\n', &bytes[self.counted_to..offset]).count();
        self.counted_to = offset;
        let current = match &mut self.current {
            Some(line) if offset < line.end => line,
            slot => slot.insert(CurrentLine::containing(bytes, offset)),
        };
        current.chars += count_chars(&bytes[current.counted_to..offset]);
        current.counted_to = offset;
        Position {
            line: self.newlines + 1,
            column: current.chars + 1,
            line_start: current.start,
            allowed: current.allowed,
        }
    }
}

impl CurrentLine {
    fn containing(bytes: &[u8], offset: usize) -> Self {
        let start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[offset..]).map_or(bytes.len(), |i| offset + i);
        CurrentLine {
            start,
            end,
            allowed: line_is_allowed(&bytes[start..end]),
            chars: 0,
            counted_to: start,
        }
    }
}

/// Characters in some bytes: every byte that does not continue a UTF-8 sequence counts one,
/// so invalid UTF-8 still gives a sensible column.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_on_and_across_lines() {
        let text = "ab\r\nc\u{e9}d x\n\nlast rakscan:allow".as_bytes();
        let mut cursor = LineCursor::default();
        let at = |c: &mut LineCursor, needle: &str| {
            let offset = memchr::memmem::find(text, needle.as_bytes()).unwrap();
            let p = c.locate(text, offset);
            (p.line, p.column, p.allowed)
        };
        assert_eq!(at(&mut cursor, "b"), (1, 2, false));
        assert_eq!(at(&mut cursor, "c"), (2, 1, false));
        assert_eq!(at(&mut cursor, "d"), (2, 3, false));
        assert_eq!(at(&mut cursor, "x"), (2, 5, false));
        assert_eq!(at(&mut cursor, "last"), (4, 1, true));
        assert_eq!(at(&mut cursor, "allow"), (4, 14, true));
    }
}
