//! Property tests of the placement strategies against brute force.
//! Native only (proptest).

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use scalelab_core::node::NodeId;
use scalelab_core::placement::{Bounded, Jump, Modulo, Placement, Rendezvous, Ring};

/// Brute force: scan every point for the first at or after `p`, else the first.
fn brute_owner(points: &[(u64, NodeId)], p: u64) -> Option<NodeId> {
    let mut sorted = points.to_vec();
    sorted.sort_unstable();
    sorted.iter().find(|&&(pos, _)| pos >= p).or(sorted.first()).map(|&(_, n)| n)
}

fn hashed(n: u32, salt: u64) -> Vec<Box<dyn Placement>> {
    let mut v: Vec<Box<dyn Placement>> =
        vec![Box::new(Ring::new(1 << 20, 8, salt)), Box::new(Rendezvous::new(salt)), Box::new(Jump::new())];
    for p in &mut v {
        (0..n).for_each(|i| p.add(NodeId(i)));
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// The ring's owner is the first point clockwise, found by scanning.
    #[test]
    fn ring_owner_is_the_first_point_clockwise(
        size in 2u64..10_000,
        points in prop::collection::vec((0u64..20_000, 0u32..8), 1..40),
        keys in prop::collection::vec(any::<u64>(), 1..100),
    ) {
        let mut ring = Ring::new(size, 1, 0);
        for n in 0..8 {
            let mine: Vec<u64> = points.iter().filter(|p| p.1 == n).map(|p| p.0).collect();
            if !mine.is_empty() {
                ring.add_at(NodeId(n), &mine);
            }
        }
        for h in keys {
            prop_assert_eq!(ring.owner(h), brute_owner(ring.points(), h % size));
        }
        let total: f64 = ring.shares().iter().map(|s| s.1).sum();
        prop_assert!((total - 1.0).abs() < 1e-9);
    }

    /// Adding a node moves keys only onto the new node (ring, rendezvous, jump).
    #[test]
    fn adding_moves_keys_only_onto_the_new_node(n in 1u32..12, salt in any::<u64>(), keys in prop::collection::vec(any::<u64>(), 200)) {
        for mut p in hashed(n, salt) {
            let before: Vec<_> = keys.iter().map(|&h| p.owner(h)).collect();
            p.add(NodeId(n));
            for (&h, b) in keys.iter().zip(&before) {
                let a = p.owner(h);
                prop_assert!(a == *b || a == Some(NodeId(n)), "{:?} -> {:?}", b, a);
            }
        }
    }

    /// Removing a node moves only that node's keys (ring, rendezvous).
    #[test]
    fn removing_moves_only_the_removed_nodes_keys(n in 2u32..12, gone in 0u32..12, salt in any::<u64>(), keys in prop::collection::vec(any::<u64>(), 200)) {
        let gone = NodeId(gone % n);
        for mut p in hashed(n, salt).into_iter().take(2) {
            let before: Vec<_> = keys.iter().map(|&h| p.owner(h)).collect();
            p.remove(gone);
            for (&h, b) in keys.iter().zip(&before) {
                let a = p.owner(h);
                prop_assert!(a == *b || *b == Some(gone), "{:?} -> {:?}", b, a);
                prop_assert!(a != Some(gone));
            }
        }
    }

    /// Modulo is `nodes[h mod N]`.
    #[test]
    fn modulo_is_hash_mod_n(ids in prop::collection::btree_set(0u32..100, 1..20), keys in prop::collection::vec(any::<u64>(), 50)) {
        let mut m = Modulo::new();
        ids.iter().for_each(|&i| m.add(NodeId(i)));
        let sorted: Vec<u32> = ids.iter().copied().collect();
        for h in keys {
            prop_assert_eq!(m.owner(h), Some(NodeId(sorted[(h % sorted.len() as u64) as usize])));
        }
    }

    /// Bounded loads never exceed ceil(c·m/n), and place every key.
    #[test]
    fn bounded_never_exceeds_its_cap(n in 1u32..10, vnodes in 1u32..20, c in 1.0f64..3.0, keys in prop::collection::vec(any::<u64>(), 1..500), salt in any::<u64>()) {
        let mut b = Bounded::new(Ring::new(1 << 30, vnodes, salt), c);
        (0..n).for_each(|i| b.add(NodeId(i)));
        let owners = b.assign(&keys);
        let cap = b.cap(keys.len());
        for i in 0..n {
            let load = owners.iter().filter(|&&o| o == Some(NodeId(i))).count();
            prop_assert!(load <= cap, "S{} holds {} > cap {}", i, load, cap);
        }
        prop_assert!(owners.iter().all(Option::is_some));
    }
}
