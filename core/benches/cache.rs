//! Cache benchmarks: our LRU against the `lru` and `schnellru` crates on the
//! same Zipf trace (access = get, and put on a miss), in one process.
//! `cargo xtask bench` runs this and prints ours ÷ theirs.

use criterion::{Criterion, criterion_group, criterion_main};
use scalelab_core::cache::{Cache, Lru};
use scalelab_core::rng::{SimRng, Stream};
use scalelab_core::zipf::Zipf;
use std::hint::black_box;
use std::num::NonZeroUsize;

const CAPACITY: usize = 1_000;

fn trace() -> Vec<u64> {
    let z = Zipf::new(100_000, 0.9);
    let mut rng = SimRng::new(1, Stream::Workload);
    (0..100_000).map(|_| z.sample(&mut rng)).collect()
}

fn lru(c: &mut Criterion) {
    let keys = trace();
    let mut g = c.benchmark_group("lru_zipf");
    g.bench_function("ours", |b| {
        b.iter(|| {
            let mut cache = Lru::new(CAPACITY);
            let mut hits = 0u32;
            for &k in &keys {
                hits += u32::from(cache.access(black_box(k)).hit);
            }
            hits
        });
    });
    g.bench_function("lru", |b| {
        b.iter(|| {
            let mut cache = lru::LruCache::new(NonZeroUsize::new(CAPACITY).unwrap());
            let mut hits = 0u32;
            for &k in &keys {
                if cache.get(&black_box(k)).is_some() {
                    hits += 1;
                } else {
                    cache.push(k, ());
                }
            }
            hits
        });
    });
    g.bench_function("schnellru", |b| {
        b.iter(|| {
            let mut cache = schnellru::LruMap::new(schnellru::ByLength::new(CAPACITY as u32));
            let mut hits = 0u32;
            for &k in &keys {
                if cache.get(&black_box(k)).is_some() {
                    hits += 1;
                } else {
                    cache.insert(k, ());
                }
            }
            hits
        });
    });
    g.finish();
}

criterion_group!(benches, lru);
criterion_main!(benches);
