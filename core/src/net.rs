//! The network between nodes: latency, loss and partitions.
//!
//! Every message a lab sends goes through [`Network::send`], which answers
//! either "arrives after this long" or "lost, and why". Latency comes from a
//! [`Latency`] model per link class (a client's wide-area hop is not a hop
//! inside the data centre); loss is a probability; a partition splits the nodes
//! into groups that cannot reach each other. All randomness comes from the
//! run's network stream, so the same run loses the same messages.

use crate::node::NodeId;
use crate::rng::{SimRng, Stream};
use crate::time::{SimDuration, round_us};
use litemap::LiteMap;
use serde::{Deserialize, Serialize};

/// How long one hop takes.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Latency {
    /// Always the same.
    Const(SimDuration),
    /// Uniform in `[base, base + jitter]`.
    Uniform {
        /// The fastest a hop can be.
        base: SimDuration,
        /// The most a hop can add on top of `base`.
        jitter: SimDuration,
    },
    /// `base` plus an exponential tail with the given mean (queues in routers).
    ExpTail {
        /// The fastest a hop can be.
        base: SimDuration,
        /// The mean of the extra delay.
        mean_extra: SimDuration,
    },
}

impl Latency {
    /// No delay at all (a call inside one process).
    pub const ZERO: Latency = Latency::Const(SimDuration::ZERO);

    /// The mean of the distribution, for display and for queueing formulas.
    pub fn mean(&self) -> SimDuration {
        match *self {
            Latency::Const(d) => d,
            Latency::Uniform { base, jitter } => SimDuration(base.0 + jitter.0 / 2),
            Latency::ExpTail { base, mean_extra } => base + mean_extra,
        }
    }

    fn sample(&self, rng: &mut SimRng) -> SimDuration {
        match *self {
            Latency::Const(d) => d,
            Latency::Uniform { base, jitter } => {
                // Non-negative, so truncating is flooring.
                let extra = rng.uniform(0.0, jitter.0 as f64 + 1.0) as u64;
                SimDuration(base.0 + extra.min(jitter.0))
            }
            Latency::ExpTail { base, mean_extra } => {
                SimDuration(base.0 + round_us(rng.exp(mean_extra.0 as f64)))
            }
        }
    }
}

/// Why a message did not arrive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lost {
    /// Dropped at random (the loss probability).
    Dropped,
    /// Sender and receiver are on different sides of a partition.
    Partitioned,
}

/// What happens to one message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// It arrives after this long.
    After(SimDuration),
    /// It never arrives.
    Lost(Lost),
}

/// The network of one run.
#[derive(Clone, Debug)]
pub struct Network {
    loss: f64,
    /// Partition group per node; nodes not listed are in group 0.
    groups: LiteMap<NodeId, u32>,
    rng: SimRng,
}

impl Network {
    /// A network with no loss and no partitions, drawing from the run's
    /// network stream.
    pub fn new(seed: u64) -> Network {
        Network { loss: 0.0, groups: LiteMap::new(), rng: SimRng::new(seed, Stream::Network) }
    }

    /// Sets the probability that any one message is lost (clamped to `[0, 1]`).
    pub fn set_loss(&mut self, loss: f64) {
        self.loss = if loss.is_finite() { loss.clamp(0.0, 1.0) } else { 0.0 };
    }

    /// The loss probability.
    pub fn loss(&self) -> f64 {
        self.loss
    }

    /// Whether `a` can currently reach `b`.
    pub fn can_reach(&self, a: NodeId, b: NodeId) -> bool {
        self.group(a) == self.group(b)
    }

    /// The partition group `n` is in (0: the main side).
    pub fn group_of(&self, n: NodeId) -> u32 {
        self.group(n)
    }

    fn group(&self, n: NodeId) -> u32 {
        self.groups.get(&n).copied().unwrap_or(0)
    }

    /// Splits the network: each listed set becomes its own island; every node
    /// not listed stays on the main side. Replaces any earlier partition.
    pub fn partition(&mut self, islands: &[&[NodeId]]) {
        self.groups.clear();
        for (i, island) in islands.iter().enumerate() {
            let group = u32::try_from(i + 1).unwrap_or(u32::MAX);
            for &n in *island {
                self.groups.insert(n, group);
            }
        }
    }

    /// Cuts one node off from everyone else (its own island).
    pub fn isolate(&mut self, node: NodeId) {
        let next = self.groups.values().copied().max().unwrap_or(0) + 1;
        self.groups.insert(node, next);
    }

    /// Reconnects one node to the main side.
    pub fn heal(&mut self, node: NodeId) {
        self.groups.remove(&node);
    }

    /// Removes every partition.
    pub fn heal_all(&mut self) {
        self.groups.clear();
    }

    /// Whether `node` is cut off from the main side.
    pub fn is_isolated(&self, node: NodeId) -> bool {
        self.group(node) != 0
    }

    /// Sends one message over a link no partition cuts (a client's own
    /// route to a replica's site): random loss still applies.
    pub fn send_unpartitioned(&mut self, latency: &Latency) -> Delivery {
        if self.rng.chance(self.loss) {
            return Delivery::Lost(Lost::Dropped);
        }
        Delivery::After(latency.sample(&mut self.rng))
    }

    /// Sends one message from `from` to `to` over a link with `latency`.
    pub fn send(&mut self, from: NodeId, to: NodeId, latency: &Latency) -> Delivery {
        if !self.can_reach(from, to) {
            return Delivery::Lost(Lost::Partitioned);
        }
        if self.rng.chance(self.loss) {
            return Delivery::Lost(Lost::Dropped);
        }
        Delivery::After(latency.sample(&mut self.rng))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: NodeId = NodeId(1);
    const B: NodeId = NodeId(2);
    const C: NodeId = NodeId(3);

    #[test]
    fn partitions_cut_across_groups_only() {
        let mut net = Network::new(1);
        net.partition(&[&[A], &[B, C]]);
        let link = Latency::Const(SimDuration(5));
        assert_eq!(net.send(A, B, &link), Delivery::Lost(Lost::Partitioned));
        assert_eq!(net.send(B, C, &link), Delivery::After(SimDuration(5)));
        assert_eq!(net.send(NodeId(9), NodeId(10), &link), Delivery::After(SimDuration(5)));
        net.heal_all();
        assert_eq!(net.send(A, B, &link), Delivery::After(SimDuration(5)));
    }

    #[test]
    fn isolate_and_heal_one_node() {
        let mut net = Network::new(1);
        net.isolate(B);
        assert!(!net.can_reach(A, B));
        assert!(net.is_isolated(B));
        net.heal(B);
        assert!(net.can_reach(A, B));
    }

    #[test]
    fn loss_rate_is_respected() {
        let mut net = Network::new(5);
        net.set_loss(0.25);
        let lost =
            (0..20_000).filter(|_| matches!(net.send(A, B, &Latency::ZERO), Delivery::Lost(_))).count();
        assert!((4_600..5_400).contains(&lost), "lost {lost} of 20000");
    }

    #[test]
    fn uniform_latency_stays_in_its_bounds() {
        let mut net = Network::new(2);
        let link = Latency::Uniform { base: SimDuration(100), jitter: SimDuration(50) };
        let mut seen_max = false;
        for _ in 0..5_000 {
            let Delivery::After(d) = net.send(A, B, &link) else { panic!("lost") };
            assert!((100..=150).contains(&d.0), "{d:?}");
            seen_max |= d.0 == 150;
        }
        assert!(seen_max, "the upper bound is reachable");
        assert_eq!(link.mean(), SimDuration(125));
    }
}
