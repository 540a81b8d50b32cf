//! Nodes that crash and restart.
//!
//! A crashed node loses everything in memory; when it restarts it is a new
//! incarnation. Events scheduled by the old incarnation (a request that was
//! being served, a timer) carry the epoch they were scheduled in and are
//! ignored when they fire into a newer one. That is how "requests on a killed
//! server fail" stays true even if the server is back before their timers fire.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A node's identity within one run (a server, a load balancer, a client).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NodeId(pub u32);

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "n{}", self.0)
    }
}

/// Whether a node is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Running and answering.
    Up,
    /// Crashed: answers nothing, holds nothing.
    Down,
}

/// One node's liveness and incarnation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Liveness {
    status: Status,
    epoch: u32,
}

impl Default for Liveness {
    fn default() -> Self {
        Liveness { status: Status::Up, epoch: 0 }
    }
}

impl Liveness {
    /// Whether the node is up.
    pub fn is_up(&self) -> bool {
        self.status == Status::Up
    }

    /// Up or down.
    pub fn status(&self) -> Status {
        self.status
    }

    /// The current incarnation; stamp events with it.
    pub fn epoch(&self) -> u32 {
        self.epoch
    }

    /// Whether an event stamped with `epoch` still belongs to this incarnation.
    pub fn is_current(&self, epoch: u32) -> bool {
        self.is_up() && self.epoch == epoch
    }

    /// Crashes the node. Returns `false` if it was already down.
    pub fn crash(&mut self) -> bool {
        if !self.is_up() {
            return false;
        }
        self.status = Status::Down;
        self.epoch += 1;
        true
    }

    /// Restarts the node as a new incarnation. Returns `false` if it was up.
    pub fn restart(&mut self) -> bool {
        if self.is_up() {
            return false;
        }
        self.status = Status::Up;
        self.epoch += 1;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_of_an_old_incarnation_are_stale_after_a_restart() {
        let mut n = Liveness::default();
        let stamped = n.epoch();
        assert!(n.is_current(stamped));
        assert!(n.crash());
        assert!(!n.crash(), "crashing twice is a no-op");
        assert!(!n.is_current(stamped));
        assert!(n.restart());
        assert!(!n.is_current(stamped), "the restarted node is a new incarnation");
        assert!(n.is_current(n.epoch()));
    }
}
