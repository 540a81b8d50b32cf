//! First in, first out: the oldest key leaves, however often it was used.

use super::{Cache, KeyMap};
use std::collections::VecDeque;

/// A FIFO cache of `u64` keys.
#[derive(Clone, Debug)]
pub struct Fifo {
    map: KeyMap<()>,
    order: VecDeque<u64>,
    capacity: usize,
}

impl Fifo {
    /// An empty cache holding at most `capacity` keys.
    pub fn new(capacity: usize) -> Fifo {
        Fifo {
            map: KeyMap::with_capacity_and_hasher(capacity, Default::default()),
            order: VecDeque::with_capacity(capacity),
            capacity,
        }
    }
}

impl Cache for Fifo {
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
        self.contains(key)
    }

    fn put(&mut self, key: u64) -> Option<u64> {
        if self.contains(key) || self.capacity == 0 {
            return None;
        }
        let evicted = if self.map.len() == self.capacity {
            let old = self.order.pop_front();
            if let Some(old) = old {
                self.map.remove(&old);
            }
            old
        } else {
            None
        };
        self.order.push_back(key);
        self.map.insert(key, ());
        evicted
    }

    fn remove(&mut self, key: u64) -> bool {
        if self.map.remove(&key).is_some() {
            self.order.retain(|&k| k != key);
            true
        } else {
            false
        }
    }

    fn keys(&self) -> Vec<u64> {
        self.order.iter().copied().collect()
    }
}
