//! Reading WARC files (ISO 28500, versions 1.0 and 1.1), gzipped or not, as wget
//! `--warc-file`, Heritrix, Browsertrix, warcio and the WACZ packagers write them.
//!
//! Written here rather than taken from the `warc` crate: that reader ends silently at a
//! record whose header is cut off (a truncated capture then looks complete) and reads
//! bodies line by line. This one works on bytes already in memory (captures are capped
//! in size), names the byte where a file is cut or malformed, and never allocates more
//! than the file holds.

use std::io::Read as _;

/// One WARC record: its header fields in file order, its block, and where it starts.
#[derive(Debug, Clone)]
pub struct Record<'a> {
    /// Header fields as written (`WARC-Type`, `WARC-Target-URI`, …).
    pub headers: Vec<(&'a str, &'a str)>,
    /// The record's block (`Content-Length` bytes).
    pub block: &'a [u8],
    /// The record's first byte in the (uncompressed) file.
    pub offset: usize,
}

impl Record<'_> {
    /// A header field's value, its name matched without regard to case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }

    /// `WARC-Type`, lower-cased by the writer's convention ("response", "warcinfo").
    pub fn kind(&self) -> &str {
        self.header("WARC-Type").unwrap_or("")
    }

    /// `WARC-Record-ID` (`<urn:uuid:…>`).
    pub fn id(&self) -> &str {
        self.header("WARC-Record-ID").unwrap_or("")
    }
}

/// What is wrong with a WARC file, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WarcError {
    /// The file does not start a record where one is due.
    #[error(
        "no WARC record starts at byte {offset} (it begins \"{found}\"); the file is not a WARC file, or it is damaged there"
    )]
    NotWarc {
        /// Where a record was due.
        offset: usize,
        /// The first characters there.
        found: String,
    },
    /// The file ends inside a record.
    #[error(
        "the file ends inside the record at byte {offset}{record}: {what}; the capture was cut short (an interrupted download or copy): capture the page again"
    )]
    Truncated {
        /// Where the record starts.
        offset: usize,
        /// The record's id, when its header was read.
        record: String,
        /// What is missing.
        what: String,
    },
    /// A header field cannot be read.
    #[error("the record at byte {offset} has a header it cannot read: {what}")]
    BadHeader {
        /// Where the record starts.
        offset: usize,
        /// What is wrong.
        what: String,
    },
    /// The gzip layer is damaged.
    #[error(
        "the gzip compression is damaged: {0}; the capture was cut short or corrupted: capture the page again"
    )]
    Gzip(String),
    /// Uncompressed, the file is larger than allowed.
    #[error(
        "uncompressed it is larger than {limit} bytes, more than a capture of one page should be (a zip or gzip bomb?); capture just the page"
    )]
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
}

/// Whether `bytes` start a WARC file: "WARC/" uncompressed, or gzip whose first member
/// does.
pub fn is_warc(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"WARC/") {
        return true;
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut head = [0u8; 5];
        let mut decoder = flate2::read::MultiGzDecoder::new(bytes);
        return decoder.read_exact(&mut head).is_ok() && &head == b"WARC/";
    }
    false
}

/// The WARC's bytes uncompressed (every gzip member, as `.warc.gz` files hold one a
/// record), at most `limit` bytes.
pub fn uncompressed(bytes: &[u8], limit: u64) -> Result<std::borrow::Cow<'_, [u8]>, WarcError> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(std::borrow::Cow::Borrowed(bytes));
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| WarcError::Gzip(e.to_string()))?;
    if out.len() as u64 > limit {
        return Err(WarcError::TooLarge { limit });
    }
    Ok(std::borrow::Cow::Owned(out))
}

/// The records of an uncompressed WARC file, in order; stops at the first error.
pub fn records(bytes: &[u8]) -> Records<'_> {
    Records {
        bytes,
        at: 0,
        failed: false,
    }
}

/// The iterator of [`records`].
#[derive(Debug)]
pub struct Records<'a> {
    bytes: &'a [u8],
    at: usize,
    failed: bool,
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Record<'a>, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        // Records are separated by CRLF CRLF; tolerate any run of line ends.
        while let Some(&b) = self.bytes.get(self.at) {
            if b == b'\r' || b == b'\n' {
                self.at += 1;
            } else {
                break;
            }
        }
        if self.at >= self.bytes.len() {
            return None;
        }
        let result = read_record(self.bytes, self.at);
        match &result {
            Ok((_, next)) => self.at = *next,
            Err(_) => self.failed = true,
        }
        Some(result.map(|(record, _)| record))
    }
}

/// The header block's end (after its blank line), from `from`.
fn header_end(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    let rest = bytes.get(from..)?;
    if let Some(i) = memchr::memmem::find(rest, b"\r\n\r\n") {
        return Some((from + i, from + i + 4));
    }
    memchr::memmem::find(rest, b"\n\n").map(|i| (from + i, from + i + 2))
}

fn read_record(bytes: &[u8], offset: usize) -> Result<(Record<'_>, usize), WarcError> {
    let rest = &bytes[offset..];
    if !rest.starts_with(b"WARC/") {
        let found: String = String::from_utf8_lossy(&rest[..rest.len().min(16)])
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        return Err(WarcError::NotWarc { offset, found });
    }
    let Some((head_end, block_start)) = header_end(bytes, offset) else {
        return Err(WarcError::Truncated {
            offset,
            record: String::new(),
            what: "its header has no end".to_owned(),
        });
    };
    let head = std::str::from_utf8(&bytes[offset..head_end]).map_err(|_| WarcError::BadHeader {
        offset,
        what: "it is not UTF-8".to_owned(),
    })?;
    let mut lines = head.split('\n').map(|l| l.trim_end_matches('\r'));
    lines.next(); // WARC/1.x
    let mut headers: Vec<(&str, &str)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            // A folded continuation line: WARC allows it; keep the first line's value.
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(WarcError::BadHeader {
                offset,
                what: format!(
                    "\"{}\" is not a `Name: value` field",
                    crate::english::shorten(line, 40)
                ),
            });
        };
        headers.push((name.trim(), value.trim()));
    }
    let id = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("WARC-Record-ID"))
        .map(|(_, v)| format!(" ({v})"))
        .unwrap_or_default();
    let length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
        .ok_or_else(|| WarcError::BadHeader {
            offset,
            what: format!("the record{id} has no Content-Length"),
        })?
        .1
        .parse::<usize>()
        .map_err(|_| WarcError::BadHeader {
            offset,
            what: format!("the record{id} has a Content-Length that is not a number"),
        })?;
    let available = bytes.len() - block_start;
    if length > available {
        return Err(WarcError::Truncated {
            offset,
            record: id,
            what: format!("its Content-Length is {length} bytes but {available} remain"),
        });
    }
    let block = &bytes[block_start..block_start + length];
    Ok((
        Record {
            headers,
            block,
            offset,
        },
        block_start + length,
    ))
}

/// An HTTP response in a `response` record: status, headers, body (de-chunked and
/// decompressed).
#[derive(Debug, Clone)]
pub struct HttpResponse {
    /// The status code (200).
    pub status: u16,
    /// `Content-Type`, or empty.
    pub content_type: String,
    /// The body as the browser saw it.
    pub body: Vec<u8>,
}

/// Reads the HTTP response a `response` record holds; `limit` caps the decoded body.
pub fn http_response(block: &[u8], limit: u64) -> Result<HttpResponse, String> {
    let Some((head_end, body_start)) = header_end(block, 0) else {
        return Err("the HTTP response has no end to its headers".to_owned());
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.split('\n').map(|l| l.trim_end_matches('\r'));
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| {
            format!(
                "\"{}\" is not an HTTP status line",
                crate::english::shorten(status_line, 40)
            )
        })?;
    let mut content_type = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let (name, value) = (name.trim(), value.trim());
        if name.eq_ignore_ascii_case("Content-Type") {
            value.clone_into(&mut content_type);
        } else if name.eq_ignore_ascii_case("Transfer-Encoding") {
            chunked = value.to_ascii_lowercase().contains("chunked");
        } else if name.eq_ignore_ascii_case("Content-Encoding") {
            encoding = value.to_ascii_lowercase();
        }
    }
    let raw = &block[body_start..];
    let body = if chunked {
        // Some writers record the body already de-chunked while keeping the header.
        dechunk(raw).unwrap_or_else(|| raw.to_vec())
    } else {
        raw.to_vec()
    };
    let body = match encoding.as_str() {
        "" | "identity" => body,
        "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&body[..]), limit)?,
        "deflate" => inflate(flate2::read::ZlibDecoder::new(&body[..]), limit)?,
        other => {
            return Err(format!(
                "the page is compressed with \"{other}\", which Claimline cannot read; capture it with a tool that records it uncompressed or gzipped"
            ));
        }
    };
    if body.len() as u64 > limit {
        return Err(format!("the page is larger than {limit} bytes"));
    }
    Ok(HttpResponse {
        status,
        content_type,
        body,
    })
}

fn inflate(reader: impl std::io::Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("the page's compression is damaged: {e}"))?;
    if out.len() as u64 > limit {
        return Err(format!(
            "uncompressed, the page is larger than {limit} bytes"
        ));
    }
    Ok(out)
}

/// A chunked body joined; `None` when it is not well-formed chunked encoding.
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    loop {
        let line_end = memchr::memchr(b'\n', raw)?;
        let line = std::str::from_utf8(&raw[..line_end]).ok()?.trim();
        let size = usize::from_str_radix(line.split(';').next()?.trim(), 16).ok()?;
        raw = &raw[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(raw.get(..size)?);
        raw = raw.get(size..)?;
        raw = raw
            .strip_prefix(b"\r\n")
            .or_else(|| raw.strip_prefix(b"\n"))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, block: &str) -> String {
        format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}>\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    #[test]
    fn records_and_their_response_read() {
        let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>Hi\r\n6\r\n there\r\n0\r\n\r\n";
        let file = record("warcinfo", "", "software: test")
            + &record("response", "https://a.example/x", page);
        let all: Vec<_> = records(file.as_bytes()).collect::<Result<_, _>>().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(
            all[1].header("warc-target-uri"),
            Some("https://a.example/x")
        );
        let response = http_response(all[1].block, 1 << 20).unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(response.body, b"<p>Hi there");
    }

    #[test]
    fn a_cut_file_names_the_record_and_the_missing_bytes() {
        let file = record(
            "response",
            "https://a.example/x",
            "HTTP/1.1 200 OK\r\n\r\nbody",
        );
        let cut = &file.as_bytes()[..file.len() - 10];
        let error = records(cut).find_map(Result::err).unwrap();
        let text = error.to_string();
        assert!(
            text.contains("urn:uuid:response") && text.contains("cut short"),
            "{text}"
        );
        let no_end = &file.as_bytes()[..40];
        assert!(matches!(
            records(no_end).next(),
            Some(Err(WarcError::Truncated { .. }))
        ));
    }

    #[test]
    fn not_a_warc_is_said_so() {
        assert!(!is_warc(b"<html>"));
        assert!(matches!(
            records(b"hello").next(),
            Some(Err(WarcError::NotWarc { .. }))
        ));
    }
}
