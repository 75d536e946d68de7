//! The first checks on a file's bytes, whatever its format: text, not binary; UTF-8;
//! not empty. A byte-order mark is dropped here, so no reader sees one.

use super::diagnostic::{Diagnostic, LineIndex};

/// Checks that the bytes are UTF-8 text with something in it; returns the text with
/// any byte-order mark removed.
pub fn text_of(bytes: &[u8]) -> Result<&str, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or(&[]);
            let prefix = std::str::from_utf8(valid).unwrap_or("");
            let index = LineIndex::new(prefix);
            let location = index.locate(prefix.len(), prefix.len());
            let bad = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
            let binary = bytes.iter().take(8192).any(|&b| b == 0);
            let message = if binary {
                format!("this is a binary file, not a dataset (byte 0x{bad:02X} is not text)")
            } else {
                format!("the file is not valid UTF-8 text (byte 0x{bad:02X})")
            };
            return Err(Diagnostic::error(message)
                .with_help(
                    "Claimline opens UTF-8 text files (RON datasets, TimelineJS JSON or CSV; see README.md); if this is one, re-save it as UTF-8",
                )
                .at(Some(location)));
        }
    };
    if text.trim().is_empty() {
        return Err(Diagnostic::error("the file is empty")
            .with_help(
                "a dataset starts with `(` and holds `schema: 1`, a `title` and its `events`; see the example in README.md",
            )
            .at(Some(LineIndex::new(text).locate(0, 0))));
    }
    if text.bytes().take(8192).any(|b| b == 0) {
        let index = LineIndex::new(text);
        let at = text.bytes().position(|b| b == 0).unwrap_or(0);
        return Err(Diagnostic::error(
            "this is a binary file, not a dataset (it contains NUL bytes)",
        )
        .with_help("open a dataset: a RON file, or a TimelineJS JSON or CSV file (see README.md)")
        .at(Some(index.locate(at, at + 1))));
    }
    Ok(text)
}

/// The head of a file (its first bytes) as text: like [`text_of`], but a character cut
/// at the end of the head is dropped rather than refused.
pub fn head_text(head: &[u8]) -> Result<&str, Diagnostic> {
    match std::str::from_utf8(head) {
        Err(e) if e.error_len().is_none() && e.valid_up_to() + 4 > head.len() => {
            text_of(head.get(..e.valid_up_to()).unwrap_or(&[]))
        }
        _ => text_of(head),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_stripped_and_junk_refused() {
        assert_eq!(text_of(b"\xEF\xBB\xBF(schema: 1)").unwrap(), "(schema: 1)");
        let err = text_of(b"\x00\x01\x02\xFF\xFE").unwrap_err();
        assert!(err.message.contains("binary"), "{}", err.message);
        let err = text_of(b"(title: \"caf\xE9\")").unwrap_err();
        assert!(err.message.contains("not valid UTF-8"), "{}", err.message);
        assert_eq!(err.location.unwrap().col, 13);
        let err = text_of(b"  \n\t ").unwrap_err();
        assert_eq!(err.message, "the file is empty");
    }
}
