//! What happens in the replication lab, in the past tense.

use serde::Serialize;
use std::fmt;

/// Why a command did nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ignored {
    /// No replica has that number.
    NoSuchReplica,
    /// It is already down (or already up).
    AlreadyThatWay,
    /// Nobody leads now.
    NoLeader,
    /// A partition must put every replica in exactly one group.
    BadPartition,
    /// No key has that number.
    NoSuchKey,
}

impl Ignored {
    /// Why, in English.
    pub fn reason(self) -> &'static str {
        match self {
            Ignored::NoSuchReplica => "there is no such replica",
            Ignored::AlreadyThatWay => "it is already that way",
            Ignored::NoLeader => "no replica leads now",
            Ignored::BadPartition => "a partition must put every replica in exactly one group",
            Ignored::NoSuchKey => "there is no such key",
        }
    }
}

/// One thing that happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    /// A write was acknowledged to its client.
    Wrote {
        /// The request.
        req: u64,
        /// The key.
        key: u32,
        /// Its new version.
        version: u64,
        /// How long the client waited, µs.
        latency_us: u64,
    },
    /// A read was answered.
    Read {
        /// The request.
        req: u64,
        /// The key.
        key: u32,
        /// The version it got.
        version: u64,
        /// The newest version acknowledged before it began.
        newest: u64,
        /// The replica that answered.
        from: u32,
        /// How long the client waited, µs.
        latency_us: u64,
    },
    /// A request was refused or timed out.
    Failed {
        /// The request.
        req: u64,
        /// The key.
        key: u32,
        /// Whether it was a write.
        write: bool,
        /// Whether the client gave up waiting.
        timed_out: bool,
    },
    /// A replica heard no leader and asked for votes.
    Candidate {
        /// The replica.
        node: u32,
        /// The term it stands in.
        term: u64,
        /// How long it heard nothing, µs.
        waited_us: u64,
    },
    /// A replica won an election.
    Elected {
        /// The new leader.
        node: u32,
        /// Its term.
        term: u64,
        /// Its votes.
        votes: u32,
    },
    /// A leader saw a higher term and stepped down.
    SteppedDown {
        /// The old leader.
        node: u32,
        /// The term it saw.
        term: u64,
    },
    /// A replica dropped entries its new leader does not have.
    RolledBack {
        /// The replica.
        node: u32,
        /// How many.
        entries: u64,
    },
    /// On heal, the sides' histories were merged (ap).
    Merged {
        /// The leader whose log survives.
        into: u32,
        /// Newer writes it took from the other sides.
        taken: u64,
    },
    /// A replica crashed.
    Crashed {
        /// The replica.
        node: u32,
        /// Whether it was the leader.
        was_leader: bool,
    },
    /// A replica restarted.
    Restarted {
        /// The replica.
        node: u32,
    },
    /// The replicas were split into groups.
    Partitioned {
        /// The groups.
        groups: Vec<Vec<u32>>,
    },
    /// Every partition healed.
    Healed,
    /// A command did nothing.
    CommandIgnored {
        /// The command, as text.
        command: String,
        /// Why.
        why: Ignored,
    },
}

impl Event {
    /// Whether this is about one client request (too many to tell each).
    pub fn is_per_request(&self) -> bool {
        matches!(self, Event::Wrote { .. } | Event::Read { .. } | Event::Failed { .. })
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Wrote { req, key, version, .. } => {
                write!(f, "write {req} of key {key} acknowledged at v{version}")
            }
            Event::Read { req, key, version, newest, from, .. } if version < newest => {
                write!(
                    f,
                    "read {req}: S{from} answered key {key} at v{version}; v{newest} was acknowledged: stale"
                )
            }
            Event::Read { req, key, version, from, .. } => {
                write!(f, "read {req}: S{from} answered key {key} at v{version}")
            }
            Event::Failed { req, write, timed_out, .. } => {
                let what = if *write { "write" } else { "read" };
                let how = if *timed_out { "timed out" } else { "was refused" };
                write!(f, "{what} {req} {how}")
            }
            Event::Candidate { node, term, .. } => write!(f, "S{node} asked for votes in term {term}"),
            Event::Elected { node, term, votes } => write!(f, "S{node} leads term {term} with {votes} votes"),
            Event::SteppedDown { node, term } => write!(f, "S{node} saw term {term} and stepped down"),
            Event::RolledBack { node, entries } => write!(f, "S{node} dropped {entries} entries"),
            Event::Merged { into, taken } => write!(f, "sides merged into S{into}, {taken} writes taken"),
            Event::Crashed { node, .. } => write!(f, "S{node} crashed"),
            Event::Restarted { node } => write!(f, "S{node} restarted"),
            Event::Partitioned { groups } => write!(f, "partitioned into {groups:?}"),
            Event::Healed => write!(f, "partition healed"),
            Event::CommandIgnored { command, why } => write!(f, "{command} ignored: {}", why.reason()),
        }
    }
}
