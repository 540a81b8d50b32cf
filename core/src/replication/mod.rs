//! A replicated key-value store: one leader and its followers, a log of
//! writes with terms and indexes, heartbeats, failure detection and leader
//! election as in Raft — written by hand, because it is what the replication
//! lab teaches (and what the sessions lab's replicated store stands on).
//!
//! A [`Cluster`] runs on its lab's engine: it schedules its own events
//! ([`Ev`]) through an [`Io`] that wraps them into the lab's event type, and
//! it reports what happened to each client request as an [`Outcome`] and
//! what happened to the cluster as a [`Happened`], which the lab turns into
//! its events and numbers.
//!
//! What it models:
//! - Writes are appended by the leader and replicated with appends; a write
//!   is acknowledged to its client after the leader's own write (`async`),
//!   after every follower has it (`sync`) or after W of N, the leader
//!   included (`quorum`).
//! - Reads are answered by the leader (`leader`: in quorum mode the leader
//!   first confirms with one heartbeat round that it still leads), by one
//!   replica from its own copy (`any`), or by R replicas, the newest version
//!   winning (`quorum`).
//! - A follower that hears no leader for a random election timeout becomes
//!   a candidate for the next term; a replica grants one vote per term, only
//!   to a candidate whose log is at least as up to date as its own; anyone
//!   who sees a higher term steps down. In `cp` a majority of all replicas
//!   elects and commits; in `ap` a majority of the replicas on the
//!   candidate's side of a partition does, so each side keeps or elects its
//!   own leader, and on heal the last writer wins per key.
//! - Clients reach every replica whatever the partition between replicas
//!   (the partition is between the replicas' sites); a replica that is not
//!   the leader points the client at the leader it knows.
//!
//! What it counts exactly, from the key histories: a write is *lost* when it
//! was acknowledged and is not in its key's final history (each write names
//! the version it replaced, so the final value's chain is the history);
//! a read is *stale* when it returned an older version than the newest write
//! to that key acknowledged before the read began.

mod state;

use crate::engine::Engine;
use crate::idmap::IdMap;
use crate::input::choices;
use crate::metrics::LatencyHistogram;
use crate::net::{Delivery, Latency, Network};
use crate::node::NodeId;
use crate::rng::{SimRng, Stream};
use crate::time::{SimDuration, SimTime};
pub use state::{Entry, Replica, Role};
use std::cell::RefCell;

choices! {
    /// When the leader acknowledges a write to its client.
    pub enum WriteMode {
        /// After its own write; replicated in the background.
        Async = "async",
        /// After every follower has it.
        Sync = "sync",
        /// After W of N replicas have it, the leader included.
        Quorum = "quorum",
    }
}

choices! {
    /// Who answers a read.
    pub enum ReadFrom {
        /// The leader (in quorum mode after confirming it still leads).
        Leader = "leader",
        /// One replica, from its own copy: fast, maybe stale.
        Any = "any",
        /// R replicas; the newest version wins.
        Quorum = "quorum",
    }
}

choices! {
    /// What a partition does.
    pub enum Consistency {
        /// Only a side with a majority of all replicas elects and commits.
        Cp = "cp",
        /// Each side keeps or elects its own leader; on heal the last writer
        /// wins per key.
        Ap = "ap",
    }
}

/// How a cluster behaves.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// How many replicas (numbered from 0).
    pub replicas: u32,
    /// When a write is acknowledged.
    pub write_mode: WriteMode,
    /// W for quorum writes (the leader included).
    pub write_quorum: u32,
    /// Who answers reads.
    pub read_from: ReadFrom,
    /// R for quorum reads.
    pub read_quorum: u32,
    /// What a partition does.
    pub consistency: Consistency,
    /// How often the leader sends heartbeats.
    pub heartbeat: SimDuration,
    /// Election timeouts are drawn uniformly from `[lo, hi]`.
    pub election: (SimDuration, SimDuration),
    /// One hop between replicas, or between a client and a replica.
    pub latency: Latency,
    /// How long a client waits for an answer.
    pub timeout: SimDuration,
    /// Whether a replica's log is on disk and survives a crash. A store kept
    /// in memory only (a session cache, say) comes back empty and catches up
    /// from the leader, if there is one: what only it held is gone.
    pub durable: bool,
}

impl Params {
    /// A majority of the replicas.
    pub fn majority(&self) -> u32 {
        self.replicas / 2 + 1
    }
}

/// The cluster's own events, carried in the lab's engine.
#[derive(Clone, Debug)]
pub enum Ev {
    /// A message arrives at replica `to`.
    Deliver {
        /// The receiving replica.
        to: u32,
        /// What it says.
        msg: Msg,
        /// Its flight, for drawing.
        flight: u64,
    },
    /// A client's message arrives at replica `to`.
    AtReplica {
        /// The receiving replica.
        to: u32,
        /// The request.
        req: u64,
        /// Its flight, for drawing.
        flight: u64,
    },
    /// A replica's answer arrives at the client.
    AtClient {
        /// The request.
        req: u64,
        /// The answer.
        answer: Answer,
        /// Its flight, for drawing.
        flight: u64,
    },
    /// A follower's or candidate's election timer ran out.
    ElectionTimeout {
        /// The replica.
        node: u32,
        /// Its timer's generation when the timer was set.
        epoch: u64,
    },
    /// A leader's heartbeat timer ran out.
    Heartbeat {
        /// The replica.
        node: u32,
        /// Its timer's generation when the timer was set.
        epoch: u64,
    },
    /// A client gives up on a request.
    Timeout {
        /// The request.
        req: u64,
    },
}

/// A message between replicas.
#[derive(Clone, Debug)]
pub enum Msg {
    /// The leader's appends (empty: a heartbeat).
    Append {
        /// The leader's term.
        term: u64,
        /// The leader.
        leader: u32,
        /// The index before the first entry sent.
        prev_index: u64,
        /// That entry's term.
        prev_term: u64,
        /// Entries from `prev_index + 1`.
        entries: Vec<Entry>,
        /// The leader's commit index.
        commit: u64,
        /// The leader's heartbeat round (for reads that confirm leadership).
        round: u64,
    },
    /// A follower's answer to an append.
    AppendReply {
        /// The follower's term.
        term: u64,
        /// The follower.
        from: u32,
        /// Whether its log matched at `prev_index`.
        success: bool,
        /// The last index it holds that matches the leader's.
        matched: u64,
        /// The round it answers.
        round: u64,
    },
    /// A candidate asks for a vote.
    Vote {
        /// The candidate's term.
        term: u64,
        /// The candidate.
        candidate: u32,
        /// Its last log index.
        last_index: u64,
        /// Its last log entry's term.
        last_term: u64,
    },
    /// A replica's vote.
    VoteReply {
        /// The voter's term.
        term: u64,
        /// The voter.
        from: u32,
        /// Whether the vote was granted.
        granted: bool,
    },
}

/// What a replica answers a client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// The write is acknowledged with this version.
    Wrote {
        /// The write's id, which is the key's new version.
        version: u64,
    },
    /// The key's version at the replica (0: never written).
    Read {
        /// The version.
        version: u64,
        /// Which replica answered.
        from: u32,
    },
    /// Not the leader; try this one.
    NotLeader {
        /// The leader it knows, if any.
        hint: Option<u32>,
    },
    /// It cannot answer: a minority side, or nobody leads.
    Refused,
}

/// What happened to a client request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A write was acknowledged.
    Wrote {
        /// The request.
        req: u64,
        /// Its key.
        key: u32,
        /// Its version.
        version: u64,
        /// How long it took.
        latency: SimDuration,
    },
    /// A read was answered.
    Read {
        /// The request.
        req: u64,
        /// Its key.
        key: u32,
        /// The version it got.
        version: u64,
        /// The newest version acknowledged before the read began.
        newest: u64,
        /// Who answered (the newest among a quorum's).
        from: u32,
        /// How long it took.
        latency: SimDuration,
    },
    /// It failed: refused, or no answer in time.
    Failed {
        /// The request.
        req: u64,
        /// Its key.
        key: u32,
        /// Whether it was a write.
        write: bool,
        /// Whether the client gave up waiting (else it was refused).
        timed_out: bool,
    },
}

/// A change in the cluster worth telling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Happened {
    /// A replica heard no leader for `waited` and asked for votes.
    Candidate {
        /// The replica.
        node: u32,
        /// The term it stands in.
        term: u64,
        /// How long it waited.
        waited: SimDuration,
    },
    /// A replica won an election.
    Elected {
        /// The new leader.
        node: u32,
        /// Its term.
        term: u64,
        /// Its votes.
        votes: u32,
    },
    /// A leader saw a higher term and stepped down.
    SteppedDown {
        /// The old leader.
        node: u32,
        /// The term it saw.
        term: u64,
    },
    /// A follower dropped entries that conflicted with its leader's log.
    RolledBack {
        /// The follower.
        node: u32,
        /// How many entries it dropped.
        entries: u64,
    },
    /// On heal, sides' histories were merged, the last writer winning per key.
    Merged {
        /// The leader whose log survives.
        into: u32,
        /// Writes taken from the other sides.
        taken: u64,
    },
}

/// Where a cluster schedules its events: the lab's engine, and how to wrap
/// an [`Ev`] into the lab's event type (a closure, so a lab with several
/// clusters on one engine can say which one an event is for).
pub struct Io<'a, E> {
    /// The lab's engine.
    pub engine: &'a mut Engine<E>,
    /// Wraps a cluster event.
    pub wrap: &'a dyn Fn(Ev) -> E,
}

impl<E> Io<'_, E> {
    fn at(&mut self, delay: SimDuration, ev: Ev) {
        self.engine.schedule_in(delay, (self.wrap)(ev));
    }

    fn now(&self) -> SimTime {
        self.engine.now()
    }
}

/// Where a message starts or ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A replica.
    Replica(u32),
    /// The clients.
    Client,
}

/// What a message in flight is, for drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MsgKind {
    /// An append carrying entries.
    Append,
    /// An empty append: a heartbeat.
    Heartbeat,
    /// A follower's answer to an append.
    Ack,
    /// A candidate's request for a vote.
    Vote,
    /// A vote, granted or not.
    VoteReply,
    /// A client's request.
    Request,
    /// A replica's answer to a client.
    Answer,
}

/// A message on its way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flight {
    /// Where it left.
    pub from: Place,
    /// Where it goes.
    pub to: Place,
    /// What it is.
    pub kind: MsgKind,
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

/// A client request in flight.
#[derive(Clone, Debug)]
struct Request {
    key: u32,
    write: bool,
    /// For writes: the value written.
    value: u64,
    started: SimTime,
    /// For reads: the newest version acknowledged when it began.
    newest: u64,
    /// Quorum reads: answers so far (version, replica).
    answers: Vec<(u64, u32)>,
    /// Replicas that refused a quorum read.
    refusals: u32,
    /// Which replica a leader read or a write went to last.
    at: u32,
}

/// A write the leader will acknowledge once enough replicas hold it.
#[derive(Clone, Copy, Debug)]
struct Pending {
    req: u64,
    index: u64,
    version: u64,
}

/// A leader read waiting for a heartbeat round to confirm leadership.
#[derive(Clone, Copy, Debug)]
struct PendingRead {
    req: u64,
    round: u64,
}

/// The counts a lab reports.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    /// Writes asked for.
    pub writes: u64,
    /// Writes acknowledged.
    pub writes_acked: u64,
    /// Writes refused or timed out.
    pub writes_failed: u64,
    /// Reads asked for.
    pub reads: u64,
    /// Reads answered with an older version than one already acknowledged.
    pub reads_stale: u64,
    /// Reads refused or timed out.
    pub reads_failed: u64,
    /// Requests refused or timed out.
    pub unavailable: u64,
    /// Terms that got a leader.
    pub elections: u64,
    /// The highest term any replica reached.
    pub terms: u64,
    /// The most leaders any one term had.
    pub leaders_per_term_max: u32,
}

/// One replica set and its clients' requests.
#[derive(Debug)]
pub struct Cluster {
    params: Params,
    replicas: Vec<Replica>,
    net: Network,
    /// Election timeouts.
    timers: SimRng,
    /// Which replica an `any` read asks.
    choose: SimRng,
    requests: IdMap<Request>,
    /// Per leader: writes waiting for acknowledgement.
    pending: Vec<Vec<Pending>>,
    /// Per leader: reads waiting for a round.
    pending_reads: Vec<Vec<PendingRead>>,
    /// Per leader: the last heartbeat round and who acknowledged it.
    rounds: Vec<(u64, u64)>,
    /// The replica clients send writes and leader reads to.
    hint: u32,
    /// The replica a request last timed out at: a pointer back to it is
    /// not followed (it may be a leader cut off from its majority).
    suspect: Option<u32>,
    next_version: u64,
    /// Per version: its key, whether acknowledged.
    versions: Vec<(u32, bool)>,
    /// Per version: the value written.
    values: Vec<u64>,
    /// Per key: the newest acknowledged version.
    newest_acked: Vec<u64>,
    /// Per term: the leaders it had (a bit per replica).
    leaders: Vec<u64>,
    /// When the cluster last lost its leader, if it has none now.
    leaderless_since: Option<SimTime>,
    leaderless_total: SimDuration,
    /// From losing a leader to the next one.
    pub elections_took: LatencyHistogram,
    /// Write latencies.
    pub write_latency: LatencyHistogram,
    /// Read latencies.
    pub read_latency: LatencyHistogram,
    counts: Counts,
    outcomes: Vec<Outcome>,
    happened: Vec<Happened>,
    /// Messages on their way, for drawing.
    flights: IdMap<Flight>,
    /// Per link between replicas (from × N + to): when its last message arrives.
    links: Vec<SimTime>,
    next_flight: u64,
    /// The last count of lost writes, kept up to date as writes are
    /// appended and acknowledged, and dropped when a log or the set of
    /// leaders changes in any other way (see [`Cluster::writes_lost`]).
    lost: RefCell<Option<History>>,
}

/// Which versions are in their key's history, and how many acknowledged
/// ones are not.
#[derive(Clone, Debug)]
struct History {
    in_history: Vec<bool>,
    lost: u64,
}

/// The most entries one append carries.
const BATCH: usize = 64;

impl Cluster {
    /// A cluster of `params.replicas` replicas, replica 0 leading term 1,
    /// for `keys` keys, with timers and choices drawn from the run `seed`.
    pub fn new(params: Params, keys: u32, seed: u64) -> Cluster {
        let n = params.replicas as usize;
        let mut replicas: Vec<Replica> = (0..params.replicas).map(|_| Replica::new(n)).collect();
        replicas[0].lead(1, n);
        for r in &mut replicas[1..] {
            r.follow(1, Some(0));
        }
        let mut leaders = vec![0; 2];
        leaders[1] = 1;
        Cluster {
            replicas,
            net: Network::new(seed),
            timers: SimRng::new(seed, Stream::Lab(20)),
            choose: SimRng::new(seed, Stream::Lab(21)),
            requests: IdMap::new(),
            pending: vec![Vec::new(); n],
            pending_reads: vec![Vec::new(); n],
            rounds: vec![(0, 0); n],
            hint: 0,
            suspect: None,
            next_version: 1,
            versions: vec![(0, false)],
            values: vec![0],
            newest_acked: vec![0; keys.max(1) as usize],
            leaders,
            leaderless_since: None,
            leaderless_total: SimDuration::ZERO,
            elections_took: LatencyHistogram::new(),
            write_latency: LatencyHistogram::new(),
            read_latency: LatencyHistogram::new(),
            counts: Counts { terms: 1, elections: 1, leaders_per_term_max: 1, ..Counts::default() },
            outcomes: Vec::new(),
            happened: Vec::new(),
            flights: IdMap::new(),
            links: vec![SimTime::ZERO; n * n],
            next_flight: 0,
            lost: RefCell::new(None),
            params,
        }
    }

    /// Starts the timers: the first leader's heartbeats and every
    /// follower's election timer.
    pub fn start<E>(&mut self, io: &mut Io<'_, E>) {
        for node in 0..self.params.replicas {
            if self.replicas[node as usize].role == Role::Leader {
                self.heartbeat(node, io);
            } else {
                self.reset_election(node, io);
            }
        }
    }

    /// The settings.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The replicas, by number.
    pub fn replicas(&self) -> &[Replica] {
        &self.replicas
    }

    /// The network between the replicas.
    pub fn network(&self) -> &Network {
        &self.net
    }

    /// The counts so far.
    pub fn counts(&self) -> &Counts {
        &self.counts
    }

    /// The replica that leads the highest term among the up replicas, if
    /// it is up and a leader.
    pub fn leader(&self) -> Option<u32> {
        let top = self.replicas.iter().filter(|r| r.up).map(|r| r.term).max()?;
        (0..self.params.replicas).find(|&i| {
            let r = &self.replicas[i as usize];
            r.up && r.role == Role::Leader && r.term == top
        })
    }

    /// The value written at `version` (0 for version 0: never written).
    pub fn value(&self, version: u64) -> u64 {
        self.values.get(version as usize).copied().unwrap_or(0)
    }

    /// Whether any replica that is up takes itself for a leader.
    fn any_leader_up(&self) -> bool {
        self.replicas.iter().any(|r| r.up && r.role == Role::Leader)
    }

    /// How many messages are on their way.
    pub fn messages_in_flight(&self) -> usize {
        self.flights.len()
    }

    /// Messages on their way, oldest first.
    pub fn flights(&self) -> impl Iterator<Item = &Flight> {
        self.flights.values()
    }

    fn fly<E>(&mut self, from: Place, to: Place, kind: MsgKind, delay: SimDuration, io: &Io<'_, E>) -> u64 {
        self.next_flight += 1;
        let now = io.now();
        self.flights.insert(self.next_flight, Flight { from, to, kind, sent: now, arrives: now + delay });
        self.next_flight
    }

    /// Requests waiting for an answer.
    pub fn in_flight(&self) -> usize {
        self.requests.len()
    }

    /// Time so far without a leader, up to `now`.
    pub fn time_without_leader(&self, now: SimTime) -> SimDuration {
        self.leaderless_total + self.leaderless_since.map_or(SimDuration::ZERO, |s| now.since(s))
    }

    /// Terms that ended without a leader.
    pub fn split_votes(&self) -> u64 {
        let top = self.counts.terms as usize;
        (1..top).filter(|&t| self.leaders.get(t).is_none_or(|&l| l == 0)).count() as u64
    }

    /// What happened to client requests since the last call.
    pub fn take_outcomes(&mut self) -> Vec<Outcome> {
        std::mem::take(&mut self.outcomes)
    }

    /// What happened in the cluster since the last call.
    pub fn take_happened(&mut self) -> Vec<Happened> {
        std::mem::take(&mut self.happened)
    }

    /// Acknowledged writes that are in no key's history: the history of the
    /// key's newest version in the log of each leader that is up (one per
    /// side of a partition in `ap`), or, with no leader, in the most
    /// up-to-date log. After a heal and an election that is the final
    /// history.
    pub fn writes_lost(&self) -> u64 {
        let mut cache = self.lost.borrow_mut();
        cache.get_or_insert_with(|| self.history()).lost
    }

    /// [`Cluster::writes_lost`] counted again from the logs, for tests that
    /// hold the kept count to it.
    #[doc(hidden)]
    pub fn writes_lost_recounted(&self) -> u64 {
        self.history().lost
    }

    /// Walks each key's history back from its last version in the logs
    /// that count (the up leaders', else the most up-to-date replica's).
    fn history(&self) -> History {
        let mut sources: Vec<usize> = (0..self.replicas.len())
            .filter(|&i| self.replicas[i].up && self.replicas[i].role == Role::Leader)
            .collect();
        if sources.is_empty() {
            sources.extend(self.authoritative());
        }
        let mut in_history = vec![false; self.versions.len()];
        let mut replaced = vec![0u64; self.versions.len()];
        let mut last = vec![0u64; self.newest_acked.len()];
        for i in sources {
            replaced.fill(0);
            last.fill(0);
            for e in &self.replicas[i].log {
                if let Some(r) = replaced.get_mut(e.version as usize) {
                    *r = e.replaced;
                }
                if let Some(slot) = last.get_mut(e.key as usize) {
                    *slot = e.version;
                }
            }
            for &v in &last {
                let mut v = v;
                while v != 0 && !in_history[v as usize] {
                    in_history[v as usize] = true;
                    v = replaced[v as usize];
                }
            }
        }
        let lost = (1..self.versions.len()).filter(|&v| self.versions[v].1 && !in_history[v]).count() as u64;
        History { in_history, lost }
    }

    /// A log or the set of replicas whose logs count changed other than by
    /// a leader appending a write: the lost writes are counted again when
    /// next asked for.
    fn history_changed(&mut self) {
        *self.lost.get_mut() = None;
    }

    /// The replica whose log is the most up to date: the leader if there is
    /// one, else the best (last term, last index) among the up replicas,
    /// else among all.
    fn authoritative(&self) -> Option<usize> {
        if let Some(l) = self.leader() {
            return Some(l as usize);
        }
        let best = |up_only: bool| {
            (0..self.replicas.len()).filter(|&i| !up_only || self.replicas[i].up).max_by_key(|&i| {
                (self.replicas[i].last_term(), self.replicas[i].last_index(), usize::MAX - i)
            })
        };
        best(true).or_else(|| best(false))
    }

    /// A client writes key `key` (request `req`), sending it to `via` if
    /// given (a client at that replica's site), else to the replica it takes
    /// for the leader.
    pub fn write<E>(&mut self, req: u64, key: u32, value: u64, via: Option<u32>, io: &mut Io<'_, E>) {
        self.counts.writes += 1;
        let at = via.filter(|&v| v < self.params.replicas).unwrap_or(self.hint);
        self.begin(req, key, Some(value), at, io);
    }

    /// A client reads key `key` (request `req`), from `from` if given and
    /// reads go to any replica.
    pub fn read<E>(&mut self, req: u64, key: u32, from: Option<u32>, io: &mut Io<'_, E>) {
        self.counts.reads += 1;
        let n = self.params.replicas;
        match self.params.read_from {
            ReadFrom::Leader => {
                let at = self.hint;
                self.begin(req, key, None, at, io);
            }
            ReadFrom::Any => {
                let at = from.filter(|&f| f < n).unwrap_or_else(|| self.choose.below(n));
                self.begin(req, key, None, at, io);
            }
            ReadFrom::Quorum => {
                self.begin(req, key, None, 0, io);
                for to in 1..n {
                    self.client_send(to, req, io);
                }
            }
        }
    }

    /// Starts request `req` on `key`: a write of `value`, or a read.
    fn begin<E>(&mut self, req: u64, key: u32, value: Option<u64>, at: u32, io: &mut Io<'_, E>) {
        let newest = self.newest_acked.get(key as usize).copied().unwrap_or(0);
        let (write, value) = (value.is_some(), value.unwrap_or(0));
        let request =
            Request { key, write, value, started: io.now(), newest, answers: Vec::new(), refusals: 0, at };
        self.requests.insert(req, request);
        io.at(self.params.timeout, Ev::Timeout { req });
        self.client_send(at, req, io);
    }

    /// A client's message to replica `to`: partitions between replicas do not
    /// cut it; random loss does.
    fn client_send<E>(&mut self, to: u32, req: u64, io: &mut Io<'_, E>) {
        if let Delivery::After(d) = self.net.send_unpartitioned(&self.params.latency) {
            let flight = self.fly(Place::Client, Place::Replica(to), MsgKind::Request, d, io);
            io.at(d, Ev::AtReplica { to, req, flight });
        }
    }

    fn reply<E>(&mut self, from: u32, req: u64, answer: Answer, io: &mut Io<'_, E>) {
        if let Delivery::After(d) = self.net.send_unpartitioned(&self.params.latency) {
            let flight = self.fly(Place::Replica(from), Place::Client, MsgKind::Answer, d, io);
            io.at(d, Ev::AtClient { req, answer, flight });
        }
    }

    fn send<E>(&mut self, from: u32, to: u32, msg: Msg, io: &mut Io<'_, E>) {
        if let Delivery::After(d) = self.net.send(NodeId(from), NodeId(to), &self.params.latency) {
            // A link keeps its order: nothing arrives before what was sent
            // on it earlier.
            let link = (from * self.params.replicas + to) as usize;
            let arrives = (io.now() + d).max(self.links[link]);
            self.links[link] = arrives;
            let d = arrives.since(io.now());
            let kind = match &msg {
                Msg::Append { entries, .. } if entries.is_empty() => MsgKind::Heartbeat,
                Msg::Append { .. } => MsgKind::Append,
                Msg::AppendReply { .. } => MsgKind::Ack,
                Msg::Vote { .. } => MsgKind::Vote,
                Msg::VoteReply { .. } => MsgKind::VoteReply,
            };
            let flight = self.fly(Place::Replica(from), Place::Replica(to), kind, d, io);
            io.at(d, Ev::Deliver { to, msg, flight });
        }
    }

    /// Runs one of the cluster's events.
    pub fn handle<E>(&mut self, ev: Ev, io: &mut Io<'_, E>) {
        match ev {
            Ev::Deliver { to, msg, flight } => {
                self.flights.remove(flight);
                if self.replicas[to as usize].up {
                    self.on_message(to, msg, io);
                }
            }
            Ev::AtReplica { to, req, flight } => {
                self.flights.remove(flight);
                if self.replicas[to as usize].up {
                    self.on_request(to, req, io);
                } else if let Some(r) = self.requests.get(req) {
                    // A crashed replica's machine refuses the connection: the
                    // client hears so after the hop back and tries another
                    // (a quorum read counts it as one replica that will not
                    // answer).
                    let quorum_read = !r.write && self.params.read_from == ReadFrom::Quorum;
                    let answer = if quorum_read { Answer::Refused } else { Answer::NotLeader { hint: None } };
                    self.reply(to, req, answer, io);
                }
            }
            Ev::AtClient { req, answer, flight } => {
                self.flights.remove(flight);
                self.on_answer(req, answer, io);
            }
            Ev::ElectionTimeout { node, epoch } => {
                let r = &self.replicas[node as usize];
                if r.up && r.election_epoch == epoch && r.role != Role::Leader {
                    self.stand(node, io);
                }
            }
            Ev::Heartbeat { node, epoch } => {
                let r = &self.replicas[node as usize];
                if r.up && r.heartbeat_epoch == epoch && r.role == Role::Leader {
                    self.heartbeat(node, io);
                }
            }
            Ev::Timeout { req } => {
                if let Some(r) = self.requests.remove(req) {
                    self.fail(req, &r, true);
                }
            }
        }
        self.track_leader(io.now());
    }

    fn fail(&mut self, req: u64, r: &Request, timed_out: bool) {
        self.counts.unavailable += 1;
        if r.write {
            self.counts.writes_failed += 1;
        } else {
            self.counts.reads_failed += 1;
        }
        if timed_out {
            // The client tries another replica next time.
            self.suspect = Some(r.at);
            self.hint = (r.at + 1) % self.params.replicas;
        }
        self.outcomes.push(Outcome::Failed { req, key: r.key, write: r.write, timed_out });
    }

    /// A replica got a client's request.
    fn on_request<E>(&mut self, at: u32, req: u64, io: &mut Io<'_, E>) {
        let Some(r) = self.requests.get(req) else { return };
        let (key, write, value) = (r.key, r.write, r.value);
        let quorum_read = !write && self.params.read_from == ReadFrom::Quorum;
        let any_read = !write && self.params.read_from == ReadFrom::Any;
        if quorum_read || any_read {
            let version = self.replicas[at as usize].version_of(key);
            return self.reply(at, req, Answer::Read { version, from: at }, io);
        }
        let rep = &self.replicas[at as usize];
        if rep.role != Role::Leader {
            let hint = rep.leader_hint;
            return self.reply(at, req, Answer::NotLeader { hint }, io);
        }
        if write {
            let version = self.next_version;
            self.next_version += 1;
            self.versions.push((key, false));
            self.values.push(value);
            let rep = &mut self.replicas[at as usize];
            let replaced = rep.version_of(key);
            let term = rep.term;
            rep.push(Entry { term, key, version, replaced });
            // An up leader's new last write of the key, following the one it
            // replaces: in the history, and nothing leaves it.
            if let Some(h) = self.lost.get_mut() {
                h.in_history.push(true);
            }
            let rep = &mut self.replicas[at as usize];
            let index = rep.last_index();
            rep.matched[at as usize] = index;
            self.pending[at as usize].push(Pending { req, index, version });
            // Async replicates in the background, with the next heartbeat;
            // the others send it at once, since the client waits for it.
            if self.params.write_mode != WriteMode::Async {
                self.replicate(at, io);
            }
            self.settle(at, io);
        } else if self.params.write_mode == WriteMode::Quorum && self.params.consistency == Consistency::Cp {
            // Confirm leadership with one heartbeat round before answering.
            let round = self.rounds[at as usize].0 + 1;
            self.pending_reads[at as usize].push(PendingRead { req, round });
            self.heartbeat(at, io);
        } else {
            let version = self.replicas[at as usize].version_of(key);
            self.reply(at, req, Answer::Read { version, from: at }, io);
        }
    }

    /// The client got an answer.
    fn on_answer<E>(&mut self, req: u64, answer: Answer, io: &mut Io<'_, E>) {
        let now = io.now();
        let Some(r) = self.requests.get_mut(req) else { return };
        match answer {
            Answer::Wrote { version } => {
                let Some(r) = self.requests.remove(req) else { return };
                let latency = now.since(r.started);
                if self.suspect == Some(r.at) {
                    self.suspect = None;
                }
                self.write_latency.record(latency);
                self.counts.writes_acked += 1;
                if let Some(v) = self.versions.get_mut(version as usize).filter(|v| !v.1) {
                    v.1 = true;
                    if let Some(h) = self.lost.get_mut() {
                        h.lost += u64::from(!h.in_history[version as usize]);
                    }
                }
                if let Some(n) = self.newest_acked.get_mut(r.key as usize) {
                    *n = (*n).max(version);
                }
                self.outcomes.push(Outcome::Wrote { req, key: r.key, version, latency });
            }
            Answer::Read { version, from } => {
                if self.params.read_from == ReadFrom::Quorum {
                    r.answers.push((version, from));
                    if (r.answers.len() as u32) < self.params.read_quorum.min(self.params.replicas) {
                        return;
                    }
                }
                let Some(r) = self.requests.remove(req) else { return };
                let (version, from) =
                    r.answers.iter().copied().max_by_key(|a| a.0).unwrap_or((version, from));
                let latency = now.since(r.started);
                self.read_latency.record(latency);
                if version < r.newest {
                    self.counts.reads_stale += 1;
                }
                self.outcomes.push(Outcome::Read {
                    req,
                    key: r.key,
                    version,
                    newest: r.newest,
                    from,
                    latency,
                });
            }
            Answer::NotLeader { hint } => {
                let n = self.params.replicas;
                let suspect = self.suspect;
                let next = (1..n).map(|k| (r.at + k) % n).find(|&c| Some(c) != suspect).unwrap_or(r.at);
                let to = hint.filter(|&h| Some(h) != suspect && h != r.at).unwrap_or(next);
                r.at = to;
                if r.write || self.params.read_from == ReadFrom::Leader {
                    self.hint = to;
                }
                self.client_send(to, req, io);
            }
            Answer::Refused => {
                if self.params.read_from == ReadFrom::Quorum && !r.write {
                    r.refusals += 1;
                    let can = self.params.replicas - r.refusals;
                    if can >= self.params.read_quorum {
                        return;
                    }
                }
                let Some(r) = self.requests.remove(req) else { return };
                self.fail(req, &r, false);
            }
        }
    }

    /// How many votes or copies make a quorum for replica `node`: a majority
    /// of all replicas in `cp`, of the replicas on its side in `ap`.
    fn quorum_for(&self, node: u32) -> u32 {
        match self.params.consistency {
            Consistency::Cp => self.params.majority(),
            Consistency::Ap => self.side(node) / 2 + 1,
        }
    }

    /// How many replicas are on `node`'s side of a partition, itself included.
    fn side(&self, node: u32) -> u32 {
        (0..self.params.replicas).filter(|&p| self.net.can_reach(NodeId(node), NodeId(p))).count() as u32
    }

    fn reset_election<E>(&mut self, node: u32, io: &mut Io<'_, E>) {
        let (lo, hi) = self.params.election;
        let wait = SimDuration(self.timers.uniform(lo.0 as f64, hi.0 as f64 + 1.0) as u64).min(hi);
        let r = &mut self.replicas[node as usize];
        r.election_epoch += 1;
        r.election_set = io.now();
        r.election_due = io.now() + wait.max(lo);
        let epoch = r.election_epoch;
        io.at(wait.max(lo), Ev::ElectionTimeout { node, epoch });
    }

    /// A replica heard no leader in time: it stands for the next term.
    fn stand<E>(&mut self, node: u32, io: &mut Io<'_, E>) {
        let now = io.now();
        let r = &mut self.replicas[node as usize];
        let waited = now.since(r.heard_at.max(r.election_set));
        let term = r.term + 1;
        r.stand(term, node);
        let (last_index, last_term) = (r.last_index(), r.last_term());
        self.counts.terms = self.counts.terms.max(term);
        self.happened.push(Happened::Candidate { node, term, waited });
        self.reset_election(node, io);
        for to in 0..self.params.replicas {
            if to != node {
                self.send(node, to, Msg::Vote { term, candidate: node, last_index, last_term }, io);
            }
        }
        self.check_votes(node, io);
    }

    fn check_votes<E>(&mut self, node: u32, io: &mut Io<'_, E>) {
        let r = &self.replicas[node as usize];
        if r.role != Role::Candidate || r.votes.count_ones() < self.quorum_for(node) {
            return;
        }
        let (term, votes) = (r.term, r.votes.count_ones());
        let n = self.params.replicas as usize;
        self.replicas[node as usize].lead(term, n);
        self.history_changed();
        self.pending[node as usize].clear();
        self.pending_reads[node as usize].clear();
        let t = term as usize;
        if self.leaders.len() <= t {
            self.leaders.resize(t + 1, 0);
        }
        if self.leaders[t] == 0 {
            self.counts.elections += 1;
        }
        self.leaders[t] |= 1 << node;
        self.counts.leaders_per_term_max = self.counts.leaders_per_term_max.max(self.leaders[t].count_ones());
        self.happened.push(Happened::Elected { node, term, votes });
        self.heartbeat(node, io);
    }

    /// A leader's heartbeat: an append to every follower, the next round.
    fn heartbeat<E>(&mut self, node: u32, io: &mut Io<'_, E>) {
        let round = self.rounds[node as usize].0 + 1;
        self.rounds[node as usize] = (round, 1 << node);
        self.replicate(node, io);
        let r = &mut self.replicas[node as usize];
        r.heartbeat_epoch += 1;
        let epoch = r.heartbeat_epoch;
        io.at(self.params.heartbeat, Ev::Heartbeat { node, epoch });
        self.settle_reads(node, io);
    }

    /// Sends every follower what it lacks (at most [`BATCH`] entries).
    fn replicate<E>(&mut self, node: u32, io: &mut Io<'_, E>) {
        for to in 0..self.params.replicas {
            if to != node {
                self.replicate_one(node, to, io);
            }
        }
    }

    fn on_message<E>(&mut self, at: u32, msg: Msg, io: &mut Io<'_, E>) {
        let now = io.now();
        let term = match &msg {
            Msg::Append { term, .. }
            | Msg::AppendReply { term, .. }
            | Msg::Vote { term, .. }
            | Msg::VoteReply { term, .. } => *term,
        };
        if term > self.replicas[at as usize].term {
            let was_leader = self.replicas[at as usize].role == Role::Leader;
            self.replicas[at as usize].follow(term, None);
            if was_leader {
                self.history_changed();
                self.happened.push(Happened::SteppedDown { node: at, term });
                self.pending[at as usize].clear();
                self.pending_reads[at as usize].clear();
                self.reset_election(at, io);
            }
        }
        match msg {
            Msg::Append { term, leader, prev_index, prev_term, entries, commit, round } => {
                let r = &mut self.replicas[at as usize];
                if term < r.term {
                    let reply =
                        Msg::AppendReply { term: r.term, from: at, success: false, matched: 0, round };
                    return self.send(at, leader, reply, io);
                }
                if r.role != Role::Follower {
                    let was_leader = r.role == Role::Leader;
                    r.follow(term, Some(leader));
                    if was_leader {
                        *self.lost.get_mut() = None;
                    }
                }
                r.leader_hint = Some(leader);
                r.heard_at = now;
                self.reset_election(at, io);
                let r = &mut self.replicas[at as usize];
                let (success, matched, dropped) = r.accept(prev_index, prev_term, &entries, commit);
                // A follower's log counts only while no leader is up.
                if !self.any_leader_up() {
                    self.history_changed();
                }
                if dropped > 0 {
                    self.happened.push(Happened::RolledBack { node: at, entries: dropped });
                }
                let reply = Msg::AppendReply { term, from: at, success, matched, round };
                self.send(at, leader, reply, io);
            }
            Msg::AppendReply { term, from, success, matched, round } => {
                let r = &mut self.replicas[at as usize];
                if r.role != Role::Leader || term != r.term {
                    return;
                }
                if success {
                    r.matched[from as usize] = r.matched[from as usize].max(matched);
                    r.next[from as usize] = r.next[from as usize].max(matched + 1);
                } else {
                    r.next[from as usize] = r.next[from as usize].saturating_sub(1).max(1).min(matched + 1);
                }
                let (rnd, acks) = &mut self.rounds[at as usize];
                if round == *rnd {
                    *acks |= 1 << from;
                }
                self.advance_commit(at);
                self.settle(at, io);
                self.settle_reads(at, io);
                if !success {
                    self.replicate_one(at, from, io);
                }
            }
            Msg::Vote { term, candidate, last_index, last_term } => {
                let r = &mut self.replicas[at as usize];
                let up_to_date = (last_term, last_index) >= (r.last_term(), r.last_index());
                let granted = term == r.term && up_to_date && r.voted_for.is_none_or(|v| v == candidate);
                if granted {
                    r.voted_for = Some(candidate);
                    self.reset_election(at, io);
                }
                let term = self.replicas[at as usize].term;
                self.send(at, candidate, Msg::VoteReply { term, from: at, granted }, io);
            }
            Msg::VoteReply { term, from, granted } => {
                let r = &mut self.replicas[at as usize];
                if r.role == Role::Candidate && term == r.term && granted {
                    r.votes |= 1 << from;
                    self.check_votes(at, io);
                }
            }
        }
    }

    /// Sends follower `to` what it lacks from the leader's next index for it
    /// (at most [`BATCH`] entries; none is a heartbeat), and moves that index
    /// past what was sent: appends are pipelined, one per write, without
    /// waiting for the last to be acknowledged. Links between replicas keep
    /// their order (as over TCP), so a follower only refuses an append after
    /// one was lost, and the leader then goes back to what it holds.
    fn replicate_one<E>(&mut self, node: u32, to: u32, io: &mut Io<'_, E>) {
        let round = self.rounds[node as usize].0;
        let r = &mut self.replicas[node as usize];
        let next = r.next[to as usize].max(1).min(r.last_index() + 1);
        let prev_index = next - 1;
        let prev_term = r.term_at(prev_index);
        let from = prev_index as usize;
        let until = (from + BATCH).min(r.log.len());
        let entries = r.log[from..until].to_vec();
        r.next[to as usize] = until as u64 + 1;
        let msg = Msg::Append {
            term: r.term,
            leader: node,
            prev_index,
            prev_term,
            entries,
            commit: r.commit,
            round,
        };
        self.send(node, to, msg, io);
    }

    /// Raises the leader's commit index to the highest index of its term
    /// that a quorum holds.
    fn advance_commit(&mut self, node: u32) {
        let quorum = self.quorum_for(node) as usize;
        let r = &mut self.replicas[node as usize];
        let mut held: Vec<u64> = r.matched.clone();
        held[node as usize] = r.last_index();
        held.sort_unstable_by(|a, b| b.cmp(a));
        let candidate = held.get(quorum.saturating_sub(1)).copied().unwrap_or(0);
        if candidate > r.commit && r.term_at(candidate) == r.term {
            r.commit = candidate;
        }
    }

    /// Acknowledges the leader's writes that enough replicas now hold.
    fn settle<E>(&mut self, node: u32, io: &mut Io<'_, E>) {
        let r = &self.replicas[node as usize];
        let n = self.params.replicas;
        let need = match self.params.write_mode {
            WriteMode::Async => 1,
            WriteMode::Sync => n,
            WriteMode::Quorum => self.params.write_quorum.clamp(1, n),
        };
        // In `ap` a side takes writes on its own: it needs only what it has.
        let need = match self.params.consistency {
            Consistency::Cp => need,
            Consistency::Ap => need.min(self.side(node)),
        };
        // The highest index `need` replicas hold: every pending write up to it
        // is ready, and pending writes are in index order, so they are a prefix.
        let mut held: Vec<u64> = r.matched.clone();
        held[node as usize] = r.last_index();
        held.sort_unstable_by(|a, b| b.cmp(a));
        let upto = held.get(need as usize - 1).copied().unwrap_or(0);
        let pending = &mut self.pending[node as usize];
        let k = pending.partition_point(|p| p.index <= upto);
        let ready: Vec<Pending> = pending.drain(..k).collect();
        for p in ready {
            self.reply(node, p.req, Answer::Wrote { version: p.version }, io);
        }
    }

    /// Answers the leader reads whose round a quorum acknowledged.
    fn settle_reads<E>(&mut self, node: u32, io: &mut Io<'_, E>) {
        let (round, acks) = self.rounds[node as usize];
        let confirmed = acks.count_ones() >= self.quorum_for(node);
        let ready: Vec<PendingRead> = self.pending_reads[node as usize]
            .iter()
            .copied()
            .filter(|p| p.round <= round && confirmed)
            .collect();
        self.pending_reads[node as usize].retain(|p| !(p.round <= round && confirmed));
        for p in ready {
            let Some(key) = self.requests.get(p.req).map(|r| r.key) else { continue };
            let version = self.replicas[node as usize].version_of(key);
            self.reply(node, p.req, Answer::Read { version, from: node }, io);
        }
    }

    /// Crashes replica `node`: it stops answering and forgets what is not
    /// on disk (its role, commit index and leader state; its term, vote and
    /// log survive). Returns whether it was up.
    pub fn crash(&mut self, node: u32, now: SimTime) -> bool {
        let Some(r) = self.replicas.get_mut(node as usize) else { return false };
        if !r.up {
            return false;
        }
        r.crash();
        if !self.params.durable {
            r.forget();
        }
        self.history_changed();
        self.pending[node as usize].clear();
        self.pending_reads[node as usize].clear();
        self.track_leader(now);
        true
    }

    /// Restarts replica `node` as a follower. Returns whether it was down.
    pub fn restart<E>(&mut self, node: u32, io: &mut Io<'_, E>) -> bool {
        let Some(r) = self.replicas.get_mut(node as usize) else { return false };
        if r.up {
            return false;
        }
        r.up = true;
        r.heard_at = io.now();
        self.history_changed();
        self.reset_election(node, io);
        self.track_leader(io.now());
        true
    }

    /// Splits the replicas into `groups` (every replica in exactly one).
    pub fn partition(&mut self, groups: &[Vec<u32>], now: SimTime) {
        let islands: Vec<Vec<NodeId>> =
            groups.iter().map(|g| g.iter().map(|&n| NodeId(n)).collect()).collect();
        let refs: Vec<&[NodeId]> = islands.iter().map(Vec::as_slice).collect();
        self.net.partition(&refs);
        self.track_leader(now);
    }

    /// Heals every partition. In `ap`, the sides' histories merge: the
    /// leader of the highest term keeps its log and takes, for each key,
    /// the other leaders' newest write when it is newer than its own.
    pub fn heal<E>(&mut self, io: &mut Io<'_, E>) {
        self.net.heal_all();
        if self.params.consistency == Consistency::Ap {
            self.merge(io);
        }
        self.track_leader(io.now());
    }

    fn merge<E>(&mut self, io: &mut Io<'_, E>) {
        let leaders: Vec<u32> = (0..self.params.replicas)
            .filter(|&i| self.replicas[i as usize].up && self.replicas[i as usize].role == Role::Leader)
            .collect();
        let Some(&into) = leaders.iter().max_by_key(|&&i| (self.replicas[i as usize].term, u32::MAX - i))
        else {
            return;
        };
        let mut taken = 0;
        for &other in leaders.iter().filter(|&&o| o != into) {
            let theirs = self.replicas[other as usize].log.clone();
            let mut newest: Vec<Option<Entry>> = vec![None; self.newest_acked.len()];
            for e in theirs {
                if let Some(slot) = newest.get_mut(e.key as usize) {
                    *slot = Some(e);
                }
            }
            let r = &mut self.replicas[into as usize];
            for e in newest.into_iter().flatten() {
                let mine = r.version_of(e.key);
                // Versions are numbered as writes are accepted: the larger
                // one is the later writer.
                if e.version > mine && !r.log.iter().any(|x| x.version == e.version) {
                    let term = r.term;
                    r.push(Entry { term, key: e.key, version: e.version, replaced: e.replaced });
                    taken += 1;
                }
            }
        }
        self.history_changed();
        let last = self.replicas[into as usize].last_index();
        self.replicas[into as usize].matched[into as usize] = last;
        self.happened.push(Happened::Merged { into, taken });
        self.heartbeat(into, io);
    }

    /// Keeps the leaderless clock: when the cluster loses its leader and
    /// when it has one again.
    fn track_leader(&mut self, now: SimTime) {
        match (self.leader().is_some(), self.leaderless_since) {
            (false, None) => self.leaderless_since = Some(now),
            (true, Some(since)) => {
                let took = now.since(since);
                self.leaderless_total = self.leaderless_total + took;
                self.elections_took.record(took);
                self.leaderless_since = None;
            }
            _ => {}
        }
    }
}
