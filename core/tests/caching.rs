//! The caching lab against the seed's worked examples and the theory.
//! Runs natively and in headless Chromium.

mod common;

use scalelab_core::lab::Lab;
use scalelab_core::labs::caching::{Caching, Command, Event, Tier};
use scalelab_core::session::Session;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

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

/// `(key, tier, evicted)` of every answer, in order.
fn answers(s: &Session<Caching>) -> Vec<(u64, Tier, Option<u64>)> {
    s.lab()
        .trace()
        .recent()
        .filter_map(|e| match e.event {
            Event::Served { key, tier, evicted, .. } => Some((key, tier, evicted)),
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
        assert_eq!(
            answers(&s),
            [(1, db, None), (2, db, None), (3, db, None), (4, db, Some(1)), (1, db, Some(2)), (2, db, Some(3))]
        );
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

/// One LRU server on Zipf keys settles where Che's approximation says
/// (native only: 300,000 requests).
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn one_lru_server_matches_ches_approximation() {
    for (keys, capacity, skew) in [(1_000, 100, 1.0), (10_000, 500, 0.8)] {
        let s = run(
            &format!("keys={keys}&zipf={skew}&cache-capacity={capacity}&requests=300000&rate=10000"),
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
