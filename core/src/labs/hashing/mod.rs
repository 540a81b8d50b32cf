//! The hashing lab (seed 004, "Load balancing & consistent hashing"):
//! modulo vs consistent hashing and its successors, virtual nodes, and what
//! moves when a node joins or leaves.
//!
//! K keys are placed on nodes by a [`Strategy`]. When the membership changes
//! the lab places them again and counts what moved: under modulo almost
//! everything; on a ring only the arc the new node takes over. A stream of
//! lookups (random keys at `rate` per second) shows the routing live, and a
//! lookup already on its way to a node that leaves finds nobody there.

mod command;
mod config;
mod event;
mod view;

pub use command::Command;
pub use config::{Config, KeyHash, MAX_KEYS, MAX_NODES, Strategy};
pub use event::{Event, Ignored};
pub use view::{KeyView, Lookup, Metrics, NodeView, Point, View};

use crate::idmap::IdMap;
use crate::input::InputError;
use crate::lab::{Lab, LabCommand, LabId, Settings};
use crate::node::NodeId;
use crate::placement::{Bounded, Jump, Maglev, Modulo, Placement, Rendezvous, Ring, key_hash, salt};
use crate::rng::{SimRng, Stream};
use crate::run::{Recorded, Run, len_u32};
use crate::time::{SimDuration, SimTime};
use crate::workload::{Arrivals, Gaps, Generation};
use litemap::LiteMap;

/// How long a lookup takes to reach its node.
pub const LOOKUP_HOP: SimDuration = SimDuration::from_ms(60);
/// The width of one time-series window.
pub use crate::run::SAMPLE_WINDOW;

/// The strategy in use, with its state.
#[derive(Clone, Debug)]
enum Placed {
    Modulo(Modulo),
    Ring(Ring),
    Jump(Jump),
    Rendezvous(Rendezvous),
    Maglev(Maglev),
    Bounded(Bounded),
}

impl Placed {
    fn new(cfg: &Config, salt: u64) -> Placed {
        match cfg.strategy {
            Strategy::Modulo => Placed::Modulo(Modulo::new()),
            Strategy::Ring => Placed::Ring(Ring::new(cfg.ring_size, cfg.vnodes, salt)),
            Strategy::Jump => Placed::Jump(Jump::new()),
            Strategy::Rendezvous => Placed::Rendezvous(Rendezvous::new(salt)),
            Strategy::Maglev => Placed::Maglev(Maglev::new(cfg.table_size, salt)),
            Strategy::Bounded => {
                Placed::Bounded(Bounded::new(Ring::new(cfg.ring_size, cfg.vnodes, salt), cfg.load_factor))
            }
        }
    }

    fn get(&self) -> &dyn Placement {
        match self {
            Placed::Modulo(p) => p,
            Placed::Ring(p) => p,
            Placed::Jump(p) => p,
            Placed::Rendezvous(p) => p,
            Placed::Maglev(p) => p,
            Placed::Bounded(p) => p,
        }
    }

    fn get_mut(&mut self) -> &mut dyn Placement {
        match self {
            Placed::Modulo(p) => p,
            Placed::Ring(p) => p,
            Placed::Jump(p) => p,
            Placed::Rendezvous(p) => p,
            Placed::Maglev(p) => p,
            Placed::Bounded(p) => p,
        }
    }

    fn ring(&self) -> Option<&Ring> {
        match self {
            Placed::Ring(r) => Some(r),
            Placed::Bounded(b) => Some(b.ring()),
            _ => None,
        }
    }

    /// Adds many nodes by hash (in one sort on a ring).
    fn add_nodes(&mut self, nodes: impl Iterator<Item = NodeId>) {
        match self {
            Placed::Ring(r) => r.add_nodes(nodes),
            Placed::Bounded(b) => b.ring_mut().add_nodes(nodes),
            other => nodes.for_each(|n| other.get_mut().add(n)),
        }
    }

    /// Adds `node` at hand-picked ring positions, or by hash where there is no ring.
    fn add_at(&mut self, node: NodeId, positions: &[u64]) {
        match self {
            Placed::Ring(r) => r.add_at(node, positions),
            Placed::Bounded(b) => b.ring_mut().add_at(node, positions),
            other => other.get_mut().add(node),
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Ev {
    Arrival(Generation),
    Arrive { req: u64 },
    Sample,
}

/// Numbers that only change when the membership does, computed then.
#[derive(Clone, Debug, Default)]
struct Tally {
    node_ids: Vec<u32>,
    share: Vec<f64>,
    keys_per_node: Vec<u64>,
    keys_moved: u64,
    moved_to_changed: u64,
    ideal_moved_fraction: f64,
    load_max_over_mean: f64,
    load_cv: f64,
}

/// A run of the hashing lab.
#[derive(Debug)]
pub struct Hashing {
    cfg: Config,
    run: Run<Ev, Event, Point>,
    workload: SimRng,
    placed: Placed,
    key_names: Vec<u64>,
    key_hashes: Vec<u64>,
    /// The nodes the run started with, ascending.
    initial_nodes: Vec<u32>,
    initial: Vec<Option<NodeId>>,
    previous: Vec<Option<NodeId>>,
    owners: Vec<Option<NodeId>>,
    changed_at: Option<SimTime>,
    last_moved: u64,
    stats: Tally,
    next_node: u32,
    lookups: IdMap<Lookup>,
    next_req: u64,
    lookups_total: u64,
    missed: u64,
    per_node: LiteMap<u32, u64>,
    arrivals: Arrivals,
    window: Point,
}

impl Lab for Hashing {
    type Config = Config;
    type Command = Command;
    type Event = Event;
    type Metrics = Metrics;
    type Point = Point;
    type View = View;
    const ID: LabId = LabId::Hashing;

    fn new(cfg: Config, seed: u64) -> Result<Self, InputError> {
        cfg.validate()?;
        let salt = salt(seed);
        let (key_names, key_hashes): (Vec<u64>, Vec<u64>) = if cfg.key_hashes.is_empty() {
            (0..u64::from(cfg.keys))
                .map(|k| {
                    let h = match cfg.key_hash {
                        KeyHash::Identity => k,
                        KeyHash::Mix => key_hash(salt, k),
                    };
                    (k, h)
                })
                .unzip()
        } else {
            cfg.key_hashes.iter().copied().unzip()
        };
        let mut placed = Placed::new(&cfg, salt);
        let initial_nodes = cfg.initial_nodes();
        if cfg.positions.is_empty() {
            placed.add_nodes(initial_nodes.iter().map(|&n| NodeId(n)));
        } else {
            for &n in &initial_nodes {
                let positions: Vec<u64> = cfg.positions.iter().filter(|p| p.0 == n).map(|p| p.1).collect();
                placed.add_at(NodeId(n), &positions);
            }
        }
        let owners = placed.get().assign(&key_hashes);
        let next_node = initial_nodes.last().map_or(0, |&n| n + 1);
        let mut lab = Hashing {
            run: Run::new(),
            workload: SimRng::new(seed, Stream::Workload),
            placed,
            key_names,
            key_hashes,
            initial_nodes,
            initial: owners.clone(),
            previous: owners.clone(),
            owners,
            changed_at: None,
            last_moved: 0,
            stats: Tally::default(),
            next_node,
            lookups: IdMap::new(),
            next_req: 0,
            lookups_total: 0,
            missed: 0,
            per_node: LiteMap::new(),
            arrivals: Arrivals::new(Gaps::Poisson, cfg.rate),
            window: Point::default(),
            cfg,
        };
        lab.recompute_stats();
        // The start's membership changes: after the first placement, so
        // "before" is the seed's N and "after" its N ± k.
        for _ in 0..lab.cfg.add {
            lab.apply(&Command::AddNode);
        }
        for _ in 0..lab.cfg.remove {
            if let Some(&last) = lab.placed.get().nodes().last() {
                lab.apply(&Command::RemoveNode(last.0));
            }
        }
        lab.schedule_arrival();
        lab.run.start_sampling(Ev::Sample);
        Ok(lab)
    }

    fn apply(&mut self, cmd: &Command) {
        let now = self.run.engine.now();
        let members = self.placed.get().nodes();
        match cmd {
            Command::AddNode | Command::AddNodeAt { .. } => {
                let node = match cmd {
                    Command::AddNodeAt { node, .. } => *node,
                    _ => self.next_node,
                };
                if members.contains(&NodeId(node)) {
                    return self.ignore(cmd, Ignored::AlreadyThere);
                }
                if members.len() >= MAX_NODES as usize || node >= MAX_NODES {
                    return self.ignore(cmd, Ignored::AtMaximum);
                }
                match cmd {
                    Command::AddNodeAt { positions, .. } => self.placed.add_at(NodeId(node), positions),
                    _ => self.placed.get_mut().add(NodeId(node)),
                }
                self.next_node = self.next_node.max(node + 1);
                let points = self
                    .placed
                    .ring()
                    .map_or(0, |r| r.points().iter().filter(|p| p.1 == NodeId(node)).count());
                self.run.trace.record(
                    now,
                    Event::NodeAdded { node, points: u32::try_from(points).unwrap_or(u32::MAX) },
                );
                self.reassign(NodeId(node));
            }
            Command::RemoveNode(node) => {
                if !members.contains(&NodeId(*node)) {
                    return self.ignore(cmd, Ignored::NoSuchNode);
                }
                if members.len() == 1 {
                    return self.ignore(cmd, Ignored::LastNode);
                }
                self.placed.get_mut().remove(NodeId(*node));
                self.run.trace.record(now, Event::NodeRemoved { node: *node });
                self.reassign(NodeId(*node));
            }
            Command::SetRate(rate) => {
                self.arrivals.set_rate(if rate.is_finite() { rate.clamp(0.0, 100_000.0) } else { 0.0 });
                self.schedule_arrival();
                self.run.trace.record(now, Event::RateSet { rate: self.arrivals.rate() });
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
        let ring = self.placed.ring();
        let s = &self.stats;
        let nodes = s
            .node_ids
            .iter()
            .enumerate()
            .map(|(i, &id)| NodeView {
                id,
                points: ring
                    .map(|r| r.points().iter().filter(|p| p.1 == NodeId(id)).map(|p| p.0).collect())
                    .unwrap_or_default(),
                home: ring.and_then(|r| r.home(NodeId(id))),
                keys: s.keys_per_node[i],
                share: s.share[i],
                lookups: self.per_node.get(&id).copied().unwrap_or(0),
            })
            .collect();
        View {
            now: self.run.engine.now(),
            strategy: self.cfg.strategy,
            ring_size: self.cfg.ring_size,
            nodes,
            changed_at: self.changed_at,
        }
    }

    fn metrics(&self) -> Metrics {
        let s = &self.stats;
        let keys = self.key_hashes.len() as u64;
        Metrics {
            time_ms: self.run.engine.now().as_ms_f64(),
            keys,
            nodes_before: len_u32(self.initial_nodes.len()),
            nodes_after: len_u32(s.node_ids.len()),
            keys_moved: s.keys_moved,
            keys_moved_fraction: if keys == 0 { 0.0 } else { s.keys_moved as f64 / keys as f64 },
            ideal_moved_fraction: s.ideal_moved_fraction,
            moved_to_changed_nodes_fraction: if s.keys_moved == 0 {
                0.0
            } else {
                s.moved_to_changed as f64 / s.keys_moved as f64
            },
            last_change_keys_moved: self.last_moved,
            load_max_over_mean: s.load_max_over_mean,
            load_cv: s.load_cv,
            node_ids: s.node_ids.clone(),
            share: s.share.clone(),
            keys_per_node: s.keys_per_node.clone(),
            lookups: self.lookups_total,
            lookups_missed: self.missed,
            lookups_per_node: s
                .node_ids
                .iter()
                .map(|id| self.per_node.get(id).copied().unwrap_or(0))
                .collect(),
        }
    }

    fn refusal(event: &Event) -> Option<(&str, &'static str)> {
        match event {
            Event::CommandIgnored { command, why } => Some((command, why.reason())),
            _ => None,
        }
    }
}

impl Hashing {
    /// Runs one of the engine's events.
    fn handle(&mut self, ev: Ev) {
        match ev {
            Ev::Arrival(generation) => self.on_arrival(generation),
            Ev::Arrive { req } => self.on_arrive(req),
            Ev::Sample => {
                self.window.keys_moved = self.stats.keys_moved;
                self.run.sample(std::mem::take(&mut self.window), Ev::Sample);
            }
        }
    }
}

impl Hashing {
    /// The settings this run started with.
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// The ring, for strategies that have one.
    pub fn ring(&self) -> Option<&Ring> {
        self.placed.ring()
    }

    /// The current lookup rate.
    pub fn rate(&self) -> f64 {
        self.arrivals.rate()
    }

    /// Up to `max` keys, evenly picked, to draw.
    pub fn key_sample(&self, max: usize) -> Vec<KeyView> {
        let n = self.key_hashes.len();
        let step = n.div_ceil(max.max(1)).max(1);
        (0..n)
            .step_by(step)
            .map(|i| KeyView {
                index: i as u64,
                name: self.key_names[i],
                position: self.key_hashes[i] % self.cfg.ring_size,
                owner: self.owners[i].map(|n| n.0),
                previous: self.previous[i].map(|n| n.0),
            })
            .collect()
    }

    /// The owner of every key now, by key index.
    pub fn owners(&self) -> impl Iterator<Item = Option<u32>> + '_ {
        self.owners.iter().map(|o| o.map(|n| n.0))
    }

    /// Lookups on their way, in request order.
    pub fn flights(&self) -> impl Iterator<Item = Lookup> + Clone + '_ {
        self.lookups.values().copied()
    }

    fn ignore(&mut self, cmd: &Command, why: Ignored) {
        self.run.record(Event::CommandIgnored { command: cmd.encode(), why });
    }

    fn schedule_arrival(&mut self) {
        if let Some((gap, generation)) = self.arrivals.next(&mut self.workload) {
            self.run.engine.schedule_in(gap, Ev::Arrival(generation));
        }
    }

    /// Places every key again after the membership changed around `changed`.
    fn reassign(&mut self, changed: NodeId) {
        let now = self.run.engine.now();
        let owners = self.placed.get().assign(&self.key_hashes);
        let mut moved = 0;
        let mut to_or_from = 0;
        for (old, new) in self.owners.iter().zip(&owners) {
            if old != new {
                moved += 1;
                if *old == Some(changed) || *new == Some(changed) {
                    to_or_from += 1;
                }
            }
        }
        self.previous = std::mem::replace(&mut self.owners, owners);
        self.changed_at = Some(now);
        self.last_moved = moved;
        let keys = self.key_hashes.len() as u64;
        self.run.trace.record(now, Event::KeysMoved { moved, keys, to_or_from_changed: to_or_from });
        self.recompute_stats();
    }

    fn recompute_stats(&mut self) {
        let nodes = self.placed.get().nodes();
        let node_ids: Vec<u32> = nodes.iter().map(|n| n.0).collect();
        let mut keys_per_node = vec![0u64; nodes.len()];
        for n in self.owners.iter().flatten() {
            if let Ok(i) = nodes.binary_search(n) {
                keys_per_node[i] += 1;
            }
        }
        // Both ascending (`Placement::nodes`, `Config::initial_nodes`): sets by binary search.
        let current = &node_ids;
        let mut keys_moved = 0;
        let mut moved_to_changed = 0;
        for (first, now) in self.initial.iter().zip(&self.owners) {
            if first != now {
                keys_moved += 1;
                let to_added = now.is_some_and(|n| self.initial_nodes.binary_search(&n.0).is_err());
                let from_removed = first.is_some_and(|n| current.binary_search(&n.0).is_err());
                if to_added || from_removed {
                    moved_to_changed += 1;
                }
            }
        }
        let common = self.initial_nodes.iter().filter(|n| current.binary_search(n).is_ok()).count();
        let most = self.initial_nodes.len().max(current.len()).max(1);
        let n = keys_per_node.len().max(1) as f64;
        let mean = keys_per_node.iter().sum::<u64>() as f64 / n;
        let max = keys_per_node.iter().copied().max().unwrap_or(0) as f64;
        let var = keys_per_node.iter().map(|&k| (k as f64 - mean).powi(2)).sum::<f64>() / n;
        self.stats = Tally {
            share: self.placed.get().shares().into_iter().map(|s| s.1).collect(),
            node_ids,
            keys_per_node,
            keys_moved,
            moved_to_changed,
            ideal_moved_fraction: 1.0 - common as f64 / most as f64,
            load_max_over_mean: if mean > 0.0 { max / mean } else { 0.0 },
            load_cv: if mean > 0.0 { var.sqrt() / mean } else { 0.0 },
        };
    }

    fn on_arrival(&mut self, generation: Generation) {
        if !self.arrivals.arrive(generation) {
            return;
        }
        self.schedule_arrival();
        let now = self.run.engine.now();
        self.next_req += 1;
        let req = self.next_req;
        self.lookups_total += 1;
        let key = self.workload.below(len_u32(self.key_hashes.len())) as usize;
        match self.owners.get(key).copied().flatten() {
            Some(node) => {
                let position = self.key_hashes[key] % self.cfg.ring_size;
                let lookup = Lookup { req, position, node: node.0, sent: now, arrives: now + LOOKUP_HOP };
                self.lookups.insert(req, lookup);
                self.run.engine.schedule_in(LOOKUP_HOP, Ev::Arrive { req });
                self.run.trace.record(now, Event::Looked { req, key: key as u64, node: node.0 });
            }
            None => self.miss(req),
        }
    }

    fn on_arrive(&mut self, req: u64) {
        let Some(lookup) = self.lookups.remove(req) else { return };
        if self.placed.get().nodes().contains(&NodeId(lookup.node)) {
            *self.per_node.entry(lookup.node).or_default() += 1;
            self.window.lookups += 1;
        } else {
            self.miss(req);
        }
    }

    fn miss(&mut self, req: u64) {
        self.missed += 1;
        self.window.missed += 1;
        self.run.record(Event::Missed { req });
    }
}
