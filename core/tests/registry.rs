//! Checks every lab gets for free: each runs over core's registry
//! (`LabId::ALL` and `LabId::visit`), so a new lab is covered without being
//! named here. A lab's scenario is its defaults, seed 2026, and its own
//! example command log (`LabCommand::EXAMPLE_LOG`), for 5 s.
//!
//! The golden traces run natively and in headless Chromium: both passing is
//! "native hash == wasm hash". `UPDATE_EXPECT=1` (natively) rewrites
//! `golden/traces.txt` and `snapshots/first_events.txt`; a lab missing from
//! either fails, naming it.

use scalelab_core::SimDuration;
use scalelab_core::SimTime;
use scalelab_core::input::Choice;
use scalelab_core::lab::{CommandLog, Lab, LabCommand, LabId};
use scalelab_core::labs::Visitor;
use scalelab_core::session::Session;

const SEED: u64 = 2026;
const END_MS: u64 = 5_000;

fn scenario<L: Lab>() -> Session<L> {
    let log =
        CommandLog::parse("log", <L::Command as LabCommand>::EXAMPLE_LOG).expect("the example log reads");
    let mut s =
        Session::new(L::Config::default(), SEED, log, Some(SimTime::from_ms(END_MS))).expect("defaults hold");
    s.run_to_end(SimDuration::ZERO);
    s
}

/// Each lab's line of the golden file: trace hash, events, and the metrics.
struct Golden;
impl Visitor for Golden {
    type Output = String;
    fn lab<L: Lab>(self) -> String {
        let s = scenario::<L>();
        format!(
            "{} trace_hash={:016x} events={} metrics={:?}\n",
            L::ID.name(),
            s.lab().trace().hash(),
            s.lab().trace().total(),
            s.lab().metrics()
        )
    }
}

/// Commands given live, between uneven frames and steps, replay exactly
/// from the link's parameters.
struct LiveReplays;
impl Visitor for LiveReplays {
    type Output = ();
    fn lab<L: Lab>(self) {
        let name = L::ID.name();
        let log = CommandLog::<L::Command>::parse("log", <L::Command as LabCommand>::EXAMPLE_LOG).unwrap();
        let mut live = Session::<L>::new(L::Config::default(), SEED, CommandLog::default(), None).unwrap();
        let mut dt = 1u64;
        for e in log.entries() {
            // Uneven frames up to the command's time, then the click.
            while live.now() < e.at {
                live.advance(SimDuration(dt.min(e.at.0 - live.now().0)));
                dt = (dt * 7 + 3) % 40_000 + 1;
            }
            live.command(&e.cmd);
            for _ in 0..5 {
                live.step();
            }
        }
        live.advance(SimDuration::from_ms(700));
        let params = live.to_params();
        let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let parsed = Session::<L>::from_params(pairs);
        assert!(parsed.errors.is_empty(), "{name}: {:?}", parsed.errors);
        let mut replay = parsed.session;
        replay.run_until(live.now());
        assert_eq!(replay.lab().trace().hash(), live.lab().trace().hash(), "{name}: {params:?}");
        assert_eq!(format!("{:?}", replay.lab().metrics()), format!("{:?}", live.lab().metrics()), "{name}");
        assert_eq!(replay.refused(), live.refused(), "{name}");
    }
}

/// A command the lab cannot carry out is refused, said, and changes nothing
/// else: the run is the same as without it, but for the refusal.
struct Refuses;
impl Visitor for Refuses {
    type Output = ();
    fn lab<L: Lab>(self) {
        let name = L::ID.name();
        let impossible = <L::Command as LabCommand>::IMPOSSIBLE;
        let log =
            CommandLog::parse("log", &format!("300:{impossible}")).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut s =
            Session::<L>::new(L::Config::default(), SEED, log, Some(SimTime::from_ms(1_000))).unwrap();
        s.run_to_end(SimDuration::ZERO);
        assert_eq!(s.refused().len(), 1, "{name}: {impossible}");
        assert_eq!((s.refused()[0].at_ms, s.refused()[0].command.as_str()), (300, impossible), "{name}");
        let mut plain = Session::<L>::new(
            L::Config::default(),
            SEED,
            CommandLog::default(),
            Some(SimTime::from_ms(1_000)),
        )
        .unwrap();
        plain.run_to_end(SimDuration::ZERO);
        assert_eq!(format!("{:?}", s.lab().metrics()), format!("{:?}", plain.lab().metrics()), "{name}");
    }
}

cross_test! {
    fn every_lab_has_its_pinned_trace() {
        let actual: String = LabId::ALL.iter().map(|id| id.visit(Golden)).collect();
        crate::common::check_golden("traces.txt", &actual, include_str!("golden/traces.txt"));
    }

    fn every_lab_replays_a_live_session_from_its_link() {
        LabId::ALL.iter().for_each(|id| id.visit(LiveReplays));
    }

    fn every_lab_refuses_what_it_cannot_do_and_changes_nothing() {
        LabId::ALL.iter().for_each(|id| id.visit(Refuses));
    }

    /// A lab's defaults are its seed's worked example: never degenerate.
    fn no_labs_defaults_are_warned_about() {
        struct Warned;
        impl Visitor for Warned {
            type Output = Vec<String>;
            fn lab<L: Lab>(self) -> Vec<String> {
                use scalelab_core::lab::Settings;
                L::Config::default().warnings().iter().map(|w| format!("{}: {w}", L::ID.name())).collect()
            }
        }
        let warned: Vec<String> = LabId::ALL.iter().flat_map(|id| id.visit(Warned)).collect();
        assert!(warned.is_empty(), "{warned:?}");
    }
}

/// The first events of each lab's scenario, one line each: a change to a
/// model shows here as a readable diff. Native only (expect-test rewrites
/// the file).
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn every_labs_first_events() {
    struct First;
    impl Visitor for First {
        type Output = String;
        fn lab<L: Lab>(self) -> String {
            let log = CommandLog::parse("log", <L::Command as LabCommand>::EXAMPLE_LOG)
                .expect("the example log reads");
            let mut s =
                Session::<L>::new(L::Config::default(), SEED, log, Some(SimTime::from_ms(END_MS))).unwrap();
            while s.lab().trace().total() < 25 && s.step() {}
            let mut out = format!("== {}\n", L::ID.name());
            for e in s.lab().trace().recent().take(25) {
                out.push_str(&format!("{:<9} {}\n", e.at.to_string(), e.event));
            }
            out
        }
    }
    let text: String = LabId::ALL.iter().map(|id| id.visit(First)).collect();
    expect_test::expect_file!["snapshots/first_events.txt"].assert_eq(&text);
}

/// Arbitrary `name=value` pairs and log strings, for every lab: no panic;
/// every problem names its setting (or `log`, `seed`, ...) and says what is
/// allowed; what is accepted round-trips through its link. Native only
/// (proptest).
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn every_lab_takes_any_parameters_without_panicking() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    use scalelab_core::input::Problem;

    struct Fuzz;
    impl Visitor for Fuzz {
        type Output = ();
        fn lab<L: Lab>(self) {
            let name = L::ID.name();
            let names = Session::<L>::param_names();
            let known = proptest::sample::select(names.clone()).prop_map(str::to_owned);
            let key = prop_oneof![3 => known, 1 => "[a-z-]{1,12}"];
            let value = prop_oneof![
                "[0-9]{0,6}",
                "-?[0-9]{1,4}\\.[0-9]{1,3}",
                "[a-z0-9:,;. -]{0,24}",
                "[0-9]{1,5}:[a-z-]{2,8}(:[0-9]{1,3}){0,2}(,[0-9]{1,5}:[a-z-]{2,8}(:[0-9]{1,3}){0,2}){0,3}",
            ];
            let pairs = proptest::collection::vec((key, value), 0..8);
            let mut runner =
                TestRunner::new(Config { cases: 200, failure_persistence: None, ..Config::default() });
            runner
                .run(&pairs, |pairs| {
                    let parsed =
                        Session::<L>::from_params(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                    for e in &parsed.errors {
                        let said = e.to_string();
                        prop_assert!(said.contains(&e.name), "{name}: {said:?} does not name {:?}", e.name);
                        // A conflict between settings says why in its own words.
                        let explains = match &e.problem {
                            Problem::Conflict(why) => !why.to_string().is_empty(),
                            _ => !e.allowed().is_empty(),
                        };
                        prop_assert!(explains, "{name}: {said:?} says nothing of what is allowed");
                    }
                    let s = parsed.session;
                    let params = s.to_params();
                    let again = Session::<L>::from_params(params.iter().map(|(k, v)| (*k, v.as_str())));
                    prop_assert!(again.errors.is_empty(), "{name}: {params:?} -> {:?}", again.errors);
                    prop_assert_eq!(again.session.to_params(), params, "{}", name);
                    prop_assert_eq!(again.session.config(), s.config());
                    Ok(())
                })
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
    LabId::ALL.iter().for_each(|id| id.visit(Fuzz));
}
