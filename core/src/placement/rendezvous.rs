//! Rendezvous (highest random weight) hashing (Thaler & Ravishankar, 1996).
//!
//! Every node scores every key with a hash of the pair; the highest score
//! wins. A node that leaves takes only its own keys with it, and they spread
//! evenly over the others. The price: a lookup looks at every node.

use super::{Placement, node_hash};
use crate::hash::mix64;
use crate::node::NodeId;

/// Highest random weight over a set of nodes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendezvous {
    salt: u64,
    /// `(node, its hash)`, ascending by node.
    nodes: Vec<(NodeId, u64)>,
}

impl Rendezvous {
    /// No nodes yet; `salt` varies the scores per run.
    pub fn new(salt: u64) -> Rendezvous {
        Rendezvous { salt, nodes: Vec::new() }
    }

    /// The score of node `node_hash` for the key with hash `h`.
    fn score(h: u64, node_hash: u64) -> u64 {
        mix64(h ^ node_hash)
    }
}

impl Placement for Rendezvous {
    fn owner(&self, h: u64) -> Option<NodeId> {
        // Ties (vanishingly rare) go to the lower node: `max_by_key` keeps the last
        // maximum, so compare (score, reversed node).
        self.nodes.iter().max_by_key(|&&(n, nh)| (Self::score(h, nh), std::cmp::Reverse(n))).map(|&(n, _)| n)
    }

    fn add(&mut self, node: NodeId) {
        if let Err(i) = self.nodes.binary_search_by_key(&node, |&(n, _)| n) {
            let h = node_hash(self.salt, node);
            self.nodes.insert(i, (node, h));
        }
    }

    fn remove(&mut self, node: NodeId) {
        self.nodes.retain(|&(n, _)| n != node);
    }

    fn nodes(&self) -> Vec<NodeId> {
        self.nodes.iter().map(|&(n, _)| n).collect()
    }

    /// 1/N each: every node's score is an independent uniform hash, so each
    /// wins a key with probability 1/N.
    fn shares(&self) -> Vec<(NodeId, f64)> {
        super::equal_shares(self.nodes())
    }
}
