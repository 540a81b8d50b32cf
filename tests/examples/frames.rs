//! The browser half of `cargo xtask bench`: serves the built site on
//! 127.0.0.1, opens the load-balancing lab in headless Chromium with the frame
//! rate unthrottled, holds 1,000 / 5,000 / 10,000 requests in flight (and the
//! replication lab with about 2,000 messages between five replicas), and
//! reads what the page recorded of each frame's work (simulation step,
//! drawing and any DOM refresh, timed with `performance.now()` inside the
//! frame callback). Also the time from navigation to the first drawn frame,
//! and the same on a cold load over a slow phone network (1.6 Mbit/s, 150 ms).
//!
//! Prints one JSON object on stdout and leaves a screenshot of each load
//! under `target/e2e/frames-<n>.png`. `--quick` samples for less time.
//!
//! ```text
//! SCALELAB_DIST=dist cargo run -p scalelab-tests --example frames -- --quick
//! ```

use fantoccini::Client;
use scalelab_tests::{Driver, Site, dist_dir, metric_f64, open, screenshot, throttle, wait_for};
use serde_json::{Map, Value, json};
use std::time::Duration;

/// One-way client latency in the benchmark's lab, ms: long, so requests
/// spend most of their life on the wire, where they are drawn.
const CLIENT_MS: f64 = 250.0;
/// The slow-mobile profile of the throttled first frame: 1.6 Mbit/s, and
/// 150 ms round trip added to every request.
const SLOW_BYTES_PER_S: u32 = 1_600_000 / 8;
const SLOW_RTT_MS: u32 = 150;
/// Mean service time, ms.
const SERVICE_MS: f64 = 20.0;

/// A link to the load-balancing lab with about `n` requests in flight at
/// real-time speed: by Little's law, n = rate × time in the system.
fn busy_link(n: u32) -> String {
    let seconds_in_system = (2.0 * CLIENT_MS + 2.0 * 1.0 + SERVICE_MS) / 1_000.0;
    let rate = (f64::from(n) / seconds_in_system).round();
    format!(
        "#/load-balancing?servers=8&capacity=64&queue-limit=1000&service-ms={SERVICE_MS}&client-latency-ms={CLIENT_MS}&rate={rate}&speed=1"
    )
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[i]
}

/// The sessions lab with 10,000 users, sessions in a store partitioned over
/// three nodes with async backups: a dot per user, requests and store
/// messages in flight.
const SESSIONS_LINK: &str = "#/sessions?users=10000&think-ms=1000&state=partitioned-store&store-nodes=3&store-replication=async&speed=1";

/// The queues lab with 5,000 messages waiting or more and about 2,000 on
/// the wire: 20,000 messages a second over 100 ms hops to 64 consumers that
/// take about 300 a second (each waits for its ack to reach the broker
/// before it is pushed the next), so the queue grows all the while.
const QUEUES_LINK: &str =
    "#/queues?scenario=queue&consumers=64&service-ms=10&rate=20000&net-latency-ms=100&speed=1";

/// The replication lab with about 2,000 messages in flight: five replicas,
/// quorum writes and reads, 100 ms hops, 1,500 writes and 500 reads a second
/// (each write is a request, four appends, four acks and an answer).
const REPLICATION_LINK: &str = "#/replication?replicas=5&write-mode=quorum&read-from=quorum&net-latency-ms=100&jitter-ms=10&write-rate=1500&read-rate=500&keys=100&speed=1";

/// Records the frames of the page at `link` once `metric` reaches `want`,
/// under the keys `..._{n}`.
async fn frame_work(
    c: &Client,
    site: &Site,
    (link, metric, want): (&str, &str, f64),
    n: &str,
    seconds: u64,
    out: &mut Map<String, Value>,
) {
    open(c, site, link).await;
    wait_for(c, &format!("{want} {metric}"), Duration::from_secs(30), || async {
        metric_f64(c, metric).await >= want
    })
    .await;
    c.execute("window.__scalelabFrameWork = []", vec![]).await.expect("start recording");
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    let in_flight = metric_f64(c, metric).await;
    let recorded = c
        .execute("const w = window.__scalelabFrameWork; window.__scalelabFrameWork = null; return w", vec![])
        .await
        .expect("read the frames");
    // Each frame is [total, simulation, drawing] in ms.
    let frames: Vec<Vec<f64>> = recorded
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|f| f.as_array().map(|p| p.iter().filter_map(Value::as_f64).collect()))
                .collect()
        })
        .unwrap_or_default();
    let part = |i: usize| {
        let mut ms: Vec<f64> = frames.iter().filter_map(|f| f.get(i).copied()).collect();
        ms.sort_by(f64::total_cmp);
        ms
    };
    let (ms, sim, draw) = (part(0), part(1), part(2));
    eprintln!(
        "frames: {n} in flight (measured {in_flight}): {} frames in {seconds} s, p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms (p95 simulation {:.2} ms, drawing {:.2} ms)",
        ms.len(),
        quantile(&ms, 0.5),
        quantile(&ms, 0.95),
        ms.last().copied().unwrap_or(f64::NAN),
        quantile(&sim, 0.95),
        quantile(&draw, 0.95),
    );
    screenshot(c, &format!("frames-{n}")).await;
    out.insert(format!("frame_work_p50_ms_{n}"), json!(quantile(&ms, 0.5)));
    out.insert(format!("frame_work_p95_ms_{n}"), json!(quantile(&ms, 0.95)));
    out.insert(format!("frame_sim_p95_ms_{n}"), json!(quantile(&sim, 0.95)));
    out.insert(format!("frame_draw_p95_ms_{n}"), json!(quantile(&draw, 0.95)));
    out.insert(format!("long_frames_{n}"), json!(ms.iter().filter(|&&m| m > 50.0).count()));
    out.insert(format!("frames_{n}"), json!(ms.len()));
    out.insert(format!("in_flight_{n}"), json!(in_flight));
}

/// Navigation to the first drawn frame, ms, on a fresh load of the page.
async fn first_frame(c: &Client, site: &Site) -> f64 {
    c.goto("about:blank").await.expect("blank page");
    open(c, site, "#/load-balancing").await;
    let script = "const m = performance.getEntriesByName('scalelab:first-frame'); return m.length ? m[0].startTime : null";
    let at = || async { c.execute(script, vec![]).await.ok().and_then(|v| v.as_f64()) };
    wait_for(c, "the first drawn frame", Duration::from_secs(20), || async { at().await.is_some() }).await;
    at().await.unwrap_or(f64::NAN)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let seconds = if quick { 3 } else { 8 };
    let site = Site::serve(dist_dir());
    let driver = Driver::start();
    let unthrottled = ["--disable-frame-rate-limit", "--disable-gpu-vsync"];
    let c = driver.browser_with(1280, 900, &unthrottled).await;
    let mut out = Map::new();
    let mut loads = Vec::new();
    for _ in 0..3 {
        loads.push(first_frame(&c, &site).await);
    }
    eprintln!("frames: first drawn frame after {loads:?} ms (first load cold)");
    out.insert("first_frame_ms_cold".into(), json!(loads[0]));
    loads.sort_by(f64::total_cmp);
    out.insert("first_frame_ms".into(), json!(loads[1]));
    // A slow phone network: a fresh session (nothing cached), 1.6 Mbit/s
    // each way and 150 ms more on every request. The site is served
    // gzipped, as a static host serves it.
    let slow = driver.browser(1280, 900).await;
    throttle(&slow, SLOW_RTT_MS, SLOW_BYTES_PER_S).await;
    let throttled = first_frame(&slow, &site).await;
    eprintln!(
        "frames: first drawn frame after {throttled:.0} ms at 1.6 Mbit/s and {SLOW_RTT_MS} ms round trip, cold"
    );
    screenshot(&slow, "frames-throttled").await;
    out.insert("first_frame_ms_throttled".into(), json!(throttled));
    let _ = slow.close().await;
    for n in [1_000, 5_000, 10_000] {
        let link = busy_link(n);
        let want = f64::from(n) * 0.9;
        frame_work(&c, &site, (&link, "in_progress", want), &n.to_string(), seconds, &mut out).await;
    }
    frame_work(
        &c,
        &site,
        (REPLICATION_LINK, "messages_in_flight", 1_800.0),
        "replication",
        seconds,
        &mut out,
    )
    .await;
    frame_work(&c, &site, (SESSIONS_LINK, "requests", 10_000.0), "sessions", seconds, &mut out).await;
    frame_work(&c, &site, (QUEUES_LINK, "depth", 5_000.0), "queues", seconds, &mut out).await;
    let _ = c.close().await;
    println!("{}", Value::Object(out));
}
