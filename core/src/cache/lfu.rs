//! Least frequently used: the key used the fewest times leaves; among equals,
//! the one used least recently. O(1) per operation (Shah, Mitra & Matani's
//! LFU): all keys sit in one list, ordered from the next to leave (fewest
//! uses, used longest ago) to the last, so keys with the same count form a
//! run. Each count remembers its run's newest key, so a used key moves
//! straight to the newest end of the next count's run.

use super::list::{Linked, NIL};
use super::{Cache, KeyMap};

/// An LFU cache of `u64` keys.
#[derive(Clone, Debug)]
pub struct Lfu {
    /// The keys; the list's tail leaves first, its head last.
    slots: Linked,
    /// Per slot: how many times its key has been used.
    uses: Vec<u64>,
    /// Per use count that some key has: the slot of the newest such key
    /// (its run's head end).
    newest: KeyMap<u32>,
}

impl Lfu {
    /// An empty cache holding at most `capacity` keys.
    pub fn new(capacity: usize) -> Lfu {
        Lfu { slots: Linked::new(capacity), uses: Vec::new(), newest: KeyMap::default() }
    }

    /// Takes slot `i`, used `n` times, out of its count's run (the slot stays
    /// linked).
    fn leave_run(&mut self, i: u32, n: u64) {
        if self.newest.get(&n) == Some(&i) {
            let older = self.slots.list.get(i).next;
            if older != NIL && self.uses[older as usize] == n {
                self.newest.insert(n, older);
            } else {
                self.newest.remove(&n);
            }
        }
    }

    /// Moves slot `i` to the head end of the run of count `n` (which it
    /// joins), or, without one, keeps it just above `fallback`'s run, where
    /// that count's keys rank.
    fn join_run(&mut self, i: u32, n: u64, fallback: Option<u64>) {
        let list = &mut self.slots.list;
        let anchor = self.newest.get(&n).or_else(|| fallback.and_then(|f| self.newest.get(&f)));
        match anchor {
            Some(&a) => {
                list.unlink(i);
                list.link_before(i, a);
            }
            // No run at or below: for a new key (count 1) that is the tail;
            // a used key whose run was only itself is already in place.
            None if fallback.is_none() => {
                list.unlink(i);
                list.link_back(i);
            }
            None => {}
        }
        self.uses[i as usize] = n;
        self.newest.insert(n, i);
    }
}

impl Cache for Lfu {
    fn capacity(&self) -> usize {
        self.slots.capacity()
    }

    fn len(&self) -> usize {
        self.slots.len()
    }

    fn contains(&self, key: u64) -> bool {
        self.slots.slot(key).is_some()
    }

    fn get(&mut self, key: u64) -> bool {
        let Some(i) = self.slots.slot(key) else { return false };
        let n = self.uses[i as usize];
        self.leave_run(i, n);
        self.join_run(i, n + 1, Some(n));
        true
    }

    fn put(&mut self, key: u64) -> Option<u64> {
        if self.get(key) || self.capacity() == 0 {
            return None;
        }
        let evicted = if self.slots.is_full() {
            let tail = self.slots.list.tail;
            self.leave_run(tail, self.uses[tail as usize]);
            Some(self.slots.evict(tail))
        } else {
            None
        };
        let i = self.slots.insert_front(key);
        if self.uses.len() <= i as usize {
            self.uses.resize(i as usize + 1, 0);
        }
        self.join_run(i, 1, None);
        evicted
    }

    fn remove(&mut self, key: u64) -> bool {
        let Some(i) = self.slots.slot(key) else { return false };
        self.leave_run(i, self.uses[i as usize]);
        self.slots.evict(i);
        true
    }

    fn keys(&self) -> Vec<u64> {
        self.slots.list.keys_from_tail()
    }
}

// proptest runs natively only (see core/Cargo.toml).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// LFU by definition: an ordered set of `(uses, last use, key)`.
    #[derive(Default)]
    struct Model {
        uses: BTreeMap<u64, (u64, u64)>,
        order: BTreeSet<(u64, u64, u64)>,
        tick: u64,
        capacity: usize,
    }

    impl Model {
        fn get(&mut self, key: u64) -> bool {
            self.tick += 1;
            let Some((n, last)) = self.uses.get_mut(&key) else { return false };
            self.order.remove(&(*n, *last, key));
            *n += 1;
            *last = self.tick;
            self.order.insert((*n, self.tick, key));
            true
        }

        fn put(&mut self, key: u64) -> Option<u64> {
            if self.get(key) || self.capacity == 0 {
                return None;
            }
            let evicted = if self.uses.len() == self.capacity {
                let (_, _, k) = self.order.pop_first()?;
                self.uses.remove(&k);
                Some(k)
            } else {
                None
            };
            self.uses.insert(key, (1, self.tick));
            self.order.insert((1, self.tick, key));
            evicted
        }

        fn remove(&mut self, key: u64) -> bool {
            let Some((n, last)) = self.uses.remove(&key) else { return false };
            self.order.remove(&(n, last, key))
        }
    }

    proptest! {
        /// Every get, put and remove does what the ordered-set definition
        /// does, and the keys come out in the same eviction order.
        #[test]
        fn matches_the_definition(
            capacity in 0usize..6,
            ops in proptest::collection::vec((0u8..10, 0u64..9), 0..300),
        ) {
            let mut ours = Lfu::new(capacity);
            let mut model = Model { capacity, ..Model::default() };
            for (op, key) in ops {
                match op {
                    0..=3 => prop_assert_eq!(ours.get(key), model.get(key)),
                    4..=8 => prop_assert_eq!(ours.put(key), model.put(key)),
                    _ => prop_assert_eq!(ours.remove(key), model.remove(key)),
                }
                let want: Vec<u64> = model.order.iter().map(|&(_, _, k)| k).collect();
                prop_assert_eq!(ours.keys(), want);
            }
        }
    }
}
