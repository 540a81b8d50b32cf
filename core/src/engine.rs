//! The discrete-event engine: a clock and a queue of future events.
//!
//! Every lab is a set of handlers driven by this queue. Events are ordered by
//! `(time, seq)`: `seq` is a counter stamped when an event is scheduled, so two
//! events due at the same microsecond always run in the order they were
//! scheduled, on every platform. There is no wall clock here: the caller says
//! how far to go ([`Engine::pop_until`]) or asks for exactly one event
//! ([`Engine::pop_next`], the shell's Step button).

use crate::time::{SimDuration, SimTime};

/// How many children each node of the queue's heap has. A 4-ary heap is half
/// as deep as a binary one, and a node's children sit side by side in memory,
/// so a pop touches about half as many cache lines: with ten thousand
/// requests in flight the queue no longer fits in cache, and that is what the
/// engine's time goes on.
const ARITY: usize = 4;

/// A waiting event's place in the heap: its due time, its scheduling number
/// and the slot its payload waits in. Payloads stay put in their slots while
/// the small keys move, so a sift moves 24 bytes a level, whatever `E` is.
#[derive(Clone, Copy, Debug)]
struct Key {
    at: SimTime,
    seq: u64,
    slot: usize,
}

impl Key {
    /// Whether this key runs before `other`: earlier, or as early and
    /// scheduled first. Compared as one 128-bit number, which is a compare
    /// and a subtract-with-borrow, with no branch on whether the times tie.
    #[inline]
    fn before(&self, other: &Key) -> bool {
        let order = |k: &Key| (u128::from(k.at.0) << 64) | u128::from(k.seq);
        order(self) < order(other)
    }
}

/// A place in the order of events due at the same instant, taken when an
/// event is decided on and spent when it is scheduled. A lab that keeps one
/// timer for many requests (see the load-balancing lab's timeouts) takes a
/// ticket per request, so each timeout still runs exactly where it would
/// have had it been scheduled on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ticket(u64);

/// The clock and the future-event queue of one run.
///
/// The queue is a 4-ary min-heap of [`Key`]s over a slab of payloads (a
/// vector of slots and a list of free ones), written out here because the
/// engine is one of the things the playground teaches.
#[derive(Debug)]
pub struct Engine<E> {
    now: SimTime,
    seq: u64,
    heap: Vec<Key>,
    slots: Vec<Option<E>>,
    free: Vec<usize>,
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
        Engine {
            now: SimTime::ZERO,
            seq: 0,
            heap: Vec::new(),
            slots: Vec::new(),
            free: Vec::new(),
            processed: 0,
        }
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
        self.heap.len()
    }

    /// When the next event is due, if any.
    pub fn next_due(&self) -> Option<SimTime> {
        self.heap.first().map(|k| k.at)
    }

    /// Schedules `event` at `at`. An instant in the past runs at `now`: the
    /// clock never goes backwards.
    pub fn schedule_at(&mut self, at: SimTime, event: E) {
        let ticket = self.ticket();
        self.schedule_with(at, ticket, event);
    }

    /// Takes the next place in the scheduling order without scheduling
    /// anything yet.
    pub fn ticket(&mut self) -> Ticket {
        self.seq += 1;
        Ticket(self.seq)
    }

    /// Schedules `event` at `at` in the place `ticket` took: among events due
    /// at the same instant it runs after those scheduled before the ticket
    /// was taken and before those scheduled after.
    pub fn schedule_with(&mut self, at: SimTime, ticket: Ticket, event: E) {
        let at = at.max(self.now);
        let slot = match self.free.pop() {
            Some(slot) => {
                self.slots[slot] = Some(event);
                slot
            }
            None => {
                self.slots.push(Some(event));
                self.slots.len() - 1
            }
        };
        self.heap.push(Key { at, seq: ticket.0, slot });
        self.sift_up(self.heap.len() - 1);
    }

    /// Schedules `event` after `delay`.
    pub fn schedule_in(&mut self, delay: SimDuration, event: E) {
        self.schedule_at(self.now + delay, event);
    }

    /// Pops the next event due at or before `limit` and moves the clock to it.
    /// Returns `None` when nothing more is due by `limit`; the caller then
    /// calls [`Engine::finish_at`] to move the clock to `limit`.
    pub fn pop_until(&mut self, limit: SimTime) -> Option<E> {
        if self.heap.first()?.at > limit {
            return None;
        }
        self.pop_next()
    }

    /// Pops the next event whatever its time (one Step).
    pub fn pop_next(&mut self) -> Option<E> {
        let last = self.heap.pop()?;
        let first = match self.heap.first() {
            Some(&first) => {
                self.fill_root_with(last);
                first
            }
            None => last,
        };
        self.now = first.at;
        self.processed += 1;
        self.free.push(first.slot);
        self.slots[first.slot].take()
    }

    /// Moves the clock forward to `t` once every event up to `t` has run.
    pub fn finish_at(&mut self, t: SimTime) {
        debug_assert!(self.next_due().is_none_or(|due| due > t));
        self.now = self.now.max(t);
    }

    /// Moves the key at `i` up while it runs before its parent.
    fn sift_up(&mut self, mut i: usize) {
        let key = self.heap[i];
        while i > 0 {
            let parent = (i - 1) / ARITY;
            if !key.before(&self.heap[parent]) {
                break;
            }
            self.heap[i] = self.heap[parent];
            i = parent;
        }
        self.heap[i] = key;
    }

    /// Fills the root, whose key was just taken, with `key` (the heap's
    /// last). Floyd's way: the hole goes all the way down, always to the
    /// child that runs first, and `key` then climbs from the bottom. The key
    /// that was last usually belongs near the bottom, so this saves
    /// comparing it with a child at every level on the way down.
    fn fill_root_with(&mut self, key: Key) {
        let len = self.heap.len();
        let mut hole = 0;
        loop {
            let first = ARITY * hole + 1;
            if let Some(&[a, b, c, d]) = self.heap.get(first..first + ARITY) {
                // All four children: two pairs, then their winners, so the
                // two first comparisons do not wait on each other.
                let (ab, kab) = if b.before(&a) { (1, b) } else { (0, a) };
                let (cd, kcd) = if d.before(&c) { (3, d) } else { (2, c) };
                let (best, k) = if kcd.before(&kab) { (cd, kcd) } else { (ab, kab) };
                self.heap[hole] = k;
                hole = first + best;
                continue;
            }
            // The last parent, with fewer than four children, if any.
            if first < len {
                let mut best = first;
                for c in first + 1..len {
                    if self.heap[c].before(&self.heap[best]) {
                        best = c;
                    }
                }
                self.heap[hole] = self.heap[best];
                hole = best;
            }
            break;
        }
        self.heap[hole] = key;
        self.sift_up(hole);
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
    fn a_ticket_keeps_its_place_among_same_time_events() {
        let mut e = Engine::new();
        e.schedule_at(SimTime(5), "first");
        let ticket = e.ticket();
        e.schedule_at(SimTime(5), "third");
        e.schedule_with(SimTime(5), ticket, "second");
        let order: Vec<_> = std::iter::from_fn(|| e.pop_next()).collect();
        assert_eq!(order, ["first", "second", "third"]);
    }

    #[test]
    fn a_ticket_older_than_the_event_just_run_still_runs_first() {
        // The load-balancing lab's timeouts: a ticket taken at arrival, spent
        // later for an instant whose later-scheduled events have begun.
        let mut e = Engine::new();
        let early = e.ticket();
        let later = e.ticket();
        e.schedule_at(SimTime(5), "a");
        e.schedule_at(SimTime(5), "b");
        e.schedule_at(SimTime(9), "z");
        assert_eq!(e.pop_next(), Some("a"));
        e.schedule_with(SimTime(5), later, "second");
        e.schedule_with(SimTime(5), early, "first");
        assert_eq!(e.next_due(), Some(SimTime(5)));
        let order: Vec<_> = std::iter::from_fn(|| e.pop_next()).collect();
        assert_eq!(order, ["first", "second", "b", "z"]);
        assert_eq!(e.pending(), 0);
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
