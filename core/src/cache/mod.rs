//! Caches that report what they did: hit or miss, and which key was evicted.
//!
//! Four replacement policies behind one [`Cache`] trait, hand-written because
//! they are what the caching lab teaches:
//!
//! - [`Lru`]: least recently used, O(1) get and put (a map into a slab-backed
//!   doubly linked list).
//! - [`Fifo`]: first in, first out; a hit changes nothing.
//! - [`Lfu`]: least frequently used, ties to the least recently used.
//! - [`Sieve`]: FIFO order with a "visited" bit and a moving hand (Zhang et
//!   al., NSDI 2024): as simple as FIFO, often better than LRU.
//!
//! Keys are `u64`. Maps use [`KeyMap`], a hash map with a fixed hasher, so
//! nothing depends on the process (core never uses a randomly keyed map).

mod che;
mod fifo;
mod index;
mod lfu;
mod list;
mod lru;
mod sieve;

pub use che::che_hit_ratio;
pub use fifo::Fifo;
pub use lfu::Lfu;
pub use lru::Lru;
pub use sieve::Sieve;

use crate::hash::mix64;
use crate::input::choices;
use std::hash::{BuildHasherDefault, Hasher};

/// A `u64`-keyed hash map with a fixed, fast hasher (the SplitMix64
/// finaliser): deterministic on every platform and run.
pub type KeyMap<V> = hashbrown::HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// Hashes one `u64` with [`mix64`]. Other input is folded in 8 bytes at a time.
#[derive(Clone, Copy, Debug, Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = mix64(self.0 ^ x);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// What one access did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Access {
    /// The key was in the cache.
    pub hit: bool,
    /// The key that made room for it, on a miss in a full cache.
    pub evicted: Option<u64>,
}

/// A fixed-capacity cache of keys.
pub trait Cache {
    /// How many keys it holds at most.
    fn capacity(&self) -> usize;
    /// How many keys it holds.
    fn len(&self) -> usize;
    /// Whether it holds nothing.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Whether `key` is in the cache, without counting as a use.
    fn contains(&self, key: u64) -> bool;
    /// Looks `key` up: `true` on a hit, which counts as a use.
    fn get(&mut self, key: u64) -> bool;
    /// Inserts `key` (or counts a use if present); returns the key evicted to
    /// make room, if any. A cache of capacity 0 stores nothing.
    fn put(&mut self, key: u64) -> Option<u64>;
    /// Removes `key`; returns whether it was there.
    fn remove(&mut self, key: u64) -> bool;
    /// The keys, the next to be evicted first (the order the UI draws slots).
    fn keys(&self) -> Vec<u64>;

    /// One reference of a trace: a hit, or a miss that then inserts the key.
    fn access(&mut self, key: u64) -> Access {
        if self.get(key) {
            Access { hit: true, evicted: None }
        } else {
            Access { hit: false, evicted: self.put(key) }
        }
    }
}

choices! {
    /// Which replacement policy.
    pub enum Policy {
        /// Least recently used.
        Lru = "lru",
        /// First in, first out.
        Fifo = "fifo",
        /// Least frequently used.
        Lfu = "lfu",
        /// SIEVE.
        Sieve = "sieve",
    }
}

/// A cache of any policy.
#[derive(Clone, Debug)]
pub enum AnyCache {
    /// LRU.
    Lru(Lru),
    /// FIFO.
    Fifo(Fifo),
    /// LFU.
    Lfu(Lfu),
    /// SIEVE.
    Sieve(Sieve),
}

impl AnyCache {
    /// An empty cache of `policy` holding at most `capacity` keys.
    pub fn new(policy: Policy, capacity: usize) -> AnyCache {
        match policy {
            Policy::Lru => AnyCache::Lru(Lru::new(capacity)),
            Policy::Fifo => AnyCache::Fifo(Fifo::new(capacity)),
            Policy::Lfu => AnyCache::Lfu(Lfu::new(capacity)),
            Policy::Sieve => AnyCache::Sieve(Sieve::new(capacity)),
        }
    }

    fn inner(&self) -> &dyn Cache {
        match self {
            AnyCache::Lru(c) => c,
            AnyCache::Fifo(c) => c,
            AnyCache::Lfu(c) => c,
            AnyCache::Sieve(c) => c,
        }
    }

    fn inner_mut(&mut self) -> &mut dyn Cache {
        match self {
            AnyCache::Lru(c) => c,
            AnyCache::Fifo(c) => c,
            AnyCache::Lfu(c) => c,
            AnyCache::Sieve(c) => c,
        }
    }
}

impl Cache for AnyCache {
    fn capacity(&self) -> usize {
        self.inner().capacity()
    }
    fn len(&self) -> usize {
        self.inner().len()
    }
    fn contains(&self, key: u64) -> bool {
        self.inner().contains(key)
    }
    fn get(&mut self, key: u64) -> bool {
        self.inner_mut().get(key)
    }
    fn put(&mut self, key: u64) -> Option<u64> {
        self.inner_mut().put(key)
    }
    fn access(&mut self, key: u64) -> Access {
        self.inner_mut().access(key)
    }
    fn remove(&mut self, key: u64) -> bool {
        self.inner_mut().remove(key)
    }
    fn keys(&self) -> Vec<u64> {
        self.inner().keys()
    }
}

/// Runs a trace through a new cache: `(hits, misses, evicted keys in order)`.
pub fn run_trace(policy: Policy, capacity: usize, trace: &[u64]) -> (u64, u64, Vec<u64>) {
    let mut cache = AnyCache::new(policy, capacity);
    let (mut hits, mut misses, mut evicted) = (0, 0, Vec::new());
    for &k in trace {
        let a = cache.access(k);
        if a.hit {
            hits += 1;
        } else {
            misses += 1;
        }
        evicted.extend(a.evicted);
    }
    (hits, misses, evicted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Choice;

    #[test]
    fn the_seeds_walk_through_misses_every_time_under_lru() {
        // LRU of size 3 on 1,2,3,4,1,2: 1, 2, 3 go in; 4 evicts 1; 1 evicts
        // 2; 2 evicts 3. Six misses.
        let (hits, misses, evicted) = run_trace(Policy::Lru, 3, &[1, 2, 3, 4, 1, 2]);
        assert_eq!((hits, misses), (0, 6));
        assert_eq!(evicted, [1, 2, 3]);
    }

    #[test]
    fn every_policy_keeps_its_capacity_and_a_zero_cache_stores_nothing() {
        for &p in Policy::ALL {
            let mut c = AnyCache::new(p, 4);
            for k in 0..100u64 {
                c.access(k % 7);
                assert!(c.len() <= 4, "{p:?}");
                assert_eq!(c.keys().len(), c.len(), "{p:?}");
            }
            let mut z = AnyCache::new(p, 0);
            assert_eq!(z.access(1), Access { hit: false, evicted: None });
            assert!(!z.contains(1) && z.is_empty());
        }
    }

    #[test]
    fn policies_differ_where_they_should() {
        // 1 is used often, then a scan of new keys passes through.
        let trace = [1, 1, 1, 2, 3, 4, 1];
        // LRU: 2,3,4 push 1 out of a size-3 cache. LFU keeps it.
        assert_eq!(run_trace(Policy::Lru, 3, &trace).0, 2);
        assert_eq!(run_trace(Policy::Lfu, 3, &trace).0, 3);
        // FIFO evicts the oldest even if it was just used; SIEVE spares it once.
        assert_eq!(run_trace(Policy::Fifo, 3, &[1, 2, 3, 1, 4, 1]).0, 1);
        assert_eq!(run_trace(Policy::Sieve, 3, &[1, 2, 3, 1, 4, 1]).0, 2);
    }
}
