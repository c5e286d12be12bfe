// batchFirst against the time-major layer on the same weights, with the transposes written
// out here (the oracle): outputs, final states, dx, dh0 and every weight gradient agree.
import { describe, expect, it } from 'vitest';
import { RandomState } from '../random/random-state.ts';
import { Tensor } from '../tensor.ts';
import { Dense } from './dense.ts';
import { ACTIVATION_VARIANTS, CELL_VARIANTS, createLayer } from '@recur/testkit/layers/recurrent-cases';

/** [A, C, F] -> [C, A, F], element by element. */
function transpose01(t: Tensor): Tensor {
  const [A, C, F] = t.shape;
  const out = Tensor.zeros([C, A, F], t.dtype);
  for (let a = 0; a < A; a++) for (let c = 0; c < C; c++) for (let f = 0; f < F; f++) out.data[(c * A + a) * F + f] = t.data[(a * C + c) * F + f];
  return out;
}

const SHAPES = [
  { label: 'one layer', numLayers: 1, bidirectional: false, returnSequences: true, lengths: undefined },
  { label: 'stacked bidirectional with lengths', numLayers: 2, bidirectional: true, returnSequences: true, lengths: [4, 1, 3] },
  { label: 'last step only, lengths', numLayers: 1, bidirectional: true, returnSequences: false, lengths: [2, 4, 0] },
];

describe('batchFirst layers equal the time-major layer with explicit transposes', () => {
  for (const variant of [...CELL_VARIANTS, ...ACTIVATION_VARIANTS]) {
    for (const s of SHAPES) {
      it(`${variant}: ${s.label}`, () => {
        const T = 4, B = 3, X = 2, H = 3;
        const opts = { inputSize: X, hiddenSize: H, numLayers: s.numLayers, bidirectional: s.bidirectional, returnSequences: s.returnSequences, seed: 5 };
        const tm = createLayer(variant, opts);
        const bf = createLayer(variant, { ...opts, batchFirst: true });
        const rng = new RandomState(9);
        const xT = rng.randn(T, B, X);
        const nSlots = s.numLayers * (s.bidirectional ? 2 : 1);
        const h0 = rng.randn(nSlots, B, H);
        const c0 = tm.cell === 'lstm' ? rng.randn(nSlots, B, H) : null;
        const a = tm.forward(xT, { h0, c0, lengths: s.lengths });
        const b = bf.forward(transpose01(xT), { h0, c0, lengths: s.lengths });
        const outA = s.returnSequences ? transpose01(a.output) : a.output;
        expect(b.output.shape).toEqual(outA.shape);
        expect(Array.from(b.output.data)).toEqual(Array.from(outA.data));
        expect(Array.from(b.hN.data)).toEqual(Array.from(a.hN.data));
        const dOut = s.returnSequences ? rng.randn(T, B, tm.outputSize) : rng.randn(B, tm.outputSize);
        const dhN = rng.randn(nSlots, B, H);
        const gA = tm.backward(a.ctx, dOut, { dhN });
        const gB = bf.backward(b.ctx, s.returnSequences ? transpose01(dOut) : dOut, { dhN });
        expect(Array.from(gB.dx.data)).toEqual(Array.from(transpose01(gA.dx).data));
        expect(gB.dx.shape).toEqual([B, T, X]);
        expect(Array.from(gB.dh0.data)).toEqual(Array.from(gA.dh0.data));
        for (const p of tm.parameters()) expect(Array.from(bf.grads[p.name].data), p.name).toEqual(Array.from(p.grad.data));
      });
    }
  }

  it('a [B, T] mask with batchFirst equals lengths', () => {
    const bf = createLayer('lstm', { inputSize: 2, hiddenSize: 2, batchFirst: true });
    const x = new RandomState(1).randn(2, 3, 2);
    const byMask = bf.forward(x, { mask: Tensor.from([[1, 1, 0], [1, 0, 0]]) });
    const byLengths = bf.forward(x, { lengths: [2, 1] });
    expect(Array.from(byMask.output.data)).toEqual(Array.from(byLengths.output.data));
  });

  it('names the batch-first shape when x is wrong', () => {
    const bf = createLayer('gru', { inputSize: 3, hiddenSize: 2, batchFirst: true });
    expect(() => bf.forward(Tensor.zeros([4, 5, 2]))).toThrow(/GRU\.forward: x has shape \(4, 5, 2\) but \(B, T, 3\) was expected/);
  });

  it('Dense computes the same on [B, T, F] and [T, B, F]', () => {
    const d = new Dense({ inputSize: 3, outputSize: 2, seed: 1, batchFirst: true });
    const x = new RandomState(2).randn(4, 5, 3);
    expect(Array.from(d.forward(transpose01(x)).output.data)).toEqual(Array.from(transpose01(d.forward(x).output).data));
  });
});
