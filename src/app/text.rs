//! Limits on how much of one text the window lays out. Datasets may hold very long
//! quotes or summaries (a pasted speech, a broken export); laying out a million
//! characters would stall every frame, so long text is shown up to a limit, with a note.

use std::borrow::Cow;

/// Most characters of one text shown in a panel.
pub const MAX_SHOWN_CHARS: usize = 8_000;

/// `text`, or its first [`MAX_SHOWN_CHARS`] characters and a note on what was left out.
pub fn shown(text: &str) -> Cow<'_, str> {
    if text.len() <= MAX_SHOWN_CHARS {
        return Cow::Borrowed(text);
    }
    match text.char_indices().nth(MAX_SHOWN_CHARS) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => {
            let rest = text[cut..].chars().count();
            Cow::Owned(format!(
                "{}… ({rest} more characters not shown; the whole text is in the dataset file)",
                &text[..cut]
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_untouched_and_long_text_says_what_is_missing() {
        assert_eq!(shown("short"), "short");
        let long = "é".repeat(MAX_SHOWN_CHARS + 10);
        let out = shown(&long);
        assert!(
            out.ends_with("(10 more characters not shown; the whole text is in the dataset file)")
        );
        assert_eq!(out.chars().filter(|c| *c == 'é').count(), MAX_SHOWN_CHARS);
    }
}
