//! Least frequently used: the key used the fewest times leaves; among equals,
//! the one used least recently. O(log n) per operation (an ordered set of
//! `(uses, last use, key)`).

use super::{Cache, KeyMap};
use std::collections::BTreeSet;

/// An LFU cache of `u64` keys.
#[derive(Clone, Debug)]
pub struct Lfu {
    map: KeyMap<(u64, u64)>,
    order: BTreeSet<(u64, u64, u64)>,
    tick: u64,
    capacity: usize,
}

impl Lfu {
    /// An empty cache holding at most `capacity` keys.
    pub fn new(capacity: usize) -> Lfu {
        Lfu {
            map: KeyMap::with_capacity_and_hasher(capacity, Default::default()),
            order: BTreeSet::new(),
            tick: 0,
            capacity,
        }
    }
}

impl Cache for Lfu {
    fn capacity(&self) -> usize {
        self.capacity
    }

    fn len(&self) -> usize {
        self.map.len()
    }

    fn contains(&self, key: u64) -> bool {
        self.map.contains_key(&key)
    }

    fn get(&mut self, key: u64) -> bool {
        self.tick += 1;
        let tick = self.tick;
        match self.map.get_mut(&key) {
            Some((uses, last)) => {
                self.order.remove(&(*uses, *last, key));
                *uses += 1;
                *last = tick;
                self.order.insert((*uses, tick, key));
                true
            }
            None => false,
        }
    }

    fn put(&mut self, key: u64) -> Option<u64> {
        if self.get(key) || self.capacity == 0 {
            return None;
        }
        let evicted = if self.map.len() == self.capacity {
            let victim = self.order.pop_first().map(|(_, _, k)| k);
            if let Some(k) = victim {
                self.map.remove(&k);
            }
            victim
        } else {
            None
        };
        self.map.insert(key, (1, self.tick));
        self.order.insert((1, self.tick, key));
        evicted
    }

    fn remove(&mut self, key: u64) -> bool {
        match self.map.remove(&key) {
            Some((uses, last)) => {
                self.order.remove(&(uses, last, key));
                true
            }
            None => false,
        }
    }

    fn keys(&self) -> Vec<u64> {
        self.order.iter().map(|&(_, _, k)| k).collect()
    }
}
