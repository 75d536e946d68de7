//! A table read through a query engine (docs/scaling.md), open in the window without
//! its rows loaded: the timeline draws its lanes from the answers of an
//! [`Asking`] front (never waiting for them), the event clicked is asked for by its
//! index, a change of filter opens the table again with the filter as a predicate, and
//! the status bar says whether the engine is answering, ready or gone.
//!
//! The engine itself is not in this room: the command line hands the app a
//! [`super::big_open::BigOpener`], a way to open the table with a filter, which runs on
//! a worker.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use super::jobs::{answered, on_worker};

use super::big_open::BigOpener;
use crate::app::panels::event_list::ListRows;
use crate::model::EventIdx;
use crate::timeline::card::Card as EventCard;
use crate::timeline::seam::asking::{Asking, Health, Status};
use crate::timeline::seam::{DataError, DisputeRow, ListRow, Neighbours, TimelineData};

/// An event whole, as the engine tells it: its card, made from its row, the relations
/// it takes part in and the rows of the events at their other ends; its line in the
/// event list (none when the filters hide it); and its days among its neighbours', to
/// bring it into view.
pub type Whole = (EventCard, Option<usize>, Option<Neighbours>);

/// What the engine's latest answers ask of the window.
#[derive(Debug, Default)]
pub struct Told {
    /// The event selected, among its neighbours: to be brought into view.
    pub reveal: Option<Neighbours>,
    /// An event asked for by its id (`--select`) that the engine did not find: why.
    pub not_found: Option<String>,
}

/// The event clicked, as far as the engine has told.
pub enum Card {
    /// Asked, not answered yet.
    Asking(Receiver<Result<Option<Whole>, DataError>>),
    /// Its details and quotes, and the relations it takes part in, as the side panel
    /// shows them.
    Shown(Box<EventCard>),
    /// The table has no such event (it changed under the window).
    Missing,
    /// The engine could not say: why.
    Failed(String),
}

/// Events on one page of a table's event list.
pub const LIST_PAGE: usize = 100;

/// Something asked of the engine on a worker, as far as the engine has told.
pub enum Asked<T> {
    /// Asked, not answered yet.
    Asking(Receiver<Result<T, DataError>>),
    /// The answer.
    Shown(T),
    /// The engine could not say: why.
    Failed(String),
}

impl<T: Send + 'static> Asked<T> {
    /// Asks `work` on a worker thread named `name`.
    fn ask(
        ctx: &egui::Context,
        name: &str,
        work: impl FnOnce() -> Result<T, DataError> + Send + 'static,
    ) -> Self {
        on_worker(ctx, name, work).map_or_else(Self::Failed, Self::Asking)
    }

    /// Takes the worker's answer if it has come.
    fn poll(&mut self) {
        if let Self::Asking(rx) = self
            && let Some(answer) = answered(rx)
        {
            *self = match answer.and_then(|r| r.map_err(|e| e.to_string())) {
                Ok(value) => Self::Shown(value),
                Err(why) => Self::Failed(why),
            };
        }
    }
}

/// One page of the event list (its events in time order), as far as the engine has told.
pub type ListPage = Asked<Vec<ListRow>>;

/// Disputes asked about at most, for the days on screen.
pub const DISPUTES_ON_SCREEN: usize = 200;

/// The disputes of the events on screen, as far as the engine has told.
pub struct DisputesOnScreen {
    /// The days asked about.
    pub days: (i32, i32),
    /// The relations whose event borne on is in those days.
    pub rows: Asked<Vec<DisputeRow>>,
}

/// Pages of the event list kept at most; past it the farthest from the last asked go.
pub const LIST_PAGES_KEPT: usize = 64;

/// The event list of a table read through an engine: its lines asked a page at a time,
/// on a worker, as they scroll into view ([`ListRows`]).
pub struct EngineRows {
    /// Events that pass the filters.
    total: usize,
    /// The event clicked and its line, once the engine has said where it is.
    pub selected_at: Option<(EventIdx, usize)>,
    /// The list is to scroll to that line (its page asked first).
    pub scroll_pending: bool,
    /// The pages asked for, by number from 0.
    pages: std::collections::HashMap<usize, ListPage>,
}

impl EngineRows {
    /// A list of `total` events, none asked for yet.
    pub fn new(total: usize) -> Self {
        Self {
            total,
            selected_at: None,
            scroll_pending: false,
            pages: std::collections::HashMap::new(),
        }
    }
}

impl ListRows for EngineRows {
    fn len(&self) -> usize {
        self.total
    }

    fn line(&self, i: usize) -> Option<ListRow> {
        match self.pages.get(&(i / LIST_PAGE))? {
            Asked::Shown(rows) => rows.get(i % LIST_PAGE).cloned(),
            _ => None,
        }
    }

    fn position(&self, e: EventIdx) -> Option<usize> {
        if let Some((event, at)) = self.selected_at
            && event == e
        {
            return Some(at);
        }
        self.pages.iter().find_map(|(page, rows)| match rows {
            Asked::Shown(rows) => rows
                .iter()
                .position(|r| r.row.event == e)
                .map(|at| page * LIST_PAGE + at),
            _ => None,
        })
    }

    fn failure(&self) -> Option<String> {
        self.pages.values().find_map(|p| match p {
            Asked::Failed(why) => Some(why.clone()),
            _ => None,
        })
    }
}

/// A table open through an engine.
pub struct BigTable {
    /// What answers.
    pub data: Arc<dyn TimelineData>,
    /// The front the timeline asks: cached tiles, stale answers, the indicator's state.
    pub asking: Asking,
    /// What is open, and where.
    pub describe: String,
    /// The table's path.
    pub path: PathBuf,
    /// How to open it again with another filter.
    pub opener: BigOpener,
    /// The event clicked (its row in the table) and what is known of it.
    pub selected: Option<(EventIdx, Card)>,
    /// The dataset's header (its actors and sources), which the cards name.
    pub header: Arc<crate::model::Dataset>,
    /// The event list's lines, asked as they scroll into view.
    pub list: EngineRows,
    /// The Disputes tab: the disputes of the events on screen, once it is shown.
    pub disputes: Option<DisputesOnScreen>,
    /// An event asked for by its id (`--select ID`), until the engine finds it.
    pub finding: Option<(String, Asked<Option<EventIdx>>)>,
}

impl BigTable {
    /// Asks the engine for event `e` on a worker (the window does not wait).
    pub fn select(&mut self, ctx: &egui::Context, e: Option<EventIdx>) {
        let Some(e) = e else {
            self.selected = None;
            return;
        };
        let data = Arc::clone(&self.data);
        let header = Arc::clone(&self.header);
        let asked = on_worker(ctx, "engine-event", move || {
            let Some(row) = data.event(e)? else {
                return Ok(None);
            };
            let reveal = data.neighbours(e, crate::timeline::follow::NEIGHBOURS)?;
            let links = data.links(e)?;
            let mut others = Vec::new();
            for l in &links {
                let other = if l.from == e { l.to } else { l.from };
                if let Some(o) = data.event(other)? {
                    others.push(o);
                }
            }
            let card = EventCard::from_rows(&row, &links, &others, Some(&header));
            Ok(Some((card, data.position(e)?, reveal)))
        });
        let card = asked.map_or_else(Card::Failed, Card::Asking);
        self.selected = Some((e, card));
    }

    /// Asks the engine, on workers, for the pages of the event list holding lines
    /// `first..=last` that are not known or being asked (a failed page is asked again).
    pub fn want_rows(&mut self, ctx: &egui::Context, first: usize, last: usize) {
        let (a, z) = (first / LIST_PAGE, last / LIST_PAGE);
        for page in a..=z {
            if matches!(
                self.list.pages.get(&page),
                Some(Asked::Shown(_) | Asked::Asking(_))
            ) {
                continue;
            }
            let data = Arc::clone(&self.data);
            let rows = Asked::ask(ctx, "engine-list", move || {
                data.page(page.saturating_mul(LIST_PAGE), LIST_PAGE)
            });
            self.list.pages.insert(page, rows);
        }
        // Far pages go first when too many are kept.
        while self.list.pages.len() > LIST_PAGES_KEPT {
            let Some(far) = self
                .list
                .pages
                .keys()
                .copied()
                .max_by_key(|p| p.abs_diff(a))
            else {
                break;
            };
            self.list.pages.remove(&far);
        }
    }

    /// Asks the engine for the disputes of the events in `days`, unless those are the
    /// days last asked about.
    pub fn show_disputes(&mut self, ctx: &egui::Context, days: (i32, i32)) {
        if self.disputes.as_ref().is_some_and(|d| d.days == days) {
            return;
        }
        let data = Arc::clone(&self.data);
        let rows = Asked::ask(ctx, "engine-disputes", move || {
            data.disputes_in(days, DISPUTES_ON_SCREEN)
        });
        self.disputes = Some(DisputesOnScreen { days, rows });
    }

    /// Asks the engine, on a worker, for the event whose id is `id`, to select it.
    pub fn select_id(&mut self, ctx: &egui::Context, id: String) {
        let data = Arc::clone(&self.data);
        let wanted = id.clone();
        let asked = Asked::ask(ctx, "engine-find", move || data.event_by_id(&wanted));
        self.finding = Some((id, asked));
    }

    /// Whether nothing asked about the selected event is still unanswered.
    pub fn settled(&self) -> bool {
        self.finding.is_none() && !matches!(self.selected, Some((_, Card::Asking(_))))
    }

    /// Picks up the engine's answers about the event clicked and the list's page, and
    /// says what they ask of the window.
    pub fn poll(&mut self, ctx: &egui::Context) -> Told {
        let mut told = Told::default();
        for page in self.list.pages.values_mut() {
            page.poll();
        }
        if let Some((id, asked)) = &mut self.finding {
            asked.poll();
            let found = match asked {
                Asked::Asking(_) => None,
                Asked::Shown(Some(e)) => Some(Ok(*e)),
                Asked::Shown(None) => Some(Err(format!("No event has the id \"{id}\""))),
                Asked::Failed(why) => Some(Err(format!(
                    "The engine could not find the event \"{id}\": {why}"
                ))),
            };
            match found {
                Some(Ok(e)) => {
                    self.finding = None;
                    self.select(ctx, Some(e));
                }
                Some(Err(why)) => {
                    self.finding = None;
                    told.not_found = Some(why);
                }
                None => {}
            }
        }
        if let Some(d) = &mut self.disputes {
            d.rows.poll();
        }
        if let Some((_, card)) = &mut self.selected
            && let Card::Asking(rx) = card
            && let Some(answer) = answered(rx)
        {
            *card = match answer.and_then(|r| r.map_err(|e| e.to_string())) {
                Ok(Some((card, line, reveal))) => {
                    self.list.selected_at = line.map(|at| (card.event, at));
                    self.list.scroll_pending = line.is_some();
                    told.reveal = reveal;
                    Card::Shown(Box::new(card))
                }
                Ok(None) => Card::Missing,
                Err(why) => Card::Failed(why),
            };
        }
        told
    }

    /// The event clicked.
    pub fn selected(&self) -> Option<EventIdx> {
        self.selected.as_ref().map(|(e, _)| *e)
    }

    /// The indicator's state.
    pub fn status(&self) -> Status {
        self.asking.status()
    }

    /// A question besides the view's that the engine failed to answer — a page of the
    /// list, the event clicked, the disputes on screen — and why: the indicator says so
    /// even while views are answered.
    pub fn other_failure(&self) -> Option<String> {
        if let Some(why) = self.list.failure() {
            return Some(format!("the event list: {why}"));
        }
        if let Some((_, Card::Failed(why))) = &self.selected {
            return Some(format!("the event clicked: {why}"));
        }
        match self.disputes.as_ref().map(|d| &d.rows) {
            Some(Asked::Failed(why)) => Some(format!("the disputes on screen: {why}")),
            _ => None,
        }
    }
}

/// The indicator's words for `status` (and for a question besides the views that
/// failed, `other`), and whether they are a warning.
pub fn indicator(status: &Status, other: Option<&str>) -> (String, bool) {
    if let (Health::Ready | Health::Answering, Some(what)) = (&status.health, other) {
        return (
            format!("Engine: views answered, but it could not answer {what}"),
            true,
        );
    }
    match &status.health {
        Health::Ready => ("Engine: ready".to_owned(), false),
        Health::Answering => (
            format!(
                "Engine: answering… ({} {} to go)",
                status.pending.max(1),
                if status.pending > 1 { "views" } else { "view" }
            ),
            false,
        ),
        Health::Gone(why) => (
            format!("Engine gone: showing its last answers, asking again every second ({why})"),
            true,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(health: Health) -> Status {
        Status {
            health,
            pending: 0,
            pending_ahead: 0,
            asked: 3,
            asked_ahead: 0,
            cancelled: 0,
        }
    }

    #[test]
    fn the_indicator_says_when_a_question_besides_the_views_failed() {
        assert_eq!(
            indicator(&status(Health::Ready), None),
            ("Engine: ready".to_owned(), false)
        );
        let (words, warn) = indicator(
            &status(Health::Ready),
            Some("the event list: nothing answered at 127.0.0.1:9"),
        );
        assert!(warn, "a warning, not \"ready\"");
        assert!(
            words.contains("could not answer the event list: nothing answered"),
            "{words}"
        );
        // Gone says so whatever else failed.
        let (words, warn) = indicator(&status(Health::Gone("down".to_owned())), Some("x"));
        assert!(
            warn && words.contains("Engine gone") && words.contains("down"),
            "{words}"
        );
    }
}
