//! Settings of the hashing lab.
//!
//! The default is the seed's first ring: size 256, S0 at 20, S1 at 80, S2 at
//! 200, keys 0..255 hashed to themselves — so "add S3 at 90" moves exactly
//! keys 81..90.

use crate::input::{Choice, Clash, Degenerate, InputError, Problem, Range, Unit, Warning, choices};
use crate::lab::{Field, Kind, Settings, choice, number};
use crate::placement::is_prime;
use serde::{Deserialize, Serialize};

/// The most nodes a run may have.
pub const MAX_NODES: u32 = 1_000;
/// The most keys a run may place.
pub const MAX_KEYS: u32 = 1_000_000;

choices! {
    /// Which placement strategy.
    pub enum Strategy {
        /// `hash mod N`.
        Modulo = "modulo",
        /// Consistent hashing on a ring, with virtual nodes.
        Ring = "ring",
        /// Jump consistent hash.
        Jump = "jump",
        /// Highest random weight.
        Rendezvous = "rendezvous",
        /// Maglev lookup table.
        Maglev = "maglev",
        /// Consistent hashing with bounded loads.
        Bounded = "bounded",
    }
}

impl Strategy {
    /// Whether nodes sit at positions on a ring (so `positions` and
    /// `vnodes` mean something).
    pub fn uses_ring(self) -> bool {
        matches!(self, Strategy::Ring | Strategy::Bounded)
    }
}

choices! {
    /// How a key's hash is made.
    pub enum KeyHash {
        /// Key k hashes to k: the seed's worked examples, where H(r) is given.
        Identity = "identity",
        /// A well-mixed 64-bit hash of the key (salted by the seed).
        Mix = "mix",
    }
}

/// Settings of the hashing lab.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Config {
    /// The placement strategy.
    pub strategy: Strategy,
    /// Nodes at the start (S0 .. S(n-1)), unless `positions` names them.
    pub nodes: u32,
    /// Nodes placed by hand: `(node, ring position)`, one entry per point.
    pub positions: Vec<(u32, u64)>,
    /// Points per node on the ring when placed by hash.
    pub vnodes: u32,
    /// The ring's size M (positions 0..M-1; larger hashes are taken mod M).
    pub ring_size: u64,
    /// Bounded loads: no node holds more than `ceil(c·m/n)` keys.
    pub load_factor: f64,
    /// Maglev's lookup table size (a prime).
    pub table_size: u64,
    /// How many keys (0..keys-1) unless `key-hashes` lists them.
    pub keys: u32,
    /// How keys are hashed.
    pub key_hash: KeyHash,
    /// Keys with given hashes: `(key, hash)`, the seed's "H(10) = 3".
    pub key_hashes: Vec<(u64, u64)>,
    /// Nodes added at the start of the run (after the first placement).
    pub add: u32,
    /// Nodes removed at the start of the run (the highest-numbered).
    pub remove: u32,
    /// Key lookups per second (the request stream).
    pub rate: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            strategy: Strategy::Ring,
            nodes: 3,
            positions: vec![(0, 20), (1, 80), (2, 200)],
            vnodes: 1,
            ring_size: 256,
            load_factor: 1.25,
            table_size: 65_537,
            keys: 256,
            key_hash: KeyHash::Identity,
            key_hashes: Vec::new(),
            add: 0,
            remove: 0,
            rate: 20.0,
        }
    }
}

/// Reads `S0:20,S1:80` (also `0:20`).
fn parse_positions(name: &str, value: &str) -> Result<Vec<(u32, u64)>, InputError> {
    let bad =
        || InputError::new(name, value, Problem::NotOneOf(vec!["S<node>:<position>,... e.g. S0:20,S1:80"]));
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|item| {
            let (node, pos) = item.split_once(':').ok_or_else(bad)?;
            let node = node.trim().trim_start_matches(['S', 's']);
            let node: u32 = node.parse().ok().filter(|&n| n < MAX_NODES).ok_or_else(bad)?;
            let pos: u64 = pos.trim().parse().map_err(|_| bad())?;
            Ok((node, pos))
        })
        .collect()
}

/// Reads `10:3,20:15` (key:hash).
fn parse_key_hashes(name: &str, value: &str) -> Result<Vec<(u64, u64)>, InputError> {
    let bad =
        || InputError::new(name, value, Problem::NotOneOf(vec!["<key>:<hash>,... e.g. 10:3,20:15,35:12"]));
    let list: Vec<(u64, u64)> = value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|item| {
            let (k, h) = item.split_once(':').ok_or_else(bad)?;
            Ok((k.trim().parse().map_err(|_| bad())?, h.trim().parse().map_err(|_| bad())?))
        })
        .collect::<Result<_, _>>()?;
    if list.len() > MAX_KEYS as usize {
        return Err(InputError::new(
            name,
            value,
            Problem::OutOfRange(Range { min: "1".into(), max: MAX_KEYS.to_string() }),
        ));
    }
    Ok(list)
}

impl Config {
    /// The nodes the run starts with, ascending.
    pub fn initial_nodes(&self) -> Vec<u32> {
        if self.positions.is_empty() {
            (0..self.nodes).collect()
        } else {
            crate::placement::distinct_ascending(self.positions.iter().map(|p| p.0))
        }
    }

    /// How many keys the run places.
    pub fn key_count(&self) -> usize {
        if self.key_hashes.is_empty() { self.keys as usize } else { self.key_hashes.len() }
    }
}

impl Settings for Config {
    const FIELDS: &'static [Field<Config>] = &[
        Field {
            name: "strategy",
            describe: "placement: modulo, ring, jump, rendezvous, maglev, bounded",
            kind: choice!(strategy: Strategy),
        },
        Field {
            name: "nodes",
            describe: "nodes at the start, S0..S(n-1), 1-1000 (a new count clears positions)",
            kind: Kind::U32 {
                get: |c| c.nodes,
                // A different count means "place them by hash"; the same count
                // keeps hand-placed positions (so a setting round-trips).
                set: |c, n| {
                    if n != c.nodes {
                        c.positions.clear();
                    }
                    c.nodes = n;
                },
                min: 1,
                max: MAX_NODES,
            },
        },
        Field {
            name: "positions",
            describe: "nodes placed by hand on the ring, e.g. S0:20,S1:80,S2:200 (sets nodes)",
            kind: Kind::Text {
                get: |c| c.positions.iter().map(|(n, p)| format!("S{n}:{p}")).collect::<Vec<_>>().join(","),
                set: |c, name, v| {
                    c.positions = parse_positions(name, v)?;
                    if !c.positions.is_empty() {
                        c.nodes = len_u32(c.initial_nodes().len());
                    }
                    Ok(())
                },
            },
        },
        Field {
            name: "vnodes",
            describe: "points per node on the ring when placed by hash, 1-10000",
            kind: number!(U32 vnodes, 1, 10_000),
        },
        Field {
            name: "ring-size",
            describe: "the ring's size M; hashes are taken mod M, 2-9223372036854775808",
            kind: number!(U64 ring_size, 2, 1 << 63),
        },
        Field {
            name: "load-factor",
            describe: "bounded: no node above ceil(c*keys/nodes), c from 1 to 10",
            kind: number!(F64 load_factor, 1.0, 10.0),
        },
        Field {
            name: "table-size",
            describe: "maglev's lookup table size, a prime from 3 to 1000003",
            kind: number!(U64 table_size, 3, 1_000_003),
        },
        Field {
            name: "keys",
            describe: "keys 0..K-1 to place, 1-1000000 (a new count clears key-hashes)",
            kind: Kind::U32 {
                get: |c| c.keys,
                set: |c, k| {
                    if k != c.keys {
                        c.key_hashes.clear();
                    }
                    c.keys = k;
                },
                min: 1,
                max: MAX_KEYS,
            },
        },
        Field {
            name: "key-hash",
            describe: "how keys hash: identity (key k at k) or mix (a salted 64-bit hash)",
            kind: choice!(key_hash: KeyHash),
        },
        Field {
            name: "key-hashes",
            describe: "keys with given hashes, e.g. 10:3,20:15,35:12 (sets keys)",
            kind: Kind::Text {
                get: |c| c.key_hashes.iter().map(|(k, h)| format!("{k}:{h}")).collect::<Vec<_>>().join(","),
                set: |c, name, v| {
                    c.key_hashes = parse_key_hashes(name, v)?;
                    if !c.key_hashes.is_empty() {
                        c.keys = len_u32(c.key_hashes.len());
                    }
                    Ok(())
                },
            },
        },
        Field {
            name: "add",
            describe: "nodes added at the start, after the first placement, 0-1000",
            kind: number!(U32 add, 0, MAX_NODES),
        },
        Field {
            name: "remove",
            describe: "nodes removed at the start (the highest-numbered), 0-999",
            kind: number!(U32 remove, 0, MAX_NODES - 1),
        },
        Field {
            name: "rate",
            describe: "key lookups per second in the request stream, 0-100000",
            kind: number!(F64 rate, 0.0, 100_000.0),
        },
    ];

    fn warnings(&self) -> Vec<Warning> {
        let mut out = Vec::new();
        let on_ring = matches!(self.strategy, Strategy::Ring | Strategy::Bounded);
        // Hashed points on a small ring: beyond a quarter full, collisions
        // are the rule (the seed's hand-placed rings are not hashed).
        let points = (self.initial_nodes().len() as u64 + u64::from(self.add)) * u64::from(self.vnodes);
        if on_ring && self.positions.is_empty() && points.saturating_mul(4) > self.ring_size {
            let problem = Degenerate::CrowdedRing { points, positions: self.ring_size };
            out.push(Warning { name: "ring-size", problem });
        }
        let keys = u64::from(self.keys);
        if on_ring
            && self.key_hash == KeyHash::Identity
            && self.key_hashes.is_empty()
            && keys > self.ring_size
        {
            let problem = Degenerate::KeysPileUp { keys, positions: self.ring_size };
            out.push(Warning { name: "key-hash", problem });
        }
        out
    }

    fn validate(&self) -> Result<(), InputError> {
        let conflict = |name: &str, value: String, why: Clash| {
            Err(InputError::new(name, &value, Problem::Conflict(why)))
        };
        if self.strategy == Strategy::Maglev && !is_prime(self.table_size) {
            let below = (3..self.table_size).rev().find(|&n| is_prime(n)).unwrap_or(3);
            let above = (self.table_size..).find(|&n| is_prime(n)).unwrap_or(65_537);
            return conflict("table-size", self.table_size.to_string(), Clash::NotPrime { below, above });
        }
        if self.add > 0 && self.remove > 0 {
            return conflict("remove", self.remove.to_string(), Clash::NotBoth { other: "add" });
        }
        let n = len_u32(self.initial_nodes().len());
        if self.remove >= n {
            return conflict("remove", self.remove.to_string(), Clash::NoneLeft { have: n, of: Unit::Nodes });
        }
        if n + self.add > MAX_NODES {
            return conflict(
                "add",
                self.add.to_string(),
                Clash::TooMany { have: n, adding: self.add, max: MAX_NODES, of: Unit::Nodes },
            );
        }
        Ok(())
    }
}

fn len_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_round_trips_and_the_default_is_the_seeds_ring() {
        let c = Config::default();
        for name in Config::names() {
            let mut d = Config::default();
            d.set(name, &c.get(name).unwrap()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(d, c, "{name}");
            assert!(!Config::describe(name).is_empty(), "{name}");
        }
        assert!(c.validate().is_ok());
        assert_eq!(c.get("positions").unwrap(), "S0:20,S1:80,S2:200");
        assert_eq!(c.initial_nodes(), [0, 1, 2]);
    }

    #[test]
    fn nodes_and_positions_and_keys_and_key_hashes_set_each_other() {
        let mut c = Config::default();
        c.set("nodes", "10").unwrap();
        assert!(c.positions.is_empty());
        assert_eq!(c.initial_nodes().len(), 10);
        c.set("positions", "S1:10,S2:11,S3:12,S4:90").unwrap();
        assert_eq!((c.nodes, c.initial_nodes()), (4, vec![1, 2, 3, 4]));
        c.set("key-hashes", "10:3, 20:15, 35:12").unwrap();
        assert_eq!((c.keys, c.key_count()), (3, 3));
        c.set("keys", "1000").unwrap();
        assert!(c.key_hashes.is_empty());
    }

    #[test]
    fn bad_values_say_what_is_allowed() {
        let mut c = Config::default();
        let e = c.set("positions", "S0=20").unwrap_err();
        assert!(e.to_string().contains("S0:20,S1:80"), "{e}");
        let e = c.set("key-hashes", "10-3").unwrap_err();
        assert!(e.to_string().contains("10:3"), "{e}");
        c.set("strategy", "maglev").unwrap();
        c.set("table-size", "100").unwrap();
        let e = c.validate().unwrap_err();
        assert!(e.to_string().contains("97 and 101"), "{e}");
        let c = Config { remove: 3, ..Config::default() };
        assert!(c.validate().unwrap_err().to_string().contains("must stay"));
    }
}
