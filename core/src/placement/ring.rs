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

/// Buckets of the index with at most this many points are scanned.
const SCAN: usize = 8;

/// A consistent-hash ring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ring {
    /// The number of positions, 1 to 2^64.
    span: u128,
    /// `span - 1` when the span is a power of two: positions by masking,
    /// which is much cheaper than a division on every lookup.
    mask: Option<u64>,
    vnodes: u32,
    salt: u64,
    /// `(position, node)`, sorted: ties at one position go to the lower node.
    points: Vec<(u64, NodeId)>,
    /// A lookup shortcut, rebuilt whenever `points` changes: the ring's
    /// positions cut into 2^k equal buckets (about one per point), and for
    /// each bucket the number of points below its start, then a last entry
    /// holding the number of points. A lookup reads its bucket's range and
    /// looks only at the few points inside it, instead of binary-searching
    /// the whole ring: ~10 dependent, unpredictable comparisons become one or
    /// two. Empty when the span is not a power of
    /// two (the seed's small hand-made rings), where lookups search it all.
    index: Vec<u32>,
    /// Bucket of position `p` is `p >> shift`.
    shift: u32,
}

impl Ring {
    /// An empty ring of `size` positions (at least 1) whose nodes get
    /// `vnodes` hashed points each (at least 1).
    pub fn new(size: u64, vnodes: u32, salt: u64) -> Ring {
        let size = size.max(1);
        let mask = size.is_power_of_two().then(|| size - 1);
        Ring {
            span: u128::from(size),
            mask,
            vnodes: vnodes.max(1),
            salt,
            points: Vec::new(),
            index: Vec::new(),
            shift: 0,
        }
    }

    /// An empty ring spanning every 64-bit hash (no reduction at all).
    pub fn full(vnodes: u32, salt: u64) -> Ring {
        Ring { span: 1 << 64, mask: Some(u64::MAX), ..Ring::new(1, vnodes, salt) }
    }

    /// The ring's size M (saturating at `u64::MAX` for the full ring).
    pub fn size(&self) -> u64 {
        u64::try_from(self.span).unwrap_or(u64::MAX)
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
    #[inline]
    pub fn position(&self, h: u64) -> u64 {
        match self.mask {
            Some(m) => h & m,
            // The span is below 2^64 here, so it fits.
            None => h % (self.span as u64),
        }
    }

    /// Adds `node` at the given positions (taken mod M), replacing any points
    /// it had: the seed's hand-placed examples (S0 = 20, S1 = 80, ...).
    /// The new points are sorted and merged in, so adding k points to a ring
    /// of n costs O(n + k log k), not a sort of the whole ring.
    pub fn add_at(&mut self, node: NodeId, positions: &[u64]) {
        self.points.retain(|p| p.1 != node);
        let mut fresh: Vec<(u64, NodeId)> = positions.iter().map(|&p| (self.position(p), node)).collect();
        fresh.sort_unstable();
        fresh.dedup();
        self.merge(fresh);
    }

    /// The index in `points` of the point that owns position `p`: the first
    /// at or after it, wrapping to 0.
    #[inline]
    fn point_for(&self, p: u64) -> usize {
        let below = |&(pos, _): &(u64, NodeId)| pos < p;
        let i = match self.bucket_range(p) {
            // About one point per bucket: a short scan beats a search, and
            // compiles to a loop small enough for V8 to keep in registers.
            Some((lo, hi)) if hi - lo <= SCAN => {
                let mut i = lo;
                while i < hi && self.points[i].0 < p {
                    i += 1;
                }
                i
            }
            // A crowded bucket (hand-placed points): search it.
            Some((lo, hi)) => lo + self.points[lo..hi].partition_point(below),
            None => self.points.partition_point(below),
        };
        if i == self.points.len() { 0 } else { i }
    }

    /// The points whose positions share `p`'s bucket, as a range of indices.
    #[inline]
    fn bucket_range(&self, p: u64) -> Option<(usize, usize)> {
        // `shift` is below 64 and `p` has at most `shift + 32` significant
        // bits, so the bucket fits a `usize` even on wasm32.
        let b = (p >> self.shift) as usize;
        // The index ends with `points.len()`: every bucket has a next.
        let (lo, hi) = (*self.index.get(b)?, *self.index.get(b + 1)?);
        Some((lo as usize, hi as usize))
    }

    /// Rebuilds [`Ring::index`] from the sorted points, in O(points + buckets).
    fn reindex(&mut self) {
        self.index.clear();
        let Some(mask) = self.mask else { return };
        if self.points.is_empty() || u32::try_from(self.points.len()).is_err() {
            return;
        }
        // Positions have `bits` significant bits; take the top `k` of them.
        let bits = u64::BITS - mask.leading_zeros();
        // At least one bit when there is one, so `shift` stays below 64.
        let k = self.points.len().next_power_of_two().trailing_zeros().clamp(1, 32).min(bits);
        self.shift = bits - k;
        let mut below = 0;
        for b in 0..1u64 << k {
            // `shift` is below 64 (see `k`), and `b << shift` below 2^bits.
            let start = b << self.shift;
            while below < self.points.len() && self.points[below].0 < start {
                below += 1;
            }
            self.index.push(u32::try_from(below).unwrap_or(u32::MAX));
        }
        self.index.push(u32::try_from(self.points.len()).unwrap_or(u32::MAX));
    }

    /// Adds many nodes at their hashed positions in one go: one sort of every
    /// new point and one merge, instead of a merge per node. Nodes already on
    /// the ring are left as they are.
    pub fn add_nodes(&mut self, nodes: impl IntoIterator<Item = NodeId>) {
        let present = self.nodes();
        let mut fresh: Vec<(u64, NodeId)> = nodes
            .into_iter()
            .filter(|n| present.binary_search(n).is_err())
            .flat_map(|n| (0..self.vnodes).map(move |j| (n, j)))
            .map(|(n, j)| (self.position(point_hash(self.salt, n, j)), n))
            .collect();
        fresh.sort_unstable();
        fresh.dedup();
        self.merge(fresh);
    }

    /// Merges sorted points into the ring's sorted points in one pass.
    fn merge(&mut self, fresh: Vec<(u64, NodeId)>) {
        let old = std::mem::take(&mut self.points);
        let mut merged = Vec::with_capacity(old.len() + fresh.len());
        let (mut a, mut b) = (old.into_iter().peekable(), fresh.into_iter().peekable());
        while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
            let next = if x <= y { a.next() } else { b.next() };
            merged.extend(next);
        }
        merged.extend(a);
        merged.extend(b);
        self.points = merged;
        self.reindex();
    }

    /// The node that owns ring position `p`, and the index of its point.
    #[inline]
    pub fn owner_at(&self, p: u64) -> Option<(NodeId, usize)> {
        if self.points.is_empty() {
            return None;
        }
        let i = self.point_for(self.position(p));
        Some((self.points[i].1, i))
    }

    /// Where a node's label belongs: its first virtual node's point (`j = 0`)
    /// when placed by hash, else its lowest point; `None` if it is not on the
    /// ring. Its lowest point would put every label near 0 once nodes have
    /// many vnodes.
    pub fn home(&self, node: NodeId) -> Option<u64> {
        let first = self.position(point_hash(self.salt, node, 0));
        let mine = self.points.iter().filter(|p| p.1 == node);
        mine.clone().find(|p| p.0 == first).or_else(|| mine.min()).map(|p| p.0)
    }

    /// The index of the point after `i`, clockwise (for walking the ring).
    pub fn next_point(&self, i: usize) -> usize {
        if i + 1 >= self.points.len() { 0 } else { i + 1 }
    }
}

impl Placement for Ring {
    #[inline]
    fn owner(&self, h: u64) -> Option<NodeId> {
        // `owner_at` takes the hash to a position itself.
        self.owner_at(h).map(|(n, _)| n)
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
        self.reindex();
    }

    fn nodes(&self) -> Vec<NodeId> {
        super::distinct_ascending(self.points.iter().map(|p| p.1))
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
                self.span
            } else if i == 0 {
                u128::from(pos) + self.span - u128::from(prev)
            } else {
                u128::from(pos - prev)
            };
            if let Ok(k) = nodes.binary_search(&node) {
                arcs[k] += arc;
            }
        }
        let span = self.span as f64;
        nodes.into_iter().zip(arcs).map(|(node, a)| (node, a as f64 / span)).collect()
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
    fn power_of_two_and_full_rings_agree_with_the_modulo() {
        let mut a = Ring::new(1 << 16, 1, 0);
        let mut b = Ring::new(65_537, 1, 0);
        let mut full = Ring::full(1, 0);
        for (n, p) in [(0, 100), (1, 30_000), (2, 60_000)] {
            a.add_at(NodeId(n), &[p]);
            b.add_at(NodeId(n), &[p]);
            full.add_at(NodeId(n), &[p]);
        }
        for h in [0u64, 99, 100, 29_999, 65_535, 65_536 + 50, u64::MAX] {
            assert_eq!(a.position(h), h % 65_536);
            assert_eq!(b.position(h), h % 65_537);
        }
        assert_eq!(full.position(u64::MAX), u64::MAX);
        assert_eq!(full.owner(u64::MAX), Some(NodeId(0)), "wraps past the top of the full ring");
        let total: f64 = full.shares().iter().map(|s| s.1).sum();
        assert!((total - 1.0).abs() < 1e-12);
    }

    #[test]
    fn adding_nodes_in_one_go_equals_adding_them_one_by_one() {
        let mut one = Ring::new(1 << 32, 30, 9);
        (0..25).for_each(|n| one.add(NodeId(n)));
        let mut all = Ring::new(1 << 32, 30, 9);
        all.add(NodeId(3));
        all.add_nodes((0..25).map(NodeId));
        assert_eq!(one, all);
    }

    #[test]
    fn a_node_is_labelled_at_its_first_virtual_node() {
        let mut r = Ring::full(100, 7);
        r.add_nodes((0..10).map(NodeId));
        let homes: Vec<u64> = (0..10).map(|n| r.home(NodeId(n)).unwrap()).collect();
        for (n, &h) in homes.iter().enumerate() {
            assert_eq!(h, r.position(point_hash(7, NodeId(n as u32), 0)));
        }
        // Spread over the ring, not all at its lowest points.
        assert!(homes.iter().filter(|&&h| h > u64::MAX / 2).count() >= 2, "{homes:?}");
        let hand = seed_ring();
        assert_eq!(hand.home(NodeId(1)), Some(80));
        assert_eq!(hand.home(NodeId(9)), None);
    }

    #[test]
    fn merging_points_keeps_the_ring_sorted() {
        let mut r = Ring::new(1 << 32, 50, 7);
        for n in 0..20 {
            r.add(NodeId(n));
        }
        assert!(r.points().windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(r.points().len(), 1_000);
        r.add_at(NodeId(3), &[5, 1, 3]);
        assert!(r.points().windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(r.points().iter().filter(|p| p.1 == NodeId(3)).count(), 3, "re-adding replaces");
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

// proptest runs natively only (see core/Cargo.toml).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// The owner by a plain binary search of the whole ring: what the
    /// bucket index must agree with.
    fn owner_by_search(r: &Ring, h: u64) -> Option<NodeId> {
        let p = r.position(h);
        let i = r.points().partition_point(|&(pos, _)| pos < p);
        r.points().get(if i == r.points().len() { 0 } else { i }).map(|x| x.1)
    }

    proptest! {
        #[test]
        fn the_bucket_index_finds_the_same_owner_as_a_search(
            bits in prop_oneof![Just(0u32), 1u32..12, Just(32), Just(64)],
            vnodes in 1u32..40,
            ops in proptest::collection::vec((any::<bool>(), 0u32..12, proptest::collection::vec(any::<u64>(), 0..4)), 1..12),
            keys in proptest::collection::vec(any::<u64>(), 1..64),
        ) {
            let mut r = if bits == 64 { Ring::full(vnodes, 3) } else { Ring::new(1 << bits, vnodes, 3) };
            for (add, node, at) in ops {
                match (add, at.is_empty()) {
                    (true, true) => r.add(NodeId(node)),
                    // Hand-placed points crowd low positions into one bucket.
                    (true, false) => r.add_at(NodeId(node), &at.iter().map(|a| a % 7).collect::<Vec<_>>()),
                    (false, _) => r.remove(NodeId(node)),
                }
                for &k in keys.iter().chain(&at).chain(&[0, u64::MAX]) {
                    prop_assert_eq!(r.owner(k), owner_by_search(&r, k));
                }
                for &(pos, node) in r.points() {
                    prop_assert_eq!(r.owner(pos).map(|n| n <= node), Some(true), "a point's own position");
                    prop_assert_eq!(r.owner(pos.wrapping_add(1)), owner_by_search(&r, pos.wrapping_add(1)));
                }
            }
        }
    }
}
