//! Consistent hashing with bounded loads (Mirrokni, Thorup & Zadimoghaddam,
//! 2018; used by Vimeo and Google Cloud Pub/Sub).
//!
//! A ring, plus a cap: with m keys on n nodes no node may hold more than
//! `ceil(c·m/n)`. Keys are placed one by one; a key whose ring owner is full
//! walks on clockwise to the next node with room. With c = 1.25 no node holds
//! more than 25% above the average, however unlucky the ring.

use super::{Placement, Ring};
use crate::node::NodeId;

/// A ring with a load cap of `c` times the mean.
#[derive(Clone, Debug, PartialEq)]
pub struct Bounded {
    ring: Ring,
    c: f64,
}

impl Bounded {
    /// Bounds `ring` with load factor `c` (at least 1).
    pub fn new(ring: Ring, c: f64) -> Bounded {
        Bounded { ring, c: if c.is_finite() { c.max(1.0) } else { 1.0 } }
    }

    /// The ring underneath.
    pub fn ring(&self) -> &Ring {
        &self.ring
    }

    /// The ring underneath, to place nodes by hand.
    pub fn ring_mut(&mut self) -> &mut Ring {
        &mut self.ring
    }

    /// The load factor c.
    pub fn load_factor(&self) -> f64 {
        self.c
    }

    /// The most keys one node may hold when `m` keys are placed.
    pub fn cap(&self, m: usize) -> usize {
        let n = self.ring.nodes().len().max(1);
        (self.c * m as f64 / n as f64).ceil() as usize
    }
}

impl Placement for Bounded {
    /// A single key on its own is never over a cap: its ring owner.
    fn owner(&self, h: u64) -> Option<NodeId> {
        self.ring.owner(h)
    }

    fn add(&mut self, node: NodeId) {
        self.ring.add(node);
    }

    fn remove(&mut self, node: NodeId) {
        self.ring.remove(node);
    }

    fn nodes(&self) -> Vec<NodeId> {
        self.ring.nodes()
    }

    fn shares(&self) -> Vec<(NodeId, f64)> {
        self.ring.shares()
    }

    fn assign(&self, hashes: &[u64]) -> Vec<Option<NodeId>> {
        let nodes = self.ring.nodes();
        if nodes.is_empty() {
            return vec![None; hashes.len()];
        }
        let cap = self.cap(hashes.len()).max(1);
        let mut load = vec![0usize; nodes.len()];
        let points = self.ring.points();
        hashes
            .iter()
            .map(|&h| {
                let (_, mut i) = self.ring.owner_at(self.ring.position(h))?;
                // n × cap ≥ m, so a node with room exists; the walk visits
                // every point at most once.
                for _ in 0..points.len() {
                    let node = points[i].1;
                    let k = nodes.binary_search(&node).ok()?;
                    if load[k] < cap {
                        load[k] += 1;
                        return Some(node);
                    }
                    i = self.ring.next_point(i);
                }
                None
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::mix64;

    #[test]
    fn no_node_exceeds_the_cap_even_on_a_lopsided_ring() {
        // The seed's lopsided ring: S4 owns 78% of it.
        let mut ring = Ring::new(100, 1, 0);
        for (n, p) in [(1, 10), (2, 11), (3, 12), (4, 90)] {
            ring.add_at(NodeId(n), &[p]);
        }
        let plain: Vec<_> = (0..1_000u64).map(|k| ring.owner(mix64(k))).collect();
        let s4 = plain.iter().filter(|&&o| o == Some(NodeId(4))).count();
        assert!(s4 > 700, "unbounded, S4 takes {s4} of 1000");
        let b = Bounded::new(ring, 1.25);
        let hashes: Vec<u64> = (0..1_000u64).map(mix64).collect();
        let owners = b.assign(&hashes);
        for n in 1..=4 {
            let load = owners.iter().filter(|&&o| o == Some(NodeId(n))).count();
            assert!(load <= b.cap(1_000), "S{n} holds {load}, cap {}", b.cap(1_000));
        }
        assert_eq!(b.cap(1_000), 313);
        assert!(owners.iter().all(Option::is_some));
    }
}
