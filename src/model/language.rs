//! Language tags: what a dataset or a quote says its words are in (BCP 47, as HTML's
//! `lang` takes it).

/// Whether `tag` has the shape of a BCP 47 language tag: a 2–3 letter (or 4–8 letter
/// registered) primary language, then subtags of 1–8 letters or digits joined by `-`
/// ("en", "ru", "pt-BR", "zh-Hant-TW", "sr-Latn"). Whether each subtag is registered is
/// not checked.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    primary_ok
        && tag.len() <= 35
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_people_write_pass_and_others_do_not() {
        for good in ["en", "ru", "pt-BR", "zh-Hant-TW", "sr-Latn", "es-419"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "",
            "e",
            "english!",
            "en_US",
            "en-",
            "-en",
            "\"><b>",
            "en-toolongsubtag",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
