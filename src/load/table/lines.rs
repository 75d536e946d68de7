//! Each event's line in its table, kept as runs: a table's rows mostly follow one
//! another a line apart, so ten million of them take a few runs, not 40 MB. A run
//! breaks where a row is skipped, a blank line or a cell over several lines comes.

/// The line of each event read from a table (1-based), in the order they were made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventLines {
    /// Where each run starts: its first event and that event's line; the events after
    /// it in the run are on the lines after.
    runs: Vec<(u32, u32)>,
    /// Events held.
    len: u32,
}

impl EventLines {
    /// The next event is on `line`.
    pub fn push(&mut self, line: u32) {
        let continues = self.runs.last().is_some_and(|&(first, at)| {
            u64::from(at) + u64::from(self.len - first) == u64::from(line)
        });
        if !continues {
            self.runs.push((self.len, line));
        }
        self.len = self.len.saturating_add(1);
    }

    /// The line of event `event`, if there is one.
    pub fn get(&self, event: usize) -> Option<u32> {
        let event = u32::try_from(event).ok().filter(|&e| e < self.len)?;
        let run = self.runs.partition_point(|&(first, _)| first <= event);
        let &(first, at) = self.runs.get(run.checked_sub(1)?)?;
        at.checked_add(event - first)
    }

    /// Events held.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// True when no event is held.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Runs kept (for the tests that check the memory stays small).
    pub fn runs(&self) -> usize {
        self.runs.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_come_back_as_pushed_and_consecutive_rows_share_a_run() {
        // A header on line 1, rows from line 2; a row skipped on line 5, a cell over
        // three lines on line 8, then rows again.
        let pushed = [2, 3, 4, 6, 7, 8, 11, 12, 13, u32::MAX - 1, u32::MAX];
        let mut lines = EventLines::default();
        for &l in &pushed {
            lines.push(l);
        }
        for (i, &l) in pushed.iter().enumerate() {
            assert_eq!(lines.get(i), Some(l), "event {i}");
        }
        assert_eq!(lines.get(pushed.len()), None);
        assert_eq!(lines.len(), pushed.len());
        assert_eq!(lines.runs(), 4, "{lines:?}");
        let mut many = EventLines::default();
        for l in 2..1_000_002 {
            many.push(l);
        }
        assert_eq!((many.runs(), many.get(999_999)), (1, Some(1_000_001)));
        assert_eq!(EventLines::default().get(0), None);
    }
}
