//! Placement benchmarks: our ring against the `hashring` crate (lookup and
//! adding a node) and against jump hash (`jumphash`, lookup), with the same
//! hasher on both sides, in one process. `cargo xtask bench` runs this and
//! prints ours ÷ theirs.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use scalelab_core::hash::mix64;
use scalelab_core::node::NodeId;
use scalelab_core::placement::{Placement, Ring};
use std::hash::{BuildHasher, Hash, Hasher};
use std::hint::black_box;

const NODES: u32 = 10;
const VNODES: u32 = 100;
const SALT: u64 = 0;

/// Our key hash, as a `std` hasher so the peers use it too: a `u64` key
/// hashes to `mix64(key)`, exactly what our ring computes.
#[derive(Clone, Default)]
struct Mix(u64);

impl Hasher for Mix {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix64(self.0 ^ u64::from(b));
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = mix64(self.0 ^ x);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

#[derive(Clone, Default)]
struct MixBuild;

impl BuildHasher for MixBuild {
    type Hasher = Mix;
    fn build_hasher(&self) -> Mix {
        Mix::default()
    }
}

/// A virtual node for `hashring`, which has one point per item: hashes like
/// our point hash before salting.
#[derive(Clone, Debug, PartialEq)]
struct VNode(u32, u32);

impl Hash for VNode {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(mix64((u64::from(self.0) << 32) | u64::from(self.1)));
    }
}

fn ours(nodes: u32) -> Ring {
    let mut r = Ring::full(VNODES, SALT);
    r.add_nodes((0..nodes).map(NodeId));
    r
}

fn theirs(nodes: u32) -> hashring::HashRing<VNode, MixBuild> {
    let mut r = hashring::HashRing::with_hasher(MixBuild);
    r.batch_add((0..nodes).flat_map(|n| (0..VNODES).map(move |j| VNode(n, j))).collect());
    r
}

fn keys() -> Vec<u64> {
    (0..4_096u64).map(|k| k.wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect()
}

fn lookup(c: &mut Criterion) {
    let keys = keys();
    let mut g = c.benchmark_group("ring_lookup");
    let ring = ours(NODES);
    g.bench_function("ours", |b| {
        b.iter(|| {
            let mut acc = 0u32;
            for &k in &keys {
                acc ^= ring.owner(mix64(black_box(k))).map_or(0, |n| n.0);
            }
            acc
        });
    });
    let peer = theirs(NODES);
    g.bench_function("hashring", |b| {
        b.iter(|| {
            let mut acc = 0u32;
            for k in &keys {
                acc ^= peer.get(black_box(k)).map_or(0, |v| v.0);
            }
            acc
        });
    });
    let jump = jumphash::CustomJumpHasher::new(Mix::default());
    g.bench_function("jumphash", |b| {
        b.iter(|| {
            let mut acc = 0u32;
            for k in &keys {
                acc ^= jump.slot(black_box(k), NODES);
            }
            acc
        });
    });
    g.finish();
}

fn add_node(c: &mut Criterion) {
    let mut g = c.benchmark_group("ring_add");
    let base = ours(NODES);
    g.bench_function("ours", |b| {
        b.iter_batched(|| base.clone(), |mut r| r.add(NodeId(NODES)), BatchSize::SmallInput);
    });
    let peer = theirs(NODES);
    g.bench_function("hashring", |b| {
        b.iter_batched(
            || peer.clone(),
            |mut r| (0..VNODES).for_each(|j| r.add(VNode(NODES, j))),
            BatchSize::SmallInput,
        );
    });
    g.finish();
}

fn build(c: &mut Criterion) {
    let mut g = c.benchmark_group("ring_build_100x100");
    g.bench_function("ours", |b| b.iter(|| ours(black_box(100))));
    g.finish();
}

criterion_group!(benches, lookup, add_node, build);
criterion_main!(benches);
