//! English wording shared by the command line, the app and the exports: counts with their
//! nouns, sizes in bytes, month names, and text cut to a length. Every message that
//! counts or shortens something goes through here, so they all read alike.

/// Three-letter month names, January first.
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The three-letter name of a month numbered from 0 (January) to 11 ("?" otherwise).
pub fn month_name(month0: u32) -> &'static str {
    MONTHS.get(month0 as usize).copied().unwrap_or("?")
}

/// Whole month names, January first (what a screen reader should say).
pub const MONTHS_SPOKEN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The whole name of a month numbered from 0 (January) to 11 ("?" otherwise).
pub fn month_spoken(month0: u32) -> &'static str {
    MONTHS_SPOKEN.get(month0 as usize).copied().unwrap_or("?")
}

/// A count with thousands separated: "950", "12,400", "1,000,000".
pub fn number(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count in at most four characters, never more than it is: "950", "9.9k", "33k",
/// "1.2M", "120M", "4.2G" (for a label in a small space; [`number`] where it fits).
pub fn count_short(n: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1_000_000_000, "G"), (1_000_000, "M"), (1_000, "k")];
    for (unit, suffix) in UNITS {
        if n >= unit {
            let tenths = n / (unit / 10);
            return if tenths < 100 {
                format!("{}.{}{suffix}", tenths / 10, tenths % 10)
            } else {
                format!("{}{suffix}", n / unit)
            };
        }
    }
    n.to_string()
}

/// "1 event", "2 events", "0 events", "1,000,000 events".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {}", number(n), plural_noun(noun))
    }
}

/// The words with their first letter in capitals: "Denied by".
pub fn capitalise(words: &str) -> String {
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The noun alone, singular for one and plural otherwise: "problem", "problems".
pub fn noun(n: usize, noun: &str) -> String {
    if n == 1 {
        noun.to_owned()
    } else {
        plural_noun(noun)
    }
}

fn plural_noun(noun: &str) -> String {
    match noun {
        "is" => "are".to_owned(),
        "has" => "have".to_owned(),
        _ => format!("{noun}s"),
    }
}

/// A size in binary units: "300 MiB", "1.5 KiB", "12 bytes".
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KiB", "MiB", "GiB", "TiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} bytes")
    } else if value < 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

/// `text` cut to at most `max` characters, the last of them an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// `text` safe to print in a message or a terminal: control characters (escape
/// sequences, bells, line breaks) and the marks that reorder text (bidirectional
/// overrides and isolates) are written as `\u{…}` instead of acting.
pub fn printable(text: &str) -> String {
    if !text.chars().any(acts) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// A character that does something to the text around it instead of being shown.
pub fn acts(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` cut to at most `max` characters from its start, keeping its end: "…the end".
pub fn shorten_start(text: &str, max: usize) -> String {
    let n = text.chars().count();
    if n <= max {
        text.to_owned()
    } else {
        let mut s = String::from("…");
        s.extend(text.chars().skip(n - max.saturating_sub(1)));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Short counts are never more than the count and at most four characters.
    #[test]
    fn short_counts_round_down_and_stay_short() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1_000, "1.0k"),
            (9_999, "9.9k"),
            (33_223, "33k"),
            (999_999, "999k"),
            (1_234_567, "1.2M"),
            (120_000_000, "120M"),
            (4_294_967_295, "4.2G"),
        ];
        for (n, short) in cases {
            assert_eq!(count_short(n), short);
            assert!(short.chars().count() <= 4);
        }
    }

    #[test]
    fn printable_text_shows_what_would_act() {
        assert_eq!(printable("plain ünï 😀"), "plain ünï 😀");
        assert_eq!(
            printable("a\x1b[31mb\u{202e}c\n"),
            "a\\u{1b}[31mb\\u{202e}c\\u{a}"
        );
    }

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(plural(1, "warning"), "1 warning");
        assert_eq!(plural(0, "warning"), "0 warnings");
        assert_eq!(plural(2, "source"), "2 sources");
        assert_eq!(plural(1_000_000, "event"), "1,000,000 events");
        assert_eq!(noun(1, "problem"), "problem");
        assert_eq!(noun(3, "problem"), "problems");
        assert_eq!(noun(3, "has"), "have");
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(number(0), "0");
        assert_eq!(number(999), "999");
        assert_eq!(number(1_000), "1,000");
        assert_eq!(number(12_400), "12,400");
        assert_eq!(number(1_149_078), "1,149,078");
    }

    #[test]
    fn sizes_and_cuts() {
        assert_eq!(human_bytes(12), "12 bytes");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(300 * 1024 * 1024), "300 MiB");
        assert_eq!(shorten("Peskov", 10), "Peskov");
        assert_eq!(shorten("Peskov denies", 5), "Pesk…");
        assert_eq!(shorten_start("Peskov denies", 5), "…nies");
        assert_eq!(month_name(10), "Nov");
        assert_eq!(month_name(12), "?");
    }
}
