//! Maglev hashing (Eisenbud et al., NSDI 2016: Google's network load balancer).
//!
//! A lookup table of prime size M is filled by letting the nodes take turns:
//! each node walks its own permutation of the slots (an offset and a skip
//! derived from its hash) and claims the next free one. Lookups are one table
//! read; every node gets M/N slots give or take one; when a node leaves, most
//! slots keep their owner.

use super::{Placement, node_hash};
use crate::hash::mix64;
use crate::node::NodeId;

/// Whether `n` is prime (trial division; table sizes are small).
pub fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    if n < 4 {
        return true;
    }
    if n.is_multiple_of(2) {
        return false;
    }
    let mut d = 3;
    while d * d <= n {
        if n.is_multiple_of(d) {
            return false;
        }
        d += 2;
    }
    true
}

/// A Maglev lookup table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Maglev {
    size: u64,
    salt: u64,
    nodes: Vec<NodeId>,
    table: Vec<NodeId>,
}

impl Maglev {
    /// An empty table of `size` slots (should be prime and much larger than the
    /// number of nodes); `salt` varies the permutations per run.
    pub fn new(size: u64, salt: u64) -> Maglev {
        Maglev { size: size.max(1), salt, nodes: Vec::new(), table: Vec::new() }
    }

    /// The table's size M.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Refills the table from scratch (the paper's `Populate`).
    fn populate(&mut self) {
        self.table.clear();
        if self.nodes.is_empty() {
            return;
        }
        let m = self.size;
        let perms: Vec<(u64, u64)> = self
            .nodes
            .iter()
            .map(|n| {
                let h = node_hash(self.salt, *n);
                let offset = mix64(h ^ 0x6F66_6673_6574) % m;
                let skip = if m > 1 { mix64(h ^ 0x736B_6970) % (m - 1) + 1 } else { 1 };
                (offset, skip)
            })
            .collect();
        let mut next = vec![0u64; self.nodes.len()];
        let mut slots: Vec<Option<NodeId>> = vec![None; m as usize];
        let mut filled = 0u64;
        'fill: loop {
            for (i, &(offset, skip)) in perms.iter().enumerate() {
                let mut c = (offset + next[i] % m * skip) % m;
                while slots[c as usize].is_some() {
                    next[i] += 1;
                    c = (offset + next[i] % m * skip) % m;
                }
                slots[c as usize] = Some(self.nodes[i]);
                next[i] += 1;
                filled += 1;
                if filled == m {
                    break 'fill;
                }
            }
        }
        self.table = slots.into_iter().map(|s| s.unwrap_or(self.nodes[0])).collect();
    }
}

impl Placement for Maglev {
    fn owner(&self, h: u64) -> Option<NodeId> {
        if self.table.is_empty() {
            return None;
        }
        // The key's hash is the caller's: with `key-hash=identity` key k goes
        // to slot k mod M, as the lab promises.
        Some(self.table[(h % self.size) as usize])
    }

    fn add(&mut self, node: NodeId) {
        if let Err(i) = self.nodes.binary_search(&node) {
            self.nodes.insert(i, node);
            self.populate();
        }
    }

    fn remove(&mut self, node: NodeId) {
        if let Ok(i) = self.nodes.binary_search(&node) {
            self.nodes.remove(i);
            self.populate();
        }
    }

    fn nodes(&self) -> Vec<NodeId> {
        self.nodes.clone()
    }

    /// Exact: the fraction of table slots each node holds.
    fn shares(&self) -> Vec<(NodeId, f64)> {
        self.nodes
            .iter()
            .map(|&n| (n, self.table.iter().filter(|&&t| t == n).count() as f64 / self.size as f64))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primes() {
        let small: Vec<u64> = (0..30).filter(|&n| is_prime(n)).collect();
        assert_eq!(small, [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]);
        assert!(is_prime(65_537));
        assert!(!is_prime(65_535));
    }

    #[test]
    fn every_node_gets_its_share_of_slots_give_or_take_one_percent() {
        let mut m = Maglev::new(65_537, 3);
        (0..7).for_each(|i| m.add(NodeId(i)));
        for (n, share) in m.shares() {
            assert!((share - 1.0 / 7.0).abs() < 0.01, "{n:?}: {share}");
        }
    }

    #[test]
    fn removing_a_node_keeps_most_other_slots() {
        let mut m = Maglev::new(4_099, 3);
        (0..10).for_each(|i| m.add(NodeId(i)));
        let before = m.table.clone();
        m.remove(NodeId(4));
        let kept = before.iter().zip(&m.table).filter(|(a, b)| a == b && **a != NodeId(4)).count();
        let others = before.iter().filter(|&&a| a != NodeId(4)).count();
        assert!(kept as f64 / others as f64 > 0.9, "kept {kept} of {others}");
    }
}
