//! English wording shared by the command line and the app.

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

/// "1 event", "2 events", "0 events", "1,000,000 events".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", number(n))
    }
}

#[cfg(test)]
mod tests {
    use super::{number, plural};

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(plural(1, "warning"), "1 warning");
        assert_eq!(plural(0, "warning"), "0 warnings");
        assert_eq!(plural(2, "source"), "2 sources");
        assert_eq!(plural(1_000_000, "event"), "1,000,000 events");
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(number(0), "0");
        assert_eq!(number(999), "999");
        assert_eq!(number(1_000), "1,000");
        assert_eq!(number(12_400), "12,400");
        assert_eq!(number(1_149_078), "1,149,078");
    }
}
