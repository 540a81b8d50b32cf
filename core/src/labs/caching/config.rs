//! Settings of the caching lab.
//!
//! The default is the seed's walk-through: one server with an LRU cache of 3
//! keys, the requests 1,2,3,4,1,2, the client 100 ms from the server and the
//! server 10 ms from the database — a miss costs 220 ms, a hit 200 ms, and
//! this trace misses every time.

use crate::cache::Policy;
use crate::input::{Choice, Clash, InputError, Problem, Range, Unit, choices};
use crate::lab::{Field, Kind, Settings, choice, number};
use serde::{Deserialize, Serialize};

/// The most servers a run may have.
pub const MAX_SERVERS: u32 = 64;
/// The most keys.
pub const MAX_KEYS: u32 = 1_000_000;
/// The most keys all clients' own caches may hold together: a run has at
/// most [`MAX_KEYS`] keys, and every cached key costs memory.
pub const MAX_CLIENT_CACHE_KEYS: u64 = MAX_KEYS as u64;
/// The most keys a typed trace may hold.
pub const MAX_TRACE: usize = 100_000;

choices! {
    /// How the load balancer picks a server for a key.
    pub enum Routing {
        /// `hash(key) mod N`.
        Modulo = "modulo",
        /// Consistent hashing on a ring with virtual nodes.
        Ring = "ring",
    }
}

choices! {
    /// What a cache does with a request for a key it is already fetching.
    pub enum Coalesce {
        /// The request goes on to fetch the key again: a cache stampede.
        Off = "off",
        /// The request waits for the fetch already in flight.
        On = "on",
    }
}

/// Settings of the caching lab.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Config {
    /// Servers at the start (S0 ..).
    pub servers: u32,
    /// How requests are routed to servers (by key).
    pub routing: Routing,
    /// Ring points per server.
    pub vnodes: u32,
    /// Each cache's replacement policy.
    pub cache_policy: Policy,
    /// Keys each server's cache holds (0: no server caches).
    pub cache_capacity: u32,
    /// Keys each client's own cache holds (0: none).
    pub client_cache: u32,
    /// Keys the shared cache tier holds (0: none).
    pub shared_cache: u32,
    /// Clients (each with its own client-side cache, if any).
    pub clients: u32,
    /// Keys 0..keys-1, drawn from a Zipf distribution, unless `trace` is set.
    pub keys: u32,
    /// The Zipf skew (0: uniform).
    pub zipf: f64,
    /// A typed sequence of keys, sent in order (the seed's 1,2,3,4,1,2).
    pub trace: Vec<u64>,
    /// Requests to send: 0 means one pass of the trace, or no end with Zipf keys.
    pub requests: u64,
    /// Requests per second.
    pub rate: f64,
    /// Client ↔ server latency, one way, ms.
    pub client_ms: f64,
    /// Server ↔ database latency, one way, ms.
    pub db_ms: f64,
    /// Server ↔ shared cache latency, one way, ms.
    pub shared_ms: f64,
    /// How long a cached value is trusted, ms (0: forever).
    pub ttl_ms: f64,
    /// Writes to the database per second (values change; caches go stale).
    pub write_rate: f64,
    /// Whether a miss for a key being fetched waits for that fetch.
    pub coalesce: Coalesce,
    /// Add a server when this request is sent (0: never).
    pub add_server_at: u64,
    /// Remove the highest-numbered server when this request is sent (0: never).
    pub remove_server_at: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            servers: 1,
            routing: Routing::Ring,
            vnodes: 100,
            cache_policy: Policy::Lru,
            cache_capacity: 3,
            client_cache: 0,
            shared_cache: 0,
            clients: 1,
            keys: 1_000,
            zipf: 1.0,
            trace: vec![1, 2, 3, 4, 1, 2],
            requests: 0,
            rate: 2.0,
            client_ms: 100.0,
            db_ms: 10.0,
            shared_ms: 1.0,
            ttl_ms: 0.0,
            write_rate: 0.0,
            coalesce: Coalesce::Off,
            add_server_at: 0,
            remove_server_at: 0,
        }
    }
}

impl Config {
    /// How many requests the run sends, if it ends by itself.
    pub fn total_requests(&self) -> Option<u64> {
        match (self.requests, self.trace.is_empty()) {
            (0, true) => None,
            (0, false) => Some(self.trace.len() as u64),
            (n, _) => Some(n),
        }
    }

    /// When the membership changes, and whether it is an addition.
    pub fn change_at(&self) -> Option<(u64, bool)> {
        match (self.add_server_at, self.remove_server_at) {
            (0, 0) => None,
            (a, 0) => Some((a, true)),
            (_, r) => Some((r, false)),
        }
    }
}

fn parse_trace(name: &str, value: &str) -> Result<Vec<u64>, InputError> {
    let bad = || {
        InputError::new(name, value, Problem::NotOneOf(vec!["keys separated by commas, e.g. 1,2,3,4,1,2"]))
    };
    let keys: Vec<u64> = value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|k| k.parse().map_err(|_| bad()))
        .collect::<Result<_, _>>()?;
    if keys.len() > MAX_TRACE {
        return Err(InputError::new(
            name,
            &format!("{} keys", keys.len()),
            Problem::OutOfRange(Range { min: "0".into(), max: MAX_TRACE.to_string() }),
        ));
    }
    Ok(keys)
}

impl Settings for Config {
    const FIELDS: &'static [Field<Config>] = &[
        Field {
            name: "servers",
            describe: "servers at the start, 1-64",
            kind: number!(U32 servers, 1, MAX_SERVERS),
        },
        Field {
            name: "routing",
            describe: "how the load balancer picks a server for a key: modulo or ring",
            kind: choice!(routing: Routing),
        },
        Field {
            name: "vnodes",
            describe: "ring points per server, 1-1000",
            kind: number!(U32 vnodes, 1, 1_000),
        },
        Field {
            name: "cache-policy",
            describe: "replacement policy of every cache: lru, fifo, lfu, sieve",
            kind: choice!(cache_policy: Policy),
        },
        Field {
            name: "cache-capacity",
            describe: "keys each server's cache holds, 0-100000 (0: no server caches)",
            kind: number!(U32 cache_capacity, 0, 100_000),
        },
        Field {
            name: "client-cache",
            describe: "keys each client's own cache holds, 0-100000 (0: none)",
            kind: number!(U32 client_cache, 0, 100_000),
        },
        Field {
            name: "shared-cache",
            describe: "keys a shared cache tier holds, 0-1000000 (0: none)",
            kind: number!(U32 shared_cache, 0, 1_000_000),
        },
        Field {
            name: "clients",
            describe: "clients, 1-1000, each with its own client cache",
            kind: number!(U32 clients, 1, 1_000),
        },
        Field {
            name: "keys",
            describe: "keys 0..K-1 drawn from a Zipf distribution, 1-1000000 (clears sequence)",
            kind: Kind::U32 {
                get: |c| c.keys,
                // Asking for Zipf keys means "not the typed sequence".
                set: |c, v| {
                    c.keys = v;
                    c.trace.clear();
                },
                min: 1,
                max: MAX_KEYS,
            },
        },
        Field {
            name: "zipf",
            describe: "Zipf skew of the keys, 0 (uniform) to 3 (clears sequence)",
            kind: Kind::F64 {
                get: |c| c.zipf,
                // Asking for Zipf keys means "not the typed sequence".
                set: |c, v| {
                    c.zipf = v;
                    c.trace.clear();
                },
                min: 0.0,
                max: 3.0,
            },
        },
        Field {
            name: "sequence",
            describe: "keys to request in order, e.g. 1,2,3,4,1,2 (empty: Zipf keys)",
            kind: Kind::Text {
                get: |c| c.trace.iter().map(u64::to_string).collect::<Vec<_>>().join(","),
                set: |c, name, v| {
                    c.trace = parse_trace(name, v)?;
                    Ok(())
                },
            },
        },
        Field {
            name: "requests",
            describe: "requests to send, 0-100000000 (0: one pass of the trace, or no end)",
            kind: number!(U64 requests, 0, 100_000_000),
        },
        Field {
            name: "rate",
            describe: "requests per second, 0.1-100000",
            kind: number!(F64 rate, 0.1, 100_000.0),
        },
        Field {
            name: "client-ms",
            describe: "client to server latency, one way, ms, 0-10000",
            kind: number!(F64 client_ms, 0.0, 10_000.0),
        },
        Field {
            name: "db-ms",
            describe: "server to database latency, one way, ms, 0-10000",
            kind: number!(F64 db_ms, 0.0, 10_000.0),
        },
        Field {
            name: "shared-ms",
            describe: "server to shared cache latency, one way, ms, 0-10000",
            kind: number!(F64 shared_ms, 0.0, 10_000.0),
        },
        Field {
            name: "ttl-ms",
            describe: "how long a cached value is trusted, ms, 0-86400000 (0: forever)",
            kind: number!(F64 ttl_ms, 0.0, 86_400_000.0),
        },
        Field {
            name: "write-rate",
            describe: "writes to the database per second, 0-100000 (values change)",
            kind: number!(F64 write_rate, 0.0, 100_000.0),
        },
        Field {
            name: "coalesce",
            describe: "a miss for a key already being fetched: off (fetch it again: a stampede) or on (wait for that fetch)",
            kind: choice!(coalesce: Coalesce),
        },
        Field {
            name: "add-server-at",
            describe: "add a server when this request is sent, 0-100000000 (0: never)",
            kind: number!(U64 add_server_at, 0, 100_000_000),
        },
        Field {
            name: "remove-server-at",
            describe: "remove the last server when this request is sent (0: never)",
            kind: number!(U64 remove_server_at, 0, 100_000_000),
        },
    ];

    fn validate(&self) -> Result<(), InputError> {
        let conflict = |name: &str, value: u64, why: Clash| {
            Err(InputError::new(name, &value.to_string(), Problem::Conflict(why)))
        };
        if self.add_server_at > 0 && self.remove_server_at > 0 {
            return conflict(
                "remove-server-at",
                self.remove_server_at,
                Clash::NotBoth { other: "add-server-at" },
            );
        }
        if self.remove_server_at > 0 && self.servers == 1 {
            return conflict(
                "remove-server-at",
                self.remove_server_at,
                Clash::NoneLeft { have: 1, of: Unit::Servers },
            );
        }
        let client_keys = u64::from(self.clients) * u64::from(self.client_cache);
        if client_keys > MAX_CLIENT_CACHE_KEYS {
            return conflict(
                "client-cache",
                u64::from(self.client_cache),
                Clash::TooBig {
                    count: u64::from(self.clients),
                    things: Unit::Clients,
                    each: u64::from(self.client_cache),
                    of: Unit::Keys,
                    total: client_keys,
                    max: MAX_CLIENT_CACHE_KEYS,
                },
            );
        }
        if self.add_server_at > 0 && self.servers == MAX_SERVERS {
            return conflict(
                "add-server-at",
                self.add_server_at,
                Clash::TooMany { have: self.servers, adding: 1, max: MAX_SERVERS, of: Unit::Servers },
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_round_trips_and_the_default_is_the_seeds_walk_through() {
        let c = Config::default();
        for name in Config::names() {
            let mut d = Config::default();
            d.set(name, &c.get(name).unwrap()).unwrap_or_else(|e| panic!("{e}"));
            if matches!(name, "keys" | "zipf") {
                // Setting either asks for Zipf keys instead of the sequence.
                assert!(d.trace.is_empty(), "{name}");
                d.trace = c.trace.clone();
            }
            assert_eq!(d, c, "{name}");
            assert!(!Config::describe(name).is_empty(), "{name}");
        }
        assert_eq!(c.get("sequence").unwrap(), "1,2,3,4,1,2");
        assert_eq!(c.total_requests(), Some(6));
        assert!(c.validate().is_ok());
    }

    #[test]
    fn zipf_keys_replace_the_trace_and_bad_values_say_what_is_allowed() {
        let mut c = Config::default();
        c.set("zipf", "0.9").unwrap();
        assert!(c.trace.is_empty());
        assert_eq!(c.total_requests(), None);
        let e = c.set("sequence", "1;2").unwrap_err();
        assert!(e.to_string().contains("1,2,3,4,1,2"), "{e}");
        let c = Config { remove_server_at: 10, ..Config::default() };
        assert!(c.validate().unwrap_err().to_string().contains("at least one of the 1 servers must stay"));
    }

    #[test]
    fn the_clients_caches_together_are_bounded() {
        let fits = Config { clients: 1_000, client_cache: 1_000, ..Config::default() };
        assert!(fits.validate().is_ok());
        let c = Config { clients: 1_000, client_cache: 1_001, ..Config::default() };
        let e = c.validate().unwrap_err();
        assert_eq!(e.name, "client-cache");
        let text = e.to_string();
        assert!(text.contains("1000 clients × 1001 keys each is 1001000 keys"), "{text}");
        assert!(text.contains("at most 1000000 keys"), "{text}");
    }
}
