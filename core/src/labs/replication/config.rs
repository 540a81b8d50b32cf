//! Settings of the replication lab.
//!
//! The default is seed 002's cart: three replicas, writes acknowledged by the
//! leader alone (async) and reads answered by any replica, so a cart written
//! through the leader and read from another replica can come back stale.

use crate::input::{Choice, Clash, InputError, Problem, Range};
use crate::lab::{Field, Kind, Settings, choice, number};
use crate::replication::{Consistency, ReadFrom, WriteMode};
use serde::{Deserialize, Serialize};

/// The most replicas a run may have.
pub const MAX_REPLICAS: u32 = 9;

/// The replication lab's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Config {
    /// Replicas, numbered from 0; replica 0 leads at the start.
    pub replicas: u32,
    /// When a write is acknowledged.
    pub write_mode: WriteMode,
    /// W for quorum writes (0: a majority).
    pub write_quorum: u32,
    /// Who answers reads.
    pub read_from: ReadFrom,
    /// R for quorum reads (0: a majority).
    pub read_quorum: u32,
    /// What a partition does.
    pub consistency: Consistency,
    /// Client writes per second.
    pub write_rate: f64,
    /// Client reads per second.
    pub read_rate: f64,
    /// Keys written and read (uniformly).
    pub keys: u32,
    /// The leader's heartbeat period, ms.
    pub heartbeat_ms: f64,
    /// The shortest election timeout, ms.
    pub election_lo_ms: f64,
    /// The longest election timeout, ms.
    pub election_hi_ms: f64,
    /// One hop, ms.
    pub net_latency_ms: f64,
    /// Up to this much more per hop, ms.
    pub jitter_ms: f64,
    /// How long a client waits for an answer, ms.
    pub timeout_ms: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            replicas: 3,
            write_mode: WriteMode::Async,
            write_quorum: 0,
            read_from: ReadFrom::Any,
            read_quorum: 0,
            consistency: Consistency::Cp,
            write_rate: 2.0,
            read_rate: 4.0,
            keys: 4,
            heartbeat_ms: 50.0,
            election_lo_ms: 150.0,
            election_hi_ms: 300.0,
            net_latency_ms: 10.0,
            jitter_ms: 2.0,
            timeout_ms: 1_000.0,
        }
    }
}

impl Config {
    /// W: the write quorum, a majority when 0.
    pub fn w(&self) -> u32 {
        if self.write_quorum == 0 { self.replicas / 2 + 1 } else { self.write_quorum }
    }

    /// R: the read quorum, a majority when 0.
    pub fn r(&self) -> u32 {
        if self.read_quorum == 0 { self.replicas / 2 + 1 } else { self.read_quorum }
    }
}

/// Reads `lo-hi` in ms, each 1 to 60000, lo ≤ hi.
fn parse_timeouts(name: &str, value: &str) -> Result<(f64, f64), InputError> {
    let bad = || InputError::new(name, value, Problem::NotOneOf(vec!["<lo>-<hi> in ms, e.g. 150-300"]));
    let (lo, hi) = value.split_once('-').ok_or_else(bad)?;
    let read = |t: &str| crate::input::decimal(t.trim()).filter(|v| (1.0..=60_000.0).contains(v));
    let (lo, hi) = (read(lo).ok_or_else(bad)?, read(hi).ok_or_else(bad)?);
    if lo > hi {
        return Err(bad());
    }
    Ok((lo, hi))
}

impl Settings for Config {
    const FIELDS: &'static [Field<Config>] = &[
        Field {
            name: "replicas",
            describe: "replicas, numbered from 0, 1-9",
            kind: number!(U32 replicas, 1, MAX_REPLICAS),
        },
        Field {
            name: "write-mode",
            describe: "when a write is acknowledged: async (leader's own write), sync (every replica), quorum (W of N)",
            kind: choice!(write_mode: WriteMode),
        },
        Field {
            name: "write-quorum",
            describe: "W for quorum writes, the leader included, 0-9 (0: a majority)",
            kind: number!(U32 write_quorum, 0, MAX_REPLICAS),
        },
        Field {
            name: "read-from",
            describe: "who answers reads: leader, any (one replica), quorum (R replicas, newest wins)",
            kind: choice!(read_from: ReadFrom),
        },
        Field {
            name: "read-quorum",
            describe: "R for quorum reads, 0-9 (0: a majority)",
            kind: number!(U32 read_quorum, 0, MAX_REPLICAS),
        },
        Field {
            name: "consistency",
            describe: "cp (only a majority elects and commits) or ap (each side of a partition goes on; last writer wins on heal)",
            kind: choice!(consistency: Consistency),
        },
        Field {
            name: "write-rate",
            describe: "client writes per second, 0-10000",
            kind: number!(F64 write_rate, 0.0, 10_000.0),
        },
        Field {
            name: "read-rate",
            describe: "client reads per second, 0-10000",
            kind: number!(F64 read_rate, 0.0, 10_000.0),
        },
        Field { name: "keys", describe: "keys written and read, 1-1000", kind: number!(U32 keys, 1, 1_000) },
        Field {
            name: "heartbeat-ms",
            describe: "the leader's heartbeat period, ms, 1-10000",
            kind: number!(F64 heartbeat_ms, 1.0, 10_000.0),
        },
        Field {
            name: "election-timeout-ms",
            describe: "election timeouts drawn from lo-hi, ms, e.g. 150-300 (lo = hi: no randomness)",
            kind: Kind::Text {
                get: |c| {
                    format!(
                        "{}-{}",
                        crate::input::fmt_num(c.election_lo_ms),
                        crate::input::fmt_num(c.election_hi_ms)
                    )
                },
                set: |c, name, v| {
                    (c.election_lo_ms, c.election_hi_ms) = parse_timeouts(name, v)?;
                    Ok(())
                },
            },
        },
        Field {
            name: "net-latency-ms",
            describe: "one hop between replicas or to a client, ms, 0-10000",
            kind: number!(F64 net_latency_ms, 0.0, 10_000.0),
        },
        Field {
            name: "jitter-ms",
            describe: "up to this much more per hop, ms, 0-10000",
            kind: number!(F64 jitter_ms, 0.0, 10_000.0),
        },
        Field {
            name: "timeout-ms",
            describe: "how long a client waits for an answer, ms, 1-600000",
            kind: number!(F64 timeout_ms, 1.0, 600_000.0),
        },
    ];

    fn validate(&self) -> Result<(), InputError> {
        let too_big = |name: &str, value: u32| {
            Err(InputError::new(
                name,
                &value.to_string(),
                Problem::OutOfRange(Range { min: "0".into(), max: self.replicas.to_string() }),
            ))
        };
        if self.write_quorum > self.replicas {
            return too_big("write-quorum", self.write_quorum);
        }
        if self.read_quorum > self.replicas {
            return too_big("read-quorum", self.read_quorum);
        }
        if self.heartbeat_ms >= self.election_lo_ms {
            return Err(InputError::new(
                "heartbeat-ms",
                &crate::input::fmt_num(self.heartbeat_ms),
                Problem::Conflict(Clash::NotBelow {
                    other: "election-timeout-ms",
                    limit: crate::input::fmt_num(self.election_lo_ms),
                }),
            ));
        }
        Ok(())
    }
}
