//! What the web shell draws, and the numbers the page and the CLI show.

use super::event::Tier;
use crate::time::SimTime;
use serde::Serialize;

/// A snapshot of the lab to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// Simulated time.
    pub now: SimTime,
    /// Every server, ascending.
    pub servers: Vec<ServerView>,
    /// The shared cache tier, if switched on.
    pub shared: Option<CacheView>,
    /// Client 0's cache, if clients have caches.
    pub client: Option<CacheView>,
    /// Requests on their way, oldest first.
    pub flights: Vec<Flight>,
}

/// One cache as drawn.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CacheView {
    /// The keys it holds, the next to be evicted first (at most
    /// [`VIEW_KEYS`](super::VIEW_KEYS) of them).
    pub keys: Vec<u64>,
    /// How many keys it holds.
    pub len: u32,
    /// How many it can hold.
    pub capacity: u32,
    /// The last hit: key and when.
    pub last_hit: Option<(u64, SimTime)>,
    /// The last key inserted: key and when.
    pub last_put: Option<(u64, SimTime)>,
    /// The last key evicted: key and when.
    pub last_evicted: Option<(u64, SimTime)>,
}

/// One server as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerView {
    /// Its number.
    pub id: u32,
    /// Its cache.
    pub cache: CacheView,
    /// Requests that hit its cache.
    pub hits: u64,
    /// Requests that missed.
    pub misses: u64,
}

/// A request on its way.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flight {
    /// Request number.
    pub req: u64,
    /// The key.
    pub key: u64,
    /// The server it is going to or answered by.
    pub server: u32,
    /// When it left the client.
    pub sent: SimTime,
    /// When it reaches the server.
    pub at_server: SimTime,
    /// Where it was answered, once the server has seen it.
    pub tier: Option<Tier>,
    /// When the answer reaches the client, once known.
    pub done: Option<SimTime>,
}

/// The numbers of a run. Field names are the CLI's JSON fields and the
/// page's `data-metric` names.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metrics {
    /// Simulated time so far, ms.
    pub time_ms: f64,
    /// Requests sent.
    pub requests: u64,
    /// Requests answered.
    pub completed: u64,
    /// Answers from any cache.
    pub hits: u64,
    /// Answers from the database.
    pub misses: u64,
    /// `hits / (hits + misses)`.
    pub hit_ratio: f64,
    /// Hit ratio over the 10% of the requests just before the membership
    /// changed (over all requests, if it does not change).
    pub hit_ratio_before_change: f64,
    /// Hit ratio over the next 10% of the requests after the change.
    pub hit_ratio_after_change: Option<f64>,
    /// What Che's approximation predicts for the server caches (LRU, Zipf
    /// keys, no client or shared cache, no TTL): the steady state.
    pub hit_ratio_che: Option<f64>,
    /// Hits in clients' own caches.
    pub client_hits: u64,
    /// Hits in server caches.
    pub server_hits: u64,
    /// Hits in the shared cache tier.
    pub shared_hits: u64,
    /// Mean latency, ms.
    pub latency_ms_mean: f64,
    /// Median latency, ms.
    pub latency_ms_p50: f64,
    /// 99th percentile latency, ms.
    pub latency_ms_p99: f64,
    /// Reads that reached the database.
    pub db_requests: u64,
    /// Answers older than the database's value.
    pub stale_reads: u64,
    /// Cached copies refetched because their TTL had passed.
    pub expired: u64,
    /// Keys evicted from server caches.
    pub evictions: u64,
    /// Writes to the database.
    pub writes: u64,
    /// Keys (of 0..K) whose server changed since the start.
    pub keys_remapped: u64,
    /// Server numbers, in the order of the per-server arrays.
    pub server_ids: Vec<u32>,
    /// Each server's cache hit ratio.
    pub per_server_hit_ratio: Vec<f64>,
    /// Keys in each server's cache.
    pub per_server_cached: Vec<u64>,
}

/// One window of the time series (100 ms).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Point {
    /// Answers from caches in the window.
    pub hits: u32,
    /// Answers from the database in the window.
    pub misses: u32,
    /// Stale answers in the window.
    pub stale: u32,
}
