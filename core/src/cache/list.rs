//! A doubly linked list in a slab, indexed by `u32`: what LRU and SIEVE move
//! keys around in, without allocating per operation.

use super::index::{KeyIndex, Vacancy};

pub(super) const NIL: u32 = u32::MAX;

#[derive(Clone, Debug)]
pub(super) struct Entry {
    pub key: u64,
    pub prev: u32,
    pub next: u32,
    /// Where [`Linked`]'s index keeps this slot.
    bucket: u32,
    /// SIEVE's "visited" bit (unused by LRU).
    pub visited: bool,
}

/// Head is the newest end, tail the oldest.
#[derive(Clone, Debug, Default)]
pub(super) struct List {
    pub slots: Vec<Entry>,
    pub head: u32,
    pub tail: u32,
}

impl List {
    pub fn with_capacity(n: usize) -> List {
        List { slots: Vec::with_capacity(n), head: NIL, tail: NIL }
    }

    #[inline]
    pub fn get(&self, i: u32) -> &Entry {
        &self.slots[i as usize]
    }

    #[inline]
    pub fn get_mut(&mut self, i: u32) -> &mut Entry {
        &mut self.slots[i as usize]
    }

    /// Takes slot `i` out of the chain (the slot itself stays allocated).
    #[inline]
    pub fn unlink(&mut self, i: u32) {
        let (prev, next) = {
            let e = self.get(i);
            (e.prev, e.next)
        };
        if prev == NIL {
            self.head = next;
        } else {
            self.get_mut(prev).next = next;
        }
        if next == NIL {
            self.tail = prev;
        } else {
            self.get_mut(next).prev = prev;
        }
    }

    /// Puts unlinked slot `i` between `prev` and `next` (either may be
    /// `NIL`: the head or tail end), which must be neighbours.
    #[inline]
    fn link_between(&mut self, i: u32, prev: u32, next: u32) {
        {
            let e = self.get_mut(i);
            e.prev = prev;
            e.next = next;
        }
        if prev == NIL {
            self.head = i;
        } else {
            self.get_mut(prev).next = i;
        }
        if next == NIL {
            self.tail = i;
        } else {
            self.get_mut(next).prev = i;
        }
    }

    /// Puts slot `i` at the head.
    #[inline]
    pub fn link_front(&mut self, i: u32) {
        self.link_between(i, NIL, self.head);
    }

    /// Puts unlinked slot `i` just before slot `at`, on `at`'s head side.
    pub fn link_before(&mut self, i: u32, at: u32) {
        self.link_between(i, self.get(at).prev, at);
    }

    /// Puts unlinked slot `i` at the tail.
    pub fn link_back(&mut self, i: u32) {
        self.link_between(i, self.tail, NIL);
    }

    /// A new slot for `key` (not yet linked).
    pub fn alloc(&mut self, key: u64) -> u32 {
        self.slots.push(Entry { key, prev: NIL, next: NIL, bucket: NIL, visited: false });
        u32::try_from(self.slots.len() - 1).unwrap_or(NIL)
    }

    /// Keys from the tail (oldest) to the head.
    pub fn keys_from_tail(&self) -> Vec<u64> {
        let mut out = Vec::with_capacity(self.slots.len());
        let mut i = self.tail;
        while i != NIL {
            let e = self.get(i);
            out.push(e.key);
            i = e.prev;
        }
        out
    }
}

/// Keys in a [`List`] with an index from key to slot and a bounded
/// capacity: what LRU and SIEVE share. The index holds slot numbers and
/// confirms a key by comparing it with the slot's, so each key is hashed once
/// per lookup. Slots freed by eviction are reused, and the slots and index
/// grow only while the cache fills, so a full cache allocates nothing.
#[derive(Clone, Debug)]
pub(super) struct Linked {
    table: KeyIndex,
    pub list: List,
    free: Vec<u32>,
    capacity: usize,
}

impl Linked {
    pub fn new(capacity: usize) -> Linked {
        let capacity = capacity.min(NIL as usize);
        Linked {
            table: KeyIndex::with_capacity(capacity),
            // A large cache's slots grow as it fills, like its index.
            list: List::with_capacity(capacity.min(1 << 12)),
            free: Vec::new(),
            capacity,
        }
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_full(&self) -> bool {
        self.table.len() >= self.capacity
    }

    #[inline]
    pub fn slot(&self, key: u64) -> Option<u32> {
        self.probe(key).ok()
    }

    /// `key`'s slot, or where the index has room for it.
    #[inline]
    pub fn probe(&self, key: u64) -> Result<u32, Vacancy> {
        let slots = &self.list.slots;
        self.table.probe(key, |i| slots[i as usize].key == key)
    }

    /// Puts `key` (not present, and with room for it) at the head, unvisited;
    /// returns its slot.
    pub fn insert_front(&mut self, key: u64) -> u32 {
        match self.probe(key) {
            Err(v) => self.insert_front_at(v, key),
            Ok(i) => i,
        }
    }

    /// [`Linked::insert_front`] for a key [`Linked::probe`] just missed;
    /// returns its slot.
    #[inline]
    pub fn insert_front_at(&mut self, v: Vacancy, key: u64) -> u32 {
        let v = if self.table.is_crowded() {
            let slots = &mut self.list.slots;
            self.table.grow(|s, b| slots[s as usize].bucket = b);
            match self.probe(key) {
                Err(v) => v,
                Ok(i) => return i,
            }
        } else {
            v
        };
        let i = self.free.pop().unwrap_or_else(|| self.list.alloc(key));
        self.relink(i, key);
        self.list.get_mut(i).bucket = self.table.insert_at(v, i);
        i
    }

    /// Takes slot `i` out; returns its key. The slot is reused later.
    pub fn evict(&mut self, i: u32) -> u64 {
        self.list.unlink(i);
        self.unindex(i);
        self.free.push(i);
        self.list.get(i).key
    }

    /// Gives the oldest key's slot to `key`, which [`Linked::probe`] just
    /// missed, and puts it at the head: an eviction and an insertion without
    /// freeing anything. Returns the evicted key. The list must not be empty.
    #[inline]
    pub fn replace_tail_at(&mut self, v: Vacancy, key: u64) -> u64 {
        let i = self.list.tail;
        self.list.unlink(i);
        let old = self.list.get(i).key;
        // Index the new key first: the vacancy is only good until the index
        // changes. For a moment two buckets name slot `i`.
        let old_bucket = self.list.get(i).bucket;
        self.relink(i, key);
        self.list.get_mut(i).bucket = self.table.insert_at(v, i);
        self.remove_bucket(old_bucket);
        old
    }

    /// Removes slot `i`'s entry from the index.
    #[inline]
    fn unindex(&mut self, i: u32) {
        self.remove_bucket(self.list.get(i).bucket);
    }

    #[inline]
    fn remove_bucket(&mut self, bucket: u32) {
        let slots = &mut self.list.slots;
        self.table.remove_at(bucket, |s, b| slots[s as usize].bucket = b);
    }

    /// Stores `key` in unlinked slot `i` and links it at the head.
    #[inline]
    fn relink(&mut self, i: u32, key: u64) {
        let e = self.list.get_mut(i);
        e.key = key;
        e.visited = false;
        self.list.link_front(i);
    }
}
