//! Behaviour of the load-balancing lab: queueing theory, policies, failures.
//! Runs natively and in headless Chromium.

use crate::common::{assert_close, erlang_c_mean_ms, queueing};
use scalelab_core::lab::{Lab, LabCommand};
use scalelab_core::labs::load_balancing::{
    Command, Config, Event, FailReason, Layout, LoadBalancing, Metrics, Policy, ServiceDist,
};
use scalelab_core::{SimDuration, SimTime};

fn run(config: Config, seed: u64, ms: u64) -> LoadBalancing {
    let mut lab = LoadBalancing::new(config, seed).expect("valid settings");
    lab.run_until(SimTime::from_ms(ms));
    lab
}

fn conserved(m: &Metrics) {
    assert_eq!(m.arrived, m.completed + m.dropped + m.failed + m.in_progress, "{m:#?}");
}

fn events(lab: &LoadBalancing) -> Vec<(SimTime, Event)> {
    lab.trace().recent().map(|e| (e.at, e.event.clone())).collect()
}

/// One server, Poisson arrivals at λ = 80/s, exponential service at µ = 100/s.
fn mm1() -> Config {
    Config {
        servers: 1,
        capacity: 1,
        rate: 80.0,
        service_ms: 10.0,
        service_dist: ServiceDist::Exp,
        ..Config::default()
    }
}

cross_test! {
    /// M/M/1: time in system is exponential with rate µ − λ, so its mean is
    /// 1/(µ−λ) = 50 ms, its median ln 2 × 50 ms and its p99 ln 100 × 50 ms.
    fn mm1_mean_latency_matches_queueing_theory() {
        for seed in [1, 2] {
            let m = queueing(mm1(), seed, 2_000).metrics();
            assert_close("M/M/1 mean (ms)", m.latency_ms_mean, 50.0, 0.10, seed);
            assert_close("M/M/1 p50 (ms)", m.latency_ms_p50, 50.0 * std::f64::consts::LN_2, 0.10, seed);
            assert_close("M/M/1 p99 (ms)", m.latency_ms_p99, 50.0 * 100f64.ln(), 0.10, seed);
            assert_close("throughput (rps)", m.throughput_rps, 80.0, 0.02, seed);
            conserved(&m);
        }
    }

    /// Random routing splits a Poisson stream into independent Poisson streams:
    /// four servers at 70% each are four M/M/1 queues, 1/(100 − 70) = 33.3 ms.
    fn random_routing_is_independent_mm1_queues() {
        let config = Config { servers: 4, capacity: 1, rate: 280.0, service_ms: 10.0, policy: Policy::Random, ..Config::default() };
        let seed = 3;
        let m = queueing(config, seed, 1_000).metrics();
        assert_close("4 × M/M/1 mean (ms)", m.latency_ms_mean, 1_000.0 / 30.0, 0.10, seed);
    }

    /// The seed's vertical scaling: the same four cores in one machine form one
    /// M/M/4 queue, which waits far less than four separate queues (Erlang C).
    fn one_big_machine_is_an_mm_c_queue() {
        let config = Config {
            servers: 4, capacity: 1, rate: 280.0, service_ms: 10.0, layout: Layout::Vertical,
            ..Config::default()
        };
        let seed = 4;
        let m = queueing(config, seed, 1_000).metrics();
        assert_eq!(m.cores, 4);
        assert_eq!(m.per_server_completed.len(), 1);
        assert_close("M/M/4 mean (ms)", m.latency_ms_mean, erlang_c_mean_ms(280.0, 100.0, 4), 0.10, seed);
    }

    /// Smarter policies wait less at the same load: JSQ ≤ round robin < random,
    /// and two random choices beat one.
    fn policies_rank_as_theory_says() {
        let mean = |policy| {
            let config = Config { servers: 4, capacity: 1, rate: 320.0, service_ms: 10.0, policy, ..Config::default() };
            queueing(config, 5, 300).metrics().latency_ms_mean
        };
        let (rr, random, lc, p2c) =
            (mean(Policy::RoundRobin), mean(Policy::Random), mean(Policy::LeastConnections), mean(Policy::PowerOfTwoChoices));
        assert!(lc < rr && rr < random, "least-connections {lc:.1} < round-robin {rr:.1} < random {random:.1}");
        assert!(p2c < random * 0.7, "p2c {p2c:.1} vs random {random:.1}");
    }

    /// Killing a server fails what it held at once, refuses what is sent to it
    /// until the next health check, and then the rest carry on.
    fn a_killed_server_fails_fast_then_leaves_rotation() {
        let mut lab = LoadBalancing::new(Config::default(), 7).unwrap();
        lab.apply_at(SimTime::from_ms(2_000), &Command::KillServer(1));
        lab.run_until(SimTime::from_ms(5_000));
        let m = lab.metrics();
        conserved(&m);
        let evs = events(&lab);
        let lost = evs.iter().find_map(|(_, e)| match e {
            Event::ServerKilled { server: 1, lost } => Some(*lost),
            _ => None,
        });
        let lost = lost.expect("the kill is in the trace");
        assert!(lost > 0, "at 70% load a server holds requests when it dies");
        assert_eq!(m.failed_crashed, u64::from(lost));
        assert!(m.failed_refused > 0, "requests routed before the health check noticed");
        let down_at = evs
            .iter()
            .find_map(|(t, e)| matches!(e, Event::MarkedDown { server: 1 }).then_some(*t))
            .expect("the health check takes S1 out");
        assert!(down_at > SimTime::from_ms(2_000) && down_at <= SimTime::from_ms(2_500), "{down_at:?}");
        let routed_after = evs.iter().filter(|(t, e)| *t > down_at && matches!(e, Event::Routed { server: 1, .. })).count();
        assert_eq!(routed_after, 0, "nothing is routed to a server out of rotation");
        assert_eq!(lab.view().servers[1].busy, 0);
        // The three others take the load: 280 rps on 6 cores is 93%, some queueing but no losses.
        assert!(m.success_ratio > 0.97, "{m:#?}");
    }

    /// The seed's single point of failure: kill the one big machine and every
    /// request fails; kill one of four small ones and most still succeed.
    fn the_big_machine_is_a_single_point_of_failure() {
        let kill_at = SimTime::from_ms(1_000);
        let after = |layout| {
            let mut lab = LoadBalancing::new(Config { layout, ..Config::default() }, 9).unwrap();
            lab.apply_at(kill_at, &Command::KillServer(0));
            let before = lab.metrics();
            lab.run_until(SimTime::from_ms(3_000));
            let m = lab.metrics();
            let done = m.completed - before.completed;
            let bad = (m.failed + m.dropped) - (before.failed + before.dropped);
            (done, bad)
        };
        let (v_done, v_bad) = after(Layout::Vertical);
        let (h_done, h_bad) = after(Layout::Horizontal);
        // Only replies already on their way back complete after the kill.
        assert!(v_done < 20, "vertical completed {v_done} after its only machine died");
        assert!(v_bad > 400, "vertical failed {v_bad}");
        assert!(h_done > 400 && h_bad < h_done / 5, "horizontal: {h_done} done, {h_bad} failed");
    }

    /// Growing the big machine restarts it: a second of failures, then more cores.
    fn vertical_scaling_means_downtime() {
        let mut lab = LoadBalancing::new(Config { layout: Layout::Vertical, ..Config::default() }, 2).unwrap();
        lab.apply_at(SimTime::from_ms(500), &Command::AddServer);
        assert!(lab.view().servers[0].resizing);
        lab.run_until(SimTime::from_ms(2_000));
        let v = lab.view();
        assert_eq!((v.servers[0].cores, v.servers[0].resizing), (10, false));
        let m = lab.metrics();
        assert!(m.failed_refused > 200, "a second of refusals at 280 rps: {m:#?}");
    }

    /// A partitioned server fails slowly: requests to it time out.
    fn an_isolated_server_makes_requests_time_out() {
        let config = Config { timeout_ms: 300.0, ..Config::default() };
        let mut lab = LoadBalancing::new(config, 11).unwrap();
        lab.apply_at(SimTime::from_ms(1_000), &Command::IsolateServer(2));
        lab.run_until(SimTime::from_ms(3_000));
        let m = lab.metrics();
        assert!(m.failed_timed_out > 0);
        assert_eq!(m.failed_crashed + m.failed_refused, 0, "nothing crashed: {m:#?}");
        assert!(events(&lab).iter().any(|(_, e)| matches!(e, Event::MarkedDown { server: 2 })));
    }

    /// Timeouts share one timer that walks the requests in arrival order;
    /// each still fires exactly `timeout_ms` after its request arrived, and
    /// only for requests still waiting then.
    fn every_timeout_fires_exactly_timeout_ms_after_arrival() {
        let config = Config { timeout_ms: 150.0, servers: 2, rate: 300.0, ..Config::default() };
        let mut lab = LoadBalancing::new(config, 5).unwrap();
        lab.apply_at(SimTime::from_ms(200), &Command::SlowServer { server: 0, factor: 20.0 });
        lab.run_until(SimTime::from_ms(600));
        let mut arrived = std::collections::BTreeMap::new();
        let mut timed_out = 0;
        for (at, e) in events(&lab) {
            match e {
                Event::Arrived { req, .. } => {
                    arrived.insert(req, at);
                }
                Event::Failed { req, reason: FailReason::TimedOut, .. } => {
                    let sent = arrived.get(&req).copied().expect("arrived in the kept trace");
                    assert_eq!(at, sent + SimDuration::from_ms(150), "r{req}");
                    timed_out += 1;
                }
                Event::Completed { req, .. } => {
                    let sent = arrived.get(&req).copied().expect("arrived in the kept trace");
                    assert!(at <= sent + SimDuration::from_ms(150), "r{req} was answered after its timeout");
                }
                _ => {}
            }
        }
        assert!(timed_out > 10, "the slow server's requests time out: {timed_out}");
    }

    /// One slow server: round robin keeps sending it its share, its queue
    /// overflows and its requests time out; least connections notices the
    /// A slow-down factor may be a decimal: `slow:0:1.5` makes a 40 ms
    /// request take 60 ms, and `slow:0:1` restores it.
    fn a_slow_down_factor_takes_decimals() {
        let config = Config { servers: 1, rate: 2.0, service_ms: 40.0, service_dist: ServiceDist::Const, ..Config::default() };
        let mut lab = queueing(config, 3, 0);
        let slow = Command::decode("slow:0:1.5").expect("a decimal factor is a command");
        lab.apply(&slow);
        lab.run_until(SimTime::from_ms(20_000));
        let m = lab.metrics();
        assert!(m.completed > 20, "{m:?}");
        assert_eq!((m.latency_ms_mean, m.latency_ms_max), (60.0, 60.0), "{m:?}");
        assert_eq!(Command::decode("slow:0:0.5"), None, "a factor below 1 is refused");
    }

    /// requests piling up there and routes around it.
    fn least_connections_routes_around_a_slow_server() {
        let outcome = |policy| {
            let config = Config { policy, ..Config::default() };
            let mut lab = LoadBalancing::new(config, 13).unwrap();
            lab.apply(&Command::SlowServer { server: 0, factor: 10.0 });
            lab.run_until(SimTime::from_ms(10_000));
            lab.metrics()
        };
        let rr = outcome(Policy::RoundRobin);
        let lc = outcome(Policy::LeastConnections);
        assert!(rr.dropped > 100, "round robin overflows the slow server: {rr:#?}");
        assert!(lc.dropped * 10 < rr.dropped, "least connections drops {} vs {}", lc.dropped, rr.dropped);
        let rr_lost = rr.dropped + rr.failed;
        let lc_lost = lc.dropped + lc.failed;
        assert!(lc_lost * 10 < rr_lost, "requests lost: least connections {lc_lost} vs round robin {rr_lost}");
        assert!(lc.success_ratio > 0.99 && rr.success_ratio < 0.95, "{} vs {}", lc.success_ratio, rr.success_ratio);
        // Round robin's p99 looks *better*: the slow server's requests time out
        // and drop out of the latency figures. Percentiles of successes alone
        // hide failures, which is why the lab shows both.
        assert!(rr.latency_ms_p99 < lc.latency_ms_p99);
    }

    /// Hash routing sends each client to one server as long as the pool holds.
    fn hash_routing_is_sticky_per_client() {
        let config = Config { policy: Policy::Hash, clients: 20, rate: 100.0, ..Config::default() };
        let lab = run(config, 17, 1_500);
        let mut client_of = std::collections::BTreeMap::new();
        let mut server_of = std::collections::BTreeMap::new();
        for (_, e) in events(&lab) {
            match e {
                Event::Arrived { req, client } => {
                    client_of.insert(req, client);
                }
                Event::Routed { req, server } => {
                    let client = client_of[&req];
                    assert_eq!(*server_of.entry(client).or_insert(server), server, "client {client} moved");
                }
                _ => {}
            }
        }
        assert!(server_of.len() > 10, "most clients sent something");
    }

    /// No healthy server: the balancer fails requests itself.
    fn with_every_server_dead_the_balancer_answers_no_server() {
        let config = Config { servers: 2, ..Config::default() };
        let mut lab = LoadBalancing::new(config, 19).unwrap();
        lab.apply(&Command::KillServer(0));
        lab.apply(&Command::KillServer(1));
        lab.run_until(SimTime::from_ms(2_000));
        let m = lab.metrics();
        assert!(m.failed_no_server > 100, "{m:#?}");
        assert_eq!(m.completed, 0);
        conserved(&m);
    }

    /// An added server joins after its first health check and takes a share.
    fn an_added_server_joins_after_a_health_check() {
        let mut lab = LoadBalancing::new(Config::default(), 23).unwrap();
        lab.apply_at(SimTime::from_ms(1_000), &Command::AddServer);
        assert!(!lab.view().servers[4].in_rotation);
        lab.run_until(SimTime::from_ms(4_000));
        let v = lab.view();
        assert!(v.servers[4].in_rotation);
        assert!(v.servers[4].completed > 100, "{:?}", v.servers[4]);
    }

    /// Commands that make no sense change nothing and say why.
    fn nonsense_commands_are_recorded_not_obeyed() {
        let mut lab = LoadBalancing::new(Config::default(), 1).unwrap();
        lab.apply(&Command::KillServer(99));
        lab.apply(&Command::RestartServer(0));
        lab.apply(&Command::HealServer(0));
        let ignored = events(&lab).iter().filter(|(_, e)| matches!(e, Event::CommandIgnored { .. })).count();
        assert_eq!(ignored, 3);
        assert_eq!(lab.view().servers.len(), 4);
    }

    /// Raising the rate past capacity fills queues, then drops.
    fn overload_fills_queues_then_drops() {
        let mut lab = LoadBalancing::new(Config::default(), 29).unwrap();
        lab.apply(&Command::SetRate(800.0));
        lab.run_until(SimTime::from_ms(3_000));
        let m = lab.metrics();
        assert!(m.dropped > 500, "{m:#?}");
        assert!(lab.view().servers.iter().all(|s| s.queued > 20), "queues are full");
        // Throughput saturates at what the cores can do: 8 cores × 50 rps.
        assert!(m.throughput_rps < 410.0, "{}", m.throughput_rps);
        conserved(&m);
    }

    /// Every reason a request can fail is counted under its own name.
    fn failure_reasons_partition_failed() {
        let mut lab = LoadBalancing::new(Config { timeout_ms: 200.0, loss: 0.05, ..Config::default() }, 31).unwrap();
        lab.apply_at(SimTime::from_ms(500), &Command::KillServer(0));
        lab.run_until(SimTime::from_ms(3_000));
        let m = lab.metrics();
        assert_eq!(m.failed, m.failed_crashed + m.failed_refused + m.failed_no_server + m.failed_timed_out);
        assert!(m.failed_timed_out > 0, "5% loss makes some time out");
        assert_eq!(FailReason::ALL.len(), 4);
    }

    /// The time series has one point per 100 ms and counts what happened.
    fn the_series_samples_every_window() {
        let lab = run(Config::default(), 37, 2_000);
        let pts: Vec<_> = lab.series().points().collect();
        assert_eq!(pts.len(), 20);
        assert_eq!(pts[0].0, SimTime::from_ms(100));
        let completed: u64 = pts.iter().map(|(_, p)| u64::from(p.completed)).sum();
        assert_eq!(completed, lab.metrics().completed);
        assert_eq!(lab.series().window(), SimDuration::from_ms(100));
    }
}
