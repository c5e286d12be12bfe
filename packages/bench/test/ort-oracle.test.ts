/**
 * Oracle for the ONNX Runtime peer: the bench's hand-written ONNX models, on the bench's
 * own inputs (bench-inputs.ts) mapped to ONNX's layout, must compute what recur's ts backend
 * computes. This proves ORT is fed the same work as recur, gate order and all. Without a
 * loadable onnxruntime-node the test is skipped locally (saying why) and fails under CI.
 */
import { findBackend, gateStoreWidth, type Backend } from '@recur/core';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cell, Dtype, Item } from '../src/plan.js';
import { gemmInputs, recurrentInputs, type RecurrentInputs, type RecurrentShapeOf } from '../src/systems/bench-inputs.js';
import { uniform, zeros, type Floats } from '../src/systems/fill.js';
import { createMatMul, createRecurrent, loadOrt, type OrtModule } from '../src/systems/ort.js';

function inCI(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

let ort: OrtModule | null = null;
let whyMissing = '';
try {
  ort = await import('onnxruntime-node');
} catch (e) {
  whyMissing = (e as Error).message;
}
if (ort === null && inCI()) throw new Error(`CI is set but onnxruntime-node does not load (npm ci installs it as a devDependency of @recur/bench): ${whyMissing}`);
if (ort === null) console.warn(`skipping the ONNX Runtime oracle: onnxruntime-node does not load: ${whyMissing}`);

const F32_TOL = 1e-5;
const worst: string[] = [];
afterAll(() => {
  if (worst.length) console.log(`ORT vs recur ts, worst |difference|:\n  ${worst.join('\n  ')}`);
});

function maxAbsDiff(a: Floats, b: Floats): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function recurTs(backend: Backend, it: RecurrentShapeOf, inp: RecurrentInputs): Floats {
  const { cell, T, B, X, H, dtype } = it;
  const hs = zeros(dtype, T * B * H);
  backend.recurrentForward({
    cell, resetAfter: cell === 'gru', T, B, X, H, ...inp,
    hs,
    cs: cell === 'lstm' ? zeros(dtype, T * B * H) : null,
    gates: zeros(dtype, T * B * gateStoreWidth(cell, H)),
  });
  return hs;
}

describe.skipIf(ort === null)('ONNX Runtime models vs recur ts (the bench feeds ORT the same work)', () => {
  const backend = findBackend('ts');
  if (!backend) throw new Error("@recur/core has no 'ts' backend");
  // Small but not degenerate: every dimension differs, so a transposed or swapped layout fails.
  const shape = { T: 5, B: 3, X: 4, H: 6 };
  const cells: Cell[] = ['lstm', 'gru', 'rnn'];

  for (const cell of cells) {
    for (const threads of [1, 2]) {
      it(`${cell.toUpperCase()} f32, intra-op threads ${threads}: Y equals recur's hs within ${F32_TOL}`, async () => {
        const it: RecurrentShapeOf = { cell, ...shape, dtype: 'f32' };
        const G = { lstm: 4, gru: 3, rnn: 1 }[cell];
        // The bench's own inputs, then the same with a recurrent bias on every gate (the
        // bench's LSTM and RNN have none), which checks the second half of ONNX's B too.
        const variants: [string, RecurrentInputs][] = [
          ['bench inputs', recurrentInputs(it)],
          ['bias on every gate', { ...recurrentInputs(it), bh: uniform('f32', G * shape.H, 0.5, 9) }],
        ];
        for (const [name, inp] of variants) {
          const p = await createRecurrent(ort!, threads, it, inp);
          try {
            await p.session.run(p.feeds, p.fetches);
          } finally {
            await p.session.release();
          }
          const want = recurTs(backend, it, inp);
          const err = maxAbsDiff(p.y, want);
          worst.push(`${cell} f32 ${threads}t ${name}: ${err.toExponential(2)}`);
          expect(Math.max(...Array.from(want, Math.abs))).toBeGreaterThan(0.05); // not a trivially zero output
          expect(err, `${cell} ${name}`).toBeLessThanOrEqual(F32_TOL);
        }
      });
    }
  }

  for (const dtype of ['f32', 'f64'] as Dtype[]) {
    it(`MatMul ${dtype}: Y equals the plain triple-loop product`, async () => {
      const dims = { M: 7, K: 5, N: 3, dtype };
      const { a, b } = gemmInputs(dims.M, dims.K, dims.N, dtype);
      const p = await createMatMul(ort!, 1, dims, a, b);
      try {
        await p.session.run(p.feeds, p.fetches);
      } finally {
        await p.session.release();
      }
      const want = new Float64Array(dims.M * dims.N);
      for (let i = 0; i < dims.M; i++) for (let j = 0; j < dims.N; j++) for (let k = 0; k < dims.K; k++) want[i * dims.N + j] += a[i * dims.K + k] * b[k * dims.N + j];
      const err = maxAbsDiff(p.y, want);
      worst.push(`matmul ${dtype}: ${err.toExponential(2)}`);
      expect(err).toBeLessThanOrEqual(dtype === 'f32' ? F32_TOL : 1e-12);
    });
  }

  it('reports what ORT cannot do as unsupported, with the reason, instead of timing it', async () => {
    const system = await loadOrt(1);
    if ('missing' in system) throw new Error(system.missing);
    const item = (cell: Cell, work: 'forward' | 'forward+backward', dtype: Dtype): Item => ({
      kind: 'recurrent', id: `${cell}/${work}/tiny/${dtype}`, cell, work, shape: 'tiny', T: 4, B: 10, X: 3, H: 5, dtype, flops: 1, predictFrom: [],
    });
    const bwd = await system.prepare(item('lstm', 'forward+backward', 'f32'));
    expect(typeof bwd === 'function' ? 'a runner' : bwd.unsupported).toMatch(/inference only/);
    for (const cell of cells) {
      // ORT 1.30's CPU recurrent kernels are float only; if a later one adds double, the
      // bench times it (a runner) and this still holds.
      const f64 = await system.prepare(item(cell, 'forward', 'f64'));
      if (typeof f64 !== 'function') expect(f64.unsupported).toMatch(new RegExp(`CPU ${cell.toUpperCase()} kernel does not run float64: \\S`));
      const f32 = await system.prepare(item(cell, 'forward', 'f32'));
      expect(typeof f32).toBe('function');
    }
    system.release();
  });
});
