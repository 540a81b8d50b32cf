//! [`IdMap`]: what is in flight, keyed by the ascending ids it was given.
//!
//! Labs number their requests 0, 1, 2, ... and keep those in flight in a
//! map: looked up by id, removed in any order, walked oldest first. An
//! ordered map (`BTreeMap`) does all of that, but here ids only ever grow,
//! which a flat ring can use: it is faster to walk, a lookup is an index, and
//! it brings no tree code into the wasm for each key and value type.
//!
//! So entry `id` sits at `ring[id - base]`, a removed one leaves a hole, and
//! holes at either end are dropped at once. One request that lives much
//! longer than those after it (a retry, a slow replica) would hold the ring
//! open behind it, so when the ring is more than twice as long as what it
//! holds (plus a little), its oldest entry moves to `old`, a short sorted
//! side list searched by halving, and the ring closes up. Memory stays
//! within about twice what is in flight; a lookup in the ring is O(1), in
//! `old` O(log n), and every change is O(1) amortised.

use std::collections::VecDeque;

/// How many slots a ring may have beyond twice its entries before its
/// oldest entry moves aside.
const SLACK: usize = 64;

/// A map from `u64` ids to `V`, ordered by id, made for ids that arrive in
/// ascending order (any order works; an id far below the oldest in the ring
/// costs a shift in the side list).
#[derive(Clone, Debug)]
pub struct IdMap<V> {
    /// The id of `ring[0]`.
    base: u64,
    /// Slot `i` holds id `base + i`; `None` is a hole. Neither end is one.
    ring: VecDeque<Option<V>>,
    /// Entries in the ring.
    in_ring: usize,
    /// Entries below `base`, ascending by id; a removed one is a hole,
    /// dropped when holes outnumber entries.
    old: Vec<(u64, Option<V>)>,
    /// Entries in `old`.
    in_old: usize,
}

impl<V> Default for IdMap<V> {
    fn default() -> Self {
        IdMap::new()
    }
}

impl<V> IdMap<V> {
    /// An empty map.
    pub const fn new() -> IdMap<V> {
        IdMap { base: 0, ring: VecDeque::new(), in_ring: 0, old: Vec::new(), in_old: 0 }
    }

    /// How many entries it holds.
    pub fn len(&self) -> usize {
        self.in_ring + self.in_old
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The most slots the ring may have for `entries` entries.
    fn room(entries: usize) -> usize {
        2 * entries + SLACK
    }

    /// `id`'s place in the ring, if it falls inside it.
    #[inline]
    fn slot(&self, id: u64) -> Option<usize> {
        let i = usize::try_from(id.checked_sub(self.base)?).ok()?;
        (i < self.ring.len()).then_some(i)
    }

    /// Puts `value` under `id`, returning the value it replaces.
    pub fn insert(&mut self, id: u64, value: V) -> Option<V> {
        // Every id in `old` is below every id in the ring.
        let above_old = self.old.last().is_none_or(|&(last, _)| last < id);
        if self.ring.is_empty() && above_old {
            self.base = id;
        }
        if !self.ring.is_empty() && id >= self.base {
            let i = usize::try_from(id - self.base).unwrap_or(usize::MAX);
            if i >= self.ring.len() {
                if i - self.ring.len() >= Self::room(self.in_ring + 1) {
                    // Further above everything than the ring could reach.
                    self.retire_all();
                    return self.insert(id, value);
                }
                self.ring.resize_with(i + 1, || None);
            }
            let old = self.ring[i].replace(value);
            if old.is_none() {
                self.in_ring += 1;
            }
            self.trim();
            return old;
        }
        let below = usize::try_from(self.base - id).unwrap_or(usize::MAX);
        if above_old && (self.ring.is_empty() || below <= Self::room(self.in_ring + 1) - self.ring.len()) {
            // Just below the ring (or the ring is empty and `base` is `id`).
            let holes = if self.ring.is_empty() { 0 } else { below - 1 };
            self.ring.reserve(holes + 1);
            for _ in 0..holes {
                self.ring.push_front(None);
            }
            self.ring.push_front(Some(value));
            self.base = id;
            self.in_ring += 1;
            return None;
        }
        match self.old.binary_search_by_key(&id, |(k, _)| *k) {
            Ok(i) => {
                let old = self.old[i].1.replace(value);
                if old.is_none() {
                    self.in_old += 1;
                }
                old
            }
            Err(i) => {
                self.old.insert(i, (id, Some(value)));
                self.in_old += 1;
                None
            }
        }
    }

    /// Moves the ring's oldest entries to `old` while the ring is longer
    /// than its entries allow: one long-lived entry must not hold it open.
    fn trim(&mut self) {
        while self.ring.len() > Self::room(self.in_ring) {
            if let Some(Some(v)) = self.ring.pop_front() {
                self.old.push((self.base, Some(v)));
                self.in_old += 1;
                self.in_ring -= 1;
            }
            self.base += 1;
            self.close_front();
        }
    }

    /// Moves every ring entry to `old` and empties the ring.
    fn retire_all(&mut self) {
        let base = self.base;
        let ring = self.ring.drain(..).enumerate();
        self.old.extend(ring.filter_map(|(i, v)| Some((base + i as u64, Some(v?)))));
        self.in_old += self.in_ring;
        self.in_ring = 0;
    }

    /// Where `id` sits in `old`, if it is there.
    fn old_index(&self, id: u64) -> Option<usize> {
        if id >= self.base && !self.ring.is_empty() {
            return None;
        }
        self.old.binary_search_by_key(&id, |(k, _)| *k).ok()
    }

    /// The value under `id`.
    #[inline]
    pub fn get(&self, id: u64) -> Option<&V> {
        match self.slot(id) {
            Some(i) => self.ring[i].as_ref(),
            None => self.old[self.old_index(id)?].1.as_ref(),
        }
    }

    /// The value under `id`, to change.
    #[inline]
    pub fn get_mut(&mut self, id: u64) -> Option<&mut V> {
        match self.slot(id) {
            Some(i) => self.ring[i].as_mut(),
            None => {
                let i = self.old_index(id)?;
                self.old[i].1.as_mut()
            }
        }
    }

    /// Whether something is under `id`.
    pub fn contains_key(&self, id: u64) -> bool {
        self.get(id).is_some()
    }

    /// Takes out the value under `id`.
    pub fn remove(&mut self, id: u64) -> Option<V> {
        let Some(i) = self.slot(id) else {
            let i = self.old_index(id)?;
            let value = self.old[i].1.take()?;
            self.in_old -= 1;
            if self.old.len() - self.in_old > self.in_old.max(16) {
                self.old.retain(|(_, v)| v.is_some());
            }
            return Some(value);
        };
        let value = self.ring[i].take()?;
        self.in_ring -= 1;
        while self.ring.back().is_some_and(Option::is_none) {
            self.ring.pop_back();
        }
        self.close_front();
        self.trim();
        Some(value)
    }

    /// Drops the holes at the ring's front.
    fn close_front(&mut self) {
        while self.ring.front().is_some_and(Option::is_none) {
            self.ring.pop_front();
            self.base += 1;
        }
    }

    /// The entry with the lowest id.
    pub fn first(&self) -> Option<(u64, &V)> {
        self.iter().next()
    }

    /// The entries, by ascending id.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (u64, &V)> + Clone {
        let old = self.old.iter().filter_map(|(id, v)| Some((*id, v.as_ref()?)));
        let base = self.base;
        let ring =
            self.ring.iter().enumerate().filter_map(move |(i, v)| Some((base + i as u64, v.as_ref()?)));
        old.chain(ring)
    }

    /// The values, by ascending id.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + Clone {
        self.iter().map(|(_, v)| v)
    }

    /// How many slots it keeps, entries and holes.
    #[cfg(test)]
    fn slots(&self) -> usize {
        self.ring.len() + self.old.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_lived_first_entry_does_not_hold_on_to_the_rest() {
        let mut m = IdMap::new();
        m.insert(0, ());
        for id in 1..100_000 {
            m.insert(id, ());
            m.remove(id);
        }
        assert_eq!(m.len(), 1);
        assert!(m.slots() <= 2 + SLACK, "{} slots", m.slots());
        assert_eq!(m.first(), Some((0, &())));
    }
}

// proptest runs natively only (see core/Cargo.toml).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    #[derive(Clone, Debug)]
    enum Op {
        /// Insert the next id, `gap` above the newest.
        Push {
            gap: u64,
        },
        /// Insert an id at or below the newest (present or not).
        Back {
            back: u64,
        },
        Remove {
            back: u64,
        },
        Get {
            back: u64,
        },
    }

    /// How far below the newest id: mostly among the recent, sometimes far
    /// enough back to reach the entries that moved aside.
    fn back() -> impl Strategy<Value = u64> {
        prop_oneof![3 => 0u64..40, 1 => 0u64..1_000]
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            6 => (0u64..3).prop_map(|gap| Op::Push { gap }),
            // A jump beyond what the ring reaches.
            1 => (60u64..400).prop_map(|gap| Op::Push { gap }),
            1 => back().prop_map(|back| Op::Back { back }),
            6 => back().prop_map(|back| Op::Remove { back }),
            2 => back().prop_map(|back| Op::Get { back }),
        ]
    }

    proptest! {
        /// Any sequence of operations gives what an ordered map gives, and
        /// the slots never hold much more than twice what is in the map.
        #[test]
        fn behaves_like_an_ordered_map(ops in proptest::collection::vec(op(), 0..600)) {
            let mut ours = IdMap::new();
            let mut model = BTreeMap::new();
            let mut newest = 0u64;
            for (n, op) in ops.into_iter().enumerate() {
                let v = n as u32;
                match op {
                    Op::Push { gap } => {
                        newest += gap + 1;
                        prop_assert_eq!(ours.insert(newest, v), model.insert(newest, v));
                    }
                    Op::Back { back } => {
                        let id = newest.saturating_sub(back);
                        prop_assert_eq!(ours.insert(id, v), model.insert(id, v));
                    }
                    Op::Remove { back } => {
                        let id = newest.saturating_sub(back);
                        prop_assert_eq!(ours.remove(id), model.remove(&id));
                    }
                    Op::Get { back } => {
                        let id = newest.saturating_sub(back);
                        prop_assert_eq!(ours.get(id), model.get(&id));
                        prop_assert_eq!(ours.contains_key(id), model.contains_key(&id));
                        if let Some(x) = ours.get_mut(id) {
                            *x += 1_000_000;
                            *model.get_mut(&id).unwrap() += 1_000_000;
                        }
                    }
                }
                prop_assert_eq!(ours.len(), model.len());
                prop_assert_eq!(ours.first(), model.first_key_value().map(|(k, v)| (*k, v)));
                prop_assert!(ours.iter().eq(model.iter().map(|(k, v)| (*k, v))));
                prop_assert!(ours.ring.len() <= IdMap::<u32>::room(ours.in_ring), "{} ring slots for {}", ours.ring.len(), ours.in_ring);
                prop_assert!(ours.old.len() - ours.in_old <= ours.in_old.max(16), "{} old slots for {}", ours.old.len(), ours.in_old);
                prop_assert!(ours.ring.front().is_none_or(Option::is_some) && ours.ring.back().is_none_or(Option::is_some));
            }
        }
    }
}
