//! The sessions lab's worked examples, as the page's one-click presets run
//! them (the same parameters), each over several seeds, and its numbers held
//! to what theory says: the interactive response time law for the closed
//! loop of users, modulo's exact 3/4 of users moved, and a ring moving the
//! new node's share of them.

use scalelab_core::lab::Lab;
use scalelab_core::labs::sessions::{Metrics, Sessions};
use scalelab_core::session::Session;
use scalelab_core::time::SimTime;

/// The run `params` (a link's parameters) gives after `ms`.
fn lab(params: &str, seed: u64, ms: u64) -> Session<Sessions> {
    let seed = seed.to_string();
    let pairs = params.split('&').filter_map(|kv| kv.split_once('=')).chain([("seed", seed.as_str())]);
    let parsed = Session::<Sessions>::from_params(pairs);
    assert!(parsed.errors.is_empty(), "{params}: {:?}", parsed.errors);
    let mut s = parsed.session;
    s.run_until(SimTime::from_ms(ms));
    assert!(s.refused().is_empty(), "{params}: refused {:?}", s.refused());
    s
}

fn run(params: &str, seed: u64, ms: u64) -> Metrics {
    lab(params, seed, ms).lab().metrics()
}

/// Seed 002's cart: with the other users idle, user 0 adds two products on
/// S1 and looks at the cart on S2.
const CART: &str = "service-ms=0&log=0:users:0,100:add-item:0:1,200:add-item:0:1,300:view-cart:0:2";
/// Seed 000: stateful servers that run out of memory under too many users.
const OVERLOAD: &str = "users=300&think-ms=500&routing=sticky-cookie&server-memory-sessions=80";
/// One session store; it fails and comes back empty.
const ONE_STORE: &str = "users=200&think-ms=300&state=store&log=2000:crash-store:0,2500:restart-store:0";
/// A replicated store whose primary fails between two of its heartbeats
/// (every 50 ms, which carry async writes to the backups).
const REPLICATED: &str =
    "users=300&think-ms=200&state=replicated-store&store-replication=async&log=2030:crash-store:0";
/// `user id mod 3` store nodes; one fails for a second.
const MODULO: &str = "users=300&think-ms=300&state=partitioned-store&store-nodes=3&log=2000:crash-store:1,3000:restart-store:1";
/// A fourth store node.
const FOURTH: &str = "users=1200&think-ms=300&state=partitioned-store&store-nodes=3&log=2000:add-store";
/// Sticky sessions until a server dies.
const STICKY: &str = "users=200&think-ms=300&routing=sticky-cookie&log=3000:crash:1";
/// Sticky by user id mod N; a fourth server is added.
const ADDED: &str = "users=1200&think-ms=300&routing=sticky-modulo&log=2000:add";
/// 1,000 users on long-lived connections to four servers; one dies.
const TCP: &str = "servers=4&users=1000&think-ms=500&state=store&connection=tcp&log=2000:crash:0";

cross_test! {
    fn the_seeds_cart_is_empty_on_another_server_and_there_with_a_store() {
        for seed in 1..6 {
            let m = run(CART, seed, 1_000);
            assert_eq!((m.requests, m.cart_views), (3, 1), "seed {seed}: {m:?}");
            assert_eq!((m.stale_carts, m.forced_logins), (1, 1), "seed {seed}: S2 has no session: {m:?}");
            let s = run(&format!("{CART}&state=store"), seed, 1_000);
            assert_eq!((s.stale_carts, s.forced_logins), (0, 0), "seed {seed}: {s:?}");
            // Every request pays the store's round trip: the view reads it,
            // each add reads and writes it.
            let near = |a: f64, b: f64| (a - b).abs() < 0.1;
            assert!(near(m.latency_ms_p50, 10.0), "seed {seed}: two 5 ms hops: {m:?}");
            assert!(near(s.latency_ms_p50, 14.0), "seed {seed}: and a read and a write of 2 ms: {s:?}");
            assert_eq!(s.store_requests, 5);
        }
    }

    fn stateful_servers_crash_under_too_many_users_and_stateless_ones_do_not() {
        for seed in 1..4 {
            let m = run(OVERLOAD, seed, 6_000);
            assert!(m.servers_up < 3, "seed {seed}: a server ran out of memory: {m:?}");
            assert!(m.sessions_lost >= 80 && m.carts_lost > 0, "seed {seed}: {m:?}");
            let s = run(&format!("{OVERLOAD}&state=store"), seed, 6_000);
            assert_eq!((s.servers_up, s.sessions_lost, s.forced_logins), (3, 0, 0), "seed {seed}: {s:?}");
            assert_eq!(s.success_ratio, 1.0);
        }
    }

    fn the_one_session_store_fails_and_every_user_is_out() {
        for seed in 1..4 {
            let m = run(ONE_STORE, seed, 6_000);
            assert!(m.store_failures > 50, "seed {seed}: requests fail while it is down: {m:?}");
            // It came back empty: every user who acts again logs in again.
            assert!(m.forced_logins >= 190 && m.sessions_lost >= 190, "seed {seed}: {m:?}");
        }
    }

    fn a_replicated_store_fails_over_and_async_loses_the_last_moments() {
        for seed in 1..4 {
            let a = run(REPLICATED, seed, 5_000);
            assert_eq!(a.machines, 6, "three app servers and three store nodes");
            assert!(a.carts_lost > 0, "seed {seed}: async: the backups lacked the last writes: {a:?}");
            assert!(a.carts_lost < 60, "seed {seed}: only the last moments: {a:?}");
            assert!(a.forced_logins < a.requests / 20, "seed {seed}: most users kept their session: {a:?}");
            let s = run(&REPLICATED.replace("async", "sync"), seed, 5_000);
            assert_eq!((s.carts_lost, s.sessions_lost), (0, 0), "seed {seed}: sync: nothing lost: {s:?}");
            assert!(s.latency_ms_p50 > a.latency_ms_p50, "seed {seed}: sync waits for the backups");
        }
    }

    fn with_user_id_mod_3_one_failed_node_takes_exactly_its_users_state() {
        for seed in 1..4 {
            let s = lab(MODULO, seed, 6_000);
            let m = s.lab().metrics();
            assert!(m.store_failures > 0 && m.sessions_lost > 50, "seed {seed}: {m:?}");
            for e in s.lab().trace().recent() {
                if let scalelab_core::labs::sessions::Event::StateLost { user, .. } = e.event {
                    assert_eq!(user % 3, 1, "seed {seed}: U{user} is not on store node 1");
                }
                if let scalelab_core::labs::sessions::Event::Failed { user, .. } = e.event {
                    assert_eq!(user % 3, 1, "seed {seed}: U{user} is not on store node 1");
                }
            }
        }
    }

    fn a_fourth_store_node_moves_three_quarters_under_modulo_and_its_share_on_a_ring() {
        for seed in 1..4 {
            let m = run(FOURTH, seed, 3_000);
            // u mod 3 = u mod 4 for 3 of every 12 ids: exactly 3/4 move.
            assert_eq!(m.users_moved_fraction, 0.75, "seed {seed}: {m:?}");
            let r = run(&format!("{FOURTH}&store-placement=ring"), seed, 3_000);
            // A ring moves the users the new node takes: about its share, 1/4,
            // give or take what 100 points per node leave uneven.
            assert!((0.15..0.35).contains(&r.users_moved_fraction), "seed {seed}: {r:?}");
            assert!(r.forced_logins < m.forced_logins, "seed {seed}: fewer users find no session");
        }
    }

    fn sticky_sessions_hold_until_their_server_dies() {
        for seed in 1..4 {
            let s = lab(STICKY, seed, 2_900);
            assert_eq!(s.lab().metrics().forced_logins, 0, "seed {seed}: sticky: every request finds its session");
            let m = run(STICKY, seed, 6_000);
            assert!((40..100).contains(&m.forced_logins), "seed {seed}: S1's third log in again: {m:?}");
            let rr = run(&STICKY.replace("sticky-cookie", "round-robin"), seed, 2_900);
            assert!(rr.forced_logins > 100, "seed {seed}: round robin: {rr:?}");
        }
    }

    fn a_new_server_remaps_sticky_users_by_modulo_and_only_its_share_on_a_ring() {
        use scalelab_core::node::NodeId;
        use scalelab_core::placement::{Placement, Ring, salt};
        for seed in 1..4 {
            let m = run(ADDED, seed, 4_000);
            assert_eq!(m.users_moved_fraction, 0.75, "seed {seed}: u mod 3 = u mod 4 for 3 ids in 12: {m:?}");
            assert!(m.forced_logins >= 850, "seed {seed}: the moved users find no session: {m:?}");
            let r = run(&ADDED.replace("sticky-modulo", "sticky-ring"), seed, 4_000);
            // The users a ring moves are those the new server now owns: its
            // share of the ring, give or take a binomial spread over 1,200.
            let mut ring = Ring::full(100, salt(seed));
            for s in 0..4 {
                ring.add(NodeId(s));
            }
            let share = ring.shares().iter().find(|(n, _)| *n == NodeId(3)).map_or(0.0, |s| s.1);
            let sd = (share * (1.0 - share) / 1_200.0).sqrt();
            let z = (r.users_moved_fraction - share) / sd;
            assert!(z.abs() < 4.0, "seed {seed}: moved {} vs share {share} (z = {z:.1})", r.users_moved_fraction);
            let c = run(&ADDED.replace("sticky-modulo", "sticky-cookie"), seed, 4_000);
            assert_eq!((c.users_moved, c.forced_logins), (0, 0), "seed {seed}: a cookie keeps its server: {c:?}");
        }
    }

    fn killing_one_of_four_tcp_servers_resets_a_quarter_of_the_connections() {
        for seed in 1..4 {
            let m = run(TCP, seed, 6_000);
            assert!((240..=260).contains(&m.reconnects), "seed {seed}: {m:?}");
            assert_eq!(m.connections_per_server[0], 0);
            let h = run(&TCP.replace("tcp", "http"), seed, 6_000);
            assert_eq!(h.reconnects, 0, "seed {seed}: over HTTP nothing reconnects");
        }
    }

    fn a_new_server_gets_no_old_tcp_connection_but_its_share_of_http_requests() {
        let p = "servers=3&users=600&think-ms=300&state=store&connection=tcp&log=1000:add";
        let m = run(p, 1, 4_000);
        assert_eq!(m.connections_per_server[3], 0, "{m:?}");
        let s = lab(&p.replace("tcp", "http"), 1, 4_000);
        let after = s.lab().trace().recent().filter(|e| e.at > SimTime::from_ms(1_000));
        let on_new = after
            .filter(|e| matches!(e.event, scalelab_core::labs::sessions::Event::Answered { server: 3, .. }))
            .count();
        assert!(on_new > 100, "round robin sends the new server a quarter: {on_new}");
    }

    fn the_users_closed_loop_obeys_the_response_time_law() {
        // X = N / (R + Z): throughput from users, mean latency and think time.
        for (users, think, service) in [(50u32, 200.0, 2.0), (200, 1_000.0, 5.0), (20, 50.0, 10.0)] {
            let p = format!("users={users}&think-ms={think}&service-ms={service}&state=store");
            let s = lab(&p, 7, 20_000);
            let (n, sum) = s.lab().series().points().fold((0u64, 0u64), |(n, sum), (_, pt)| {
                (n + u64::from(pt.answered), sum + pt.latency_us)
            });
            let r = sum as f64 / n.max(1) as f64 / 1_000.0;
            let x = s.lab().metrics().answered as f64 / 20.0;
            let law = f64::from(users) / ((r + think) / 1_000.0);
            assert!((x - law).abs() / law < 0.03, "{p}: {x}/s vs N/(R+Z) = {law}/s (R = {r} ms)");
        }
    }

    fn where_nothing_fails_no_answer_is_short_of_what_its_user_expected() {
        // Every action, over a store and over sticky in-memory sessions, with
        // latencies varied: a checkout's empty cart is what its user expects.
        for (p, seed) in [
            ("users=300&think-ms=200&state=store&store-ms=3", 1),
            ("users=300&think-ms=50&state=partitioned-store&store-nodes=3&net-latency-ms=7", 2),
            ("users=200&think-ms=300&routing=sticky-modulo&service-ms=9", 3),
        ] {
            let s = lab(p, seed, 5_000);
            let (mut answered, mut checkouts) = (0, 0);
            for e in s.lab().trace().recent() {
                if let scalelab_core::labs::sessions::Event::Answered { action, items, expected, .. } = e.event {
                    answered += 1;
                    checkouts += u32::from(action == scalelab_core::labs::sessions::Action::Checkout);
                    assert!(items >= expected, "{p} seed {seed}: {:?}", e);
                }
            }
            assert!(answered > 1_000 && checkouts > 50, "{p}: {answered} answers, {checkouts} checkouts");
            assert_eq!(s.lab().metrics().stale_carts, 0, "{p} seed {seed}");
        }
    }
}
