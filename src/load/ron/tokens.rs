//! RON's tokens as the big-file reader steps over them: white space and comments,
//! strings, raw strings and characters, found by byte scanning (no parse).

/// Skips white space and comments (`// …`, `/* … */`, nested); `None` at an unclosed
/// comment.
pub(super) fn skip_trivia(text: &str, mut pos: usize) -> Option<usize> {
    let b = text.as_bytes();
    loop {
        while b.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        match (b.get(pos), b.get(pos + 1)) {
            (Some(b'/'), Some(b'/')) => {
                pos = memchr::memchr(b'\n', &b[pos..]).map_or(b.len(), |i| pos + i + 1);
            }
            (Some(b'/'), Some(b'*')) => {
                let mut depth = 0usize;
                loop {
                    match (b.get(pos), b.get(pos + 1)) {
                        (Some(b'/'), Some(b'*')) => {
                            depth += 1;
                            pos += 2;
                        }
                        (Some(b'*'), Some(b'/')) => {
                            depth -= 1;
                            pos += 2;
                            if depth == 0 {
                                break;
                            }
                        }
                        (Some(_), _) => pos += 1,
                        (None, _) => return None,
                    }
                }
            }
            _ => return Some(pos),
        }
    }
}

/// After a `"…"` string whose text starts at `pos`.
pub(super) fn string_end(b: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        let i = memchr::memchr2(b'"', b'\\', b.get(pos..)?)?;
        pos += i;
        if b[pos] == b'\\' {
            pos += 2;
        } else {
            return Some(pos + 1);
        }
    }
}

/// After a raw string `r#"…"#` starting at `pos` (the `r`).
pub(super) fn raw_string_end(b: &[u8], pos: usize) -> Option<usize> {
    let hashes = b[pos + 1..].iter().take_while(|&&c| c == b'#').count();
    let open = pos + 1 + hashes;
    if b.get(open) != Some(&b'"') {
        return Some(pos + 1);
    }
    let mut at = open + 1;
    loop {
        let i = memchr::memchr(b'"', b.get(at..)?)?;
        at += i + 1;
        if b.get(at..at + hashes)?.iter().all(|&c| c == b'#') {
            return Some(at + hashes);
        }
    }
}

/// After a character literal whose content starts at `pos` (`'a'`, `'\''`); a lone
/// `'` is passed over.
pub(super) fn char_end(b: &[u8], pos: usize) -> Option<usize> {
    let len = if b.get(pos) == Some(&b'\\') { 2 } else { 1 };
    let mut at = pos + len;
    // A multi-byte character: to the next quote within four bytes.
    while at < b.len() && at < pos + 5 && b[at] != b'\'' {
        at += 1;
    }
    Some(if b.get(at) == Some(&b'\'') {
        at + 1
    } else {
        pos
    })
}

/// What [`next`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Token {
    /// `(`, `[` or `{`.
    Open,
    /// `)`, `]` or `}`: which.
    Close(u8),
    /// A run of letters, digits and `_` (a field name, a variant, a number's digits).
    Word,
    /// A string, raw string or character, or any other byte.
    Other,
}

/// The token at or after `pos` (white space and comments skipped): what it is, where it
/// starts and where it ends; `None` at the end of the text, or in an unclosed string or
/// comment.
pub(super) fn next(text: &str, pos: usize) -> Option<(Token, usize, usize)> {
    let b = text.as_bytes();
    let start = skip_trivia(text, pos)?;
    let (token, end) = match *b.get(start)? {
        b'"' => (Token::Other, string_end(b, start + 1)?),
        b'r' if matches!(b.get(start + 1), Some(b'"' | b'#')) => {
            (Token::Other, raw_string_end(b, start)?)
        }
        b'\'' => (Token::Other, char_end(b, start + 1)?),
        b'(' | b'[' | b'{' => (Token::Open, start + 1),
        c @ (b')' | b']' | b'}') => (Token::Close(c), start + 1),
        c if c.is_ascii_alphanumeric() || c == b'_' => {
            let len = b[start..]
                .iter()
                .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                .unwrap_or(b.len() - start);
            (Token::Word, start + len)
        }
        _ => (Token::Other, start + 1),
    };
    Some((token, start, end))
}
