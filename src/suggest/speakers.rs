//! Who a quotation is attributed to, read from the words around it: "X said", "said
//! X", "X told …", "according to X", "X: “…”", "X described … as “…”", "the report
//! said", a pronoun read as the person named just before, a quotation with no words of
//! its own as the one before it in its paragraph, a speaker named earlier in the
//! sentence; matched to the dataset's actors by surname.

use super::Span;

/// Who said a quotation.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Speaker {
    /// As the text names them ("Kremlin Spokesman Dmitry Peskov"; for a pronoun, the
    /// person it stands for).
    pub name: String,
    /// The dataset actor it is, by id, when one matches.
    pub actor: Option<String>,
    /// How the attribution was read ("said X", "X said", "according to X", "he said:
    /// the last person named").
    pub how: &'static str,
}

/// Verbs of saying, as attributions use them.
const SAYING: [&str; 30] = [
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "states",
    "emphasized",
    "emphasised",
    "noted",
    "notes",
    "stressed",
    "explained",
    "wrote",
    "writes",
    "asked",
    "asks",
    "replied",
    "insisted",
    "warned",
    "declared",
    "argued",
    "claimed",
    "announced",
    "continued",
    "recalled",
    "remarked",
    "answered",
    "posted",
];

/// Words before a noun that says who spoke without naming them ("the report said",
/// "its embassy said").
const DETERMINERS: [&str; 5] = ["the", "its", "their", "his", "her"];

/// Verbs that frame a quotation further from their subject ("described … as").
const FRAMING: [&str; 6] = [
    "described",
    "called",
    "dubbed",
    "termed",
    "labelled",
    "labeled",
];

/// Words a capitalised run must not start with (sentence openers, months, days).
const NOT_NAMES: [&str; 24] = [
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "However",
    "It",
    "This",
    "That",
    "He",
    "She",
    "They",
    "We",
    "I",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Reads each quotation's speaker from the words around it; a quotation with no words
/// of its own takes the speaker of the one before it in its paragraph ("“…,” Peskov
/// said. “…”"); "he said" is the person nearest before: the speaker of the quotation
/// before, or the subject (first actor named) of a sentence in between.
pub(super) fn attribute(
    chars: &[char],
    spans: &[Span],
    actors: &[(String, String)],
) -> Vec<Option<Speaker>> {
    let mut previous: Option<(usize, Speaker)> = None;
    let mut speakers = Vec::with_capacity(spans.len());
    for span in spans {
        let before = sentence_before(chars, span.start.saturating_sub(1));
        let after = sentence_after(chars, (span.end + 1).min(chars.len()));
        let read = after_quote(&after)
            .or_else(|| before_quote(&before))
            .or_else(|| according_to(&before).or_else(|| according_to(&after)));
        let speaker = match read {
            Some((name, _)) if matches!(name.as_str(), "he" | "she") => {
                nearest_person(chars, span.start, previous.as_ref(), actors).map(|(name, actor)| {
                    Speaker {
                        name,
                        actor,
                        how: "he said: the person named just before",
                    }
                })
            }
            Some((name, how)) => Some(Speaker {
                actor: match_actor(&name, actors),
                name,
                how,
            }),
            None => previous
                .as_ref()
                .filter(|(end, _)| same_paragraph(chars, *end, span.start))
                .map(|(_, s)| Speaker {
                    how: "the quotation before it in the paragraph",
                    ..s.clone()
                })
                .or_else(|| {
                    subject_of_saying(&before).map(|name| Speaker {
                        actor: match_actor(&name, actors),
                        name,
                        how: "X said …, earlier in the sentence",
                    })
                }),
        };
        if let Some(s) = &speaker {
            previous = Some((span.end, s.clone()));
        }
        speakers.push(speaker);
    }
    speakers
}

/// Whether no paragraph break lies between `a` and `b`.
fn same_paragraph(chars: &[char], a: usize, b: usize) -> bool {
    !chars[a.min(b)..b.max(a).min(chars.len())].contains(&'\n')
}

/// The person "he" or "she" before `at` stands for: the speaker of the quotation
/// before, unless a sentence after it names an actor first (its subject).
fn nearest_person(
    chars: &[char],
    at: usize,
    previous: Option<&(usize, Speaker)>,
    actors: &[(String, String)],
) -> Option<(String, Option<String>)> {
    let from = previous.map_or(0, |(end, _)| *end);
    let between: String = chars[from.min(at)..at].iter().collect();
    // Sentences between, nearest first; in each, the first actor named.
    let sentences: Vec<&str> = between
        .split(['.', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    for sentence in sentences.iter().rev() {
        // The one the sentence says said something ("…, Peskov said"), else its first
        // actor (its subject, as a rule).
        let words: Vec<&str> = sentence.split_whitespace().collect();
        if let Some(at) = words
            .iter()
            .position(|w| is_saying(w.trim_end_matches([',', '.'])))
            && let Some(name) = name_run(&words[at.saturating_sub(5)..at])
            && let Some(id) = match_actor(&name, actors)
        {
            return Some((name, Some(id)));
        }
        let first = actors
            .iter()
            .filter_map(|(id, name)| {
                let surname = name.split_whitespace().last()?;
                sentence.find(surname).map(|pos| (pos, id, name))
            })
            .min_by_key(|(pos, _, _)| *pos);
        if let Some((_, id, name)) = first {
            return Some((name.clone(), Some(id.clone())));
        }
    }
    previous.map(|(_, s)| (s.name.clone(), s.actor.clone()))
}

/// The words from the start of the sentence (or paragraph) to `at`.
fn sentence_before(chars: &[char], at: usize) -> String {
    let mut k = at;
    while k > 0 {
        let c = chars[k - 1];
        if c == '\n' || (matches!(c, '.' | '!' | '?') && chars.get(k) == Some(&' ')) {
            break;
        }
        k -= 1;
    }
    chars[k..at].iter().collect()
}

/// The words from `at` to the end of the sentence (or paragraph) — or, when nothing
/// follows the quotation in its paragraph and it ends on a comma (the attribution is
/// the next paragraph's start, as some agencies set it), the next paragraph's first
/// sentence.
fn sentence_after(chars: &[char], at: usize) -> String {
    let mut k = at;
    while k < chars.len() && chars[k] == ' ' {
        k += 1;
    }
    let comma_before = at >= 2 && matches!(chars[at - 2], ',');
    if comma_before && chars.get(k) == Some(&'\n') {
        while k < chars.len() && chars[k].is_whitespace() {
            k += 1;
        }
        return sentence_from(chars, k);
    }
    sentence_from(chars, at)
}

fn sentence_from(chars: &[char], at: usize) -> String {
    let mut k = at;
    while k < chars.len() {
        let c = chars[k];
        if c == '\n' || (matches!(c, '.' | '!' | '?') && k > at + 1) {
            break;
        }
        k += 1;
    }
    chars[at..k].iter().collect()
}

/// "…,” Peskov said" / "…,” he said" / "…,” said Peskov" / "…,” Peskov emphasized".
fn after_quote(after: &str) -> Option<(String, &'static str)> {
    let words: Vec<&str> = after
        .trim_start_matches([',', ' ', '\u{201d}', '"'])
        .split_whitespace()
        .take(8)
        .collect();
    let first = words.first()?.trim_end_matches(',');
    if is_saying(first) {
        // "said Peskov", "said Kremlin spokesman Dmitry Peskov"
        let name = name_run(&words[1..])?;
        return Some((name, "said X"));
    }
    if matches!(first, "he" | "she") && words.get(1).is_some_and(|w| is_saying(w)) {
        return Some((first.to_owned(), "he said"));
    }
    // "Peskov said", "Dmitry Peskov told reporters"
    let at = words
        .iter()
        .position(|w| is_saying(w.trim_end_matches([',', '.'])))?;
    if let Some(name) = name_run(&words[..at]) {
        return Some((name, "X said"));
    }
    // "the report said", "its embassy said"
    match words[..at] {
        [det, noun]
            if DETERMINERS.contains(&det) && noun.chars().all(|c| c.is_lowercase() || c == '-') =>
        {
            Some((format!("{det} {noun}"), "the X said"))
        }
        _ => None,
    }
}

/// "Peskov said: “…" / "Peskov told reporters that “…" / "Lavrov: “…".
fn before_quote(before: &str) -> Option<(String, &'static str)> {
    let trimmed = before.trim_end().trim_end_matches([':', ',']);
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    let last = *words.last()?;
    // "X: “…" — a name then a colon.
    if before.trim_end().ends_with(':')
        && !is_saying(last)
        && last != "that"
        && let Some(name) = name_run(&words[words.len().saturating_sub(4)..])
    {
        return Some((name, "X: “…”"));
    }
    // "… said X" / "X said" / "X told reporters" / "X said that", close before the mark.
    let tail: Vec<&str> = words.iter().rev().take(8).rev().copied().collect();
    let Some(at) = tail.iter().rposition(|w| is_saying(w)) else {
        // "X described the reports as “…”", "X called it “…”".
        let long: Vec<&str> = words.iter().rev().take(20).rev().copied().collect();
        let verb = long.iter().rposition(|w| FRAMING.contains(w))?;
        if verb > 0 && matches!(long[verb - 1], "He" | "She" | "he" | "she") {
            return Some((long[verb - 1].to_lowercase(), "he described … as “…”"));
        }
        return name_run(&long[..verb]).map(|name| (name, "X described … as “…”"));
    };
    // Only if the words after the verb are few (an object, "that").
    if tail.len() - at > 4 {
        return None;
    }
    if let Some(name) = name_run(&tail[..at]) {
        return Some((name, "X said"));
    }
    if at > 0 && matches!(tail[at - 1], "he" | "she" | "He" | "She") {
        return Some((tail[at - 1].to_lowercase(), "he said"));
    }
    name_run(&tail[at + 1..]).map(|name| (name, "said X"))
}

/// The one a sentence says said something, when its verb of saying comes well before
/// the quotation ("Lavrov also said Friday that sharing … would be “indecent.”", "The
/// source further stated that … “…”"): the name just before the first verb of saying,
/// past an adverb or two, or "the source".
fn subject_of_saying(before: &str) -> Option<String> {
    const BETWEEN: [&str; 10] = [
        "also",
        "further",
        "later",
        "previously",
        "then",
        "again",
        "has",
        "had",
        "have",
        "has also",
    ];
    let words: Vec<&str> = before.split_whitespace().collect();
    let verb = words
        .iter()
        .position(|w| is_saying(w.trim_end_matches([',', '.'])))?;
    let mut end = verb;
    while end > 0 && BETWEEN.contains(&words[end - 1]) {
        end -= 1;
    }
    let subject = &words[end.saturating_sub(6)..end];
    if let Some(name) = name_run(subject) {
        return Some(name);
    }
    // "the source", "the report", "the ministry".
    match subject {
        [.., the, noun]
            if the.eq_ignore_ascii_case("the")
                && noun.chars().all(|c| c.is_lowercase() || c == '-') =>
        {
            Some(format!("the {noun}"))
        }
        _ => None,
    }
}

/// "according to X".
fn according_to(words: &str) -> Option<(String, &'static str)> {
    let lower = words.to_lowercase();
    let at = lower.find("according to ")?;
    let rest: Vec<&str> = words[at + "according to ".len()..]
        .split_whitespace()
        .take(6)
        .collect();
    name_run(&rest).map(|n| (n, "according to X"))
}

/// The last capitalised run of words ending the list (a name with its title, "Kremlin
/// Spokesman Dmitry Peskov"), or leading it when the list starts with one.
fn name_run(words: &[&str]) -> Option<String> {
    let clean = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’')
            .to_owned()
    };
    let capital = |w: &str| {
        let w = clean(w);
        w.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&w.as_str())
    };
    // The run at the end, else the run at the start.
    let end = words.len();
    let mut start = end;
    while start > 0 && capital(words[start - 1]) {
        start -= 1;
    }
    let run: Vec<String> = if start < end {
        words[start..end].iter().map(|w| clean(w)).collect()
    } else {
        words
            .iter()
            .take_while(|w| capital(w))
            .map(|w| clean(w))
            .collect()
    };
    (!run.is_empty()).then(|| run.join(" "))
}

/// Whether `word` is a verb of saying ("said", "told", "warned").
pub(super) fn is_saying(word: &str) -> bool {
    SAYING.contains(&word)
}

/// The actor whose surname is the last of `name`'s words to be one (the head of "Trump
/// Dmitry Peskov", glued from a headline, is Peskov), by id.
fn match_actor(name: &str, actors: &[(String, String)]) -> Option<String> {
    name.split_whitespace().rev().find_map(|w| {
        let w = w.trim_end_matches("’s").trim_end_matches("'s");
        actors
            .iter()
            .find(|(_, full)| full.split_whitespace().last() == Some(w))
            .map(|(id, _)| id.clone())
    })
}
