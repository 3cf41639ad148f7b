//! Source files saved as UTF-16 (Windows editors and Visual Studio do so), read as UTF-8.

/// The text of a file that starts with a UTF-16 byte-order mark, as UTF-8 without the mark;
/// `None` for any other bytes, or UTF-16 that does not decode (an odd length, a lone
/// surrogate), which are then read as they are.
pub fn utf16_as_utf8(bytes: &[u8]) -> Option<Vec<u8>> {
    let (little_endian, body) = match bytes {
        [0xFF, 0xFE, body @ ..] => (true, body),
        [0xFE, 0xFF, body @ ..] => (false, body),
        _ => return None,
    };
    if body.len() % 2 != 0 {
        return None;
    }
    let units = body.chunks_exact(2).map(|pair| match little_endian {
        true => u16::from_le_bytes([pair[0], pair[1]]),
        false => u16::from_be_bytes([pair[0], pair[1]]),
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
        .map(String::into_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str, little_endian: bool) -> Vec<u8> {
        let mark: [u8; 2] = if little_endian {
            [0xFF, 0xFE]
        } else {
            [0xFE, 0xFF]
        };
        let units = text.encode_utf16().flat_map(|u| match little_endian {
            true => u.to_le_bytes(),
            false => u.to_be_bytes(),
        });
        mark.into_iter().chain(units).collect()
    }

    #[test]
    fn utf16_with_a_mark_reads_as_utf8_and_anything_else_does_not() {
        let text = "import stripe\n# café, 😀\nstripe.Customer.create()\n";
        for little_endian in [true, false] {
            let decoded = utf16_as_utf8(&encode(text, little_endian));
            assert_eq!(decoded.as_deref(), Some(text.as_bytes()));
        }
        assert_eq!(utf16_as_utf8(&encode("", true)).as_deref(), Some(&b""[..]));
        // No mark, an odd length, a lone surrogate: not UTF-16 text.
        assert_eq!(utf16_as_utf8(text.as_bytes()), None);
        assert_eq!(utf16_as_utf8(&[0xFF, 0xFE, b'a']), None);
        assert_eq!(utf16_as_utf8(&[0xFF, 0xFE, 0x00, 0xD8]), None);
    }
}
