//! Telling a table's shape from its first lines: whether the text is a table at all,
//! its delimiter and quoting, whether it is a GDELT export, whether the first line is a
//! header, the order of slashed dates, and which column holds dates when no header
//! says so.

use std::borrow::Cow;

use super::cells::{self, Dialect};
use super::dates::{self, OrderEvidence};
use super::gdelt;

/// How many records of the head are looked at.
const SAMPLE_RECORDS: usize = 50;

/// A table's shape as its head shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    /// Delimiter and quoting.
    pub dialect: Dialect,
    /// True for a GDELT event export.
    pub gdelt: bool,
    /// The first record's cells (a header, or the first row).
    pub first: Vec<String>,
    /// Whether the first record looks like a header.
    pub first_is_header: bool,
    /// The records after the first, as read (for previews and guesses).
    pub rows: Vec<Vec<String>>,
    /// What slashed dates in the sample say about their order.
    pub order: OrderEvidence,
}

impl Shape {
    /// The most cells any sampled record has.
    pub fn width(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .chain(std::iter::once(self.first.len()))
            .max()
            .unwrap_or(0)
    }

    /// True when some sampled cell of `col` reads as a date (a column with no cells in
    /// the sample counts as one).
    pub fn has_dates(&self, col: usize, header: bool) -> bool {
        let order = self.order.order();
        let rows: Vec<&Vec<String>> = if header {
            self.rows.iter().collect()
        } else {
            std::iter::once(&self.first).chain(&self.rows).collect()
        };
        let cells: Vec<&str> = rows
            .iter()
            .filter_map(|r| r.get(col))
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        cells.is_empty() || cells.iter().any(|c| dates::parse(c, order).is_some())
    }

    /// The column whose sampled cells are mostly dates (the leftmost of the best), when
    /// no header names one. With `header`, the first record is left out.
    pub fn date_column(&self, header: bool) -> Option<usize> {
        let rows: Vec<&Vec<String>> = if header {
            self.rows.iter().collect()
        } else {
            std::iter::once(&self.first).chain(&self.rows).collect()
        };
        let order = self.order.order();
        let mut best: Option<(usize, usize)> = None;
        for col in 0..self.width() {
            let cells: Vec<&str> = rows
                .iter()
                .filter_map(|r| r.get(col))
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect();
            // Plain numbers are dates only when they have a date's digits.
            let dated = cells
                .iter()
                .filter(|c| {
                    let numeric = c.bytes().all(|b| b.is_ascii_digit());
                    (!numeric || matches!(c.len(), 4 | 8 | 14)) && dates::parse(c, order).is_some()
                })
                .count();
            if cells.is_empty() || dated * 5 < cells.len() * 4 {
                continue;
            }
            if best.is_none_or(|(n, _)| dated > n) {
                best = Some((dated, col));
            }
        }
        best.map(|(_, col)| col)
    }
}

/// The delimiters tried, in order of preference when they tie.
const DELIMITERS: [u8; 4] = [b'\t', b',', b';', b'|'];

/// True when the text starts like a table: a first line with a delimiter, the same
/// number of cells on most of the next lines, and nothing that starts a RON dataset
/// or a JSON document.
pub fn looks_like_table(head: &str) -> bool {
    let start = head.trim_start();
    if start.is_empty()
        || start.starts_with(['(', '{', '[', '/', '#'])
        || starts_like_ron_struct(start)
    {
        return false;
    }
    shape(head).is_some()
}

/// `Dataset(` or `MyName (`: a RON struct name.
fn starts_like_ron_struct(start: &str) -> bool {
    let name_end = start
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(start.len());
    name_end > 0 && start[name_end..].trim_start().starts_with('(')
}

/// The shape of the table `head` starts, or `None` when it does not look like one.
pub fn shape(head: &str) -> Option<Shape> {
    let head = head.strip_prefix('\u{feff}').unwrap_or(head);
    // Only whole records: a head cut mid-record would mislead the counts.
    let whole = cells::last_record_end(head.as_bytes(), true).map_or(head, |end| &head[..end]);
    let mut best: Option<(usize, Dialect, Vec<Vec<String>>)> = None;
    for delimiter in DELIMITERS {
        let dialect = Dialect {
            delimiter,
            quoting: true,
        };
        let Some(records) = sample(dialect, whole) else {
            continue;
        };
        let Some(first) = records.first() else {
            continue;
        };
        let width = first.len();
        if width < 2 {
            continue;
        }
        let same = records.iter().filter(|r| r.len() == width).count();
        // Most records have the first one's width (GDELT mixes 57 and 58).
        let mixed_gdelt = delimiter == b'\t'
            && records
                .iter()
                .all(|r| gdelt::Variant::for_columns(r.len()).is_some());
        if same * 5 < records.len() * 4 && !mixed_gdelt {
            continue;
        }
        if best.as_ref().is_none_or(|(w, ..)| width > *w) {
            best = Some((width, dialect, records));
        }
    }
    let (_, mut dialect, mut records) = best?;
    let first_cells: Vec<&str> = records[0].iter().map(String::as_str).collect();
    let gdelt = dialect.delimiter == b'\t'
        && (gdelt::looks_like_row(&first_cells) || gdelt::looks_like_header(&first_cells));
    if dialect.delimiter == b'\t' {
        // Tab-separated files quote only if some cell is written in quotes.
        let quoted = !gdelt
            && whole
                .split(['\t', '\n'])
                .any(|c| c.trim_end_matches('\r').starts_with('"'));
        dialect.quoting = quoted;
        if !quoted {
            records = sample(dialect, whole)?;
        }
    }
    let mut order = OrderEvidence::default();
    for record in &records {
        for cell in record {
            order.observe(cell);
        }
    }
    let first = records.remove(0);
    let first_is_header = if gdelt {
        gdelt::looks_like_header(&first.iter().map(String::as_str).collect::<Vec<_>>())
    } else {
        is_header(&first, order)
    };
    Some(Shape {
        dialect,
        gdelt,
        first,
        first_is_header,
        rows: records,
        order,
    })
}

/// The first records of `text` in `dialect`, or `None` if a quote breaks them.
fn sample(dialect: Dialect, text: &str) -> Option<Vec<Vec<String>>> {
    let mut out = Vec::new();
    let mut cells: Vec<Cow<'_, str>> = Vec::new();
    let mut pos = 0;
    while out.len() < SAMPLE_RECORDS {
        let Ok(Some(record)) = cells::next_record(dialect, text, pos, &mut cells) else {
            break;
        };
        pos = record.end;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        out.push(cells.iter().map(|c| c.to_string()).collect());
    }
    (!out.is_empty()).then_some(out)
}

/// A header names columns: no cell is a date or a number, and none is empty.
fn is_header(cells: &[String], order: OrderEvidence) -> bool {
    cells.iter().all(|c| {
        let c = c.trim();
        !c.is_empty() && c.parse::<f64>().is_err() && dates::parse(c, order.order()).is_none()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_told_from_datasets() {
        assert!(looks_like_table("date,title\n2024-11-07,Call\n"));
        assert!(looks_like_table(
            "2024-11-07\tCall\tx\n2024-11-08\tMeeting\ty\n"
        ));
        assert!(!looks_like_table("(schema: 1, title: \"a, b\")\n"));
        assert!(!looks_like_table("Dataset(schema: 1)\n"));
        assert!(!looks_like_table("// a comment, with a comma\n(schema: 1)"));
        assert!(!looks_like_table("{\"events\": [1, 2]}"));
        assert!(!looks_like_table("just some words\nand more words\n"));
    }

    #[test]
    fn the_shape_says_delimiter_quoting_and_header() {
        let s =
            shape("Date;Headline;Link\n07/11/2024;\"Call; reported\";https://x\n25/11/2024;B;\n")
                .unwrap();
        assert_eq!(s.dialect.delimiter, b';');
        assert!(s.dialect.quoting);
        assert!(s.first_is_header);
        assert_eq!(s.rows[0][1], "Call; reported");
        assert_eq!(s.order.order(), dates::DayOrder::DayFirst);
        assert_eq!(s.date_column(true), Some(0));

        let s = shape("1\t20241107\tx\n2\t20241108\ty\n").unwrap();
        assert!(!s.dialect.quoting);
        assert!(!s.first_is_header);
        assert_eq!(s.date_column(false), Some(1));
    }
}
