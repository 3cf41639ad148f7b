//! Byte searches that let a pass skip text without what it looks for.

use std::sync::LazyLock;
use tree_sitter::Node;

/// Whether a source mentions Stripe at all (any case). The source is folded to lower case a
/// block at a time (`| 0x20` maps exactly the two cases of an ASCII letter to the lower one,
/// and no other byte to a lower-case letter) and each block searched for `stripe`; blocks
/// overlap by the word's length less one, so no occurrence is cut.
pub fn mentions_stripe(source: &str) -> bool {
    const WORD: &[u8] = b"stripe";
    const BLOCK: usize = 4096;
    static FINDER: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(WORD));
    let bytes = source.as_bytes();
    let mut folded = [0u8; BLOCK];
    let mut start = 0;
    loop {
        let end = (start + BLOCK).min(bytes.len());
        let block = &mut folded[..end - start];
        for (f, b) in block.iter_mut().zip(&bytes[start..end]) {
            *f = b | 0x20;
        }
        if FINDER.find(block).is_some() {
            return true;
        }
        if end == bytes.len() {
            return false;
        }
        start = end - (WORD.len() - 1);
    }
}

/// Where some keywords occur in a source, to tell which subtrees may hold a node whose syntax
/// includes one of them (a Go `struct` type, a Java `class` declaration): a walk looking only
/// for such nodes skips the other subtrees. The source is searched once; each question is a
/// look-up among the few occurrences.
pub struct Mentions {
    /// The byte ranges of the occurrences, by start.
    pub(crate) spans: Vec<(usize, usize)>,
}

impl Mentions {
    /// Every occurrence of each of `words` in `source` as a whole word (a keyword token is
    /// never next to a letter, digit or `_`: `recordId` holds no `record`), overlapping
    /// ones included.
    pub fn new(source: &str, words: &[&str]) -> Mentions {
        let bytes = source.as_bytes();
        let word_byte =
            |at: Option<&u8>| at.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        let mut spans = Vec::new();
        for word in words.iter().filter(|w| !w.is_empty()) {
            let mut from = 0;
            while let Some(at) = source.get(from..).and_then(|rest| rest.find(word)) {
                let (start, end) = (from + at, from + at + word.len());
                let before = start.checked_sub(1).and_then(|i| bytes.get(i));
                if !word_byte(before) && !word_byte(bytes.get(end)) {
                    spans.push((start, end));
                }
                from = start + 1;
            }
        }
        spans.sort_unstable();
        Mentions { spans }
    }

    /// Whether the subtree of `node` may hold such a node: when its text includes one of the
    /// keywords, or when the parser recovered from an error in it (a recovered tree may hold
    /// such a node with its keyword missing).
    pub fn may_hold(&self, node: Node<'_>) -> bool {
        if node.has_error() {
            return true;
        }
        let (start, end) = (node.start_byte(), node.end_byte());
        let first = self.spans.partition_point(|&(s, _)| s < start);
        self.spans[first..]
            .iter()
            .take_while(|&&(s, _)| s < end)
            .any(|&(_, e)| e <= end)
    }
}
