//! The caching lab (seed 004, "Caching in distributed systems"): clients, a
//! load balancer that routes by key, servers each with its own cache, and
//! one database.
//!
//! A request's cost is its path: a client-side hit costs nothing, a server
//! hit `2 × client-ms` (200 ms by default), a miss adds the database round
//! trip (`2 × db-ms`: 220 ms). Routing by key keeps each key's data warm on
//! one server — until the membership changes: under modulo almost every key
//! moves and the caches go cold at once; on a ring only about 1/(N+1) do.
//! Values change in the database at `write-rate`; a cached copy older than
//! the database is a stale read, and a TTL bounds how old it can get.
//!
//! Each cache decides when the request reaches it, and stores a value when
//! the value comes back to it — not at the miss. A request for a key that
//! a cache is already fetching misses too: it fetches the key again (a
//! stampede, counted) or, with `coalesce=on`, waits for the fetch in flight
//! (counted as coalesced). Stale reads compare a copy's version with the
//! database's when the copy is served; a read from the database is the
//! version the database had when it answered. Spaced out slowly enough, a
//! typed trace gives exactly the hits and evictions of the cache alone — the
//! seed's walk-through step by step.

mod command;
mod config;
mod event;
mod view;

pub use command::Command;
pub use config::{Coalesce, Config, MAX_KEYS, MAX_SERVERS, Routing};
pub use event::{Event, Ignored, Tier};
pub use view::{CacheView, Flight, MAX_STOPS, Metrics, Point, ServerView, Station, View};

use crate::cache::{AnyCache, Cache, KeyMap, Policy, che_hit_ratio};
use crate::idmap::IdMap;
use crate::input::InputError;
use crate::lab::{Lab, LabCommand, LabId, Settings};
use crate::metrics::ExactCounts;
use crate::node::NodeId;
use crate::placement::{Modulo, Placement, Ring, salt};
use crate::rng::{SimRng, Stream};
use crate::run::{Recorded, Run};
use crate::time::{SimDuration, SimTime, round_us};
use crate::workload::{Arrivals, Gaps, Generation};
use crate::zipf::Zipf;
use litemap::LiteMap;

/// The width of one time-series window.
pub use crate::run::SAMPLE_WINDOW;

/// Keys a view lists per cache (the rest are counted).
pub const VIEW_KEYS: usize = 48;
/// Che's approximation is computed for at most this many keys.
const CHE_MAX_KEYS: u32 = 100_000;
/// Requests in the "after the change" window when the run has no end.
const AFTER_WINDOW_OPEN: u64 = 1_000;

/// One cache with what the lab needs beside the keys: each cached value's
/// version and when it was stored, the fetch of each key in flight through
/// it, and the last hit, put and eviction.
#[derive(Clone, Debug)]
struct CacheState {
    cache: AnyCache,
    meta: KeyMap<(u64, SimTime)>,
    /// Per key being fetched through this cache: the request fetching it.
    fetching: KeyMap<u64>,
    last_hit: Option<(u64, SimTime)>,
    last_put: Option<(u64, SimTime)>,
    last_evicted: Option<(u64, SimTime)>,
    hits: u64,
    misses: u64,
}

/// What the cache at one tier said, for the request's way on.
enum Found {
    /// A fresh copy of this version.
    Hit(u64),
    /// A miss while this request was fetching the key there.
    Busy(u64),
    /// A miss (or no cache there): this request fetches the key.
    Miss,
}

/// What one cache said.
enum Look {
    /// It held the key; the copy is this version.
    Hit { version: u64 },
    /// It did not (or only an expired copy); `fetching` is the request
    /// already fetching the key through it, if any.
    Miss { expired: bool, fetching: Option<u64> },
}

impl CacheState {
    fn new(policy: Policy, capacity: u32) -> CacheState {
        CacheState {
            cache: AnyCache::new(policy, capacity as usize),
            meta: KeyMap::default(),
            fetching: KeyMap::default(),
            last_hit: None,
            last_put: None,
            last_evicted: None,
            hits: 0,
            misses: 0,
        }
    }

    /// Looks `key` up at `now`. A miss changes nothing: the value is stored
    /// when it comes back ([`CacheState::fill`]).
    fn look(&mut self, key: u64, now: SimTime, ttl: Option<SimDuration>) -> Look {
        let fresh = |stored: SimTime| ttl.is_none_or(|ttl| now - stored < ttl);
        match self.meta.get(&key).copied() {
            Some((v, stored)) if fresh(stored) => {
                self.cache.get(key);
                self.hits += 1;
                self.last_hit = Some((key, now));
                Look::Hit { version: v }
            }
            held => {
                self.misses += 1;
                Look::Miss { expired: held.is_some(), fetching: self.fetching.get(&key).copied() }
            }
        }
    }

    /// Stores `key` at `version`, brought back at `now` by request `req`
    /// (whose fetch, if it was this cache's, is over); returns the key
    /// evicted for it, and whether it was stored.
    fn fill(&mut self, req: u64, key: u64, now: SimTime, version: u64) -> (Option<u64>, bool) {
        if self.fetching.get(&key) == Some(&req) {
            self.fetching.remove(&key);
        }
        let evicted = self.cache.put(key);
        if let Some(e) = evicted {
            self.meta.remove(&e);
            self.last_evicted = Some((e, now));
        }
        let stored = self.cache.contains(key);
        if stored {
            self.meta.insert(key, (version, now));
            self.last_put = Some((key, now));
        }
        (evicted, stored)
    }

    fn view(&self) -> CacheView {
        let mut keys = self.cache.keys();
        keys.truncate(VIEW_KEYS);
        CacheView {
            keys,
            len: u32::try_from(self.cache.len()).unwrap_or(u32::MAX),
            capacity: u32::try_from(self.cache.capacity()).unwrap_or(u32::MAX),
            last_hit: self.last_hit,
            last_put: self.last_put,
            last_evicted: self.last_evicted,
        }
    }
}

#[derive(Clone, Debug)]
enum Router {
    Modulo(Modulo),
    Ring(Ring),
}

impl Router {
    fn get(&self) -> &dyn Placement {
        match self {
            Router::Modulo(p) => p,
            Router::Ring(p) => p,
        }
    }
    fn get_mut(&mut self) -> &mut dyn Placement {
        match self {
            Router::Modulo(p) => p,
            Router::Ring(p) => p,
        }
    }
}

#[derive(Clone, Debug)]
struct Server {
    cache: CacheState,
    /// Requests that reached it.
    requests: u64,
}

#[derive(Clone, Copy, Debug)]
struct InFlight {
    flight: Flight,
    client: u32,
    /// The version it carries back: the one the database or a cache gave.
    version: u64,
    /// A cache it passed held only an expired copy.
    expired: bool,
    /// It went on past a cache that was already fetching its key.
    stampede: bool,
}

#[derive(Clone, Copy, Debug)]
enum Ev {
    Arrival {
        generation: Generation,
    },
    AtServer {
        req: u64,
    },
    AtShared {
        req: u64,
    },
    AtDatabase {
        req: u64,
    },
    /// The value is back at the shared cache or at the request's server.
    Back {
        req: u64,
        at: Tier,
    },
    /// The value is back at the client.
    Done {
        req: u64,
    },
    Write,
    Sample,
}

/// Hits and requests in one stretch of the run.
#[derive(Clone, Copy, Debug, Default)]
struct Ratio {
    hits: u64,
    total: u64,
}

impl Ratio {
    fn add(&mut self, hit: bool) {
        self.total += 1;
        self.hits += u64::from(hit);
    }
    fn value(self) -> f64 {
        if self.total == 0 { 0.0 } else { self.hits as f64 / self.total as f64 }
    }
}

/// A run of the caching lab.
#[derive(Debug)]
pub struct Caching {
    cfg: Config,
    run: Run<Ev, Event, Point>,
    workload: SimRng,
    write_rng: SimRng,
    zipf: Option<Zipf>,
    salt: u64,
    router: Router,
    servers: LiteMap<u32, Server>,
    next_server: u32,
    shared: Option<CacheState>,
    clients: Vec<CacheState>,
    db: KeyMap<u64>,
    universe: Vec<u64>,
    initial_owners: Vec<Option<NodeId>>,
    keys_remapped: u64,
    flights: IdMap<InFlight>,
    sent: u64,
    completed: u64,
    overall: Ratio,
    before: Ratio,
    after: Ratio,
    /// The first request after the membership change, once it happened.
    changed_at_req: Option<u64>,
    client_hits: u64,
    server_hits: u64,
    shared_hits: u64,
    db_requests: u64,
    stampede: u64,
    coalesced: u64,
    /// Per request fetching a key: the requests waiting for it, and where.
    waiting: KeyMap<Vec<(Tier, u64)>>,
    stale_reads: u64,
    expired: u64,
    evictions: u64,
    writes: u64,
    latency: ExactCounts,
    che: Option<f64>,
    arrivals: Arrivals,
    window: Point,
}

impl Lab for Caching {
    type Config = Config;
    type Command = Command;
    type Event = Event;
    type Metrics = Metrics;
    type Point = Point;
    type View = View;
    const ID: LabId = LabId::Caching;

    fn new(cfg: Config, seed: u64) -> Result<Self, InputError> {
        cfg.validate()?;
        let salt = salt(seed);
        let mut router = match cfg.routing {
            Routing::Modulo => Router::Modulo(Modulo::new()),
            Routing::Ring => Router::Ring(Ring::full(cfg.vnodes, salt)),
        };
        match &mut router {
            Router::Ring(r) => r.add_nodes((0..cfg.servers).map(NodeId)),
            other => (0..cfg.servers).for_each(|n| other.get_mut().add(NodeId(n))),
        }
        let servers: LiteMap<u32, Server> = (0..cfg.servers)
            .map(|n| {
                (n, Server { cache: CacheState::new(cfg.cache_policy, cfg.cache_capacity), requests: 0 })
            })
            .collect();
        let zipf = cfg.trace.is_empty().then(|| Zipf::new(cfg.keys, cfg.zipf));
        let universe: Vec<u64> = if cfg.trace.is_empty() {
            (0..u64::from(cfg.keys)).collect()
        } else {
            let mut u = cfg.trace.clone();
            u.sort_unstable();
            u.dedup();
            u
        };
        let clients = if cfg.client_cache > 0 {
            (0..cfg.clients).map(|_| CacheState::new(cfg.cache_policy, cfg.client_cache)).collect()
        } else {
            Vec::new()
        };
        let shared = (cfg.shared_cache > 0).then(|| CacheState::new(cfg.cache_policy, cfg.shared_cache));
        let mut lab = Caching {
            run: Run::new(),
            workload: SimRng::new(seed, Stream::Workload),
            write_rng: SimRng::new(seed, Stream::Lab(1)),
            zipf,
            salt,
            router,
            servers,
            next_server: cfg.servers,
            shared,
            clients,
            db: KeyMap::default(),
            universe,
            initial_owners: Vec::new(),
            keys_remapped: 0,
            flights: IdMap::new(),
            sent: 0,
            completed: 0,
            overall: Ratio::default(),
            before: Ratio::default(),
            after: Ratio::default(),
            changed_at_req: None,
            client_hits: 0,
            server_hits: 0,
            shared_hits: 0,
            db_requests: 0,
            stampede: 0,
            coalesced: 0,
            waiting: KeyMap::default(),
            stale_reads: 0,
            expired: 0,
            evictions: 0,
            writes: 0,
            latency: ExactCounts::default(),
            che: None,
            arrivals: Arrivals::new(if cfg.trace.is_empty() { Gaps::Poisson } else { Gaps::Even }, cfg.rate),
            window: Point::default(),
            cfg,
        };
        lab.initial_owners = lab.owners();
        lab.che = lab.predict(&lab.initial_owners);
        lab.schedule_arrival();
        lab.schedule_write();
        lab.run.start_sampling(Ev::Sample);
        Ok(lab)
    }

    fn apply(&mut self, cmd: &Command) {
        let now = self.run.engine.now();
        match cmd {
            Command::AddServer => {
                if self.servers.len() >= MAX_SERVERS as usize {
                    return self.ignore(cmd, Ignored::AtMaximum);
                }
                let id = self.next_server;
                self.next_server += 1;
                self.router.get_mut().add(NodeId(id));
                let cache = CacheState::new(self.cfg.cache_policy, self.cfg.cache_capacity);
                self.servers.insert(id, Server { cache, requests: 0 });
                self.run.trace.record(now, Event::ServerAdded { server: id });
                self.membership_changed();
            }
            Command::RemoveServer(id) => {
                if !self.servers.contains_key(id) {
                    return self.ignore(cmd, Ignored::NoSuchServer);
                }
                if self.servers.len() == 1 {
                    return self.ignore(cmd, Ignored::LastServer);
                }
                self.router.get_mut().remove(NodeId(*id));
                let cached = self.servers.remove(id).map_or(0, |s| s.cache.cache.len() as u64);
                self.run.trace.record(now, Event::ServerRemoved { server: *id, cached });
                self.membership_changed();
            }
            Command::Write(key) => self.write(*key),
            Command::SetRate(rate) => {
                self.arrivals.set_rate(if rate.is_finite() { rate.clamp(0.1, 100_000.0) } else { 1.0 });
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
        View {
            now: self.run.engine.now(),
            servers: self
                .servers
                .iter()
                .map(|(&id, s)| ServerView {
                    id,
                    cache: s.cache.view(),
                    hits: s.cache.hits,
                    misses: s.cache.misses,
                })
                .collect(),
            shared: self.shared.as_ref().map(CacheState::view),
            client: self.clients.first().map(CacheState::view),
            flights: self.flights.values().map(|f| f.flight).collect(),
        }
    }

    fn metrics(&self) -> Metrics {
        Metrics {
            time_ms: self.run.engine.now().as_ms_f64(),
            requests: self.sent,
            completed: self.completed,
            hits: self.overall.hits,
            misses: self.overall.total - self.overall.hits,
            hit_ratio: self.overall.value(),
            hit_ratio_before_change: self.before.value(),
            hit_ratio_after_change: (self.after.total > 0).then(|| self.after.value()),
            hit_ratio_che: self.che,
            client_hits: self.client_hits,
            server_hits: self.server_hits,
            shared_hits: self.shared_hits,
            latency_ms_mean: self.latency.mean_ms(),
            latency_ms_p50: self.latency.quantile_ms(0.5),
            latency_ms_p99: self.latency.quantile_ms(0.99),
            db_requests: self.db_requests,
            stampede: self.stampede,
            coalesced: self.coalesced,
            stale_reads: self.stale_reads,
            expired: self.expired,
            evictions: self.evictions,
            writes: self.writes,
            keys_remapped: self.keys_remapped,
            server_ids: self.servers.keys().copied().collect(),
            per_server_requests: self.servers.values().map(|s| s.requests).collect(),
            per_server_hit_ratio: self
                .servers
                .values()
                .map(|s| Ratio { hits: s.cache.hits, total: s.cache.hits + s.cache.misses }.value())
                .collect(),
            per_server_cached: self.servers.values().map(|s| s.cache.cache.len() as u64).collect(),
        }
    }

    fn refusal(event: &Event) -> Option<(&str, &'static str)> {
        match event {
            Event::CommandIgnored { command, why } => Some((command, why.reason())),
            _ => None,
        }
    }

    fn finite(&self) -> bool {
        self.cfg.total_requests().is_some()
    }

    fn done(&self) -> bool {
        self.cfg.total_requests().is_some_and(|n| self.sent >= n) && self.flights.is_empty()
    }
}

impl Caching {
    /// Runs one of the engine's events.
    fn handle(&mut self, ev: Ev) {
        match ev {
            Ev::Arrival { generation } => self.on_arrival(generation),
            Ev::AtServer { req } => self.on_server(req),
            Ev::AtShared { req } => self.on_shared(req),
            Ev::AtDatabase { req } => self.on_database(req),
            Ev::Back { req, at } => self.on_back(req, at),
            Ev::Done { req } => self.on_done(req),
            Ev::Write => {
                let key = self.draw_key_for_write();
                self.write(key);
                self.schedule_write();
            }
            Ev::Sample => {
                self.run.sample(std::mem::take(&mut self.window), Ev::Sample);
            }
        }
    }
}

impl Caching {
    /// The settings this run started with.
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// The current request rate.
    pub fn rate(&self) -> f64 {
        self.arrivals.rate()
    }

    /// Each server's share of the keys' hash space, ascending by server.
    pub fn shares(&self) -> Vec<(u32, f64)> {
        self.router.get().shares().into_iter().map(|(n, s)| (n.0, s)).collect()
    }

    fn ignore(&mut self, cmd: &Command, why: Ignored) {
        self.run.record(Event::CommandIgnored { command: cmd.encode(), why });
    }

    fn key_hash(&self, key: u64) -> u64 {
        crate::placement::key_hash(self.salt, key)
    }

    fn owners(&self) -> Vec<Option<NodeId>> {
        let hashes: Vec<u64> = self.universe.iter().map(|&k| self.key_hash(k)).collect();
        self.router.get().assign(&hashes)
    }

    fn membership_changed(&mut self) {
        let owners = self.owners();
        let moved = self.initial_owners.iter().zip(&owners).filter(|(a, b)| a != b).count() as u64;
        self.keys_remapped = moved;
        self.run.record(Event::KeysRemapped { moved, keys: self.universe.len() as u64 });
        self.che = self.predict(&owners);
    }

    /// Che's approximation for the server caches, where it applies.
    fn predict(&self, owners: &[Option<NodeId>]) -> Option<f64> {
        let cfg = &self.cfg;
        let zipf = self.zipf.as_ref()?;
        let applies = cfg.cache_policy == Policy::Lru
            && cfg.client_cache == 0
            && cfg.shared_cache == 0
            && cfg.ttl_ms == 0.0
            && cfg.keys <= CHE_MAX_KEYS;
        if !applies {
            return None;
        }
        let mut per: LiteMap<NodeId, Vec<f64>> = LiteMap::new();
        for (k, owner) in owners.iter().enumerate() {
            if let Some(n) = owner {
                per.entry(*n).or_default().push(zipf.probability(k));
            }
        }
        Some(
            per.values().map(|p| p.iter().sum::<f64>() * che_hit_ratio(p, cfg.cache_capacity as usize)).sum(),
        )
    }

    fn schedule_arrival(&mut self) {
        if self.cfg.total_requests().is_some_and(|n| self.sent >= n) {
            return;
        }
        // A typed trace is a script: evenly spaced, the first at once. Zipf
        // keys arrive as a Poisson stream.
        if let Some((gap, generation)) = self.arrivals.next(&mut self.workload) {
            self.run.engine.schedule_in(gap, Ev::Arrival { generation });
        }
    }

    fn schedule_write(&mut self) {
        if self.cfg.write_rate > 0.0 {
            let gap = self.write_rng.exp(1_000_000.0 / self.cfg.write_rate);
            self.run.engine.schedule_in(SimDuration(round_us(gap)), Ev::Write);
        }
    }

    fn draw_key_for_write(&mut self) -> u64 {
        match &self.zipf {
            Some(z) => z.sample(&mut self.write_rng),
            None => {
                let i = self.write_rng.below(u32::try_from(self.universe.len()).unwrap_or(u32::MAX));
                self.universe.get(i as usize).copied().unwrap_or(0)
            }
        }
    }

    fn write(&mut self, key: u64) {
        let v = self.db.entry(key).or_insert(0);
        *v += 1;
        let version = *v;
        self.writes += 1;
        self.run.record(Event::Written { key, version });
    }

    fn version(&self, key: u64) -> u64 {
        self.db.get(&key).copied().unwrap_or(0)
    }

    fn ttl(&self) -> Option<SimDuration> {
        (self.cfg.ttl_ms > 0.0).then(|| SimDuration::from_ms_f64(self.cfg.ttl_ms))
    }

    fn on_arrival(&mut self, generation: Generation) {
        if !self.arrivals.arrive(generation) {
            return;
        }
        if self.cfg.total_requests().is_some_and(|n| self.sent >= n) {
            return;
        }
        self.sent += 1;
        let req = self.sent;
        if let Some((at, add)) = self.cfg.change_at()
            && at == req
        {
            self.changed_at_req = Some(req);
            let cmd = match (add, self.servers.keys().next_back()) {
                (true, _) | (false, None) => Command::AddServer,
                (false, Some(&last)) => Command::RemoveServer(last),
            };
            self.apply(&cmd);
        }
        let key = match &self.zipf {
            Some(z) => z.sample(&mut self.workload),
            None => self.cfg.trace[((req - 1) % self.cfg.trace.len() as u64) as usize],
        };
        let client = if self.cfg.clients > 1 { self.workload.below(self.cfg.clients) } else { 0 };
        self.schedule_arrival();
        if self.cfg.total_requests() == Some(req) {
            self.run.record(Event::AllSent { requests: req });
        }
        let now = self.run.engine.now();
        let flight = Flight::new(req, key, self.route(key), now);
        let mut f = InFlight { flight, client, version: 0, expired: false, stampede: false };
        match self.look(Tier::Client, &mut f) {
            Found::Hit(held) => {
                self.client_hits += 1;
                self.served(&mut f, Tier::Client, held);
                self.completed += 1;
                self.latency.record(SimDuration::ZERO);
                return;
            }
            Found::Busy(leader) if self.waits(Tier::Client, &mut f, leader) => return,
            _ => {}
        }
        self.forward(f, Station::Server);
    }

    fn route(&self, key: u64) -> u32 {
        self.router.get().owner(self.key_hash(key)).map_or(0, |n| n.0)
    }

    /// The cache at `tier` on `f`'s way, if there is one.
    fn cache_at(&mut self, tier: Tier, f: &InFlight) -> Option<&mut CacheState> {
        match tier {
            Tier::Client => self.clients.get_mut(f.client as usize),
            Tier::Server if self.cfg.cache_capacity > 0 => {
                self.servers.get_mut(&f.flight.server).map(|s| &mut s.cache)
            }
            Tier::Shared => self.shared.as_mut(),
            Tier::Server | Tier::Database => None,
        }
    }

    /// Looks `f`'s key up in the cache at `tier`. On a miss the request
    /// becomes that cache's fetch of the key, unless one is in flight.
    fn look(&mut self, tier: Tier, f: &mut InFlight) -> Found {
        let (now, ttl, key, req) = (self.run.engine.now(), self.ttl(), f.flight.key, f.flight.req);
        let Some(cache) = self.cache_at(tier, f) else { return Found::Miss };
        match cache.look(key, now, ttl) {
            Look::Hit { version } => Found::Hit(version),
            Look::Miss { expired, fetching } => {
                if fetching.is_none() {
                    cache.fetching.insert(key, req);
                }
                self.expired += u64::from(expired);
                f.expired |= expired;
                fetching.map_or(Found::Miss, Found::Busy)
            }
        }
    }

    /// `f` missed at `tier` while `leader` was fetching its key there:
    /// with `coalesce=on` it waits for that fetch (and is answered when it
    /// comes back); otherwise it goes on, a stampede. Whether it waits.
    fn waits(&mut self, tier: Tier, f: &mut InFlight, leader: u64) -> bool {
        if self.cfg.coalesce == Coalesce::Off {
            self.stampede += u64::from(!f.stampede);
            f.stampede = true;
            return false;
        }
        let (req, key) = (f.flight.req, f.flight.key);
        self.waiting.entry(leader).or_default().push((tier, req));
        self.coalesced += 1;
        self.counted(req, false);
        let server = (tier != Tier::Client).then_some(f.flight.server);
        self.run.record(Event::Coalesced { req, key, server, at: tier });
        self.flights.insert(req, *f);
        true
    }

    /// One way, between two neighbouring stations, in ms.
    fn leg_ms(&self, a: Station, b: Station) -> f64 {
        match (a, b) {
            (Station::Client, _) | (_, Station::Client) => self.cfg.client_ms,
            (Station::Shared, Station::Server) | (Station::Server, Station::Shared) => self.cfg.shared_ms,
            _ => self.cfg.db_ms,
        }
    }

    /// Sends `f` on from where it is now to `to`.
    fn forward(&mut self, mut f: InFlight, to: Station) {
        let now = self.run.engine.now();
        f.flight.wait_until(now);
        let from = f.flight.stops().last().map_or(Station::Client, |s| s.0);
        let at = now + SimDuration::from_ms_f64(self.leg_ms(from, to));
        f.flight.go(to, at);
        let req = f.flight.req;
        let ev = match (f.flight.tier, to) {
            (None, Station::Server) => Ev::AtServer { req },
            (None, Station::Shared) => Ev::AtShared { req },
            (None, _) => Ev::AtDatabase { req },
            (Some(_), Station::Shared) => Ev::Back { req, at: Tier::Shared },
            (Some(_), Station::Server) => Ev::Back { req, at: Tier::Server },
            (Some(_), _) => Ev::Done { req },
        };
        self.flights.insert(req, f);
        self.run.engine.schedule_at(at, ev);
    }

    /// Where an answer goes from `at`: toward the client.
    fn toward_client(&self, at: Tier) -> Station {
        match at {
            Tier::Database if self.shared.is_some() => Station::Shared,
            Tier::Database | Tier::Shared => Station::Server,
            Tier::Server | Tier::Client => Station::Client,
        }
    }

    fn on_server(&mut self, req: u64) {
        let Some(mut f) = self.flights.get(req).copied() else { return };
        // The balancer routes on arrival: a server may have joined or left.
        f.flight.server = self.route(f.flight.key);
        if let Some(s) = self.servers.get_mut(&f.flight.server) {
            s.requests += 1;
        }
        match self.look(Tier::Server, &mut f) {
            Found::Hit(held) => {
                self.server_hits += 1;
                self.served(&mut f, Tier::Server, held);
                return self.forward(f, Station::Client);
            }
            Found::Busy(leader) if self.waits(Tier::Server, &mut f, leader) => return,
            _ => {}
        }
        let next = if self.shared.is_some() { Station::Shared } else { Station::Database };
        self.forward(f, next);
    }

    fn on_shared(&mut self, req: u64) {
        let Some(mut f) = self.flights.get(req).copied() else { return };
        match self.look(Tier::Shared, &mut f) {
            Found::Hit(held) => {
                self.shared_hits += 1;
                self.served(&mut f, Tier::Shared, held);
                return self.forward(f, Station::Server);
            }
            Found::Busy(leader) if self.waits(Tier::Shared, &mut f, leader) => return,
            _ => {}
        }
        self.forward(f, Station::Database);
    }

    /// The database answers with the version it has now.
    fn on_database(&mut self, req: u64) {
        let Some(mut f) = self.flights.get(req).copied() else { return };
        self.db_requests += 1;
        self.window.db_reads += 1;
        let version = self.version(f.flight.key);
        self.served(&mut f, Tier::Database, version);
        let next = self.toward_client(Tier::Database);
        self.forward(f, next);
    }

    /// Counts and tells one answer where it was decided, and sets what the
    /// request carries back.
    fn served(&mut self, f: &mut InFlight, tier: Tier, version: u64) {
        let (req, key) = (f.flight.req, f.flight.key);
        let stale = version < self.version(key);
        self.counted(req, tier != Tier::Database);
        self.stale(stale);
        f.version = version;
        f.flight.tier = Some(tier);
        let server = (tier != Tier::Client).then_some(f.flight.server);
        let now = self.run.engine.now();
        self.run.trace.record(now, Event::Served { req, key, server, tier, expired: f.expired, stale });
    }

    /// `f`'s value is back at the cache at `tier`: stored there, and the
    /// requests waiting there for it are answered.
    fn store(&mut self, f: &InFlight, tier: Tier) {
        let now = self.run.engine.now();
        let (req, key, version) = (f.flight.req, f.flight.key, f.version);
        let server = (tier != Tier::Client).then_some(f.flight.server);
        if let Some(cache) = self.cache_at(tier, f) {
            let (evicted, stored) = cache.fill(req, key, now, version);
            self.evictions += u64::from(evicted.is_some());
            if stored {
                self.run.trace.record(now, Event::Stored { req, key, server, at: tier, evicted });
            }
        }
        let Some(list) = self.waiting.get_mut(&req) else { return };
        let mut here = Vec::new();
        list.retain(|&(t, r)| {
            if t == tier {
                here.push(r);
                false
            } else {
                true
            }
        });
        if list.is_empty() {
            self.waiting.remove(&req);
        }
        for r in here {
            let Some(mut w) = self.flights.get(r).copied() else { continue };
            w.version = version;
            w.flight.tier = f.flight.tier;
            let stale = version < self.version(key);
            self.stale(stale);
            if tier == Tier::Client {
                self.finish(w);
            } else {
                let next = self.toward_client(tier);
                self.forward(w, next);
            }
        }
    }

    fn on_back(&mut self, req: u64, at: Tier) {
        let Some(f) = self.flights.get(req).copied() else { return };
        self.store(&f, at);
        let next = self.toward_client(at);
        self.forward(f, next);
    }

    fn on_done(&mut self, req: u64) {
        let Some(f) = self.flights.get(req).copied() else { return };
        self.store(&f, Tier::Client);
        self.finish(f);
    }

    /// `f`'s answer reached its client.
    fn finish(&mut self, f: InFlight) {
        self.flights.remove(f.flight.req);
        self.completed += 1;
        self.latency.record(self.run.engine.now() - f.flight.sent());
    }

    fn stale(&mut self, stale: bool) {
        if stale {
            self.stale_reads += 1;
            self.window.stale += 1;
        }
    }

    /// Counts one request's answer as a hit or a miss, once.
    fn counted(&mut self, req: u64, hit: bool) {
        self.overall.add(hit);
        // The change's before and after: the 10% of the requests just before
        // it (the caches' steady state) and the 10% just after it.
        let window = self.cfg.total_requests().map_or(AFTER_WINDOW_OPEN, |n| (n / 10).max(1));
        match self.changed_at_req.or(self.cfg.change_at().map(|c| c.0)) {
            Some(at) if req >= at => {
                if req < at + window {
                    self.after.add(hit);
                }
            }
            Some(at) if req + window >= at => self.before.add(hit),
            Some(_) => {}
            None => self.before.add(hit),
        }
        if hit {
            self.window.hits += 1;
        } else {
            self.window.misses += 1;
        }
    }
}
