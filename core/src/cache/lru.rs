//! Least recently used, O(1): a map from key to slot, and the slots in a
//! doubly linked list from most to least recently used.

use super::index::Vacancy;
use super::list::Linked;
use super::{Access, Cache};

/// An LRU cache of `u64` keys.
#[derive(Clone, Debug)]
pub struct Lru {
    slots: Linked,
}

// The access path (`access`, `touch`, `insert_absent`, and the index's
// `remove_at`) is `#[inline(always)]`: natively LLVM inlines it all, but for
// wasm32 it kept them as calls returning through the shadow stack, which cost
// a quarter of each access under V8.
impl Lru {
    /// An empty cache holding at most `capacity` keys.
    pub fn new(capacity: usize) -> Lru {
        Lru { slots: Linked::new(capacity) }
    }

    /// Looks `key` up and makes it the most recently used: `Ok` if it was
    /// there, else `Err` with where the index has room for it.
    #[inline(always)]
    fn touch(&mut self, key: u64) -> Result<(), Vacancy> {
        let i = self.slots.probe(key)?;
        let list = &mut self.slots.list;
        if list.head != i {
            list.unlink(i);
            list.link_front(i);
        }
        Ok(())
    }

    /// Inserts `key`, just missed by [`Lru::touch`]; returns the key
    /// evicted for it.
    #[inline(always)]
    fn insert_absent(&mut self, v: Vacancy, key: u64) -> Option<u64> {
        if self.capacity() == 0 {
            None
        } else if self.slots.is_full() {
            // The least recently used gives up its slot.
            Some(self.slots.replace_tail_at(v, key))
        } else {
            self.slots.insert_front_at(v, key);
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
        self.touch(key).is_ok()
    }

    fn put(&mut self, key: u64) -> Option<u64> {
        self.touch(key).err().and_then(|v| self.insert_absent(v, key))
    }

    #[inline(always)]
    fn access(&mut self, key: u64) -> Access {
        match self.touch(key) {
            Ok(()) => Access { hit: true, evicted: None },
            Err(v) => Access { hit: false, evicted: self.insert_absent(v, key) },
        }
    }

    fn remove(&mut self, key: u64) -> bool {
        self.slots.slot(key).map(|i| self.slots.evict(i)).is_some()
    }

    fn keys(&self) -> Vec<u64> {
        self.slots.list.keys_from_tail()
    }
}
