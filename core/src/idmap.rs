//! [`IdMap`]: what is in flight, keyed by the ascending ids it was given.
//!
//! Labs number their requests 0, 1, 2, ... and keep those in flight in a
//! map: looked up by id, removed in any order, walked oldest first. An
//! ordered map (`BTreeMap`) does all of that, but here ids only ever grow,
//! which a flat vector can use: it is faster to walk and brings no tree code
//! into the wasm for each key and value type. So entries sit in a
//! `Vec` in id order (ids and values apart): inserting the newest id is a push, a lookup is a binary
//! search, and a removal leaves a hole. Holes at the front are skipped at
//! once; when holes outnumber entries the `Vec` is compacted. Memory stays
//! within about twice what is in flight, and every operation is O(log n),
//! amortised; a lookup between compactions is O(1), since ids that arrive
//! one by one sit one slot apart.

/// A map from `u64` ids to `V`, ordered by id, made for ids that arrive in
/// ascending order (any order works; an id below the newest costs a shift).
#[derive(Clone, Debug)]
pub struct IdMap<V> {
    /// The slots' ids, ascending, apart from their values: a search reads
    /// eight bytes a slot, not the whole entry.
    ids: Vec<u64>,
    /// The slots' values; `None` is a removed entry.
    values: Vec<Option<V>>,
    /// The first slot that may be in use: everything before it is a hole,
    /// and `values[head]` is never one.
    head: usize,
    len: usize,
}

impl<V> Default for IdMap<V> {
    fn default() -> Self {
        IdMap::new()
    }
}

impl<V> IdMap<V> {
    /// An empty map.
    pub const fn new() -> IdMap<V> {
        IdMap { ids: Vec::new(), values: Vec::new(), head: 0, len: 0 }
    }

    /// How many entries it holds.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Where `id`'s slot is, or where it would go.
    ///
    /// Slot ids are distinct and ascending, so they grow by at least one a
    /// slot: `id` can sit no further than `id - first` slots after the first
    /// and no nearer than `last - id` slots before the last. While no hole
    /// has been compacted away they grow by exactly one, and the first bound
    /// is the place itself, and for ids pushed since the last compaction the
    /// second is; otherwise a binary search runs between the two.
    #[inline]
    fn find(&self, id: u64) -> Result<usize, usize> {
        let ids = &self.ids[self.head..];
        let (Some(&first), Some(&last)) = (ids.first(), ids.last()) else { return Err(self.head) };
        if id <= first {
            return if id == first { Ok(self.head) } else { Err(self.head) };
        }
        if id >= last {
            return if id == last { Ok(self.head + ids.len() - 1) } else { Err(self.head + ids.len()) };
        }
        let span = |d: u64| usize::try_from(d).unwrap_or(usize::MAX);
        let hi = span(id - first).min(ids.len() - 1);
        if ids[hi] == id {
            return Ok(self.head + hi);
        }
        let lo = (ids.len() - 1).saturating_sub(span(last - id));
        if ids[lo] == id {
            return Ok(self.head + lo);
        }
        let at = |i: usize| self.head + lo + i;
        ids[lo..=hi].binary_search(&id).map(at).map_err(at)
    }

    /// Puts `value` under `id`, returning the value it replaces.
    pub fn insert(&mut self, id: u64, value: V) -> Option<V> {
        if self.ids.last().is_none_or(|&last| last < id) {
            self.ids.push(id);
            self.values.push(Some(value));
            self.len += 1;
            return None;
        }
        match self.find(id) {
            Ok(i) => {
                let old = self.values[i].replace(value);
                if old.is_none() {
                    self.len += 1;
                }
                old
            }
            Err(i) => {
                if i == self.head && self.head > 0 {
                    // Below everything in use: reuse the hole before it.
                    self.head -= 1;
                    self.ids[self.head] = id;
                    self.values[self.head] = Some(value);
                } else {
                    self.ids.insert(i, id);
                    self.values.insert(i, Some(value));
                }
                self.len += 1;
                None
            }
        }
    }

    /// The value under `id`.
    pub fn get(&self, id: u64) -> Option<&V> {
        self.find(id).ok().and_then(|i| self.values[i].as_ref())
    }

    /// The value under `id`, to change.
    pub fn get_mut(&mut self, id: u64) -> Option<&mut V> {
        self.find(id).ok().and_then(|i| self.values[i].as_mut())
    }

    /// Whether something is under `id`.
    pub fn contains_key(&self, id: u64) -> bool {
        self.get(id).is_some()
    }

    /// Takes out the value under `id`.
    pub fn remove(&mut self, id: u64) -> Option<V> {
        let i = self.find(id).ok()?;
        let value = self.values[i].take()?;
        self.len -= 1;
        if self.len == 0 {
            self.ids.clear();
            self.values.clear();
            self.head = 0;
        } else if i == self.head {
            while self.values[self.head].is_none() {
                self.head += 1;
            }
        }
        let holes = self.values.len() - self.len;
        if holes > self.len.max(16) {
            self.compact();
        }
        Some(value)
    }

    /// Drops every hole.
    fn compact(&mut self) {
        let mut kept = 0;
        for i in self.head..self.values.len() {
            if self.values[i].is_some() {
                self.ids.swap(kept, i);
                self.values.swap(kept, i);
                kept += 1;
            }
        }
        self.ids.truncate(kept);
        self.values.truncate(kept);
        self.head = 0;
    }

    /// The entry with the lowest id.
    pub fn first(&self) -> Option<(u64, &V)> {
        Some((*self.ids.get(self.head)?, self.values[self.head].as_ref()?))
    }

    /// The entries, by ascending id.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (u64, &V)> + Clone {
        let ids = self.ids[self.head..].iter();
        ids.zip(&self.values[self.head..]).filter_map(|(id, v)| Some((*id, v.as_ref()?)))
    }

    /// The values, by ascending id.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + Clone {
        self.values[self.head..].iter().flatten()
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
        assert!(m.ids.len() <= 32, "{} slots", m.ids.len());
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

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            6 => (0u64..3).prop_map(|gap| Op::Push { gap }),
            1 => (0u64..40).prop_map(|back| Op::Back { back }),
            6 => (0u64..40).prop_map(|back| Op::Remove { back }),
            2 => (0u64..40).prop_map(|back| Op::Get { back }),
        ]
    }

    proptest! {
        /// Any sequence of operations gives what an ordered map gives, and
        /// the slots never hold much more than twice what is in the map.
        #[test]
        fn behaves_like_an_ordered_map(ops in proptest::collection::vec(op(), 0..400)) {
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
                prop_assert!(ours.ids.len() - ours.head <= 2 * ours.len() + 17, "{} slots for {}", ours.ids.len(), ours.len());
                prop_assert_eq!(ours.ids.len(), ours.values.len());
            }
        }
    }
}
