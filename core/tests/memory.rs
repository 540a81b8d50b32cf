//! Bounded memory: a long run holds no more than a short one.
//!
//! Each lab keeps what it draws and reports in fixed-size structures (the
//! trace's last 4,096 events, 600 chart windows, latency histograms, maps of
//! what is in flight), so a run of ten million events needs no more heap
//! than a run of one million. Each test here runs one lab of the registry at
//! a busy setting to 1 M and then to 10 M engine events, counting the heap
//! its thread holds (`allocation-counter`, whose global allocator counts
//! each thread's allocations apart, so the labs run side by side), and holds
//! the high-water mark to [`HEAP_BOUND`], and the growth from 1 M to 10 M
//! events to [`GROWTH_BOUND`]: something kept per event would grow tenfold.
//! Two labs keep something per unit of work by design, and are allowed a
//! stated number of bytes for each: the replication block keeps every
//! replica's whole log (no snapshots yet), and the queues lab one byte per
//! idempotency key.
//!
//! A binary of its own: the counting allocator is the whole process's.

#![cfg(not(target_arch = "wasm32"))]

use allocation_counter::AllocationInfo;
use scalelab_core::SimDuration;
use scalelab_core::input::Choice;
use scalelab_core::lab::{Lab, LabId};
use scalelab_core::labs::{caching, hashing, load_balancing, queues, replication, sessions};

/// The events of the long run.
const LONG: u64 = 10_000_000;
/// The events of the short run it is compared with.
const SHORT: u64 = 1_000_000;
/// The most heap a lab that keeps nothing per unit of work may hold at once,
/// in a run of [`LONG`] events. (One that keeps something is held to its
/// growth alone: its heap is as big as its run is long.)
const HEAP_BOUND: u64 = 16 << 20;
/// How much more the high-water mark may be after [`LONG`] events than after
/// [`SHORT`]: what is in flight varies a little, no more.
const GROWTH_BOUND: u64 = 256 << 10;
/// What one replicated write may keep: an entry in each of five replicas'
/// logs and the cluster's record of its version, with vectors' doubling.
const REPLICATED_WRITE: u64 = 512;

/// Runs `lab` in one-second steps until `events` engine events have run.
fn run_to<L: Lab>(lab: &mut L, events: u64) {
    while lab.events_processed() < events {
        lab.run_until(lab.now() + SimDuration::from_secs(1));
    }
}

/// What a lab keeps by design for each unit of work (a write, a message),
/// and how many bytes of it a unit may cost: the allowance for growth
/// beyond [`GROWTH_BOUND`].
struct Kept<L> {
    what: &'static str,
    units: fn(&L) -> u64,
    bytes_each: u64,
}

impl<L> Kept<L> {
    /// For labs that keep nothing per unit of work.
    fn nothing() -> Kept<L> {
        Kept { what: "nothing", units: |_| 0, bytes_each: 0 }
    }
}

/// The heap this thread holds at its highest while `f` runs, given the
/// `before` (bytes held, highest) of what ran on this thread since counting
/// began; returns the same pair after `f`.
fn counted(before: (u64, u64), f: impl FnOnce()) -> (u64, u64) {
    let AllocationInfo { bytes_current, bytes_max, .. } = allocation_counter::measure(f);
    // `bytes_max` is the highest the heap rose above where it stood at the
    // start; `bytes_current` what it ended above (or below) it.
    let held = before.0.checked_add_signed(bytes_current).expect("frees no more than it allocated");
    (held, before.1.max(before.0 + bytes_max))
}

/// Runs lab `L` (built while counting) to [`SHORT`] and then [`LONG`] events
/// and holds its heap's high-water marks to the bounds.
fn check<L: Lab>(cfg: L::Config, kept: Kept<L>) {
    let name = L::ID.name();
    let mut lab = None;
    let after_short = counted((0, 0), || {
        let mut l = L::new(cfg, 1).expect("a valid busy setting");
        run_to(&mut l, SHORT);
        lab = Some(l);
    });
    let mut lab = lab.expect("built above");
    let units_short = (kept.units)(&lab);
    let short = after_short.1;
    let long = counted(after_short, || run_to(&mut lab, LONG)).1;
    let units_long = (kept.units)(&lab);
    let units = units_long - units_short;
    let allowed = GROWTH_BOUND + kept.bytes_each * units;
    eprint!("{name}: heap high-water mark {short} bytes after {SHORT} events, {long} after {LONG}");
    if units > 0 {
        eprint!(" ({units} more {}: {:.1} bytes each)", kept.what, (long - short) as f64 / units as f64);
    }
    eprintln!();
    // A lab that keeps something per unit is held by the growth check below.
    assert!(
        kept.bytes_each > 0 || long <= HEAP_BOUND,
        "{name}: {long} bytes of heap at once, over {HEAP_BOUND}"
    );
    assert!(
        long - short <= allowed,
        "{name}: the heap's high-water mark grew by {} bytes from {SHORT} to {LONG} events, over the {allowed} allowed ({GROWTH_BOUND} + {} bytes for each of {units} {}): something is kept per event",
        long - short,
        kept.bytes_each,
        kept.what,
    );
}

/// A test per lab, each at a setting that keeps it busy for ever, and one
/// that fails on a lab of the registry with no setting here.
macro_rules! busy {
    ($($test:ident: $lab:ty = $cfg:expr, $kept:expr;)*) => {
        $(
            #[test]
            fn $test() {
                check::<$lab>($cfg, $kept);
            }
        )*

        #[test]
        fn every_lab_in_the_registry_has_a_busy_setting_here() {
            assert_eq!([$(<$lab as Lab>::ID),*], LabId::ALL, "a lab in the registry has no busy setting here");
        }
    };
}

busy! {
    load_balancing: load_balancing::LoadBalancing =
        load_balancing::Config { rate: 2_000.0, capacity: 8, ..load_balancing::Config::default() },
        Kept::nothing();
    hashing: hashing::Hashing =
        hashing::Config { rate: 20_000.0, ..hashing::Config::default() },
        Kept::nothing();
    caching: caching::Caching =
        caching::Config {
            rate: 20_000.0,
            requests: u64::MAX,
            write_rate: 100.0,
            ..caching::Config::default()
        },
        Kept::nothing();
    // Every replica keeps its whole log (the replication block takes no
    // snapshots yet), and the cluster every version's key and value.
    replication: replication::Replication =
        replication::Config {
            replicas: 5,
            write_rate: 2_000.0,
            read_rate: 2_000.0,
            keys: 100,
            ..replication::Config::default()
        },
        Kept { what: "writes", units: |l| l.metrics().writes, bytes_each: REPLICATED_WRITE };
    // The session store is the replication block: each request's session
    // write is a replicated write.
    sessions: sessions::Sessions =
        sessions::Config {
            users: 2_000,
            think_ms: 1_000.0,
            state: sessions::State::PartitionedStore,
            store_nodes: 3,
            ..sessions::Config::default()
        },
        Kept { what: "requests", units: |l| l.metrics().requests, bytes_each: REPLICATED_WRITE };
    // One byte per idempotency key (the side effects each key has had).
    queues: queues::Queues =
        queues::Config {
            scenario: queues::Scenario::Queue,
            producers: 8,
            rate: 5_000.0,
            consumers: 32,
            service_ms: 1.0,
            poison_fraction: 0.01,
            ..queues::Config::default()
        },
        Kept { what: "messages", units: |l| l.metrics().enqueued, bytes_each: 2 };
}
