//! SIEVE (Zhang, Yang, Yue, Vigfusson and Rashmi, NSDI 2024): keys in
//! insertion order, each with a "visited" bit. A hit only sets the bit. To
//! evict, a hand walks from the oldest key towards the newest, clearing set
//! bits as it passes, and evicts the first key whose bit was clear; it stays
//! there for the next eviction. New keys go in at the newest end.

use super::Cache;
use super::list::{Linked, NIL};

/// A SIEVE cache of `u64` keys.
#[derive(Clone, Debug)]
pub struct Sieve {
    slots: Linked,
    /// Where the next eviction search starts (`NIL`: at the oldest).
    hand: u32,
}

impl Sieve {
    /// An empty cache holding at most `capacity` keys.
    pub fn new(capacity: usize) -> Sieve {
        Sieve { slots: Linked::new(capacity), hand: NIL }
    }

    /// Finds the slot to evict and moves the hand past it.
    fn sweep(&mut self) -> u32 {
        let list = &mut self.slots.list;
        let mut i = if self.hand == NIL { list.tail } else { self.hand };
        loop {
            let e = list.get_mut(i);
            if !e.visited {
                break;
            }
            e.visited = false;
            i = if e.prev == NIL { list.tail } else { e.prev };
        }
        self.hand = list.get(i).prev;
        i
    }
}

impl Cache for Sieve {
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
        match self.slots.slot(key) {
            Some(i) => {
                self.slots.list.get_mut(i).visited = true;
                true
            }
            None => false,
        }
    }

    fn put(&mut self, key: u64) -> Option<u64> {
        if self.get(key) || self.capacity() == 0 {
            return None;
        }
        let evicted = if self.slots.is_full() {
            let i = self.sweep();
            Some(self.slots.evict(i))
        } else {
            None
        };
        self.slots.insert_front(key);
        evicted
    }

    fn remove(&mut self, key: u64) -> bool {
        match self.slots.slot(key) {
            Some(i) => {
                if self.hand == i {
                    self.hand = self.slots.list.get(i).prev;
                }
                self.slots.evict(i);
                true
            }
            None => false,
        }
    }

    fn keys(&self) -> Vec<u64> {
        self.slots.list.keys_from_tail()
    }
}
