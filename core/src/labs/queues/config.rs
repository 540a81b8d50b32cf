//! Settings of the queues lab.
//!
//! The default is seed 004's pizza shops: orders O1..O6 go to PS1, PS3, PS0,
//! PS1, PS2 and PS3, two seconds apart; each pizza takes 20 s; PS3 goes down
//! at 12 s, while PS0 is still making O3; a notifier checks every shop every
//! 15 s and redistributes the orders the database has as not done.

use crate::input::{Choice, Clash, InputError, Problem, choices};
use crate::lab::{Field, Kind, Settings, choice, number};
use serde::{Deserialize, Serialize};

/// The most shops or consumers a run may have.
pub const MAX_WORKERS: u32 = 64;
/// The most orders a pizza run may list.
pub const MAX_ORDERS: usize = 200;

choices! {
    /// Which story the lab tells.
    pub enum Scenario {
        /// Seed 004's pizza shops, a database of orders and a notifier.
        Pizza = "pizza",
        /// Producers, a message queue with leases, and consumers.
        Queue = "queue",
    }
}

choices! {
    /// What the notifier does with the orders of a shop it finds dead.
    pub enum Redistribute {
        /// Deals every not-done order out again, round robin over the shops up.
        All = "all",
        /// Consistent hashing: the dead shop's points leave the ring, and only
        /// its orders move.
        Ring = "ring",
        /// No notifier: the orders go through the queue, and a lease that runs
        /// out gives an order to another shop.
        Queue = "queue",
    }
}

choices! {
    /// Where the orders are kept.
    pub enum Persist {
        /// In a database, with a state each (not done, done).
        Database = "database",
        /// Only in each shop's memory.
        Memory = "memory",
    }
}

choices! {
    /// When a client gets its confirmation.
    pub enum Confirm {
        /// At once: the client does not wait for its pizza (asynchronous).
        AtOnce = "at-once",
        /// When the pizza is made: a synchronous counter, where the next
        /// client waits for the one before.
        WhenMade = "when-made",
    }
}

choices! {
    /// How a consumer's service time is drawn.
    pub enum ServiceDist {
        /// Exponential with the mean.
        Exp = "exp",
        /// Always the mean.
        Const = "const",
    }
}

choices! {
    /// How a retry's backoff is spread.
    pub enum Jitter {
        /// Exactly the backoff.
        None = "none",
        /// Uniform between zero and the backoff.
        Full = "full",
        /// Half the backoff plus uniform up to the other half.
        Equal = "equal",
    }
}

choices! {
    /// Which ready message a consumer gets.
    pub enum Order {
        /// The oldest first.
        Fifo = "fifo",
        /// Urgent messages first (a quarter are urgent), then the oldest.
        Priority = "priority",
    }
}

choices! {
    /// Yes or no.
    pub enum Flag {
        /// Yes.
        Yes = "true",
        /// No.
        No = "false",
    }
}

impl Flag {
    /// Whether it is yes.
    pub fn on(self) -> bool {
        self == Flag::Yes
    }
}

/// The queues lab's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Config {
    /// Which story.
    pub scenario: Scenario,
    /// Pizza shops, numbered from 0.
    pub shops: u32,
    /// The shop each order goes to, order by order (O1 first).
    pub orders: Vec<u32>,
    /// Time between two orders, ms.
    pub order_gap_ms: f64,
    /// How long a pizza takes, ms.
    pub make_ms: f64,
    /// The shop that goes down at `fail-at-ms`.
    pub fail_shop: u32,
    /// When it goes down, ms (0: no shop goes down).
    pub fail_at_ms: f64,
    /// How often the notifier checks every shop, ms.
    pub notifier_ms: f64,
    /// What the notifier does with a dead shop's orders.
    pub redistribute: Redistribute,
    /// Where orders are kept.
    pub persist: Persist,
    /// When a client is told its order is placed.
    pub confirm: Confirm,
    /// Ring points per shop.
    pub vnodes: u32,
    /// Producers sending messages.
    pub producers: u32,
    /// Messages per second, all producers together.
    pub rate: f64,
    /// Consumers, numbered from 0.
    pub consumers: u32,
    /// A consumer's mean work per message, ms.
    pub service_ms: f64,
    /// How the work is drawn.
    pub service_dist: ServiceDist,
    /// How often an idle consumer polls, ms (0: the broker pushes).
    pub poll_ms: f64,
    /// One hop between the broker and a producer or consumer, ms.
    pub net_latency_ms: f64,
    /// How long a received message stays hidden without an ack, ms.
    pub visibility_timeout_ms: f64,
    /// Receives a message may fail before it is dead-lettered.
    pub max_attempts: u32,
    /// The backoff before the first retry, ms (it doubles each time).
    pub backoff_ms: f64,
    /// The longest backoff, ms.
    pub backoff_max_ms: f64,
    /// How the backoff is spread.
    pub jitter: Jitter,
    /// Which message goes first.
    pub order: Order,
    /// Whether the queue survives a broker crash.
    pub durable: Flag,
    /// Whether consumers remember processed keys and skip a duplicate.
    pub idempotency: Flag,
    /// The share of messages that always fail (poison).
    pub poison_fraction: f64,
}

/// The seed's orders: O1 > PS1, O2 > PS3, O3 > PS0, O4 > PS1, O5 > PS2, O6 > PS3.
pub const SEED_ORDERS: [u32; 6] = [1, 3, 0, 1, 2, 3];

impl Default for Config {
    fn default() -> Self {
        Config {
            scenario: Scenario::Pizza,
            shops: 4,
            orders: SEED_ORDERS.to_vec(),
            order_gap_ms: 2_000.0,
            make_ms: 20_000.0,
            fail_shop: 3,
            fail_at_ms: 12_000.0,
            notifier_ms: 15_000.0,
            redistribute: Redistribute::All,
            persist: Persist::Database,
            confirm: Confirm::AtOnce,
            vnodes: 100,
            producers: 2,
            rate: 40.0,
            consumers: 3,
            service_ms: 50.0,
            service_dist: ServiceDist::Exp,
            poll_ms: 0.0,
            net_latency_ms: 1.0,
            visibility_timeout_ms: 30_000.0,
            max_attempts: 5,
            backoff_ms: 100.0,
            backoff_max_ms: 10_000.0,
            jitter: Jitter::Full,
            order: Order::Fifo,
            durable: Flag::Yes,
            idempotency: Flag::No,
            poison_fraction: 0.0,
        }
    }
}

impl Config {
    /// Shops or consumers, whichever the scenario has.
    pub fn workers(&self) -> u32 {
        match self.scenario {
            Scenario::Pizza => self.shops,
            Scenario::Queue => self.consumers,
        }
    }

    /// Whether work goes through the queue (the queue scenario, or pizza
    /// shops with `redistribute=queue`).
    pub fn queued(&self) -> bool {
        self.scenario == Scenario::Queue || self.redistribute == Redistribute::Queue
    }
}

/// Reads `1:1,2:3,3:0` (order number: shop), orders numbered 1, 2, 3, ... in turn.
fn parse_orders(name: &str, value: &str) -> Result<Vec<u32>, InputError> {
    let bad = || InputError::new(name, value, Problem::NotOneOf(vec!["<order>:<shop>,... e.g. 1:1,2:3,3:0"]));
    let mut shops = Vec::new();
    for (i, item) in value.split(',').map(str::trim).filter(|s| !s.is_empty()).enumerate() {
        let (n, shop) = item.split_once(':').ok_or_else(bad)?;
        let n: usize = n.trim().trim_start_matches(['O', 'o']).parse().map_err(|_| bad())?;
        let shop: u32 = shop.trim().trim_start_matches(['P', 'p', 'S', 's']).parse().map_err(|_| bad())?;
        if n != i + 1 || shop >= MAX_WORKERS || i >= MAX_ORDERS {
            return Err(bad());
        }
        shops.push(shop);
    }
    Ok(shops)
}

impl Settings for Config {
    const FIELDS: &'static [Field<Config>] = &[
        Field {
            name: "scenario",
            describe: "pizza (seed 004's shops, database and notifier) or queue (producers, a queue with leases, consumers)",
            kind: choice!(scenario: Scenario),
        },
        Field {
            name: "shops",
            describe: "pizza shops, numbered from 0, 1-64",
            kind: number!(U32 shops, 1, MAX_WORKERS),
        },
        Field {
            name: "orders",
            describe: "the shop of each order, O1 first, e.g. 1:1,2:3,3:0 (order:shop), at most 200",
            kind: Kind::Text {
                get: |c| {
                    c.orders
                        .iter()
                        .enumerate()
                        .map(|(i, s)| format!("{}:{s}", i + 1))
                        .collect::<Vec<_>>()
                        .join(",")
                },
                set: |c, name, v| {
                    c.orders = parse_orders(name, v)?;
                    Ok(())
                },
            },
        },
        Field {
            name: "order-gap-ms",
            describe: "time between two orders, ms, 0-600000",
            kind: number!(F64 order_gap_ms, 0.0, 600_000.0),
        },
        Field {
            name: "make-ms",
            describe: "how long a pizza takes, ms, 1-3600000",
            kind: number!(F64 make_ms, 1.0, 3_600_000.0),
        },
        Field {
            name: "fail-shop",
            describe: "the shop that goes down at fail-at-ms, 0-63",
            kind: number!(U32 fail_shop, 0, MAX_WORKERS - 1),
        },
        Field {
            name: "fail-at-ms",
            describe: "when that shop goes down, ms, 0-3600000 (0: none goes down)",
            kind: number!(F64 fail_at_ms, 0.0, 3_600_000.0),
        },
        Field {
            name: "notifier-ms",
            describe: "how often the notifier checks every shop's heartbeat, ms, 100-3600000",
            kind: number!(F64 notifier_ms, 100.0, 3_600_000.0),
        },
        Field {
            name: "redistribute",
            describe: "a dead shop's orders: all (every not-done order dealt out again), ring (consistent hashing: only its orders move), queue (a queue with leases, no notifier)",
            kind: choice!(redistribute: Redistribute),
        },
        Field {
            name: "persist",
            describe: "where orders are kept: database (with a state each) or memory (each shop's own)",
            kind: choice!(persist: Persist),
        },
        Field {
            name: "confirm",
            describe: "when a client hears its order is placed: at-once (asynchronous) or when-made (a synchronous counter)",
            kind: choice!(confirm: Confirm),
        },
        Field {
            name: "vnodes",
            describe: "ring points per shop, 1-1000",
            kind: number!(U32 vnodes, 1, 1_000),
        },
        Field {
            name: "producers",
            describe: "producers sending messages, 1-64",
            kind: number!(U32 producers, 1, 64),
        },
        Field {
            name: "rate",
            describe: "messages per second, all producers together (Poisson), 0-100000",
            kind: number!(F64 rate, 0.0, 100_000.0),
        },
        Field {
            name: "consumers",
            describe: "consumers, numbered from 0, 1-64",
            kind: number!(U32 consumers, 1, MAX_WORKERS),
        },
        Field {
            name: "service-ms",
            describe: "a consumer's mean work per message, ms, 0-600000",
            kind: number!(F64 service_ms, 0.0, 600_000.0),
        },
        Field {
            name: "service-dist",
            describe: "the work's distribution: exp (exponential) or const",
            kind: choice!(service_dist: ServiceDist),
        },
        Field {
            name: "poll-ms",
            describe: "how often an idle consumer polls, ms, 0-60000 (0: the broker pushes)",
            kind: number!(F64 poll_ms, 0.0, 60_000.0),
        },
        Field {
            name: "net-latency-ms",
            describe: "one hop between the broker and a producer or consumer, ms, 0-10000",
            kind: number!(F64 net_latency_ms, 0.0, 10_000.0),
        },
        Field {
            name: "visibility-timeout-ms",
            describe: "how long a received message stays hidden without an ack (its lease), ms, 1-3600000",
            kind: number!(F64 visibility_timeout_ms, 1.0, 3_600_000.0),
        },
        Field {
            name: "max-attempts",
            describe: "receives a message may fail before it goes to the dead-letter queue, 1-100",
            kind: number!(U32 max_attempts, 1, 100),
        },
        Field {
            name: "backoff-ms",
            describe: "the wait before the first retry, ms, doubling each time, 0-600000",
            kind: number!(F64 backoff_ms, 0.0, 600_000.0),
        },
        Field {
            name: "backoff-max-ms",
            describe: "the longest wait before a retry, ms, 0-3600000",
            kind: number!(F64 backoff_max_ms, 0.0, 3_600_000.0),
        },
        Field {
            name: "jitter",
            describe: "how a retry's wait is spread: none, full (0 to the wait) or equal (half plus up to half)",
            kind: choice!(jitter: Jitter),
        },
        Field {
            name: "order",
            describe: "which message goes first: fifo (the oldest) or priority (urgent first, a quarter are urgent)",
            kind: choice!(order: Order),
        },
        Field {
            name: "durable",
            describe: "whether the queue survives a broker crash: true (on disk) or false (in memory)",
            kind: choice!(durable: Flag),
        },
        Field {
            name: "idempotency",
            describe: "whether consumers remember processed keys and skip a duplicate's side effect: true or false",
            kind: choice!(idempotency: Flag),
        },
        Field {
            name: "poison-fraction",
            describe: "the share of messages that always fail, 0-1",
            kind: number!(F64 poison_fraction, 0.0, 1.0),
        },
    ];

    fn validate(&self) -> Result<(), InputError> {
        if let Some(&shop) = self.orders.iter().find(|&&s| s >= self.shops) {
            return Err(InputError::new(
                "orders",
                &shop.to_string(),
                Problem::Conflict(Clash::NotBelow { other: "shops", limit: self.shops.to_string() }),
            ));
        }
        if self.fail_at_ms > 0.0 && self.fail_shop >= self.shops {
            return Err(InputError::new(
                "fail-shop",
                &self.fail_shop.to_string(),
                Problem::Conflict(Clash::NotBelow { other: "shops", limit: self.shops.to_string() }),
            ));
        }
        if self.backoff_max_ms < self.backoff_ms {
            return Err(InputError::new(
                "backoff-ms",
                &crate::input::fmt_num(self.backoff_ms),
                Problem::Conflict(Clash::NotBelow {
                    other: "backoff-max-ms",
                    limit: crate::input::fmt_num(self.backoff_max_ms),
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
    fn orders_read_in_turn_and_must_name_a_shop_there_is() {
        let mut c = Config::default();
        assert_eq!(c.get("orders").as_deref(), Some("1:1,2:3,3:0,4:1,5:2,6:3"));
        c.set("orders", "O1:PS2, O2:PS0").unwrap();
        assert_eq!(c.orders, [2, 0]);
        for bad in ["2:1", "1:1,3:2", "1", "1:x", "1:99"] {
            assert!(c.set("orders", bad).is_err(), "{bad}");
        }
        c.set("orders", "1:3").unwrap();
        c.shops = 3;
        assert!(c.validate().unwrap_err().to_string().contains("shops"));
        let c = Config { backoff_ms: 500.0, backoff_max_ms: 100.0, ..Config::default() };
        assert!(c.validate().is_err());
        assert!(Config::default().validate().is_ok());
        let _ = Scenario::ALL;
    }
}
