//! The discrete-event engine: a clock and a queue of future events.
//!
//! Every lab is a set of handlers driven by this queue. Events are ordered by
//! `(time, seq)`: `seq` is a counter stamped when an event is scheduled, so two
//! events due at the same microsecond always run in the order they were
//! scheduled, on every platform. There is no wall clock here: the caller says
//! how far to go ([`Engine::pop_until`]) or asks for exactly one event
//! ([`Engine::pop_next`], the shell's Step button).
//!
//! The queue has two parts, as a calendar queue (Brown, 1988) does. Most
//! events are due soon — a message a millisecond away, a request's service a
//! few tens of milliseconds — and those go into a *wheel* of [`WHEEL`]
//! buckets, one per [`TICK`] of time: scheduling one is a push onto its
//! bucket, a list threaded through the payloads' slots, so it allocates
//! nothing. A bucket is taken out and sorted only when the clock reaches it,
//! and it holds 32 µs of events, most often one, which is then run in place
//! without a sort; what is scheduled into that tick meanwhile is put in its place.
//! Events due
//! further than the wheel reaches (timeouts, think times, retries) wait in a
//! 4-ary heap, and the next event is the earlier of the two parts' first.
//! Both keep the same `(time, seq)` order, so which part an event waits in
//! never changes when it runs: the traces are the same as with one heap.

use crate::time::{SimDuration, SimTime};

/// How many children each node of the far heap has. A 4-ary heap is half
/// as deep as a binary one, and a node's children sit side by side in
/// memory, so a pop touches about half as many cache lines.
const ARITY: usize = 4;

/// The width of one wheel bucket in µs, as a power of two: 32 µs, so a
/// bucket mostly holds one event even in the busiest labs and is opened
/// without a sort (cachegrind on the engine kernel: 256 µs buckets
/// mispredicted 2.9 branches an event, 32 µs ones 1.2; narrower ones cost
/// more cache misses walking empty buckets than they saved).
const TICK_BITS: u32 = 5;
/// The width of one wheel bucket.
pub const TICK: SimDuration = SimDuration(1 << TICK_BITS);
/// How many buckets the wheel has: it holds events due within 262 ms.
pub const WHEEL: usize = 8192;

/// A waiting event's place in the queue: its due time, its scheduling
/// number and the slot its payload waits in. Payloads stay put in their
/// slots while the small keys move, so a sort or a sift moves 24 bytes a
/// key, whatever `E` is.
#[derive(Clone, Copy, Debug)]
struct Key {
    at: SimTime,
    seq: u64,
    slot: usize,
}

impl Key {
    /// The key's place in the order, as one 128-bit number: comparing two
    /// is a compare and a subtract-with-borrow, with no branch on whether
    /// the times tie.
    #[inline]
    fn order(&self) -> u128 {
        (u128::from(self.at.0) << 64) | u128::from(self.seq)
    }

    /// Whether this key runs before `other`: earlier, or as early and
    /// scheduled first.
    #[inline]
    fn before(&self, other: &Key) -> bool {
        self.order() < other.order()
    }

    /// The wheel tick the key falls in.
    #[inline]
    fn tick(&self) -> u64 {
        self.at.0 >> TICK_BITS
    }
}

/// A place in the order of events due at the same instant, taken when an
/// event is decided on and spent when it is scheduled. A lab that keeps one
/// timer for many requests (see the load-balancing lab's timeouts) takes a
/// ticket per request, so each timeout still runs exactly where it would
/// have had it been scheduled on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ticket(u64);

/// The end of a bucket's chain.
const NIL: u32 = u32::MAX;

/// A slot's key, and, while the key is in a wheel bucket, the next slot of
/// the bucket's chain: a bucket is a list threaded through the slots, so
/// scheduling into one allocates nothing.
#[derive(Debug)]
struct Link {
    at: SimTime,
    seq: u64,
    next: u32,
}

/// Which part of the queue the next event waits in.
#[derive(Clone, Copy)]
enum Part {
    Current,
    /// The only key of this wheel bucket's chain.
    Single(usize),
    Far,
}

/// The clock and the future-event queue of one run.
///
/// The queue is a wheel of buckets for what is due soon and a 4-ary
/// min-heap of [`Key`]s for the rest, over a slab of payloads (a vector of
/// slots and a list of free ones), written out here because the engine is
/// one of the things the playground teaches.
///
/// Only the payloads depend on `E`: the clock, wheel and heap are one
/// [`Queue`] of slot numbers, compiled once for every lab instead of once
/// per lab's event type (4.3 KB less of the site's gzipped wasm with six
/// labs).
#[derive(Debug)]
pub struct Engine<E> {
    queue: Queue,
    /// Slot `i`'s payload, from when it is scheduled until it runs.
    events: Vec<Option<E>>,
}

/// The clock, the wheel and the far heap, over slot numbers.
#[derive(Debug)]
struct Queue {
    now: SimTime,
    seq: u64,
    /// Bucket `tick % WHEEL`'s chain of slots (its newest first, [`NIL`]
    /// when empty) holds the keys due in that tick, for ticks from the
    /// clock's to `WHEEL - 1` after it: all of one tick, so never two ticks'
    /// keys in one bucket.
    heads: Vec<u32>,
    /// One bit a bucket: whether its chain holds anything.
    occupied: [u64; WHEEL / 64],
    /// Keys in the chains.
    chained: usize,
    /// The earliest bucket, taken out of its chain when the next event was
    /// looked for, sorted: `current[head..]` wait, all in tick `current_tick`.
    /// A key scheduled into that tick is put in its place here.
    current: Vec<Key>,
    head: usize,
    current_tick: u64,
    /// The keys due beyond the wheel, as a heap.
    far: Vec<Key>,
    links: Vec<Link>,
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
        Engine { queue: Queue::new(), events: Vec::new() }
    }

    /// The current simulated time.
    pub fn now(&self) -> SimTime {
        self.queue.now
    }

    /// How many events have been popped since the start.
    pub fn processed(&self) -> u64 {
        self.queue.processed
    }

    /// How many events are waiting.
    pub fn pending(&self) -> usize {
        self.queue.pending()
    }

    /// When the next event is due, if any.
    pub fn next_due(&self) -> Option<SimTime> {
        self.queue.next_due()
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
        self.queue.seq += 1;
        Ticket(self.queue.seq)
    }

    /// Schedules `event` at `at` in the place `ticket` took: among events due
    /// at the same instant it runs after those scheduled before the ticket
    /// was taken and before those scheduled after.
    pub fn schedule_with(&mut self, at: SimTime, ticket: Ticket, event: E) {
        let slot = self.queue.schedule(at, ticket.0);
        match self.events.get_mut(slot) {
            Some(place) => *place = Some(event),
            None => self.events.push(Some(event)),
        }
    }

    /// Schedules `event` after `delay`.
    pub fn schedule_in(&mut self, delay: SimDuration, event: E) {
        self.schedule_at(self.queue.now + delay, event);
    }

    /// Pops the next event due at or before `limit` and moves the clock to it.
    /// Returns `None` when nothing more is due by `limit`; the caller then
    /// calls [`Engine::finish_at`] to move the clock to `limit`.
    pub fn pop_until(&mut self, limit: SimTime) -> Option<E> {
        let slot = self.queue.pop(limit)?;
        // Every waiting key's slot holds its payload until the key is taken.
        self.events.get_mut(slot)?.take()
    }

    /// Pops the next event whatever its time (one Step).
    pub fn pop_next(&mut self) -> Option<E> {
        self.pop_until(SimTime(u64::MAX))
    }

    /// Moves the clock forward to `t` once every event up to `t` has run.
    pub fn finish_at(&mut self, t: SimTime) {
        debug_assert!(self.next_due().is_none_or(|due| due > t));
        self.queue.now = self.queue.now.max(t);
    }
}

impl Queue {
    fn new() -> Queue {
        Queue {
            now: SimTime::ZERO,
            seq: 0,
            heads: vec![NIL; WHEEL],
            occupied: [0; WHEEL / 64],
            chained: 0,
            current: Vec::new(),
            head: 0,
            current_tick: 0,
            far: Vec::new(),
            links: Vec::new(),
            free: Vec::new(),
            processed: 0,
        }
    }

    fn pending(&self) -> usize {
        self.chained + (self.current.len() - self.head) + self.far.len()
    }

    fn next_due(&self) -> Option<SimTime> {
        let near = match self.current.get(self.head) {
            Some(&k) => Some(k),
            None => self.first_bucket().and_then(|b| self.chain(b).min_by_key(Key::order)),
        };
        match (near, self.far.first()) {
            (Some(n), Some(f)) => Some(if n.before(f) { n.at } else { f.at }),
            (n, f) => n.or(f.copied()).map(|k| k.at),
        }
    }

    /// Queues a key at `at` (not before now) with scheduling number `seq`,
    /// in a free slot, and returns the slot for its payload.
    fn schedule(&mut self, at: SimTime, seq: u64) -> usize {
        let at = at.max(self.now);
        let fresh = Link { at, seq, next: NIL };
        let slot = match self.free.pop() {
            Some(slot) => {
                self.links[slot] = fresh;
                slot
            }
            None => {
                self.links.push(fresh);
                self.links.len() - 1
            }
        };
        let key = Key { at, seq, slot };
        // `at` is not before now, so its tick is not before the clock's.
        let tick = key.tick();
        if tick - (self.now.0 >> TICK_BITS) >= WHEEL as u64 {
            self.far.push(key);
            self.sift_up(self.far.len() - 1);
            return slot;
        }
        if self.head < self.current.len() {
            if tick == self.current_tick {
                if self.current.last().is_some_and(|last| key.before(last)) {
                    let at = self.head + self.current[self.head..].partition_point(|k| k.before(&key));
                    self.current.insert(at, key);
                } else {
                    self.current.push(key);
                }
                return slot;
            }
            if tick < self.current_tick {
                // The far heap's first ran before the sorted bucket and the
                // clock is in an earlier tick: the bucket goes back to its
                // chain until the clock reaches it.
                self.put_back_current();
            }
        }
        self.chain_in(key);
        slot
    }

    /// Takes the next key due at or before `limit`, moves the clock to it and
    /// frees its slot, which it returns.
    fn pop(&mut self, limit: SimTime) -> Option<usize> {
        let (part, key) = self.first()?;
        if key.at > limit {
            return None;
        }
        self.take(part, key);
        Some(key.slot)
    }

    /// Puts `key` at the front of its bucket's chain.
    fn chain_in(&mut self, key: Key) {
        let b = key.tick() as usize % WHEEL;
        self.links[key.slot].next = self.heads[b];
        // Slots number the waiting events, far fewer than 2^32.
        self.heads[b] = key.slot as u32;
        self.occupied[b / 64] |= 1 << (b % 64);
        self.chained += 1;
    }

    /// Returns the sorted bucket's waiting keys to their chain.
    fn put_back_current(&mut self) {
        let mut current = std::mem::take(&mut self.current);
        for &key in &current[self.head..] {
            self.chain_in(key);
        }
        current.clear();
        self.current = current;
        self.head = 0;
    }

    /// The keys in bucket `b`'s chain.
    fn chain(&self, b: usize) -> impl Iterator<Item = Key> + '_ {
        let mut next = self.heads[b];
        std::iter::from_fn(move || {
            let slot = next as usize;
            let s = self.links.get(slot)?;
            next = s.next;
            Some(Key { at: s.at, seq: s.seq, slot })
        })
    }

    /// The bucket of the earliest occupied tick, if a chain holds anything:
    /// the first set bit from the clock's bucket on, round the wheel.
    fn first_bucket(&self) -> Option<usize> {
        if self.chained == 0 {
            return None;
        }
        let from = (self.now.0 >> TICK_BITS) as usize % WHEEL;
        let words = self.occupied.len();
        let (w0, bit) = (from / 64, from % 64);
        // The clock's own word from its bit on, the other words in turn,
        // then the clock's word again below its bit.
        let head = self.occupied[w0] & (u64::MAX << bit);
        if head != 0 {
            return Some(w0 * 64 + head.trailing_zeros() as usize);
        }
        for step in 1..=words {
            let w = (w0 + step) % words;
            let word = if w == w0 { self.occupied[w] & !(u64::MAX << bit) } else { self.occupied[w] };
            if word != 0 {
                return Some(w * 64 + word.trailing_zeros() as usize);
            }
        }
        None
    }

    /// Where the next event waits, and its key. When nothing waits sorted,
    /// the earliest bucket's chain is looked at: a chain of one key is the
    /// next near key as it is (most buckets, the ticks being short), and a
    /// longer one is taken out and sorted first.
    fn first(&mut self) -> Option<(Part, Key)> {
        let near = match self.current.get(self.head) {
            Some(&k) => Some((Part::Current, k)),
            None => self.first_bucket().map(|b| self.open(b)),
        };
        match (near, self.far.first()) {
            (Some((_, n)), Some(f)) if f.before(&n) => Some((Part::Far, *f)),
            (Some(near), _) => Some(near),
            (None, Some(f)) => Some((Part::Far, *f)),
            (None, None) => None,
        }
    }

    /// The first key of bucket `b`'s chain, which holds something: its only
    /// key, left in place, or the first of its keys once they are taken out
    /// into `current`, sorted.
    fn open(&mut self, b: usize) -> (Part, Key) {
        let slot = self.heads[b] as usize;
        let link = &self.links[slot];
        if link.next == NIL {
            return (Part::Single(b), Key { at: link.at, seq: link.seq, slot });
        }
        let mut current = std::mem::take(&mut self.current);
        current.clear();
        current.extend(self.chain(b));
        self.chained -= current.len();
        self.unchain(b);
        current.sort_unstable_by_key(Key::order);
        let first = current[0];
        self.current_tick = first.tick();
        self.current = current;
        self.head = 0;
        (Part::Current, first)
    }

    /// Marks bucket `b` empty.
    fn unchain(&mut self, b: usize) {
        self.heads[b] = NIL;
        self.occupied[b / 64] &= !(1 << (b % 64));
    }

    /// Takes the event `first` found out of its part and moves the clock to it.
    fn take(&mut self, part: Part, key: Key) {
        match part {
            Part::Current => {
                self.head += 1;
                if self.head == self.current.len() {
                    self.current.clear();
                    self.head = 0;
                }
            }
            Part::Single(b) => {
                self.chained -= 1;
                self.unchain(b);
            }
            Part::Far => {
                if let Some(last) = self.far.pop()
                    && !self.far.is_empty()
                {
                    self.fill_root_with(last);
                }
            }
        }
        self.now = key.at;
        self.processed += 1;
        self.free.push(key.slot);
    }

    /// Moves the far heap's key at `i` up while it runs before its parent.
    fn sift_up(&mut self, mut i: usize) {
        let key = self.far[i];
        while i > 0 {
            let parent = (i - 1) / ARITY;
            if !key.before(&self.far[parent]) {
                break;
            }
            self.far[i] = self.far[parent];
            i = parent;
        }
        self.far[i] = key;
    }

    /// Fills the far heap's root, whose key was just taken, with `key` (the
    /// heap's last). Floyd's way: the hole goes all the way down, always to
    /// the child that runs first, and `key` then climbs from the bottom. The
    /// key that was last usually belongs near the bottom, so this saves
    /// comparing it with a child at every level on the way down.
    fn fill_root_with(&mut self, key: Key) {
        let len = self.far.len();
        let mut hole = 0;
        loop {
            let first = ARITY * hole + 1;
            if let Some(&[a, b, c, d]) = self.far.get(first..first + ARITY) {
                // All four children: two pairs, then their winners, so the
                // two first comparisons do not wait on each other.
                let (ab, kab) = if b.before(&a) { (1, b) } else { (0, a) };
                let (cd, kcd) = if d.before(&c) { (3, d) } else { (2, c) };
                let (best, k) = if kcd.before(&kab) { (cd, kcd) } else { (ab, kab) };
                self.far[hole] = k;
                hole = first + best;
                continue;
            }
            // The last parent, with fewer than four children, if any.
            if first < len {
                let mut best = first;
                for c in first + 1..len {
                    if self.far[c].before(&self.far[best]) {
                        best = c;
                    }
                }
                self.far[hole] = self.far[best];
                hole = best;
            }
            break;
        }
        self.far[hole] = key;
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

// proptest runs natively only (see core/Cargo.toml).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// One step of a random use of the engine.
    #[derive(Clone, Debug)]
    enum Op {
        /// Schedule an event this many µs from now.
        In(u64),
        /// Take a ticket and keep it for later.
        Ticket,
        /// Spend the kept ticket this far (negative: before now) from now.
        Spend(i64),
        /// Run every event due within this many µs, then move the clock there.
        Until(u64),
        /// Run one event.
        Next,
    }

    /// Delays that land on every part of the queue: the same instant, the
    /// current tick, either side of a tick's edge, either side of the
    /// wheel's reach and far beyond it.
    fn delay() -> impl Strategy<Value = u64> {
        let tick = TICK.0;
        let reach = tick * WHEEL as u64;
        prop_oneof![
            Just(0),
            0..tick,
            (tick - 3)..(tick + 3),
            0..reach,
            (reach - tick - 3)..(reach + tick + 3),
            reach..reach * 5,
        ]
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => delay().prop_map(Op::In),
            1 => Just(Op::Ticket),
            1 => (-5_000i64..600_000).prop_map(Op::Spend),
            1 => delay().prop_map(Op::Until),
            2 => Just(Op::Next),
        ]
    }

    proptest! {
        /// The engine pops exactly what an ordered map of `(time, seq)`
        /// would, with the clock where the map says, whichever part of the
        /// queue each event waited in.
        #[test]
        fn behaves_like_an_ordered_map(ops in proptest::collection::vec(op(), 1..400)) {
            let mut e = Engine::new();
            let mut model = std::collections::BTreeMap::new();
            let (mut now, mut seq, mut kept) = (0u64, 0u64, Vec::new());
            for (n, op) in ops.into_iter().enumerate() {
                match op {
                    Op::In(d) => {
                        seq += 1;
                        model.insert((now + d, seq), n);
                        e.schedule_in(SimDuration(d), n);
                    }
                    Op::Ticket => {
                        seq += 1;
                        kept.push((seq, e.ticket()));
                    }
                    Op::Spend(d) => {
                        if let Some((s, ticket)) = kept.pop() {
                            let at = now.saturating_add_signed(d);
                            model.insert((at.max(now), s), n);
                            e.schedule_with(SimTime(at), ticket, n);
                        }
                    }
                    Op::Until(d) => {
                        let limit = now + d;
                        while let Some(got) = e.pop_until(SimTime(limit)) {
                            let ((at, _), want) = model.pop_first().unwrap();
                            prop_assert!(at <= limit);
                            prop_assert_eq!(got, want);
                            prop_assert_eq!(e.now(), SimTime(at));
                        }
                        prop_assert!(model.first_key_value().is_none_or(|((at, _), _)| *at > limit));
                        e.finish_at(SimTime(limit));
                        now = limit;
                    }
                    Op::Next => {
                        let want = model.pop_first();
                        prop_assert_eq!(e.pop_next(), want.map(|(_, v)| v));
                        if let Some(((at, _), _)) = want {
                            now = at;
                        }
                        prop_assert_eq!(e.now(), SimTime(now));
                    }
                }
                prop_assert_eq!(e.pending(), model.len());
                prop_assert_eq!(e.next_due(), model.first_key_value().map(|((at, _), _)| SimTime(*at)));
            }
            let rest: Vec<_> = std::iter::from_fn(|| e.pop_next()).collect();
            prop_assert_eq!(rest, model.into_values().collect::<Vec<_>>());
        }
    }
}
