//! What happened in the hashing lab, in the past tense.

use serde::Serialize;
use std::fmt;

/// Why a command changed nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ignored {
    /// There is no such node.
    NoSuchNode,
    /// The node is already there.
    AlreadyThere,
    /// The last node cannot leave.
    LastNode,
    /// No more nodes may be added.
    AtMaximum,
}

impl Ignored {
    /// Why, in a few words of English (the CLI's report).
    pub fn reason(self) -> &'static str {
        match self {
            Ignored::NoSuchNode => "there is no such node",
            Ignored::AlreadyThere => "the node is already there",
            Ignored::LastNode => "the last node cannot leave",
            Ignored::AtMaximum => "no more nodes may be added",
        }
    }
}

/// One thing that happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    /// A node joined.
    NodeAdded {
        /// Its number.
        node: u32,
        /// Its points on the ring (0 for strategies without a ring).
        points: u32,
    },
    /// A node left.
    NodeRemoved {
        /// Its number.
        node: u32,
    },
    /// Keys changed owner because the membership changed.
    KeysMoved {
        /// Keys whose owner changed in this step.
        moved: u64,
        /// All keys.
        keys: u64,
        /// Of the moved keys, those that went to the added node or came from
        /// the removed one.
        to_or_from_changed: u64,
    },
    /// A lookup was sent to the node that owns its key.
    Looked {
        /// Request number.
        req: u64,
        /// The key's index.
        key: u64,
        /// The owner it went to.
        node: u32,
    },
    /// A lookup found no node (every node had gone, or its node left while
    /// it was on its way).
    Missed {
        /// Request number.
        req: u64,
    },
    /// The lookup rate changed.
    RateSet {
        /// Lookups per second.
        rate: f64,
    },
    /// A command changed nothing.
    CommandIgnored {
        /// The command's text form.
        command: String,
        /// Why.
        why: Ignored,
    },
}

impl Event {
    /// Whether this is about one lookup rather than the membership.
    pub fn is_per_request(&self) -> bool {
        matches!(self, Event::Looked { .. } | Event::Missed { .. })
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::NodeAdded { node, points: 1 } => write!(f, "S{node} added (1 point)"),
            Event::NodeAdded { node, points } => write!(f, "S{node} added ({points} points)"),
            Event::NodeRemoved { node } => write!(f, "S{node} removed"),
            Event::KeysMoved { moved, keys, to_or_from_changed } => {
                write!(f, "{moved} of {keys} keys moved ({to_or_from_changed} to or from the changed node)")
            }
            Event::Looked { req, key, node } => write!(f, "lookup {req} of key {key} went to S{node}"),
            Event::Missed { req } => write!(f, "lookup {req} found no node"),
            Event::RateSet { rate } => write!(f, "lookup rate set to {}/s", crate::input::fmt_num(*rate)),
            Event::CommandIgnored { command, why } => write!(f, "command {command} ignored: {why:?}"),
        }
    }
}
