//! The load-balancing lab (seed 004: "Scaling: vertical & horizontal" and
//! "Load balancing").
//!
//! Clients send requests as a Poisson stream. In the horizontal layout a load
//! balancer routes each one to a server by a [`Policy`]; in the vertical
//! layout one big machine takes them all. Each server serves `cores` requests
//! at once, holds up to `queue-limit` more waiting, and turns the rest away.
//! The learner kills, restarts, slows and isolates servers and sees what each
//! layout and each policy does with it:
//!
//! - a killed process resets its connections: its requests fail at once, and
//!   requests sent to it are refused until a health check takes it out of
//!   rotation;
//! - an isolated server fails silently: requests to it time out;
//! - the one big machine is a single point of failure, and growing it means
//!   restarting it;
//! - least connections and power of two choices route around a slow server;
//!   round robin and random keep feeding it.
//!
//! Queueing theory is the check: one server with exponential service is an
//! M/M/1 queue whose mean time in system is `1/(µ−λ)` (see the tests).

mod command;
mod config;
mod event;
mod view;

pub use command::{Command, MAX_SLOW_FACTOR};
pub use config::{
    Config, LOAD_BALANCER_COST_PER_HOUR, Layout, MAX_MACHINE_CORES, Policy, ServiceDist,
    machine_cost_per_hour,
};
pub use event::{Event, FailReason, Ignored};
pub use view::{Endpoint, Flight, FlightKind, Metrics, Point, Series, ServerView, View};

use crate::engine::Ticket;
use crate::idmap::IdMap;
use crate::input::InputError;
use crate::lab::{Lab, LabCommand, LabId, Settings};
use crate::metrics::{LatencyHistogram, exact_quantile_ms};
use crate::net::{Delivery, Latency, Network};
use crate::node::{Liveness, NodeId};
use crate::rng::{SimRng, Stream};
use crate::routing::{self as policy, Choose, Cursor};
use crate::run::{Recorded, Run, len_u32};
use crate::time::{SimDuration, SimTime, round_us};
use crate::workload::{Arrivals, Gaps, Generation};
use std::collections::VecDeque;

/// The width of one time-series window.
pub use crate::run::SAMPLE_WINDOW;

/// How long the one big machine is down while it is resized.
pub const RESIZE_DOWNTIME: SimDuration = SimDuration::from_secs(1);
/// The most servers the horizontal layout can grow to.
pub const MAX_SERVERS: u32 = 64;

const CLIENTS: NodeId = NodeId(0);
const BALANCER: NodeId = NodeId(1);

fn node_of(e: Endpoint) -> NodeId {
    match e {
        Endpoint::Clients => CLIENTS,
        Endpoint::Balancer => BALANCER,
        Endpoint::Server(s) => NodeId(2 + s),
    }
}

/// How a request ended, as its reply says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Ok,
    Dropped,
    Failed(FailReason),
}

/// Engine events: what is due to happen.
#[derive(Clone, Copy, Debug)]
enum Ev {
    Arrival(Generation),
    AtBalancer { req: u64 },
    AtServer { req: u64, server: u32, demand_us: u64 },
    Done { req: u64, server: u32, epoch: u32 },
    ReplyAtBalancer { req: u64, server: u32, outcome: Outcome },
    ReplyAtClient { req: u64, server: Option<u32>, outcome: Outcome },
    Timeout { req: u64 },
    HealthCheck,
    Sample,
    ResizeDone { server: u32, cores: u32 },
}

/// A request the client is still waiting on.
#[derive(Debug)]
struct Request {
    sent: SimTime,
    client: u32,
    demand_us: u64,
    server: Option<u32>,
    /// The server whose connection count at the balancer includes this request.
    connection: Option<u32>,
    /// The message of this request now on the wire, if any (for drawing).
    wire: Option<Flight>,
    /// Its timeout's place among events due at the same instant.
    timeout_ticket: Ticket,
}

#[derive(Debug)]
struct Server {
    live: Liveness,
    resizing: bool,
    cores: u32,
    slow: f64,
    serving: Vec<u64>,
    /// Waiting requests with the work each needs (µs at normal speed).
    queue: VecDeque<(u64, u64)>,
    completed: u64,
    dropped: u64,
    busy_core_us: u128,
    busy_since: SimTime,
}

impl Server {
    fn new(cores: u32, now: SimTime) -> Server {
        Server {
            live: Liveness::default(),
            resizing: false,
            cores,
            slow: 1.0,
            serving: Vec::new(),
            queue: VecDeque::new(),
            completed: 0,
            dropped: 0,
            busy_core_us: 0,
            busy_since: now,
        }
    }

    /// Folds the time since the last change into the busy total; call before
    /// changing `serving`.
    fn account(&mut self, now: SimTime) {
        self.busy_core_us += self.serving.len() as u128 * u128::from(now.since(self.busy_since).0);
        self.busy_since = now;
    }

    fn utilization(&self, now: SimTime) -> f64 {
        let open = self.serving.len() as u128 * u128::from(now.since(self.busy_since).0);
        let capacity = u128::from(self.cores) * u128::from(now.0);
        if capacity == 0 { 0.0 } else { (self.busy_core_us + open) as f64 / capacity as f64 }
    }
}

/// What the load balancer knows and keeps.
#[derive(Debug, Default)]
struct Balancer {
    in_rotation: Vec<bool>,
    /// Servers in rotation, ascending (what the policies choose from).
    healthy: Vec<u32>,
    connections: Vec<u32>,
    cursor: Cursor,
}

impl Balancer {
    fn rebuild(&mut self) {
        self.healthy = (0u32..).zip(&self.in_rotation).filter(|(_, up)| **up).map(|(s, _)| s).collect();
    }

    fn release(&mut self, server: u32) {
        if let Some(c) = self.connections.get_mut(server as usize) {
            *c = c.saturating_sub(1);
        }
    }
}

#[derive(Debug, Default)]
struct Counts {
    arrived: u64,
    completed: u64,
    dropped: u64,
    failed: [u64; 4],
}

/// Outcomes within the current time-series window. Latencies are kept raw:
/// a window holds few enough that exact percentiles are cheap, and clearing a
/// `Vec` costs nothing, unlike resetting a histogram ten times a second.
#[derive(Debug, Default)]
struct Window {
    completed: u32,
    dropped: u32,
    failed: u32,
    latencies_us: Vec<u64>,
}

/// A run of the load-balancing lab.
#[derive(Debug)]
pub struct LoadBalancing {
    cfg: Config,
    run: Run<Ev, Event, Point>,
    net: Network,
    workload: SimRng,
    choices: SimRng,
    servers: Vec<Server>,
    lb: Balancer,
    requests: IdMap<Request>,
    /// Whether a timeout is scheduled. Only the oldest waiting request's
    /// timeout ever is: every request waits as long, so they fall due in
    /// arrival order, and one timer stands in for thousands (see
    /// [`LoadBalancing::arm_timeout`]).
    timeout_armed: bool,
    next_req: u64,
    arrivals: Arrivals,
    policy: Policy,
    counts: Counts,
    latency: LatencyHistogram,
    window: Window,
    /// The clients' link and the data centre's (from the config, which
    /// does not change during a run): worked out once, not on every send.
    links: [Latency; 2],
}

impl Lab for LoadBalancing {
    type Config = Config;
    type Command = Command;
    type Event = Event;
    type Metrics = Metrics;
    type Point = Point;
    type View = View;
    const ID: LabId = LabId::LoadBalancing;

    fn new(cfg: Config, seed: u64) -> Result<Self, InputError> {
        cfg.validate()?;
        let servers = match cfg.layout {
            Layout::Horizontal => {
                (0..cfg.servers).map(|_| Server::new(cfg.capacity, SimTime::ZERO)).collect()
            }
            Layout::Vertical => vec![Server::new(cfg.total_cores(), SimTime::ZERO)],
        };
        let n = servers.len();
        let mut lb = Balancer { in_rotation: vec![true; n], connections: vec![0; n], ..Balancer::default() };
        lb.rebuild();
        let mut net = Network::new(seed);
        net.set_loss(cfg.loss);
        let mut lab = LoadBalancing {
            run: Run::new(),
            net,
            workload: SimRng::new(seed, Stream::Workload),
            choices: SimRng::new(seed, Stream::Policy),
            servers,
            lb,
            requests: IdMap::new(),
            timeout_armed: false,
            next_req: 0,
            arrivals: Arrivals::new(Gaps::Poisson, cfg.rate),
            policy: cfg.policy,
            counts: Counts::default(),
            latency: LatencyHistogram::new(),
            window: Window::default(),
            links: [cfg.client_latency_ms, cfg.net_latency_ms].map(|base| Latency::Uniform {
                base: SimDuration::from_ms_f64(base),
                jitter: SimDuration::from_ms_f64(cfg.jitter_ms),
            }),
            cfg,
        };
        lab.schedule_arrival();
        if lab.cfg.layout == Layout::Horizontal {
            lab.run.engine.schedule_in(lab.health_interval(), Ev::HealthCheck);
        }
        lab.run.start_sampling(Ev::Sample);
        Ok(lab)
    }

    fn apply(&mut self, cmd: &Command) {
        let now = self.run.engine.now();
        match *cmd {
            Command::AddServer => self.add_server(cmd),
            Command::KillServer(s) => {
                let Some(server) = self.servers.get_mut(s as usize) else {
                    return self.ignore(cmd, Ignored::NoSuchServer);
                };
                server.account(now);
                if !server.live.crash() {
                    return self.ignore(cmd, Ignored::AlreadyThatWay);
                }
                let lost = self.reset_server(s);
                self.run.trace.record(now, Event::ServerKilled { server: s, lost });
            }
            Command::RestartServer(s) => {
                let Some(server) = self.servers.get_mut(s as usize) else {
                    return self.ignore(cmd, Ignored::NoSuchServer);
                };
                if server.resizing {
                    return self.ignore(cmd, Ignored::Resizing);
                }
                if !server.live.restart() {
                    return self.ignore(cmd, Ignored::AlreadyThatWay);
                }
                server.account(now);
                self.run.trace.record(now, Event::ServerRestarted { server: s });
            }
            Command::SlowServer { server: s, factor } => {
                let Some(server) = self.servers.get_mut(s as usize) else {
                    return self.ignore(cmd, Ignored::NoSuchServer);
                };
                server.slow = if factor.is_finite() { factor.clamp(1.0, MAX_SLOW_FACTOR) } else { 1.0 };
                self.run.trace.record(now, Event::ServerSlowed { server: s, factor: server.slow });
            }
            Command::IsolateServer(s) | Command::HealServer(s) => {
                if s as usize >= self.servers.len() {
                    return self.ignore(cmd, Ignored::NoSuchServer);
                }
                let node = node_of(Endpoint::Server(s));
                let isolate = matches!(cmd, Command::IsolateServer(_));
                if self.net.is_isolated(node) == isolate {
                    return self.ignore(cmd, Ignored::AlreadyThatWay);
                }
                if isolate {
                    self.net.isolate(node);
                    self.run.trace.record(now, Event::ServerIsolated { server: s });
                } else {
                    self.net.heal(node);
                    self.run.trace.record(now, Event::ServerHealed { server: s });
                }
            }
            Command::SetRate(rate) => {
                self.arrivals.set_rate(if rate.is_finite() { rate.clamp(0.0, 100_000.0) } else { 0.0 });
                self.schedule_arrival();
                self.run.trace.record(now, Event::RateSet { rate: self.arrivals.rate() });
            }
            Command::SetPolicy(policy) => {
                self.policy = policy;
                self.run.trace.record(now, Event::PolicySet { policy });
            }
        }
    }

    fn run_until(&mut self, t: SimTime) {
        Run::until(self, t, |lab| &mut lab.run, Self::handle);
    }

    fn run(&self) -> &impl Recorded<Event, Point> {
        &self.run
    }

    fn view(&self) -> View {
        View {
            now: self.run.engine.now(),
            layout: self.cfg.layout,
            policy: self.policy,
            rate: self.arrivals.rate(),
            servers: self.server_views(),
            flights: self.flights().collect(),
        }
    }

    fn metrics(&self) -> Metrics {
        let now = self.run.engine.now();
        let c = &self.counts;
        let failed: u64 = c.failed.iter().sum();
        let finished = c.completed + c.dropped + failed;
        let lat = self.latency.summary();
        let cores: u32 = self.servers.iter().map(|s| s.cores).sum();
        let machines: f64 = self.servers.iter().map(|s| machine_cost_per_hour(s.cores)).sum();
        let balancer = if self.cfg.layout == Layout::Horizontal { LOAD_BALANCER_COST_PER_HOUR } else { 0.0 };
        Metrics {
            time_ms: now.as_ms_f64(),
            arrived: c.arrived,
            completed: c.completed,
            dropped: c.dropped,
            failed,
            failed_crashed: c.failed[0],
            failed_refused: c.failed[1],
            failed_no_server: c.failed[2],
            failed_timed_out: c.failed[3],
            in_progress: self.requests.len() as u64,
            throughput_rps: if now.0 == 0 { 0.0 } else { c.completed as f64 / now.as_secs_f64() },
            success_ratio: if finished == 0 { 1.0 } else { c.completed as f64 / finished as f64 },
            latency_ms_mean: lat.mean_ms,
            latency_ms_p50: lat.p50_ms,
            latency_ms_p95: lat.p95_ms,
            latency_ms_p99: lat.p99_ms,
            latency_ms_max: lat.max_ms,
            per_server_completed: self.servers.iter().map(|s| s.completed).collect(),
            per_server_utilization: self.servers.iter().map(|s| s.utilization(now)).collect(),
            servers_up: len_u32(self.servers.iter().filter(|s| s.live.is_up()).count()),
            cores,
            offered_load: self.arrivals.rate() * self.cfg.service_ms / 1_000.0 / f64::from(cores.max(1)),
            cost_per_hour: machines + balancer,
        }
    }

    fn refusal(event: &Event) -> Option<(&str, &'static str)> {
        match event {
            Event::CommandIgnored { command, why } => Some((command, why.reason())),
            _ => None,
        }
    }
}

impl LoadBalancing {
    /// The settings this run started with.
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// Every server as drawn, by number.
    pub fn server_views(&self) -> Vec<ServerView> {
        let now = self.run.engine.now();
        self.servers
            .iter()
            .zip(0u32..)
            .map(|(sv, id)| ServerView {
                id,
                status: sv.live.status(),
                resizing: sv.resizing,
                isolated: self.net.is_isolated(node_of(Endpoint::Server(id))),
                in_rotation: self.lb.in_rotation.get(id as usize).copied().unwrap_or(false),
                cores: sv.cores,
                busy: len_u32(sv.serving.len()),
                queued: len_u32(sv.queue.len()),
                queue_limit: self.cfg.queue_limit,
                slow_factor: sv.slow,
                connections: self.lb.connections.get(id as usize).copied().unwrap_or(0),
                completed: sv.completed,
                dropped: sv.dropped,
                utilization: sv.utilization(now),
            })
            .collect()
    }

    /// The current arrival rate (requests per second).
    pub fn rate(&self) -> f64 {
        self.arrivals.rate()
    }

    /// The current routing policy.
    pub fn policy(&self) -> Policy {
        self.policy
    }

    /// Messages on the wire now, in request order.
    pub fn flights(&self) -> impl Iterator<Item = Flight> + Clone + '_ {
        let now = self.run.engine.now();
        self.requests.values().filter_map(move |r| r.wire.filter(|w| w.arrives >= now))
    }

    /// How many requests are on the wire or being served: what the canvas has
    /// to draw.
    pub fn in_progress(&self) -> usize {
        self.requests.len()
    }

    /// Schedules the timeout of the oldest waiting request, unless a timeout
    /// is already scheduled.
    ///
    /// Scheduling every request's timeout when it arrives would leave a
    /// second of stale timers in the queue (most requests are answered long
    /// before): at 20,000 requests a second the queue would no longer fit in
    /// cache. Instead one timer walks the requests in arrival order. It uses
    /// the ticket each request took on arrival, so every timeout runs at the
    /// same instant and in the same order among same-instant events as its
    /// own timer would have: the trace is the same event for event.
    fn arm_timeout(&mut self) {
        if self.timeout_armed {
            return;
        }
        let wait = SimDuration::from_ms_f64(self.cfg.timeout_ms);
        if let Some((req, r)) = self.requests.first() {
            self.run.engine.schedule_with(r.sent + wait, r.timeout_ticket, Ev::Timeout { req });
            self.timeout_armed = true;
        }
    }

    fn health_interval(&self) -> SimDuration {
        SimDuration::from_ms_f64(self.cfg.health_check_ms).max(SimDuration::from_ms(1))
    }

    fn ignore(&mut self, cmd: &Command, why: Ignored) {
        self.run.record(Event::CommandIgnored { command: cmd.encode(), why });
    }

    fn link(&self, a: Endpoint, b: Endpoint) -> Latency {
        self.links[usize::from(a != Endpoint::Clients && b != Endpoint::Clients)]
    }

    fn schedule_arrival(&mut self) {
        if let Some((gap, generation)) = self.arrivals.next(&mut self.workload) {
            self.run.engine.schedule_in(gap, Ev::Arrival(generation));
        }
    }

    /// Sends a message of request `req` from `from` to `to`; `arrive` runs if
    /// it gets there. Records what is on the wire for drawing.
    fn send(&mut self, req: u64, from: Endpoint, to: Endpoint, kind: FlightKind, arrive: Ev) {
        let now = self.run.engine.now();
        let link = self.link(from, to);
        let (arrives, kind) = match self.net.send(node_of(from), node_of(to), &link) {
            Delivery::After(d) => {
                self.run.engine.schedule_in(d, arrive);
                (now + d, kind)
            }
            // Drawn flying half its usual way, then vanishing.
            Delivery::Lost(_) => (now + SimDuration(link.mean().0 / 2), FlightKind::Lost),
        };
        if let Some(r) = self.requests.get_mut(req) {
            r.wire = Some(Flight { req, from, to, sent: now, arrives, kind });
        }
    }

    fn handle(&mut self, ev: Ev) {
        match ev {
            Ev::Arrival(generation) => self.on_arrival(generation),
            Ev::AtBalancer { req } => self.on_balancer(req),
            Ev::AtServer { req, server, demand_us } => self.on_server(req, server, demand_us),
            Ev::Done { req, server, epoch } => self.on_done(req, server, epoch),
            Ev::ReplyAtBalancer { req, server, outcome } => {
                let Some(r) = self.requests.get_mut(req) else { return };
                r.wire = None;
                if r.connection.take().is_some() {
                    self.lb.release(server);
                }
                let kind = flight_kind(outcome);
                let ev = Ev::ReplyAtClient { req, server: Some(server), outcome };
                self.send(req, Endpoint::Balancer, Endpoint::Clients, kind, ev);
            }
            Ev::ReplyAtClient { req, server, outcome } => self.on_reply(req, server, outcome),
            Ev::Timeout { req } => {
                self.timeout_armed = false;
                if self.requests.contains_key(req) {
                    self.finish(req, None, Outcome::Failed(FailReason::TimedOut));
                }
                self.arm_timeout();
            }
            Ev::HealthCheck => self.on_health_check(),
            Ev::Sample => self.on_sample(),
            Ev::ResizeDone { server, cores } => {
                let now = self.run.engine.now();
                if let Some(sv) = self.servers.get_mut(server as usize) {
                    sv.account(now);
                    sv.cores = cores;
                    sv.resizing = false;
                    sv.live.restart();
                    self.run.trace.record(now, Event::ResizeFinished { server, cores });
                }
            }
        }
    }

    fn on_arrival(&mut self, generation: Generation) {
        if !self.arrivals.arrive(generation) {
            return; // superseded by a rate change
        }
        self.schedule_arrival();
        // The workload stream decides who sends what, whatever the policy.
        let client = self.workload.below(self.cfg.clients);
        let mean_us = self.cfg.service_ms * 1_000.0;
        let demand = match self.cfg.service_dist {
            ServiceDist::Exp => self.workload.exp(mean_us),
            ServiceDist::Const => mean_us,
        };
        let demand_us = round_us(demand).max(1);
        let now = self.run.engine.now();
        self.next_req += 1;
        let req = self.next_req;
        let timeout_ticket = self.run.engine.ticket();
        self.requests.insert(
            req,
            Request {
                sent: now,
                client,
                demand_us,
                server: None,
                connection: None,
                wire: None,
                timeout_ticket,
            },
        );
        self.counts.arrived += 1;
        self.run.trace.record(now, Event::Arrived { req, client });
        self.arm_timeout();
        match self.cfg.layout {
            Layout::Horizontal => {
                self.send(
                    req,
                    Endpoint::Clients,
                    Endpoint::Balancer,
                    FlightKind::Request,
                    Ev::AtBalancer { req },
                );
            }
            Layout::Vertical => {
                if let Some(r) = self.requests.get_mut(req) {
                    r.server = Some(0);
                }
                let ev = Ev::AtServer { req, server: 0, demand_us };
                self.send(req, Endpoint::Clients, Endpoint::Server(0), FlightKind::Request, ev);
            }
        }
    }

    fn on_balancer(&mut self, req: u64) {
        let Some(r) = self.requests.get_mut(req) else { return };
        r.wire = None;
        let choice =
            Choose { healthy: &self.lb.healthy, connections: &self.lb.connections, client: r.client };
        match policy::choose(self.policy, &choice, &mut self.lb.cursor, &mut self.choices) {
            None => {
                let outcome = Outcome::Failed(FailReason::NoServer);
                let ev = Ev::ReplyAtClient { req, server: None, outcome };
                self.send(req, Endpoint::Balancer, Endpoint::Clients, FlightKind::Error, ev);
            }
            Some(s) => {
                r.server = Some(s);
                r.connection = Some(s);
                let demand_us = r.demand_us;
                if let Some(c) = self.lb.connections.get_mut(s as usize) {
                    *c += 1;
                }
                self.run.record(Event::Routed { req, server: s });
                let ev = Ev::AtServer { req, server: s, demand_us };
                self.send(req, Endpoint::Balancer, Endpoint::Server(s), FlightKind::Request, ev);
            }
        }
    }

    fn on_server(&mut self, req: u64, s: u32, demand_us: u64) {
        if let Some(r) = self.requests.get_mut(req) {
            r.wire = None;
        }
        let now = self.run.engine.now();
        let limit = self.cfg.queue_limit as usize;
        let Some(server) = self.servers.get_mut(s as usize) else { return };
        if !server.live.is_up() {
            return self.reply(req, s, Outcome::Failed(FailReason::Refused));
        }
        if server.serving.len() < server.cores as usize {
            self.start(s, req, demand_us);
        } else if server.queue.len() < limit {
            server.queue.push_back((req, demand_us));
            let depth = len_u32(server.queue.len());
            self.run.trace.record(now, Event::Queued { req, server: s, depth });
        } else {
            server.dropped += 1;
            self.reply(req, s, Outcome::Dropped);
        }
    }

    fn start(&mut self, s: u32, req: u64, demand_us: u64) {
        let now = self.run.engine.now();
        let Some(server) = self.servers.get_mut(s as usize) else { return };
        server.account(now);
        server.serving.push(req);
        // Exact for whole factors: a demand in µs is far below 2^53.
        let work = SimDuration(round_us(demand_us as f64 * server.slow));
        let epoch = server.live.epoch();
        self.run.engine.schedule_in(work, Ev::Done { req, server: s, epoch });
        self.run.trace.record(now, Event::Started { req, server: s });
    }

    fn on_done(&mut self, req: u64, s: u32, epoch: u32) {
        let now = self.run.engine.now();
        let Some(server) = self.servers.get_mut(s as usize) else { return };
        if !server.live.is_current(epoch) {
            return; // the process that was serving it is gone
        }
        let Some(pos) = server.serving.iter().position(|&r| r == req) else { return };
        server.account(now);
        server.serving.swap_remove(pos);
        server.completed += 1;
        let next = server.queue.pop_front();
        self.reply(req, s, Outcome::Ok);
        if let Some((next, demand_us)) = next {
            self.start(s, next, demand_us);
        }
    }

    /// Sends a server's reply back towards the client (through the balancer
    /// in the horizontal layout). A request the client gave up on gets none.
    fn reply(&mut self, req: u64, s: u32, outcome: Outcome) {
        if !self.requests.contains_key(req) {
            return;
        }
        let kind = flight_kind(outcome);
        match self.cfg.layout {
            Layout::Horizontal => {
                let ev = Ev::ReplyAtBalancer { req, server: s, outcome };
                self.send(req, Endpoint::Server(s), Endpoint::Balancer, kind, ev);
            }
            Layout::Vertical => {
                let ev = Ev::ReplyAtClient { req, server: Some(s), outcome };
                self.send(req, Endpoint::Server(s), Endpoint::Clients, kind, ev);
            }
        }
    }

    fn on_reply(&mut self, req: u64, server: Option<u32>, outcome: Outcome) {
        if self.requests.contains_key(req) {
            self.finish(req, server, outcome);
        }
    }

    /// The client has its answer (or gave up): count it and forget the request.
    fn finish(&mut self, req: u64, server: Option<u32>, outcome: Outcome) {
        let Some(r) = self.requests.remove(req) else { return };
        if let Some(s) = r.connection {
            self.lb.release(s);
        }
        let now = self.run.engine.now();
        let server = server.or(r.server);
        let event = match outcome {
            Outcome::Ok => {
                let latency = now.since(r.sent);
                self.counts.completed += 1;
                self.latency.record(latency);
                self.window.completed += 1;
                self.window.latencies_us.push(latency.0);
                Event::Completed { req, server: server.unwrap_or(0), latency_us: latency.0 }
            }
            Outcome::Dropped => {
                self.counts.dropped += 1;
                self.window.dropped += 1;
                Event::Dropped { req, server: server.unwrap_or(0) }
            }
            Outcome::Failed(reason) => {
                self.counts.failed[reason as usize] += 1;
                self.window.failed += 1;
                Event::Failed { req, server, reason }
            }
        };
        self.run.trace.record(now, event);
    }

    /// Fails every request on server `s` (its process died) and returns how many.
    fn reset_server(&mut self, s: u32) -> u32 {
        let Some(server) = self.servers.get_mut(s as usize) else { return 0 };
        let mut victims = std::mem::take(&mut server.serving);
        victims.extend(server.queue.drain(..).map(|(r, _)| r));
        for &req in &victims {
            self.reply(req, s, Outcome::Failed(FailReason::Crashed));
        }
        len_u32(victims.len())
    }

    fn add_server(&mut self, cmd: &Command) {
        let now = self.run.engine.now();
        match self.cfg.layout {
            Layout::Horizontal => {
                let id = len_u32(self.servers.len());
                if id >= MAX_SERVERS {
                    return self.ignore(cmd, Ignored::AtMaximum);
                }
                self.servers.push(Server::new(self.cfg.capacity, now));
                // A new server takes traffic once it passes a health check.
                self.lb.in_rotation.push(false);
                self.lb.connections.push(0);
                self.run.trace.record(now, Event::ServerAdded { server: id, cores: self.cfg.capacity });
            }
            Layout::Vertical => {
                let Some(machine) = self.servers.first_mut() else { return };
                if machine.resizing {
                    return self.ignore(cmd, Ignored::Resizing);
                }
                let cores = machine.cores + self.cfg.capacity;
                if cores > MAX_MACHINE_CORES {
                    return self.ignore(cmd, Ignored::AtMaximum);
                }
                // Growing one machine means stopping it: its work is lost.
                machine.account(now);
                machine.live.crash();
                machine.resizing = true;
                self.reset_server(0);
                self.run.engine.schedule_in(RESIZE_DOWNTIME, Ev::ResizeDone { server: 0, cores });
                self.run.trace.record(now, Event::ResizeStarted { server: 0, cores });
            }
        }
    }

    fn on_health_check(&mut self) {
        let now = self.run.engine.now();
        let mut changed = false;
        for (s, server) in (0u32..).zip(&self.servers) {
            let reachable = self.net.can_reach(BALANCER, node_of(Endpoint::Server(s)));
            let ok = server.live.is_up() && reachable;
            let Some(slot) = self.lb.in_rotation.get_mut(s as usize) else { continue };
            if *slot != ok {
                *slot = ok;
                changed = true;
                let ev = if ok { Event::MarkedUp { server: s } } else { Event::MarkedDown { server: s } };
                self.run.trace.record(now, ev);
            }
        }
        if changed {
            self.lb.rebuild();
        }
        self.run.engine.schedule_in(self.health_interval(), Ev::HealthCheck);
    }

    fn on_sample(&mut self) {
        let w = &mut self.window;
        let point = Point {
            completed: w.completed,
            dropped: w.dropped,
            failed: w.failed,
            latency_ms_p50: exact_quantile_ms(&mut w.latencies_us, 0.5),
            latency_ms_p99: exact_quantile_ms(&mut w.latencies_us, 0.99),
            in_progress: len_u32(self.requests.len()),
        };
        w.completed = 0;
        w.dropped = 0;
        w.failed = 0;
        w.latencies_us.clear();
        self.run.sample(point, Ev::Sample);
    }
}

fn flight_kind(outcome: Outcome) -> FlightKind {
    match outcome {
        Outcome::Ok => FlightKind::Answer,
        Outcome::Dropped | Outcome::Failed(_) => FlightKind::Error,
    }
}
