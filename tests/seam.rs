//! The seam between the timeline and its data (`timeline::seam`): the in-memory
//! source answers what brute force over the events says, tiles put back together give
//! the same answer, and the front of slow data never makes a view wait, keeps its
//! last answers when the source dies and recovers when it is back.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use claimline::load::Loaded;
use claimline::model::EventKind;
use claimline::timeline::seam::asking::{Asking, Health};
use claimline::timeline::seam::memory::{MemoryData, SharedMemory};
use claimline::timeline::seam::tiles::{self, Tile};
use claimline::timeline::seam::{
    Cancel, DataError, LinkRow, ListRow, Row, TimelineData, ViewAnswer, ViewAnswers, ViewQuery,
};
use claimline::timeline::{Derived, Document, Filter, LaneMode, Origin};
use proptest::prelude::*;

fn generated() -> &'static Document {
    static DOC: OnceLock<Document> = OnceLock::new();
    DOC.get_or_init(|| {
        let dataset = claimline::generate::generate(claimline::generate::GenerateOptions {
            events: 3_000,
            seed: 24,
        })
        .unwrap_or_else(|e| panic!("the generator fits its own strings: {e}"));
        Document::new(
            Loaded {
                dataset,
                warnings: Vec::new(),
                file: "generated.ron".into(),
                table: None,
            },
            Origin::Untitled,
        )
    })
}

fn derived(doc: &Document, kinds: &[bool]) -> Derived {
    let mut filter = Filter::default();
    for (k, &shown) in EventKind::ALL.iter().zip(kinds) {
        filter.set_kind(*k, shown);
    }
    Derived::compute(doc, &filter, LaneMode::Kind)
}

/// The days of the generated events.
fn day_range(doc: &Document) -> (i32, i32) {
    let ds = &doc.dataset;
    let first = ds
        .events
        .iter()
        .map(|e| e.date.earliest())
        .min()
        .unwrap_or(0);
    let last = ds.events.iter().map(|e| e.date.latest()).max().unwrap_or(0);
    (first, last)
}

/// A view of `width` days from `d0`, its columns cut every `step` days.
fn query(d0: i32, width: i32, step: i32, max_rows: usize) -> ViewQuery {
    ViewQuery::even(d0, width, step, max_rows, max_rows)
}

/// What the answer must be, by looking at every event.
fn brute_force(doc: &Document, d: &Derived, q: &ViewQuery) -> ViewAnswer {
    let ds = &doc.dataset;
    let mut lanes = Vec::new();
    for kind in EventKind::ALL {
        let rows: Vec<Row> = d
            .filtered
            .order
            .iter()
            .map(|&e| (e, &ds.events[e as usize]))
            .filter(|(_, ev)| ev.kind == kind)
            .map(|(e, ev)| Row {
                event: e,
                start: ev.date.earliest(),
                end: ev
                    .end
                    .map_or(ev.date.latest(), |end| end.latest().max(ev.date.latest())),
                exact: ev.date.is_exact_day(),
                kind: ev.kind,
                status: ev.status,
                unsourced: ev.quotes.is_empty(),
                linked: ds.relations_of(e).next().is_some(),
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let in_view = |exact: bool| -> Vec<Row> {
            let mut v: Vec<Row> = rows
                .iter()
                .filter(|r| r.exact == exact && r.start <= q.days.1 && r.end >= q.days.0)
                .copied()
                .collect();
            v.sort_by_key(|r| (r.start, r.end, r.event));
            v
        };
        let (exact, uncertain) = (in_view(true), in_view(false));
        lanes.push(claimline::timeline::seam::LaneView {
            label: kind.label().to_owned(),
            kind: Some(kind),
            exact_in_view: exact.len(),
            uncertain_in_view: uncertain.len(),
            starts: q
                .starts
                .iter()
                .map(|&(f, t)| {
                    rows.iter()
                        .filter(|r| r.exact && r.start >= f && r.start < t)
                        .count() as u32
                })
                .collect(),
            uncertain_starts: q
                .starts
                .iter()
                .map(|&(f, t)| {
                    rows.iter()
                        .filter(|r| !r.exact && r.start >= f && r.start < t)
                        .count() as u32
                })
                .collect(),
            overlaps: q
                .overlaps
                .iter()
                .map(|&(f, t)| {
                    rows.iter()
                        .filter(|r| !r.exact && r.start < t && r.end >= f)
                        .count() as u32
                })
                .collect(),
            exact_rows: (exact.len() <= q.max_rows).then_some(exact),
            uncertain_rows: (uncertain.len() <= q.max_uncertain_rows).then_some(uncertain),
        });
    }
    ViewAnswer {
        lanes,
        names: Default::default(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Counts per column and rows on screen, for random filters and views, are what
    /// looking at every event says.
    #[test]
    fn the_memory_source_answers_what_every_event_says(
        kinds in proptest::collection::vec(any::<bool>(), EventKind::ALL.len()),
        at in 0.0f64..1.0,
        width in 1i32..20_000,
        step in 1i32..400,
        max_rows in 0usize..300,
    ) {
        let doc = generated();
        let d = derived(doc, &kinds);
        let (first, last) = day_range(doc);
        let d0 = first - 100 + ((f64::from(last - first + 200)) * at) as i32;
        let q = query(d0, width, step, max_rows);
        let got = MemoryData::new(doc, &d).view(&q, &Cancel::new()).unwrap();
        prop_assert_eq!(got, brute_force(doc, &d, &q));
    }

    /// A view of up to 512 days drawn from its tiles (cached answers) is the view's
    /// own answer, to the event.
    #[test]
    fn a_view_put_together_from_its_tiles_is_exact_at_day_bins(
        at in 0.0f64..1.0,
        width in 1i32..=512,
        step in 1i32..40,
    ) {
        let doc = generated();
        let d = derived(doc, &[true; EventKind::ALL.len()]);
        let source = MemoryData::new(doc, &d);
        let (first, last) = day_range(doc);
        let d0 = first + ((f64::from(last - first)) * at) as i32;
        let q = query(d0, width, step, usize::MAX / 2);
        let tiles = tiles::tiles_for(&q);
        prop_assert!(!tiles.is_empty() && tiles.len() <= 2);
        prop_assert!(tiles.iter().all(|t| t.bin_days == 1));
        let answers: Vec<(Tile, ViewAnswer)> = tiles
            .iter()
            .map(|t| (*t, source.view(&t.query(&q), &Cancel::new()).unwrap()))
            .collect();
        let parts: Vec<(Tile, &ViewAnswer)> = answers.iter().map(|(t, a)| (*t, a)).collect();
        let combined = tiles::combine(&q, &parts).unwrap();
        prop_assert_eq!(combined, source.view(&q, &Cancel::new()).unwrap());
    }
}

#[test]
fn wider_views_from_tiles_keep_every_event_counted_once() {
    let doc = generated();
    let d = derived(doc, &[true; EventKind::ALL.len()]);
    let source = MemoryData::new(doc, &d);
    let (first, last) = day_range(doc);
    // The whole range, columns of ten days: bins of 32 days, split in proportion.
    let q = query(first, last - first + 1, 10, 0);
    let parts: Vec<(Tile, ViewAnswer)> = tiles::tiles_for(&q)
        .into_iter()
        .map(|t| (t, source.view(&t.query(&q), &Cancel::new()).unwrap()))
        .collect();
    assert!(parts.iter().all(|(t, _)| t.bin_days > 1));
    let refs: Vec<(Tile, &ViewAnswer)> = parts.iter().map(|(t, a)| (*t, a)).collect();
    let combined = tiles::combine(&q, &refs).unwrap();
    let exact = source.view(&q, &Cancel::new()).unwrap();
    for (c, e) in combined.lanes.iter().zip(&exact.lanes) {
        let (sc, se): (u32, u32) = (c.starts.iter().sum(), e.starts.iter().sum());
        let slack = q.starts.len() as u32 / 2 + 1;
        assert!(
            sc.abs_diff(se) <= slack,
            "lane {}: {sc} events counted from tiles, {se} in fact",
            e.label
        );
    }
}

/// An in-memory source made slow and mortal: it answers only while open, fails while
/// down (as an engine whose cluster was killed), and notices being cancelled.
struct Gated {
    inner: SharedMemory,
    open: AtomicBool,
    down: AtomicBool,
    cancels_seen: AtomicUsize,
}

impl TimelineData for Gated {
    fn lanes(&self) -> Result<Vec<claimline::timeline::seam::LaneFacet>, DataError> {
        self.inner.lanes()
    }

    fn view(&self, q: &ViewQuery, cancel: &Cancel) -> Result<ViewAnswer, DataError> {
        loop {
            if cancel.is_cancelled() {
                self.cancels_seen.fetch_add(1, Ordering::SeqCst);
                return Err(DataError::Cancelled);
            }
            if self.down.load(Ordering::SeqCst) {
                return Err(DataError::Unavailable(
                    "no scheduler answers at df://127.0.0.1:50050".to_owned(),
                ));
            }
            if self.open.load(Ordering::SeqCst) {
                return self.inner.view(q, cancel);
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    fn links(&self, event: claimline::model::EventIdx) -> Result<Vec<LinkRow>, DataError> {
        self.inner.links(event)
    }

    fn event_by_id(&self, id: &str) -> Result<Option<claimline::model::EventIdx>, DataError> {
        self.inner.event_by_id(id)
    }

    fn neighbours(
        &self,
        event: claimline::model::EventIdx,
        n: usize,
    ) -> Result<Option<claimline::timeline::seam::Neighbours>, DataError> {
        self.inner.neighbours(event, n)
    }

    fn links_among(
        &self,
        events: &[claimline::model::EventIdx],
    ) -> Result<Vec<claimline::timeline::seam::ViewLink>, DataError> {
        self.inner.links_among(events)
    }

    fn has_relations(&self) -> bool {
        self.inner.has_relations()
    }

    fn places(
        &self,
        query: &claimline::timeline::seam::PlacesQuery,
        cancel: &Cancel,
    ) -> Result<claimline::timeline::seam::PlacesAnswer, DataError> {
        self.inner.places(query, cancel)
    }

    fn disputes_in(
        &self,
        days: (i32, i32),
        limit: usize,
    ) -> Result<Vec<claimline::timeline::seam::DisputeRow>, DataError> {
        self.inner.disputes_in(days, limit)
    }

    fn page(&self, offset: usize, limit: usize) -> Result<Vec<ListRow>, DataError> {
        self.inner.page(offset, limit)
    }

    fn search(&self, text: &str, limit: usize) -> Result<Vec<Row>, DataError> {
        self.inner.search(text, limit)
    }

    fn position(&self, event: claimline::model::EventIdx) -> Result<Option<usize>, DataError> {
        self.inner.position(event)
    }

    fn event(
        &self,
        event: claimline::model::EventIdx,
    ) -> Result<Option<claimline::timeline::seam::EventRow>, DataError> {
        self.inner.event(event)
    }

    fn is_instant(&self) -> bool {
        false
    }
}

/// Waits (up to a generous limit, never as a measure of speed) for `done`.
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let until = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < until, "never happened: {what}");
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn a_slow_source_never_holds_a_view_and_survives_its_engine_dying() {
    let doc = generated().clone();
    let d = derived(&doc, &[true; EventKind::ALL.len()]);
    let shared = SharedMemory {
        doc: Arc::new(doc),
        derived: Arc::new(d),
    };
    let gated = Arc::new(Gated {
        inner: shared.clone(),
        open: AtomicBool::new(false),
        down: AtomicBool::new(false),
        cancels_seen: AtomicUsize::new(0),
    });
    let repaints = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&repaints);
    let front = Asking::new(
        gated.clone(),
        Box::new(move || {
            counted.fetch_add(1, Ordering::SeqCst);
        }),
    );
    let direct = |q: &ViewQuery| shared.view(q, &Cancel::new()).unwrap();
    let (first, _) = day_range(&shared.doc);
    let tile0 = first.div_euclid(512) * 512 + 512;
    // A 200-day view inside one tile.
    let q1 = query(tile0 + 100, 200, 3, 1_500);

    // Nothing known: no answer yet, and the indicator says the source is answering.
    assert_eq!(front.answer(&q1), None);
    eventually("the tile is asked for", || {
        front.status().health == Health::Answering
    });
    assert!(front.status().pending >= 1);

    gated.open.store(true, Ordering::SeqCst);
    eventually("the answer arrives", || front.answer(&q1).is_some());
    assert_eq!(front.answer(&q1), Some(direct(&q1)));
    assert!(
        repaints.load(Ordering::SeqCst) >= 1,
        "the window was told to draw again"
    );
    assert_eq!(front.status().health, Health::Ready);

    // The tiles either side are asked ahead while the view stays.
    eventually("the tiles beside the view are known", || {
        front.answer(&q1);
        front.status().pending_ahead == 0
    });
    assert_eq!(front.status().asked_ahead, 2);

    // Panning within the tile, or on into the next, asks nothing more.
    let asked = front.status().asked;
    let q1_panned = query(tile0 + 150, 200, 3, 1_500);
    assert_eq!(front.answer(&q1_panned), Some(direct(&q1_panned)));
    let q1_next = query(tile0 + 400, 200, 3, 1_500);
    assert_eq!(front.answer(&q1_next), Some(direct(&q1_next)));
    assert_eq!(front.status().asked, asked);
    assert_eq!(front.status().health, Health::Ready);
    // The next tile on is asked ahead in turn.
    eventually("the tile after the next is known", || {
        front.answer(&q1_next);
        front.status().pending_ahead == 0
    });
    assert_eq!(front.status().asked_ahead, 3);

    // A view left before its answer came is cancelled.
    gated.open.store(false, Ordering::SeqCst);
    let far = query(tile0 + 5 * 512 + 10, 100, 3, 1_500);
    let farther = query(tile0 + 9 * 512 + 10, 100, 3, 1_500);
    assert_eq!(front.answer(&far), None, "nothing is known there");
    eventually("the far tile is being answered", || {
        front.status().asked > asked
    });
    front.answer(&farther);
    eventually("the left view's question is cancelled", || {
        gated.cancels_seen.load(Ordering::SeqCst) >= 1
    });
    assert!(front.status().cancelled >= 1);

    // Back to a known view: drawn at once from the cache, though the source is busy.
    assert_eq!(front.answer(&q1), Some(direct(&q1)));

    // Zoomed out around it: drawn from the known tiles, rescaled, while the new one is
    // asked for.
    let wide = query(tile0 - 900, 2_000, 12, 1_500);
    let stale = front.answer(&wide).expect("a known tile stands in");
    let counted_there: u32 = stale.lanes.iter().flat_map(|l| l.starts.iter()).sum();
    // The four tiles known from tile0 - 512 on, up to the wide view's end.
    let known_there: u32 = direct(&query(tile0 - 512, 1_612, 1_612, 1_500))
        .lanes
        .iter()
        .flat_map(|l| l.starts.iter())
        .sum();
    assert_eq!(
        counted_there, known_there,
        "the stale answer shows the known tiles' events"
    );

    // The engine dies: the view keeps its last answers and says the engine is gone.
    gated.down.store(true, Ordering::SeqCst);
    eventually("the failure is reported", || {
        matches!(front.status().health, Health::Gone(_))
    });
    let Health::Gone(why) = front.status().health else {
        unreachable!()
    };
    assert!(why.contains("df://127.0.0.1:50050"), "{why}");
    assert!(front.answer(&wide).is_some());
    // Back on a view whose tiles (and those beside it) are all known, nothing is wanted;
    // the view is still asked again now and then, so it can say the engine is back.
    assert_eq!(front.answer(&q1), Some(direct(&q1)));
    assert!(matches!(front.status().health, Health::Gone(_)));

    // It comes back: the known view says so, and a wanted view is answered, with no
    // restart.
    gated.down.store(false, Ordering::SeqCst);
    gated.open.store(true, Ordering::SeqCst);
    eventually("a known view says the engine is back", || {
        front.answer(&q1);
        front.status().health == Health::Ready
    });
    let parts: Vec<(Tile, ViewAnswer)> = tiles::tiles_for(&wide)
        .into_iter()
        .map(|t| (t, direct(&t.query(&wide))))
        .collect();
    let refs: Vec<(Tile, &ViewAnswer)> = parts.iter().map(|(t, a)| (*t, a)).collect();
    let want = tiles::combine(&wide, &refs);
    eventually("the wide view is answered", || {
        front.answer(&wide) == want && front.status().health == Health::Ready
    });
}
