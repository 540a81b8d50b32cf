//! The trace: what happened, in order, for drawing and for checking.
//!
//! A lab records every past-tense event it emits here. The trace keeps only the
//! most recent events (bounded memory, however long the run), but folds every
//! event ever recorded into a running hash. Two runs with the same config, seed
//! and command log must end with the same hash, natively and in wasm: that one
//! number is the determinism check. The hash is the `trace-hash` feature (on
//! by default; the web app, which never shows it, leaves it off). Each event
//! goes into it through its `Serialize` derive ([`Canon`]).

#[cfg(feature = "trace-hash")]
mod canon;

use crate::time::SimTime;
#[cfg(feature = "trace-hash")]
pub use canon::Canon;
use serde::Serialize;
use std::collections::VecDeque;

/// One recorded event.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry<E> {
    /// When it happened.
    pub at: SimTime,
    /// Its sequence number in the whole run (0-based), so the UI can tell
    /// which entries it has already shown.
    pub seq: u64,
    /// What happened.
    pub event: E,
}

/// A bounded log of events with a hash over all of them.
#[derive(Clone, Debug)]
pub struct Trace<E> {
    recent: VecDeque<Entry<E>>,
    capacity: usize,
    total: u64,
    #[cfg(feature = "trace-hash")]
    hash: Canon,
}

impl<E: Serialize> Trace<E> {
    /// A trace that keeps the last `capacity` events (at least one).
    pub fn new(capacity: usize) -> Trace<E> {
        let capacity = capacity.max(1);
        Trace {
            recent: VecDeque::with_capacity(capacity.min(4_096)),
            capacity,
            total: 0,
            #[cfg(feature = "trace-hash")]
            hash: Canon::new(),
        }
    }

    /// Records `event` at `at`.
    pub fn record(&mut self, at: SimTime, event: E) {
        // An event's serde encoding is its canonical form: derived, and
        // the same words on every platform (see `canon`).
        #[cfg(feature = "trace-hash")]
        {
            self.hash.word(at.0);
            self.hash.value(&event);
        }
        if self.recent.len() == self.capacity {
            self.recent.pop_front();
        }
        self.recent.push_back(Entry { at, seq: self.total, event });
        self.total += 1;
    }

    /// The hash of every event recorded so far.
    #[cfg(feature = "trace-hash")]
    pub fn hash(&self) -> u64 {
        self.hash.finish()
    }

    /// How many events have been recorded since the start.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The most recent events, oldest first.
    pub fn recent(&self) -> impl DoubleEndedIterator<Item = &Entry<E>> + ExactSizeIterator {
        self.recent.iter()
    }

    /// Recent events with `seq >= from`, oldest first.
    pub fn since(&self, from: u64) -> impl Iterator<Item = &Entry<E>> {
        let skip = from.saturating_sub(self.total - self.recent.len() as u64);
        self.recent.iter().skip(usize::try_from(skip).unwrap_or(usize::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_last_events_but_hashes_all() {
        let mut a = Trace::new(3);
        let mut b = Trace::new(100);
        for i in 0..10u32 {
            a.record(SimTime(u64::from(i)), i);
            b.record(SimTime(u64::from(i)), i);
        }
        assert_eq!(a.recent().map(|e| e.event).collect::<Vec<_>>(), [7, 8, 9]);
        assert_eq!(a.hash(), b.hash(), "the hash does not depend on the window");
        assert_eq!(a.total(), 10);
        assert_eq!(a.since(8).map(|e| e.event).collect::<Vec<_>>(), [8, 9]);
        assert_eq!(a.since(0).count(), 3);
        assert_eq!(a.since(10).count(), 0);
    }

    #[test]
    fn order_and_time_both_change_the_hash() {
        let hash = |evs: &[(u64, u32)]| {
            let mut t = Trace::new(8);
            for &(at, e) in evs {
                t.record(SimTime(at), e);
            }
            t.hash()
        };
        assert_ne!(hash(&[(1, 1), (1, 2)]), hash(&[(1, 2), (1, 1)]));
        assert_ne!(hash(&[(1, 1)]), hash(&[(2, 1)]));
    }
}
