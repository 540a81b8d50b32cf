//! Times the kernels natively and prints one JSON object, the same shape
//! `bench/node.js` prints for the wasm32 build. `cargo xtask bench` runs both
//! and divides.

use scalelab_bench::{
    engine_run, lru_run, lru_setup, queues_run, replication_run, ring_run, ring_setup, sessions_run,
};
use scalelab_core::SimTime;
use scalelab_core::lab::Lab;
use scalelab_core::labs::load_balancing::{Config, LoadBalancing, ServiceDist};
use std::hint::black_box;
use std::time::Instant;

/// How long each kernel runs before it is timed, ms.
const WARM_MS: f64 = 300.0;

/// The fastest sample's nanoseconds per operation of `run`, which performs
/// `ops` operations a call, and the checksum it returned. Calls are batched so
/// a sample lasts at least `min_ms`. The fastest, not the median: on a shared
/// machine noise only ever adds time, and the least disturbed sample is the
/// best estimate of the code's own speed (on both sides alike).
/// Calls go on for [`WARM_MS`] first, so that Node's optimising compiler has
/// replaced its baseline code (natively it changes nothing, but both sides
/// follow the same steps).
fn measure(run: fn() -> u32, ops: u32, samples: usize, min_ms: f64) -> (f64, u32) {
    let check = black_box(run());
    let time = |reps: u32| {
        let t = Instant::now();
        for _ in 0..reps {
            black_box(run());
        }
        t.elapsed().as_secs_f64() * 1e3
    };
    let warm = Instant::now();
    while warm.elapsed().as_secs_f64() * 1e3 < WARM_MS {
        black_box(run());
    }
    let mut reps = 1;
    while time(reps) < min_ms && reps < 1 << 20 {
        reps *= 2;
    }
    let fastest = (0..samples)
        .map(|_| time(reps) * 1e6 / (f64::from(reps) * f64::from(ops)))
        .fold(f64::INFINITY, f64::min);
    (fastest, check)
}

/// The M/M/1 queue `bench/simpy_mm1.py` runs in SimPy, in the
/// load-balancing lab: one server of one core, Poisson arrivals at 70 a
/// second, exponential service at 100 a second, no network latency, no
/// timeout and no queue limit, for `seconds` of simulated time. Prints the
/// requests served, the fastest of three runs' wall-clock seconds and their
/// mean time in system (ms).
fn mm1(seconds: u64) {
    let cfg = Config {
        servers: 1,
        capacity: 1,
        rate: 70.0,
        service_ms: 10.0,
        service_dist: ServiceDist::Exp,
        client_latency_ms: 0.0,
        net_latency_ms: 0.0,
        jitter_ms: 0.0,
        timeout_ms: 1e12,
        queue_limit: 1_000_000,
        ..Config::default()
    };
    let mut best = f64::INFINITY;
    let mut served = (0, 0.0);
    for _ in 0..3 {
        let t = Instant::now();
        let Ok(mut lab) = LoadBalancing::new(cfg.clone(), 1) else {
            eprintln!("the M/M/1 settings are not valid");
            std::process::exit(2);
        };
        lab.run_until(SimTime::from_ms(seconds * 1_000));
        let m = black_box(lab.metrics());
        best = best.min(t.elapsed().as_secs_f64());
        served = (m.completed, m.latency_ms_mean);
    }
    println!("{{\"mm1_requests\": {}, \"mm1_s\": {best}, \"mm1_mean_ms\": {}}}", served.0, served.1);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    // `--mm1 SECONDS`: only the M/M/1 model beside SimPy's.
    if let Some(at) = args.iter().position(|a| a == "--mm1") {
        mm1(args.get(at + 1).and_then(|n| n.parse().ok()).unwrap_or(20_000));
        return;
    }
    // `--profile-engine N`: only the engine kernel, N times, for `perf
    // record` or `valgrind --tool=callgrind` (whose instruction counts do not
    // depend on what else the machine is doing). Nothing is printed.
    if let Some(at) = args.iter().position(|a| a == "--profile-engine") {
        let runs = args.get(at + 1).and_then(|n| n.parse().ok()).unwrap_or(200);
        for _ in 0..runs {
            black_box(engine_run());
        }
        return;
    }
    let (samples, min_ms) = if quick { (5, 20.0) } else { (15, 50.0) };
    let (lru_ns, lru_check) = measure(lru_run, lru_setup(), samples, min_ms);
    let (ring_ns, ring_check) = measure(ring_run, ring_setup(), samples, min_ms);
    let events = engine_run();
    let (engine_ns, _) = measure(engine_run, events, samples, min_ms);
    let repl_events = replication_run();
    let (repl_ns, _) = measure(replication_run, repl_events, samples, min_ms);
    let sess_events = sessions_run();
    let (sess_ns, _) = measure(sessions_run, sess_events, samples, min_ms);
    let queue_events = queues_run();
    let (queue_ns, _) = measure(queues_run, queue_events, samples, min_ms);
    println!(
        "{{\"lru_ns\": {lru_ns}, \"lru_check\": {lru_check}, \"ring_ns\": {ring_ns}, \"ring_check\": {ring_check}, \"engine_ns\": {engine_ns}, \"engine_check\": {events}, \"replication_ns\": {repl_ns}, \"replication_check\": {repl_events}, \"sessions_ns\": {sess_ns}, \"sessions_check\": {sess_events}, \"queues_ns\": {queue_ns}, \"queues_check\": {queue_events}}}"
    );
}
