//! The hashing lab against the seed's worked examples and the theory.
//! Runs natively and in headless Chromium.

use scalelab_core::lab::Lab;
use scalelab_core::labs::hashing::{Command, Config, Event, Hashing, KeyHash, Strategy};
use scalelab_core::session::Session;

/// A run built from link parameters, as the page and the CLI build it.
fn from_params(params: &str) -> Hashing {
    let pairs: Vec<(&str, &str)> = params.split('&').filter_map(|kv| kv.split_once('=')).collect();
    let parsed = Session::<Hashing>::from_params(pairs);
    assert!(parsed.errors.is_empty(), "{params}: {:?}", parsed.errors);
    let mut s = parsed.session;
    s.run_until(scalelab_core::SimTime::from_ms(1));
    Hashing::new(s.config().clone(), s.seed()).expect("valid")
}

fn owners(lab: &Hashing) -> Vec<Option<u32>> {
    lab.owners().collect()
}

cross_test! {
    /// Ring of 256, S0 = 20, S1 = 80, S2 = 200; add S3 = 90: only keys 81..90
    /// change owner (the default settings are this ring).
    fn adding_s3_at_90_moves_exactly_keys_81_to_90() {
        let mut lab = Hashing::new(Config::default(), 1).unwrap();
        let before = owners(&lab);
        lab.apply(&Command::AddNodeAt { node: 3, positions: vec![90] });
        let after = owners(&lab);
        let moved: Vec<usize> = (0..256).filter(|&k| before[k] != after[k]).collect();
        assert_eq!(moved, (81..=90).collect::<Vec<_>>());
        assert!(moved.iter().all(|&k| after[k] == Some(3)), "they all go to S3");
        let m = lab.metrics();
        assert_eq!((m.keys_moved, m.moved_to_changed_nodes_fraction), (10, 1.0));
    }

    /// 4 → 5 servers under modulo with H(10) = 3, H(20) = 15, H(35) = 12:
    /// S3, S3, S0 become S3, S0, S2.
    fn four_to_five_servers_under_modulo() {
        let before = from_params("strategy=modulo&nodes=4&key-hashes=10:3,20:15,35:12");
        assert_eq!(owners(&before), [Some(3), Some(3), Some(0)]);
        let after = from_params("strategy=modulo&nodes=4&key-hashes=10:3,20:15,35:12&add=1");
        assert_eq!(owners(&after), [Some(3), Some(0), Some(2)]);
        let m = after.metrics();
        assert_eq!((m.nodes_before, m.nodes_after, m.keys_moved), (4, 5, 2));
    }

    /// S1:10, S2:11, S3:12, S4:90 on a ring of 100: S4 owns 78% of it.
    fn a_lopsided_ring_gives_s4_78_percent() {
        let lab = from_params("ring-size=100&positions=S1:10,S2:11,S3:12,S4:90&keys=100");
        let m = lab.metrics();
        assert_eq!(m.node_ids, [1, 2, 3, 4]);
        assert_eq!(m.share[3], 0.78);
        assert_eq!(m.keys_per_node[3], 78, "keys 13..90");
    }

    /// M = 20, N = 30: S0 at 1, S1 at 10; users hashing to 2..10 use S1, and
    /// a user hashing to 25 lands at 25 mod 20 = 5, so also S1.
    fn hashes_beyond_the_ring_are_taken_mod_m() {
        let lab = from_params("ring-size=20&positions=S0:1,S1:10&keys=30");
        let o = owners(&lab);
        assert!((2..=10).all(|k| o[k] == Some(1)));
        assert_eq!(o[25], Some(1));
        assert_eq!(o[21], Some(0), "21 mod 20 = 1: S0");
        assert_eq!(o[11], Some(0), "11..20 wrap round to S0 at 1");
    }

    /// Modulo 10 → 11 moves N/(N+1) ≈ 0.909 of the keys; the least possible is 1/11.
    fn modulo_moves_almost_everything() {
        let m = from_params("strategy=modulo&nodes=10&keys=100000&key-hash=mix&add=1").metrics();
        assert!((m.keys_moved_fraction - 10.0 / 11.0).abs() < 0.005, "{}", m.keys_moved_fraction);
        assert!((m.ideal_moved_fraction - 1.0 / 11.0).abs() < 1e-12);
        // Only about a tenth of what moved went to the new node; the rest moved for nothing.
        assert!((m.moved_to_changed_nodes_fraction - 0.1).abs() < 0.01, "{}", m.moved_to_changed_nodes_fraction);
    }

    /// A ring with many vnodes moves about 1/(N+1), all of it onto the new node.
    fn a_ring_with_vnodes_moves_about_one_in_n_plus_one() {
        let m = from_params("strategy=ring&nodes=10&vnodes=200&ring-size=4294967296&keys=100000&key-hash=mix&add=1").metrics();
        assert!((m.keys_moved_fraction - 1.0 / 11.0).abs() < 0.02, "{}", m.keys_moved_fraction);
        assert_eq!(m.moved_to_changed_nodes_fraction, 1.0);
    }

    /// Max/mean load falls as vnodes grow: about 2.9, 1.5, 1.16, 1.05 for
    /// 1, 10, 100, 1000 vnodes on 10 nodes (the mean over 20 seeds of the
    /// busiest node's exact share of the ring).
    fn vnodes_even_out_the_load() {
        let mut last = f64::MAX;
        for (vnodes, lo, hi) in [(1, 2.4, 3.3), (10, 1.35, 1.6), (100, 1.12, 1.2), (1_000, 1.03, 1.08)] {
            let mean: f64 = (1..=20u64)
                .map(|seed| {
                    let c = Config { nodes: 10, positions: vec![], vnodes, ring_size: 1 << 32, keys: 1, ..Config::default() };
                    let m = Hashing::new(c, seed).unwrap().metrics();
                    m.share.iter().copied().fold(0.0, f64::max) * 10.0
                })
                .sum::<f64>()
                / 20.0;
            assert!((lo..hi).contains(&mean), "{vnodes} vnodes: max/mean {mean:.3}");
            assert!(mean < last);
            last = mean;
        }
    }

    /// Every strategy places every key on a member, and the lookup stream
    /// reaches the owners.
    fn every_strategy_places_and_routes() {
        for s in ["modulo", "ring", "jump", "rendezvous", "maglev", "bounded"] {
            let mut lab = from_params(&format!("strategy={s}&nodes=5&vnodes=20&ring-size=1000000&keys=2000&key-hash=mix&rate=200"));
            lab.run_until(scalelab_core::SimTime::from_ms(2_000));
            let m = lab.metrics();
            assert_eq!(m.keys_per_node.iter().sum::<u64>(), 2_000, "{s}");
            assert!(m.lookups > 300 && m.lookups_missed == 0, "{s}: {m:?}");
            assert!((m.share.iter().sum::<f64>() - 1.0).abs() < 1e-9, "{s}");
        }
    }

    /// Bounded loads: no node above ceil(c·m/n), even on the lopsided ring.
    fn bounded_loads_cap_the_busiest_node() {
        let plain = from_params("ring-size=100&positions=S1:10,S2:11,S3:12,S4:90&keys=1000&key-hash=mix").metrics();
        let bounded = from_params("strategy=bounded&load-factor=1.25&ring-size=100&positions=S1:10,S2:11,S3:12,S4:90&keys=1000&key-hash=mix").metrics();
        assert!(plain.load_max_over_mean > 2.5, "{}", plain.load_max_over_mean);
        assert!(bounded.keys_per_node.iter().all(|&k| k <= 313), "{:?}", bounded.keys_per_node);
        assert!(bounded.load_max_over_mean <= 313.0 / 250.0, "ceil(c·m/n) over the mean m/n");
    }

    /// A lookup on its way to a node that leaves finds nobody.
    fn a_lookup_to_a_removed_node_misses() {
        let mut lab = from_params("strategy=ring&nodes=4&vnodes=50&ring-size=1000000&keys=1000&key-hash=mix&rate=2000");
        lab.run_until(scalelab_core::SimTime::from_ms(500));
        let in_flight_to_s2 = lab.flights().filter(|l| l.node == 2).count();
        assert!(in_flight_to_s2 > 0);
        lab.apply(&Command::RemoveNode(2));
        lab.run_until(scalelab_core::SimTime::from_ms(1_000));
        assert_eq!(lab.metrics().lookups_missed as usize, in_flight_to_s2);
    }

    /// Nonsense changes nothing and says why; the last node cannot leave.
    fn commands_that_make_no_sense_are_recorded() {
        let mut lab = from_params("nodes=1&positions=");
        lab.apply(&Command::RemoveNode(7));
        lab.apply(&Command::RemoveNode(0));
        lab.apply(&Command::AddNodeAt { node: 0, positions: vec![5] });
        let ignored = lab.trace().recent().filter(|e| matches!(e.event, Event::CommandIgnored { .. })).count();
        assert_eq!(ignored, 3);
        assert_eq!(lab.metrics().nodes_after, 1);
    }

    /// Jump hash removes from the middle by moving the last node into the gap.
    fn jump_removal_from_the_middle_moves_two_nodes_worth() {
        let mut lab = from_params("strategy=jump&nodes=10&keys=100000&key-hash=mix");
        lab.apply(&Command::RemoveNode(3));
        let m = lab.metrics();
        // S3's tenth, plus the last node's tenth that jump re-spreads.
        assert!((0.15..0.21).contains(&m.keys_moved_fraction), "{}", m.keys_moved_fraction);
        let mut lab = from_params("strategy=jump&nodes=10&keys=100000&key-hash=mix");
        lab.apply(&Command::RemoveNode(9));
        assert!((lab.metrics().keys_moved_fraction - 0.1).abs() < 0.01, "the last node leaves cleanly");
    }

    /// With the identity hash, key k sits at position k.
    fn identity_keys_match_their_names() {
        let config = Config { key_hash: KeyHash::Identity, strategy: Strategy::Ring, ..Config::default() };
        let sample = Hashing::new(config, 9).unwrap().key_sample(300);
        assert_eq!(sample.len(), 256);
        assert!(sample.iter().all(|k| k.position == k.name));
    }
}

/// Settings that run but say little are warned about, naming the setting to
/// change: 1,600 points on the default 256-position ring, 200,000 keys
/// hashed by identity onto it.
#[test]
fn a_crowded_ring_and_piled_up_keys_are_warned_about() {
    use scalelab_core::input::Degenerate;
    use scalelab_core::lab::Settings;
    let parsed = Session::<Hashing>::from_params([
        ("nodes", "7"),
        ("vnodes", "200"),
        ("keys", "200000"),
        ("add", "1"),
    ]);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let w = parsed.session.warnings();
    let names: Vec<&str> = w.iter().map(|w| w.name).collect();
    assert_eq!(names, ["ring-size", "key-hash"], "{w:?}");
    assert_eq!(w[0].problem, Degenerate::CrowdedRing { points: 1_600, positions: 256 });
    assert_eq!(w[1].problem, Degenerate::KeysPileUp { keys: 200_000, positions: 256 });
    assert!(w[0].to_string().contains("raise ring-size"), "{}", w[0]);
    let mut fixed = parsed.session.config().clone();
    fixed.set("ring-size", "4294967296").unwrap();
    fixed.set("key-hash", "mix").unwrap();
    assert!(fixed.warnings().is_empty(), "{:?}", fixed.warnings());
    // The seed's hand-placed rings are small on purpose.
    assert!(Config::default().warnings().is_empty());
}
