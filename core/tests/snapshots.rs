//! Snapshot of a short run's event log, one line per event. A change to the
//! model shows up here as a readable diff; `UPDATE_EXPECT=1` accepts it.
//! Native only (expect-test rewrites this file).

#![cfg(not(target_arch = "wasm32"))]

use expect_test::expect;
use scalelab_core::lab::{CommandLog, Lab};
use scalelab_core::labs::load_balancing::{Config, LoadBalancing};
use scalelab_core::{SimDuration, SimTime, session::Session};

#[test]
fn two_servers_one_killed() {
    let config = Config { servers: 2, rate: 40.0, queue_limit: 1, ..Config::default() };
    let log = CommandLog::parse("log", "60:kill:1,140:policy:least-connections").unwrap();
    let mut s: Session<LoadBalancing> = Session::new(config, 4, log, Some(SimTime::from_ms(200))).unwrap();
    s.run_to_end(SimDuration::ZERO);
    let lines: String =
        s.lab().trace().recent().map(|e| format!("{:<8} {}\n", e.at.to_string(), e.event)).collect();
    expect![[r#"
        27.133   r1 arrived from client 204
        47.502   r1 routed to S0
        48.739   r1 started on S0
        53.524   r2 arrived from client 795
        55.721   r3 arrived from client 741
        56.707   r4 arrived from client 861
        60       S1 killed; 0 requests on it failed
        72.767   r5 arrived from client 15
        73.682   r2 routed to S1
        76.085   r3 routed to S0
        76.745   r4 routed to S1
        77.262   r3 started on S0
        83.928   r6 arrived from client 609
        88.193   r7 arrived from client 423
        92.798   r5 routed to S0
        93.875   r5 started on S0
        96.358   r2 failed on S1: refused
        96.995   r8 arrived from client 620
        99.604   r4 failed on S1: refused
        104.329  r6 routed to S1
        108.315  r7 routed to S0
        109.335  r7 started on S0
        113.464  r1 completed by S0 in 86.331 ms
        117.473  r8 routed to S1
        122.354  r3 completed by S0 in 66.633 ms
        126.926  r6 failed on S1: refused
        140      policy set to least-connections
        140.093  r8 failed on S1: refused
        150.469  r7 completed by S0 in 62.276 ms
        170.263  r9 arrived from client 908
        190.28   r9 routed to S0
        191.424  r9 started on S0
        191.549  r5 completed by S0 in 118.782 ms
    "#]]
    .assert_eq(&lines);
}
