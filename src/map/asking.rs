//! The map's questions to slow data (a table read through a query engine, or a large
//! document in memory): asked on a thread of their own, one at a time, the last answer kept on
//! screen until the next comes, a question no longer wanted cancelled. A question the
//! data failed to answer (an engine's cluster down) is asked again every
//! [`RETRY`](crate::timeline::seam::asking::RETRY) while it is on screen, so the map
//! recovers with the data, as the timeline does.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

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
    /// When the last answer came.
    answered_at: Option<Instant>,
}

/// Asks `TimelineData::places` off the frame.
pub struct PlacesAsker {
    answerer: Answerer,
    /// What it asks (to tell whether it still asks the data on screen).
    of: usize,
    known: Arc<Mutex<Known>>,
    repaint: Arc<dyn Fn() + Send + Sync>,
    /// How long a failed question waits before it is asked again.
    retry: Duration,
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
            retry: crate::timeline::seam::asking::RETRY,
        }
    }

    /// The same asker, asking a failed question again after `retry` (tests).
    #[must_use]
    pub fn retrying_after(mut self, retry: Duration) -> Self {
        self.retry = retry;
        self
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
        let failed_a_while_ago = known
            .answered_at
            .is_some_and(|at| at.elapsed() >= self.retry)
            && known.answered.as_ref().is_some_and(|(_, a)| a.is_err());
        let answered =
            known.answered.as_ref().is_some_and(|(q, _)| q == query) && !failed_a_while_ago;
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
                known.answered_at = Some(Instant::now());
                drop(known);
                repaint();
            });
        }
        known.answered.clone()
    }

    /// Whether the last answer is a failure: the frame should come back after the
    /// retry, to ask again.
    pub fn failed(&self) -> bool {
        self.known
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .answered
            .as_ref()
            .is_some_and(|(_, a)| a.is_err())
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

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// Data that fails its first two answers (a cluster down), then answers.
    fn flaky() -> (Answerer, Arc<AtomicUsize>) {
        let calls = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&calls);
        let answerer: Answerer = Arc::new(move |_q, _cancel| {
            if counted.fetch_add(1, Ordering::SeqCst) < 2 {
                Err(DataError::Unavailable("the cluster does not answer".into()))
            } else {
                Ok(PlacesAnswer {
                    in_area: 7,
                    ..PlacesAnswer::default()
                })
            }
        });
        (answerer, calls)
    }

    fn wait_for(asker: &PlacesAsker, query: &PlacesQuery) -> Result<PlacesAnswer, DataError> {
        for _ in 0..2_000 {
            if !asker.is_asking()
                && let Some((q, a)) = asker.ask(query)
                && q == *query
            {
                return a;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        panic!("no answer");
    }

    #[test]
    fn a_failed_question_is_asked_again_until_the_data_answers() {
        let (answerer, calls) = flaky();
        let asker = PlacesAsker::new(answerer, 0, Arc::new(|| {}))
            .retrying_after(Duration::from_millis(30));
        let query = PlacesQuery {
            days: (0, 10),
            area: crate::map::frame::world(),
            cell: 1.0 / 64.0,
            max_points: 10,
        };
        assert!(wait_for(&asker, &query).is_err(), "the first answer fails");
        assert!(asker.failed());
        // Asked again at once, the failure stands: the data is not hammered.
        assert!(asker.ask(&query).is_some_and(|(_, a)| a.is_err()));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        // After the retry, the same question is asked again, and again, until it answers.
        let mut answer = Err(DataError::Cancelled);
        for _ in 0..100 {
            std::thread::sleep(Duration::from_millis(35));
            answer = wait_for(&asker, &query);
            if answer.is_ok() {
                break;
            }
        }
        assert_eq!(answer.map(|a| a.in_area).ok(), Some(7), "the map recovers");
        assert!(!asker.failed());
        assert_eq!(calls.load(Ordering::SeqCst), 3);
        // A good answer is kept: asked again, nothing is recomputed.
        std::thread::sleep(Duration::from_millis(35));
        assert!(asker.ask(&query).is_some_and(|(_, a)| a.is_ok()));
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }
}
