//! The map's questions to slow data (a table read through a query engine, or a large
//! document in memory): asked on a thread of their own, one at a time, the last answer kept on
//! screen until the next comes, a question no longer wanted cancelled.

use std::sync::{Arc, Mutex, PoisonError};

use crate::timeline::seam::{Cancel, DataError, PlacesAnswer, PlacesQuery, TimelineData};

/// How a question is answered (`TimelineData::places`, or `memory::places_in` over a
/// document's filtered events).
pub type Answerer =
    Arc<dyn Fn(&PlacesQuery, &Cancel) -> Result<PlacesAnswer, DataError> + Send + Sync>;

/// What the asker knows.
#[derive(Default)]
struct Known {
    /// The question under way, and its cancel flag.
    asking: Option<(PlacesQuery, Cancel)>,
    /// The last question answered, and its answer.
    answered: Option<(PlacesQuery, Result<PlacesAnswer, DataError>)>,
}

/// Asks `TimelineData::places` off the frame.
pub struct PlacesAsker {
    answerer: Answerer,
    /// What it asks (to tell whether it still asks the data on screen).
    of: usize,
    known: Arc<Mutex<Known>>,
    repaint: Arc<dyn Fn() + Send + Sync>,
}

impl PlacesAsker {
    /// Asks `data`, calling `repaint` when an answer comes.
    pub fn of_data(data: &Arc<dyn TimelineData>, repaint: Arc<dyn Fn() + Send + Sync>) -> Self {
        let of = Arc::as_ptr(data).cast::<()>() as usize;
        let data = Arc::clone(data);
        Self::new(
            Arc::new(move |q, cancel| data.places(q, cancel)),
            of,
            repaint,
        )
    }

    /// Answers with `answerer`, which stands for `of` (an address, a generation),
    /// calling `repaint` when an answer comes.
    pub fn new(answerer: Answerer, of: usize, repaint: Arc<dyn Fn() + Send + Sync>) -> Self {
        Self {
            answerer,
            of,
            known: Arc::default(),
            repaint,
        }
    }

    /// What it asks: the `of` it was made with.
    pub fn of(&self) -> usize {
        self.of
    }

    /// The last answer (maybe to another question), after asking `query` if it is not
    /// the question answered or under way.
    pub fn ask(
        &self,
        query: &PlacesQuery,
    ) -> Option<(PlacesQuery, Result<PlacesAnswer, DataError>)> {
        let mut known = self.known.lock().unwrap_or_else(PoisonError::into_inner);
        let answered = known.answered.as_ref().is_some_and(|(q, _)| q == query);
        let under_way = known.asking.as_ref().is_some_and(|(q, _)| q == query);
        if !answered && !under_way {
            if let Some((_, cancel)) = known.asking.take() {
                cancel.cancel();
            }
            let cancel = Cancel::new();
            known.asking = Some((*query, cancel.clone()));
            let (answerer, shared, repaint, query) = (
                Arc::clone(&self.answerer),
                Arc::clone(&self.known),
                Arc::clone(&self.repaint),
                *query,
            );
            std::thread::spawn(move || {
                let answer = answerer(&query, &cancel);
                if matches!(answer, Err(DataError::Cancelled)) {
                    return;
                }
                let mut known = shared.lock().unwrap_or_else(PoisonError::into_inner);
                if known.asking.as_ref().is_some_and(|(q, _)| *q == query) {
                    known.asking = None;
                }
                known.answered = Some((query, answer));
                drop(known);
                repaint();
            });
        }
        known.answered.clone()
    }

    /// Whether a question is under way.
    pub fn is_asking(&self) -> bool {
        self.known
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .asking
            .is_some()
    }
}
