import { describe, expect, it } from 'vitest';
import { RandomState } from '../random/random-state.ts';
import { Dense } from './dense.ts';
import { GRU } from './gru.ts';
import { orthogonalMatrix } from './init.ts';
import { LSTM } from './lstm.ts';
import { SimpleRNN } from './simple-rnn.ts';

/** max |Qᵀ Q - I| over an H×H block of columns [c0, c0+H) of a row-major [H, width] matrix. */
function orthogonalityError(w: ArrayLike<number>, H: number, width: number, c0: number): number {
  let worst = 0;
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < H; j++) {
      let s = 0;
      for (let k = 0; k < H; k++) s += w[k * width + c0 + i] * w[k * width + c0 + j];
      worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)));
    }
  }
  return worst;
}

describe('seeded initialisation', () => {
  it('the same seed gives the same weights; another seed different ones', () => {
    const opts = { inputSize: 5, hiddenSize: 6, numLayers: 2, bidirectional: true };
    const a = new LSTM({ ...opts, seed: 42 });
    const b = new LSTM({ ...opts, seed: 42 });
    const c = new LSTM({ ...opts, seed: 43 });
    for (const name of Object.keys(a.params)) {
      expect(Array.from(b.params[name].data), name).toEqual(Array.from(a.params[name].data));
    }
    expect(Array.from(c.params['l0.wx'].data)).not.toEqual(Array.from(a.params['l0.wx'].data));
  });

  it('names the parameters like PyTorch suffixes, in a stable order', () => {
    const g = new GRU({ inputSize: 2, hiddenSize: 3, numLayers: 2, bidirectional: true });
    expect(g.parameters().map((p) => p.name)).toEqual([
      'l0.wx', 'l0.wh', 'l0.bx', 'l0.bh', 'l0_reverse.wx', 'l0_reverse.wh', 'l0_reverse.bx', 'l0_reverse.bh',
      'l1.wx', 'l1.wh', 'l1.bx', 'l1.bh', 'l1_reverse.wx', 'l1_reverse.wh', 'l1_reverse.bx', 'l1_reverse.bh',
    ]);
    expect(g.params['l1.wx'].shape).toEqual([6, 9]);
    expect(g.params['l0.wh'].shape).toEqual([3, 9]);
  });

  it('recurrent weights are orthogonal per gate block (WᵀW = I)', () => {
    const H = 7;
    for (const [layer, G] of [[new SimpleRNN({ inputSize: 3, hiddenSize: H }), 1], [new LSTM({ inputSize: 3, hiddenSize: H }), 4], [new GRU({ inputSize: 3, hiddenSize: H }), 3]] as const) {
      const wh = layer.params['l0.wh'].data;
      for (let g = 0; g < G; g++) expect(orthogonalityError(wh, H, G * H, g * H)).toBeLessThan(1e-13);
    }
    expect(orthogonalityError(orthogonalMatrix(new RandomState(0), 40), 40, 40, 0)).toBeLessThan(1e-13);
  });

  it('input weights are Glorot uniform within ±sqrt(6/(fanIn+fanOut)); biases zero but the LSTM forget gate', () => {
    const lstm = new LSTM({ inputSize: 10, hiddenSize: 5 });
    const limit = Math.sqrt(6 / (10 + 20));
    const wx = Array.from(lstm.params['l0.wx'].data);
    expect(Math.max(...wx.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...wx.map(Math.abs))).toBeGreaterThan(0.8 * limit);
    expect(Array.from(lstm.params['l0.bx'].data)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(lstm.params['l0.bh'].data).every((v) => v === 0)).toBe(true);
    expect(new LSTM({ inputSize: 1, hiddenSize: 2, forgetBias: 0 }).params['l0.bx'].data.every((v) => v === 0)).toBe(true);
    const d = new Dense({ inputSize: 4, outputSize: 2, seed: 3 });
    expect(Array.from(d.params.w.data)).toEqual(Array.from(new Dense({ inputSize: 4, outputSize: 2, seed: 3 }).params.w.data));
  });

  it('float32 layers hold the float64 init rounded to float32', () => {
    const a = new GRU({ inputSize: 3, hiddenSize: 4, seed: 9 });
    const b = new GRU({ inputSize: 3, hiddenSize: 4, seed: 9, dtype: 'float32' });
    expect(b.params['l0.wh'].dtype).toBe('float32');
    expect(Array.from(b.params['l0.wh'].data)).toEqual(Array.from(Float32Array.from(a.params['l0.wh'].data)));
  });
});
