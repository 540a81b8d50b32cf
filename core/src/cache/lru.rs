//! Least recently used, O(1): a map from key to slot, and the slots in a
//! doubly linked list from most to least recently used.

use super::list::Linked;
use super::{Access, Cache};

/// An LRU cache of `u64` keys.
#[derive(Clone, Debug)]
pub struct Lru {
    slots: Linked,
}

impl Lru {
    /// An empty cache holding at most `capacity` keys.
    pub fn new(capacity: usize) -> Lru {
        Lru { slots: Linked::new(capacity) }
    }

    /// Inserts `key`, known to be absent; returns the key evicted for it.
    #[inline]
    fn insert_absent(&mut self, key: u64) -> Option<u64> {
        if self.capacity() == 0 {
            None
        } else if self.slots.is_full() {
            // The least recently used gives up its slot.
            Some(self.slots.replace_tail(key))
        } else {
            self.slots.insert_front(key);
            None
        }
    }
}

impl Cache for Lru {
    fn capacity(&self) -> usize {
        self.slots.capacity()
    }

    fn len(&self) -> usize {
        self.slots.len()
    }

    fn contains(&self, key: u64) -> bool {
        self.slots.slot(key).is_some()
    }

    #[inline]
    fn get(&mut self, key: u64) -> bool {
        match self.slots.slot(key) {
            Some(i) => {
                let list = &mut self.slots.list;
                if list.head != i {
                    list.unlink(i);
                    list.link_front(i);
                }
                true
            }
            None => false,
        }
    }

    fn put(&mut self, key: u64) -> Option<u64> {
        if self.get(key) { None } else { self.insert_absent(key) }
    }

    fn access(&mut self, key: u64) -> Access {
        if self.get(key) {
            Access { hit: true, evicted: None }
        } else {
            Access { hit: false, evicted: self.insert_absent(key) }
        }
    }

    fn remove(&mut self, key: u64) -> bool {
        self.slots.slot(key).map(|i| self.slots.evict(i)).is_some()
    }

    fn keys(&self) -> Vec<u64> {
        self.slots.list.keys_from_tail()
    }
}
