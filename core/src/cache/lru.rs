//! Least recently used, O(1): a map from key to slot, and the slots in a
//! doubly linked list from most to least recently used.

use super::list::{List, NIL};
use super::{Cache, KeyMap};

/// An LRU cache of `u64` keys.
#[derive(Clone, Debug)]
pub struct Lru {
    map: KeyMap<u32>,
    list: List,
    /// Slots `remove` emptied, to reuse before allocating.
    free: Vec<u32>,
    capacity: usize,
}

impl Lru {
    /// An empty cache holding at most `capacity` keys.
    pub fn new(capacity: usize) -> Lru {
        let capacity = capacity.min(NIL as usize);
        Lru {
            map: KeyMap::with_capacity_and_hasher(capacity, Default::default()),
            list: List::with_capacity(capacity),
            free: Vec::new(),
            capacity,
        }
    }
}

impl Cache for Lru {
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
        match self.map.get(&key) {
            Some(&i) => {
                if self.list.head != i {
                    self.list.unlink(i);
                    self.list.link_front(i);
                }
                true
            }
            None => false,
        }
    }

    fn put(&mut self, key: u64) -> Option<u64> {
        if self.get(key) || self.capacity == 0 {
            return None;
        }
        let (slot, evicted) = if self.map.len() < self.capacity {
            let i = self.free.pop().unwrap_or_else(|| self.list.alloc(key));
            (i, None)
        } else {
            // Full: the least recently used makes room, and we reuse its slot.
            let i = self.list.tail;
            self.list.unlink(i);
            let old = self.list.get(i).key;
            self.map.remove(&old);
            (i, Some(old))
        };
        self.list.get_mut(slot).key = key;
        self.list.link_front(slot);
        self.map.insert(key, slot);
        evicted
    }

    fn remove(&mut self, key: u64) -> bool {
        match self.map.remove(&key) {
            Some(i) => {
                self.list.unlink(i);
                self.free.push(i);
                true
            }
            None => false,
        }
    }

    fn keys(&self) -> Vec<u64> {
        self.list.keys_from_tail()
    }
}
