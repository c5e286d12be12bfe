#!/usr/bin/env node
// The seed's tiny shapes end to end (n_x=3, n_a=5, m=10, T=4, n_y=2, float64): time
// lstmForward + lstmBackward and rnnForward + rnnBackward through setBackend('ts') and
// setBackend('native'), then each kernel call those functions make, replayed on both
// backends with the exact arguments core passed. Issue 5's target: native no slower than ts.
// Best of many short rounds (the machine is shared and noisy): read the numbers as ballpark.
import { RandomState, findBackend, lstmBackward, lstmForward, rnnBackward, rnnForward, setBackend } from '@recur/core';
import { nativeBackend, rawAddon, reason } from '@recur/native';
import { nsPerCall } from './ns-per-call.mjs';

if (!rawAddon) {
  console.error(`seed-overhead: native addon not available: ${reason}`);
  process.exit(1);
}
const ts = findBackend('ts');

/** ns per call; the whole seed steps get a longer budget than the single kernel calls. */
const time = (fn, budgetMs = 300) => nsPerCall(fn, { budgetMs, maxIterations: 1 << 20 });

const [nX, nA, m, T, nY] = [3, 5, 10, 4, 2];
const rs = new RandomState(1);
const x = rs.randn(nX, m, T);
const a0 = rs.randn(nA, m);
const lstmParams = {
  Wf: rs.randn(nA, nA + nX), bf: rs.randn(nA, 1), Wi: rs.randn(nA, nA + nX), bi: rs.randn(nA, 1),
  Wc: rs.randn(nA, nA + nX), bc: rs.randn(nA, 1), Wo: rs.randn(nA, nA + nX), bo: rs.randn(nA, 1),
  Wy: rs.randn(nY, nA), by: rs.randn(nY, 1),
};
const rnnParams = { Wax: rs.randn(nA, nX), Waa: rs.randn(nA, nA), Wya: rs.randn(nY, nA), ba: rs.randn(nA, 1), by: rs.randn(nY, 1) };
const da = rs.randn(nA, m, T);

const lstmStep = () => {
  const f = lstmForward(x, a0, lstmParams);
  lstmBackward(da, f.caches);
};
const rnnStep = () => {
  const f = rnnForward(x, a0, rnnParams);
  rnnBackward(da, f.caches);
};

/** Every kernel call `fn` makes, with its arguments (outputs copied so replays are harmless). */
function recordCalls(fn) {
  const calls = [];
  const recorder = {
    name: 'recorder',
    gemm: (a) => (calls.push(['gemm', { ...a, c: a.c.slice() }]), ts.gemm(a)),
    transpose: (a) => (calls.push(['transpose', { ...a, dst: a.dst.slice() }]), ts.transpose(a)),
    softmaxRows: (d, r, c) => (calls.push(['softmaxRows', [d.slice(), r, c]]), ts.softmaxRows(d, r, c)),
    recurrentForward: (a) => (calls.push(['recurrentForward', { ...a }]), ts.recurrentForward(a)),
    recurrentBackward: (a) => (calls.push(['recurrentBackward', { ...a }]), ts.recurrentBackward(a)),
  };
  setBackend(recorder);
  fn();
  setBackend('ts');
  return calls;
}

console.log(`seed shapes n_x=${nX} n_a=${nA} m=${m} T=${T} n_y=${nY} float64, node ${process.version}, ${rawAddon.info().isa}, threads=${rawAddon.info().threads}`);
const rows = [
  ['lstmForward + lstmBackward', lstmStep],
  ['rnnForward + rnnBackward', rnnStep],
];
for (const [name, fn] of rows) {
  setBackend('ts');
  const t = time(fn, 1000);
  setBackend('native');
  const n = time(fn, 1000);
  setBackend('ts');
  console.log(`${name.padEnd(40)} ts ${(t / 1000).toFixed(2).padStart(7)} µs   native ${(n / 1000).toFixed(2).padStart(7)} µs   native/ts ${(n / t).toFixed(2)}`);
  for (const [kernel, args] of recordCalls(fn)) {
    const call = (backend) => (kernel === 'softmaxRows' ? () => backend.softmaxRows(...args) : () => backend[kernel](args));
    const kt = time(call(ts));
    const kn = time(call(nativeBackend));
    console.log(`  ${kernel.padEnd(38)} ts ${kt.toFixed(0).padStart(7)} ns   native ${kn.toFixed(0).padStart(7)} ns`);
  }
}
