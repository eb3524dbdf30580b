//! Turns the bytes of a source file into text, the way a careful newsroom
//! tool must: UTF-8 (with or without a byte-order mark), UTF-16 with a
//! byte-order mark, and, for text that is not valid UTF-8, Windows-1252 (a
//! superset of Latin-1, which is what most legacy wire copy is in). Binary
//! files and empty files are recognised so the loader can skip them.

/// What a file's bytes turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    /// Text, with a note when it was not plain UTF-8 (shown as a warning).
    Text { text: String, note: Option<String> },
    /// Contains NUL bytes: an image, a PDF, a word-processor file.
    Binary,
    /// Nothing but whitespace.
    Empty,
}

/// How many leading bytes are checked for NUL bytes (as git does).
const BINARY_SNIFF_BYTES: usize = 8000;

pub fn decode(bytes: &[u8]) -> Decoded {
    let decoded = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        match std::str::from_utf8(rest) {
            Ok(text) => Decoded::Text {
                text: text.to_string(),
                note: None,
            },
            Err(e) => windows_1252(rest, e.valid_up_to()),
        }
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes, "UTF-16 (little-endian)")
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes, "UTF-16 (big-endian)")
    } else if bytes[..bytes.len().min(BINARY_SNIFF_BYTES)].contains(&0) {
        return Decoded::Binary;
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => Decoded::Text {
                text: text.to_string(),
                note: None,
            },
            Err(e) => windows_1252(bytes, e.valid_up_to()),
        }
    };
    match decoded {
        Decoded::Text { ref text, .. } if text.trim().is_empty() => Decoded::Empty,
        other => other,
    }
}

/// [`decode`] for bytes the caller owns: plain UTF-8, the usual case,
/// becomes the text without a copy.
pub fn decode_owned(bytes: Vec<u8>) -> Decoded {
    let plain = !bytes.starts_with(b"\xEF\xBB\xBF")
        && !bytes.starts_with(b"\xFF\xFE")
        && !bytes.starts_with(b"\xFE\xFF")
        && !bytes[..bytes.len().min(BINARY_SNIFF_BYTES)].contains(&0);
    if !plain {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) if text.trim().is_empty() => Decoded::Empty,
        Ok(text) => Decoded::Text { text, note: None },
        Err(e) => decode(e.as_bytes()),
    }
}

fn utf16(bytes: &[u8], to_u16: fn([u8; 2]) -> u16, name: &str) -> Decoded {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| to_u16([pair[0], pair[1]]))
        .collect();
    match String::from_utf16(&units) {
        Ok(text) => Decoded::Text {
            text,
            note: Some(format!(
                "read as {name}; save it as UTF-8 to silence this warning"
            )),
        },
        Err(_) => Decoded::Binary,
    }
}

/// The characters Windows-1252 puts at 0x80-0x9F (Latin-1 has control
/// codes there); `None` marks the five unassigned bytes.
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// "line 2, column 5" of byte `at` (1-based; the column counts characters,
/// a bad byte as one), so an editor can jump to it.
fn line_column_of(bytes: &[u8], at: usize) -> String {
    let before = &bytes[..at.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    format!("line {line}, column {column}")
}

fn windows_1252(bytes: &[u8], first_bad: usize) -> Decoded {
    let text: String = bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize].unwrap_or('\u{FFFD}'),
            _ => b as char,
        })
        .collect();
    Decoded::Text {
        text,
        note: Some(format!(
            "not valid UTF-8 (first bad byte at {}, byte offset {first_bad}); read as Windows-1252/Latin-1 — \
             check the accents, and save the file as UTF-8 to silence this warning",
            line_column_of(bytes, first_bad)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(d: Decoded) -> (String, bool) {
        match d {
            Decoded::Text { text, note } => (text, note.is_some()),
            other => panic!("expected text, got {other:?}"),
        }
    }

    #[test]
    fn a_bad_byte_is_placed_at_its_line_and_column() {
        let bytes = b"first line\nab\xe9c\n".to_vec();
        match decode_owned(bytes) {
            Decoded::Text {
                note: Some(note), ..
            } => {
                assert!(
                    note.contains("at line 2, column 3, byte offset 13"),
                    "{note}"
                )
            }
            other => panic!("expected a note, got {other:?}"),
        }
    }

    #[test]
    fn utf8_is_read_as_is() {
        assert_eq!(
            text(decode("Zürich ✓".as_bytes())),
            ("Zürich ✓".to_string(), false)
        );
    }

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(
            text(decode(b"\xEF\xBB\xBFHello")),
            ("Hello".to_string(), false)
        );
    }

    #[test]
    fn utf16_with_bom_is_decoded_with_a_note() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Kyiv é".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(text(decode(&le)), ("Kyiv é".to_string(), true));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Kyiv é".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(text(decode(&be)), ("Kyiv é".to_string(), true));
    }

    #[test]
    fn latin1_is_read_as_windows_1252_with_a_note() {
        assert_eq!(
            text(decode(b"caf\xe9 \x93quoted\x94")),
            ("café “quoted”".to_string(), true)
        );
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(decode(b"%PDF-1.7\x00\x01\x02"), Decoded::Binary);
    }

    #[test]
    fn owned_bytes_decode_as_borrowed_ones_do() {
        let samples: [&[u8]; 7] = [
            b"plain text",
            b"\xEF\xBB\xBFwith a mark",
            b"caf\xe9",
            b"\xFF\xFEh\x00i\x00",
            b"nul\x00inside",
            b"  \n",
            b"",
        ];
        for bytes in samples {
            assert_eq!(decode_owned(bytes.to_vec()), decode(bytes), "{bytes:?}");
        }
    }

    #[test]
    fn blank_files_are_empty() {
        assert_eq!(decode(b""), Decoded::Empty);
        assert_eq!(decode(b"\n\n  \r\n\t\n"), Decoded::Empty);
        assert_eq!(decode(b"\xEF\xBB\xBF\n"), Decoded::Empty);
    }
}
