//! What happens in the queues lab, in the past tense.

use serde::Serialize;
use std::fmt;

/// A piece of work: a pizza order or a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Work {
    /// Order O`n`, from 1.
    Order(u32),
    /// Message M`n`, from 0.
    Message(u64),
}

impl fmt::Display for Work {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Work::Order(n) => write!(f, "O{n}"),
            Work::Message(n) => write!(f, "M{n}"),
        }
    }
}

/// Who does the work: a pizza shop or a consumer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Worker {
    /// Shop PS`n`.
    Shop(u32),
    /// Consumer C`n`.
    Consumer(u32),
}

impl fmt::Display for Worker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Worker::Shop(n) => write!(f, "PS{n}"),
            Worker::Consumer(n) => write!(f, "C{n}"),
        }
    }
}

/// Why a command did nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ignored {
    /// No shop or consumer has that number.
    NoSuchWorker,
    /// It is already that way.
    AlreadyThatWay,
    /// Not in this scenario (orders are pizza's, rates and poison the queue's).
    NotInScenario,
    /// The run has the most orders it may.
    TooManyOrders,
}

impl Ignored {
    /// Why, in English.
    pub fn reason(self) -> &'static str {
        match self {
            Ignored::NoSuchWorker => "there is no such shop or consumer",
            Ignored::AlreadyThatWay => "it is already that way",
            Ignored::NotInScenario => {
                "this scenario has no such thing (orders are pizza's; rate and poison the queue's)"
            }
            Ignored::TooManyOrders => "the run has the most orders it may (200)",
        }
    }
}

/// One order given to another shop by the notifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Move {
    /// The order, from 1.
    pub order: u32,
    /// The shop it had.
    pub from: u32,
    /// The shop it has now.
    pub to: u32,
}

/// One thing that happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    /// A client placed an order (pizza): with a shop, or into the queue.
    Placed {
        /// The order.
        order: u32,
        /// Its shop, unless it went into the queue.
        shop: Option<u32>,
        /// Written to the database.
        stored: bool,
    },
    /// An order was lost: its shop was down and nothing else kept it.
    OrderLost {
        /// The order.
        order: u32,
    },
    /// A message reached the queue.
    Enqueued {
        /// The message.
        id: u64,
        /// Always fails.
        poison: bool,
    },
    /// The broker was down: a producer's message was refused.
    Rejected,
    /// A worker began a piece of work (`attempt` above 1: a redelivery).
    Started {
        /// What.
        work: Work,
        /// Who.
        worker: Worker,
        /// Which receive of it, from 1.
        attempt: u32,
    },
    /// A shop skipped an order the database had as done.
    Skipped {
        /// The order.
        order: u32,
        /// The shop.
        shop: u32,
    },
    /// A worker finished a piece of work: its side effect (a pizza, a
    /// payment) happened `times` times in all so far; or it was skipped by
    /// an idempotency key.
    Done {
        /// What.
        work: Work,
        /// Who.
        worker: Worker,
        /// How many times its side effect has happened now (above 1: a duplicate).
        times: u32,
        /// Skipped: the key was already processed.
        skipped: bool,
    },
    /// A message failed at its consumer (a poison message).
    Failed {
        /// The message.
        work: Work,
        /// Who.
        worker: Worker,
    },
    /// The broker took an ack: the message is gone from the queue.
    Acked {
        /// The message.
        work: Work,
        /// Enqueue to ack, µs.
        latency_us: u64,
    },
    /// An ack came after its lease ran out: the message had gone back.
    LateAck {
        /// The message.
        work: Work,
        /// Who sent it.
        worker: Worker,
    },
    /// A lease ran out before an ack: the message goes back to the queue.
    LeaseExpired {
        /// The message.
        work: Work,
    },
    /// A failed message waits before it is visible again.
    Retrying {
        /// The message.
        work: Work,
        /// How long, µs.
        wait_us: u64,
    },
    /// A message failed its last allowed attempt.
    DeadLettered {
        /// The message.
        work: Work,
        /// Receives it had.
        attempts: u32,
    },
    /// A shop or consumer crashed.
    Crashed {
        /// Who.
        worker: Worker,
        /// What it was working on.
        holding: Option<Work>,
        /// Orders lost with its memory (no database).
        lost: Vec<u32>,
    },
    /// A shop or consumer came back.
    Restarted {
        /// Who.
        worker: Worker,
        /// Orders it took up again from the database.
        resumed: Vec<u32>,
    },
    /// The notifier's check found a shop dead.
    HeartbeatMissed {
        /// The shop.
        shop: u32,
        /// Its not-done orders the database has (empty without one).
        orders: Vec<u32>,
        /// How long it had been down, µs.
        down_us: u64,
    },
    /// The notifier gave orders to other shops.
    Redistributed {
        /// Orders that changed shop.
        moves: Vec<Move>,
        /// Not-done orders dealt out in all.
        dealt: u32,
    },
    /// The broker crashed.
    BrokerCrashed {
        /// Messages lost with it (an in-memory queue).
        lost: u64,
        /// Messages it kept (durable).
        kept: u64,
    },
    /// The broker came back.
    BrokerRestarted,
    /// The producers' rate changed.
    RateSet {
        /// Messages per second.
        rate: f64,
    },
    /// A command did nothing.
    CommandIgnored {
        /// The command, as text.
        command: String,
        /// Why.
        why: Ignored,
    },
}

impl Event {
    /// Whether this is about one message of a stream (too many to tell each).
    pub fn is_per_message(&self) -> bool {
        matches!(
            self,
            Event::Enqueued { poison: false, .. }
                | Event::Started { attempt: 1, work: Work::Message(_), .. }
                | Event::Done { times: 1, skipped: false, work: Work::Message(_), .. }
                | Event::Acked { work: Work::Message(_), .. }
                | Event::Rejected
        )
    }
}

fn list(orders: &[u32]) -> String {
    orders.iter().map(|o| format!("O{o}")).collect::<Vec<_>>().join(", ")
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Placed { order, shop: Some(s), .. } => write!(f, "O{order} placed with PS{s}"),
            Event::Placed { order, shop: None, .. } => write!(f, "O{order} queued"),
            Event::OrderLost { order } => write!(f, "O{order} lost"),
            Event::Enqueued { id, poison } => {
                write!(f, "M{id} enqueued{}", if *poison { " (poison)" } else { "" })
            }
            Event::Rejected => write!(f, "a message was refused: the broker is down"),
            Event::Started { work, worker, attempt } => {
                write!(f, "{worker} started {work} (attempt {attempt})")
            }
            Event::Skipped { order, shop } => write!(f, "PS{shop} skipped O{order}: done already"),
            Event::Done { work, worker, times, skipped } => {
                if *skipped {
                    write!(f, "{worker} skipped {work}: its key was processed")
                } else {
                    write!(f, "{worker} did {work} ({times} times in all)")
                }
            }
            Event::Failed { work, worker } => write!(f, "{work} failed at {worker}"),
            Event::Acked { work, latency_us } => write!(f, "{work} acked after {latency_us} µs"),
            Event::LateAck { work, worker } => write!(f, "{worker}'s ack of {work} came after its lease"),
            Event::LeaseExpired { work } => write!(f, "{work}'s lease ran out"),
            Event::Retrying { work, wait_us } => write!(f, "{work} retried in {wait_us} µs"),
            Event::DeadLettered { work, attempts } => {
                write!(f, "{work} dead-lettered after {attempts} attempts")
            }
            Event::Crashed { worker, holding, lost } => {
                write!(f, "{worker} crashed")?;
                if let Some(w) = holding {
                    write!(f, " holding {w}")?;
                }
                if !lost.is_empty() {
                    write!(f, "; lost {}", list(lost))?;
                }
                Ok(())
            }
            Event::Restarted { worker, resumed } => {
                write!(f, "{worker} restarted; resumes [{}]", list(resumed))
            }
            Event::HeartbeatMissed { shop, orders, .. } => {
                write!(f, "PS{shop} missed its heartbeat; orders [{}]", list(orders))
            }
            Event::Redistributed { moves, dealt } => {
                write!(f, "{dealt} orders dealt, {} moved:", moves.len())?;
                for m in moves {
                    write!(f, " O{} PS{}>PS{}", m.order, m.from, m.to)?;
                }
                Ok(())
            }
            Event::BrokerCrashed { lost, kept } => write!(f, "broker crashed: {lost} lost, {kept} kept"),
            Event::BrokerRestarted => write!(f, "broker restarted"),
            Event::RateSet { rate } => write!(f, "rate {}/s", crate::input::fmt_num(*rate)),
            Event::CommandIgnored { command, why } => write!(f, "{command} ignored: {}", why.reason()),
        }
    }
}
