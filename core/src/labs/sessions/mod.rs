//! The sessions lab: stateful vs stateless app servers, sticky sessions, a
//! session store (single, replicated or partitioned), HTTP vs TCP, and what
//! a crash or a new server costs — in forced logins, stale and lost carts,
//! users moved and machines paid for.
//!
//! Users are the [`workload`](crate::workload) block's closed loop: each
//! logs in, then adds to the cart, looks at it or checks out, thinking
//! between answers. The load balancer routes with the
//! [`routing`](crate::routing) block (round robin, random) or a sticky
//! mapping: the session's cookie, or the user id over the servers by the
//! [`placement`](crate::placement) block's modulo or ring. A session store
//! is the [`replication`](crate::replication) block, one cluster per
//! partition, kept in memory (a crashed store node comes back empty).

mod command;
mod config;
mod event;

pub use command::Command;
pub use config::{
    Config, Connection, MAX_SERVERS, MAX_STORE_MACHINES, Routing, State, StorePlacement, StoreReplication,
};
pub use event::{Action, Event, Failure, Ignored};

use crate::hash::mix64;
use crate::idmap::IdMap;
use crate::input::InputError;
use crate::lab::{Lab, LabCommand, LabId, Settings};
use crate::metrics::LatencyHistogram;
use crate::net::Latency;
use crate::node::NodeId;
use crate::placement::{Modulo, Placement, Ring, key_hash, salt};
use crate::replication::{
    self as block, Cluster, Consistency, Happened, Io, Outcome, Params, ReadFrom, Role, WriteMode,
};
use crate::rng::{SimRng, Stream};
use crate::routing::{self, Choose, Cursor, Policy};
use crate::run::{Recorded, Run, len_u32};
use crate::time::{SimDuration, SimTime};
use crate::workload::Users;
use serde::Serialize;

/// The width of one time-series window.
pub use crate::run::SAMPLE_WINDOW;

/// The engine's events.
#[derive(Clone, Debug)]
enum Ev {
    /// A store partition's own event.
    Store(u32, block::Ev),
    /// A user's next request.
    Think(u32),
    /// A request reaches its app server.
    AtServer(u64),
    /// Its app server has done its work.
    Served(u64),
    /// The answer (or the error) reaches the user.
    AtUser(u64),
    Sample,
}

/// One window of the time series.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Point {
    /// Requests answered in the window.
    pub answered: u32,
    /// Requests failed in the window.
    pub failed: u32,
    /// Forced logins in the window.
    pub forced_logins: u32,
    /// The answered requests' latencies added up, µs.
    pub latency_us: u64,
}

/// One app server, to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerView {
    /// Its number.
    pub id: u32,
    /// Whether it runs.
    pub up: bool,
    /// Taken away for good.
    pub removed: bool,
    /// Takes no new sessions.
    pub draining: bool,
    /// Sessions in its memory (in-memory state).
    pub sessions: u32,
    /// Users' TCP connections on it.
    pub connections: u32,
    /// Requests it is working on.
    pub in_progress: u32,
}

/// One store node, to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreNodeView {
    /// Its number (partition by partition, the primary first).
    pub id: u32,
    /// Its partition.
    pub partition: u32,
    /// Whether it runs.
    pub up: bool,
    /// Whether it is its partition's primary now.
    pub primary: bool,
    /// Sessions written to it that it still holds.
    pub entries: u64,
}

/// What the page draws.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// The simulated time.
    pub now: SimTime,
    /// The app servers.
    pub servers: Vec<ServerView>,
    /// The store nodes.
    pub store: Vec<StoreNodeView>,
    /// Replicas per store partition.
    pub replicas_per_partition: u32,
}

/// Where a copy of a user's cart is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    /// In an app server's memory.
    Server(u32),
    /// On a store node.
    StoreNode(u32),
}

/// One user, to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UserView {
    /// Whether it is active.
    pub active: bool,
    /// Whether it believes it is logged in.
    pub logged_in: bool,
    /// Items it put in the cart.
    pub items: u32,
    /// The server that answered it last.
    pub last_server: Option<u32>,
    /// Its TCP connection's server, and the requests sent on it.
    pub connection: Option<(u32, u32)>,
    /// When it last lost its session or cart.
    pub lost_at: Option<SimTime>,
}

/// One hop between a user and an app server, to draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hop {
    /// The user.
    pub user: u32,
    /// The app server.
    pub server: u32,
    /// Towards the server (a request), else back (an answer).
    pub to_server: bool,
    /// An error on its way back.
    pub error: bool,
    /// When it left.
    pub sent: SimTime,
    /// When it arrives.
    pub arrives: SimTime,
}

impl Hop {
    /// How far along it is at `now`, 0 to 1.
    pub fn progress(&self, now: SimTime) -> f64 {
        now.progress(self.sent, self.arrives)
    }
}

/// The numbers the page shows and the CLI prints.
#[derive(Clone, Debug, Serialize)]
pub struct Metrics {
    /// Simulated time so far, ms.
    pub time_ms: f64,
    /// Requests sent.
    pub requests: u64,
    /// Requests answered.
    pub answered: u64,
    /// Requests failed.
    pub failed: u64,
    /// Logins, forced ones included.
    pub logins: u64,
    /// Cart views answered.
    pub cart_views: u64,
    /// Requests that found no session and had the user log in again.
    pub forced_logins: u64,
    /// Cart views that missed the user's latest add.
    pub stale_carts: u64,
    /// Carts with items that vanished (a crash, a removal, a store that forgot).
    pub carts_lost: u64,
    /// Sessions that vanished.
    pub sessions_lost: u64,
    /// Users whose sticky server or store partition changed.
    pub users_moved: u64,
    /// Of the active users, the share the last change moved.
    pub users_moved_fraction: f64,
    /// Reads and writes sent to the store.
    pub store_requests: u64,
    /// Requests failed because the store did not answer.
    pub store_failures: u64,
    /// TCP connections made again after a reset.
    pub reconnects: u64,
    /// Answered ÷ finished requests.
    pub success_ratio: f64,
    /// Latency p50, ms.
    pub latency_ms_p50: f64,
    /// Latency p99, ms.
    pub latency_ms_p99: f64,
    /// Machines paid for: app servers not removed, and store nodes.
    pub machines: u32,
    /// What they cost per hour, dollars.
    pub cost_per_hour: f64,
    /// App servers up.
    pub servers_up: u32,
    /// Store nodes up.
    pub store_nodes_up: u32,
    /// Users active.
    pub users_active: u32,
    /// Sessions in each app server's memory.
    pub sessions_per_server: Vec<u32>,
    /// TCP connections on each app server.
    pub connections_per_server: Vec<u32>,
}

#[derive(Clone, Debug, Default)]
struct Server {
    up: bool,
    removed: bool,
    draining: bool,
    sessions: u32,
    connections: u32,
    in_progress: u32,
}

#[derive(Clone, Debug, Default)]
struct User {
    active: bool,
    /// A request of its own loop is out.
    busy: bool,
    logged_in: bool,
    items: u32,
    cookie: Option<u32>,
    /// Its TCP connection: the server, and requests sent on it.
    conn: Option<(u32, u32)>,
    /// Its connection was reset: the next one is a reconnect.
    reset: bool,
    /// In memory: the sessions app servers hold for it, with their items.
    held: Vec<(u32, u32)>,
    /// In a store: the partition and version of the last write it was told of.
    written: Option<(u32, u64)>,
    last_server: Option<u32>,
    lost_at: Option<SimTime>,
}

/// Where a request is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Stage {
    /// On its way, or at the app server.
    Sent,
    /// The app server asked the store for the session.
    Reading,
    /// The app server writes the session back.
    Writing { items: u32, forced: bool },
    /// Answered or failed, on its way back.
    Done,
}

#[derive(Clone, Debug)]
struct Req {
    user: u32,
    action: Action,
    server: u32,
    started: SimTime,
    /// The learner's: no think time after it.
    own: bool,
    stage: Stage,
    /// The store partition it uses.
    partition: u32,
    /// What it got: items and whether the user had to log in again.
    result: Result<(u32, bool), Failure>,
    /// The write's version, once acknowledged.
    version: Option<u64>,
    hop: u64,
}

/// Which store partition holds a user.
#[derive(Clone, Debug)]
enum StoreMap {
    Modulo(Modulo),
    Ring(Ring),
}

/// The sessions lab's model.
#[derive(Debug)]
pub struct Sessions {
    cfg: Config,
    run: Run<Ev, Event, Point>,
    servers: Vec<Server>,
    users: Vec<User>,
    think: Users,
    workload: SimRng,
    routing: SimRng,
    cursor: Cursor,
    /// The servers new sessions may go to, ascending.
    pool: Vec<u32>,
    modulo: Modulo,
    ring: Ring,
    store: Vec<Cluster>,
    store_map: StoreMap,
    salt: u64,
    seed: u64,
    requests: IdMap<Req>,
    next_req: u64,
    /// Store operations in flight: which request each is for.
    ops: IdMap<u64>,
    next_op: u64,
    hops: IdMap<Hop>,
    next_hop: u64,
    latency: LatencyHistogram,
    counts: Counts,
    moved_fraction: f64,
    window: Point,
}

#[derive(Clone, Debug, Default)]
struct Counts {
    requests: u64,
    answered: u64,
    failed: u64,
    logins: u64,
    cart_views: u64,
    forced_logins: u64,
    stale_carts: u64,
    carts_lost: u64,
    sessions_lost: u64,
    users_moved: u64,
    store_requests: u64,
    store_failures: u64,
    reconnects: u64,
}

/// How long an app server waits for the store before it gives up.
const STORE_TIMEOUT: SimDuration = SimDuration::from_ms(500);

impl Lab for Sessions {
    type Config = Config;
    type Command = Command;
    type Event = Event;
    type Metrics = Metrics;
    type Point = Point;
    type View = View;

    const ID: LabId = LabId::Sessions;

    fn new(cfg: Config, seed: u64) -> Result<Self, InputError> {
        cfg.validate()?;
        let salt = salt(seed);
        let store_map = match cfg.store_placement {
            StorePlacement::Modulo => StoreMap::Modulo(Modulo::new()),
            StorePlacement::Ring => StoreMap::Ring(Ring::full(cfg.vnodes, salt ^ 0x5E55)),
        };
        let mut lab = Sessions {
            servers: vec![Server { up: true, ..Server::default() }; cfg.servers as usize],
            users: vec![User { active: true, ..User::default() }; cfg.users as usize],
            think: Users { count: cfg.users, think: SimDuration::from_ms_f64(cfg.think_ms) },
            workload: SimRng::new(seed, Stream::Workload),
            routing: SimRng::new(seed, Stream::Policy),
            cursor: Cursor::default(),
            pool: Vec::new(),
            modulo: Modulo::new(),
            ring: Ring::full(cfg.vnodes, salt),
            store: Vec::new(),
            store_map,
            salt,
            seed,
            run: Run::new(),
            requests: IdMap::new(),
            next_req: 0,
            ops: IdMap::new(),
            next_op: 0,
            hops: IdMap::new(),
            next_hop: 0,
            latency: LatencyHistogram::new(),
            counts: Counts::default(),
            moved_fraction: 0.0,
            window: Point::default(),
            cfg,
        };
        lab.repool();
        for _ in 0..lab.cfg.partitions() {
            lab.add_partition();
        }
        for u in 0..lab.cfg.users {
            let first = lab.think.first(&mut lab.workload);
            lab.run.engine.schedule_in(first, Ev::Think(u));
        }
        lab.run.start_sampling(Ev::Sample);
        Ok(lab)
    }

    fn apply(&mut self, cmd: &Command) {
        let ignore =
            |lab: &mut Self, why| lab.run.record(Event::CommandIgnored { command: cmd.encode(), why });
        let n = len_u32(self.servers.len());
        let machines = len_u32(self.store.len()) * self.cfg.replicas_per_partition();
        match *cmd {
            Command::Crash(s) | Command::Restart(s) | Command::Remove(s) | Command::Drain(s)
                if s >= n || self.servers[s as usize].removed =>
            {
                ignore(self, Ignored::NoSuchServer);
            }
            Command::Crash(s) => {
                if !self.servers[s as usize].up {
                    return ignore(self, Ignored::AlreadyThatWay);
                }
                self.remap(|lab| lab.crash(s, false));
            }
            Command::Restart(s) => {
                if self.servers[s as usize].up {
                    return ignore(self, Ignored::AlreadyThatWay);
                }
                self.remap(|lab| {
                    lab.servers[s as usize] = Server { up: true, ..Server::default() };
                    lab.run.record(Event::Restarted { server: s });
                });
            }
            Command::Add => {
                if n >= MAX_SERVERS {
                    return ignore(self, Ignored::TooManyServers);
                }
                self.remap(|lab| {
                    lab.servers.push(Server { up: true, ..Server::default() });
                    lab.run.record(Event::Added { server: n });
                });
            }
            Command::Remove(s) => self.remap(|lab| {
                let sessions = lab.drop_sessions(s).0;
                lab.servers[s as usize].removed = true;
                lab.servers[s as usize].up = false;
                lab.run.record(Event::Removed { server: s, sessions });
            }),
            Command::Drain(s) => {
                if self.servers[s as usize].draining {
                    return ignore(self, Ignored::AlreadyThatWay);
                }
                self.remap(|lab| {
                    lab.servers[s as usize].draining = true;
                    lab.run.record(Event::Drained { server: s });
                });
            }
            Command::CrashStore(k) | Command::RestartStore(k) if k >= machines => {
                ignore(self, Ignored::NoSuchStoreNode);
            }
            Command::CrashStore(k) => {
                let (p, r) = self.store_node(k);
                let now = self.run.now();
                if self.store[p as usize].crash(r, now) {
                    self.run.record(Event::StoreCrashed { node: k });
                } else {
                    ignore(self, Ignored::AlreadyThatWay);
                }
            }
            Command::RestartStore(k) => {
                let (p, r) = self.store_node(k);
                let Sessions { store, run, .. } = self;
                let wrap = move |e| Ev::Store(p, e);
                if store[p as usize].restart(r, &mut Io { engine: &mut run.engine, wrap: &wrap }) {
                    self.run.record(Event::StoreRestarted { node: k });
                } else {
                    ignore(self, Ignored::AlreadyThatWay);
                }
            }
            Command::AddStore => {
                let r = self.cfg.replicas_per_partition();
                if self.cfg.state != State::PartitionedStore || machines + r > MAX_STORE_MACHINES {
                    return ignore(self, Ignored::CannotAddStore);
                }
                self.remap(|lab| {
                    lab.add_partition();
                    lab.run.record(Event::StoreAdded { node: machines });
                });
            }
            Command::Users(count) => {
                if count > self.cfg.users {
                    return ignore(self, Ignored::TooManyUsers);
                }
                for u in 0..self.cfg.users {
                    let user = &mut self.users[u as usize];
                    let was = user.active;
                    user.active = u < count;
                    if user.active && !was && !user.busy {
                        let first = self.think.first(&mut self.workload);
                        self.run.engine.schedule_in(first, Ev::Think(u));
                    }
                }
                self.run.record(Event::UsersSet { users: count });
            }
            Command::AddItem { user, server } | Command::ViewCart { user, server } => {
                if user >= self.cfg.users {
                    return ignore(self, Ignored::NoSuchUser);
                }
                if server.is_some_and(|s| s >= n || self.servers[s as usize].removed) {
                    return ignore(self, Ignored::NoSuchServer);
                }
                let action =
                    if matches!(cmd, Command::AddItem { .. }) { Action::AddItem } else { Action::ViewCart };
                self.send(user, action, server, true);
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
        let servers = self
            .servers
            .iter()
            .enumerate()
            .map(|(i, s)| ServerView {
                id: len_u32(i),
                up: s.up,
                removed: s.removed,
                draining: s.draining,
                sessions: s.sessions,
                connections: s.connections,
                in_progress: s.in_progress,
            })
            .collect();
        let r = self.cfg.replicas_per_partition();
        let mut store = Vec::new();
        for (p, c) in self.store.iter().enumerate() {
            let leader = c.leader();
            for (i, rep) in c.replicas().iter().enumerate() {
                store.push(StoreNodeView {
                    id: len_u32(p) * r + len_u32(i),
                    partition: len_u32(p),
                    up: rep.up,
                    primary: leader == Some(len_u32(i)) && rep.role == Role::Leader,
                    entries: rep.last_index(),
                });
            }
        }
        View { now: self.run.now(), servers, store, replicas_per_partition: r }
    }

    fn metrics(&self) -> Metrics {
        let c = &self.counts;
        let finished = c.answered + c.failed;
        let l = self.latency.summary();
        let live = self.servers.iter().filter(|s| !s.removed).count();
        let store_machines = len_u32(self.store.len()) * self.cfg.replicas_per_partition();
        let machines = len_u32(live) + store_machines;
        Metrics {
            time_ms: self.run.now().as_ms_f64(),
            requests: c.requests,
            answered: c.answered,
            failed: c.failed,
            logins: c.logins,
            cart_views: c.cart_views,
            forced_logins: c.forced_logins,
            stale_carts: c.stale_carts,
            carts_lost: c.carts_lost,
            sessions_lost: c.sessions_lost,
            users_moved: c.users_moved,
            users_moved_fraction: self.moved_fraction,
            store_requests: c.store_requests,
            store_failures: c.store_failures,
            reconnects: c.reconnects,
            success_ratio: if finished == 0 { 1.0 } else { c.answered as f64 / finished as f64 },
            latency_ms_p50: l.p50_ms,
            latency_ms_p99: l.p99_ms,
            machines,
            cost_per_hour: f64::from(machines) * self.cfg.machine_cost,
            servers_up: len_u32(self.servers.iter().filter(|s| s.up).count()),
            store_nodes_up: len_u32(self.store.iter().flat_map(|c| c.replicas()).filter(|r| r.up).count()),
            users_active: len_u32(self.users.iter().filter(|u| u.active).count()),
            sessions_per_server: self.servers.iter().map(|s| s.sessions).collect(),
            connections_per_server: self.servers.iter().map(|s| s.connections).collect(),
        }
    }

    fn refusal(event: &Event) -> Option<(&str, &'static str)> {
        match event {
            Event::CommandIgnored { command, why } => Some((command, why.reason())),
            _ => None,
        }
    }
}

impl Sessions {
    /// The settings this run started with.
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// Sessions and carts lost so far (a page redraws its crowd when this
    /// changes, even while time stands still).
    pub fn losses(&self) -> u64 {
        self.counts.sessions_lost + self.counts.carts_lost
    }

    /// One user, to draw.
    pub fn user(&self, user: u32) -> Option<UserView> {
        let u = self.users.get(user as usize)?;
        Some(UserView {
            active: u.active,
            logged_in: u.logged_in,
            items: u.items,
            last_server: u.last_server,
            connection: u.conn,
            lost_at: u.lost_at,
        })
    }

    /// Every user, to draw.
    pub fn users(&self) -> impl Iterator<Item = UserView> + '_ {
        (0..self.cfg.users).filter_map(|u| self.user(u))
    }

    /// Every copy of `user`'s cart and its items: in the memory of the app
    /// servers that hold a session for it, or on each store node of its
    /// partition (each node's own copy, which a backup may not have yet).
    pub fn copies(&self, user: u32) -> Vec<(Holder, u32)> {
        let Some(u) = self.users.get(user as usize) else { return Vec::new() };
        if self.cfg.state == State::InMemory {
            return u.held.iter().map(|&(s, items)| (Holder::Server(s), items)).collect();
        }
        let Some(p) = self.partition_of(user) else { return Vec::new() };
        let c = &self.store[p as usize];
        let r = self.cfg.replicas_per_partition();
        c.replicas()
            .iter()
            .enumerate()
            .filter_map(|(i, rep)| {
                let value = c.value(rep.version_of(user));
                (rep.up && value > 0)
                    .then(|| (Holder::StoreNode(p * r + len_u32(i)), len_u32(value as usize - 1)))
            })
            .collect()
    }

    /// Hops between users and app servers on their way.
    pub fn hops(&self) -> impl Iterator<Item = &Hop> {
        self.hops.values()
    }

    /// Messages between app servers and store nodes, and among store nodes,
    /// with each one's partition.
    pub fn store_flights(&self) -> impl Iterator<Item = (u32, &block::Flight)> {
        self.store.iter().enumerate().flat_map(|(p, c)| c.flights().map(move |f| (len_u32(p), f)))
    }

    /// The partition that holds `user`'s state.
    pub fn partition_of(&self, user: u32) -> Option<u32> {
        let owner = match &self.store_map {
            StoreMap::Modulo(m) => m.owner(u64::from(user)),
            StoreMap::Ring(r) => r.owner(key_hash(self.salt, u64::from(user))),
        };
        owner.map(|n| n.0)
    }

    /// Store node `k`'s partition and replica.
    fn store_node(&self, k: u32) -> (u32, u32) {
        let r = self.cfg.replicas_per_partition();
        (k / r, k % r)
    }

    fn add_partition(&mut self) {
        let p = len_u32(self.store.len());
        let ms = SimDuration::from_ms_f64;
        let replicas = self.cfg.replicas_per_partition();
        let params = Params {
            replicas,
            write_mode: if self.cfg.store_replication == StoreReplication::Sync {
                WriteMode::Sync
            } else {
                WriteMode::Async
            },
            write_quorum: replicas,
            read_from: ReadFrom::Leader,
            read_quorum: 1,
            consistency: Consistency::Cp,
            heartbeat: ms(50.0),
            election: (ms(150.0), ms(300.0)),
            latency: Latency::Const(ms(self.cfg.store_ms / 2.0)),
            timeout: STORE_TIMEOUT,
            durable: false,
        };
        let mut cluster = Cluster::new(params, self.cfg.users, mix64(self.seed ^ u64::from(p) << 32));
        let wrap = move |e| Ev::Store(p, e);
        cluster.start(&mut Io { engine: &mut self.run.engine, wrap: &wrap });
        self.store.push(cluster);
        match &mut self.store_map {
            StoreMap::Modulo(m) => m.add(NodeId(p)),
            StoreMap::Ring(r) => r.add(NodeId(p)),
        }
    }

    /// The servers new sessions may go to, and the sticky placements over
    /// them, after a change.
    fn repool(&mut self) {
        let pool: Vec<u32> = (0..len_u32(self.servers.len()))
            .filter(|&s| {
                let s = &self.servers[s as usize];
                s.up && !s.removed && !s.draining
            })
            .collect();
        for &s in &self.pool {
            if !pool.contains(&s) {
                self.modulo.remove(NodeId(s));
                self.ring.remove(NodeId(s));
            }
        }
        for &s in &pool {
            self.modulo.add(NodeId(s));
            self.ring.add(NodeId(s));
        }
        self.pool = pool;
    }

    /// Where `user` lands with no choice made yet: its sticky server, if
    /// the routing has one for it.
    fn sticky(&self, user: u32) -> Option<u32> {
        let u = &self.users[user as usize];
        let usable = |s: u32| self.servers.get(s as usize).is_some_and(|s| s.up && !s.removed);
        match self.cfg.routing {
            Routing::RoundRobin | Routing::Random => None,
            Routing::StickyCookie => u.cookie.filter(|&s| usable(s)),
            Routing::StickyModulo => self.modulo.owner(u64::from(user)).map(|n| n.0),
            Routing::StickyRing => self.ring.owner(key_hash(self.salt, u64::from(user))).map(|n| n.0),
        }
    }

    /// The server for `user`'s next request.
    fn route(&mut self, user: u32) -> Option<u32> {
        if let Some(s) = self.sticky(user) {
            return Some(s);
        }
        let policy = if self.cfg.routing == Routing::Random { Policy::Random } else { Policy::RoundRobin };
        let choice = Choose { healthy: &self.pool, connections: &[], client: user };
        routing::choose(policy, &choice, &mut self.cursor, &mut self.routing)
    }

    /// Makes a change to the servers or the store and counts the users it
    /// moves: those whose sticky server or store partition is not what it was.
    fn remap(&mut self, change: impl FnOnce(&mut Self)) {
        let active: Vec<u32> = (0..self.cfg.users).filter(|&u| self.users[u as usize].active).collect();
        let before: Vec<(Option<u32>, Option<u32>)> =
            active.iter().map(|&u| (self.sticky(u), self.partition_of(u))).collect();
        change(self);
        self.repool();
        let moved = active
            .iter()
            .zip(&before)
            .filter(|&(&u, &(server, partition))| {
                (server.is_some() && self.sticky(u) != server)
                    || (partition.is_some() && self.partition_of(u) != partition)
            })
            .count();
        if moved > 0 {
            let of = len_u32(active.len());
            self.counts.users_moved += moved as u64;
            self.moved_fraction = moved as f64 / f64::from(of.max(1));
            self.run.record(Event::Moved { users: len_u32(moved), of });
        }
    }

    /// Forgets every session server `s` holds: `(sessions, carts with items)`.
    fn drop_sessions(&mut self, s: u32) -> (u32, u32) {
        let now = self.run.now();
        let (mut sessions, mut carts) = (0, 0);
        let mut reset = 0;
        for u in &mut self.users {
            if let Some(i) = u.held.iter().position(|h| h.0 == s) {
                let (_, items) = u.held.swap_remove(i);
                sessions += 1;
                if items > 0 {
                    carts += 1;
                    u.lost_at = Some(now);
                }
            }
            if u.conn.is_some_and(|c| c.0 == s) {
                u.conn = None;
                u.reset = true;
                reset += 1;
            }
        }
        let server = &mut self.servers[s as usize];
        server.sessions = 0;
        server.connections = 0;
        self.counts.sessions_lost += u64::from(sessions);
        self.counts.carts_lost += u64::from(carts);
        if reset > 0 {
            self.run.record(Event::ConnectionsReset { server: s, users: reset });
        }
        (sessions, carts)
    }

    fn crash(&mut self, s: u32, out_of_memory: bool) {
        let (sessions, carts) = self.drop_sessions(s);
        self.servers[s as usize].up = false;
        self.run.record(Event::Crashed { server: s, sessions, carts, out_of_memory });
    }

    fn hop(&mut self, user: u32, server: u32, to_server: bool, error: bool, delay: SimDuration) -> u64 {
        self.next_hop += 1;
        let now = self.run.now();
        self.hops
            .insert(self.next_hop, Hop { user, server, to_server, error, sent: now, arrives: now + delay });
        self.next_hop
    }

    fn one_hop(&self) -> SimDuration {
        SimDuration::from_ms_f64(self.cfg.net_latency_ms)
    }

    /// Sends `user`'s request: through `server` if given, else where the
    /// load balancer (or the user's connection) takes it.
    fn send(&mut self, user: u32, action: Action, server: Option<u32>, own: bool) {
        self.counts.requests += 1;
        self.next_req += 1;
        let req = self.next_req;
        let mut delay = self.one_hop();
        let tcp = self.cfg.connection == Connection::Tcp;
        let usable = |lab: &Self, s: u32| lab.servers[s as usize].up && !lab.servers[s as usize].removed;
        let target = match server {
            Some(s) => Some(s),
            None if tcp => match self.users[user as usize].conn.filter(|c| usable(self, c.0)) {
                Some((s, _)) => Some(s),
                None => {
                    let s = self.route(user);
                    if let Some(s) = s {
                        // A new connection: the handshake's round trip first.
                        delay = delay + self.one_hop() + self.one_hop();
                        let u = &mut self.users[user as usize];
                        if std::mem::take(&mut u.reset) {
                            self.counts.reconnects += 1;
                        }
                        u.conn = Some((s, 0));
                        self.servers[s as usize].connections += 1;
                    }
                    s
                }
            },
            None => self.route(user),
        };
        let u = &mut self.users[user as usize];
        if !own {
            u.busy = true;
        }
        if let Some(c) = u.conn.as_mut().filter(|c| Some(c.0) == target) {
            c.1 += 1;
        }
        let now = self.run.now();
        let mut r = Req {
            user,
            action,
            server: target.unwrap_or(0),
            started: now,
            own,
            stage: Stage::Sent,
            partition: 0,
            result: Err(Failure::NoServer),
            version: None,
            hop: 0,
        };
        match target {
            Some(s) => {
                r.hop = self.hop(user, s, true, false, delay);
                self.requests.insert(req, r);
                self.run.engine.schedule_in(delay, Ev::AtServer(req));
            }
            None => {
                r.stage = Stage::Done;
                self.requests.insert(req, r);
                self.run.engine.schedule_in(SimDuration::ZERO, Ev::AtUser(req));
            }
        }
    }

    fn handle(&mut self, ev: Ev) {
        match ev {
            Ev::Store(p, e) => {
                let Sessions { store, run, .. } = self;
                let wrap = move |e| Ev::Store(p, e);
                store[p as usize].handle(e, &mut Io { engine: &mut run.engine, wrap: &wrap });
                self.drain_store(p);
            }
            Ev::Think(u) => {
                let user = &self.users[u as usize];
                if !user.active || user.busy {
                    return;
                }
                let action = if !user.logged_in {
                    Action::Login
                } else {
                    match self.workload.below(10) {
                        0..=4 => Action::AddItem,
                        5..=8 => Action::ViewCart,
                        _ => Action::Checkout,
                    }
                };
                self.send(u, action, None, false);
            }
            Ev::AtServer(req) => {
                let Some(r) = self.requests.get(req) else { return };
                let (s, hop) = (r.server, r.hop);
                self.hops.remove(hop);
                if !self.servers[s as usize].up {
                    return self.finish(req, Err(Failure::ServerDown));
                }
                self.servers[s as usize].in_progress += 1;
                let work = SimDuration::from_ms_f64(self.workload.exp(self.cfg.service_ms));
                self.run.engine.schedule_in(work, Ev::Served(req));
            }
            Ev::Served(req) => self.serve(req),
            Ev::AtUser(req) => self.answer(req),
            Ev::Sample => {
                let point = std::mem::take(&mut self.window);
                self.run.sample(point, Ev::Sample);
            }
        }
    }

    /// The app server has done its work: it finds the user's session in
    /// its memory or asks the store for it.
    fn serve(&mut self, req: u64) {
        let Some(r) = self.requests.get(req) else { return };
        let (s, user, action) = (r.server, r.user, r.action);
        let server = &mut self.servers[s as usize];
        server.in_progress = server.in_progress.saturating_sub(1);
        if !server.up {
            return self.finish(req, Err(Failure::ServerDown));
        }
        if self.cfg.state != State::InMemory {
            let Some(p) = self.partition_of(user) else { return self.finish(req, Err(Failure::StoreDown)) };
            if let Some(r) = self.requests.get_mut(req) {
                r.stage = Stage::Reading;
                r.partition = p;
            }
            return self.store_op(req, p, None);
        }
        let u = &mut self.users[user as usize];
        let held = u.held.iter().position(|h| h.0 == s);
        let (items, forced) = next_state(action, held.map(|i| u.held[i].1), u.logged_in);
        match held {
            Some(i) => u.held[i].1 = items,
            None => {
                u.held.push((s, items));
                let server = &mut self.servers[s as usize];
                server.sessions += 1;
                let limit = self.cfg.server_memory_sessions;
                if limit > 0 && server.sessions > limit {
                    self.remap(|lab| lab.crash(s, true));
                    return self.finish(req, Err(Failure::ServerDown));
                }
            }
        }
        self.finish(req, Ok((items, forced)));
    }

    /// Sends a store read (`write: None`) or write of `items` for request `req`.
    fn store_op(&mut self, req: u64, p: u32, write: Option<u32>) {
        let Some(user) = self.requests.get(req).map(|r| r.user) else { return };
        self.counts.store_requests += 1;
        self.next_op += 1;
        let op = self.next_op;
        self.ops.insert(op, req);
        let Sessions { store, run, .. } = self;
        let wrap = move |e| Ev::Store(p, e);
        let io = &mut Io { engine: &mut run.engine, wrap: &wrap };
        match write {
            Some(items) => store[p as usize].write(op, user, u64::from(items) + 1, None, io),
            None => store[p as usize].read(op, user, None, io),
        }
        self.drain_store(p);
    }

    /// Takes what store partition `p` reported.
    fn drain_store(&mut self, p: u32) {
        let r = self.cfg.replicas_per_partition();
        for h in self.store[p as usize].take_happened() {
            if let Happened::Elected { node, term, .. } = h {
                self.run.record(Event::StorePrimary { node: p * r + node, term });
            }
        }
        for o in self.store[p as usize].take_outcomes() {
            let (op, result) = match o {
                Outcome::Read { req, version, .. } => (req, Ok((false, version))),
                Outcome::Wrote { req, version, .. } => (req, Ok((true, version))),
                Outcome::Failed { req, .. } => (req, Err(())),
            };
            let Some(req) = self.ops.remove(op) else { continue };
            match result {
                Ok((false, version)) => self.on_read(req, p, version),
                Ok((true, version)) => {
                    let Some(r) = self.requests.get_mut(req) else { continue };
                    r.version = Some(version);
                    if let Stage::Writing { items, forced } = r.stage {
                        self.finish(req, Ok((items, forced)));
                    }
                }
                Err(()) => {
                    self.counts.store_failures += 1;
                    self.finish(req, Err(Failure::StoreDown));
                }
            }
        }
    }

    /// The store answered request `req`'s read with `version` of the session.
    fn on_read(&mut self, req: u64, p: u32, version: u64) {
        let Some(r) = self.requests.get(req) else { return };
        let (user, action) = (r.user, r.action);
        let value = self.store[p as usize].value(version);
        let session = value.checked_sub(1).map(|v| len_u32(v as usize));
        let now = self.run.now();
        let u = &mut self.users[user as usize];
        // Older than a write the user was told of: the store forgot it.
        if u.written.is_some_and(|(wp, wv)| wp == p && wv > version) {
            u.written = None;
            let had = u.items;
            let lost = had.saturating_sub(session.unwrap_or(0));
            if session.is_none() {
                self.counts.sessions_lost += 1;
            }
            if lost > 0 {
                self.counts.carts_lost += 1;
                u.lost_at = Some(now);
            }
            self.run.record(Event::StateLost { user, items: lost });
        }
        let u = &self.users[user as usize];
        let (items, forced) = next_state(action, session, u.logged_in);
        if session == Some(items) && action != Action::Login {
            return self.finish(req, Ok((items, forced)));
        }
        if let Some(r) = self.requests.get_mut(req) {
            r.stage = Stage::Writing { items, forced };
        }
        self.store_op(req, p, Some(items));
    }

    /// Request `req` is answered (or failed) at its server: the answer goes
    /// back to the user.
    fn finish(&mut self, req: u64, result: Result<(u32, bool), Failure>) {
        let Some(r) = self.requests.get_mut(req) else { return };
        if r.stage == Stage::Done {
            return;
        }
        r.stage = Stage::Done;
        r.result = result;
        let (user, server) = (r.user, r.server);
        let delay = self.one_hop();
        let hop = self.hop(user, server, false, result.is_err(), delay);
        if let Some(r) = self.requests.get_mut(req) {
            r.hop = hop;
        }
        self.run.engine.schedule_in(delay, Ev::AtUser(req));
    }

    /// The answer reaches the user.
    fn answer(&mut self, req: u64) {
        let Some(r) = self.requests.remove(req) else { return };
        self.hops.remove(r.hop);
        let now = self.run.now();
        let u = &mut self.users[r.user as usize];
        if !r.own {
            u.busy = false;
        }
        match r.result {
            Ok((items, forced)) => {
                let latency = now.since(r.started);
                self.latency.record(latency);
                self.counts.answered += 1;
                self.window.answered += 1;
                self.window.latency_us += latency.0;
                let expected = u.items;
                if r.action == Action::ViewCart {
                    self.counts.cart_views += 1;
                    if items < expected {
                        self.counts.stale_carts += 1;
                    }
                }
                if forced {
                    self.counts.forced_logins += 1;
                    self.window.forced_logins += 1;
                }
                if forced || r.action == Action::Login {
                    self.counts.logins += 1;
                }
                // The server that makes a session issues its cookie.
                let issued = forced || r.action == Action::Login || u.cookie.is_none();
                if self.cfg.routing == Routing::StickyCookie && issued {
                    u.cookie = Some(r.server);
                }
                u.logged_in = true;
                u.items = items;
                u.last_server = Some(r.server);
                if let Some(v) = r.version {
                    u.written = Some((r.partition, v));
                }
                let event = Event::Answered {
                    req,
                    user: r.user,
                    action: r.action,
                    server: r.server,
                    items,
                    expected: match r.action {
                        Action::AddItem => expected + 1,
                        Action::ViewCart => expected,
                        // A checkout empties the cart; a login starts a new one.
                        Action::Checkout | Action::Login => 0,
                    },
                    forced_login: forced,
                    latency_us: latency.0,
                };
                self.run.record(event);
            }
            Err(why) => {
                self.counts.failed += 1;
                self.window.failed += 1;
                self.run.record(Event::Failed { req, user: r.user, why });
            }
        }
        if !r.own && self.users[r.user as usize].active {
            let think = self.think.think(&mut self.workload);
            self.run.engine.schedule_in(think, Ev::Think(r.user));
        }
    }
}

/// What a session holds after `action`, given what the server found
/// (`None`: no session there) and whether the user thinks it is logged in:
/// `(items, forced login)`.
fn next_state(action: Action, found: Option<u32>, logged_in: bool) -> (u32, bool) {
    let forced = found.is_none() && action != Action::Login && logged_in;
    let items = found.unwrap_or(0);
    let items = match action {
        Action::Login | Action::Checkout => 0,
        Action::AddItem => items + 1,
        Action::ViewCart => items,
    };
    (items, forced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_found_is_kept_and_one_missing_is_a_forced_login() {
        assert_eq!(next_state(Action::AddItem, Some(2), true), (3, false));
        assert_eq!(next_state(Action::ViewCart, None, true), (0, true));
        assert_eq!(next_state(Action::ViewCart, None, false), (0, false));
        assert_eq!(next_state(Action::Login, None, true), (0, false));
        assert_eq!(next_state(Action::Checkout, Some(4), true), (0, false));
    }
}
