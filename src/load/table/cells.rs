//! Cutting table text into records and cells: the delimiter, quoted cells (`"a, b"`,
//! `""` for a quote inside one), line ends (`\n` or `\r\n`), and the two ways a quote
//! can be broken — never closed, or followed by text before the next delimiter — each
//! reported at its byte offset so the caller can name the line and column.

use std::borrow::Cow;

/// How a table writes its cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dialect {
    /// Between cells: `,`, `\t`, `;` or `|`.
    pub delimiter: u8,
    /// Whether `"` opens a quoted cell (CSV); TSV files such as GDELT's do not quote.
    pub quoting: bool,
}

impl Dialect {
    /// The delimiter as a word, for messages.
    pub fn name(self) -> &'static str {
        match self.delimiter {
            b'\t' => "tab-separated",
            b';' => "semicolon-separated",
            b'|' => "bar-separated",
            _ => "comma-separated",
        }
    }
}

/// A broken quote, at a byte offset of the text being read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteError {
    /// The quote opened at this offset is never closed.
    Unclosed(usize),
    /// Text follows the closing quote at this offset (before the next delimiter).
    TextAfter(usize),
}

impl QuoteError {
    /// Where it is.
    pub fn offset(self) -> usize {
        match self {
            Self::Unclosed(at) | Self::TextAfter(at) => at,
        }
    }

    /// What is wrong, and how to fix it.
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Self::Unclosed(_) => (
                "a quoted cell is never closed: the quote opened here has no closing quote",
                "close the quote, or write a quote inside a quoted cell as \"\" (two quotes)",
            ),
            Self::TextAfter(_) => (
                "text follows the closing quote of a quoted cell",
                "put the whole cell in quotes and write each quote inside it as \"\" (two quotes), e.g. \"He said \"\"no\"\"\"",
            ),
        }
    }
}

/// `s.trim()`, sooner for the usual cell, which neither starts nor ends with white space
/// (an ASCII letter, digit or mark at both ends is no white space; anything else is
/// left to `trim`).
pub fn trim(s: &str) -> &str {
    let solid = |b: u8| b > b' ' && b < 0x80;
    match s.as_bytes() {
        [] => s,
        [first, .., last] if solid(*first) && solid(*last) => s,
        [only] if solid(*only) => s,
        _ => s.trim(),
    }
}

/// One record read from a text.
#[derive(Debug, Default)]
pub struct Record {
    /// Byte offset just past the record (past its line end).
    pub end: usize,
    /// Line ends inside quoted cells of the record (so the next record starts this many
    /// lines further down, plus one).
    pub inner_lines: usize,
}

/// Reads the record starting at `pos` of `text` into `cells` (cleared first). `None` at
/// the end of the text.
pub fn next_record<'t>(
    dialect: Dialect,
    text: &'t str,
    pos: usize,
    cells: &mut Vec<Cow<'t, str>>,
) -> Result<Option<Record>, QuoteError> {
    cells.clear();
    let bytes = text.as_bytes();
    if pos >= bytes.len() {
        return Ok(None);
    }
    // Most lines hold no quote: cut them at the delimiter alone.
    let line_end = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
    if !dialect.quoting || memchr::memchr(b'"', &bytes[pos..line_end]).is_none() {
        let line = &text[pos..line_end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut start = 0;
        for i in memchr::memchr_iter(dialect.delimiter, line.as_bytes()) {
            cells.push(Cow::Borrowed(&line[start..i]));
            start = i + 1;
        }
        cells.push(Cow::Borrowed(&line[start..]));
        return Ok(Some(Record {
            end: (line_end + 1).min(bytes.len()),
            inner_lines: 0,
        }));
    }
    let mut at = pos;
    let mut inner_lines = 0;
    loop {
        if dialect.quoting && bytes.get(at) == Some(&b'"') {
            let open = at;
            let mut search = at + 1;
            let close = loop {
                let Some(q) = memchr::memchr(b'"', &bytes[search..]) else {
                    return Err(QuoteError::Unclosed(open));
                };
                let q = search + q;
                if bytes.get(q + 1) == Some(&b'"') {
                    search = q + 2;
                } else {
                    break q;
                }
            };
            let inside = &text[open + 1..close];
            // Most quoted cells hold no line end; finding none costs less than counting.
            if memchr::memchr(b'\n', inside.as_bytes()).is_some() {
                inner_lines += memchr::memchr_iter(b'\n', inside.as_bytes()).count();
            }
            cells.push(if inside.contains("\"\"") {
                Cow::Owned(inside.replace("\"\"", "\""))
            } else {
                Cow::Borrowed(inside)
            });
            at = close + 1;
            match bytes.get(at) {
                None => {
                    return Ok(Some(Record {
                        end: at,
                        inner_lines,
                    }));
                }
                Some(&b) if b == dialect.delimiter => at += 1,
                Some(b'\n') => {
                    return Ok(Some(Record {
                        end: at + 1,
                        inner_lines,
                    }));
                }
                Some(b'\r') if matches!(bytes.get(at + 1), Some(b'\n') | None) => {
                    return Ok(Some(Record {
                        end: (at + 2).min(bytes.len()),
                        inner_lines,
                    }));
                }
                Some(_) => return Err(QuoteError::TextAfter(at)),
            }
        } else {
            let stop = memchr::memchr2(dialect.delimiter, b'\n', &bytes[at..]).map(|i| at + i);
            match stop {
                Some(s) if bytes[s] == dialect.delimiter => {
                    cells.push(Cow::Borrowed(&text[at..s]));
                    at = s + 1;
                }
                Some(s) => {
                    let cell = text[at..s].strip_suffix('\r').unwrap_or(&text[at..s]);
                    cells.push(Cow::Borrowed(cell));
                    return Ok(Some(Record {
                        end: s + 1,
                        inner_lines,
                    }));
                }
                None => {
                    let cell = text[at..].strip_suffix('\r').unwrap_or(&text[at..]);
                    cells.push(Cow::Borrowed(cell));
                    return Ok(Some(Record {
                        end: bytes.len(),
                        inner_lines,
                    }));
                }
            }
        }
    }
}

/// Just past the last whole record in `bytes` (after its line end), if there is one:
/// the place to cut a chunk so that no record is split. With quoting, a line end inside
/// a quoted cell is not a record's end; the count of quotes before it tells (each `""`
/// adds two).
pub fn last_record_end(bytes: &[u8], quoting: bool) -> Option<usize> {
    let mut newline = memchr::memrchr(b'\n', bytes)?;
    if !quoting {
        return Some(newline + 1);
    }
    let mut quotes_before = memchr::memchr_iter(b'"', &bytes[..newline]).count();
    loop {
        if quotes_before.is_multiple_of(2) {
            return Some(newline + 1);
        }
        let previous = memchr::memrchr(b'\n', &bytes[..newline])?;
        quotes_before -= memchr::memchr_iter(b'"', &bytes[previous..newline]).count();
        newline = previous;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: Dialect = Dialect {
        delimiter: b',',
        quoting: true,
    };
    const TSV: Dialect = Dialect {
        delimiter: b'\t',
        quoting: false,
    };

    fn records(dialect: Dialect, text: &str) -> Result<Vec<Vec<String>>, QuoteError> {
        let mut out = Vec::new();
        let mut cells = Vec::new();
        let mut pos = 0;
        while let Some(r) = next_record(dialect, text, pos, &mut cells)? {
            out.push(cells.iter().map(|c| c.to_string()).collect());
            pos = r.end;
        }
        Ok(out)
    }

    proptest::proptest! {
        /// The quick trim keeps what `str::trim` keeps, Unicode white space included
        /// (a no-break space, an ideographic space, a line separator at either end).
        #[test]
        fn trim_is_str_trim(s in "[ \t\r\na-z,.\u{a0}\u{3000}\u{2028}\u{85}é\u{1f}\u{7f}]{0,12}") {
            proptest::prop_assert_eq!(trim(&s), s.trim());
        }
    }

    #[test]
    fn quoted_cells_keep_their_commas_quotes_and_line_ends() {
        let text = "date,title\r\n2024-11-07,\"Call, reported\"\n2024-11-08,\"He said \"\"no\"\"\"\n\"a\nb\",c";
        let r = records(CSV, text).unwrap();
        assert_eq!(
            r,
            vec![
                vec!["date", "title"],
                vec!["2024-11-07", "Call, reported"],
                vec!["2024-11-08", "He said \"no\""],
                vec!["a\nb", "c"],
            ]
        );
        let mut cells = Vec::new();
        let third = "\"a\nb\",c";
        let rec = next_record(CSV, third, 0, &mut cells).unwrap().unwrap();
        assert_eq!(rec.inner_lines, 1);
        assert_eq!(records(CSV, "a,,\n").unwrap(), vec![vec!["a", "", ""]]);
        assert_eq!(
            records(TSV, "a\t\"b\tc\n").unwrap(),
            vec![vec!["a", "\"b", "c"]]
        );
    }

    #[test]
    fn broken_quotes_are_found_where_they_are() {
        assert_eq!(
            records(CSV, "a,b\nc,\"never closed\nd,e\n"),
            Err(QuoteError::Unclosed(6))
        );
        assert_eq!(records(CSV, "a,\"b\"c,d\n"), Err(QuoteError::TextAfter(5)));
    }

    #[test]
    fn chunks_end_after_whole_records_only() {
        assert_eq!(last_record_end(b"a,b\nc,d\ne", true), Some(8));
        assert_eq!(last_record_end(b"a,\"b\nc\",d\ne,\"f\ng", true), Some(10));
        assert_eq!(last_record_end(b"a,\"b\nc", true), None);
        assert_eq!(last_record_end(b"no line end", false), None);
        assert_eq!(last_record_end(b"a\"\tb\nc", false), Some(5));
    }
}
