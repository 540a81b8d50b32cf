//! The queues lab: seed 004's pizza shops (a database of orders, a notifier
//! that finds a dead shop by its missed heartbeat and redistributes its
//! orders, every not-done order or by consistent hashing) and the message
//! queue they add up to: producers, the [`queue`](crate::queue) building
//! block with leases, acks, retries and dead letters, and consumers that
//! poll or are pushed to, with duplicates and idempotency keys.
//!
//! A pizza shop and a consumer are one kind of worker here: each does one
//! piece of work at a time and can crash mid-work. Shops get their work from
//! a list the notifier deals (`redistribute=all|ring`) or, like consumers,
//! from the queue (`redistribute=queue`, and the queue scenario).

mod command;
mod config;
mod event;

pub use command::Command;
pub use config::{
    Config, Confirm, Flag, Jitter, MAX_ORDERS, MAX_WORKERS, Order, Persist, Redistribute, SEED_ORDERS,
    Scenario, ServiceDist,
};
pub use event::{Event, Ignored, Move, Work, Worker};

use crate::idmap::IdMap;
use crate::input::InputError;
use crate::lab::{Lab, LabCommand, LabId, Settings};
use crate::metrics::LatencyHistogram;
use crate::node::NodeId;
use crate::placement::{Placement, Ring, key_hash, salt};
use crate::queue::{self, Change, Delivery, Queue, QueueParams, Status};
use crate::rng::{SimRng, Stream};
use crate::run::{Recorded, Run, len_u32};
use crate::time::{SimDuration, SimTime};
use crate::workload::{Arrivals, Gaps, Generation};
use serde::Serialize;
use std::collections::VecDeque;

/// The width of one time-series window.
pub use crate::run::SAMPLE_WINDOW;

/// What a queued message carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    /// Its idempotency key (the order's index, or the message's number).
    pub key: u64,
    /// Always fails.
    pub poison: bool,
}

/// The engine's events.
#[derive(Clone, Debug)]
enum Ev {
    /// Order `i` (from 0) is placed.
    Place(u32),
    /// The configured shop failure.
    Fail,
    /// The notifier checks every shop.
    Notify,
    /// The next producer message.
    Produce(Generation),
    /// A message reaches the broker (its flight).
    AtBroker(Item, u8, u64),
    /// A delivery reaches worker `w` of epoch `e` (its flight).
    Deliver(u32, u32, Delivery, u64),
    /// Worker `w`'s poll reaches the broker.
    Poll(u32, u32, u64),
    /// Worker `w` of epoch `e` has done its current work.
    Made(u32, u32),
    /// An ack (or a nack) from worker `w` of epoch `e` reaches the broker.
    Reply {
        w: u32,
        e: u32,
        d: Delivery,
        ok: bool,
        flight: u64,
    },
    /// The queue has a lease or retry due.
    BrokerDue,
    Sample,
}

/// What a worker is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doing {
    /// Nothing, and nothing asked for.
    Idle,
    /// Waiting for the broker: a poll, a push or an ack on its way.
    Waiting,
    /// Working on `work` since `since`, until `until`.
    Busy {
        /// What.
        work: Work,
        /// Since when.
        since: SimTime,
        /// Until when.
        until: SimTime,
    },
}

#[derive(Clone, Debug)]
struct WorkerState {
    up: bool,
    epoch: u32,
    doing: Doing,
    /// Its list of orders (notifier), order indices from 0.
    list: VecDeque<u32>,
    /// The delivery it works on (queue).
    delivery: Option<(Delivery, Item)>,
    busy_us: u64,
    down_since: Option<SimTime>,
    noticed: bool,
}

/// An order, as the database (or nobody) keeps it.
#[derive(Clone, Debug)]
struct OrderState {
    placed: Option<SimTime>,
    shop: u32,
    done: bool,
    lost: bool,
    /// Pizzas made for it.
    pizzas: u32,
}

/// Where something on the wire is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A producer (or, for orders, the clients).
    Producer(u32),
    /// The broker.
    Broker,
    /// A shop or consumer.
    Worker(u32),
}

/// A message on the wire, to draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flight {
    /// From.
    pub from: Place,
    /// To.
    pub to: Place,
    /// An ack (or nack) on its way back.
    pub reply: bool,
    /// When it left.
    pub sent: SimTime,
    /// When it arrives.
    pub arrives: SimTime,
}

impl Flight {
    /// How far along it is at `now`, 0 to 1.
    pub fn progress(&self, now: SimTime) -> f64 {
        now.progress(self.sent, self.arrives)
    }
}

/// One window of the time series.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Point {
    /// Messages (or orders) waiting at the window's end.
    pub depth: u32,
    /// Under a lease (or being made) at the window's end.
    pub in_flight: u32,
    /// Acked (or done) in the window.
    pub acked: u32,
    /// Their enqueue-to-ack latencies added up, µs.
    pub latency_us: u64,
    /// Side effects done twice in the window.
    pub duplicates: u32,
    /// Dead-lettered in the window.
    pub dead: u32,
}

/// One shop or consumer, to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkerView {
    /// Who.
    pub worker: Worker,
    /// Whether it runs.
    pub up: bool,
    /// What it does.
    pub doing: Doing,
    /// Its list of orders (notifier), numbered from 1.
    pub list: Vec<u32>,
    /// Whether the notifier has found it dead.
    pub noticed: bool,
}

/// One order in the database's table, to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderView {
    /// Its number, from 1.
    pub number: u32,
    /// Placed yet.
    pub placed: bool,
    /// Its shop now.
    pub shop: u32,
    /// Done (the database's state).
    pub done: bool,
    /// Lost.
    pub lost: bool,
    /// Pizzas made for it.
    pub pizzas: u32,
}

/// One message in the queue, to draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MessageView {
    /// What.
    pub work: Work,
    /// Where it is.
    pub status: Status,
    /// Receives so far.
    pub receives: u32,
    /// Always fails.
    pub poison: bool,
    /// Urgent.
    pub urgent: bool,
}

/// What the page draws.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// The simulated time.
    pub now: SimTime,
    /// The shops or consumers.
    pub workers: Vec<WorkerView>,
    /// The orders (pizza).
    pub orders: Vec<OrderView>,
    /// The oldest messages in the queue, at most [`QUEUE_SHOWN`].
    pub queue: Vec<MessageView>,
    /// Messages in the queue in all.
    pub queue_len: u32,
    /// The dead-letter queue, newest last, at most [`QUEUE_SHOWN`].
    pub dead: Vec<Work>,
    /// Dead letters in all.
    pub dead_len: u32,
    /// The age of the oldest message in the queue.
    pub oldest: SimDuration,
    /// Whether the broker runs.
    pub broker_up: bool,
    /// When the notifier last checked (notifier runs).
    pub notifier_checked: Option<SimTime>,
}

/// How many messages the view lists.
pub const QUEUE_SHOWN: usize = 48;

/// The numbers the page shows and the CLI prints.
#[derive(Clone, Debug, Serialize)]
pub struct Metrics {
    /// Simulated time so far, ms.
    pub time_ms: f64,
    /// Messages (or orders) that reached the queue (or were placed).
    pub enqueued: u64,
    /// Deliveries to a worker (or orders started).
    pub delivered: u64,
    /// Messages acked (or orders done).
    pub acked: u64,
    /// Deliveries after the first of the same message.
    pub redelivered: u64,
    /// Side effects done twice or more (a second pizza, a second payment).
    pub duplicates_processed: u64,
    /// Duplicates stopped by an idempotency key.
    pub duplicates_skipped: u64,
    /// Messages moved to the dead-letter queue.
    pub dead_lettered: u64,
    /// Messages or orders lost (an in-memory broker or shop crashed).
    pub lost: u64,
    /// Messages refused while the broker was down.
    pub rejected: u64,
    /// Acks that came after their lease ran out.
    pub late_acks: u64,
    /// Waiting now (not under a lease, not being made).
    pub depth: u32,
    /// The most waiting at once.
    pub depth_max: u32,
    /// Waiting, averaged over time.
    pub depth_mean: f64,
    /// Under a lease (or being made) now.
    pub in_flight: u32,
    /// The oldest message's age, the most seen (sampled every 100 ms), ms.
    pub oldest_age_ms_max: f64,
    /// Enqueue (or order) to ack (or first pizza), mean, ms.
    pub latency_ms_mean: f64,
    /// Its median, ms.
    pub latency_ms_p50: f64,
    /// Its 99th percentile, ms.
    pub latency_ms_p99: f64,
    /// Order to confirmation, mean, ms (pizza).
    pub confirm_ms_mean: f64,
    /// A failure to its work being given out again, mean, ms (the notifier
    /// finding a shop, or a crashed consumer's lease running out).
    pub detect_ms: f64,
    /// Orders given to another shop by a redistribution.
    pub orders_moved: u64,
    /// Pizzas made (duplicates included).
    pub pizzas: u64,
    /// The share of worker time spent working.
    pub consumer_utilization: f64,
    /// Shops or consumers up.
    pub workers_up: u32,
}

#[derive(Clone, Debug, Default)]
struct Counts {
    enqueued: u64,
    delivered: u64,
    acked: u64,
    redelivered: u64,
    duplicates_processed: u64,
    duplicates_skipped: u64,
    dead_lettered: u64,
    lost: u64,
    rejected: u64,
    late_acks: u64,
    orders_moved: u64,
    pizzas: u64,
    depth_max: u32,
    oldest_max_us: u64,
    confirm_us: u64,
    confirms: u64,
    detect_us: u64,
    detects: u64,
}

/// The queues lab.
#[derive(Debug)]
pub struct Queues {
    cfg: Config,
    run: Run<Ev, Event, Point>,
    workers: Vec<WorkerState>,
    orders: Vec<OrderState>,
    queue: Queue<Item>,
    broker_up: bool,
    due: Option<SimTime>,
    arrivals: Arrivals,
    workload: SimRng,
    retries: SimRng,
    ring: Ring,
    salt: u64,
    /// The notifier's round-robin cursor: orders dealt so far.
    dealt: u64,
    /// The round-robin cursor of the broker's pushes.
    push_cursor: u32,
    /// Side effects per key.
    effects: Vec<u8>,
    /// Messages held by a worker when it crashed: (id, when).
    orphans: Vec<(u64, SimTime)>,
    flights: IdMap<Flight>,
    next_flight: u64,
    next_key: u64,
    latency: LatencyHistogram,
    counts: Counts,
    depth_area: u128,
    depth_at: (SimTime, u32),
    notifier_checked: Option<SimTime>,
    window: Point,
}

impl Lab for Queues {
    type Config = Config;
    type Command = Command;
    type Event = Event;
    type Metrics = Metrics;
    type Point = Point;
    type View = View;

    const ID: LabId = LabId::Queues;

    fn new(cfg: Config, seed: u64) -> Result<Self, InputError> {
        cfg.validate()?;
        let salt = salt(seed);
        let mut ring = Ring::full(cfg.vnodes, salt);
        for s in 0..cfg.shops {
            ring.add(NodeId(s));
        }
        let durable = match cfg.scenario {
            Scenario::Pizza => cfg.persist == Persist::Database,
            Scenario::Queue => cfg.durable.on(),
        };
        let params = QueueParams {
            visibility_timeout: SimDuration::from_ms_f64(cfg.visibility_timeout_ms),
            max_attempts: cfg.max_attempts,
            backoff: SimDuration::from_ms_f64(cfg.backoff_ms),
            backoff_max: SimDuration::from_ms_f64(cfg.backoff_max_ms),
            jitter: match cfg.jitter {
                Jitter::None => queue::Jitter::None,
                Jitter::Full => queue::Jitter::Full,
                Jitter::Equal => queue::Jitter::Equal,
            },
            order: match cfg.order {
                Order::Fifo => queue::Order::Fifo,
                Order::Priority => queue::Order::Priority,
            },
            durable,
        };
        let worker = WorkerState {
            up: true,
            epoch: 0,
            doing: Doing::Idle,
            list: VecDeque::new(),
            delivery: None,
            busy_us: 0,
            down_since: None,
            noticed: false,
        };
        let rate = if cfg.scenario == Scenario::Queue { cfg.rate } else { 0.0 };
        let mut lab = Queues {
            workers: vec![worker; cfg.workers() as usize],
            orders: Vec::new(),
            queue: Queue::new(params),
            broker_up: true,
            due: None,
            arrivals: Arrivals::new(Gaps::Poisson, rate),
            workload: SimRng::new(seed, Stream::Workload),
            retries: SimRng::new(seed, Stream::Policy),
            ring,
            salt,
            dealt: 0,
            push_cursor: 0,
            effects: Vec::new(),
            orphans: Vec::new(),
            flights: IdMap::new(),
            next_flight: 0,
            next_key: 0,
            latency: LatencyHistogram::new(),
            counts: Counts::default(),
            depth_area: 0,
            depth_at: (SimTime::ZERO, 0),
            notifier_checked: None,
            window: Point::default(),
            run: Run::new(),
            cfg,
        };
        if lab.cfg.scenario == Scenario::Pizza {
            let gap = SimDuration::from_ms_f64(lab.cfg.order_gap_ms);
            for (i, &shop) in lab.cfg.orders.clone().iter().enumerate() {
                lab.orders.push(OrderState { placed: None, shop, done: false, lost: false, pizzas: 0 });
                lab.run.engine.schedule_at(SimTime(gap.0 * i as u64), Ev::Place(len_u32(i)));
            }
            if lab.cfg.fail_at_ms > 0.0 {
                lab.run
                    .engine
                    .schedule_at(SimTime::ZERO + SimDuration::from_ms_f64(lab.cfg.fail_at_ms), Ev::Fail);
            }
            if !lab.cfg.queued() {
                lab.run.engine.schedule_in(SimDuration::from_ms_f64(lab.cfg.notifier_ms), Ev::Notify);
            }
        }
        lab.schedule_arrival();
        for w in 0..lab.cfg.workers() {
            lab.fetch(w);
        }
        lab.run.start_sampling(Ev::Sample);
        Ok(lab)
    }

    fn apply(&mut self, cmd: &Command) {
        let ignore =
            |lab: &mut Self, why| lab.run.record(Event::CommandIgnored { command: cmd.encode(), why });
        let n = len_u32(self.workers.len());
        let pizza = self.cfg.scenario == Scenario::Pizza;
        match *cmd {
            Command::Crash(w) | Command::Restart(w) if w >= n => ignore(self, Ignored::NoSuchWorker),
            Command::Crash(w) => {
                if !self.workers[w as usize].up {
                    return ignore(self, Ignored::AlreadyThatWay);
                }
                self.crash(w);
            }
            Command::Restart(w) => {
                if self.workers[w as usize].up {
                    return ignore(self, Ignored::AlreadyThatWay);
                }
                self.restart(w);
            }
            Command::CrashBroker | Command::RestartBroker if !self.cfg.queued() => {
                ignore(self, Ignored::NotInScenario);
            }
            Command::CrashBroker => {
                if !self.broker_up {
                    return ignore(self, Ignored::AlreadyThatWay);
                }
                self.broker_up = false;
                let kept = len_u32(self.queue.len());
                let lost = self.queue.crash();
                self.counts.lost += lost;
                if lost > 0 {
                    self.lose_queued_orders();
                }
                let kept = if lost > 0 { 0 } else { u64::from(kept) };
                self.run.record(Event::BrokerCrashed { lost, kept });
            }
            Command::RestartBroker => {
                if self.broker_up {
                    return ignore(self, Ignored::AlreadyThatWay);
                }
                self.broker_up = true;
                self.run.record(Event::BrokerRestarted);
                for w in 0..n {
                    let s = &self.workers[w as usize];
                    if s.up && s.doing == Doing::Waiting && self.cfg.poll_ms == 0.0 {
                        self.workers[w as usize].doing = Doing::Idle;
                    }
                }
                self.tick_queue();
            }
            Command::Rate(_) | Command::Poison if pizza => ignore(self, Ignored::NotInScenario),
            Command::Rate(r) => {
                self.arrivals.set_rate(r);
                self.run.record(Event::RateSet { rate: r });
                self.schedule_arrival();
            }
            Command::Poison => {
                let item = Item { key: self.next_key, poison: true };
                self.next_key += 1;
                self.send_to_broker(item, 0);
            }
            Command::Order(_) if !pizza => ignore(self, Ignored::NotInScenario),
            Command::Order(s) if s >= n => ignore(self, Ignored::NoSuchWorker),
            Command::Order(s) => {
                if self.orders.len() >= MAX_ORDERS {
                    return ignore(self, Ignored::TooManyOrders);
                }
                self.orders.push(OrderState { placed: None, shop: s, done: false, lost: false, pizzas: 0 });
                self.place(len_u32(self.orders.len() - 1));
            }
        }
        self.note_depth();
    }

    fn run_until(&mut self, t: SimTime) {
        Run::until(self, t, |lab| &mut lab.run, Self::handle);
    }

    fn run(&self) -> &impl Recorded<Event, Point> {
        &self.run
    }

    fn view(&self) -> View {
        let workers = self
            .workers
            .iter()
            .enumerate()
            .map(|(i, w)| WorkerView {
                worker: self.who(len_u32(i)),
                up: w.up,
                doing: w.doing,
                list: w.list.iter().map(|o| o + 1).collect(),
                noticed: w.noticed,
            })
            .collect();
        let orders = self
            .orders
            .iter()
            .enumerate()
            .map(|(i, o)| OrderView {
                number: len_u32(i) + 1,
                placed: o.placed.is_some(),
                shop: o.shop,
                done: o.done,
                lost: o.lost,
                pizzas: o.pizzas,
            })
            .collect();
        let queue = self
            .queue
            .messages()
            .take(QUEUE_SHOWN)
            .map(|m| MessageView {
                work: self.work(m.id, m.payload),
                status: m.status,
                receives: m.receives,
                poison: m.payload.poison,
                urgent: m.priority > 0,
            })
            .collect();
        let kept = self.queue.dead_letters().len();
        let dead = (self.queue.dead_letters())
            .skip(kept.saturating_sub(QUEUE_SHOWN))
            .map(|m| self.work(m.id, m.payload))
            .collect();
        View {
            now: self.run.now(),
            workers,
            orders,
            queue,
            queue_len: len_u32(self.queue.len()),
            dead,
            // All of them, not only those the queue still keeps.
            dead_len: u32::try_from(self.counts.dead_lettered).unwrap_or(u32::MAX),
            oldest: self.queue.oldest_age(self.run.now()).unwrap_or(SimDuration::ZERO),
            broker_up: self.broker_up,
            notifier_checked: self.notifier_checked,
        }
    }

    fn metrics(&self) -> Metrics {
        let c = &self.counts;
        let now = self.run.now();
        let l = self.latency.summary();
        let (_, depth) = self.depth_at;
        let area = self.depth_area + u128::from(now.since(self.depth_at.0).0) * u128::from(depth);
        let busy: u64 = self
            .workers
            .iter()
            .map(|w| match w.doing {
                Doing::Busy { since, .. } => w.busy_us + now.since(since).0,
                _ => w.busy_us,
            })
            .sum();
        let capacity = now.0 as f64 * self.workers.len() as f64;
        let mean = |sum: u64, n: u64| if n == 0 { 0.0 } else { sum as f64 / n as f64 / 1_000.0 };
        Metrics {
            time_ms: now.as_ms_f64(),
            enqueued: c.enqueued,
            delivered: c.delivered,
            acked: c.acked,
            redelivered: c.redelivered,
            duplicates_processed: c.duplicates_processed,
            duplicates_skipped: c.duplicates_skipped,
            dead_lettered: c.dead_lettered,
            lost: c.lost,
            rejected: c.rejected,
            late_acks: c.late_acks,
            depth,
            depth_max: c.depth_max,
            depth_mean: if now.0 == 0 { 0.0 } else { area as f64 / now.0 as f64 },
            in_flight: self.in_flight(),
            oldest_age_ms_max: c.oldest_max_us as f64 / 1_000.0,
            latency_ms_mean: self.latency.mean_ms(),
            latency_ms_p50: l.p50_ms,
            latency_ms_p99: l.p99_ms,
            confirm_ms_mean: mean(c.confirm_us, c.confirms),
            detect_ms: mean(c.detect_us, c.detects),
            orders_moved: c.orders_moved,
            pizzas: c.pizzas,
            consumer_utilization: if capacity > 0.0 { busy as f64 / capacity } else { 0.0 },
            workers_up: len_u32(self.workers.iter().filter(|w| w.up).count()),
        }
    }

    fn refusal(event: &Event) -> Option<(&str, &'static str)> {
        match event {
            Event::CommandIgnored { command, why } => Some((command, why.reason())),
            _ => None,
        }
    }

    fn finite(&self) -> bool {
        self.cfg.scenario == Scenario::Pizza
    }

    fn done(&self) -> bool {
        self.orders.iter().all(|o| o.placed.is_some() && (o.done || o.lost))
            && self.workers.iter().all(|w| !matches!(w.doing, Doing::Busy { .. }))
            && self.flights.is_empty()
    }
}

impl Queues {
    /// The settings this run started with.
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// Messages on the wire, to draw.
    pub fn flights(&self) -> impl Iterator<Item = &Flight> {
        self.flights.values()
    }

    /// Pizzas made for order `number` (from 1) so far.
    pub fn pizzas(&self, number: u32) -> Option<u32> {
        self.orders.get(number.checked_sub(1)? as usize).map(|o| o.pizzas)
    }

    fn who(&self, w: u32) -> Worker {
        match self.cfg.scenario {
            Scenario::Pizza => Worker::Shop(w),
            Scenario::Queue => Worker::Consumer(w),
        }
    }

    fn work(&self, id: u64, item: Item) -> Work {
        match self.cfg.scenario {
            Scenario::Pizza => Work::Order(len_u32(item.key as usize) + 1),
            Scenario::Queue => Work::Message(id),
        }
    }

    fn hop(&self) -> SimDuration {
        SimDuration::from_ms_f64(self.cfg.net_latency_ms)
    }

    fn fly(&mut self, from: Place, to: Place, reply: bool, delay: SimDuration) -> u64 {
        self.next_flight += 1;
        let now = self.run.now();
        self.flights.insert(self.next_flight, Flight { from, to, reply, sent: now, arrives: now + delay });
        self.next_flight
    }

    fn in_flight(&self) -> u32 {
        if self.cfg.queued() {
            len_u32(self.queue.in_flight())
        } else {
            len_u32(self.workers.iter().filter(|w| matches!(w.doing, Doing::Busy { .. })).count())
        }
    }

    fn depth(&self) -> u32 {
        if self.cfg.queued() {
            return len_u32(self.queue.depth());
        }
        let making = |i: usize| {
            self.workers
                .iter()
                .any(|w| matches!(w.doing, Doing::Busy { work: Work::Order(n), .. } if n as usize == i + 1))
        };
        let waiting = self
            .orders
            .iter()
            .enumerate()
            .filter(|&(i, o)| o.placed.is_some() && !o.done && !o.lost && !making(i))
            .count();
        len_u32(waiting)
    }

    /// Adds the time since the last change to the depth's area, and takes
    /// the depth now.
    fn note_depth(&mut self) {
        let now = self.run.now();
        let (at, d) = self.depth_at;
        self.depth_area += u128::from(now.since(at).0) * u128::from(d);
        let depth = self.depth();
        self.depth_at = (now, depth);
        self.counts.depth_max = self.counts.depth_max.max(depth);
    }

    fn handle(&mut self, ev: Ev) {
        match ev {
            Ev::Place(i) => self.place(i),
            Ev::Fail => {
                let s = self.cfg.fail_shop;
                if self.workers[s as usize].up {
                    self.crash(s);
                }
            }
            Ev::Notify => {
                self.notify();
                self.run.engine.schedule_in(SimDuration::from_ms_f64(self.cfg.notifier_ms), Ev::Notify);
            }
            Ev::Produce(generation) => {
                if !self.arrivals.arrive(generation) {
                    return;
                }
                let poison = self.workload.chance(self.cfg.poison_fraction);
                let urgent = self.cfg.order == Order::Priority && self.workload.below(4) == 0;
                let item = Item { key: self.next_key, poison };
                self.next_key += 1;
                self.send_to_broker(item, u8::from(urgent));
                self.schedule_arrival();
            }
            Ev::AtBroker(item, priority, flight) => {
                self.flights.remove(flight);
                if !self.broker_up {
                    self.counts.rejected += 1;
                    self.run.record(Event::Rejected);
                } else {
                    let id = self.queue.enqueue(self.run.now(), item, priority);
                    self.counts.enqueued += 1;
                    if self.cfg.scenario == Scenario::Queue {
                        self.run.record(Event::Enqueued { id, poison: item.poison });
                    }
                    self.tick_queue();
                }
            }
            Ev::Deliver(w, e, d, flight) => {
                self.flights.remove(flight);
                self.start_delivery(w, e, d);
            }
            Ev::Poll(w, e, flight) => {
                self.flights.remove(flight);
                self.poll(w, e);
            }
            Ev::Made(w, e) => self.made(w, e),
            Ev::Reply { w, e, d, ok, flight } => {
                self.flights.remove(flight);
                self.reply(w, e, d, ok);
            }
            Ev::BrokerDue => {
                if self.due.is_some_and(|t| t <= self.run.now()) {
                    self.due = None;
                }
                self.tick_queue();
            }
            Ev::Sample => {
                let mut point = std::mem::take(&mut self.window);
                point.depth = self.depth();
                point.in_flight = self.in_flight();
                let now = self.run.now();
                let oldest = if self.cfg.queued() {
                    self.queue.oldest_age(now).map_or(0, |d| d.0)
                } else {
                    self.orders
                        .iter()
                        .filter(|o| !o.done && !o.lost)
                        .filter_map(|o| o.placed)
                        .map(|t| now.since(t).0)
                        .max()
                        .unwrap_or(0)
                };
                self.counts.oldest_max_us = self.counts.oldest_max_us.max(oldest);
                self.run.sample(point, Ev::Sample);
            }
        }
        self.note_depth();
    }

    fn schedule_arrival(&mut self) {
        if let Some((gap, generation)) = self.arrivals.next(&mut self.workload) {
            self.run.engine.schedule_in(gap, Ev::Produce(generation));
        }
    }

    fn send_to_broker(&mut self, item: Item, priority: u8) {
        let delay = self.hop();
        let producer = (item.key % u64::from(self.cfg.producers.max(1))) as u32;
        let flight = self.fly(Place::Producer(producer), Place::Broker, false, delay);
        self.run.engine.schedule_in(delay, Ev::AtBroker(item, priority, flight));
    }

    // ---- pizza: orders, shops' lists and the notifier ----

    fn place(&mut self, i: u32) {
        let now = self.run.now();
        let number = i + 1;
        let o = &mut self.orders[i as usize];
        o.placed = Some(now);
        let shop = o.shop;
        if self.cfg.confirm == Confirm::AtOnce {
            self.counts.confirms += 1;
        }
        if self.cfg.queued() {
            self.run.record(Event::Placed { order: number, shop: None, stored: false });
            self.send_to_broker(Item { key: u64::from(i), poison: false }, 0);
            return;
        }
        self.counts.enqueued += 1;
        // The order's shop was dealt to it: the notifier's round robin goes on from the next.
        self.dealt += 1;
        let stored = self.cfg.persist == Persist::Database;
        self.run.record(Event::Placed { order: number, shop: Some(shop), stored });
        if self.workers[shop as usize].up {
            self.workers[shop as usize].list.push_back(i);
            self.fetch(shop);
        } else if !stored {
            // Nobody keeps it: the shop that was to is down.
            self.orders[i as usize].lost = true;
            self.counts.lost += 1;
            self.run.record(Event::OrderLost { order: number });
        }
    }

    /// Worker `w` looks for its next piece of work.
    fn fetch(&mut self, w: u32) {
        let s = &self.workers[w as usize];
        if !s.up || s.doing != Doing::Idle {
            return;
        }
        if self.cfg.queued() {
            if self.cfg.poll_ms > 0.0 {
                self.send_poll(w, SimDuration::ZERO);
            } else {
                self.tick_queue();
            }
            return;
        }
        let stored = self.cfg.persist == Persist::Database;
        while let Some(i) = self.workers[w as usize].list.pop_front() {
            if stored && self.orders[i as usize].done {
                self.run.record(Event::Skipped { order: i + 1, shop: w });
                continue;
            }
            self.counts.delivered += 1;
            let work = Work::Order(i + 1);
            self.begin(w, work, SimDuration::from_ms_f64(self.cfg.make_ms));
            self.run.record(Event::Started { work, worker: Worker::Shop(w), attempt: 1 });
            return;
        }
    }

    fn begin(&mut self, w: u32, work: Work, time: SimDuration) {
        let now = self.run.now();
        let s = &mut self.workers[w as usize];
        s.doing = Doing::Busy { work, since: now, until: now + time };
        let e = s.epoch;
        self.run.engine.schedule_in(time, Ev::Made(w, e));
    }

    /// A shop's pizza is made: the side effect, counted per order.
    fn pizza(&mut self, w: u32, i: u32) -> u32 {
        let now = self.run.now();
        let o = &mut self.orders[i as usize];
        o.pizzas += 1;
        self.counts.pizzas += 1;
        if o.pizzas > 1 {
            self.counts.duplicates_processed += 1;
            self.window.duplicates += 1;
        }
        if !o.done {
            o.done = true;
            if let Some(placed) = o.placed {
                if self.cfg.confirm == Confirm::WhenMade {
                    self.counts.confirm_us += now.since(placed).0;
                    self.counts.confirms += 1;
                }
                if !self.cfg.queued() {
                    let latency = now.since(placed);
                    self.latency.record(latency);
                    self.counts.acked += 1;
                    self.window.acked += 1;
                    self.window.latency_us += latency.0;
                }
            }
        }
        let times = o.pizzas;
        self.run.record(Event::Done {
            work: Work::Order(i + 1),
            worker: Worker::Shop(w),
            times,
            skipped: false,
        });
        times
    }

    fn made(&mut self, w: u32, e: u32) {
        let s = &self.workers[w as usize];
        if !s.up || s.epoch != e {
            return;
        }
        let Doing::Busy { work, since, .. } = s.doing else { return };
        let now = self.run.now();
        let s = &mut self.workers[w as usize];
        s.busy_us += now.since(since).0;
        s.doing = Doing::Idle;
        if !self.cfg.queued() {
            if let Work::Order(n) = work {
                self.pizza(w, n - 1);
            }
            return self.fetch(w);
        }
        let Some((d, item)) = self.workers[w as usize].delivery.take() else { return };
        let ok = !item.poison;
        if !ok {
            self.run.record(Event::Failed { work, worker: self.who(w) });
        } else if self.cfg.scenario == Scenario::Pizza {
            self.pizza(w, len_u32(item.key as usize));
        } else {
            let k = item.key as usize;
            if self.effects.len() <= k {
                self.effects.resize(k + 1, 0);
            }
            let skipped = self.cfg.idempotency.on() && self.effects[k] > 0;
            if skipped {
                self.counts.duplicates_skipped += 1;
            } else {
                self.effects[k] = self.effects[k].saturating_add(1);
                if self.effects[k] > 1 {
                    self.counts.duplicates_processed += 1;
                    self.window.duplicates += 1;
                }
            }
            let times = u32::from(self.effects[k]);
            let event = Event::Done { work, worker: self.who(w), times, skipped };
            self.run.record(event);
        }
        let delay = self.hop();
        let flight = self.fly(Place::Worker(w), Place::Broker, true, delay);
        self.run.engine.schedule_in(delay, Ev::Reply { w, e, d, ok, flight });
        if self.cfg.poll_ms > 0.0 {
            self.send_poll(w, delay);
        } else {
            self.workers[w as usize].doing = Doing::Waiting;
        }
    }

    fn crash(&mut self, w: u32) {
        let now = self.run.now();
        let s = &mut self.workers[w as usize];
        s.up = false;
        s.epoch += 1;
        s.down_since = Some(now);
        s.noticed = false;
        let holding = match s.doing {
            Doing::Busy { work, since, .. } => {
                s.busy_us += now.since(since).0;
                Some(work)
            }
            _ => None,
        };
        s.doing = Doing::Idle;
        if let Some((d, _)) = s.delivery.take() {
            self.orphans.push((d.id, now));
        }
        let mut lost = Vec::new();
        let mut list: Vec<u32> = self.workers[w as usize].list.drain(..).collect();
        if let Some(Work::Order(n)) = holding {
            list.insert(0, n - 1);
        }
        if !self.cfg.queued() && self.cfg.persist == Persist::Memory {
            for i in list {
                let o = &mut self.orders[i as usize];
                if !o.done && !o.lost {
                    o.lost = true;
                    self.counts.lost += 1;
                    lost.push(i + 1);
                }
            }
        }
        self.run.record(Event::Crashed { worker: self.who(w), holding, lost });
    }

    fn restart(&mut self, w: u32) {
        let s = &mut self.workers[w as usize];
        s.up = true;
        s.down_since = None;
        s.noticed = false;
        s.doing = Doing::Idle;
        let mut resumed = Vec::new();
        if !self.cfg.queued() {
            if self.cfg.redistribute == Redistribute::Ring {
                self.ring.add(NodeId(w));
            }
            if self.cfg.persist == Persist::Database {
                for (i, o) in self.orders.iter().enumerate() {
                    if o.shop == w && o.placed.is_some() && !o.done && !o.lost {
                        resumed.push(len_u32(i));
                    }
                }
                self.workers[w as usize].list = resumed.iter().copied().collect();
            }
        }
        let resumed = resumed.iter().map(|i| i + 1).collect();
        self.run.record(Event::Restarted { worker: self.who(w), resumed });
        self.fetch(w);
    }

    /// The notifier checks every shop; a dead one's orders, if the database
    /// has them, go to the shops up.
    fn notify(&mut self) {
        let now = self.run.now();
        self.notifier_checked = Some(now);
        let stored = self.cfg.persist == Persist::Database;
        let mut dead = Vec::new();
        for w in 0..len_u32(self.workers.len()) {
            let s = &mut self.workers[w as usize];
            if s.up || s.noticed {
                continue;
            }
            s.noticed = true;
            let down = now.since(s.down_since.unwrap_or(now));
            self.counts.detect_us += down.0;
            self.counts.detects += 1;
            if self.cfg.redistribute == Redistribute::Ring {
                self.ring.remove(NodeId(w));
            }
            let orders = if stored {
                self.not_done().filter(|&i| self.orders[i as usize].shop == w).map(|i| i + 1).collect()
            } else {
                Vec::new()
            };
            self.run.record(Event::HeartbeatMissed { shop: w, orders, down_us: down.0 });
            dead.push(w);
        }
        let stranded = self.not_done().any(|i| !self.workers[self.orders[i as usize].shop as usize].up);
        if !stored || !stranded || self.workers.iter().all(|s| !s.up) {
            return;
        }
        let up: Vec<u32> =
            (0..len_u32(self.workers.len())).filter(|&w| self.workers[w as usize].up).collect();
        let mut moves = Vec::new();
        let mut dealt = 0;
        match self.cfg.redistribute {
            Redistribute::All => {
                // Every not-done order is dealt out afresh, round robin over
                // the shops, skipping those down, the cursor where the last
                // order left it; each shop keeps making what it is making.
                let all: Vec<u32> = self.not_done().collect();
                for &w in &up {
                    self.workers[w as usize].list.clear();
                }
                let n = self.workers.len() as u64;
                for i in all {
                    let mut to = (self.dealt % n) as u32;
                    while !self.workers[to as usize].up {
                        self.dealt += 1;
                        to = (self.dealt % n) as u32;
                    }
                    self.dealt += 1;
                    dealt += 1;
                    self.give(i, to, &mut moves);
                }
            }
            Redistribute::Ring | Redistribute::Queue => {
                let stranded: Vec<u32> = self
                    .not_done()
                    .filter(|&i| !self.workers[self.orders[i as usize].shop as usize].up)
                    .collect();
                for i in stranded {
                    let owner = self.ring.owner(key_hash(self.salt, u64::from(i)));
                    let Some(NodeId(to)) = owner.filter(|n| self.workers[n.0 as usize].up) else { continue };
                    dealt += 1;
                    self.give(i, to, &mut moves);
                }
            }
        }
        self.counts.orders_moved += moves.len() as u64;
        self.run.record(Event::Redistributed { moves, dealt });
        for w in up {
            self.fetch(w);
        }
    }

    /// Not-done, not-lost orders placed so far, as indices.
    fn not_done(&self) -> impl Iterator<Item = u32> + '_ {
        (0..len_u32(self.orders.len())).filter(|&i| {
            let o = &self.orders[i as usize];
            o.placed.is_some() && !o.done && !o.lost
        })
    }

    fn give(&mut self, i: u32, to: u32, moves: &mut Vec<Move>) {
        let o = &mut self.orders[i as usize];
        if o.shop != to {
            moves.push(Move { order: i + 1, from: o.shop, to });
            o.shop = to;
        }
        self.workers[to as usize].list.push_back(i);
    }

    /// An in-memory broker crashed: the orders it held are lost.
    fn lose_queued_orders(&mut self) {
        if self.cfg.scenario != Scenario::Pizza {
            return;
        }
        let held: Vec<u32> = self
            .orders
            .iter()
            .enumerate()
            .filter(|(i, o)| {
                o.placed.is_some()
                    && !o.done
                    && !self.workers.iter().any(|w| w.delivery.is_some_and(|(_, it)| it.key == *i as u64))
            })
            .map(|(i, _)| len_u32(i))
            .collect();
        for i in held {
            self.orders[i as usize].lost = true;
            self.run.record(Event::OrderLost { order: i + 1 });
        }
    }

    // ---- the queue: pushes, polls, deliveries, acks, leases ----

    /// Applies the queue's due leases and retries, pushes ready messages to
    /// idle workers, and schedules the queue's next due time.
    fn tick_queue(&mut self) {
        if !self.broker_up {
            return;
        }
        let now = self.run.now();
        for change in self.queue.advance(now, &mut self.retries) {
            self.on_change(change);
        }
        if self.cfg.poll_ms == 0.0 {
            self.push();
        }
        self.schedule_due();
    }

    /// Schedules the queue's next lease end or retry, unless one as early
    /// is scheduled already.
    fn schedule_due(&mut self) {
        if let Some(t) = self.queue.next_due().filter(|&t| self.due.is_none_or(|d| t < d)) {
            self.due = Some(t);
            self.run.engine.schedule_at(t, Ev::BrokerDue);
        }
    }

    fn on_change(&mut self, change: Change) {
        let now = self.run.now();
        match change {
            Change::LeaseExpired { id } => {
                if let Some(pos) = self.orphans.iter().position(|&(o, _)| o == id) {
                    let (_, at) = self.orphans.swap_remove(pos);
                    self.counts.detect_us += now.since(at).0;
                    self.counts.detects += 1;
                }
                let work = self.work_of(id);
                self.run.record(Event::LeaseExpired { work });
            }
            Change::Retrying { id, at } => {
                let work = self.work_of(id);
                self.run.record(Event::Retrying { work, wait_us: at.since(now).0 });
            }
            Change::DeadLettered { id } => {
                self.counts.dead_lettered += 1;
                self.window.dead += 1;
                let (work, attempts) = match self.queue.dead_letters().next_back() {
                    Some(m) => (self.work(m.id, m.payload), m.receives),
                    None => (Work::Message(id), 0),
                };
                self.run.record(Event::DeadLettered { work, attempts });
            }
            Change::Visible { .. } => {}
        }
    }

    fn work_of(&self, id: u64) -> Work {
        match self.queue.get(id) {
            Some(m) => self.work(id, m.payload),
            None => Work::Message(id),
        }
    }

    /// The broker hands ready messages to idle workers, in turn.
    fn push(&mut self) {
        let n = len_u32(self.workers.len());
        let mut tried = 0;
        while tried < n {
            let w = self.push_cursor % n;
            self.push_cursor = (self.push_cursor + 1) % n;
            tried += 1;
            let s = &self.workers[w as usize];
            if !s.up || s.doing != Doing::Idle {
                continue;
            }
            let Some(d) = self.queue.receive(self.run.now()) else { return };
            self.deliver(w, d);
            tried = 0;
        }
    }

    fn deliver(&mut self, w: u32, d: Delivery) {
        let s = &mut self.workers[w as usize];
        s.doing = Doing::Waiting;
        let e = s.epoch;
        let delay = self.hop();
        let flight = self.fly(Place::Broker, Place::Worker(w), false, delay);
        self.run.engine.schedule_in(delay, Ev::Deliver(w, e, d, flight));
        self.schedule_due();
    }

    fn send_poll(&mut self, w: u32, after: SimDuration) {
        let s = &mut self.workers[w as usize];
        s.doing = Doing::Waiting;
        let e = s.epoch;
        let delay = self.hop();
        let flight = self.fly(Place::Worker(w), Place::Broker, false, after + delay);
        self.run.engine.schedule_in(after + delay, Ev::Poll(w, e, flight));
    }

    fn poll(&mut self, w: u32, e: u32) {
        let s = &self.workers[w as usize];
        if !s.up || s.epoch != e {
            return;
        }
        if self.broker_up {
            self.tick_queue();
            if let Some(d) = self.queue.receive(self.run.now()) {
                return self.deliver(w, d);
            }
        }
        // Nothing (or no broker): the answer comes back, and the worker
        // polls again after its interval.
        let back = self.hop() + SimDuration::from_ms_f64(self.cfg.poll_ms);
        self.send_poll(w, back);
    }

    fn start_delivery(&mut self, w: u32, e: u32, d: Delivery) {
        let s = &self.workers[w as usize];
        if !s.up || s.epoch != e {
            // A crashed worker never gets it: its lease runs out.
            self.orphans.push((d.id, self.run.now()));
            return;
        }
        let Some(m) = self.queue.get(d.id) else {
            // The broker lost it (in memory) while it was on its way.
            self.workers[w as usize].doing = Doing::Idle;
            return self.fetch(w);
        };
        let item = m.payload;
        let work = self.work(d.id, item);
        self.counts.delivered += 1;
        if d.attempt > 1 {
            self.counts.redelivered += 1;
        }
        let mean = match self.cfg.scenario {
            Scenario::Pizza => self.cfg.make_ms,
            Scenario::Queue => self.cfg.service_ms,
        };
        let ms = match (self.cfg.scenario, self.cfg.service_dist) {
            (Scenario::Queue, ServiceDist::Exp) => self.workload.exp(mean),
            _ => mean,
        };
        self.workers[w as usize].delivery = Some((d, item));
        self.begin(w, work, SimDuration::from_ms_f64(ms));
        self.run.record(Event::Started { work, worker: self.who(w), attempt: d.attempt });
    }

    fn reply(&mut self, w: u32, e: u32, d: Delivery, ok: bool) {
        let push_mode = self.cfg.poll_ms == 0.0;
        let s = &mut self.workers[w as usize];
        if push_mode && s.up && s.epoch == e && s.doing == Doing::Waiting {
            s.doing = Doing::Idle;
        }
        if !self.broker_up {
            return;
        }
        let now = self.run.now();
        let work = self.work_of(d.id);
        if ok {
            match self.queue.ack(d.id, d.receipt) {
                Ok(m) => {
                    let latency = now.since(m.enqueued);
                    self.latency.record(latency);
                    self.counts.acked += 1;
                    self.window.acked += 1;
                    self.window.latency_us += latency.0;
                    self.run.record(Event::Acked { work, latency_us: latency.0 });
                }
                Err(_) => {
                    self.counts.late_acks += 1;
                    self.run.record(Event::LateAck { work, worker: self.who(w) });
                }
            }
        } else if let Ok(change) = self.queue.nack(now, d.id, d.receipt, &mut self.retries) {
            self.on_change(change);
        }
        self.tick_queue();
    }
}
