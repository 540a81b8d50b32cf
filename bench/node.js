// Times the wasm32 build of the kernels under Node and prints one JSON
// object, the same shape `cargo run --bin native` prints. `cargo xtask bench`
// builds the module with wasm-bindgen --target nodejs and runs
//   node bench/node.js <path to scalelab_bench.js> [--quick]
'use strict';
const { performance } = require('node:perf_hooks');
const kernels = require(process.argv[2]);
const quick = process.argv.includes('--quick');
const [samples, minMs] = quick ? [5, 20] : [15, 50];
const WARM_MS = 300;

// The same procedure as measure() in src/bin/native.rs.
function measure(run, ops) {
  const check = run();
  const time = (reps) => {
    const t = performance.now();
    for (let i = 0; i < reps; i++) run();
    return performance.now() - t;
  };
  // Warm up first: V8 starts wasm on a baseline compiler and swaps in
  // optimised code later.
  const warm = performance.now();
  while (performance.now() - warm < WARM_MS) run();
  let reps = 1;
  while (time(reps) < minMs && reps < 1 << 20) reps *= 2;
  const perOp = [];
  for (let i = 0; i < samples; i++) perOp.push((time(reps) * 1e6) / (reps * ops));
  // The fastest sample: noise only ever adds time.
  return [Math.min(...perOp), check];
}

const [lruNs, lruCheck] = measure(kernels.lru_run, kernels.lru_setup());
const [ringNs, ringCheck] = measure(kernels.ring_run, kernels.ring_setup());
const events = kernels.engine_run();
const [engineNs] = measure(kernels.engine_run, events);
const replEvents = kernels.replication_run();
const [replNs] = measure(kernels.replication_run, replEvents);
const sessEvents = kernels.sessions_run();
const [sessNs] = measure(kernels.sessions_run, sessEvents);
const queueEvents = kernels.queues_run();
const [queueNs] = measure(kernels.queues_run, queueEvents);
console.log(JSON.stringify({
  lru_ns: lruNs, lru_check: lruCheck, ring_ns: ringNs, ring_check: ringCheck,
  engine_ns: engineNs, engine_check: events, replication_ns: replNs, replication_check: replEvents,
  sessions_ns: sessNs, sessions_check: sessEvents, queues_ns: queueNs, queues_check: queueEvents,
}));
