//! Property tests: building blocks against simple models, and the lab's
//! invariants under random command logs. Native only (proptest needs threads).

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use scalelab_core::engine::Engine;
use scalelab_core::lab::{CommandLog, Lab};
use scalelab_core::labs::load_balancing::{Command, Config, Layout, LoadBalancing, Policy};
use scalelab_core::session::Session;
use scalelab_core::{SimDuration, SimTime};

fn policy() -> impl Strategy<Value = Policy> {
    prop_oneof![
        Just(Policy::RoundRobin),
        Just(Policy::Random),
        Just(Policy::LeastConnections),
        Just(Policy::PowerOfTwoChoices),
        Just(Policy::Hash),
    ]
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        Just(Command::AddServer),
        (0u32..6).prop_map(Command::KillServer),
        (0u32..6).prop_map(Command::RestartServer),
        (0u32..6, 1u32..80).prop_map(|(server, tenths)| Command::SlowServer {
            server,
            factor: f64::from(tenths) / 4.0 + 1.0
        }),
        (0u32..6).prop_map(Command::IsolateServer),
        (0u32..6).prop_map(Command::HealServer),
        (0u32..2_000).prop_map(|r| Command::SetRate(f64::from(r))),
        policy().prop_map(Command::SetPolicy),
    ]
}

fn config() -> impl Strategy<Value = Config> {
    (1u32..5, policy(), 1u32..4, 0u32..10, prop::bool::ANY, 0u32..30, 50u32..2_000).prop_map(
        |(servers, policy, capacity, queue_limit, vertical, loss_pct, timeout)| Config {
            servers,
            policy,
            capacity,
            queue_limit,
            layout: if vertical { Layout::Vertical } else { Layout::Horizontal },
            loss: f64::from(loss_pct) / 100.0,
            timeout_ms: f64::from(timeout),
            rate: 400.0,
            ..Config::default()
        },
    )
}

/// Timed commands within the first two seconds.
fn log() -> impl Strategy<Value = Vec<(u64, Command)>> {
    prop::collection::vec((0u64..2_000_000, command()), 0..12)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The engine pops events in (time, scheduling order), like a stable sort.
    #[test]
    fn engine_order_is_a_stable_sort(times in prop::collection::vec(0u64..50, 0..200)) {
        let mut engine = Engine::new();
        for (i, &t) in times.iter().enumerate() {
            engine.schedule_at(SimTime(t), i);
        }
        let mut popped = vec![];
        while let Some(i) = engine.pop_until(SimTime::MAX) {
            popped.push(i);
        }
        let mut model: Vec<usize> = (0..times.len()).collect();
        model.sort_by_key(|&i| times[i]);
        prop_assert_eq!(popped, model);
    }

    /// Scheduling and popping interleaved (as a lab does: each event schedules
    /// more) still pops in (time, scheduling order), and the clock never goes
    /// backwards. The model is a sorted map from (time, number) to event.
    #[test]
    fn engine_interleaved_matches_a_sorted_map(ops in prop::collection::vec((0u64..40, 0usize..4), 0..400)) {
        let mut engine = Engine::new();
        let mut model = std::collections::BTreeMap::new();
        let mut seq = 0u64;
        for (i, &(delay, pops)) in ops.iter().enumerate() {
            let at = engine.now() + SimDuration(delay);
            engine.schedule_at(at, i);
            seq += 1;
            model.insert((at, seq), i);
            for _ in 0..pops {
                let expected = model.pop_first();
                prop_assert_eq!(engine.next_due(), expected.map(|((at, _), _)| at));
                let before = engine.now();
                prop_assert_eq!(engine.pop_next(), expected.map(|(_, i)| i));
                prop_assert!(engine.now() >= before);
                prop_assert_eq!(engine.pending(), model.len());
            }
        }
        let rest: Vec<usize> = std::iter::from_fn(|| engine.pop_next()).collect();
        prop_assert_eq!(rest, model.into_values().collect::<Vec<_>>());
    }

    /// Whatever the learner does, every request is accounted for exactly once,
    /// no server serves more than its cores, and no queue exceeds its limit.
    #[test]
    fn requests_are_conserved_and_limits_hold(cfg in config(), cmds in log(), seed in any::<u64>()) {
        let mut lab = LoadBalancing::new(cfg.clone(), seed).unwrap();
        let mut cmds = cmds;
        cmds.sort_by_key(|(t, _)| *t);
        for (t, cmd) in &cmds {
            lab.apply_at(SimTime(*t), cmd);
            check(&lab, &cfg)?;
        }
        lab.run_until(SimTime::from_ms(2_500));
        check(&lab, &cfg)?;
    }

    /// A session driven live (uneven frames, steps, clicks) and the same
    /// session rebuilt from its URL parameters reach the same trace.
    #[test]
    fn live_and_replayed_sessions_agree(cfg in config(), cmds in prop::collection::vec(command(), 0..8), frames in prop::collection::vec(1u64..60_000, 1..40), seed in any::<u64>()) {
        let mut live: Session<LoadBalancing> = Session::new(cfg, seed, CommandLog::default(), None).unwrap();
        for (i, dt) in frames.iter().enumerate() {
            if i % 5 == 4 { live.step(); } else { live.advance(SimDuration(*dt)); }
            if let Some(cmd) = cmds.get(i) { live.command(cmd); }
        }
        let params = live.to_params();
        let parsed = Session::<LoadBalancing>::from_params(params.iter().map(|(k, v)| (*k, v.as_str())));
        prop_assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let mut replay = parsed.session;
        replay.run_until(live.now());
        prop_assert_eq!(replay.lab().trace().hash(), live.lab().trace().hash());
    }

    /// The command log's text form reads back to the same log.
    #[test]
    fn command_logs_round_trip_through_text(cmds in log()) {
        let mut log = CommandLog::default();
        for (t, c) in cmds { log.push(SimTime(t), c); }
        let text = log.encode();
        prop_assert_eq!(CommandLog::parse("log", &text).unwrap(), log);
    }
}

fn check(lab: &LoadBalancing, cfg: &Config) -> Result<(), TestCaseError> {
    let m = lab.metrics();
    prop_assert_eq!(m.arrived, m.completed + m.dropped + m.failed + m.in_progress);
    for s in lab.view().servers {
        prop_assert!(s.busy <= s.cores, "{:?}", s);
        prop_assert!(s.queued <= cfg.queue_limit, "{:?}", s);
        if s.status == scalelab_core::node::Status::Down {
            prop_assert_eq!(s.busy + s.queued, 0, "a dead server holds nothing: {:?}", s);
        }
    }
    Ok(())
}
