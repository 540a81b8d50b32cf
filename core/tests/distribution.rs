//! Keys per node against theory, not against a copy of our own idea.
//!
//! A brute-force placement shares the model's bugs: when keys and ring points
//! were hashed in the same domain, node 0's j-th point *was* key j's hash, so
//! node 0 held its first `vnodes` keys on top of its share, and the
//! brute-force scan agreed. Theory does not: with well-mixed key hashes each
//! key lands on node i independently with probability `share_i`, so node i's
//! count of m keys is Binomial(m, share_i). Every node of every strategy is
//! held to that, as a z score, over several seeds, for 2,000 consecutive key
//! ids (where the old bug showed) and for 200,000.
//!
//! The caching lab routes Zipf keys by the same hashes, so each server's
//! share of the requests is `share_i` on average, spread by which hot keys it
//! happens to own: variance `share_i (1 - share_i) Σ p_k²` (plus the
//! sampling of requests). Server 0 used to own the hottest keys.
//!
//! Native only: many runs.

#![cfg(not(target_arch = "wasm32"))]

use scalelab_core::input::Choice;
use scalelab_core::lab::Lab;
use scalelab_core::labs::caching::Caching;
use scalelab_core::labs::hashing::{Hashing, Strategy};
use scalelab_core::session::Session;

/// Past this many standard deviations a count is wrong. Over all the counts
/// below (~2,000), a correct placement passes with probability > 0.999.
const Z: f64 = 5.0;

fn session<L: Lab>(params: &str, seed: u64) -> Session<L> {
    let mut pairs: Vec<(&str, &str)> = params.split('&').filter_map(|kv| kv.split_once('=')).collect();
    let seed = seed.to_string();
    pairs.push(("seed", &seed));
    let parsed = Session::<L>::from_params(pairs);
    assert!(parsed.errors.is_empty(), "{params}: {:?}", parsed.errors);
    parsed.session
}

/// The z score of `count` successes in `m` trials of probability `p`.
fn z(count: f64, m: f64, p: f64) -> f64 {
    (count - m * p) / (m * p * (1.0 - p)).sqrt()
}

#[test]
fn every_strategy_gives_each_node_its_share_of_the_keys() {
    // Bounded loads is left out: its cap moves keys on purpose (its own test
    // holds it to the cap).
    let strategies = Strategy::ALL.iter().filter(|s| **s != Strategy::Bounded);
    for strategy in strategies {
        for (nodes, vnodes) in [(10, 100), (7, 1), (4, 200)] {
            for keys in [2_000, 200_000] {
                for seed in 1..=6 {
                    let params = format!(
                        "strategy={}&nodes={nodes}&vnodes={vnodes}&keys={keys}&key-hash=mix&ring-size=1000000000&table-size=65537",
                        strategy.name()
                    );
                    let m = session::<Hashing>(&params, seed).lab().metrics();
                    let total: f64 = m.share.iter().sum();
                    assert!((total - 1.0).abs() < 1e-9, "{params} seed {seed}: shares sum to {total}");
                    for ((node, share), count) in m.node_ids.iter().zip(&m.share).zip(&m.keys_per_node) {
                        let score = z(*count as f64, keys as f64, *share);
                        assert!(
                            score.abs() < Z,
                            "{params} seed {seed}: S{node} owns {share:.4} of the space but holds {count} of {keys} \
                             keys (z = {score:.1})"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn jump_rendezvous_and_modulo_shares_are_exact() {
    for strategy in ["jump", "rendezvous", "modulo"] {
        for seed in [1, 2, 3] {
            let params = format!("strategy={strategy}&nodes=8&keys=100&key-hash=mix");
            let m = session::<Hashing>(&params, seed).lab().metrics();
            for share in &m.share {
                assert!((share - 0.125).abs() < 1e-12, "{strategy} seed {seed}: {share}");
            }
        }
    }
}

#[test]
fn each_cache_server_gets_its_share_of_the_requests() {
    for routing in ["ring", "modulo"] {
        for (keys, skew) in [(1_000, 1.0), (100_000, 0.8)] {
            for seed in 1..=6 {
                let params = format!(
                    "servers=4&routing={routing}&vnodes=100&keys={keys}&zipf={skew}&cache-capacity=100&requests=40000&rate=20000"
                );
                let mut s = session::<Caching>(&params, seed);
                while !s.lab().done() && s.step() {}
                let lab = s.lab();
                let m = lab.metrics();
                // Σ p_k² of the Zipf keys: how much one key weighs.
                let h: f64 = (1..=keys).map(|k| (k as f64).powf(-skew)).sum();
                let concentration: f64 = (1..=keys).map(|k| ((k as f64).powf(-skew) / h).powi(2)).sum();
                let n = m.per_server_requests.iter().sum::<u64>() as f64;
                for ((server, share), count) in lab.shares().iter().zip(&m.per_server_requests) {
                    let var = share * (1.0 - share) * (concentration + 1.0 / n);
                    let score = (*count as f64 / n - share) / var.sqrt();
                    assert!(
                        score.abs() < Z,
                        "{params} seed {seed}: S{server} owns {share:.4} of the keys' hash space but took {count} \
                         of {n} requests (z = {score:.1})"
                    );
                }
            }
        }
    }
}

#[test]
fn maglev_with_the_identity_hash_puts_key_k_in_slot_k_mod_m() {
    // Keys 0..M-1 fill every slot once: each node holds exactly its slots.
    let m = session::<Hashing>("strategy=maglev&nodes=7&table-size=4099&keys=4099&key-hash=identity", 1)
        .lab()
        .metrics();
    for ((node, share), count) in m.node_ids.iter().zip(&m.share).zip(&m.keys_per_node) {
        assert_eq!(*count as f64, (share * 4099.0).round(), "S{node}: {count} keys for {share} of the slots");
    }
}
