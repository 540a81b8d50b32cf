//! Jump consistent hash (Lamping & Veach, 2014).
//!
//! `jump_hash(key, n)` picks a bucket in `0..n` with no table at all: a key
//! "jumps" forward through bucket numbers with a pseudo-random stride and
//! stops at the last bucket below n. Growing from n to n + 1 moves exactly
//! the keys that land in the new bucket, 1/(n + 1) of them. The catch: buckets
//! are numbered, so only the last one can leave. Here a table maps buckets to
//! nodes; removing a node from the middle moves the last node into its bucket,
//! which moves that node's keys too (about 2/n instead of 1/n).

use super::Placement;
use crate::node::NodeId;

/// Lamping & Veach's jump consistent hash: the bucket of `key` among `n`.
pub fn jump_hash(mut key: u64, n: u32) -> u32 {
    let (mut b, mut j): (i64, i64) = (-1, 0);
    while j < i64::from(n) {
        b = j;
        key = key.wrapping_mul(2_862_933_555_777_941_757).wrapping_add(1);
        // The paper's floating-point step, exactly as published.
        j = ((b + 1) as f64 * ((1u64 << 31) as f64 / ((key >> 33) + 1) as f64)) as i64;
    }
    b.max(0) as u32
}

/// Jump hash over a bucket → node table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Jump {
    buckets: Vec<NodeId>,
}

impl Jump {
    /// No nodes yet.
    pub fn new() -> Jump {
        Jump::default()
    }
}

impl Placement for Jump {
    fn owner(&self, h: u64) -> Option<NodeId> {
        let n = u32::try_from(self.buckets.len()).ok().filter(|&n| n > 0)?;
        Some(self.buckets[jump_hash(h, n) as usize])
    }

    fn add(&mut self, node: NodeId) {
        if !self.buckets.contains(&node) {
            self.buckets.push(node);
        }
    }

    fn remove(&mut self, node: NodeId) {
        if let Some(i) = self.buckets.iter().position(|&n| n == node) {
            // The last bucket goes away; its node takes over the freed number.
            self.buckets.swap_remove(i);
        }
    }

    fn nodes(&self) -> Vec<NodeId> {
        super::distinct_ascending(self.buckets.iter().copied())
    }

    /// 1/N each: Lamping & Veach's construction sends a uniform key to each
    /// of the N buckets with probability exactly 1/N.
    fn shares(&self) -> Vec<(NodeId, f64)> {
        super::equal_shares(self.nodes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_values() {
        // From the reference implementation (Lamping & Veach, and the Go
        // port's tests): key 0 always lands in bucket 0.
        assert_eq!(jump_hash(0, 1), 0);
        assert_eq!(jump_hash(0, 1_000), 0);
        for n in 1..50 {
            for key in [1u64, 0xDEAD_BEEF, u64::MAX] {
                assert!(jump_hash(key, n) < n);
            }
        }
    }

    #[test]
    fn growing_moves_keys_only_into_the_new_bucket() {
        for key in 0..10_000u64 {
            let k = crate::hash::mix64(key);
            let (a, b) = (jump_hash(k, 10), jump_hash(k, 11));
            assert!(a == b || b == 10, "key {key}: {a} -> {b}");
        }
    }
}
