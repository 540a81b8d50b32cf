//! The caches against simple models and against the `lru` crate, and LRU
//! against Che's approximation. Native only (proptest and the peer crate).

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use scalelab_core::cache::{AnyCache, Cache, Policy, che_hit_ratio, run_trace};
use scalelab_core::rng::{SimRng, Stream};
use scalelab_core::zipf::Zipf;
use std::num::NonZeroUsize;

/// The obvious, slow version of each policy: a `Vec` ordered oldest (next
/// to go) first, with a use count and a visited bit per key.
struct Naive {
    policy: Policy,
    capacity: usize,
    /// `(key, uses, last use, visited)`.
    items: Vec<(u64, u64, u64, bool)>,
    /// SIEVE's hand: an index into `items`, or `None` for "the oldest".
    hand: Option<usize>,
    tick: u64,
}

impl Naive {
    fn new(policy: Policy, capacity: usize) -> Naive {
        Naive { policy, capacity, items: Vec::new(), hand: None, tick: 0 }
    }

    /// Returns `(hit, evicted)`.
    fn access(&mut self, key: u64) -> (bool, Option<u64>) {
        self.tick += 1;
        if let Some(i) = self.items.iter().position(|e| e.0 == key) {
            match self.policy {
                Policy::Lru => {
                    let e = self.items.remove(i);
                    self.items.push(e);
                }
                Policy::Lfu => {
                    self.items[i].1 += 1;
                    self.items[i].2 = self.tick;
                }
                Policy::Sieve => self.items[i].3 = true,
                Policy::Fifo => {}
            }
            return (true, None);
        }
        if self.capacity == 0 {
            return (false, None);
        }
        let mut evicted = None;
        if self.items.len() == self.capacity {
            let victim = match self.policy {
                Policy::Lru | Policy::Fifo => 0,
                Policy::Lfu => {
                    let best = self.items.iter().map(|e| (e.1, e.2)).min();
                    self.items.iter().position(|e| Some((e.1, e.2)) == best).unwrap_or(0)
                }
                Policy::Sieve => {
                    // Walk from the hand towards the newest, wrapping to the oldest.
                    let mut i = self.hand.unwrap_or(0);
                    while self.items[i].3 {
                        self.items[i].3 = false;
                        i = if i + 1 == self.items.len() { 0 } else { i + 1 };
                    }
                    // The hand stays on the next newer key (indices shift down by one).
                    self.hand = (i + 1 < self.items.len()).then_some(i);
                    i
                }
            };
            evicted = Some(self.items.remove(victim).0);
        }
        self.items.push((key, 1, self.tick, false));
        (false, evicted)
    }
}

fn policy() -> impl Strategy<Value = Policy> {
    prop_oneof![Just(Policy::Lru), Just(Policy::Fifo), Just(Policy::Lfu), Just(Policy::Sieve)]
}

proptest! {
    /// Every policy agrees with its naive model on every access: hit or
    /// miss, which key left, and what is left in the cache.
    #[test]
    fn each_policy_matches_its_model(
        policy in policy(),
        capacity in 0usize..6,
        trace in proptest::collection::vec(0u64..10, 0..200),
    ) {
        let mut ours = AnyCache::new(policy, capacity);
        let mut model = Naive::new(policy, capacity);
        for &k in &trace {
            let a = ours.access(k);
            prop_assert_eq!((a.hit, a.evicted), model.access(k), "{:?} key {}", policy, k);
            prop_assert_eq!(ours.len(), model.items.len());
        }
        let mut held: Vec<u64> = ours.keys();
        let mut expected: Vec<u64> = model.items.iter().map(|e| e.0).collect();
        if policy != Policy::Lfu {
            // LRU, FIFO and SIEVE list keys oldest first, like the model.
            prop_assert_eq!(&held, &expected);
        }
        held.sort_unstable();
        expected.sort_unstable();
        prop_assert_eq!(held, expected);
    }

    /// `remove` then carrying on keeps every policy consistent.
    #[test]
    fn removing_keys_keeps_the_cache_consistent(
        policy in policy(),
        ops in proptest::collection::vec((0u64..8, any::<bool>()), 0..150),
    ) {
        let mut c = AnyCache::new(policy, 4);
        for (k, remove) in ops {
            if remove {
                let was = c.contains(k);
                prop_assert_eq!(c.remove(k), was);
                prop_assert!(!c.contains(k));
            } else {
                c.access(k);
                prop_assert!(c.contains(k));
            }
            prop_assert!(c.len() <= 4);
            prop_assert_eq!(c.keys().len(), c.len());
        }
    }
}

fn zipf_trace(keys: u32, skew: f64, n: usize, seed: u64) -> Vec<u64> {
    let z = Zipf::new(keys, skew);
    let mut rng = SimRng::new(seed, Stream::Workload);
    (0..n).map(|_| z.sample(&mut rng)).collect()
}

#[test]
fn our_lru_hits_exactly_as_often_as_the_lru_crate() {
    // 20,000 keys in a cache of 12,000: the index grows as the cache fills.
    for (capacity, skew) in [(10usize, 0.8), (100, 1.0), (1_000, 1.2), (12_000, 0.6)] {
        let trace = zipf_trace(20_000, skew, 200_000, 7);
        let (hits, misses, evicted) = run_trace(Policy::Lru, capacity, &trace);
        let mut peer = lru::LruCache::new(NonZeroUsize::new(capacity).unwrap());
        let (mut peer_hits, mut peer_evicted) = (0u64, Vec::new());
        for &k in &trace {
            if peer.get(&k).is_some() {
                peer_hits += 1;
            } else if let Some((old, ())) = peer.push(k, ()) {
                peer_evicted.push(old);
            }
        }
        assert_eq!(hits, peer_hits, "capacity {capacity}, skew {skew}");
        assert_eq!(hits + misses, trace.len() as u64);
        assert_eq!(evicted, peer_evicted, "the same keys leave in the same order");
    }
}

#[test]
fn lru_on_a_zipf_trace_matches_ches_approximation() {
    for (keys, capacity, skew) in [(1_000u32, 50usize, 0.8), (10_000, 100, 1.0), (10_000, 1_000, 0.7)] {
        let z = Zipf::new(keys, skew);
        let trace = zipf_trace(keys, skew, 400_000, 11);
        // Warm the cache first: Che describes the steady state.
        let (warm_hits, warm_misses, _) = run_trace(Policy::Lru, capacity, &trace[..50_000]);
        let (hits, _, _) = run_trace(Policy::Lru, capacity, &trace);
        let measured = (hits - warm_hits) as f64 / (trace.len() as u64 - warm_hits - warm_misses) as f64;
        let predicted = che_hit_ratio(&z.probabilities(), capacity);
        assert!(
            (measured - predicted).abs() < 0.01,
            "{keys} keys, cache {capacity}, skew {skew}: simulated {measured:.4}, Che {predicted:.4}"
        );
    }
}
