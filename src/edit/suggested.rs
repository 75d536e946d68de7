//! What accepting a suggestion (`crate::suggest`) changes: a proposed event becomes an
//! ordinary [`Change::Event`] with its date, the note saying how the date was read, its
//! sentence as the summary and the actors it names, followed by a [`Change::AddQuote`]
//! for each quotation in it; a proposed quotation becomes one `AddQuote` on an event.
//! Quotes keep the text's own characters and their position in it. Nothing here decides
//! for the person: these are the edits one click makes, undone like any other.

use chrono::NaiveDate;

use super::Change;
use super::forms::{
    ActorForm, EventForm, QuoteForm, SpeakerChoice, free_event_id, titled_event_id,
};
use crate::corpus::{TextSpan, span_at};
use crate::model::{Dataset, EventIdx, Status};
use crate::suggest::Suggestions;
use crate::suggest::events::EventMention;
use crate::suggest::quotes::QuoteMention;

/// The longest title taken from a sentence, in characters.
const TITLE_CHARS: usize = 72;

/// The source a suggestion was read in: its id, its text, its day of publication.
#[derive(Clone, Copy, Debug)]
pub struct Reading<'a> {
    /// The source's id.
    pub source: &'a str,
    /// The text the suggestions were read in (positions count its characters).
    pub text: &'a str,
    /// The day of publication, if known (relative dates count from it).
    pub published: Option<NaiveDate>,
    /// When the source was published as the dataset has it (a day, a month, a window),
    /// if it says.
    pub published_as: Option<&'a str>,
}

/// A title from a sentence: its words up to [`TITLE_CHARS`] characters, cut between
/// words ("…" where cut), without its full stop.
fn title_of(sentence: &str) -> String {
    let sentence = without_dateline(sentence.trim()).trim_end_matches('.');
    if sentence.chars().count() <= TITLE_CHARS {
        return sentence.to_owned();
    }
    let mut title = String::new();
    for word in sentence.split_whitespace() {
        if title.chars().count() + word.chars().count() + 1 >= TITLE_CHARS {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    if title.is_empty() {
        return crate::english::shorten(sentence, TITLE_CHARS);
    }
    let title = title.trim_end_matches([',', ';', ':']);
    format!("{title}…")
}

/// A sentence without the dateline a wire story opens with ("VIENNA — ", "SOCHI,
/// (AFP) -- "): the words before a dash within its first 40 characters, when they hold
/// no lower-case letter.
fn without_dateline(sentence: &str) -> &str {
    for dash in [" — ", " -- ", " – ", " - "] {
        if let Some(at) = sentence.find(dash)
            && sentence[..at].chars().count() <= 40
            && !sentence[..at].chars().any(char::is_lowercase)
            && sentence[..at].chars().any(char::is_uppercase)
        {
            return sentence[at + dash.len()..].trim_start();
        }
    }
    sentence
}

/// The changes that accept `found.events[n]`: the event (added at the end of `ds`'s
/// events), then each of its quotations with a speaker; with the label the history
/// shows. `None` when there is no such suggestion or no date to put it on.
pub fn event_changes(
    ds: &Dataset,
    reading: Reading<'_>,
    found: &Suggestions,
    n: usize,
) -> Option<(String, Vec<Change>)> {
    let mention = found.events.get(n)?;
    let form = event_form(ds, reading, mention)?;
    let event = EventIdx::try_from(ds.events.len()).ok()?;
    let label = format!("Accept suggested event “{}”", form.title);
    let mut changes = vec![Change::Event { index: None, form }];
    let mut quoted = 0;
    for &q in &mention.quotes {
        if let Some((quote, change)) = found
            .quotes
            .get(q)
            .and_then(|quote| Some((quote, quote_change(ds, reading, quote, event)?)))
        {
            quoted += quote.span.end - quote.span.start;
            changes.push(change);
        }
    }
    // The reporter's own sentence, quoted as the outlet's words, unless quotations
    // with their speakers already make up most of it: every event keeps its words.
    let sentence = trimmed(reading.text, mention.span.start, mention.span.end);
    if let Some((start, end)) = sentence
        && quoted * 2 < end - start
    {
        changes.push(Change::AddQuote {
            event,
            quote: QuoteForm {
                source: reading.source.to_owned(),
                speaker: SpeakerChoice::Outlet,
                text: reading.text.chars().skip(start).take(end - start).collect(),
                said: String::new(),
                position: position(reading.text, start, end),
            },
        });
    }
    Some((label, changes))
}

/// Characters `start..end` of `text` without the white space around them, as a
/// character range; `None` if nothing is left.
fn trimmed(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let chars: Vec<char> = text
        .chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect();
    let first = chars.iter().position(|c| !c.is_whitespace())?;
    let last = chars.iter().rposition(|c| !c.is_whitespace())?;
    Some((start + first, start + last + 1))
}

/// The event a sentence proposes: dated by the date expression it was found with (its
/// note saying how), else by the day of publication, said to be a stand-in; titled by
/// the sentence, shortened; its summary the sentence itself.
pub fn event_form(ds: &Dataset, reading: Reading<'_>, mention: &EventMention) -> Option<EventForm> {
    let sentence = mention
        .sentence
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let (date, note) = match mention
        .date
        .as_ref()
        .and_then(|d| Some((d, d.value.clone()?)))
    {
        // The note names the words it read unless it already quotes them.
        Some((d, value)) if d.note.contains(&d.text) => (value, d.note.clone()),
        Some((d, value)) => (value, format!("{} (“{}”)", d.note, d.text)),
        None => {
            let when = match (reading.published, reading.published_as) {
                (Some(day), _) => day.format("%Y-%m-%d").to_string(),
                (None, Some(when)) if !when.trim().is_empty() => when.trim().to_owned(),
                _ => return None,
            };
            (
                when.clone(),
                format!(
                    "The text gives no date for this: when the source was published ({when}) stands in until one is found."
                ),
            )
        }
    };
    let title = title_of(&sentence);
    let participants = mention
        .actors
        .iter()
        .filter(|id| ds.actors.iter().any(|a| ds.str(a.id) == id.as_str()))
        .cloned()
        .collect();
    Some(EventForm {
        id: free_event_id(ds, &titled_event_id(&title, &date)),
        title,
        kind: mention.kind,
        status: Status::Reported,
        date,
        end: String::new(),
        participants,
        place: String::new(),
        summary: sentence,
        date_note: note,
    })
}

/// The quote `quote` adds to `event`: its characters and position in the text, its
/// speaker the dataset's actor it was matched to, else the person as the text names
/// them. `None` when the text names no speaker (the person chooses one).
pub fn quote_change(
    ds: &Dataset,
    reading: Reading<'_>,
    quote: &QuoteMention,
    event: EventIdx,
) -> Option<Change> {
    let speaker = quote.speaker.as_ref()?;
    let speaker = match &speaker.actor {
        Some(id) if ds.actors.iter().any(|a| ds.str(a.id) == id.as_str()) => {
            SpeakerChoice::Actor(id.clone())
        }
        _ => SpeakerChoice::Other(speaker.name.clone()),
    };
    Some(Change::AddQuote {
        event,
        quote: QuoteForm {
            source: reading.source.to_owned(),
            speaker,
            text: quote.text.clone(),
            said: String::new(),
            position: position(reading.text, quote.span.start, quote.span.end),
        },
    })
}

/// A speaker the text names who is not yet one of the dataset's actors, as an actor to
/// add: "Kremlin Spokesman Dmitry Peskov" is Dmitry Peskov (id `peskov`), his role
/// "Kremlin Spokesman". `None` for a name of one word, or one that is an actor already.
pub fn actor_of(ds: &Dataset, named: &str) -> Option<ActorForm> {
    let words: Vec<&str> = named.split_whitespace().collect();
    if words.len() < 2 || words.len() > 6 {
        return None;
    }
    let (role, name) = words.split_at(words.len() - 2);
    if !name
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return None;
    }
    let surname = name[1];
    let base: String = surname
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                '-'
            }
        })
        .collect();
    let taken = |id: &str| ds.actors.iter().any(|a| ds.str(a.id) == id);
    if ds
        .actors
        .iter()
        .any(|a| ds.str(a.name).split_whitespace().last() == Some(surname))
    {
        return None;
    }
    let id = if taken(&base) {
        (2..100)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken(id))?
    } else {
        base
    };
    Some(ActorForm {
        id,
        name: name.join(" "),
        role: role.join(" "),
    })
}

/// The position of characters `start..end` of `text`, with their context.
fn position(text: &str, start: usize, end: usize) -> Option<TextSpan> {
    let mut bytes = text.char_indices().map(|(b, _)| b).chain([text.len()]);
    let from = bytes.nth(start)?;
    let to = if end > start {
        bytes.nth(end - start - 1)?
    } else {
        from
    };
    Some(span_at(text, from, to - from))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    #[test]
    fn a_named_speaker_becomes_an_actor_with_a_role() {
        let ds = crate::model::builder::DatasetBuilder::new("t", "")
            .unwrap()
            .finish();
        let actor = actor_of(&ds, "Kremlin Spokesman Dmitry Peskov").unwrap();
        assert_eq!(
            (actor.id.as_str(), actor.name.as_str(), actor.role.as_str()),
            ("peskov", "Dmitry Peskov", "Kremlin Spokesman")
        );
        assert_eq!(actor_of(&ds, "Anna Berger").unwrap().id, "berger");
        assert!(actor_of(&ds, "Peskov").is_none(), "one word is not enough");
        assert!(
            actor_of(&ds, "its embassy").is_none(),
            "not a person's name"
        );
    }

    #[test]
    fn a_title_leaves_the_dateline_out() {
        assert_eq!(
            title_of("VIENNA — Envoys met in Vienna on Thursday."),
            "Envoys met in Vienna on Thursday"
        );
        assert_eq!(
            title_of("SOCHI, (AFP) -- Putin said Wednesday that Moscow could help."),
            "Putin said Wednesday that Moscow could help"
        );
        assert_eq!(
            title_of("Talks went on - for hours."),
            "Talks went on - for hours"
        );
    }

    #[test]
    fn a_position_counts_characters_not_bytes() {
        let text = "Peskov: “Это не так” — «no».";
        let span = position(text, 9, 19).unwrap();
        assert_eq!((span.start, span.end), (9, 19));
        let inside: String = text.chars().skip(9).take(10).collect();
        assert_eq!(inside, "Это не так");
        assert_eq!(span.prefix, "Peskov: “");
    }
}
