//! Writing large JSON documents straight to their destination, without first building the
//! whole document as a `serde_json::Value` (which costs several times the output's size).
//!
//! Each element of a long array is turned into a `Value` on its own and written at once, so
//! objects keep the key order every JSON output has always had (sorted, as `Value` maps are),
//! and memory stays at one element's worth whatever the number of findings.

use serde::Serialize;
use serde::ser::{Error as _, SerializeSeq, Serializer};
use std::io::Write;

/// An array written element by element, each element passed through `serde_json::Value`.
pub struct EachAsValue<'a, T>(pub &'a [T]);

impl<T: Serialize> Serialize for EachAsValue<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            let value = serde_json::to_value(item).map_err(S::Error::custom)?;
            seq.serialize_element(&value)?;
        }
        seq.end()
    }
}

/// Writes `document` as pretty-printed JSON followed by a newline.
pub fn write_pretty(out: &mut dyn Write, document: &impl Serialize) -> std::io::Result<()> {
    let mut serializer = serde_json::Serializer::pretty(&mut *out);
    document
        .serialize(&mut serializer)
        .map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Serialize)]
    struct Item {
        zeta: u32,
        alpha: &'static str,
    }

    #[test]
    fn streamed_output_is_the_same_as_a_value_tree_printed_whole() {
        let items = [
            Item {
                zeta: 1,
                alpha: "a",
            },
            Item {
                zeta: 2,
                alpha: "b",
            },
        ];
        #[derive(Serialize)]
        struct Document<'a> {
            items: EachAsValue<'a, Item>,
            total: usize,
        }
        let mut streamed = Vec::new();
        let document = Document {
            items: EachAsValue(&items),
            total: 2,
        };
        write_pretty(&mut streamed, &document).unwrap();
        let whole = json!({ "items": items, "total": 2 });
        let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
        assert_eq!(String::from_utf8(streamed).unwrap(), expected);
    }

    #[test]
    fn an_empty_array_is_written_as_in_a_value_tree() {
        let items: [Item; 0] = [];
        let mut streamed = Vec::new();
        write_pretty(&mut streamed, &EachAsValue(&items)).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), "[]\n");
    }
}
