/**
 * recur's own backends, called at kernel level (Backend.recurrentForward / recurrentBackward
 * / gemm) so the numbers are the kernels' and not the layer bookkeeping's. The GRU uses the
 * reset-after form (PyTorch's and core's default).
 */
import { findBackend, gateStoreWidth, type Backend, type RecurrentBackwardArgs, type RecurrentForwardArgs } from '@recur/core';
import type { GemmItem, Item, RecurrentItem } from '../plan.js';
import { GATES } from '../plan.js';
import { gemmInputs, recurrentInputs } from './bench-inputs.js';
import { uniform, zeros } from './fill.js';
import type { Loaded, Runner } from './js-system.js';
import { seedBaselineRunner, seedRunner, streamBaselineRunner, streamRunner } from './recur-api.js';

function recurrentRunner(backend: Backend, it: RecurrentItem): Runner {
  const { T, B, X, H, dtype, cell } = it;
  const GH = GATES[cell] * H;
  const lstm = cell === 'lstm';
  const gru = cell === 'gru';
  const fwd: RecurrentForwardArgs = {
    cell, resetAfter: gru, T, B, X, H,
    ...recurrentInputs(it),
    hs: zeros(dtype, T * B * H),
    cs: lstm ? zeros(dtype, T * B * H) : null,
    gates: zeros(dtype, T * B * gateStoreWidth(cell, H)),
  };
  if (it.work === 'forward') return () => backend.recurrentForward(fwd);
  const bwd: RecurrentBackwardArgs = {
    cell, resetAfter: gru, T, B, X, H,
    x: fwd.x, h0: fwd.h0, c0: fwd.c0, wx: fwd.wx, wh: fwd.wh, bh: fwd.bh,
    hs: fwd.hs, cs: fwd.cs, gates: fwd.gates,
    dhs: uniform(dtype, T * B * H, 1, 8),
    dx: zeros(dtype, T * B * X),
    dh0: zeros(dtype, B * H),
    dc0: lstm ? zeros(dtype, B * H) : null,
    dwx: zeros(dtype, X * GH),
    dwh: zeros(dtype, H * GH),
    dbx: zeros(dtype, GH),
    dbh: gru ? zeros(dtype, GH) : null,
  };
  return () => {
    backend.recurrentForward(fwd);
    backend.recurrentBackward(bwd);
  };
}

function gemmRunner(backend: Backend, it: GemmItem): Runner {
  const { M, K, N, dtype } = it;
  const { a, b } = gemmInputs(M, K, N, dtype);
  const c = zeros(dtype, M * N);
  const args = { transA: false, transB: false, m: M, n: N, k: K, alpha: 1, a, lda: K, b, ldb: N, beta: 0, c, ldc: N };
  return () => backend.gemm(args);
}

/** The runner of `item` on any recur Backend (the wasm system uses it too). */
export function prepare(backend: Backend, item: Item): Runner {
  switch (item.kind) {
    case 'gemm': return gemmRunner(backend, item);
    case 'recurrent': return recurrentRunner(backend, item);
    case 'seed': return seedRunner(backend, item);
    case 'stream': return streamRunner(backend, item);
  }
}

/** The 'native-base' system: the baselines of the seed and stream items (see recur-api.ts). */
function prepareBaseline(backend: Backend, item: Item): Runner | { unsupported: string } {
  if (item.kind === 'seed') return seedBaselineRunner(backend, item);
  if (item.kind === 'stream') return streamBaselineRunner(backend, item);
  return { unsupported: 'baseline system of the seed and stream items only' };
}

export function loadRecurTs(): Loaded {
  const backend = findBackend('ts');
  if (!backend) return { missing: "@recur/core has no 'ts' backend registered" };
  return { version: 'workspace @recur/core', details: { backend: 'ts' }, prepare: (item) => prepare(backend, item), release: () => {} };
}

export async function loadRecurNative(baseline = false): Promise<Loaded> {
  const native = await import('@recur/native');
  if (!native.available) return { missing: `@recur/native did not load: ${native.reason ?? 'unknown reason'}` };
  const info = native.nativeInfo();
  const details: Record<string, unknown> = {
    ...info,
    RECUR_NUM_THREADS: process.env.RECUR_NUM_THREADS ?? null,
    RECUR_ISA: process.env.RECUR_ISA ?? null,
  };
  const run = baseline ? prepareBaseline : prepare;
  return { version: info?.version ?? 'unknown', details, prepare: (item) => run(native.nativeBackend, item), release: () => {} };
}
