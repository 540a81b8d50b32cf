//! The discrete-event engine: a clock and a queue of future events.
//!
//! Every lab is a set of handlers driven by this queue. Events are ordered by
//! `(time, seq)`: `seq` is a counter stamped when an event is scheduled, so two
//! events due at the same microsecond always run in the order they were
//! scheduled, on every platform. There is no wall clock here: the caller says
//! how far to go ([`Engine::pop_until`]) or asks for exactly one event
//! ([`Engine::pop_next`], the shell's Step button).

use crate::time::{SimDuration, SimTime};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// An event waiting in the queue.
#[derive(Debug)]
struct Scheduled<E> {
    at: SimTime,
    seq: u64,
    event: E,
}

impl<E> PartialEq for Scheduled<E> {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}
impl<E> Eq for Scheduled<E> {}
impl<E> PartialOrd for Scheduled<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Scheduled<E> {
    /// Reversed, so that `BinaryHeap` (a max-heap) pops the earliest event.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

/// The clock and the future-event queue of one run.
#[derive(Debug)]
pub struct Engine<E> {
    now: SimTime,
    seq: u64,
    queue: BinaryHeap<Scheduled<E>>,
    processed: u64,
}

impl<E> Default for Engine<E> {
    fn default() -> Self {
        Engine::new()
    }
}

impl<E> Engine<E> {
    /// An engine at time zero with nothing scheduled.
    pub fn new() -> Engine<E> {
        Engine { now: SimTime::ZERO, seq: 0, queue: BinaryHeap::new(), processed: 0 }
    }

    /// The current simulated time.
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// How many events have been popped since the start.
    pub fn processed(&self) -> u64 {
        self.processed
    }

    /// How many events are waiting.
    pub fn pending(&self) -> usize {
        self.queue.len()
    }

    /// When the next event is due, if any.
    pub fn next_due(&self) -> Option<SimTime> {
        self.queue.peek().map(|s| s.at)
    }

    /// Schedules `event` at `at`. An instant in the past runs at `now`: the
    /// clock never goes backwards.
    pub fn schedule_at(&mut self, at: SimTime, event: E) {
        let at = at.max(self.now);
        self.seq += 1;
        self.queue.push(Scheduled { at, seq: self.seq, event });
    }

    /// Schedules `event` after `delay`.
    pub fn schedule_in(&mut self, delay: SimDuration, event: E) {
        self.schedule_at(self.now + delay, event);
    }

    /// Pops the next event due at or before `limit` and moves the clock to it.
    /// Returns `None` when nothing more is due by `limit`; the caller then
    /// calls [`Engine::finish_at`] to move the clock to `limit`.
    pub fn pop_until(&mut self, limit: SimTime) -> Option<E> {
        if self.queue.peek()?.at > limit {
            return None;
        }
        self.pop_next()
    }

    /// Pops the next event whatever its time (one Step).
    pub fn pop_next(&mut self) -> Option<E> {
        let s = self.queue.pop()?;
        self.now = s.at;
        self.processed += 1;
        Some(s.event)
    }

    /// Moves the clock forward to `t` once every event up to `t` has run.
    pub fn finish_at(&mut self, t: SimTime) {
        debug_assert!(self.next_due().is_none_or(|due| due > t));
        self.now = self.now.max(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_time_events_run_in_scheduling_order() {
        let mut e = Engine::new();
        e.schedule_at(SimTime(5), "b1");
        e.schedule_at(SimTime(3), "a");
        e.schedule_at(SimTime(5), "b2");
        e.schedule_at(SimTime(5), "b3");
        let mut order = vec![];
        while let Some(ev) = e.pop_until(SimTime(10)) {
            order.push((e.now().0, ev));
        }
        assert_eq!(order, [(3, "a"), (5, "b1"), (5, "b2"), (5, "b3")]);
    }

    #[test]
    fn pop_until_leaves_later_events_and_clock_stops_at_the_limit() {
        let mut e = Engine::new();
        e.schedule_at(SimTime(10), 1);
        e.schedule_at(SimTime(20), 2);
        assert_eq!(e.pop_until(SimTime(15)), Some(1));
        assert_eq!(e.pop_until(SimTime(15)), None);
        e.finish_at(SimTime(15));
        assert_eq!(e.now(), SimTime(15));
        assert_eq!(e.pending(), 1);
    }

    #[test]
    fn the_past_is_clamped_to_now() {
        let mut e = Engine::new();
        e.schedule_at(SimTime(10), 1);
        e.pop_next();
        e.schedule_at(SimTime(2), 2);
        assert_eq!(e.next_due(), Some(SimTime(10)));
    }
}
