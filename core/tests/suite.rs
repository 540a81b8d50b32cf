//! Core's integration tests, as one test binary: natively under `cargo test`
//! and compiled to wasm32 in headless Chromium under
//! `wasm-bindgen-test-runner` (one browser, one page, for all of them).
//!
//! Each file of `tests/` is a module here rather than a binary of its own:
//! every binary linked and optimised its own copy of the labs it used, and
//! each wasm binary started its own Chromium, which made up most of a fresh
//! CI machine's time in these tests. `memory.rs` stays a binary of its own,
//! because it replaces the global allocator to count the heap.
//!
//! A new file here is one `mod` line below; `common` holds what the files
//! share, including `cross_test!` for tests that run natively and in the
//! browser.

#[macro_use]
mod common;

mod cache;
mod caching;
mod commands;
mod determinism;
mod distribution;
mod hashing;
mod load_balancing;
mod placement;
mod properties;
mod queue;
mod queues_lab;
mod registry;
mod replication;
mod replication_lab;
mod sessions_lab;
mod snapshots;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
