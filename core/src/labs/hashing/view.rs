//! What the web shell draws, and the numbers the page and the CLI show.

use super::config::Strategy;
use crate::time::SimTime;
use serde::Serialize;

/// A snapshot of the lab to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// Simulated time.
    pub now: SimTime,
    /// The strategy.
    pub strategy: Strategy,
    /// Positions are shown mod this (the ring's size).
    pub ring_size: u64,
    /// Every node, ascending.
    pub nodes: Vec<NodeView>,
    /// When the membership last changed (for the animation of moved keys).
    pub changed_at: Option<SimTime>,
}

/// One node as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeView {
    /// Its number.
    pub id: u32,
    /// Its points on the ring, ascending (empty without a ring).
    pub points: Vec<u64>,
    /// The point its label goes at (its first virtual node), if on a ring.
    pub home: Option<u64>,
    /// Keys it owns.
    pub keys: u64,
    /// Its share of the key space.
    pub share: f64,
    /// Lookups it answered.
    pub lookups: u64,
}

/// One key as drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KeyView {
    /// Its index.
    pub index: u64,
    /// Its name (the key itself).
    pub name: u64,
    /// Its position on the ring (hash mod M).
    pub position: u64,
    /// Its owner now.
    pub owner: Option<u32>,
    /// Its owner before the last change.
    pub previous: Option<u32>,
}

/// A lookup on its way to a node.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lookup {
    /// Request number.
    pub req: u64,
    /// The key's position on the ring.
    pub position: u64,
    /// The node it goes to.
    pub node: u32,
    /// When it left.
    pub sent: SimTime,
    /// When it arrives.
    pub arrives: SimTime,
}

/// The numbers of a run. Field names are the CLI's JSON fields and the
/// page's `data-metric` names.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metrics {
    /// Simulated time so far, ms.
    pub time_ms: f64,
    /// Keys placed.
    pub keys: u64,
    /// Nodes at the start.
    pub nodes_before: u32,
    /// Nodes now.
    pub nodes_after: u32,
    /// Keys whose owner differs from the start.
    pub keys_moved: u64,
    /// `keys_moved / keys`.
    pub keys_moved_fraction: f64,
    /// The least a balanced placement must move for this change:
    /// 1 − common nodes / max(nodes before, nodes after).
    pub ideal_moved_fraction: f64,
    /// Of the moved keys, the share that went to an added node or came from a
    /// removed one (1 = nothing moved needlessly).
    pub moved_to_changed_nodes_fraction: f64,
    /// Keys moved by the last change alone.
    pub last_change_keys_moved: u64,
    /// The busiest node's keys over the mean.
    pub load_max_over_mean: f64,
    /// Coefficient of variation of keys per node (0 = perfectly even).
    pub load_cv: f64,
    /// Node numbers, in the order of the per-node arrays.
    pub node_ids: Vec<u32>,
    /// Each node's fraction of the key space.
    pub share: Vec<f64>,
    /// Keys each node owns.
    pub keys_per_node: Vec<u64>,
    /// Lookups sent.
    pub lookups: u64,
    /// Lookups that found no node.
    pub lookups_missed: u64,
    /// Lookups answered per node.
    pub lookups_per_node: Vec<u64>,
}

/// One window of the time series (100 ms).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Point {
    /// Lookups answered in the window.
    pub lookups: u32,
    /// Lookups that found no node in the window.
    pub missed: u32,
    /// Keys moved since the start, at the window's end.
    pub keys_moved: u64,
}
