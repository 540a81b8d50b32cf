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

/// Where a request can be on its way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Station {
    /// At its client.
    Client,
    /// At its server.
    Server,
    /// At the shared cache tier.
    Shared,
    /// At the database.
    Database,
}

/// The most stops a request makes: client, server, shared cache, database,
/// and back the same way.
pub const MAX_STOPS: usize = 7;

/// A request on its way: the stops it has made or is bound for, each with
/// when it is (or will be) there. Between two stops it moves; at its last
/// stop it waits until the model knows where it goes next (a coalesced
/// request waits for the fetch it joined). The page only draws this.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flight {
    /// Request number.
    pub req: u64,
    /// The key.
    pub key: u64,
    /// The server it is going to or answered by.
    pub server: u32,
    /// Where it was answered, once known.
    pub tier: Option<Tier>,
    stops: [(Station, SimTime); MAX_STOPS],
    len: u8,
}

impl Flight {
    /// A request that leaves its client at `sent`.
    pub(crate) fn new(req: u64, key: u64, server: u32, sent: SimTime) -> Flight {
        Flight { req, key, server, tier: None, stops: [(Station::Client, sent); MAX_STOPS], len: 1 }
    }

    /// When it left its client.
    pub fn sent(&self) -> SimTime {
        self.stops[0].1
    }

    /// Its stops so far and the next one, in order.
    pub fn stops(&self) -> &[(Station, SimTime)] {
        &self.stops[..usize::from(self.len)]
    }

    /// It is bound for `to`, arriving `at`.
    pub(crate) fn go(&mut self, to: Station, at: SimTime) {
        if let Some(slot) = self.stops.get_mut(usize::from(self.len)) {
            *slot = (to, at);
            self.len += 1;
        }
    }

    /// It stays where it is until `t` (then the next leg starts).
    pub(crate) fn wait_until(&mut self, t: SimTime) {
        let (last, at) = self.stops[usize::from(self.len) - 1];
        if at < t {
            self.go(last, t);
        }
    }

    /// Where it is at `now`: the leg it is on (from, to) and how far along
    /// it is, 0 to 1. Before it leaves and after its last known stop it is
    /// at that stop.
    pub fn at(&self, now: SimTime) -> (Station, Station, f64) {
        let stops = self.stops();
        for w in stops.windows(2) {
            let ((a, ta), (b, tb)) = (w[0], w[1]);
            if now < tb {
                let span = tb.0.saturating_sub(ta.0);
                let done = now.0.saturating_sub(ta.0);
                let t = if span == 0 { 1.0 } else { (done as f64 / span as f64).min(1.0) };
                return (a, b, t);
            }
        }
        let (last, _) = stops[stops.len() - 1];
        (last, last, 1.0)
    }
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
    /// Answers that missed every cache: read from the database, or waited
    /// for a read already in flight (coalesced).
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
    /// Requests that missed a cache while that cache was already fetching
    /// the key, and went on to fetch it again (the cache stampede).
    pub stampede: u64,
    /// Requests that missed a cache while it was fetching the key and
    /// waited for that fetch instead (with `coalesce=on`).
    pub coalesced: u64,
    /// Answers older than the database's value.
    pub stale_reads: u64,
    /// Lookups that found only a copy whose TTL had passed.
    pub expired: u64,
    /// Keys evicted to make room, in every cache (client, server, shared).
    pub evictions: u64,
    /// Writes to the database.
    pub writes: u64,
    /// Keys (of 0..K) whose server changed since the start.
    pub keys_remapped: u64,
    /// Server numbers, in the order of the per-server arrays.
    pub server_ids: Vec<u32>,
    /// Requests each server has received.
    pub per_server_requests: Vec<u64>,
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
    /// Answers that missed every cache in the window.
    pub misses: u32,
    /// Stale answers in the window.
    pub stale: u32,
    /// Reads that reached the database in the window (fewer than `misses`
    /// when misses coalesce).
    pub db_reads: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flight_moves_between_its_stops_and_waits_at_the_last() {
        let ms = SimTime::from_ms;
        let mut f = Flight::new(1, 7, 0, ms(0));
        f.go(Station::Server, ms(100));
        assert_eq!(f.at(ms(50)), (Station::Client, Station::Server, 0.5));
        // Nothing known past the server yet: it waits there.
        assert_eq!(f.at(ms(150)), (Station::Server, Station::Server, 1.0));
        f.wait_until(ms(300));
        f.go(Station::Client, ms(400));
        assert_eq!(
            f.at(ms(200)),
            (Station::Server, Station::Server, 0.5),
            "a wait is a leg that goes nowhere"
        );
        assert_eq!(f.at(ms(350)), (Station::Server, Station::Client, 0.5));
        assert_eq!(f.stops().len(), 4);
        assert_eq!(f.sent(), ms(0));
        // No more stops than a request can make; extra ones are dropped.
        for i in 0..10 {
            f.go(Station::Shared, ms(500 + i));
        }
        assert_eq!(f.stops().len(), MAX_STOPS);
    }
}
