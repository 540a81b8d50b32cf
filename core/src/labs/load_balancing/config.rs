//! Settings of the load-balancing lab.
//!
//! The defaults are the seed's comparison: four small servers behind a load
//! balancer, loaded to 70%. `layout=vertical` turns the same cores into one
//! big machine, the seed's "buy a bigger machine".

use crate::input::{Choice, Clash, InputError, Problem, Unit, choices};
use crate::lab::{Field, Settings, choice, number};
pub use crate::routing::Policy;
use serde::{Deserialize, Serialize};

/// The most cores one machine can have: the seed's "hardware limitation".
pub const MAX_MACHINE_CORES: u32 = 256;

choices! {
    /// How long serving one request takes.
    pub enum ServiceDist {
        /// Exponential with mean `service-ms` (the M/M/1 textbook case).
        Exp = "exp",
        /// Always exactly `service-ms`.
        Const = "const",
    }
}

choices! {
    /// Many small machines behind a load balancer, or one big one.
    pub enum Layout {
        /// `servers` machines of `capacity` cores each, behind a load balancer.
        Horizontal = "horizontal",
        /// One machine with `servers × capacity` cores, no load balancer.
        Vertical = "vertical",
    }
}

/// Settings of the load-balancing lab.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Config {
    /// How many servers (horizontal), or how many small servers' worth of
    /// cores the one big machine has (vertical).
    pub servers: u32,
    /// How requests are spread.
    pub policy: Policy,
    /// Requests per second arriving from clients (a Poisson stream).
    pub rate: f64,
    /// Mean time one core spends on one request, in ms.
    pub service_ms: f64,
    /// Shape of the service time.
    pub service_dist: ServiceDist,
    /// Requests one server serves at once (its cores).
    pub capacity: u32,
    /// Requests a server holds waiting beyond those in service; more are
    /// dropped (HTTP 503).
    pub queue_limit: u32,
    /// Many small machines or one big one.
    pub layout: Layout,
    /// Distinct clients (what `hash` routing hashes).
    pub clients: u32,
    /// One-way latency between a client and the site, in ms.
    pub client_latency_ms: f64,
    /// One-way latency between the load balancer and a server, in ms.
    pub net_latency_ms: f64,
    /// Up to this much extra on every hop, uniformly, in ms.
    pub jitter_ms: f64,
    /// Probability that any one message is lost.
    pub loss: f64,
    /// How long a client waits before giving up, in ms.
    pub timeout_ms: f64,
    /// How often the load balancer checks each server, in ms.
    pub health_check_ms: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            servers: 4,
            policy: Policy::RoundRobin,
            rate: 280.0,
            service_ms: 20.0,
            service_dist: ServiceDist::Exp,
            capacity: 2,
            queue_limit: 32,
            layout: Layout::Horizontal,
            clients: 1_000,
            client_latency_ms: 20.0,
            net_latency_ms: 1.0,
            jitter_ms: 0.5,
            loss: 0.0,
            timeout_ms: 1_000.0,
            health_check_ms: 500.0,
        }
    }
}

impl Config {
    /// Total cores across all machines.
    pub fn total_cores(&self) -> u32 {
        self.servers.saturating_mul(self.capacity)
    }

    /// Offered load: the fraction of all cores the arrivals keep busy (ρ).
    pub fn offered_load(&self) -> f64 {
        self.rate * self.service_ms / 1_000.0 / f64::from(self.total_cores().max(1))
    }
}

impl Settings for Config {
    const FIELDS: &'static [Field<Config>] = &[
        Field {
            name: "servers",
            describe: "servers (horizontal) or small servers' worth of cores (vertical), 1-64",
            kind: number!(U32 servers, 1, 64),
        },
        Field {
            name: "policy",
            describe: "routing: round-robin, random, least-connections, p2c, hash",
            kind: choice!(policy: Policy),
        },
        Field {
            name: "rate",
            describe: "requests per second from clients (Poisson), 0-100000",
            kind: number!(F64 rate, 0.0, 100_000.0),
        },
        Field {
            name: "service-ms",
            describe: "mean time one core spends on a request, ms, 0.01-60000",
            kind: number!(F64 service_ms, 0.01, 60_000.0),
        },
        Field {
            name: "service-dist",
            describe: "service time shape: exp or const",
            kind: choice!(service_dist: ServiceDist),
        },
        Field {
            name: "capacity",
            describe: "cores per server: requests served at once, 1-256",
            kind: number!(U32 capacity, 1, MAX_MACHINE_CORES),
        },
        Field {
            name: "queue-limit",
            describe: "requests a server holds waiting before it drops (503), 0-100000",
            kind: number!(U32 queue_limit, 0, 100_000),
        },
        Field {
            name: "layout",
            describe: "horizontal (servers behind a load balancer) or vertical (one big machine)",
            kind: choice!(layout: Layout),
        },
        Field {
            name: "clients",
            describe: "distinct clients (what hash routing hashes), 1-1000000",
            kind: number!(U32 clients, 1, 1_000_000),
        },
        Field {
            name: "client-latency-ms",
            describe: "one-way latency client <-> site, ms, 0-10000",
            kind: number!(F64 client_latency_ms, 0.0, 10_000.0),
        },
        Field {
            name: "net-latency-ms",
            describe: "one-way latency load balancer <-> server, ms, 0-10000",
            kind: number!(F64 net_latency_ms, 0.0, 10_000.0),
        },
        Field {
            name: "jitter-ms",
            describe: "extra latency per hop, uniform up to this, ms, 0-10000",
            kind: number!(F64 jitter_ms, 0.0, 10_000.0),
        },
        Field {
            name: "loss",
            describe: "probability a message is lost, 0-1",
            kind: number!(F64 loss, 0.0, 1.0),
        },
        Field {
            name: "timeout-ms",
            describe: "how long a client waits before giving up, ms, 1-3600000",
            kind: number!(F64 timeout_ms, 1.0, 3_600_000.0),
        },
        Field {
            name: "health-check-ms",
            describe: "how often the load balancer checks servers, ms, 10-60000",
            kind: number!(F64 health_check_ms, 10.0, 60_000.0),
        },
    ];

    fn validate(&self) -> Result<(), InputError> {
        if self.layout == Layout::Vertical && self.total_cores() > MAX_MACHINE_CORES {
            return Err(InputError::new(
                "capacity",
                &self.capacity.to_string(),
                Problem::Conflict(Clash::TooBig {
                    count: u64::from(self.servers),
                    things: Unit::Servers,
                    each: u64::from(self.capacity),
                    of: Unit::Cores,
                    total: u64::from(self.total_cores()),
                    max: u64::from(MAX_MACHINE_CORES),
                }),
            ));
        }
        Ok(())
    }
}

/// Illustrative price of one machine per hour, in dollars. Shaped like cloud
/// price lists: a core costs more on a bigger machine.
pub fn machine_cost_per_hour(cores: u32) -> f64 {
    let cores = f64::from(cores);
    0.05 * cores * (1.0 + cores / 32.0)
}

/// Illustrative price of a load balancer per hour, in dollars.
pub const LOAD_BALANCER_COST_PER_HOUR: f64 = 0.025;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_round_trips_through_text() {
        let c = Config::default();
        for name in Config::names() {
            let mut d = Config::default();
            let text = c.get(name).unwrap();
            d.set(name, &text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(d, c, "{name}");
        }
        assert!(c.validate().is_ok());
        assert!(c.changed().is_empty());
        assert!(Config::names().iter().all(|n| !Config::describe(n).is_empty()));
    }

    #[test]
    fn defaults_load_the_site_to_seventy_percent() {
        assert!((Config::default().offered_load() - 0.7).abs() < 1e-12);
    }

    #[test]
    fn a_machine_too_big_is_refused_with_the_reason() {
        let mut c = Config { layout: Layout::Vertical, servers: 64, capacity: 8, ..Config::default() };
        let e = c.validate().unwrap_err();
        assert_eq!(e.name, "capacity");
        assert!(e.to_string().contains("512 cores"), "{e}");
        c.layout = Layout::Horizontal;
        assert!(c.validate().is_ok(), "64 machines of 8 cores are fine");
    }

    #[test]
    fn bigger_machines_cost_more_per_core() {
        let small = machine_cost_per_hour(2) / 2.0;
        let big = machine_cost_per_hour(64) / 64.0;
        assert!(big > 2.0 * small);
    }
}
