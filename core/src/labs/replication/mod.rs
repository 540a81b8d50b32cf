//! The replication lab: a leader and its replicas, sync vs async vs quorum
//! acknowledgements, reads from the leader, any replica or a quorum, leader
//! elections, and the CAP trade-off when the replicas are partitioned — with
//! lost writes and stale reads counted exactly.
//!
//! The replicas are the [`replication`](crate::replication) building block;
//! this lab adds clients (Poisson writes and reads from the
//! [`workload`](crate::workload) block, and the learner's own), the
//! learner's commands, and the numbers.

mod command;
mod config;
mod event;

pub use crate::replication::{Consistency, Flight, MsgKind, Place, ReadFrom, Role, WriteMode};
pub use command::Command;
pub use config::{Config, MAX_REPLICAS};
pub use event::{Event, Ignored};

use crate::input::InputError;
use crate::lab::{Lab, LabCommand, LabId, Settings};
use crate::net::Latency;
use crate::replication::{self as block, Cluster, Happened, Io, Outcome, Params};
use crate::rng::{SimRng, Stream};
use crate::run::{Recorded, Run, len_u32};
use crate::time::{SimDuration, SimTime};
use crate::workload::{Arrivals, Gaps, Generation};
use serde::Serialize;

/// The width of one time-series window.
pub use crate::run::SAMPLE_WINDOW;

/// The engine's events: the cluster's own, and the clients'.
#[derive(Clone, Debug)]
enum Ev {
    Cluster(block::Ev),
    Write(Generation),
    Read(Generation),
    Sample,
}

/// One window of the time series.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Point {
    /// Requests answered in the window.
    pub answered: u32,
    /// Requests refused or timed out in the window.
    pub failed: u32,
    /// Stale reads in the window.
    pub stale: u32,
    /// Each replica's commit index at the window's end.
    pub commits: Vec<u64>,
}

/// One replica, to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplicaView {
    /// Its number.
    pub id: u32,
    /// Whether it runs.
    pub up: bool,
    /// Its role.
    pub role: Role,
    /// Its term.
    pub term: u64,
    /// Its log's length.
    pub log_len: u64,
    /// Its commit index.
    pub commit: u64,
    /// The terms of its last entries (up to [`LOG_SHOWN`]), oldest first.
    pub recent_terms: Vec<u64>,
    /// Its partition group (0: the main side).
    pub group: u32,
    /// How much of its election timer is left, 0 to 1 (followers and
    /// candidates that are up).
    pub timer_left: Option<f64>,
}

/// How many of a log's last entries a view shows.
pub const LOG_SHOWN: usize = 24;

/// What the page draws.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// The simulated time.
    pub now: SimTime,
    /// Each replica.
    pub replicas: Vec<ReplicaView>,
    /// Who leads, if anyone.
    pub leader: Option<u32>,
}

/// The numbers the page shows and the CLI prints.
#[derive(Clone, Debug, Serialize)]
pub struct Metrics {
    /// Simulated time so far, ms.
    pub time_ms: f64,
    /// Writes asked for.
    pub writes: u64,
    /// Writes acknowledged.
    pub writes_acked: u64,
    /// Writes refused or timed out.
    pub writes_failed: u64,
    /// Acknowledged writes gone from their key's history.
    pub writes_lost: u64,
    /// Reads asked for.
    pub reads: u64,
    /// Reads older than a write already acknowledged.
    pub reads_stale: u64,
    /// Reads refused or timed out.
    pub reads_failed: u64,
    /// Answered ÷ finished requests.
    pub availability: f64,
    /// Requests refused or timed out.
    pub unavailable: u64,
    /// Terms that got a leader.
    pub elections: u64,
    /// Terms that ended without one.
    pub split_votes: u64,
    /// The highest term.
    pub terms: u64,
    /// The most leaders one term had (1 unless sides of an ap partition
    /// elected in the same term).
    pub leaders_per_term_max: u32,
    /// Time with no leader, ms.
    pub time_without_leader_ms: f64,
    /// From losing a leader to the next, mean, ms.
    pub election_ms_mean: f64,
    /// ... p99, ms.
    pub election_ms_p99: f64,
    /// ... longest, ms.
    pub election_ms_max: f64,
    /// Write latency p50, ms.
    pub write_latency_ms_p50: f64,
    /// Write latency p99, ms.
    pub write_latency_ms_p99: f64,
    /// Read latency p50, ms.
    pub read_latency_ms_p50: f64,
    /// Read latency p99, ms.
    pub read_latency_ms_p99: f64,
    /// Who leads now.
    pub leader: Option<u32>,
    /// Replicas running.
    pub replicas_up: u32,
    /// Messages on their way: appends, acks, votes, client requests and answers.
    pub messages_in_flight: u64,
    /// Each replica's commit index.
    pub per_replica_commit: Vec<u64>,
    /// Each replica's term.
    pub per_replica_term: Vec<u64>,
}

/// The replication lab's model.
#[derive(Debug)]
pub struct Replication {
    cfg: Config,
    run: Run<Ev, Event, Point>,
    cluster: Cluster,
    writes: Arrivals,
    reads: Arrivals,
    workload: SimRng,
    next_req: u64,
    window: Point,
    /// Requests answered and failed so far.
    answered: u64,
    failed: u64,
}

fn wrap(ev: block::Ev) -> Ev {
    Ev::Cluster(ev)
}

impl Lab for Replication {
    type Config = Config;
    type Command = Command;
    type Event = Event;
    type Metrics = Metrics;
    type Point = Point;
    type View = View;

    const ID: LabId = LabId::Replication;

    fn new(cfg: Config, seed: u64) -> Result<Self, InputError> {
        cfg.validate()?;
        let ms = SimDuration::from_ms_f64;
        let latency = if cfg.jitter_ms > 0.0 {
            Latency::Uniform { base: ms(cfg.net_latency_ms), jitter: ms(cfg.jitter_ms) }
        } else {
            Latency::Const(ms(cfg.net_latency_ms))
        };
        let params = Params {
            replicas: cfg.replicas,
            write_mode: cfg.write_mode,
            write_quorum: cfg.w(),
            read_from: cfg.read_from,
            read_quorum: cfg.r(),
            consistency: cfg.consistency,
            heartbeat: ms(cfg.heartbeat_ms),
            election: (ms(cfg.election_lo_ms), ms(cfg.election_hi_ms)),
            latency,
            timeout: ms(cfg.timeout_ms),
            durable: true,
        };
        let mut lab = Replication {
            cluster: Cluster::new(params, cfg.keys, seed),
            run: Run::new(),
            writes: Arrivals::new(Gaps::Poisson, cfg.write_rate),
            reads: Arrivals::new(Gaps::Poisson, cfg.read_rate),
            workload: SimRng::new(seed, Stream::Workload),
            next_req: 0,
            window: Point::default(),
            answered: 0,
            failed: 0,
            cfg,
        };
        lab.cluster.start(&mut Io { engine: &mut lab.run.engine, wrap: &wrap });
        lab.schedule_write();
        lab.schedule_read();
        lab.run.start_sampling(Ev::Sample);
        Ok(lab)
    }

    fn apply(&mut self, cmd: &Command) {
        let now = self.run.now();
        let n = self.cfg.replicas;
        let ignore =
            |lab: &mut Self, why| lab.run.record(Event::CommandIgnored { command: cmd.encode(), why });
        match cmd {
            &Command::Crash(node) | &Command::Restart(node) if node >= n => {
                ignore(self, Ignored::NoSuchReplica);
            }
            &Command::Crash(node) => self.crash(node, now),
            Command::CrashLeader => match self.cluster.leader() {
                Some(node) => self.crash(node, now),
                None => ignore(self, Ignored::NoLeader),
            },
            &Command::Restart(node) => {
                if self.cluster.restart(node, &mut Io { engine: &mut self.run.engine, wrap: &wrap }) {
                    self.run.record(Event::Restarted { node });
                } else {
                    ignore(self, Ignored::AlreadyThatWay);
                }
            }
            Command::RestartAll => {
                let mut any = false;
                for node in 0..n {
                    if self.cluster.restart(node, &mut Io { engine: &mut self.run.engine, wrap: &wrap }) {
                        self.run.record(Event::Restarted { node });
                        any = true;
                    }
                }
                if !any {
                    ignore(self, Ignored::AlreadyThatWay);
                }
            }
            Command::Partition(groups) => {
                let mut seen = vec![0u32; n as usize];
                for &r in groups.iter().flatten() {
                    if let Some(s) = seen.get_mut(r as usize) {
                        *s += 1;
                    } else {
                        return ignore(self, Ignored::NoSuchReplica);
                    }
                }
                if seen.iter().any(|&s| s != 1) {
                    return ignore(self, Ignored::BadPartition);
                }
                self.cluster.partition(groups, now);
                self.run.record(Event::Partitioned { groups: groups.clone() });
            }
            Command::Heal => {
                self.cluster.heal(&mut Io { engine: &mut self.run.engine, wrap: &wrap });
                self.run.record(Event::Healed);
                self.drain();
            }
            &Command::Write { key, via } => {
                if key >= self.cfg.keys {
                    return ignore(self, Ignored::NoSuchKey);
                }
                if via.is_some_and(|v| v >= n) {
                    return ignore(self, Ignored::NoSuchReplica);
                }
                let req = self.req();
                self.cluster.write(req, key, req, via, &mut Io { engine: &mut self.run.engine, wrap: &wrap });
            }
            &Command::Read { key, from } => {
                if key >= self.cfg.keys {
                    return ignore(self, Ignored::NoSuchKey);
                }
                if from.is_some_and(|v| v >= n) {
                    return ignore(self, Ignored::NoSuchReplica);
                }
                let req = self.req();
                self.cluster.read(req, key, from, &mut Io { engine: &mut self.run.engine, wrap: &wrap });
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
        let now = self.run.now();
        let net = self.cluster.network();
        let replicas = self
            .cluster
            .replicas()
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let from = r.log.len().saturating_sub(LOG_SHOWN);
                let timer_left =
                    (r.up && r.role != Role::Leader && r.election_due > r.election_set).then(|| {
                        let total = r.election_due.since(r.election_set).0 as f64;
                        (r.election_due.0.saturating_sub(now.0) as f64 / total).clamp(0.0, 1.0)
                    });
                ReplicaView {
                    id: len_u32(i),
                    up: r.up,
                    role: r.role,
                    term: r.term,
                    log_len: r.last_index(),
                    commit: r.commit,
                    recent_terms: r.log[from..].iter().map(|e| e.term).collect(),
                    group: net.group_of(crate::node::NodeId(len_u32(i))),
                    timer_left,
                }
            })
            .collect();
        View { now, replicas, leader: self.cluster.leader() }
    }

    fn metrics(&self) -> Metrics {
        let now = self.run.now();
        let c = self.cluster.counts();
        let (answered, finished) = (self.answered, self.answered + self.failed);
        let elections = self.cluster.elections_took.summary();
        let w = self.cluster.write_latency.summary();
        let r = self.cluster.read_latency.summary();
        let reps = self.cluster.replicas();
        Metrics {
            time_ms: now.as_ms_f64(),
            writes: c.writes,
            writes_acked: c.writes_acked,
            writes_failed: c.writes_failed,
            writes_lost: self.cluster.writes_lost(),
            reads: c.reads,
            reads_stale: c.reads_stale,
            reads_failed: c.reads_failed,
            availability: if finished == 0 { 1.0 } else { answered as f64 / finished as f64 },
            unavailable: c.unavailable,
            elections: c.elections,
            split_votes: self.cluster.split_votes(),
            terms: c.terms,
            leaders_per_term_max: c.leaders_per_term_max,
            time_without_leader_ms: self.cluster.time_without_leader(now).as_ms_f64(),
            election_ms_mean: elections.mean_ms,
            election_ms_p99: elections.p99_ms,
            election_ms_max: elections.max_ms,
            write_latency_ms_p50: w.p50_ms,
            write_latency_ms_p99: w.p99_ms,
            read_latency_ms_p50: r.p50_ms,
            read_latency_ms_p99: r.p99_ms,
            leader: self.cluster.leader(),
            replicas_up: len_u32(reps.iter().filter(|r| r.up).count()),
            messages_in_flight: self.cluster.messages_in_flight() as u64,
            per_replica_commit: reps.iter().map(|r| r.commit).collect(),
            per_replica_term: reps.iter().map(|r| r.term).collect(),
        }
    }

    fn refusal(event: &Event) -> Option<(&str, &'static str)> {
        match event {
            Event::CommandIgnored { command, why } => Some((command, why.reason())),
            _ => None,
        }
    }
}

impl Replication {
    /// The settings this run started with.
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// The replicas, to look inside.
    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    /// Messages on their way (appends, acks, votes, client requests and
    /// answers), to draw.
    pub fn flights(&self) -> impl Iterator<Item = &Flight> {
        self.cluster.flights()
    }

    fn req(&mut self) -> u64 {
        self.next_req += 1;
        self.next_req
    }

    fn crash(&mut self, node: u32, now: SimTime) {
        let was_leader = self.cluster.leader() == Some(node);
        if self.cluster.crash(node, now) {
            self.run.record(Event::Crashed { node, was_leader });
        } else {
            self.run.record(Event::CommandIgnored {
                command: Command::Crash(node).encode(),
                why: Ignored::AlreadyThatWay,
            });
        }
    }

    fn schedule_write(&mut self) {
        if let Some((gap, g)) = self.writes.next(&mut self.workload) {
            self.run.engine.schedule_in(gap, Ev::Write(g));
        }
    }

    fn schedule_read(&mut self) {
        if let Some((gap, g)) = self.reads.next(&mut self.workload) {
            self.run.engine.schedule_in(gap, Ev::Read(g));
        }
    }

    fn handle(&mut self, ev: Ev) {
        match ev {
            Ev::Cluster(ev) => self.cluster.handle(ev, &mut Io { engine: &mut self.run.engine, wrap: &wrap }),
            Ev::Write(g) => {
                if !self.writes.arrive(g) {
                    return;
                }
                self.schedule_write();
                let key = self.workload.below(self.cfg.keys);
                let req = self.req();
                self.cluster.write(
                    req,
                    key,
                    req,
                    None,
                    &mut Io { engine: &mut self.run.engine, wrap: &wrap },
                );
            }
            Ev::Read(g) => {
                if !self.reads.arrive(g) {
                    return;
                }
                self.schedule_read();
                let key = self.workload.below(self.cfg.keys);
                let req = self.req();
                self.cluster.read(req, key, None, &mut Io { engine: &mut self.run.engine, wrap: &wrap });
            }
            Ev::Sample => {
                let mut point = std::mem::take(&mut self.window);
                point.commits = self.cluster.replicas().iter().map(|r| r.commit).collect();
                self.run.sample(point, Ev::Sample);
            }
        }
        self.drain();
    }

    /// Turns what the cluster reported into events and window counts.
    fn drain(&mut self) {
        for h in self.cluster.take_happened() {
            let e = match h {
                Happened::Candidate { node, term, waited } => {
                    Event::Candidate { node, term, waited_us: waited.0 }
                }
                Happened::Elected { node, term, votes } => Event::Elected { node, term, votes },
                Happened::SteppedDown { node, term } => Event::SteppedDown { node, term },
                Happened::RolledBack { node, entries } => Event::RolledBack { node, entries },
                Happened::Merged { into, taken } => Event::Merged { into, taken },
            };
            self.run.record(e);
        }
        for o in self.cluster.take_outcomes() {
            let e = match o {
                Outcome::Wrote { req, key, version, latency } => {
                    self.window.answered += 1;
                    self.answered += 1;
                    Event::Wrote { req, key, version, latency_us: latency.0 }
                }
                Outcome::Read { req, key, version, newest, from, latency } => {
                    self.window.answered += 1;
                    self.answered += 1;
                    if version < newest {
                        self.window.stale += 1;
                    }
                    Event::Read { req, key, version, newest, from, latency_us: latency.0 }
                }
                Outcome::Failed { req, key, write, timed_out } => {
                    self.window.failed += 1;
                    self.failed += 1;
                    Event::Failed { req, key, write, timed_out }
                }
            };
            self.run.record(e);
        }
    }
}
