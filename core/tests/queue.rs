//! The queue building block against SQS's semantics (a lease hides a message
//! until it is acked or runs out, then it comes back with its receive count
//! plus one; too many failures dead-letter it), the backoff and jitter
//! formulas, priority order, what a broker crash loses, and random schedules
//! checked against a simple model (a list plus a map of leases): in a
//! durable queue no message vanishes, and no message is ever held under two
//! leases at once. Native only (proptest).

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use scalelab_core::engine::Engine;
use scalelab_core::queue::{Change, Jitter, Order, Queue, QueueParams, Refused, Status};
use scalelab_core::rng::{SimRng, Stream};
use scalelab_core::time::{SimDuration, SimTime};
use std::collections::BTreeMap;

fn ms(t: u64) -> SimTime {
    SimTime::from_ms(t)
}

fn params(visibility_ms: u64, max_attempts: u32) -> QueueParams {
    QueueParams {
        visibility_timeout: SimDuration::from_ms(visibility_ms),
        max_attempts,
        backoff: SimDuration::from_ms(100),
        backoff_max: SimDuration::from_ms(1_000),
        jitter: Jitter::None,
        order: Order::Fifo,
        durable: true,
    }
}

#[test]
fn a_lease_hides_a_message_until_it_runs_out_then_it_comes_back_received_once_more() {
    let mut rng = SimRng::new(1, Stream::Lab(0));
    let mut q = Queue::new(params(500, 5));
    let a = q.enqueue(ms(0), "a", 0);
    let first = q.receive(ms(10)).expect("a is ready");
    assert_eq!((first.id, first.attempt), (a, 1));
    assert_eq!(q.receive(ms(20)), None, "hidden while leased");
    assert_eq!((q.depth(), q.in_flight()), (0, 1));
    assert_eq!(q.next_due(), Some(ms(510)));
    assert!(q.advance(ms(509), &mut rng).is_empty(), "the lease holds until 510 ms");
    let changes = q.advance(ms(510), &mut rng);
    assert_eq!(changes, [Change::LeaseExpired { id: a }, Change::Retrying { id: a, at: ms(610) }]);
    assert_eq!(q.receive(ms(600)), None, "backing off until 610 ms");
    q.advance(ms(610), &mut rng);
    let second = q.receive(ms(610)).expect("visible again");
    assert_eq!((second.id, second.attempt), (a, 2));
    // The first consumer's late ack is refused: its lease is gone and the
    // message is another consumer's now.
    assert_eq!(q.ack(a, first.receipt), Err(Refused::NotHeld(first.receipt)));
    assert_eq!(q.ack(a, second.receipt).map(|m| m.payload), Ok("a"));
    assert!(q.is_empty());
    assert_eq!(q.acked(), 1);
}

#[test]
fn a_message_failing_max_attempts_times_goes_to_the_dead_letter_queue() {
    let mut rng = SimRng::new(2, Stream::Lab(0));
    for max in [1, 3, 6] {
        let mut q = Queue::new(params(1_000, max));
        let poison = q.enqueue(ms(0), (), 0);
        let mut t = 0;
        for attempt in 1..=max {
            q.advance(ms(t), &mut rng);
            let d = q.receive(ms(t)).unwrap_or_else(|| panic!("max {max}: attempt {attempt} finds it"));
            assert_eq!(d.attempt, attempt);
            let change = q.nack(ms(t), poison, d.receipt, &mut rng).expect("held");
            if attempt == max {
                assert_eq!(change, Change::DeadLettered { id: poison });
            } else {
                let Change::Retrying { at, .. } = change else { panic!("max {max}: {change:?}") };
                t = at.since(SimTime::ZERO).as_us() / 1_000;
            }
        }
        assert!(q.is_empty(), "max {max}");
        assert_eq!(q.dead_letters().len(), 1);
        assert_eq!(q.dead_letters().next().map(|m| m.receives), Some(max));
    }
}

#[test]
fn the_backoff_doubles_to_its_cap_and_jitter_spreads_it_as_the_formulas_say() {
    let mut rng = SimRng::new(3, Stream::Lab(0));
    let q: Queue<()> = Queue::new(params(1_000, 10));
    let exact: Vec<u64> = (1..=6).map(|n| q.backoff(n, &mut rng).as_us() / 1_000).collect();
    assert_eq!(exact, [100, 200, 400, 800, 1_000, 1_000]);
    for (jitter, lo, mean) in [(Jitter::Full, 0.0, 0.5), (Jitter::Equal, 0.5, 0.75)] {
        let q: Queue<()> = Queue::new(QueueParams { jitter, ..params(1_000, 10) });
        let n = 20_000;
        let d: Vec<f64> = (0..n).map(|_| q.backoff(3, &mut rng).as_ms_f64() / 400.0).collect();
        assert!(d.iter().all(|&x| (lo..=1.0).contains(&x)), "{jitter:?} stays in [{lo}, 1] of 400 ms");
        let m = d.iter().sum::<f64>() / f64::from(n);
        // A uniform on [lo, 1] has standard deviation (1 - lo)/sqrt(12); 5 standard errors.
        let se = (1.0 - lo) / 12f64.sqrt() / f64::from(n).sqrt();
        assert!((m - mean).abs() < 5.0 * se, "{jitter:?}: mean {m} vs {mean}");
    }
}

#[test]
fn priority_order_hands_out_the_highest_first_and_fifo_the_oldest() {
    let order = |order| {
        let mut q = Queue::new(QueueParams { order, ..params(1_000, 3) });
        for (i, p) in [1u8, 5, 3, 5, 0].into_iter().enumerate() {
            q.enqueue(ms(i as u64), i, p);
        }
        let mut got = Vec::new();
        while let Some(d) = q.receive(ms(10)) {
            got.push(q.get(d.id).expect("leased").payload);
        }
        got
    };
    assert_eq!(order(Order::Fifo), [0, 1, 2, 3, 4]);
    assert_eq!(order(Order::Priority), [1, 3, 2, 0, 4], "priority 5, 5, 3, 1, 0; ties oldest first");
}

#[test]
fn a_crash_loses_every_message_of_an_in_memory_queue_and_none_of_a_durable_one() {
    for durable in [false, true] {
        let mut q = Queue::new(QueueParams { durable, ..params(1_000, 3) });
        for i in 0..10 {
            q.enqueue(ms(i), i, 0);
        }
        let leased = q.receive(ms(20)).expect("ready");
        let lost = q.crash();
        if durable {
            assert_eq!((lost, q.len(), q.in_flight()), (0, 10, 1), "the lease survives too");
            assert!(q.ack(leased.id, leased.receipt).is_ok());
        } else {
            assert_eq!((lost, q.len(), q.lost()), (10, 0, 10));
            assert!(q.ack(leased.id, leased.receipt).is_err());
        }
    }
}

#[test]
fn the_oldest_age_is_the_oldest_unacked_message_s() {
    let mut q = Queue::new(params(1_000, 3));
    assert_eq!(q.oldest_age(ms(5)), None);
    let a = q.enqueue(ms(100), (), 0);
    q.enqueue(ms(300), (), 0);
    assert_eq!(q.oldest_age(ms(400)), Some(SimDuration::from_ms(300)));
    let d = q.receive(ms(400)).expect("a");
    q.ack(a, d.receipt).expect("held");
    assert_eq!(q.oldest_age(ms(400)), Some(SimDuration::from_ms(100)));
}

/// Erlang C: the chance an arrival waits in an M/M/c queue with offered
/// load `a` = λ/µ (in erlangs).
fn erlang_c(c: u32, a: f64) -> f64 {
    let rho = a / f64::from(c);
    let mut term = 1.0; // a^k / k!
    let mut sum = 0.0;
    for k in 0..c {
        sum += term;
        term *= a / f64::from(k + 1);
    }
    // term is now a^c / c!
    let top = term / (1.0 - rho);
    top / (sum + top)
}

#[derive(Debug)]
enum Ev {
    Arrive,
    Done(usize, u64, u64),
}

/// Poisson arrivals at `rate`/s into the queue, `c` consumers pushed to as
/// soon as they are free, exponential service of mean `service_ms`, no
/// network and no polling: an M/M/c queue. Returns the mean time from
/// enqueue to ack (ms), the time-average number waiting, and the mean wait
/// before a receive (ms).
fn mmc(rate: f64, c: usize, service_ms: f64, seconds: u64, seed: u64) -> (f64, f64, f64) {
    let mut rng = SimRng::new(seed, Stream::Lab(0));
    let mut q =
        Queue::new(QueueParams { visibility_timeout: SimDuration::from_secs(1_000_000), ..params(1, 1) });
    let mut engine: Engine<Ev> = Engine::new();
    let mut idle: Vec<usize> = (0..c).collect();
    let end = SimTime::from_ms(seconds * 1_000);
    let warm = SimTime::from_ms(seconds * 100);
    engine.schedule_in(SimDuration::from_ms_f64(rng.exp(1_000.0 / rate)), Ev::Arrive);
    let (mut n, mut sum_ms, mut wait_ms) = (0u64, 0.0, 0.0);
    let (mut area, mut last) = (0.0, warm);
    let mut enqueued_at: BTreeMap<u64, SimTime> = BTreeMap::new();
    while let Some(ev) = engine.pop_until(end) {
        let now = engine.now();
        if now > warm {
            area += q.depth() as f64 * now.since(last).as_ms_f64();
            last = now;
        }
        match ev {
            Ev::Arrive => {
                let id = q.enqueue(now, (), 0);
                enqueued_at.insert(id, now);
                engine.schedule_in(SimDuration::from_ms_f64(rng.exp(1_000.0 / rate)), Ev::Arrive);
            }
            Ev::Done(consumer, id, receipt) => {
                q.ack(id, receipt).expect("the lease holds");
                let at = enqueued_at.remove(&id).expect("enqueued");
                if at > warm {
                    n += 1;
                    sum_ms += now.since(at).as_ms_f64();
                }
                idle.push(consumer);
            }
        }
        while let Some(&consumer) = idle.last() {
            let Some(d) = q.receive(now) else { break };
            idle.pop();
            let at = enqueued_at[&d.id];
            if at > warm {
                wait_ms += now.since(at).as_ms_f64();
            }
            engine.schedule_in(
                SimDuration::from_ms_f64(rng.exp(service_ms)),
                Ev::Done(consumer, d.id, d.receipt),
            );
        }
    }
    let span = end.since(warm).as_ms_f64();
    (sum_ms / n as f64, area / span, wait_ms / n as f64)
}

#[test]
fn c_consumers_with_exponential_service_are_an_m_m_c_queue_erlang_c_and_little_s_law() {
    // Loads from light to heavy, with service times and consumer counts
    // varied; at ρ = 0.9 waits are long and correlated, so that run is longer.
    let cases = [
        (70.0, 1, 10.0, 1, 400),
        (150.0, 2, 10.0, 2, 400),
        (300.0, 4, 12.0, 3, 2_000),
        (80.0, 8, 90.0, 4, 400),
    ];
    for (rate, c, service_ms, seed, seconds) in cases {
        let mu = 1_000.0 / service_ms;
        let a = rate / mu;
        let wq = erlang_c(c as u32, a) / (c as f64 * mu - rate) * 1_000.0;
        let want = wq + service_ms;
        let (got, waiting, wait) = mmc(rate, c, service_ms, seconds, seed);
        assert!(
            (got - want).abs() / want < 0.10,
            "seed {seed}: λ {rate}/s, c {c}, {service_ms} ms: mean enqueue to ack {got:.2} ms vs Erlang C {want:.2} ms"
        );
        // Little's law: the mean number waiting is λ times the mean wait.
        let little = rate * wait / 1_000.0;
        assert!(
            (waiting - little).abs() <= 0.05 * little.max(0.2),
            "seed {seed}: {waiting:.3} waiting vs λW = {little:.3}"
        );
    }
    // The formula itself: one server is M/M/1 (C = ρ), and Erlang C's
    // textbook value for 2 servers at a = 1 is 1/3.
    assert!((erlang_c(1, 0.7) - 0.7).abs() < 1e-12);
    assert!((erlang_c(2, 1.0) - 1.0 / 3.0).abs() < 1e-12);
}

/// One step of a random schedule.
#[derive(Clone, Debug)]
enum Op {
    Enqueue(u8),
    Receive,
    /// Ack the k-th lease the model thinks may be held (maybe run out).
    Ack(usize),
    Nack(usize),
    Wait(u64),
    Crash,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0u8..4).prop_map(Op::Enqueue),
        3 => Just(Op::Receive),
        2 => (0usize..8).prop_map(Op::Ack),
        1 => (0usize..8).prop_map(Op::Nack),
        2 => (1u64..400).prop_map(Op::Wait),
        1 => Just(Op::Crash),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn no_message_vanishes_from_a_durable_queue_and_none_has_two_leases(
        ops in prop::collection::vec(op(), 1..200),
        seed in 0u64..1_000,
        visibility in 50u64..500,
        max_attempts in 1u32..5,
        jitter in prop_oneof![Just(Jitter::None), Just(Jitter::Full), Just(Jitter::Equal)],
        priority in any::<bool>(),
    ) {
        let order = if priority { Order::Priority } else { Order::Fifo };
        let p = QueueParams { jitter, order, ..params(visibility, max_attempts) };
        let mut q = Queue::new(p);
        let mut rng = SimRng::new(seed, Stream::Lab(0));
        // The model: for each message its current lease, if any, and when it runs out.
        let mut model: BTreeMap<u64, Option<(u64, SimTime)>> = BTreeMap::new();
        let mut issued: Vec<(u64, u64)> = Vec::new();
        let mut now = SimTime::ZERO;
        for op in ops {
            match op {
                Op::Enqueue(pr) => {
                    let id = q.enqueue(now, (), pr);
                    model.insert(id, None);
                }
                Op::Receive => {
                    q.advance(now, &mut rng);
                    if let Some(d) = q.receive(now) {
                        let lease = model.get_mut(&d.id).expect("a received message was enqueued");
                        prop_assert!(lease.is_none(), "seed {seed}: {} leased twice at once", d.id);
                        *lease = Some((d.receipt, now + p.visibility_timeout));
                        issued.push((d.id, d.receipt));
                    }
                }
                Op::Ack(k) | Op::Nack(k) if !issued.is_empty() => {
                    q.advance(now, &mut rng);
                    let (id, receipt) = issued[k % issued.len()];
                    let holds = model.get(&id).copied().flatten().is_some_and(|(r, until)| r == receipt && until > now);
                    let result = if matches!(op, Op::Ack(_)) {
                        q.ack(id, receipt).map(|_| ())
                    } else {
                        q.nack(now, id, receipt, &mut rng).map(|_| ())
                    };
                    prop_assert_eq!(result.is_ok(), holds, "seed {}: lease {} of {}", seed, receipt, id);
                    if result.is_ok() {
                        if matches!(op, Op::Ack(_)) {
                            model.remove(&id);
                        } else {
                            model.insert(id, None);
                        }
                    }
                }
                Op::Ack(_) | Op::Nack(_) => {}
                Op::Wait(t) => {
                    now += SimDuration::from_ms(t);
                    q.advance(now, &mut rng);
                }
                Op::Crash => prop_assert_eq!(q.crash(), 0),
            }
            // Leases the model holds past their end have run out.
            for lease in model.values_mut() {
                if lease.is_some_and(|(_, until)| until <= now) {
                    *lease = None;
                }
            }
            let dead: Vec<u64> = q.dead_letters().map(|m| m.id).collect();
            model.retain(|id, _| !dead.contains(id));
            // Every message is acked, dead-lettered or still in the queue.
            prop_assert_eq!(q.enqueued(), q.acked() + dead.len() as u64 + q.len() as u64, "seed {}", seed);
            prop_assert_eq!(q.len(), model.len(), "seed {}", seed);
            for m in q.messages() {
                let leased_in_model = model[&m.id].is_some();
                let leased = matches!(m.status, Status::Leased { .. });
                prop_assert_eq!(leased, leased_in_model, "seed {}: message {}", seed, m.id);
                prop_assert!(m.receives <= max_attempts);
            }
            prop_assert_eq!(q.depth() + q.in_flight(), q.len());
        }
    }
}
