//! From a key to its slot in the cache's list: a hash index written for this
//! one job, so that a cache operation costs one short probe on every
//! platform.
//!
//! Open addressing with linear probing (Knuth, TAOCP vol. 3, 6.4): a key's
//! home bucket comes from its hash, and a key sits at its home or in the
//! first free bucket after it. The table is kept at most a quarter full,
//! so a lookup reads about 1.2 buckets when the key is there and 1.4 when it
//! is not. Deleting shifts later entries of the same run back into the hole
//! (Knuth's Algorithm R), so there are no tombstones to pile up as a full
//! cache evicts and inserts forever.
//!
//! The hash is Fibonacci hashing (Knuth, 6.4 again): the key times 2^64/φ,
//! one multiplication, whose top bits spread runs of keys (the labs' key
//! numbers) evenly. It decides only where a key sits in this table, never
//! which key a cache evicts.
//!
//! A bucket is 8 bytes: the slot and the top 32 bits of the key's hash (its
//! tag). The home bucket is the tag's top bits, so deletion moves entries
//! without rehashing a key; the key itself lives in the list, and a lookup
//! reads it only when the tag matches (a false match is one in 2^32). The
//! list also keeps each slot's bucket, so evicting a key needs no search.
//! The general-purpose `hashbrown` probes 16 control bytes at once with SSE2
//! natively but 4 at a time on wasm32; this table does the same work on
//! both.

/// An empty bucket's slot.
const EMPTY: u32 = u32::MAX;

/// 2^64 / φ, rounded to odd.
const FIBONACCI: u64 = 0x9E37_79B9_7F4A_7C15;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Bucket {
    tag: u32,
    slot: u32,
}

/// Where [`KeyIndex::probe`] found room for a key it did not find.
#[derive(Clone, Copy, Debug)]
pub(super) struct Vacancy {
    bucket: u32,
    tag: u32,
}

/// Slots by key, for slots below `u32::MAX`. Its owner keeps each slot's
/// bucket (given on insertion and whenever a deletion moves an entry), so
/// removing a slot needs no search.
#[derive(Clone, Debug)]
pub(super) struct KeyIndex {
    buckets: Vec<Bucket>,
    /// A tag's home bucket is `tag >> shift`.
    shift: u32,
    len: usize,
}

impl KeyIndex {
    /// An index with room for `n` keys before it grows (4,096 at most: a
    /// large cache's index grows as it fills, so memory follows use).
    pub fn with_capacity(n: usize) -> KeyIndex {
        // At most a quarter full: most lookups end at the home bucket.
        let buckets = (n.min(1 << 12) * 4).next_power_of_two().max(8);
        KeyIndex {
            buckets: vec![Bucket { tag: 0, slot: EMPTY }; buckets],
            shift: 32 - buckets.trailing_zeros(),
            len: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    #[inline]
    fn mask(&self) -> usize {
        self.buckets.len() - 1
    }

    #[inline]
    fn home(&self, tag: u32) -> usize {
        // `shift` is between 1 and 29: more than 2^31 buckets would take
        // 2^29 keys, which no lab comes near.
        (tag >> self.shift) as usize
    }

    /// The slot holding `key`, or else where it would go: a miss is usually
    /// followed by an insertion, which then needs no second probe.
    /// `is(slot)` says whether a slot holds the key.
    #[inline]
    pub fn probe(&self, key: u64, is: impl Fn(u32) -> bool) -> Result<u32, Vacancy> {
        let tag = (key.wrapping_mul(FIBONACCI) >> 32) as u32;
        let mask = self.mask();
        let mut b = self.home(tag);
        loop {
            let e = self.buckets[b];
            if e.slot == EMPTY {
                return Err(Vacancy { bucket: b as u32, tag });
            }
            if e.tag == tag && is(e.slot) {
                return Ok(e.slot);
            }
            b = (b + 1) & mask;
        }
    }

    /// Whether one more key would make the index over a quarter full: then
    /// [`KeyIndex::grow`] before inserting.
    #[inline]
    pub fn is_crowded(&self) -> bool {
        (self.len + 1) * 4 > self.buckets.len()
    }

    /// Doubles the table; `moved(slot, bucket)` hears where every entry went.
    /// Vacancies found before are void.
    pub fn grow(&mut self, mut moved: impl FnMut(u32, u32)) {
        let old = std::mem::take(&mut self.buckets);
        let n = old.len() * 2;
        self.buckets = vec![Bucket { tag: 0, slot: EMPTY }; n];
        self.shift = 32 - n.trailing_zeros();
        let mask = self.mask();
        for e in old.into_iter().filter(|e| e.slot != EMPTY) {
            let mut b = self.home(e.tag);
            while self.buckets[b].slot != EMPTY {
                b = (b + 1) & mask;
            }
            self.buckets[b] = e;
            moved(e.slot, b as u32);
        }
    }

    /// Indexes the key that [`KeyIndex::probe`] missed at `slot`, where the
    /// probe found room, and returns that bucket. Nothing may have changed
    /// the index in between, and it must not be [crowded](Self::is_crowded)
    /// (but for a moment while a replacement is under way).
    #[inline]
    pub fn insert_at(&mut self, v: Vacancy, slot: u32) -> u32 {
        assert!(self.len < self.buckets.len() / 2, "the index grows before it is a quarter full");
        debug_assert!(slot != EMPTY && self.buckets[v.bucket as usize].slot == EMPTY);
        self.buckets[v.bucket as usize] = Bucket { tag: v.tag, slot };
        self.len += 1;
        v.bucket
    }

    /// Removes the entry in `bucket`. Later entries of its run move back into
    /// the hole when it lies between their home and where they are now;
    /// `moved(slot, bucket)` hears of each.
    #[inline(always)]
    pub fn remove_at(&mut self, bucket: u32, mut moved: impl FnMut(u32, u32)) {
        let mask = self.mask();
        let mut hole = bucket as usize;
        let mut j = hole;
        loop {
            j = (j + 1) & mask;
            let e = self.buckets[j];
            if e.slot == EMPTY {
                break;
            }
            let home = self.home(e.tag);
            if (j.wrapping_sub(home) & mask) >= (j.wrapping_sub(hole) & mask) {
                self.buckets[hole] = e;
                moved(e.slot, hole as u32);
                hole = j;
            }
        }
        self.buckets[hole].slot = EMPTY;
        self.len -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_a_quarter_full_at_most_and_small_for_large_caches() {
        for n in [0, 1, 3, 4, 1_000, 4_096] {
            let index = KeyIndex::with_capacity(n);
            assert!(index.buckets.len() >= 4 * n && index.buckets.len() >= 8, "{n}");
            assert!(index.buckets.len().is_power_of_two());
        }
        assert_eq!(KeyIndex::with_capacity(1_000_000).buckets.len(), 1 << 14);
    }

    /// The hash spreads the keys the labs use (runs of small numbers) and
    /// strided ones: probes stay short, as linear probing at a quarter full
    /// promises (about 1.17 buckets per hit on average).
    #[test]
    fn patterned_keys_probe_short() {
        for (stride, what) in
            [(1u64, "a run"), (1 << 10, "stride 2^10"), (1 << 32, "stride 2^32"), (1_000, "stride 1000")]
        {
            let mut index = KeyIndex::with_capacity(1_000);
            for (slot, i) in (0..1_000u64).enumerate() {
                let v = index.probe(i * stride, |_| false).unwrap_err();
                index.insert_at(v, slot as u32);
            }
            let mask = index.mask();
            let displaced: usize = (0..index.buckets.len())
                .filter(|&b| index.buckets[b].slot != EMPTY)
                .map(|b| b.wrapping_sub(index.home(index.buckets[b].tag)) & mask)
                .sum();
            let mean_probe = 1.0 + displaced as f64 / 1_000.0;
            assert!(mean_probe < 1.4, "{what}: {mean_probe:.2} buckets per lookup");
        }
    }
}

// proptest runs natively only (see core/Cargo.toml).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    #[derive(Clone, Debug)]
    enum Op {
        Insert(u64),
        Remove(u64),
        Find(u64),
    }

    fn op(keys: u64) -> impl Strategy<Value = Op> {
        prop_oneof![
            (0..keys).prop_map(Op::Insert),
            (0..keys).prop_map(Op::Remove),
            (0..keys).prop_map(Op::Find),
            any::<u64>().prop_map(Op::Find),
        ]
    }

    proptest! {
        /// Against a `BTreeMap`, in tables small enough that runs wrap past the
        /// end and deletions shift entries back, and that grow. The test keeps
        /// each slot's bucket as the caches do, from what insertions, growth
        /// and deletions say.
        #[test]
        fn behaves_like_a_map(made_for in 1usize..40, keys in 1u64..200, ops in proptest::collection::vec(op(200), 1..400)) {
            let mut index = KeyIndex::with_capacity(made_for);
            let mut model: BTreeMap<u64, u32> = BTreeMap::new();
            let mut key_of: BTreeMap<u32, u64> = BTreeMap::new();
            let mut bucket_of: BTreeMap<u32, u32> = BTreeMap::new();
            let mut next = 0u32;
            for op in ops {
                match op {
                    Op::Insert(k) => {
                        let k = k % keys;
                        match index.probe(k, |s| key_of[&s] == k) {
                            Ok(s) => prop_assert_eq!(model.get(&k), Some(&s)),
                            Err(v) => {
                                prop_assert!(!model.contains_key(&k));
                                let v = if index.is_crowded() {
                                    index.grow(|s, b| { bucket_of.insert(s, b); });
                                    index.probe(k, |s| key_of[&s] == k).unwrap_err()
                                } else {
                                    v
                                };
                                bucket_of.insert(next, index.insert_at(v, next));
                                model.insert(k, next);
                                key_of.insert(next, k);
                                next += 1;
                            }
                        }
                    }
                    Op::Remove(k) => {
                        if let Some(slot) = model.remove(&(k % keys)) {
                            let b = bucket_of.remove(&slot).unwrap();
                            index.remove_at(b, |s, b| { bucket_of.insert(s, b); });
                        }
                    }
                    Op::Find(k) => {
                        prop_assert_eq!(index.probe(k, |s| key_of[&s] == k).ok(), model.get(&k).copied());
                    }
                }
                prop_assert_eq!(index.len(), model.len());
                for (&s, &b) in &bucket_of {
                    prop_assert_eq!(index.buckets[b as usize].slot, s, "the owner's record of where slot {} is", s);
                }
            }
            for (&k, &s) in &model {
                prop_assert_eq!(index.probe(k, |t| key_of[&t] == k).ok(), Some(s));
            }
        }
    }
}
