// Deterministic native workloads for the concurrency test, shared by the test (main thread)
// and its worker threads (plain JS so a worker can load it without a TypeScript step).
// Each job is a kernel call with its inputs made from a seed; makeArgs() returns fresh
// arguments (fresh outputs) every time, so calls never share memory they write.
import { findBackend } from '@recur/core';
import { mulberry32 } from '@recur/testkit/random/mulberry32';

function randomArray(F, n, seed, scale = 1) {
  const r = mulberry32(seed);
  const a = new F(n);
  for (let i = 0; i < n; i++) a[i] = (2 * r() - 1) * scale;
  return a;
}

const GATES = { rnn: 1, lstm: 4, gru: 3 };

function forwardArgs(cell, F, T, B, X, H, seed) {
  const G = GATES[cell];
  const lstm = cell === 'lstm';
  return {
    cell, resetAfter: cell === 'gru', T, B, X, H,
    x: randomArray(F, T * B * X, seed), h0: randomArray(F, B * H, seed + 1, 0.5), c0: lstm ? randomArray(F, B * H, seed + 2, 0.5) : null,
    wx: randomArray(F, X * G * H, seed + 3, 0.3), wh: randomArray(F, H * G * H, seed + 4, 0.3),
    bx: randomArray(F, G * H, seed + 5, 0.1), bh: randomArray(F, G * H, seed + 6, 0.1),
    lengths: B > 1 ? Int32Array.from({ length: B }, (_, b) => T - (b % 3)) : null,
    hs: new F(T * B * H), cs: lstm ? new F(T * B * H) : null, gates: new F(T * B * (cell === 'rnn' ? 0 : 4 * H)),
  };
}

function backwardArgs(f, seed) {
  const F = f.x.constructor;
  const { T, B, X, H, cell } = f;
  const G = GATES[cell];
  const lstm = cell === 'lstm';
  return {
    cell, resetAfter: f.resetAfter, T, B, X, H, x: f.x, h0: f.h0, c0: f.c0, wx: f.wx, wh: f.wh, bh: f.bh, lengths: f.lengths,
    hs: f.hs, cs: f.cs, gates: f.gates,
    dhs: randomArray(F, T * B * H, seed), dhT: randomArray(F, B * H, seed + 1), dcT: lstm ? randomArray(F, B * H, seed + 2) : null,
    dx: new F(T * B * X), dh0: new F(B * H), dc0: lstm ? new F(B * H) : null,
    dwx: new F(X * G * H), dwh: new F(H * G * H), dbx: new F(G * H), dbh: new F(G * H),
  };
}

const OUTPUTS = {
  gemm: ['c'],
  forward: ['hs', 'cs', 'gates'],
  backward: ['dx', 'dh0', 'dc0', 'dwx', 'dwh', 'dbx', 'dbh'],
};

/**
 * The jobs: float64 (and a few float32) gemms and rnn / lstm / gru forward and backward
 * passes, from tiny to large enough that the kernels use their threads.
 */
export function makeJobs(seed) {
  const ts = findBackend('ts');
  const jobs = [];
  const sizes = [[2, 1, 3, 4], [5, 3, 7, 6], [16, 8, 24, 32], [8, 32, 48, 64]];
  let s = seed;
  for (const F of [Float64Array, Float32Array]) {
    for (const [m, n, k] of [[3, 5, 7], [64, 48, 80], [160, 128, 144]]) {
      const js = s += 10;
      jobs.push({
        name: `gemm ${F.name} ${m}x${n}x${k}`,
        kind: 'gemm',
        makeArgs: () => ({ transA: false, transB: true, m, n, k, alpha: 0.7, a: randomArray(F, m * k, js), lda: k, b: randomArray(F, n * k, js + 1), ldb: k, beta: 0.5, c: randomArray(F, m * n, js + 2), ldc: n }),
      });
    }
    for (const cell of ['rnn', 'lstm', 'gru']) {
      for (const [T, B, X, H] of F === Float64Array ? sizes : sizes.slice(1, 3)) {
        const js = s += 10;
        jobs.push({ name: `${cell} forward ${F.name} T${T} B${B} X${X} H${H}`, kind: 'forward', makeArgs: () => forwardArgs(cell, F, T, B, X, H, js) });
        jobs.push({
          name: `${cell} backward ${F.name} T${T} B${B} X${X} H${H}`,
          kind: 'backward',
          // The forward outputs backward reads come from the ts backend: the same on every thread.
          makeArgs: () => { const f = forwardArgs(cell, F, T, B, X, H, js); ts.recurrentForward(f); return backwardArgs(f, js + 7); },
        });
      }
    }
  }
  return jobs;
}

/** The output arrays of a job's arguments, by name (null ones left out). */
export function outputsOf(job, args) {
  return Object.fromEntries(OUTPUTS[job.kind].filter((k) => args[k]).map((k) => [k, args[k]]));
}

export function runSync(backend, job, args) {
  if (job.kind === 'gemm') backend.gemm(args);
  else if (job.kind === 'forward') backend.recurrentForward(args);
  else backend.recurrentBackward(args);
}

export function runAsync(backend, job, args) {
  if (job.kind === 'gemm') return backend.gemmAsync(args);
  if (job.kind === 'forward') return backend.recurrentForwardAsync(args);
  return backend.recurrentBackwardAsync(args);
}

/** Byte-level equality: NaN payloads and -0 count, a tolerance would hide a race. */
export function sameBits(a, b) {
  if (a.constructor !== b.constructor || a.length !== b.length) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
