//! The caching lab against the seed's worked examples and the theory.
//! Runs natively and in headless Chromium.

use scalelab_core::lab::Lab;
use scalelab_core::labs::caching::{Caching, Command, Event, Tier};
use scalelab_core::session::Session;

/// A run from link parameters, run until every request is answered (or
/// `max_ms` of simulated time for open-ended ones).
fn run(params: &str, max_ms: u64) -> Session<Caching> {
    let pairs: Vec<(&str, &str)> = params.split('&').filter_map(|kv| kv.split_once('=')).collect();
    let parsed = Session::<Caching>::from_params(pairs);
    assert!(parsed.errors.is_empty(), "{params}: {:?}", parsed.errors);
    let mut s = parsed.session;
    let limit = scalelab_core::SimTime::from_ms(max_ms);
    while !s.lab().done() && s.now() < limit && s.step() {}
    s
}

/// `(key, tier)` of every answer, in order.
fn answers(s: &Session<Caching>) -> Vec<(u64, Tier)> {
    s.lab()
        .trace()
        .recent()
        .filter_map(|e| match e.event {
            Event::Served { key, tier, .. } => Some((key, tier)),
            _ => None,
        })
        .collect()
}

/// `(key, evicted)` of every value stored in a server cache, in order.
fn stored(s: &Session<Caching>) -> Vec<(u64, Option<u64>)> {
    s.lab()
        .trace()
        .recent()
        .filter_map(|e| match e.event {
            Event::Stored { key, at: Tier::Server, evicted, .. } => Some((key, evicted)),
            _ => None,
        })
        .collect()
}

cross_test! {
    /// LRU of size 3 on 1,2,3,4,1,2: six misses; 4 evicts 1, then 1 evicts 2
    /// and 2 evicts 3. Every miss costs 100 + 10 + 10 + 100 = 220 ms.
    fn the_seeds_walk_through_misses_six_times_at_220_ms() {
        let s = run("", 60_000);
        let m = s.lab().metrics();
        assert_eq!((m.requests, m.hits, m.misses, m.evictions), (6, 0, 6, 3));
        let db = Tier::Database;
        assert_eq!(answers(&s), [(1, db), (2, db), (3, db), (4, db), (1, db), (2, db)]);
        assert_eq!(stored(&s), [(1, None), (2, None), (3, None), (4, Some(1)), (1, Some(2)), (2, Some(3))]);
        assert_eq!((m.latency_ms_p50, m.latency_ms_p99, m.latency_ms_mean), (220.0, 220.0, 220.0));
        assert_eq!(m.db_requests, 6);
    }

    /// A hit costs 200 ms (no database hop); a client-side hit costs nothing.
    fn a_hit_costs_200_ms_and_a_client_hit_nothing() {
        let m = run("sequence=7,7,7,7", 60_000).lab().metrics();
        assert_eq!((m.hits, m.misses, m.server_hits), (3, 1, 3));
        assert_eq!((m.latency_ms_p50, m.latency_ms_p99), (200.0, 220.0));
        let m = run("sequence=7,7,7,7&client-cache=3", 60_000).lab().metrics();
        assert_eq!((m.client_hits, m.server_hits, m.misses), (3, 0, 1));
        assert_eq!((m.latency_ms_p50, m.latency_ms_p99), (0.0, 220.0));
        // A shared tier 1 ms away: a miss there costs 222 ms, a hit 202.
        let m = run("sequence=7,7&cache-capacity=0&shared-cache=10", 60_000).lab().metrics();
        assert_eq!((m.shared_hits, m.latency_ms_p50, m.latency_ms_p99), (1, 202.0, 222.0));
    }

    /// Adding a server: under modulo about 4 in 5 keys change server and the
    /// hit ratio collapses; on a ring about 1 in 5 move and it barely dips.
    fn modulo_dumps_the_caches_and_the_ring_keeps_them() {
        let base = "servers=4&cache-capacity=5000&keys=100000&zipf=0.8&requests=200000&rate=2000&add-server-at=100000";
        let modulo = run(&format!("{base}&routing=modulo"), 600_000).lab().metrics();
        let ring = run(&format!("{base}&routing=ring"), 600_000).lab().metrics();
        assert_eq!(modulo.requests, 200_000);
        assert!((modulo.keys_remapped as f64 / 100_000.0 - 0.8).abs() < 0.01, "{}", modulo.keys_remapped);
        assert!((ring.keys_remapped as f64 / 100_000.0 - 0.2).abs() < 0.03, "{}", ring.keys_remapped);
        let drop = |m: &scalelab_core::labs::caching::Metrics| {
            m.hit_ratio_before_change - m.hit_ratio_after_change.expect("a change happened")
        };
        assert!(drop(&modulo) > 0.12, "modulo: {:?}", (modulo.hit_ratio_before_change, modulo.hit_ratio_after_change));
        assert!(drop(&ring) < 0.06, "ring: {:?}", (ring.hit_ratio_before_change, ring.hit_ratio_after_change));
        assert!(drop(&modulo) > 2.0 * drop(&ring));
    }

    /// Values change in the database: without a TTL cached copies get older
    /// and older; a short TTL bounds that; no cache, no stale reads.
    fn a_ttl_bounds_stale_reads() {
        let base = "keys=100&zipf=1&cache-capacity=100&requests=20000&rate=1000&write-rate=50";
        let forever = run(base, 600_000).lab().metrics();
        let short = run(&format!("{base}&ttl-ms=200"), 600_000).lab().metrics();
        let none = run(&format!("{base}&cache-capacity=0"), 600_000).lab().metrics();
        assert!(forever.stale_reads > 5_000, "{}", forever.stale_reads);
        assert!(short.stale_reads * 3 < forever.stale_reads, "{} vs {}", short.stale_reads, forever.stale_reads);
        assert!(short.expired > 0 && short.hits < forever.hits);
        assert_eq!((none.stale_reads, none.hits, none.latency_ms_p50), (0, 0, 220.0));
    }

    /// A cache stores a value when it comes back from the database, not at
    /// the miss: six requests for one key 100 ms apart, with the database
    /// 1 s away, all miss while the first fetch travels (2,100 ms). Without
    /// coalescing each fetches again (a stampede); with it, they wait for the
    /// first fetch and the database is read once.
    fn a_cache_fills_when_the_value_arrives() {
        let base = "sequence=9,9,9,9,9,9&rate=10&cache-capacity=10&db-ms=1000";
        let m = run(base, 60_000).lab().metrics();
        assert_eq!((m.hits, m.misses, m.db_requests, m.stampede, m.coalesced), (0, 6, 6, 5, 0));
        assert_eq!(m.latency_ms_mean, 2_200.0);
        let m = run(&format!("{base}&coalesce=on"), 60_000).lab().metrics();
        assert_eq!((m.hits, m.misses, m.db_requests, m.stampede, m.coalesced), (0, 6, 1, 0, 5));
        // Each waits from when it reached the server until the fetch is back
        // there (2,100 ms), then 100 ms home: 2,200, 2,100, ..., 1,700 ms.
        assert_eq!((m.latency_ms_mean, m.latency_ms_p99), (1_950.0, 2_200.0));
        // Spaced wider than the fetch, every later request hits.
        let m = run("sequence=9,9,9,9,9,9&rate=0.4&cache-capacity=10&db-ms=1000", 60_000).lab().metrics();
        assert_eq!((m.hits, m.db_requests, m.stampede), (5, 1, 0));
    }

    /// The same at every tier: a shared cache and a client's own cache also
    /// fill on the answer, and count their evictions.
    fn every_tier_fills_on_the_answer_and_counts_evictions() {
        // The shared tier only; 1,2,3,1 in a shared cache of 2: 3 evicts 1,
        // then 1 evicts 2.
        let m = run("sequence=1,2,3,1&cache-capacity=0&shared-cache=2", 60_000).lab().metrics();
        assert_eq!((m.shared_hits, m.evictions), (0, 2));
        // A client cache, requests faster than a round trip (220 ms): the
        // second 1 is sent before the first answer is back, so it misses too.
        let m = run("sequence=1,1&cache-capacity=0&client-cache=2&rate=10", 60_000).lab().metrics();
        assert_eq!((m.client_hits, m.stampede, m.db_requests), (0, 1, 2));
        let m = run("sequence=1,1&cache-capacity=0&client-cache=2&rate=1", 60_000).lab().metrics();
        assert_eq!((m.client_hits, m.stampede, m.db_requests), (1, 0, 1));
        let m = run("sequence=1,2,3&cache-capacity=0&client-cache=2&rate=1", 60_000).lab().metrics();
        assert_eq!(m.evictions, 1);
    }

    /// A read is as new as the database was when it answered: a write 5 ms
    /// after the request left the client (before the database read at
    /// 110 ms) is in the copy, and the later hits are not stale.
    fn a_copy_has_the_version_the_database_returned() {
        let m = run("sequence=5,5,5&rate=1&log=5:write:5", 60_000).lab().metrics();
        assert_eq!((m.writes, m.hits, m.stale_reads), (1, 2, 0));
        // Written after the read (at 150 ms): both hits are stale.
        let m = run("sequence=5,5,5&rate=1&log=150:write:5", 60_000).lab().metrics();
        assert_eq!((m.writes, m.hits, m.stale_reads), (1, 2, 2));
    }

    /// A removed server's cache is lost; the last one cannot leave.
    fn removing_servers() {
        let mut s = run("servers=2&keys=50&cache-capacity=50&requests=2000&rate=1000&routing=modulo", 600_000);
        let before = s.lab().metrics();
        assert_eq!(before.server_ids, [0, 1]);
        s.command(&Command::RemoveServer(1));
        s.command(&Command::RemoveServer(0));
        let m = s.lab().metrics();
        assert_eq!(m.server_ids, [0]);
        let ignored = s.lab().trace().recent().any(|e| matches!(e.event, Event::CommandIgnored { .. }));
        assert!(ignored, "removing the last server is refused");
        assert!(m.keys_remapped > 0);
    }
}

/// One LRU server on Zipf keys settles where Che's approximation says, when
/// a miss's value arrives at once (Che's model fills at the miss); native
/// only: 300,000 requests.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn one_lru_server_matches_ches_approximation() {
    for (keys, capacity, skew) in [(1_000, 100, 1.0), (10_000, 500, 0.8)] {
        let s = run(
            &format!("keys={keys}&zipf={skew}&cache-capacity={capacity}&requests=300000&rate=10000&db-ms=0"),
            600_000,
        );
        let m = s.lab().metrics();
        let che = m.hit_ratio_che.expect("Che applies to LRU with Zipf keys");
        assert!(
            (m.hit_ratio - che).abs() < 0.01,
            "{keys} keys, cache {capacity}: {} vs Che {che}",
            m.hit_ratio
        );
    }
}

/// The time a miss takes is time the cache does not have the key: the
/// longer the database takes, or the faster requests come, the fewer hit.
/// With coalescing the database is read about half as often here, and the
/// hit ratio stays within a point (a waiting request is still a miss).
/// Native only.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn latency_and_rate_change_the_hit_count() {
    let hits = |db_ms: u32, rate: u32, coalesce: &str| {
        let params = format!(
            "keys=1000&zipf=1&cache-capacity=100&requests=50000&rate={rate}&db-ms={db_ms}&coalesce={coalesce}"
        );
        run(&params, 6_000_000).lab().metrics()
    };
    let by_latency: Vec<u64> = [0, 10, 100, 1_000].iter().map(|&d| hits(d, 5_000, "off").hits).collect();
    assert!(by_latency.windows(2).all(|w| w[0] > w[1]), "hits by db-ms 0, 10, 100, 1000: {by_latency:?}");
    let by_rate: Vec<u64> = [500, 5_000, 50_000].iter().map(|&r| hits(100, r, "off").hits).collect();
    assert!(by_rate.windows(2).all(|w| w[0] > w[1]), "hits by rate 500, 5000, 50000: {by_rate:?}");
    let (off, on) = (hits(100, 5_000, "off"), hits(100, 5_000, "on"));
    assert!(on.db_requests < off.db_requests, "{} vs {}", on.db_requests, off.db_requests);
    assert!((on.hit_ratio - off.hit_ratio).abs() < 0.01, "{} vs {}", on.hit_ratio, off.hit_ratio);
    assert!(off.stampede > 0 && on.stampede == 0 && on.coalesced > 0);
}

/// A client cache with a TTL, keys uniform, no server cache: a copy lives T
/// from when its answer arrives; then the next request misses, and (with
/// coalescing) those in the next round trip R wait for its answer. Per
/// cycle λT hits of 1 + λR + λT requests, λ each key's rate (Poisson).
/// Checked for several λ, T and R; without coalescing each answer in the
/// round trip refreshes the copy again, so it hits a little more, but never
/// as much as a refresh at the moment of expiry, λT/(1+λT). Native only.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn client_ttl_hit_ratio_is_lambda_t_over_one_plus_lambda_r_plus_lambda_t() {
    for (rate, ttl_ms, client_ms, db_ms) in
        [(100.0, 1_000.0, 100.0, 10.0), (40.0, 500.0, 30.0, 120.0), (300.0, 200.0, 50.0, 0.0)]
    {
        let params = |coalesce: &str| {
            format!(
                "keys=10&zipf=0&cache-capacity=0&client-cache=10&rate={rate}&ttl-ms={ttl_ms}&client-ms={client_ms}&db-ms={db_ms}&requests=100000&coalesce={coalesce}"
            )
        };
        let lambda = rate / 10.0;
        let (t, r) = (ttl_ms / 1_000.0, 2.0 * (client_ms + db_ms) / 1_000.0);
        let want = lambda * t / (1.0 + lambda * r + lambda * t);
        let on = run(&params("on"), 60_000_000).lab().metrics();
        assert!((on.hit_ratio - want).abs() < 0.01, "{}: {} vs {want}", params("on"), on.hit_ratio);
        let off = run(&params("off"), 60_000_000).lab().metrics();
        let instant = lambda * t / (1.0 + lambda * t);
        assert!(
            off.hit_ratio > want && off.hit_ratio < instant,
            "{}: {} not in ({want}, {instant})",
            params("off"),
            off.hit_ratio
        );
    }
}

/// The time series counts database reads apart from misses: with coalescing
/// a miss may wait for a read already on its way. Native only.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_series_counts_database_reads_apart_from_misses() {
    for coalesce in ["off", "on"] {
        let s = run(
            &format!(
                "keys=1000&zipf=1&cache-capacity=100&requests=20000&rate=2000&db-ms=200&coalesce={coalesce}"
            ),
            6_000_000,
        );
        let m = s.lab().metrics();
        let (reads, misses): (u64, u64) = s
            .lab()
            .series()
            .points()
            .fold((0, 0), |(r, x), (_, p)| (r + u64::from(p.db_reads), x + u64::from(p.misses)));
        // The series holds the last minute: this run is ten seconds.
        assert_eq!((reads, misses), (m.db_requests, m.misses), "coalesce={coalesce}");
        assert_eq!(reads < misses, coalesce == "on", "coalesce={coalesce}: {reads} reads, {misses} misses");
    }
}
