#!/usr/bin/env node
// Measures the JS -> native boundary cost per call: a bare call (info()), a trivial
// softmaxRows on a 1x1 array (one typed array + two numbers), a tiny gemm (an argument
// object with 13 fields, three typed arrays) and a tiny lstm forward step (17 fields),
// each beside the ts backend on the same call. Noisy machine: read the numbers as ballpark.
import { findBackend } from '@recur/core';
import { rawAddon, reason } from '@recur/native';

if (!rawAddon) {
  console.error(`overhead: native addon not available: ${reason}`);
  process.exit(1);
}
const ts = findBackend('ts');

/** Best of many short rounds: on a shared, loaded machine the minimum is the stable figure. */
function nsPerCall(fn, total) {
  const iterations = 2000;
  for (let i = 0; i < iterations * 5; i++) fn(); // warm up
  let best = Infinity;
  for (let round = 0; round < total / iterations; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / iterations);
  }
  return best;
}

const one = new Float64Array(1);
const g = { transA: false, transB: false, m: 1, n: 1, k: 1, alpha: 1, a: new Float64Array(1), lda: 1, b: new Float64Array(1), ldb: 1, beta: 0, c: new Float64Array(1), ldc: 1 };
const g0 = { ...g, m: 0 };
const H = 1;
const lstm = {
  cell: 'lstm', T: 1, B: 1, X: 1, H, x: new Float64Array(1), h0: new Float64Array(H), c0: new Float64Array(H),
  wx: new Float64Array(4 * H), wh: new Float64Array(4 * H * H), bx: new Float64Array(4 * H), bh: null, lengths: null,
  hs: new Float64Array(H), cs: new Float64Array(H), gates: new Float64Array(4 * H),
};

const rows = [
  ['info() (bare call, creates an object)', () => rawAddon.info(), null, 200_000],
  ['softmaxRows(1x1 f64)', () => rawAddon.softmaxRows(one, 1, 1), () => ts.softmaxRows(one, 1, 1), 1_000_000],
  ['gemm(m=0: argument checks only)', () => rawAddon.gemm(g0), () => ts.gemm(g0), 500_000],
  ['gemm(1x1x1 f64)', () => rawAddon.gemm(g), () => ts.gemm(g), 500_000],
  ['recurrentForward(lstm T=B=X=H=1 f64)', () => rawAddon.recurrentForward(lstm), () => ts.recurrentForward(lstm), 200_000],
];
console.log(`boundary overhead, node ${process.version}, ${rawAddon.info().isa}, threads=${rawAddon.info().threads}`);
for (const [name, nativeFn, tsFn, n] of rows) {
  const nat = nsPerCall(nativeFn, n);
  const line = `${name.padEnd(40)} native ${nat.toFixed(0).padStart(6)} ns/call`;
  console.log(tsFn ? `${line}   ts ${nsPerCall(tsFn, n).toFixed(0).padStart(6)} ns/call` : line);
}
