// The weight-layout table and its conversions: every layout round-trips recur's weights
// exactly, and the table's gate orders give the permutations each ecosystem documents.
import { describe, expect, it } from 'vitest';
import type { CellKind } from '../backend/types.ts';
import { RandomState } from '../random/random-state.ts';
import { Tensor } from '../tensor.ts';
import { exportCellWeights, importCellWeights, type RecurCellWeights } from './layout-convert.ts';
import { gatePermutation, WEIGHT_LAYOUTS, type LayoutName } from './weight-layouts.ts';

const G = { rnn: 1, lstm: 4, gru: 3 } as const;
const cells: CellKind[] = ['rnn', 'lstm', 'gru'];

function weights(cell: CellKind, X: number, H: number, seed: number): RecurCellWeights {
  const rng = new RandomState(seed);
  const t = (shape: number[]) => new Tensor(rng.randn(shape.reduce((a, b) => a * b, 1)).data, shape);
  return { wx: t([X, G[cell] * H]), wh: t([H, G[cell] * H]), bx: t([G[cell] * H]), bh: t([G[cell] * H]) };
}

describe('weight-layout table', () => {
  it('gate orders are the documented ones', () => {
    expect(gatePermutation('lstm', 'recur', 'onnx')).toEqual([0, 3, 1, 2]); // i, o, f, c
    expect(gatePermutation('gru', 'recur', 'onnx')).toEqual([1, 0, 2]); // z, r, h
    expect(gatePermutation('gru', 'recur', 'keras')).toEqual([1, 0, 2]); // z, r, h
    expect(gatePermutation('lstm', 'recur', 'keras')).toEqual([0, 1, 2, 3]); // i, f, c, o
    expect(gatePermutation('lstm', 'recur', 'pytorch')).toEqual([0, 1, 2, 3]); // i, f, g, o
    expect(gatePermutation('lstm', 'onnx', 'recur')).toEqual([0, 2, 3, 1]);
    for (const name of Object.keys(WEIGHT_LAYOUTS) as LayoutName[]) {
      for (const cell of cells) expect([...WEIGHT_LAYOUTS[name].gates[cell]].sort(), `${name} ${cell}`).toEqual([...WEIGHT_LAYOUTS.recur.gates[cell]].sort());
    }
  });

  for (const layout of ['pytorch', 'keras', 'onnx', 'recur'] as const) {
    for (const cell of cells) {
      it(`${layout} ${cell}: recur -> ${layout} -> recur is exact`, () => {
        const X = 3, H = 2;
        const w = weights(cell, X, H, 7);
        const out = exportCellWeights(cell, layout, H, w, { bias: 'two' });
        const back = importCellWeights(cell, layout, H, out);
        for (const k of ['wx', 'wh', 'bx', 'bh'] as const) expect(Array.from(back[k].data), k).toEqual(Array.from(w[k].data));
        const gateMajor = WEIGHT_LAYOUTS[layout].axes === 'gate-major';
        expect(out.input.shape).toEqual(gateMajor ? [G[cell] * H, X] : [X, G[cell] * H]);
        // Entry by entry: the input weight of unit j of recur gate letter `g` from feature x.
        const order = WEIGHT_LAYOUTS[layout].gates[cell];
        WEIGHT_LAYOUTS.recur.gates[cell].forEach((letter, rg) => {
          const lg = order.indexOf(letter);
          for (let j = 0; j < H; j++) for (let x = 0; x < X; x++) {
            const want = w.wx.data[x * G[cell] * H + rg * H + j];
            const got = gateMajor ? out.input.data[(lg * H + j) * X + x] : out.input.data[x * G[cell] * H + lg * H + j];
            expect(got).toBe(want);
          }
        });
      });
    }
  }

  it("a 'one'-bias layout sums bx + bh and imports it as bx (bh zero)", () => {
    const w = weights('lstm', 2, 2, 3);
    const k = exportCellWeights('lstm', 'keras', 2, w);
    expect(k.recurrentBias).toBeNull();
    expect(Array.from(k.bias.data)).toEqual(Array.from(w.bx.data, (v, i) => v + w.bh.data[i]));
    const back = importCellWeights('lstm', 'keras', 2, k);
    expect(Array.from(back.bh.data)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('the seed layout is per gate and refuses stacked conversion', () => {
    expect(WEIGHT_LAYOUTS.seed.gateNames.lstm).toEqual({ i: 'i', f: 'f', g: 'c', o: 'o' });
    expect(() => exportCellWeights('lstm', 'seed', 2, weights('lstm', 2, 2, 1))).toThrow(/one matrix per gate/);
  });
});
