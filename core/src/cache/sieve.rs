//! SIEVE (Zhang, Yang, Yue, Vigfusson and Rashmi, NSDI 2024): keys in
//! insertion order, each with a "visited" bit. A hit only sets the bit. To
//! evict, a hand walks from the oldest key towards the newest, clearing set
//! bits as it passes, and evicts the first key whose bit was clear; it stays
//! there for the next eviction. New keys go in at the newest end.

use super::list::{List, NIL};
use super::{Cache, KeyMap};

/// A SIEVE cache of `u64` keys.
#[derive(Clone, Debug)]
pub struct Sieve {
    map: KeyMap<u32>,
    list: List,
    free: Vec<u32>,
    /// Where the next eviction search starts (`NIL`: at the oldest).
    hand: u32,
    capacity: usize,
}

impl Sieve {
    /// An empty cache holding at most `capacity` keys.
    pub fn new(capacity: usize) -> Sieve {
        let capacity = capacity.min(NIL as usize);
        Sieve {
            map: KeyMap::with_capacity_and_hasher(capacity, Default::default()),
            list: List::with_capacity(capacity),
            free: Vec::new(),
            hand: NIL,
            capacity,
        }
    }

    /// Finds the slot to evict and moves the hand past it.
    fn sweep(&mut self) -> u32 {
        let mut i = if self.hand == NIL { self.list.tail } else { self.hand };
        loop {
            let e = self.list.get_mut(i);
            if !e.visited {
                break;
            }
            e.visited = false;
            i = if e.prev == NIL { self.list.tail } else { e.prev };
        }
        let prev = self.list.get(i).prev;
        self.hand = prev;
        i
    }
}

impl Cache for Sieve {
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
                self.list.get_mut(i).visited = true;
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
            (self.free.pop().unwrap_or_else(|| self.list.alloc(key)), None)
        } else {
            let i = self.sweep();
            self.list.unlink(i);
            let old = self.list.get(i).key;
            self.map.remove(&old);
            (i, Some(old))
        };
        let e = self.list.get_mut(slot);
        e.key = key;
        e.visited = false;
        self.list.link_front(slot);
        self.map.insert(key, slot);
        evicted
    }

    fn remove(&mut self, key: u64) -> bool {
        match self.map.remove(&key) {
            Some(i) => {
                if self.hand == i {
                    self.hand = self.list.get(i).prev;
                }
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
