// Child process of test/native-leak.test.ts; run with --expose-gc.
//
//   node --expose-gc native-leak.mjs <calls> <warmupCalls>
//
// Makes <calls> native calls in a fixed rotation: small gemm (f64 and f32), rnn / lstm / gru
// forward and backward on small shapes, calls that throw (TypeError and RangeError from the
// argument checks), and async forward / gemm calls awaited in small batches. Half the
// successful calls get fresh typed arrays, so a reference the addon forgot to release would
// keep them alive and show up as growing `external` memory; the rest reuse arrays, so the
// native side's own allocations dominate RSS. After a warm-up (which also starts the libuv
// pool threads), RSS and external are sampled after a full GC at regular points. Prints one
// JSON line with the samples and the growth from the first to the last.
import { nativeBackend, available, reason } from '@recur/native';

if (!available) {
  console.log(JSON.stringify({ unavailable: reason }));
  process.exit(0);
}
if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');

const CALLS = Number(process.argv[2] ?? 100_000);
const WARMUP = Number(process.argv[3] ?? 10_000);
const SAMPLES = 5;

let seed = 7;
function fill(a) {
  for (let i = 0; i < a.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    a[i] = seed / 2 ** 32 - 0.5;
  }
  return a;
}

const GATES = { rnn: 1, lstm: 4, gru: 3 };

function forwardArgs(cell, F, T = 3, B = 2, X = 4, H = 5) {
  const G = GATES[cell];
  const lstm = cell === 'lstm';
  return {
    cell, resetAfter: cell === 'gru', T, B, X, H,
    x: fill(new F(T * B * X)), h0: fill(new F(B * H)), c0: lstm ? fill(new F(B * H)) : null,
    wx: fill(new F(X * G * H)), wh: fill(new F(H * G * H)), bx: fill(new F(G * H)), bh: fill(new F(G * H)),
    lengths: Int32Array.from({ length: B }, (_, b) => T - (b % 2)),
    hs: new F(T * B * H), cs: lstm ? new F(T * B * H) : null, gates: new F(T * B * (cell === 'rnn' ? 0 : 4 * H)),
  };
}

function backwardArgs(f) {
  const F = f.x.constructor;
  const { T, B, X, H, cell } = f;
  const G = GATES[cell];
  const lstm = cell === 'lstm';
  return {
    cell, resetAfter: f.resetAfter, T, B, X, H, x: f.x, h0: f.h0, c0: f.c0, wx: f.wx, wh: f.wh, bh: f.bh, lengths: f.lengths,
    hs: f.hs, cs: f.cs, gates: f.gates, dhs: fill(new F(T * B * H)), dhT: fill(new F(B * H)), dcT: lstm ? fill(new F(B * H)) : null,
    dx: new F(T * B * X), dh0: new F(B * H), dc0: lstm ? new F(B * H) : null,
    dwx: new F(X * G * H), dwh: new F(H * G * H), dbx: new F(G * H), dbh: new F(G * H),
  };
}

function gemmArgs(F, n = 8) {
  return { transA: false, transB: true, m: n, n, k: n, alpha: 1, a: fill(new F(n * n)), lda: n, b: fill(new F(n * n)), ldb: n, beta: 0.5, c: fill(new F(n * n)), ldc: n };
}

/** Arguments reused call after call (outputs are overwritten, so that is fine). */
const reused = {
  gemm64: gemmArgs(Float64Array),
  gemm32: gemmArgs(Float32Array),
  fwd: Object.fromEntries(['rnn', 'lstm', 'gru'].map((c) => [c, forwardArgs(c, Float64Array)])),
};
reused.bwd = Object.fromEntries(Object.entries(reused.fwd).map(([c, f]) => { nativeBackend.recurrentForward(f); return [c, backwardArgs(f)]; }));

let thrown = { TypeError: 0, RangeError: 0, other: 0 };
function expectThrow(fn) {
  try {
    fn();
    thrown.other++;
  } catch (e) {
    if (e instanceof TypeError) thrown.TypeError++;
    else if (e instanceof RangeError) thrown.RangeError++;
    else thrown.other++;
  }
}

// RECUR_LEAK_SELF_TEST=1 keeps one 1 KB array per call alive, as a forgotten reference in
// the addon would: the harness test uses it to prove the measurement sees such a leak.
const SELF_TEST_LEAK = process.env.RECUR_LEAK_SELF_TEST === '1' ? [] : null;

/** One call of the rotation; returns a promise for the async ones. */
function call(i) {
  SELF_TEST_LEAK?.push(new Float64Array(128));
  const fresh = i % 2 === 1;
  const cell = ['rnn', 'lstm', 'gru'][i % 3];
  switch (i % 10) {
    case 0: return nativeBackend.gemm(fresh ? gemmArgs(Float64Array) : reused.gemm64);
    case 1: return nativeBackend.gemm(fresh ? gemmArgs(Float32Array) : reused.gemm32);
    case 2: case 3: return nativeBackend.recurrentForward(fresh ? forwardArgs(cell, Float64Array) : reused.fwd[cell]);
    case 4: case 5: {
      if (!fresh) return nativeBackend.recurrentBackward(reused.bwd[cell]);
      const f = forwardArgs(cell, Float32Array);
      nativeBackend.recurrentForward(f);
      return nativeBackend.recurrentBackward(backwardArgs(f));
    }
    case 6: return expectThrow(() => nativeBackend.gemm({ ...reused.gemm64, a: new Float64Array(3) })); // RangeError: a too short
    case 7: return expectThrow(() => nativeBackend.recurrentForward({ ...reused.fwd[cell], wx: new Float32Array(3) })); // TypeError: mixed dtypes
    case 8: return nativeBackend.recurrentForwardAsync(fresh ? forwardArgs(cell, Float64Array) : forwardArgs(cell, Float64Array, 2, 1, 3, 2));
    default: return nativeBackend.gemmAsync(fresh ? gemmArgs(Float64Array) : gemmArgs(Float32Array, 4));
  }
}

async function run(n) {
  let pending = [];
  for (let i = 0; i < n; i++) {
    const p = call(i);
    if (p instanceof Promise) pending.push(p);
    // Await in small batches: a few calls in flight at a time, as an application would have.
    if (pending.length >= 8) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
}

async function settle() {
  // Several GCs with turns of the event loop in between, so finalizers and weak callbacks run.
  for (let k = 0; k < 4; k++) {
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function sample(calls) {
  const m = process.memoryUsage();
  return { calls, rss: m.rss, external: m.external, arrayBuffers: m.arrayBuffers, heapUsed: m.heapUsed };
}

await run(WARMUP);
await settle();
const samples = [sample(0)];
for (let s = 1; s <= SAMPLES; s++) {
  await run(CALLS / SAMPLES);
  await settle();
  samples.push(sample((CALLS / SAMPLES) * s));
}
const first = samples[0];
const last = samples[samples.length - 1];
const MB = 1024 * 1024;
console.log(JSON.stringify({
  calls: CALLS,
  warmup: WARMUP,
  thrown,
  samples,
  rssGrowthMB: (last.rss - first.rss) / MB,
  externalGrowthMB: (last.external - first.external) / MB,
  heapGrowthMB: (last.heapUsed - first.heapUsed) / MB,
}));
