//! Settings of the sessions lab.
//!
//! The default is seed 002's cart: three app servers behind a round-robin
//! load balancer, each keeping its users' sessions in its own memory, so a
//! cart filled on one server is not there when the next request lands on
//! another.

use crate::input::{Choice, Clash, InputError, Problem, choices};
use crate::lab::{Field, Settings, choice, number};
use serde::{Deserialize, Serialize};

/// The most app servers a run may have, added ones included.
pub const MAX_SERVERS: u32 = 32;
/// The most store nodes (partitions × replicas) a run may have.
pub const MAX_STORE_MACHINES: u32 = 48;

choices! {
    /// How the load balancer picks an app server for a request.
    pub enum Routing {
        /// Each server in turn.
        RoundRobin = "round-robin",
        /// A server at random.
        Random = "random",
        /// The server that issued the user's session cookie, while it is up.
        StickyCookie = "sticky-cookie",
        /// `user id mod N` over the servers up.
        StickyModulo = "sticky-modulo",
        /// Consistent hashing of the user id over the servers up, with vnodes.
        StickyRing = "sticky-ring",
    }
}

choices! {
    /// Where sessions and carts live.
    pub enum State {
        /// In the memory of the app server that made them.
        InMemory = "in-memory",
        /// In one session-store node, which every request asks.
        Store = "store",
        /// In a primary store with backups, failing over by election.
        ReplicatedStore = "replicated-store",
        /// Across store nodes by user id (`user id mod M` or a ring).
        PartitionedStore = "partitioned-store",
    }
}

choices! {
    /// How a store's backups get its writes.
    pub enum StoreReplication {
        /// No backups.
        None = "none",
        /// The primary answers first and copies in the background.
        Async = "async",
        /// The primary answers once every backup has the write.
        Sync = "sync",
    }
}

choices! {
    /// Which store node holds a user's state.
    pub enum StorePlacement {
        /// `user id mod M`, the seed's formula.
        Modulo = "modulo",
        /// Consistent hashing of the user id, with vnodes.
        Ring = "ring",
    }
}

choices! {
    /// How users talk to the servers.
    pub enum Connection {
        /// Every request stands alone and is routed afresh.
        Http = "http",
        /// Each user holds one long-lived connection to one server.
        Tcp = "tcp",
    }
}

/// The sessions lab's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Config {
    /// App servers at the start, numbered from 0.
    pub servers: u32,
    /// Users, numbered from 0.
    pub users: u32,
    /// Each user's mean think time between an answer and its next request, ms.
    pub think_ms: f64,
    /// How the load balancer routes.
    pub routing: Routing,
    /// Ring points per server for `sticky-ring`, and per store node on a ring.
    pub vnodes: u32,
    /// Where sessions live.
    pub state: State,
    /// Store nodes: partitions for `partitioned-store` (else one).
    pub store_nodes: u32,
    /// How each store node's backups get its writes.
    pub store_replication: StoreReplication,
    /// Backups per store node, when replicated.
    pub store_backups: u32,
    /// Which store node holds a user's state.
    pub store_placement: StorePlacement,
    /// One round trip from an app server to the store, ms.
    pub store_ms: f64,
    /// One hop between a user and an app server, ms.
    pub net_latency_ms: f64,
    /// An app server's mean work per request, ms.
    pub service_ms: f64,
    /// HTTP or long-lived TCP connections.
    pub connection: Connection,
    /// Sessions an app server can hold before it runs out of memory and
    /// crashes (0: no limit).
    pub server_memory_sessions: u32,
    /// What one machine costs per hour, in dollars.
    pub machine_cost: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            servers: 3,
            users: 30,
            think_ms: 1_000.0,
            routing: Routing::RoundRobin,
            vnodes: 100,
            state: State::InMemory,
            store_nodes: 1,
            store_replication: StoreReplication::None,
            store_backups: 2,
            store_placement: StorePlacement::Modulo,
            store_ms: 2.0,
            net_latency_ms: 5.0,
            service_ms: 2.0,
            connection: Connection::Http,
            server_memory_sessions: 0,
            machine_cost: 0.10,
        }
    }
}

impl Config {
    /// Store partitions: `store-nodes` when partitioned, else one (none
    /// in memory).
    pub fn partitions(&self) -> u32 {
        match self.state {
            State::InMemory => 0,
            State::Store | State::ReplicatedStore => 1,
            State::PartitionedStore => self.store_nodes,
        }
    }

    /// Replicas per partition: the primary and its backups.
    pub fn replicas_per_partition(&self) -> u32 {
        match (self.state, self.store_replication) {
            (State::InMemory | State::Store, _) | (_, StoreReplication::None) => 1,
            _ => 1 + self.store_backups,
        }
    }

    /// Store machines in all.
    pub fn store_machines(&self) -> u32 {
        self.partitions() * self.replicas_per_partition()
    }
}

impl Settings for Config {
    const FIELDS: &'static [Field<Config>] = &[
        Field {
            name: "servers",
            describe: "app servers at the start, numbered from 0, 1-32",
            kind: number!(U32 servers, 1, MAX_SERVERS),
        },
        Field {
            name: "users",
            describe: "users, numbered from 0, 1-20000",
            kind: number!(U32 users, 1, 20_000),
        },
        Field {
            name: "think-ms",
            describe: "each user's mean think time between an answer and the next request, ms, 1-600000",
            kind: number!(F64 think_ms, 1.0, 600_000.0),
        },
        Field {
            name: "routing",
            describe: "how the load balancer routes: round-robin, random, sticky-cookie (the server that issued the session), sticky-modulo (user id mod N), sticky-ring (consistent hashing)",
            kind: choice!(routing: Routing),
        },
        Field {
            name: "vnodes",
            describe: "ring points per server (sticky-ring) and per store node (store-placement=ring), 1-1000",
            kind: number!(U32 vnodes, 1, 1_000),
        },
        Field {
            name: "state",
            describe: "where sessions live: in-memory (each app server's own), store (one store node), replicated-store (a primary with backups), partitioned-store (store-nodes nodes by user id)",
            kind: choice!(state: State),
        },
        Field {
            name: "store-nodes",
            describe: "store nodes for partitioned-store, 1-16",
            kind: number!(U32 store_nodes, 1, 16),
        },
        Field {
            name: "store-replication",
            describe: "how a store node's backups get its writes: none, async (answer first, copy after), sync (copy, then answer)",
            kind: choice!(store_replication: StoreReplication),
        },
        Field {
            name: "store-backups",
            describe: "backups per store node when replicated, 1-4 (2: one failure fails over, as a majority of 3 remains)",
            kind: number!(U32 store_backups, 1, 4),
        },
        Field {
            name: "store-placement",
            describe: "which store node holds a user: modulo (user id mod store-nodes) or ring (consistent hashing)",
            kind: choice!(store_placement: StorePlacement),
        },
        Field {
            name: "store-ms",
            describe: "one round trip from an app server to the store, ms, 0-10000",
            kind: number!(F64 store_ms, 0.0, 10_000.0),
        },
        Field {
            name: "net-latency-ms",
            describe: "one hop between a user and an app server, ms, 0-10000",
            kind: number!(F64 net_latency_ms, 0.0, 10_000.0),
        },
        Field {
            name: "service-ms",
            describe: "an app server's mean work per request (exponential), ms, 0-10000",
            kind: number!(F64 service_ms, 0.0, 10_000.0),
        },
        Field {
            name: "connection",
            describe: "http (every request routed afresh) or tcp (one long-lived connection per user)",
            kind: choice!(connection: Connection),
        },
        Field {
            name: "server-memory-sessions",
            describe: "sessions an app server holds before it runs out of memory and crashes, 0-1000000 (0: no limit)",
            kind: number!(U32 server_memory_sessions, 0, 1_000_000),
        },
        Field {
            name: "machine-cost",
            describe: "what one machine costs per hour, dollars, 0-1000",
            kind: number!(F64 machine_cost, 0.0, 1_000.0),
        },
    ];

    fn validate(&self) -> Result<(), InputError> {
        let needs = |name: &str, value: &str, other, other_value, allowed| {
            Err(InputError::new(
                name,
                value,
                Problem::Conflict(Clash::Needs { other, value: other_value, allowed }),
            ))
        };
        if self.state == State::ReplicatedStore && self.store_replication == StoreReplication::None {
            return needs("store-replication", "none", "state", "replicated-store", "async or sync");
        }
        if self.store_machines() > MAX_STORE_MACHINES {
            return Err(InputError::new(
                "store-nodes",
                &self.store_nodes.to_string(),
                Problem::Conflict(Clash::TooBig {
                    count: u64::from(self.partitions()),
                    things: crate::input::Unit::Nodes,
                    each: u64::from(self.replicas_per_partition()),
                    of: crate::input::Unit::Nodes,
                    total: u64::from(self.store_machines()),
                    max: u64::from(MAX_STORE_MACHINES),
                }),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replicated_store_needs_replication_and_the_store_fits() {
        let mut c = Config { state: State::ReplicatedStore, ..Config::default() };
        let e = c.validate().unwrap_err().to_string();
        assert!(e.contains("store-replication") && e.contains("async or sync"), "{e}");
        c.store_replication = StoreReplication::Async;
        assert!(c.validate().is_ok());
        assert_eq!((c.partitions(), c.replicas_per_partition()), (1, 3));
        let c = Config {
            state: State::PartitionedStore,
            store_nodes: 16,
            store_replication: StoreReplication::Sync,
            store_backups: 4,
            ..Config::default()
        };
        assert!(c.validate().unwrap_err().to_string().contains("80"));
        let c = Config { state: State::PartitionedStore, store_nodes: 3, ..Config::default() };
        assert_eq!(c.store_machines(), 3);
        assert_eq!(Config::default().store_machines(), 0);
        let _ = Routing::ALL;
    }
}
