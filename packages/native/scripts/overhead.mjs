#!/usr/bin/env node
// Measures the JS -> native boundary cost per call: a bare call (info()), a trivial
// softmaxRows on a 1x1 array (one typed array + two numbers), gemm with m=0 (argument checks
// only: 13 arguments, three typed arrays), a 1x1x1 gemm, and a T=B=X=H=1 lstm forward
// (19 arguments, nine typed arrays); each through nativeBackend (object in, positional
// arguments to the addon) and, where it applies, the raw export, beside the ts backend on the
// same call. Best of many ~0.2 ms rounds: on a shared, loaded machine the minimum is the
// stable figure. Read the numbers as ballpark. `node scripts/overhead.mjs --json` prints JSON.
import { findBackend } from '@recur/core';
import { nativeBackend, rawAddon, reason } from '@recur/native';
import { nsPerCall } from './ns-per-call.mjs';

if (!rawAddon) {
  console.error(`overhead: native addon not available: ${reason}`);
  process.exit(1);
}
const ts = findBackend('ts');

const time = (fn) => nsPerCall(fn, { budgetMs: 400, maxIterations: 1 << 22 });

const one = new Float64Array(1);
const g = { transA: false, transB: false, m: 1, n: 1, k: 1, alpha: 1, a: new Float64Array(1), lda: 1, b: new Float64Array(1), ldb: 1, beta: 0, c: new Float64Array(1), ldc: 1 };
const g0 = { ...g, m: 0 };
const H = 1;
const lstm = {
  cell: 'lstm', T: 1, B: 1, X: 1, H, x: new Float64Array(1), h0: new Float64Array(H), c0: new Float64Array(H),
  wx: new Float64Array(4 * H), wh: new Float64Array(4 * H * H), bx: new Float64Array(4 * H), bh: null, lengths: null,
  hs: new Float64Array(H), cs: new Float64Array(H), gates: new Float64Array(4 * H),
};
const l = lstm;

const rows = [
  ['info() (bare call, creates an object)', () => rawAddon.info(), null, null],
  ['softmaxRows(1x1 f64)', () => nativeBackend.softmaxRows(one, 1, 1), null, () => ts.softmaxRows(one, 1, 1)],
  ['gemm(m=0: argument checks only)', () => nativeBackend.gemm(g0), () => rawAddon.gemm(false, false, 0, 1, 1, 1, g.a, 1, g.b, 1, 0, g.c, 1), () => ts.gemm(g0)],
  ['gemm(1x1x1 f64)', () => nativeBackend.gemm(g), () => rawAddon.gemm(false, false, 1, 1, 1, 1, g.a, 1, g.b, 1, 0, g.c, 1), () => ts.gemm(g)],
  ['recurrentForward(lstm T=B=X=H=1 f64)', () => nativeBackend.recurrentForward(lstm),
    () => rawAddon.recurrentForward(1, false, 1, 1, 1, 1, l.x, l.h0, l.c0, l.wx, l.wh, l.bx, null, null, l.hs, l.cs, l.gates, undefined, undefined),
    () => ts.recurrentForward(lstm)],
];
const results = [];
for (const [name, backendFn, rawFn, tsFn] of rows) {
  results.push({
    name,
    native: time(backendFn),
    raw: rawFn ? time(rawFn) : null,
    ts: tsFn ? time(tsFn) : null,
  });
}
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ node: process.version, ...rawAddon.info(), results }, null, 2));
} else {
  const fmt = (v) => (v === null ? '     -' : v.toFixed(0).padStart(6));
  console.log(`boundary overhead (ns per call, best of rounds), node ${process.version}, ${rawAddon.info().isa}, threads=${rawAddon.info().threads}`);
  console.log(`${''.padEnd(40)} ${'native'.padStart(6)} ${'raw'.padStart(6)} ${'ts'.padStart(6)}`);
  for (const r of results) console.log(`${r.name.padEnd(40)} ${fmt(r.native)} ${fmt(r.raw)} ${fmt(r.ts)}`);
}
