//! Simple hashing: `hash(key) mod N` (the seed's starting point).
//!
//! With the nodes sorted, the key with hash h goes to node number `h mod N`.
//! Perfectly even while N stays put; when N changes, a key stays only if
//! `h mod N == h mod N'`, so going from N to N + 1 moves N/(N + 1) of all
//! keys. (The seed's pie tally reaches "100%" because it adds each moved
//! slice twice: once when a server loses it and once when another gains it.)

use super::Placement;
use crate::node::NodeId;

/// `hash mod N` over the nodes in ascending order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Modulo {
    nodes: Vec<NodeId>,
}

impl Modulo {
    /// No nodes yet.
    pub fn new() -> Modulo {
        Modulo::default()
    }
}

impl Placement for Modulo {
    fn owner(&self, h: u64) -> Option<NodeId> {
        let n = self.nodes.len() as u64;
        (n > 0).then(|| self.nodes[(h % n) as usize])
    }

    fn add(&mut self, node: NodeId) {
        if let Err(i) = self.nodes.binary_search(&node) {
            self.nodes.insert(i, node);
        }
    }

    fn remove(&mut self, node: NodeId) {
        self.nodes.retain(|&n| n != node);
    }

    fn nodes(&self) -> Vec<NodeId> {
        self.nodes.clone()
    }

    /// Exact: of the 2^64 hashes, node i owns those with `h mod N == i`,
    /// which is 2^64 div N of them, plus one for the first 2^64 mod N nodes.
    fn shares(&self) -> Vec<(NodeId, f64)> {
        let n = self.nodes.len() as u128;
        let space = 1u128 << 64;
        let (each, extra) = (space / n.max(1), space % n.max(1));
        let part = |i: usize| (each + u128::from((i as u128) < extra)) as f64 / space as f64;
        self.nodes.iter().enumerate().map(|(i, &node)| (node, part(i))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeds_four_to_five_servers() {
        // H(10) = 3, H(20) = 15, H(35) = 12.
        let hashes = [3, 15, 12];
        let mut m = Modulo::new();
        (0..4).for_each(|i| m.add(NodeId(i)));
        let four: Vec<u32> = hashes.iter().map(|&h| m.owner(h).unwrap().0).collect();
        assert_eq!(four, [3, 3, 0], "S3, S3, S0");
        m.add(NodeId(4));
        let five: Vec<u32> = hashes.iter().map(|&h| m.owner(h).unwrap().0).collect();
        assert_eq!(five, [3, 0, 2], "S3, S0, S2");
    }
}
