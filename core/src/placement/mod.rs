//! Who owns a key: the placement strategies of the hashing lab (seed 004,
//! "Load balancing & consistent hashing").
//!
//! Every strategy answers the same questions — who owns this key, what
//! happens when a node joins or leaves, how much of the key space each node
//! holds — so the lab can put them side by side on the same keys:
//!
//! - [`Modulo`]: `hash(key) mod N`, the seed's "simple hashing". Changing N
//!   moves almost every key.
//! - [`Ring`]: consistent hashing. Nodes sit at points on a ring of size M;
//!   a key belongs to the first node point at or after it, clockwise. With
//!   `vnodes` points per node (the seed's "k hash functions") load evens out.
//! - [`Jump`]: Lamping & Veach's jump consistent hash: no ring, no memory,
//!   perfectly even — but nodes can only be numbered 0..N.
//! - [`Rendezvous`]: highest random weight: each key goes to the node whose
//!   hash with it is highest.
//! - [`Maglev`]: Google's lookup table of prime size, filled from per-node
//!   permutations; O(1) lookups, near-minimal disruption.
//! - [`Bounded`]: consistent hashing with bounded loads (Mirrokni, Thorup &
//!   Zadimoghaddam): no node takes more than `ceil(c·m/n)` of the m keys.
//!
//! Keys are given by their 64-bit hash; nodes by [`NodeId`].

mod bounded;
mod jump;
mod maglev;
mod modulo;
mod rendezvous;
mod ring;

pub use bounded::Bounded;
pub use jump::{Jump, jump_hash};
pub use maglev::{Maglev, is_prime};
pub use modulo::Modulo;
pub use rendezvous::Rendezvous;
pub use ring::Ring;

use crate::hash::mix64;
use crate::node::NodeId;

/// The distinct values of `items`, ascending.
pub fn distinct_ascending<T: Ord>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut out: Vec<T> = items.into_iter().collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A placement strategy: who owns which key.
pub trait Placement {
    /// The node that owns the key with hash `h`, if there are nodes.
    fn owner(&self, h: u64) -> Option<NodeId>;

    /// Adds a node. Adding one that is present changes nothing.
    fn add(&mut self, node: NodeId);

    /// Removes a node. Removing one that is absent changes nothing.
    fn remove(&mut self, node: NodeId);

    /// The nodes, ascending.
    fn nodes(&self) -> Vec<NodeId>;

    /// The fraction of the 64-bit hash space each node owns, ascending by
    /// node: exact for every strategy (arcs for the ring, table slots for
    /// Maglev, counts of residues for modulo; 1/N for jump and rendezvous,
    /// whose hash is built to give each node exactly that).
    fn shares(&self) -> Vec<(NodeId, f64)>;

    /// The owner of each key, in order. By default each key on its own;
    /// [`Bounded`] overrides it, because there a key's owner depends on the
    /// others.
    fn assign(&self, hashes: &[u64]) -> Vec<Option<NodeId>> {
        hashes.iter().map(|&h| self.owner(h)).collect()
    }
}

/// Per-run salt so that a seed moves every hashed position, and two runs
/// with different seeds show different (equally valid) rings.
pub fn salt(seed: u64) -> u64 {
    mix64(seed ^ 0x5CA1_E1AB_0000_0001)
}

/// What is hashed. Keys, ring points and nodes are hashed in separate
/// domains: with one salt for all three, key `j`'s hash was exactly node 0's
/// `j`-th point (both `mix64(salt ^ mix64(j))`), so node 0 owned the first
/// `vnodes` keys on top of its share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u64)]
pub enum Domain {
    /// A key (the hashing lab's keys, the caching lab's routing).
    Key = 0x6B65_7973,
    /// A node's point on a ring.
    Point = 0x706F_696E_7473,
    /// A node as a whole (rendezvous scores, Maglev permutations).
    Node = 0x006E_6F64_6573,
}

/// The salt of one domain: independent of the other domains' salts.
pub const fn domain_salt(salt: u64, domain: Domain) -> u64 {
    mix64(salt ^ domain as u64)
}

/// The well-mixed hash of key `key` (the labs' `key-hash=mix`).
pub fn key_hash(salt: u64, key: u64) -> u64 {
    mix64(domain_salt(salt, Domain::Key) ^ mix64(key))
}

/// The position hash of a node's `j`-th point, before reduction to the ring.
pub fn point_hash(salt: u64, node: NodeId, j: u32) -> u64 {
    mix64(domain_salt(salt, Domain::Point) ^ mix64((u64::from(node.0) << 32) | u64::from(j)))
}

/// The hash of a node as a whole.
pub fn node_hash(salt: u64, node: NodeId) -> u64 {
    mix64(domain_salt(salt, Domain::Node) ^ mix64(u64::from(node.0)))
}

/// Each node's equal share, for strategies built to split the hash space
/// evenly.
pub(crate) fn equal_shares(nodes: Vec<NodeId>) -> Vec<(NodeId, f64)> {
    let n = nodes.len() as f64;
    nodes.into_iter().map(|node| (node, 1.0 / n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every strategy, with `n` nodes, for the shared tests.
    pub(crate) fn all(n: u32) -> Vec<(&'static str, Box<dyn Placement>)> {
        let s = salt(1);
        let mut v: Vec<(&'static str, Box<dyn Placement>)> = vec![
            ("modulo", Box::new(Modulo::new())),
            ("ring", Box::new(Ring::new(1 << 32, 50, s))),
            ("jump", Box::new(Jump::new())),
            ("rendezvous", Box::new(Rendezvous::new(s))),
            ("maglev", Box::new(Maglev::new(4099, s))),
            ("bounded", Box::new(Bounded::new(Ring::new(1 << 32, 50, s), 1.25))),
        ];
        for (_, p) in &mut v {
            for i in 0..n {
                p.add(NodeId(i));
            }
        }
        v
    }

    #[test]
    fn shares_sum_to_one_and_owners_are_members() {
        for (name, p) in all(7) {
            let total: f64 = p.shares().iter().map(|s| s.1).sum();
            assert!((total - 1.0).abs() < 1e-9, "{name}: {total}");
            let nodes = p.nodes();
            for h in [0, 1, u64::MAX, 12_345_678_901] {
                assert!(nodes.contains(&p.owner(h).unwrap()), "{name}");
            }
        }
    }

    #[test]
    fn no_nodes_no_owner() {
        for (name, p) in all(0) {
            assert_eq!(p.owner(42), None, "{name}");
            assert!(p.shares().is_empty(), "{name}");
        }
    }

    #[test]
    fn adding_twice_and_removing_absent_nodes_change_nothing() {
        for (name, mut p) in all(4) {
            let before: Vec<_> = (0..500u64).map(|k| p.owner(mix64(k))).collect();
            p.add(NodeId(2));
            p.remove(NodeId(99));
            let after: Vec<_> = (0..500u64).map(|k| p.owner(mix64(k))).collect();
            assert_eq!(before, after, "{name}");
            assert_eq!(p.nodes().len(), 4, "{name}");
        }
    }
}

// proptest runs natively only (see core/Cargo.toml).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;

    proptest::proptest! {
        #[test]
        fn distinct_ascending_is_sort_and_dedup(v in proptest::collection::vec(0u32..40, 0..200)) {
            let mut want = v.clone();
            want.sort_unstable();
            want.dedup();
            proptest::prop_assert_eq!(distinct_ascending(v), want);
        }
    }
}
