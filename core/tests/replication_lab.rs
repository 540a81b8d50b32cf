//! The replication lab's worked examples, as the page's one-click presets
//! run them (the same parameters), each over several seeds: what each
//! example says happens, happens.

use scalelab_core::lab::Lab;
use scalelab_core::labs::replication::{Metrics, Replication};
use scalelab_core::session::Session;
use scalelab_core::time::SimTime;

/// The metrics of the run `params` (a link's parameters) gives after `ms`.
fn run(params: &str, seed: u64, ms: u64) -> Metrics {
    let seed = seed.to_string();
    let pairs = params.split('&').filter_map(|kv| kv.split_once('=')).chain([("seed", seed.as_str())]);
    let parsed = Session::<Replication>::from_params(pairs);
    assert!(parsed.errors.is_empty(), "{params}: {:?}", parsed.errors);
    let mut s = parsed.session;
    s.run_until(SimTime::from_ms(ms));
    assert!(s.refused().is_empty(), "{params}: refused {:?}", s.refused());
    s.lab().metrics()
}

const CART: &str = "write-rate=0&read-rate=0&log=500:write:0,510:write:0,535:read:0:2";
const CUT_OFF: &str = "write-rate=0&read-rate=0&log=300:partition:0.1/2,500:write:0,700:read:0:2";
const LEADER_FAILS: &str = "replicas=5&write-mode=quorum&read-from=leader&log=1000:crash-leader";
const FAILOVER: &str = "write-rate=20&log=1000:partition:0/1.2,1500:crash:0,1500:heal,3000:restart:0";
const SPLIT: &str =
    "replicas=5&write-mode=quorum&read-from=leader&write-rate=10&log=1000:partition:0.1/2.3.4,4000:heal";
const FIXED_TIMEOUTS: &str = "replicas=5&election-timeout-ms=150-150&log=1000:crash-leader";

cross_test! {
    fn the_seeds_cart_is_stale_read_elsewhere_under_async_and_right_under_sync() {
        for seed in 1..6 {
            let a = run(CART, seed, 2_000);
            let s = run(&format!("{CART}&write-mode=sync"), seed, 2_000);
            assert_eq!((a.writes_acked, a.reads, a.reads_stale), (2, 1, 1), "seed {seed}: async {a:?}");
            assert_eq!((s.writes_acked, s.reads, s.reads_stale), (2, 1, 0), "seed {seed}: sync {s:?}");
            // Sync waits a round trip to the replicas on top of the client's.
            assert!(s.write_latency_ms_p50 > 1.8 * a.write_latency_ms_p50, "seed {seed}: {s:?} {a:?}");
        }
    }

    fn a_cut_off_replica_makes_sync_refuse_and_async_disagree() {
        for seed in 1..6 {
            let s = run(&format!("{CUT_OFF}&write-mode=sync"), seed, 3_000);
            assert_eq!((s.writes_acked, s.writes_failed), (0, 1), "seed {seed}: sync {s:?}");
            assert!(s.availability < 1.0, "seed {seed}");
            let a = run(CUT_OFF, seed, 3_000);
            assert_eq!((a.writes_acked, a.reads_stale), (1, 1), "seed {seed}: async {a:?}");
        }
    }

    fn when_the_leader_fails_the_others_elect_one_within_a_few_timeouts() {
        for seed in 1..11 {
            let m = run(LEADER_FAILS, seed, 5_000);
            assert!(m.leader.is_some_and(|l| l != 0), "seed {seed}: {m:?}");
            assert!(m.elections >= 2 && m.leaders_per_term_max == 1, "seed {seed}: {m:?}");
            // At least the shortest timeout (150 ms), within a few rounds.
            assert!((150.0..1_000.0).contains(&m.time_without_leader_ms), "seed {seed}: {m:?}");
        }
    }

    fn an_async_failover_loses_acknowledged_writes_and_quorum_loses_none() {
        for seed in 1..6 {
            let a = run(FAILOVER, seed, 5_000);
            let q = run(&format!("{FAILOVER}&write-mode=quorum"), seed, 5_000);
            assert!(a.writes_lost > 0, "seed {seed}: async {a:?}");
            assert_eq!(q.writes_lost, 0, "seed {seed}: quorum {q:?}");
            assert!(q.writes_failed > 0, "seed {seed}: the cut-off leader could not acknowledge");
        }
    }

    fn a_two_three_split_stops_the_small_side_in_cp_and_loses_writes_on_heal_in_ap() {
        for seed in 1..6 {
            let cp = run(SPLIT, seed, 6_000);
            assert!(cp.writes_failed > 0, "seed {seed}: cp {cp:?}");
            assert_eq!((cp.writes_lost, cp.leaders_per_term_max), (0, 1), "seed {seed}: cp {cp:?}");
            let ap = run(&format!("{SPLIT}&consistency=ap"), seed, 6_000);
            assert!(ap.writes_lost > 0, "seed {seed}: ap {ap:?}");
            assert!(ap.writes_acked > cp.writes_acked, "seed {seed}: ap takes more writes");
        }
    }

    fn fixed_election_timeouts_split_the_vote_again_and_again() {
        for seed in 1..6 {
            let fixed = run(FIXED_TIMEOUTS, seed, 6_000);
            let random = run(&format!("{FIXED_TIMEOUTS}&election-timeout-ms=150-300"), seed, 6_000);
            assert!(fixed.split_votes >= 10, "seed {seed}: fixed {fixed:?}");
            assert!(random.split_votes <= 2 && random.leader.is_some(), "seed {seed}: random {random:?}");
        }
    }
}
