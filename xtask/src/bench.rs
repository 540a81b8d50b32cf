//! `cargo xtask bench [--quick]`: every speed and size figure measured in one
//! run, ours beside a peer on the same machine, printed as ratios and written
//! to `target/bench-report.json`. Nothing here is a pass/fail test: targets
//! are printed next to the measured figure so a reader sees the margin.
//!
//! 1. Native kernels against peer crates (criterion, `core/benches`).
//! 2. The same LRU, ring and engine kernels (`bench/`) natively and as
//!    wasm32 under Node: wasm ÷ native, and the engine's events per second.
//! 3. The M/M/1 queue in our engine and in SimPy (`bench/simpy_mm1.py`, in a
//!    project-local virtual environment): requests simulated per second.
//! 4. The release site's wasm, JS and CSS, raw and `gzip -9`.
//! 5. Each lab's share of that: the site built with the lab left out.
//! 6. Frame work in headless Chromium with 1,000 / 5,000 / 10,000 requests in
//!    flight, and the time to the first drawn frame, also on a cold load at
//!    1.6 Mbit/s and 150 ms round trip (`tests/examples/frames.rs`).

use crate::{Ctx, Failure, browser_env, build_site, output, run, say, setup};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

/// One line of the report.
struct Figure {
    /// The key in `bench-report.json`.
    key: String,
    /// What was measured, in words.
    what: String,
    value: f64,
    /// The target in words ("<= 1.0x") and whether the value meets it; none
    /// for figures reported for context.
    target: Option<(String, bool)>,
}

impl Figure {
    fn info(key: impl Into<String>, what: impl Into<String>, value: f64) -> Figure {
        Figure { key: key.into(), what: what.into(), value, target: None }
    }

    fn at_least(key: &str, what: impl Into<String>, value: f64, limit: f64, unit: &str) -> Figure {
        let target = (format!(">= {limit}{unit}"), value >= limit);
        Figure { key: key.into(), what: what.into(), value, target: Some(target) }
    }

    fn at_most(key: &str, what: impl Into<String>, value: f64, limit: f64, unit: &str) -> Figure {
        let target = (format!("<= {limit}{unit}"), value <= limit);
        Figure { key: key.into(), what: what.into(), value, target: Some(target) }
    }
}

pub fn bench(ctx: &Ctx, args: &[String]) -> Result<(), Failure> {
    let quick = match args {
        [] => false,
        [flag] if flag == "--quick" => true,
        _ => return Err(Failure("bench takes only --quick".into())),
    };
    // Parts 2 and 3 need the wasm tools; check (or install) them once.
    setup::web_tools(ctx)?;
    let mut figures = Vec::new();
    figures.extend(criterion(ctx, quick)?);
    figures.extend(kernels(ctx, quick)?);
    figures.extend(simpy(ctx)?);
    figures.extend(site_size(ctx)?);
    figures.extend(lab_sizes(ctx)?);
    figures.extend(frames(ctx, quick)?);
    report(ctx, &figures)
}

/// Rounds of the criterion benchmarks (each function keeps its fastest median).
const CRITERION_ROUNDS: u32 = 3;

/// Part 1: criterion benchmarks of our kernels against peer crates.
fn criterion(ctx: &Ctx, quick: bool) -> Result<Vec<Figure>, Failure> {
    say(
        ctx,
        &format!("[1/6] placement and cache benchmarks (criterion{})", if quick { ", --quick" } else { "" }),
    );
    // (group, function) pairs read after each round.
    const MEASURED: [(&str, &str); 9] = [
        ("lru_zipf", "ours"),
        ("lru_zipf", "lru"),
        ("lru_zipf", "schnellru"),
        ("ring_lookup", "ours"),
        ("ring_lookup", "hashring"),
        ("ring_lookup", "jumphash"),
        ("ring_add", "ours"),
        ("ring_add", "hashring"),
        ("ring_build_100x100", "ours"),
    ];
    // Noise on this kind of machine comes in bursts of seconds, long enough
    // to slow one function of a group and not its peer. Each round runs every
    // function once; each keeps its fastest median over the rounds.
    let dir = ctx.root.join("target/criterion");
    let mut best = [f64::INFINITY; MEASURED.len()];
    for round in 1..=CRITERION_ROUNDS {
        say(ctx, &format!("criterion round {round} of {CRITERION_ROUNDS}"));
        for bench in ["placement", "cache"] {
            let mut cmd = Command::new("cargo");
            cmd.args(["bench", "-p", "scalelab-core", "--bench", bench, "--locked", "--"]);
            if quick {
                cmd.arg("--quick");
            }
            run(ctx, &mut cmd)?;
        }
        for (b, (group, function)) in best.iter_mut().zip(MEASURED) {
            *b = b.min(median_ns(&dir, group, function)?);
        }
    }
    let ns = |group: &str, f: &str| {
        let i = MEASURED.iter().position(|m| *m == (group, f)).expect("a measured benchmark");
        best[i]
    };
    let lookup = ns("ring_lookup", "ours");
    let lru = ns("lru_zipf", "ours");
    Ok(vec![
        Figure::at_most(
            "lru_vs_lru_crate",
            "LRU get/put on a Zipf trace: ours / lru",
            lru / ns("lru_zipf", "lru"),
            1.0,
            "x",
        ),
        // The issue's target is the `lru` crate; schnellru, the fastest peer,
        // is measured for context.
        Figure::info(
            "lru_vs_schnellru",
            "LRU get/put on a Zipf trace: ours / schnellru (context)",
            lru / ns("lru_zipf", "schnellru"),
        ),
        Figure::at_most(
            "ring_lookup_vs_hashring",
            "ring lookup, 10 nodes x 100 vnodes: ours / hashring",
            lookup / ns("ring_lookup", "hashring"),
            1.0,
            "x",
        ),
        Figure::at_most(
            "ring_lookup_vs_jump",
            "ring lookup: ours / jump hash (jumphash crate)",
            lookup / ns("ring_lookup", "jumphash"),
            3.0,
            "x",
        ),
        Figure::at_most(
            "ring_add_vs_hashring",
            "add a node (100 vnodes) to 10 x 100: ours / hashring",
            ns("ring_add", "ours") / ns("ring_add", "hashring"),
            0.2,
            "x",
        ),
        Figure::at_most(
            "ring_build_100x100_ms",
            "build a ring of 100 nodes x 100 vnodes (ms)",
            ns("ring_build_100x100", "ours") / 1e6,
            2.0,
            " ms",
        ),
    ])
}

/// Part 2: the `bench/` kernels natively and as wasm32 under Node.
fn kernels(ctx: &Ctx, quick: bool) -> Result<Vec<Figure>, Failure> {
    say(ctx, "[2/6] the same kernels natively and as wasm32 under Node (profile bench-kernels)");
    let profile = ["--profile", "bench-kernels", "--locked"];
    run(
        ctx,
        Command::new("cargo").args(["build", "-q", "-p", "scalelab-bench", "--bin", "native"]).args(profile),
    )?;
    run(
        ctx,
        Command::new("cargo")
            .args(["build", "-q", "-p", "scalelab-bench", "--lib", "--target", "wasm32-unknown-unknown"])
            .args(profile),
    )?;
    let module = ctx.root.join("target/wasm32-unknown-unknown/bench-kernels/scalelab_bench.wasm");
    let out_dir = ctx.root.join("target/bench-kernels-node");
    run(
        ctx,
        Command::new("wasm-bindgen").args(["--target", "nodejs", "--out-dir"]).arg(&out_dir).arg(&module),
    )?;
    let get = |json: &str, side: &str, key: &str| {
        json_number(json, key).ok_or_else(|| Failure(format!("the {side} kernels printed no {key}: {json}")))
    };
    // This machine is shared, and its noise comes in bursts lasting seconds:
    // the two sides take turns, a few rounds each, and each keeps its
    // fastest, so a burst that hits one side's run does not decide the ratio.
    let rounds = if quick { 3 } else { 5 };
    let (mut native_ns, mut wasm_ns) = ([f64::INFINITY; 6], [f64::INFINITY; 6]);
    for _ in 0..rounds {
        let mut n = Command::new(ctx.root.join("target/bench-kernels/native"));
        let mut w = Command::new("node");
        w.arg(ctx.root.join("bench/node.js")).arg(out_dir.join("scalelab_bench.js"));
        if quick {
            n.arg("--quick");
            w.arg("--quick");
        }
        let (native, wasm) = (output(ctx, &mut n)?, output(ctx, &mut w)?);
        // Both sides must have done the same work: same hits, owners and events.
        for check in
            ["lru_check", "ring_check", "engine_check", "replication_check", "sessions_check", "queues_check"]
        {
            let (n, w) = (get(&native, "native", check)?, get(&wasm, "wasm", check)?);
            if n != w {
                return Err(Failure(format!("{check}: native computed {n}, wasm {w}: the kernels diverged")));
            }
        }
        for (k, key) in ["lru_ns", "ring_ns", "engine_ns", "replication_ns", "sessions_ns", "queues_ns"]
            .into_iter()
            .enumerate()
        {
            native_ns[k] = native_ns[k].min(get(&native, "native", key)?);
            wasm_ns[k] = wasm_ns[k].min(get(&wasm, "wasm", key)?);
        }
    }
    let ratio = |k: usize| wasm_ns[k] / native_ns[k];
    let events_per_s = 1e9 / native_ns[2];
    Ok(vec![
        Figure::at_least(
            "engine_events_per_s",
            "engine: simulated events per second, load-balancing lab (native)",
            events_per_s,
            10e6,
            "",
        ),
        Figure::info("lru_ns_native", "LRU ns per get/put, native (bench-kernels)", native_ns[0]),
        Figure::at_most("wasm_vs_native_lru", "LRU get/put: wasm32 under Node / native", ratio(0), 1.5, "x"),
        Figure::at_most("wasm_vs_native_ring", "ring lookup: wasm32 under Node / native", ratio(1), 1.5, "x"),
        Figure::at_most(
            "wasm_vs_native_engine",
            "engine events: wasm32 under Node / native",
            ratio(2),
            1.5,
            "x",
        ),
        Figure::info(
            "engine_events_per_s_replication",
            "engine: simulated events per second, replication lab, 5 replicas, quorum (native)",
            1e9 / native_ns[3],
        ),
        Figure::info(
            "wasm_vs_native_replication",
            "replication lab events: wasm32 under Node / native",
            ratio(3),
        ),
        Figure::info(
            "engine_events_per_s_sessions",
            "engine: simulated events per second, sessions lab, 10,000 users, partitioned store (native)",
            1e9 / native_ns[4],
        ),
        Figure::info("wasm_vs_native_sessions", "sessions lab events: wasm32 under Node / native", ratio(4)),
        Figure::info(
            "engine_events_per_s_queues",
            "engine: simulated events per second, queues lab, 20,000 messages/s to 32 consumers (native)",
            1e9 / native_ns[5],
        ),
        Figure::info("wasm_vs_native_queues", "queues lab events: wasm32 under Node / native", ratio(5)),
    ])
}

/// Simulated seconds of the M/M/1 model in both engines: 1.4 million
/// requests, enough for the mean to sit within 1% of theory.
const MM1_SECONDS: u32 = 20_000;

/// Part 3: the M/M/1 queue in our engine and in SimPy, the tool course
/// authors would otherwise use (`bench/simpy_mm1.py`), for the same simulated
/// time: requests simulated per wall-clock second, and each one's mean time
/// in system against 1/(mu - lambda).
fn simpy(ctx: &Ctx) -> Result<Vec<Figure>, Failure> {
    say(ctx, "[3/6] the M/M/1 queue in our engine and in SimPy, same model, same simulated time");
    setup::simpy(ctx)?;
    let seconds = MM1_SECONDS.to_string();
    let ours =
        output(ctx, Command::new(ctx.root.join("target/bench-kernels/native")).args(["--mm1", &seconds]))?;
    let theirs = output(
        ctx,
        Command::new(setup::simpy_python(ctx)).arg(ctx.root.join("bench/simpy_mm1.py")).arg(&seconds),
    )?;
    let get = |json: &str, key: &str| {
        json_number(json, key).ok_or_else(|| Failure(format!("the M/M/1 run printed no {key}: {json}")))
    };
    let ours_rps = get(&ours, "mm1_requests")? / get(&ours, "mm1_s")?;
    let simpy_rps = get(&theirs, "simpy_requests")? / get(&theirs, "simpy_s")?;
    // 1/(100/s - 70/s), in ms.
    let theory = 1_000.0 / 30.0;
    let off = |mean: f64| (mean - theory).abs() / theory * 100.0;
    Ok(vec![
        Figure::at_least(
            "engine_vs_simpy",
            "M/M/1 requests simulated per second: ours / SimPy",
            ours_rps / simpy_rps,
            20.0,
            "x",
        ),
        Figure::info("mm1_requests_per_s_ours", "... ours, requests per second (native)", ours_rps),
        Figure::info(
            "mm1_requests_per_s_simpy",
            format!("... SimPy {}, requests per second", setup::SIMPY_VERSION),
            simpy_rps,
        ),
        Figure::at_most(
            "mm1_mean_off_pct_ours",
            "... ours: mean time in system, % off 1/(mu-lambda) = 33.3 ms",
            off(get(&ours, "mm1_mean_ms")?),
            2.0,
            "%",
        ),
        Figure::at_most(
            "mm1_mean_off_pct_simpy",
            "... SimPy: mean time in system, % off 33.3 ms",
            off(get(&theirs, "simpy_mean_ms")?),
            2.0,
            "%",
        ),
    ])
}

/// Part 4: the release site's size, raw and gzip -9, by kind of file.
fn site_size(ctx: &Ctx) -> Result<Vec<Figure>, Failure> {
    say(ctx, "[4/6] the release site's size (trunk build, then gzip -9)");
    build_site(ctx)?;
    let dist = ctx.root.join("dist");
    let mut figures = Vec::new();
    let mut total_gzip = 0.0;
    for kind in ["wasm", "js", "css"] {
        let (raw, gzip) = sizes(&dist, kind)?;
        total_gzip += gzip as f64;
        figures.push(Figure::info(format!("site_{kind}_bytes"), format!("site {kind}, bytes"), raw as f64));
        figures.push(Figure::info(
            format!("site_{kind}_gzip_bytes"),
            format!("site {kind}, gzip -9 bytes"),
            gzip as f64,
        ));
    }
    figures.push(Figure::at_most(
        "site_gzip_bytes",
        "whole site (wasm + JS + CSS), gzip -9 bytes",
        total_gzip,
        400_000.0,
        "",
    ));
    Ok(figures)
}

/// The raw and `gzip -9` bytes of the files in `dir` ending in `.kind`.
fn sizes(dir: &Path, kind: &str) -> Result<(u64, u64), Failure> {
    let (mut raw, mut gzip) = (0u64, 0u64);
    for entry in std::fs::read_dir(dir).map_err(|e| Failure(format!("{}: {e}", dir.display())))?.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == kind) {
            raw += entry.metadata().map(|m| m.len()).unwrap_or(0);
            gzip += gzip_size(&path)?;
        }
    }
    Ok((raw, gzip))
}

/// The site's wasm, JS and CSS in `dir`, gzip -9 bytes.
fn site_gzip(dir: &Path) -> Result<u64, Failure> {
    ["wasm", "js", "css"].iter().try_fold(0, |sum, kind| Ok(sum + sizes(dir, kind)?.1))
}

/// What a lab costs the download: more than this and the bench says so.
const LAB_BUDGET_BYTES: f64 = 35_000.0;

/// The labs, in the order of web/Cargo.toml's default features: each lab
/// page is the cargo feature of its name (a web test holds that list to
/// core's registry).
fn lab_features(ctx: &Ctx) -> Result<Vec<String>, Failure> {
    let path = ctx.root.join("web/Cargo.toml");
    let toml = std::fs::read_to_string(&path).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
    let line = toml
        .lines()
        .find_map(|l| l.trim().strip_prefix("default = ["))
        .ok_or_else(|| Failure(format!("{}: no `default = [...]` feature list", path.display())))?;
    Ok(line.trim_end_matches(']').split(',').map(|f| f.trim().trim_matches('"').to_owned()).collect())
}

/// Part 5: each lab's share of the site: the site built with that lab left
/// out (`--no-default-features` and every other lab), gzipped, against the
/// whole site. What a lab shares with others (the kit, the engine, the
/// building blocks) stays in every build, so a share is what the lab alone
/// adds, and the shares sum to less than the site.
fn lab_sizes(ctx: &Ctx) -> Result<Vec<Figure>, Failure> {
    let labs = lab_features(ctx)?;
    say(
        ctx,
        &format!("[5/6] each lab's share of the site: {} builds, each with one lab left out", labs.len()),
    );
    let whole = site_gzip(&ctx.root.join("dist"))? as f64;
    let mut figures = Vec::new();
    for lab in &labs {
        let others: Vec<&str> = labs.iter().filter(|l| *l != lab).map(String::as_str).collect();
        let dist = ctx.root.join("target/lab-sizes").join(format!("without-{lab}"));
        say(ctx, &format!("building the site without {lab} into {}", dist.display()));
        run(
            ctx,
            Command::new("trunk")
                .args(["build", "--release", "--offline", "--no-default-features", "--features"])
                .arg(others.join(","))
                .arg("--dist")
                .arg(&dist),
        )?;
        let share = whole - site_gzip(&dist)? as f64;
        figures.push(Figure::at_most(
            &format!("lab_gzip_bytes_{lab}"),
            format!("{lab}: what the lab adds to the site, gzip -9 bytes"),
            share,
            LAB_BUDGET_BYTES,
            "",
        ));
    }
    Ok(figures)
}

/// `gzip -9` size of one file.
fn gzip_size(path: &Path) -> Result<u64, Failure> {
    let out = Command::new("gzip")
        .args(["-9", "-c", "-n"])
        .arg(path)
        .output()
        .map_err(|e| Failure(format!("cannot run gzip: {e}")))?;
    if !out.status.success() {
        return Err(Failure(format!("gzip -9 {} failed", path.display())));
    }
    Ok(out.stdout.len() as u64)
}

/// Part 6: frame work and first frame in headless Chromium.
fn frames(ctx: &Ctx, quick: bool) -> Result<Vec<Figure>, Failure> {
    say(ctx, "[6/6] frame work in headless Chromium, unthrottled, 1,000 / 5,000 / 10,000 requests in flight");
    if let Some(install) = setup::chromium_in_background(ctx) {
        install.join().map_err(|_| Failure("the Chromium install thread panicked".into()))??;
    }
    let mut cmd = Command::new("cargo");
    cmd.args(["run", "-q", "-p", "scalelab-tests", "--example", "frames", "--locked", "--"])
        .env("SCALELAB_DIST", ctx.root.join("dist"))
        .env("CHROME", setup::CHROMIUM);
    if quick {
        cmd.arg("--quick");
    }
    let json = output(ctx, browser_env(&mut cmd))?;
    let get = |key: &str| {
        json_number(&json, key)
            .ok_or_else(|| Failure(format!("the frame benchmark printed no {key}: {json}")))
    };
    let mut figures = Vec::new();
    for (n, p95_limit) in [(1_000, None), (5_000, Some(8.0)), (10_000, Some(16.0))] {
        let p95 = get(&format!("frame_work_p95_ms_{n}"))?;
        let key = format!("frame_work_p95_ms_{n}");
        let what = format!("frame work p95 (ms), {n} requests in flight");
        figures.push(match p95_limit {
            Some(limit) => Figure::at_most(&key, what, p95, limit, " ms"),
            None => Figure::info(key, what, p95),
        });
        figures.push(Figure::info(
            format!("frame_work_p50_ms_{n}"),
            format!("frame work p50 (ms), {n} requests in flight"),
            get(&format!("frame_work_p50_ms_{n}"))?,
        ));
        // Where the time goes: the rest of a frame is refreshing the DOM.
        for (part, what) in [("sim", "simulation step"), ("draw", "drawing")] {
            figures.push(Figure::info(
                format!("frame_{part}_p95_ms_{n}"),
                format!("... of which {what}, p95 (ms)"),
                get(&format!("frame_{part}_p95_ms_{n}"))?,
            ));
        }
        let long = format!("long_frames_{n}");
        let what = format!("frames over 50 ms, {n} in flight (of {})", get(&format!("frames_{n}"))?);
        figures.push(if n == 5_000 {
            Figure::at_most(&long, what, get(&long)?, 0.0, "")
        } else {
            Figure::info(long.clone(), what, get(&long)?)
        });
    }
    // The other labs' busiest pages, each with what its load was.
    type Load = fn(f64) -> String;
    let labs: [(&str, Load); 3] = [
        ("replication", |n| format!("{n} messages in flight")),
        ("sessions", |n| format!("10,000 users ({n} requests by the end)")),
        ("queues", |n| format!("{n} messages waiting at the start, about 2,000 on the wire")),
    ];
    for (lab, load) in labs {
        let get_lab = |part: &str| get(&format!("{part}_{lab}"));
        figures.push(Figure::at_most(
            &format!("frame_work_p95_ms_{lab}"),
            format!("frame work p95 (ms), {lab} lab, {}", load(get_lab("in_flight")?)),
            get_lab("frame_work_p95_ms")?,
            8.0,
            " ms",
        ));
        figures.push(Figure::at_most(
            &format!("long_frames_{lab}"),
            format!("frames over 50 ms, {lab} lab (of {})", get_lab("frames")?),
            get_lab("long_frames")?,
            0.0,
            "",
        ));
    }
    figures.push(Figure::at_most(
        "first_frame_ms",
        "navigation to the first drawn frame (ms, median of 3 loads)",
        get("first_frame_ms")?,
        1_000.0,
        " ms",
    ));
    figures.push(Figure::info(
        "first_frame_ms_cold",
        "... the first, cold load (ms)",
        get("first_frame_ms_cold")?,
    ));
    figures.push(Figure::at_most(
        "first_frame_ms_throttled",
        "... cold, at 1.6 Mbit/s and 150 ms round trip, served gzipped (ms)",
        get("first_frame_ms_throttled")?,
        3_000.0,
        " ms",
    ));
    Ok(figures)
}

/// Criterion's median estimate for one benchmark, in nanoseconds.
fn median_ns(dir: &Path, group: &str, function: &str) -> Result<f64, Failure> {
    let path = dir.join(group).join(function).join("new/estimates.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    point_estimate(&text, "median")
        .ok_or_else(|| Failure(format!("{}: no median point_estimate", path.display())))
}

/// The `point_estimate` of one statistic in criterion's `estimates.json`,
/// read by hand so xtask needs no dependencies.
fn point_estimate(json: &str, statistic: &str) -> Option<f64> {
    let at = json.find(&format!("\"{statistic}\":"))?;
    json_number(&json[at..], "point_estimate")
}

/// The number after the first `"key":` in `json` (flat objects of numbers,
/// as the kernels and the frame benchmark print them).
fn json_number(json: &str, key: &str) -> Option<f64> {
    let label = format!("\"{key}\":");
    let rest = &json[json.find(&label)? + label.len()..];
    let end = rest.find([',', '}']).unwrap_or(rest.len());
    rest[..end].trim().parse().ok()
}

fn report(ctx: &Ctx, figures: &[Figure]) -> Result<(), Failure> {
    let mut table = String::new();
    let _ = writeln!(table, "\n{:<66} {:>12}  {:<10} met", "measured", "value", "target");
    for f in figures {
        let (target, met) = match &f.target {
            Some((t, met)) => (t.as_str(), if *met { "yes" } else { "NO" }),
            None => ("", ""),
        };
        let _ = writeln!(table, "{:<66} {:>12}  {:<10} {met}", f.what, shown(f.value), target);
    }
    println!("{table}");
    let body: Vec<String> = figures.iter().map(|f| format!("  \"{}\": {}", f.key, f.value)).collect();
    let json = format!("{{\n{}\n}}\n", body.join(",\n"));
    let path = ctx.root.join("target/bench-report.json");
    std::fs::write(&path, json).map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))?;
    say(ctx, &format!("wrote {}", path.display()));
    Ok(())
}

/// A figure for the table: whole numbers as such, small ones to 3 places.
fn shown(v: f64) -> String {
    if v.fract() == 0.0 || v.abs() >= 1_000.0 { format!("{v:.0}") } else { format!("{v:.3}") }
}

#[cfg(test)]
mod tests {
    use super::{json_number, point_estimate, shown};

    #[test]
    fn reads_the_named_statistic_not_the_first() {
        let json = r#"{"mean":{"confidence_interval":{"lower_bound":1.0},"point_estimate":60808.5,"standard_error":8.0},"median":{"point_estimate":59000.25,"standard_error":1.0}}"#;
        assert_eq!(point_estimate(json, "mean"), Some(60808.5));
        assert_eq!(point_estimate(json, "median"), Some(59000.25));
        assert_eq!(point_estimate(json, "slope"), None);
    }

    #[test]
    fn reads_numbers_from_the_kernels_output() {
        let json = r#"{"lru_ns": 12.5, "lru_check": 41000, "ring_ns":3e1}"#;
        assert_eq!(json_number(json, "lru_ns"), Some(12.5));
        assert_eq!(json_number(json, "lru_check"), Some(41_000.0));
        assert_eq!(json_number(json, "ring_ns"), Some(30.0));
        assert_eq!(json_number(json, "engine_ns"), None);
        assert_eq!(json_number(r#"{"a": null}"#, "a"), None);
    }

    #[test]
    fn figures_read_as_whole_numbers_or_three_places() {
        assert_eq!(shown(191_234.0), "191234");
        assert_eq!(shown(0.96321), "0.963");
        assert_eq!(shown(3.0), "3");
    }
}
