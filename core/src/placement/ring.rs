//! Consistent hashing on a ring (the seed's technique, step by step).
//!
//! "Hash the servers and keep those in a circular ring. Hash each key and
//! keep those in that ring. Assign each key to its next server in clockwise
//! direction": a key at position p belongs to the first node point at a
//! position ≥ p, wrapping past the top. The ring has size M; hashes larger
//! than M are taken mod M ("even the modulo of server's hash will be stored").
//! A node may hold several points (`vnodes`, the seed's k hash functions),
//! which evens out each node's share of the ring.

use super::{Placement, point_hash};
use crate::node::NodeId;

/// A consistent-hash ring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ring {
    size: u64,
    vnodes: u32,
    salt: u64,
    /// `(position, node)`, sorted: ties at one position go to the lower node.
    points: Vec<(u64, NodeId)>,
}

impl Ring {
    /// An empty ring of `size` positions (at least 1) whose nodes get
    /// `vnodes` hashed points each (at least 1).
    pub fn new(size: u64, vnodes: u32, salt: u64) -> Ring {
        Ring { size: size.max(1), vnodes: vnodes.max(1), salt, points: Vec::new() }
    }

    /// The ring's size M.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Points per node added with [`Placement::add`].
    pub fn vnodes(&self) -> u32 {
        self.vnodes
    }

    /// Every point, ascending by position.
    pub fn points(&self) -> &[(u64, NodeId)] {
        &self.points
    }

    /// Where a hash lands on this ring.
    pub fn position(&self, h: u64) -> u64 {
        h % self.size
    }

    /// Adds `node` at the given positions (taken mod M), replacing any points
    /// it had: the seed's hand-placed examples (S0 = 20, S1 = 80, ...).
    pub fn add_at(&mut self, node: NodeId, positions: &[u64]) {
        self.points.retain(|p| p.1 != node);
        let size = self.size;
        self.points.extend(positions.iter().map(|&p| (p % size, node)));
        self.points.sort_unstable();
        self.points.dedup();
    }

    /// The index in `points` of the point that owns position `p`.
    fn point_for(&self, p: u64) -> usize {
        let i = self.points.partition_point(|&(pos, _)| pos < p);
        if i == self.points.len() { 0 } else { i }
    }

    /// The node that owns ring position `p`, and the index of its point.
    pub fn owner_at(&self, p: u64) -> Option<(NodeId, usize)> {
        if self.points.is_empty() {
            return None;
        }
        let i = self.point_for(p % self.size);
        Some((self.points[i].1, i))
    }

    /// The index of the point after `i`, clockwise (for walking the ring).
    pub fn next_point(&self, i: usize) -> usize {
        if i + 1 >= self.points.len() { 0 } else { i + 1 }
    }
}

impl Placement for Ring {
    fn owner(&self, h: u64) -> Option<NodeId> {
        self.owner_at(self.position(h)).map(|(n, _)| n)
    }

    fn add(&mut self, node: NodeId) {
        if self.points.iter().any(|p| p.1 == node) {
            return;
        }
        let positions: Vec<u64> = (0..self.vnodes).map(|j| point_hash(self.salt, node, j)).collect();
        self.add_at(node, &positions);
    }

    fn remove(&mut self, node: NodeId) {
        self.points.retain(|p| p.1 != node);
    }

    fn nodes(&self) -> Vec<NodeId> {
        let mut n: Vec<NodeId> = self.points.iter().map(|p| p.1).collect();
        n.sort_unstable();
        n.dedup();
        n
    }

    /// Exact: a point owns the arc from the previous point (exclusive) to
    /// itself (inclusive).
    fn shares(&self) -> Vec<(NodeId, f64)> {
        let nodes = self.nodes();
        let mut arcs = vec![0u128; nodes.len()];
        let n = self.points.len();
        for (i, &(pos, node)) in self.points.iter().enumerate() {
            let prev = self.points[(i + n - 1) % n].0;
            let arc = if n == 1 {
                u128::from(self.size)
            } else if i == 0 {
                u128::from(pos) + u128::from(self.size) - u128::from(prev)
            } else {
                u128::from(pos - prev)
            };
            if let Ok(k) = nodes.binary_search(&node) {
                arcs[k] += arc;
            }
        }
        let size = self.size as f64;
        nodes.into_iter().zip(arcs).map(|(node, a)| (node, a as f64 / size)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_ring() -> Ring {
        let mut r = Ring::new(256, 1, 0);
        r.add_at(NodeId(0), &[20]);
        r.add_at(NodeId(1), &[80]);
        r.add_at(NodeId(2), &[200]);
        r
    }

    #[test]
    fn the_seeds_example_step_by_step() {
        let r = seed_ring();
        // "21 to 80 will go to S1, 81 to 200 to S2, remaining to S0."
        assert_eq!(r.owner(21), Some(NodeId(1)));
        assert_eq!(r.owner(80), Some(NodeId(1)), "a node at 80 owns key 80 (≥)");
        assert_eq!(r.owner(81), Some(NodeId(2)));
        assert_eq!(r.owner(200), Some(NodeId(2)));
        assert_eq!(r.owner(201), Some(NodeId(0)), "wraps past the top");
        assert_eq!(r.owner(20), Some(NodeId(0)));
        assert_eq!(r.owner(256 + 85), Some(NodeId(2)), "hashes beyond M are taken mod M");
    }

    #[test]
    fn exact_shares_of_the_seeds_lopsided_ring() {
        // S1:10, S2:11, S3:12, S4:90 on a ring of 100: S4 owns (12, 90], 78%.
        let mut r = Ring::new(100, 1, 0);
        for (n, p) in [(1, 10), (2, 11), (3, 12), (4, 90)] {
            r.add_at(NodeId(n), &[p]);
        }
        let shares = r.shares();
        assert_eq!(shares[3], (NodeId(4), 0.78));
        assert_eq!(shares[0], (NodeId(1), 0.20), "S1 owns (90, 100) and [0, 10]");
    }

    #[test]
    fn one_point_owns_everything_and_ties_go_to_the_lower_node() {
        let mut r = Ring::new(10, 1, 0);
        r.add_at(NodeId(5), &[3]);
        assert_eq!(r.shares(), vec![(NodeId(5), 1.0)]);
        r.add_at(NodeId(2), &[3]);
        assert_eq!(r.owner(3), Some(NodeId(2)));
    }
}
