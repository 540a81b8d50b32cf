//! Shared by core's integration tests, which run twice: natively under
//! `cargo test`, and compiled to wasm32 in headless Chromium under
//! `wasm-bindgen-test-runner`. `cross_test!` marks a test for both.

#![allow(dead_code, reason = "the wasm32 build leaves out the native-only modules that use some of these")]

/// Declares tests that run natively and in the browser.
#[macro_export]
macro_rules! cross_test {
    ($(#[$meta:meta])* fn $name:ident() $body:block $($rest:tt)*) => {
        $(#[$meta])*
        #[cfg_attr(not(target_arch = "wasm32"), test)]
        #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
        fn $name() $body
        $crate::cross_test! { $($rest)* }
    };
    () => {};
}

use scalelab_core::labs::load_balancing::{Config, LoadBalancing};
use scalelab_core::{Lab, SimTime};

/// A load-balancing run with queueing-theory settings: no network delay, no
/// timeouts, no queue limit, so only the servers shape the latency.
pub fn queueing(config: Config, seed: u64, seconds: u64) -> LoadBalancing {
    let config = Config {
        client_latency_ms: 0.0,
        net_latency_ms: 0.0,
        jitter_ms: 0.0,
        timeout_ms: 3_600_000.0,
        queue_limit: 100_000,
        ..config
    };
    let mut lab = LoadBalancing::new(config, seed).expect("valid settings");
    lab.run_until(SimTime::from_ms(seconds * 1_000));
    lab
}

/// Asserts `actual` is within `tolerance` (relative) of `expected`, saying
/// how to reproduce the run if not.
pub fn assert_close(what: &str, actual: f64, expected: f64, tolerance: f64, seed: u64) {
    let err = (actual - expected).abs() / expected;
    assert!(
        err <= tolerance,
        "{what}: got {actual:.3}, expected {expected:.3} (±{:.0}%), off by {:.1}%; reproduce with seed={seed}",
        tolerance * 100.0,
        err * 100.0
    );
}

/// Mean time in system of an M/M/c queue (Erlang C), in ms.
pub fn erlang_c_mean_ms(lambda: f64, mu: f64, c: u32) -> f64 {
    let a = lambda / mu;
    let rho = a / f64::from(c);
    let mut term = 1.0;
    let mut sum = 0.0;
    for k in 0..c {
        if k > 0 {
            term *= a / f64::from(k);
        }
        sum += term;
    }
    let last = term * a / f64::from(c) / (1.0 - rho);
    let wait_probability = last / (sum + last);
    let wait_s = wait_probability / (f64::from(c) * mu - lambda);
    (wait_s + 1.0 / mu) * 1_000.0
}

/// Compares `actual` with a golden file's `expected` contents (included with
/// `include_str!`). Natively, `UPDATE_EXPECT=1` rewrites the file instead, as
/// `expect_test` does for snapshots.
pub fn check_golden(file: &str, actual: &str, expected: &str) {
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(file);
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    assert_eq!(
        actual, expected,
        "golden file tests/golden/{file} differs (UPDATE_EXPECT=1 natively rewrites it)"
    );
}
