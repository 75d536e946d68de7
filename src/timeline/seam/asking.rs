//! The front of a slow [`TimelineData`]: no frame waits for it. A view is asked as its
//! [`tiles`](super::tiles); [`WORKERS`] worker threads ask the data for the tiles not
//! known yet, newest view first, side by side (a view across a tile edge waits for one
//! answer, not two); views already left are dropped from the queue and the tiles being
//! answered for them cancelled. When the view's own tiles are known, the workers ask
//! ahead for the tiles either side of it, so that a pan finds them known. Until a
//! view's own tiles arrive, it is drawn from the tiles known (rescaled from another zoom
//! if need be). When the data fails, its last answers stay, [`Health::Gone`] says why,
//! and the workers try again every [`RETRY`] until it answers: the view recovers by
//! itself.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::tiles::{self, Tile};
use super::{Cancel, DataError, TimelineData, ViewAnswer, ViewAnswers, ViewLink, ViewQuery};
use crate::model::EventIdx;

/// How long after a failure the data is asked again.
pub const RETRY: Duration = Duration::from_secs(1);
/// Most tiles kept; the least recently used go first.
pub const CACHE_TILES: usize = 256;
/// Questions asked at once.
pub const WORKERS: usize = 2;

/// Whether the data is answering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Health {
    /// Every tile asked for is known.
    Ready,
    /// Tiles are being asked for.
    Answering,
    /// The data failed; what it said. Its last answers stay on screen.
    Gone(String),
}

/// What the indicator shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// Whether the data answers.
    pub health: Health,
    /// Tiles still wanted.
    pub pending: usize,
    /// Tiles beside the view still to be asked ahead.
    pub pending_ahead: usize,
    /// Questions the data has been asked for views (answered, failed or cancelled).
    pub asked: u64,
    /// Questions asked ahead, for the tiles beside a view.
    pub asked_ahead: u64,
    /// Of those, cancelled because their view was left.
    pub cancelled: u64,
}

type Key = (Tile, usize, usize);

struct State {
    cache: HashMap<Key, (Arc<ViewAnswer>, u64)>,
    /// Tiles of the latest view not known yet, in the order to ask them.
    wanted: Vec<(Key, ViewQuery)>,
    /// Tiles beside the latest view not known yet, asked when nothing is wanted.
    ahead: Vec<(Key, ViewQuery)>,
    /// A tile of the latest view, asked again while the data is gone and nothing else
    /// is to be asked, to learn when it is back.
    probe: Option<(Key, ViewQuery)>,
    running: Vec<(Key, Cancel)>,
    /// Each event's links, once asked.
    links: HashMap<EventIdx, Arc<Vec<ViewLink>>>,
    /// Events on screen whose links are wanted, asked when no tile is.
    links_wanted: Vec<EventIdx>,
    /// Links being asked for.
    links_running: bool,
    health: Health,
    failed_at: Option<Instant>,
    clock: u64,
    asked: u64,
    asked_ahead: u64,
    cancelled: u64,
    closing: bool,
}

struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    repaint: Box<dyn Fn() + Send + Sync>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while the lock was held leaves plain data behind: use it.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Slow data behind a cache and a worker.
pub struct Asking {
    shared: Arc<Shared>,
    has_relations: bool,
}

impl Asking {
    /// Starts the worker that asks `data`; `repaint` is called (from the worker) when
    /// an answer arrives or the data fails, so the window draws again.
    pub fn new(data: Arc<dyn TimelineData>, repaint: Box<dyn Fn() + Send + Sync>) -> Self {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                cache: HashMap::new(),
                wanted: Vec::new(),
                ahead: Vec::new(),
                probe: None,
                running: Vec::new(),
                links: HashMap::new(),
                links_wanted: Vec::new(),
                links_running: false,
                health: Health::Ready,
                failed_at: None,
                clock: 0,
                asked: 0,
                asked_ahead: 0,
                cancelled: 0,
                closing: false,
            }),
            wake: Condvar::new(),
            repaint,
        });
        for _ in 0..WORKERS {
            let worker = Arc::clone(&shared);
            let data = Arc::clone(&data);
            // Not joined on drop: an engine stuck on a dead network must not hold the
            // window.
            let spawned = std::thread::Builder::new()
                .name("claimline-data".to_owned())
                .spawn(move || work(&worker, data.as_ref()));
            if let Err(e) = spawned {
                let mut st = shared.lock();
                st.health = Health::Gone(format!("could not start a worker thread: {e}"));
            }
        }
        Self {
            shared,
            has_relations: data.has_relations(),
        }
    }

    /// How the data is doing, for the indicator.
    pub fn status(&self) -> Status {
        let st = self.shared.lock();
        Status {
            health: st.health.clone(),
            pending: st.wanted.len(),
            pending_ahead: st.ahead.len(),
            asked: st.asked,
            asked_ahead: st.asked_ahead,
            cancelled: st.cancelled,
        }
    }
}

impl Drop for Asking {
    fn drop(&mut self) {
        let mut st = self.shared.lock();
        st.closing = true;
        st.wanted.clear();
        st.ahead.clear();
        for (_, cancel) in &st.running {
            cancel.cancel();
        }
        drop(st);
        self.shared.wake.notify_all();
    }
}

impl ViewAnswers for Asking {
    fn answer(&self, query: &ViewQuery) -> Option<ViewAnswer> {
        let tiles = tiles::tiles_for(query);
        let key = |t: Tile| (t, query.max_rows, query.max_uncertain_rows);
        let mut st = self.shared.lock();
        st.clock += 1;
        let now = st.clock;
        let mut known = Vec::new();
        let mut missing: Vec<(Key, ViewQuery)> = Vec::new();
        for &t in &tiles {
            match st.cache.get_mut(&key(t)) {
                Some((answer, used)) => {
                    *used = now;
                    known.push((t, Arc::clone(answer)));
                }
                None => missing.push((key(t), t.query(query))),
            }
        }
        // The tiles either side, at the same size, to ask when the view is answered.
        let ahead: Vec<(Key, ViewQuery)> = tiles
            .first()
            .zip(tiles.last())
            .map(|(a, z)| {
                [a.index - 1, z.index + 1].map(|index| Tile {
                    bin_days: a.bin_days,
                    index,
                })
            })
            .into_iter()
            .flatten()
            .filter(|t| !st.cache.contains_key(&key(*t)))
            .map(|t| (key(t), t.query(query)))
            .collect();
        // The view changed: what was wanted for the last one is dropped, and what is
        // being answered for it alone cancelled.
        let probe = tiles.first().map(|t| (key(*t), t.query(query)));
        let mut cancelled = 0;
        for (running, cancel) in &st.running {
            let still = |list: &[(Key, ViewQuery)]| list.iter().any(|(k, _)| k == running);
            // The view's probe is let run: cancelling it every frame would ask again at
            // once, and a cluster keeps every question asked.
            let probing = probe.as_ref().is_some_and(|(k, _)| k == running);
            if !still(&missing) && !still(&ahead) && !probing && !cancel.is_cancelled() {
                cancel.cancel();
                cancelled += 1;
            }
        }
        st.cancelled += cancelled;
        let changed = st.wanted.len() != missing.len()
            || st.ahead.len() != ahead.len()
            || st.wanted.iter().zip(&missing).any(|(a, b)| a.0 != b.0)
            || st.ahead.iter().zip(&ahead).any(|(a, b)| a.0 != b.0);
        st.wanted = missing;
        st.ahead = ahead;
        st.probe = probe;
        let answered = st.wanted.is_empty();
        if answered && st.health == Health::Answering {
            // Back on known tiles: nothing this view needs is outstanding.
            st.health = Health::Ready;
        }
        let stale = if answered {
            Vec::new()
        } else {
            stale_tiles(&st, query, tiles.first().map_or(1, |t| t.bin_days))
        };
        drop(st);
        if changed {
            self.shared.wake.notify_all();
        }
        if answered {
            let parts: Vec<(Tile, &ViewAnswer)> = known.iter().map(|(t, a)| (*t, &**a)).collect();
            return tiles::combine(query, &parts);
        }
        let parts: Vec<(Tile, &ViewAnswer)> = stale.iter().map(|(t, a)| (*t, &**a)).collect();
        tiles::combine(query, &parts)
    }

    fn links(&self, events: &[EventIdx]) -> Vec<ViewLink> {
        let mut st = self.shared.lock();
        let mut links = Vec::new();
        let mut missing = Vec::new();
        for &e in events {
            match st.links.get(&e) {
                Some(known) => links.extend(known.iter().cloned()),
                None => missing.push(e),
            }
        }
        // Only this view's events are wanted.
        let changed = st.links_wanted != missing;
        st.links_wanted = missing;
        drop(st);
        if changed {
            self.shared.wake.notify_all();
        }
        links
    }

    fn has_links(&self) -> bool {
        self.has_relations
    }
}

/// Most events whose links are asked in one question.
const LINKS_AT_ONCE: usize = 512;

/// Asks for the links of wanted events (one worker at a time), and keeps them per event.
/// True when there was something to ask.
fn ask_links(shared: &Shared, data: &dyn TimelineData) -> bool {
    let mut st = shared.lock();
    if st.links_running || st.links_wanted.is_empty() || st.failed_at.is_some() {
        return false;
    }
    let batch: Vec<EventIdx> = st
        .links_wanted
        .iter()
        .take(LINKS_AT_ONCE)
        .copied()
        .collect();
    st.links_running = true;
    drop(st);
    let result = data.links_among(&batch);
    let mut st = shared.lock();
    st.links_running = false;
    match result {
        Ok(found) => {
            if st.links.len() > CACHE_LINKS {
                st.links.clear();
            }
            for e in &batch {
                let mine: Vec<ViewLink> = found
                    .iter()
                    .filter(|l| l.from.event == *e || l.to.event == *e)
                    .cloned()
                    .collect();
                st.links.insert(*e, Arc::new(mine));
            }
            st.links_wanted.retain(|e| !batch.contains(e));
        }
        Err(e) => failed(&mut st, e),
    }
    drop(st);
    shared.wake.notify_all();
    (shared.repaint)();
    true
}

/// What a failed question leaves: nothing when it was cancelled; otherwise the data is
/// gone, and asked again after a pause while it is still wanted.
fn failed(st: &mut State, e: DataError) {
    if let DataError::Unavailable(why) = e {
        st.health = Health::Gone(why);
        st.failed_at = Some(Instant::now());
    }
}

/// Most events whose links are kept; past it the cache starts again.
const CACHE_LINKS: usize = 100_000;

/// Known tiles over `query`'s days, all of one size — the one nearest `bin_days` — to
/// draw a view whose own tiles are not known yet.
fn stale_tiles(st: &State, query: &ViewQuery, bin_days: i64) -> Vec<(Tile, Arc<ViewAnswer>)> {
    let (d0, d1) = (i64::from(query.days.0), i64::from(query.days.1));
    let over: Vec<(Tile, &Arc<ViewAnswer>)> = st
        .cache
        .iter()
        .filter(|((_, rows, unc), _)| (*rows, *unc) == (query.max_rows, query.max_uncertain_rows))
        .map(|((t, _, _), (a, _))| (*t, a))
        .filter(|(t, _)| {
            let (a, b) = t.days();
            a <= d1 && b > d0
        })
        .collect();
    let distance = |t: &Tile| {
        (t.bin_days.max(1) as f64 / bin_days.max(1) as f64)
            .log2()
            .abs()
    };
    let Some(best) = over.iter().map(|(t, _)| t.bin_days).min_by(|a, b| {
        distance(&Tile {
            bin_days: *a,
            index: 0,
        })
        .total_cmp(&distance(&Tile {
            bin_days: *b,
            index: 0,
        }))
    }) else {
        return Vec::new();
    };
    let mut chosen: Vec<(Tile, Arc<ViewAnswer>)> = over
        .into_iter()
        .filter(|(t, _)| t.bin_days == best)
        .map(|(t, a)| (t, Arc::clone(a)))
        .collect();
    chosen.sort_unstable_by_key(|(t, _)| t.index);
    chosen
}

/// The next question for a worker: the first wanted tile no other worker is asking,
/// else the first tile ahead, else (while the data is gone) a tile of the view asked
/// again; whether it is wanted.
fn next_question(st: &State) -> Option<(Key, ViewQuery, bool)> {
    let free = |(k, _): &&(Key, ViewQuery)| !st.running.iter().any(|(r, _)| r == k);
    if let Some((k, q)) = st.wanted.iter().find(free) {
        return Some((*k, q.clone(), true));
    }
    if let Some((k, q)) = st.ahead.iter().find(free) {
        return Some((*k, q.clone(), false));
    }
    // Gone, with nothing to ask: ask a tile of the view again, so that the view says
    // so when the data is back.
    if matches!(st.health, Health::Gone(_)) {
        return st
            .probe
            .as_ref()
            .filter(|p| free(p))
            .map(|(k, q)| (*k, q.clone(), false));
    }
    None
}

/// A worker: asks for wanted tiles, then tiles ahead, one at a time, until the front is
/// dropped.
fn work(shared: &Shared, data: &dyn TimelineData) {
    loop {
        let mut st = shared.lock();
        let (key, query, wanted) = loop {
            if st.closing {
                return;
            }
            let waiting_out_failure = st
                .failed_at
                .map(|at| at.elapsed())
                .filter(|&since| since < RETRY);
            let links_wanted = !st.links_wanted.is_empty() && !st.links_running;
            match (next_question(&st), waiting_out_failure) {
                (None, None) if links_wanted => {
                    drop(st);
                    ask_links(shared, data);
                    st = shared.lock();
                }
                (None, _) => {
                    st = shared
                        .wake
                        .wait(st)
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                }
                (Some(_), Some(since)) => {
                    st = shared
                        .wake
                        .wait_timeout(st, RETRY.saturating_sub(since))
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .0;
                }
                (Some(next), None) => break next,
            }
        };
        // Taken off the lists only once answered: while it runs it is still wanted.
        let cancel = Cancel::new();
        st.running.push((key, cancel.clone()));
        if wanted {
            st.asked += 1;
            if st.health == Health::Ready {
                st.health = Health::Answering;
            }
        } else {
            st.asked_ahead += 1;
        }
        drop(st);

        let result = data.view(&query, &cancel);

        let mut st = shared.lock();
        st.running.retain(|(k, _)| *k != key);
        match result {
            Ok(answer) => {
                st.clock += 1;
                let now = st.clock;
                st.cache.insert(key, (Arc::new(answer), now));
                st.wanted.retain(|(k, _)| *k != key);
                st.ahead.retain(|(k, _)| *k != key);
                if st.cache.len() > CACHE_TILES
                    && let Some(oldest) = st
                        .cache
                        .iter()
                        .min_by_key(|(_, (_, used))| *used)
                        .map(|(k, _)| *k)
                {
                    st.cache.remove(&oldest);
                }
                st.failed_at = None;
                st.health = if st.wanted.is_empty() {
                    Health::Ready
                } else {
                    Health::Answering
                };
            }
            Err(e) => failed(&mut st, e),
        }
        drop(st);
        // The other worker may have been waiting for this one's answer or failure.
        shared.wake.notify_all();
        (shared.repaint)();
    }
}
