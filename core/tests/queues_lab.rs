//! The queues lab's worked examples (seed 004's pizza shops, as the page's
//! presets run them) and its queue held to theory: Erlang C for C consumers
//! pushed to with exponential service, the polling interval's mean residual,
//! every message accounted for whatever crashes, poison messages dead-lettered
//! after exactly their attempts, and idempotency keys stopping exactly the
//! duplicates that would have happened.

use crate::common::{assert_close, erlang_c_mean_ms};
use scalelab_core::lab::Lab;
use scalelab_core::labs::queues::{Event, Metrics, Move, Queues, Work, Worker};
use scalelab_core::session::Session;
use scalelab_core::time::SimTime;

/// The run `params` (a link's parameters) gives after `ms`.
fn lab(params: &str, seed: u64, ms: u64) -> Session<Queues> {
    let seed = seed.to_string();
    let pairs = params.split('&').filter_map(|kv| kv.split_once('=')).chain([("seed", seed.as_str())]);
    let parsed = Session::<Queues>::from_params(pairs);
    assert!(parsed.errors.is_empty(), "{params}: {:?}", parsed.errors);
    let mut s = parsed.session;
    s.run_until(SimTime::from_ms(ms));
    assert!(s.refused().is_empty(), "{params}: refused {:?}", s.refused());
    s
}

fn run(params: &str, seed: u64, ms: u64) -> Metrics {
    lab(params, seed, ms).lab().metrics()
}

fn events(s: &Session<Queues>) -> Vec<Event> {
    s.lab().trace().recent().map(|e| e.event.clone()).collect()
}

/// Who made a pizza for order `n`, in the order they did.
fn makers(s: &Session<Queues>, n: u32) -> Vec<u32> {
    events(s)
        .into_iter()
        .filter_map(|e| match e {
            Event::Done { work: Work::Order(o), worker: Worker::Shop(w), skipped: false, .. } if o == n => {
                Some(w)
            }
            _ => None,
        })
        .collect()
}

fn moves(s: &Session<Queues>) -> Vec<Move> {
    events(s)
        .into_iter()
        .flat_map(|e| match e {
            Event::Redistributed { moves, .. } => moves,
            _ => Vec::new(),
        })
        .collect()
}

cross_test! {
    /// The seed as told: PS3 goes down at 12 s while PS0 makes O3; the
    /// notifier's check at 15 s finds it and deals every not-done order out
    /// again; PS1 gets O3 too, and its customer gets two pizzas.
    fn redistributing_every_order_makes_o3_twice_by_ps0_and_ps1() {
        for seed in 1..=4 {
            let s = lab("", seed, 120_000);
            let m = s.lab().metrics();
            assert_eq!(makers(&s, 3), [0, 1], "O3's pizzas, seed {seed}");
            assert_eq!((m.duplicates_processed, m.pizzas, m.acked, m.lost), (1, 7, 6, 0), "seed {seed}");
            assert_eq!(m.orders_moved, 6, "every order changed shop, seed {seed}");
            assert_eq!(m.detect_ms, 3_000.0, "down at 12 s, found at 15 s, seed {seed}");
            assert!(s.lab().done(), "seed {seed}");
        }
    }

    /// By consistent hashing PS3's points leave the ring: only its orders
    /// (O2 and O6) move, the other shops keep theirs, and nothing is made
    /// twice, whatever the seed puts where on the ring.
    fn on_a_ring_only_ps3s_orders_move_and_none_is_made_twice() {
        for seed in 1..=12 {
            let s = lab("redistribute=ring", seed, 120_000);
            let m = s.lab().metrics();
            let moved: Vec<(u32, u32)> = moves(&s).iter().map(|mv| (mv.order, mv.from)).collect();
            assert_eq!(moved, [(2, 3), (6, 3)], "seed {seed}");
            assert!(moves(&s).iter().all(|mv| mv.to != 3), "seed {seed}");
            assert_eq!((m.duplicates_processed, m.pizzas, m.acked, m.orders_moved), (0, 6, 6, 2), "seed {seed}");
            for (n, shop) in [(1, 1), (3, 0), (4, 1), (5, 2)] {
                assert_eq!(makers(&s, n), [shop], "O{n} stays with PS{shop}, seed {seed}");
            }
        }
    }

    /// Without the database the orders were only in PS3's memory: O2 and O6
    /// are lost, and the notifier finds the shop but nothing to give out.
    fn without_the_database_ps3s_orders_are_lost() {
        let s = lab("persist=memory", 1, 120_000);
        let m = s.lab().metrics();
        assert_eq!((m.lost, m.acked, m.duplicates_processed, m.orders_moved), (2, 4, 0, 0));
        assert!(makers(&s, 2).is_empty() && makers(&s, 6).is_empty());
        assert!(events(&s).iter().any(|e| matches!(e, Event::Crashed { lost, .. } if *lost == [2, 6])));
    }

    /// The notifier finds a dead shop at its next check, so the time to
    /// detect is that check's time less the failure's, for any period and
    /// failure time (a decision taken at the wrong check shows here).
    fn the_notifier_finds_a_dead_shop_at_its_next_check() {
        for (period, fail) in [(15_000u64, 12_000u64), (5_000, 12_000), (4_000, 3_500), (30_000, 1_000), (7_000, 13_000), (6_000, 6_001)] {
            let p = format!("notifier-ms={period}&fail-at-ms={fail}&make-ms=40000");
            let m = run(&p, 1, 400_000);
            let found = fail.div_ceil(period) * period;
            assert_eq!(m.detect_ms, (found - fail) as f64, "{p}");
            assert_eq!(m.acked + m.lost, 6, "{p}");
        }
    }

    /// A synchronous counter: each client waits for its pizza (and for the
    /// one made before it); an asynchronous one confirms at once.
    fn a_synchronous_counter_makes_the_client_wait_for_the_pizza() {
        let sync = run("confirm=when-made&fail-at-ms=0", 1, 200_000);
        let asy = run("fail-at-ms=0", 1, 200_000);
        assert_eq!(asy.confirm_ms_mean, 0.0);
        // O1 20 s, O2 20 s, O3 20 s, O4 waits for O1 (from 6 s to 40 s: 34 s), O5 20 s, O6 waits for O2 (32 s).
        let expected = (20.0 + 20.0 + 20.0 + 34.0 + 20.0 + 32.0) / 6.0 * 1_000.0;
        assert_close("confirm", sync.confirm_ms_mean, expected, 0.001, 1);
    }

    /// "Assignment + load balancing + heartbeat + persistence = a message
    /// queue": the same orders through the queue, no notifier. The lease on
    /// the order PS3 held runs out and another shop makes it once.
    fn through_the_queue_a_dead_shops_order_comes_back_when_its_lease_runs_out() {
        for vis in [25_000u64, 30_000, 45_000] {
            let p = format!("redistribute=queue&visibility-timeout-ms={vis}&jitter=none&backoff-ms=0");
            let s = lab(&p, 1, 300_000);
            let m = s.lab().metrics();
            assert_eq!((m.acked, m.duplicates_processed, m.lost, m.redelivered), (6, 0, 0, 1), "{p}");
            // PS3 took O4 at 6 s (plus a hop); its lease ends vis later.
            assert_close("detect", m.detect_ms, (6_001 + vis - 12_000) as f64, 0.001, 1);
        }
    }

    /// With no network and no polling, C consumers with exponential service
    /// are an M/M/C queue: enqueue to ack is Erlang C's time in system.
    fn c_consumers_pushed_to_are_an_m_m_c_queue() {
        for (rate, c, service, seed) in [(30.0, 1u32, 20.0, 3u64), (120.0, 3, 20.0, 5), (70.0, 2, 25.0, 7)] {
            let p = format!("scenario=queue&rate={rate}&consumers={c}&service-ms={service}&net-latency-ms=0");
            let m = run(&p, seed, 600_000);
            let expected = erlang_c_mean_ms(rate, 1_000.0 / service, c);
            assert_close(&format!("{p}: mean enqueue to ack"), m.latency_ms_mean, expected, 0.1, seed);
            let rho = rate * service / 1_000.0 / f64::from(c);
            assert_close(&format!("{p}: utilization"), m.consumer_utilization, rho, 0.05, seed);
        }
    }

    /// Consumers that poll every P ms find a message waiting, on average,
    /// P/2 after it came (at a low rate, the queue is empty at each poll).
    fn polling_adds_half_the_interval_on_average() {
        for poll in [100.0, 400.0] {
            let p = format!("scenario=queue&rate=1&consumers=1&service-ms=5&service-dist=const&net-latency-ms=0&poll-ms={poll}");
            let m = run(&p, 2, 2_000_000);
            assert_close(&p, m.latency_ms_mean, 5.0 + poll / 2.0, 0.1, 2);
        }
    }

    /// A poison message always fails: it is received exactly max-attempts
    /// times and then dead-lettered; the others are acked.
    fn poison_messages_are_dead_lettered_after_their_attempts() {
        for attempts in [1u32, 3, 6] {
            let p = format!("scenario=queue&rate=20&poison-fraction=0.1&max-attempts={attempts}&backoff-ms=10&backoff-max-ms=100");
            let s = lab(&p, 4, 20_000);
            let m = s.lab().metrics();
            let dead: Vec<u32> = events(&s)
                .into_iter()
                .filter_map(|e| match e {
                    Event::DeadLettered { attempts, .. } => Some(attempts),
                    _ => None,
                })
                .collect();
            assert!(m.dead_lettered > 10, "{p}: {m:?}");
            assert!(dead.iter().all(|&a| a == attempts), "{p}: {dead:?}");
            let q = s.lab().view();
            assert_eq!(m.enqueued, m.acked + m.dead_lettered + u64::from(q.queue_len), "{p}");
        }
    }

    /// A lease shorter than the work: the message comes back while its first
    /// consumer still works on it, and both do its side effect. Idempotency
    /// keys skip exactly those second side effects (the timing is the same).
    fn idempotency_keys_stop_exactly_the_duplicates() {
        let base = "scenario=queue&rate=20&consumers=4&service-ms=80&visibility-timeout-ms=60&jitter=none&backoff-ms=0";
        for seed in [1u64, 2] {
            let without = run(base, seed, 10_000);
            let with = run(&format!("{base}&idempotency=true"), seed, 10_000);
            assert!(without.duplicates_processed > 20, "{without:?}");
            assert!(without.late_acks > 0 && without.redelivered > 0);
            assert_eq!(with.duplicates_processed, 0);
            assert_eq!(with.duplicates_skipped, without.duplicates_processed, "seed {seed}");
            assert_eq!(with.delivered, without.delivered, "seed {seed}");
        }
    }

    /// A consumer crashes mid-message: the message stays leased until the
    /// lease runs out, then another consumer gets it.
    fn a_crashed_consumers_message_comes_back_when_its_lease_runs_out() {
        let p = "scenario=queue&rate=5&service-ms=400&service-dist=const&visibility-timeout-ms=3000&log=1000:crash:0,1200:crash:1";
        let s = lab(p, 3, 20_000);
        let m = s.lab().metrics();
        let held = events(&s).iter().filter(|e| matches!(e, Event::Crashed { holding: Some(_), .. })).count();
        assert!(held >= 1, "{p}");
        assert!(m.redelivered >= held as u64, "{m:?}");
        assert!(m.detect_ms > 2_000.0 && m.detect_ms <= 3_000.0, "{m:?}");
        assert_eq!(m.lost, 0);
    }

    /// A broker crash loses every message of an in-memory queue and none of
    /// a durable one; messages sent while it is down are refused. Every
    /// message is acked, dead, lost or still queued.
    fn a_broker_crash_loses_an_in_memory_queue_and_nothing_durable() {
        let base = "scenario=queue&rate=100&consumers=1&service-ms=20&log=2000:crash-broker,2500:restart-broker";
        for (durable, seed) in [("true", 1u64), ("false", 1), ("false", 2)] {
            let s = lab(&format!("{base}&durable={durable}"), seed, 8_000);
            let m = s.lab().metrics();
            let lost = events(&s).iter().find_map(|e| match e {
                Event::BrokerCrashed { lost, .. } => Some(*lost),
                _ => None,
            });
            assert!(m.rejected > 20, "{m:?}");
            if durable == "true" {
                assert_eq!((m.lost, lost), (0, Some(0)));
            } else {
                assert!(m.lost > 0 && Some(m.lost) == lost, "{m:?}");
            }
            let q = s.lab().view();
            assert_eq!(m.enqueued, m.acked + m.dead_lettered + m.lost + u64::from(q.queue_len), "durable={durable}");
        }
    }
}
