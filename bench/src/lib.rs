//! The kernels `cargo xtask bench` times twice — natively, and compiled to
//! wasm32 and run under Node — so that "wasm ÷ native" compares the same code
//! on the same inputs, built with the same profile (`bench-kernels`).
//!
//! Each kernel has a `*_setup` that builds its input outside the timed part
//! and a `*_run` that does the work once and returns a checksum (so nothing is
//! optimised away, and so both sides can be seen to have done the same work).
//! The inputs match the criterion benchmarks in `core/benches`: the LRU runs
//! the same Zipf trace, the ring the same 10 nodes × 100 vnodes.
//!
//! State lives in a thread-local because wasm-bindgen exports are free
//! functions; both platforms run them on one thread.

use scalelab_core::SimTime;
use scalelab_core::cache::{Cache, Lru};
use scalelab_core::hash::mix64;
use scalelab_core::lab::Lab;
use scalelab_core::labs::load_balancing::{Config, LoadBalancing};
use scalelab_core::labs::queues::{self, Queues};
use scalelab_core::labs::replication::{self, Replication};
use scalelab_core::labs::sessions::{self, Sessions};
use scalelab_core::node::NodeId;
use scalelab_core::placement::{Placement, Ring};
use scalelab_core::rng::{SimRng, Stream};
use scalelab_core::zipf::Zipf;
use std::cell::RefCell;
use wasm_bindgen::prelude::wasm_bindgen;

/// Keys in the LRU's Zipf trace, and its length.
pub const LRU_TRACE: u32 = 100_000;
/// Keys each LRU holds.
pub const LRU_CAPACITY: usize = 1_000;
/// Ring lookups per run.
pub const RING_LOOKUPS: u32 = 4_096;
/// Simulated time the engine kernel runs the load-balancing lab for.
pub const ENGINE_SIM_MS: u64 = 2_000;

#[derive(Default)]
struct State {
    trace: Vec<u64>,
    ring: Option<Ring>,
    keys: Vec<u64>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::default();
}

/// Builds the Zipf trace (100,000 draws over 100,000 keys, skew 0.9). Returns
/// the operations one [`lru_run`] performs.
#[wasm_bindgen]
pub fn lru_setup() -> u32 {
    let z = Zipf::new(LRU_TRACE, 0.9);
    let mut rng = SimRng::new(1, Stream::Workload);
    STATE.with_borrow_mut(|s| s.trace = (0..LRU_TRACE).map(|_| z.sample(&mut rng)).collect());
    LRU_TRACE
}

/// One pass of the trace through a fresh LRU: get, and put on a miss. Returns
/// the hits.
#[wasm_bindgen]
pub fn lru_run() -> u32 {
    STATE.with_borrow(|s| {
        let mut cache = Lru::new(LRU_CAPACITY);
        s.trace.iter().map(|&k| u32::from(cache.access(k).hit)).sum()
    })
}

/// Builds a ring of 10 nodes × 100 vnodes and the keys to look up. Returns
/// the lookups one [`ring_run`] performs.
#[wasm_bindgen]
pub fn ring_setup() -> u32 {
    let mut ring = Ring::full(100, 0);
    ring.add_nodes((0..10).map(NodeId));
    let keys = (0..u64::from(RING_LOOKUPS)).map(|k| k.wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect();
    STATE.with_borrow_mut(|s| {
        s.ring = Some(ring);
        s.keys = keys;
    });
    RING_LOOKUPS
}

/// Looks every key up on the ring. Returns the owners xor-ed together.
#[wasm_bindgen]
pub fn ring_run() -> u32 {
    STATE.with_borrow(|s| {
        let Some(ring) = &s.ring else { return 0 };
        s.keys.iter().fold(0, |acc, &k| acc ^ ring.owner(mix64(k)).map_or(0, |n| n.0))
    })
}

/// The load-balancing lab at a busy setting (4 servers, 2,000 requests per
/// second, 8 cores each) for [`ENGINE_SIM_MS`] of simulated time. Returns the
/// events the engine processed: its throughput is events ÷ time taken.
#[wasm_bindgen]
pub fn engine_run() -> u32 {
    let cfg = Config { rate: 2_000.0, capacity: 8, ..Config::default() };
    busy::<LoadBalancing>(cfg, None)
}

/// Runs lab `L` from `cfg` (seed 1) for [`ENGINE_SIM_MS`] of simulated time,
/// applying `half_way` at half of it if given. Returns the events the engine
/// processed (0 if `cfg` is not valid, which both sides would print alike).
fn busy<L: Lab>(cfg: L::Config, half_way: Option<L::Command>) -> u32 {
    let Ok(mut lab) = L::new(cfg, 1) else { return 0 };
    if let Some(cmd) = half_way {
        lab.run_until(SimTime::from_ms(ENGINE_SIM_MS / 2));
        lab.apply(&cmd);
    }
    lab.run_until(SimTime::from_ms(ENGINE_SIM_MS));
    u32::try_from(lab.events_processed()).unwrap_or(u32::MAX)
}

/// The replication lab at a busy setting (five replicas, quorum writes and
/// reads, 2,000 writes and 2,000 reads a second, the leader crashing once)
/// for [`ENGINE_SIM_MS`] of simulated time. Returns the events the engine
/// processed.
#[wasm_bindgen]
pub fn replication_run() -> u32 {
    use scalelab_core::replication::{ReadFrom, WriteMode};
    let cfg = replication::Config {
        replicas: 5,
        write_mode: WriteMode::Quorum,
        read_from: ReadFrom::Quorum,
        write_rate: 2_000.0,
        read_rate: 2_000.0,
        keys: 100,
        ..replication::Config::default()
    };
    busy::<Replication>(cfg, Some(replication::Command::CrashLeader))
}

/// The sessions lab at scale: 10,000 users thinking a second between
/// requests, sessions in a store partitioned over three nodes with two async
/// backups each, one primary crashing half-way, for [`ENGINE_SIM_MS`] of
/// simulated time. Returns the events the engine processed.
#[wasm_bindgen]
pub fn sessions_run() -> u32 {
    let cfg = sessions::Config {
        users: 10_000,
        think_ms: 1_000.0,
        state: sessions::State::PartitionedStore,
        store_nodes: 3,
        store_replication: sessions::StoreReplication::Async,
        ..sessions::Config::default()
    };
    busy::<Sessions>(cfg, Some(sessions::Command::CrashStore(0)))
}

/// The queues lab at scale: 20,000 messages a second from 8 producers to 32
/// consumers of 1 ms (exponential), 1 ms hops, 1% poison messages retried
/// and dead-lettered, one consumer crashing half-way, for [`ENGINE_SIM_MS`]
/// of simulated time. Returns the events the engine processed.
#[wasm_bindgen]
pub fn queues_run() -> u32 {
    let cfg = queues::Config {
        scenario: queues::Scenario::Queue,
        producers: 8,
        rate: 20_000.0,
        consumers: 32,
        service_ms: 1.0,
        visibility_timeout_ms: 500.0,
        poison_fraction: 0.01,
        ..queues::Config::default()
    };
    busy::<Queues>(cfg, Some(queues::Command::Crash(0)))
}
