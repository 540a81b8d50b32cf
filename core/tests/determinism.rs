//! Determinism: same settings + seed + command log → same trace, in any
//! chunking, natively and in the browser.
//!
//! The pinned values below are alarms. The browser run of this file checks
//! the same pins, so "native hash == wasm hash" is proven by both passing. If a
//! deliberate change to a model moves them, run natively with
//! `UPDATE_EXPECT=1 cargo test -p scalelab-core --test suite determinism` and
//! commit the new `tests/golden/*.txt`.

use crate::common::check_golden;
use scalelab_core::lab::{CommandLog, Lab};
use scalelab_core::labs::load_balancing::{Command, Config, LoadBalancing, Policy};
use scalelab_core::rng::{SimRng, Stream};
use scalelab_core::{SimDuration, SimTime, session::Session};

const GOLDEN_TRACE: &str = include_str!("golden/load_balancing_trace.txt");

/// The golden scenario: every policy change and failure kind in 3 seconds.
fn golden_session() -> Session<LoadBalancing> {
    let log = CommandLog::parse(
        "log",
        "400:kill:1,700:policy:p2c,900:slow:2:5,1200:isolate:3,1500:add,1800:restart:1,2100:heal:3,2400:rate:450",
    )
    .expect("a valid log");
    let config = Config { loss: 0.01, policy: Policy::LeastConnections, ..Config::default() };
    let mut s = Session::new(config, 2026, log, Some(SimTime::from_ms(3_000))).expect("valid");
    s.run_to_end(SimDuration::ZERO);
    s
}

/// What the golden file holds: the trace hash and the headline numbers.
fn golden_summary(s: &Session<LoadBalancing>) -> String {
    let m = s.lab().metrics();
    format!(
        "trace_hash={:016x}\nevents={}\narrived={}\ncompleted={}\ndropped={}\nfailed={}\nlatency_ms_p99={}\n",
        s.lab().trace().hash(),
        s.lab().trace().total(),
        m.arrived,
        m.completed,
        m.dropped,
        m.failed,
        m.latency_ms_p99
    )
}

cross_test! {
    /// ChaCha8 seeded with 42 on the workload stream: pinned, because every
    /// trace depends on it.
    fn rng_golden_values() {
        let mut r = SimRng::new(42, Stream::Workload);
        let got: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        let text = format!("{:016x} {:016x} {:016x}\n", got[0], got[1], got[2]);
        check_golden("rng_seed42_workload.txt", &text, include_str!("golden/rng_seed42_workload.txt"));
        // ln through libm: bit-identical on every platform.
        let mut r = SimRng::new(42, Stream::Network);
        let x = r.exp(1_000.0);
        let text = format!("{:016x}\n", x.to_bits());
        check_golden("exp_seed42_network.txt", &text, include_str!("golden/exp_seed42_network.txt"));
    }

    fn golden_scenario_has_the_pinned_trace() {
        let s = golden_session();
        check_golden("load_balancing_trace.txt", &golden_summary(&s), GOLDEN_TRACE);
    }

    fn same_seed_same_trace_other_seed_other_trace() {
        let hash = |seed| {
            let mut lab = LoadBalancing::new(Config::default(), seed).unwrap();
            lab.run_until(SimTime::from_ms(1_000));
            lab.trace().hash()
        };
        assert_eq!(hash(5), hash(5));
        assert_ne!(hash(5), hash(6));
    }

    /// Advancing by many uneven frames gives the same run as one jump: the
    /// animation's frame rate cannot change what happens.
    fn frame_rate_does_not_change_the_run() {
        let mut whole = LoadBalancing::new(Config::default(), 8).unwrap();
        whole.run_until(SimTime::from_ms(2_000));
        let mut frames = LoadBalancing::new(Config::default(), 8).unwrap();
        let mut dt = 1u64;
        while frames.now() < SimTime::from_ms(2_000) {
            let left = SimTime::from_ms(2_000).0 - frames.now().0;
            frames.advance(SimDuration(dt.min(left)));
            dt = (dt * 7 + 3) % 40_000 + 1; // uneven frames, 1 µs to 40 ms
        }
        assert_eq!(frames.trace().hash(), whole.trace().hash());
        assert_eq!(frames.metrics(), whole.metrics());
    }

    /// Commands clicked live, between frames and steps, replay exactly from
    /// the log a link carries.
    fn a_live_session_replays_from_its_log() {
        let mut live: Session<LoadBalancing> = Session::new(Config::default(), 12, CommandLog::default(), None).unwrap();
        live.advance(SimDuration::from_ms(333));
        live.command(&Command::KillServer(0));
        live.command(&Command::AddServer);
        for _ in 0..50 {
            live.step();
        }
        live.command(&Command::SlowServer { server: 1, factor: 3.0 });
        live.advance(SimDuration(16_667));
        live.command(&Command::RestartServer(0));
        live.advance(SimDuration::from_ms(1_500));

        let params = live.to_params();
        let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let parsed = Session::<LoadBalancing>::from_params(pairs);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let mut replay = parsed.session;
        replay.run_until(live.now());
        assert_eq!(replay.lab().trace().hash(), live.lab().trace().hash());
        assert_eq!(replay.lab().metrics(), live.lab().metrics());
    }

    /// Rewinding replays from zero and lands on the same state as before.
    fn rewind_lands_on_the_same_state() {
        let mut s: Session<LoadBalancing> = Session::new(Config::default(), 3, CommandLog::default(), None).unwrap();
        s.advance(SimDuration::from_ms(700));
        s.command(&Command::KillServer(2));
        s.advance(SimDuration::from_ms(700));
        let at = s.now();
        let hash = s.lab().trace().hash();
        s.advance(SimDuration::from_ms(900));
        s.rewind_to(at);
        assert_eq!(s.lab().trace().hash(), hash);
    }
}
