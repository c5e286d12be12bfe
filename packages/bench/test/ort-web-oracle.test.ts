/**
 * Oracle for the onnxruntime-web peer: the same hand-written ONNX models and bench inputs
 * as the onnxruntime-node system, run by onnxruntime-web's WebAssembly execution provider
 * (one thread), must compute what recur's ts backend computes (within 1e-5, f32), so the
 * wasm comparison is on the same work. Skipped locally when onnxruntime-web does not load.
 */
import { findBackend, gateStoreWidth } from '@recur/core';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../src/plan.js';
import { recurrentInputs, type RecurrentShapeOf } from '../src/systems/bench-inputs.js';
import { zeros } from '../src/systems/fill.js';
import { createRecurrent, type OrtModule } from '../src/systems/ort.js';

let ort: OrtModule | null = null;
try {
  ort = (await import('onnxruntime-web')) as unknown as OrtModule;
  const env = ort.env as unknown as { wasm: { numThreads: number; proxy: boolean } };
  env.wasm.numThreads = 1;
  env.wasm.proxy = false;
} catch (e) {
  console.warn(`skipping the onnxruntime-web oracle: it does not load: ${(e as Error).message}`);
}

describe.skipIf(ort === null)('onnxruntime-web (wasm EP) models vs recur ts', () => {
  const ts = findBackend('ts')!;
  const shape = { T: 5, B: 3, X: 4, H: 6 };
  for (const cell of ['lstm', 'gru', 'rnn'] as Cell[]) {
    it(`${cell.toUpperCase()} f32: Y equals recur's hs within 1e-5`, async () => {
      const it: RecurrentShapeOf = { cell, ...shape, dtype: 'f32' };
      const inp = recurrentInputs(it);
      const p = await createRecurrent(ort!, 1, it, inp, 'wasm');
      let y: Float32Array;
      try {
        // As the bench calls it: run(feeds), Y returned (onnxruntime-web fills no pre-allocated output).
        y = (await p.session.run(p.feeds)).Y.data as Float32Array;
      } finally {
        await p.session.release();
      }
      const { T, B, H } = shape;
      const hs = zeros('f32', T * B * H);
      ts.recurrentForward({
        cell, resetAfter: cell === 'gru', ...shape, ...inp, hs,
        cs: cell === 'lstm' ? zeros('f32', T * B * H) : null, gates: zeros('f32', T * B * gateStoreWidth(cell, H)),
      });
      expect(y.length).toBe(hs.length);
      let err = 0;
      for (let i = 0; i < hs.length; i++) err = Math.max(err, Math.abs(y[i] - hs[i]));
      expect(Math.max(...Array.from(hs, Math.abs))).toBeGreaterThan(0.05);
      expect(err).toBeLessThanOrEqual(1e-5);
    });
  }
});
