/**
 * The one table of recurrent weight layouts that every converter reads (the seed API's
 * parameters, the PyTorch and Keras importers/exporters, the ONNX export).
 *
 * recur's own layout (the kernels'): per (layer, direction) wx [in, G*H], wh [H, G*H],
 * bx [G*H], bh [G*H]; gates stacked along the columns in GATE_ORDER (LSTM i,f,g,o; GRU
 * r,z,n); the pre-activation of a row x is x·wx + bx + h·wh + bh. The other layouts differ in
 * three ways, and each is one column of the table:
 * - axes: 'in-major' stores [in, G*H] (multiplied from the right, x·W, as recur and Keras);
 *   'gate-major' stores [G*H, in] (W·x: PyTorch, ONNX), the transpose;
 * - gate order: the stacking order of the gate blocks, spelled with recur's gate letters;
 * - bias: 'two' keeps the input and recurrent biases apart (PyTorch bias_ih/bias_hh, ONNX
 *   B = [Wb, Rb]); 'one' has a single bias, recur's bx + bh (Keras, the seed), which is exact
 *   for every gate outside the GRU reset product, so a GRU with resetAfter needs 'two'
 *   (Keras then stores bias [2, G*H], its reset_after form).
 * The seed stores each gate on its own (`per-gate`): W* (n_a, n_a + n_x) acting on
 * concat[a_prev; x_t], recurrent columns first, with names below.
 */
import { GATE_COUNT, GATE_ORDER, type CellKind } from '../backend/types.ts';

export type LayoutName = 'recur' | 'seed' | 'pytorch' | 'keras' | 'onnx';

export interface WeightLayout {
  /** 'in-major' [in, G*H]; 'gate-major' [G*H, in]; 'per-gate' one [H, H + in] matrix per gate (seed). */
  readonly axes: 'in-major' | 'gate-major' | 'per-gate';
  /** Gate blocks in stacking order, in recur's gate letters (GATE_ORDER). */
  readonly gates: Readonly<Record<CellKind, readonly string[]>>;
  readonly bias: 'one' | 'two';
  /** What the ecosystem calls each gate, by recur's letter. */
  readonly gateNames: Readonly<Record<CellKind, Readonly<Record<string, string>>>>;
}

const RECUR_NAMES = { rnn: { a: 'a' }, lstm: { i: 'i', f: 'f', g: 'g', o: 'o' }, gru: { r: 'r', z: 'z', n: 'n' } } as const;

export const WEIGHT_LAYOUTS: Readonly<Record<LayoutName, WeightLayout>> = {
  recur: { axes: 'in-major', gates: GATE_ORDER, bias: 'two', gateNames: RECUR_NAMES },
  // rnnForward / lstmForward: Wax, Waa, ba; Wi/bi, Wf/bf, Wc/bc, Wo/bo (no GRU in the seed).
  seed: {
    axes: 'per-gate',
    gates: { rnn: ['a'], lstm: ['i', 'f', 'g', 'o'], gru: ['r', 'z', 'n'] },
    bias: 'one',
    gateNames: { rnn: { a: 'a' }, lstm: { i: 'i', f: 'f', g: 'c', o: 'o' }, gru: { r: 'r', z: 'z', n: 'n' } },
  },
  // weight_ih_l{k} [G*H, in], weight_hh_l{k} [G*H, H], bias_ih_l{k}, bias_hh_l{k}.
  pytorch: {
    axes: 'gate-major',
    gates: { rnn: ['a'], lstm: ['i', 'f', 'g', 'o'], gru: ['r', 'z', 'n'] },
    bias: 'two',
    gateNames: { rnn: { a: 'h' }, lstm: { i: 'i', f: 'f', g: 'g', o: 'o' }, gru: { r: 'r', z: 'z', n: 'n' } },
  },
  // kernel [in, G*H], recurrent_kernel [H, G*H], bias [G*H] (GRU reset_after: [2, G*H]).
  keras: {
    axes: 'in-major',
    gates: { rnn: ['a'], lstm: ['i', 'f', 'g', 'o'], gru: ['z', 'r', 'n'] },
    bias: 'one',
    gateNames: { rnn: { a: 'h' }, lstm: { i: 'i', f: 'f', g: 'c', o: 'o' }, gru: { z: 'z', r: 'r', n: 'h' } },
  },
  // W [dirs, G*H, in], R [dirs, G*H, H], B [dirs, 2*G*H] (input biases, then recurrent ones).
  onnx: {
    axes: 'gate-major',
    gates: { rnn: ['a'], lstm: ['i', 'o', 'f', 'g'], gru: ['z', 'r', 'n'] },
    bias: 'two',
    gateNames: { rnn: { a: 'i' }, lstm: { i: 'i', o: 'o', f: 'f', g: 'c' }, gru: { z: 'z', r: 'r', n: 'h' } },
  },
};

/**
 * For each gate block of layout `to`, the index of the same gate in layout `from`: block b of
 * a `to` array is block order[b] of the `from` array.
 */
export function gatePermutation(cell: CellKind, from: LayoutName, to: LayoutName): number[] {
  const src = WEIGHT_LAYOUTS[from].gates[cell];
  return WEIGHT_LAYOUTS[to].gates[cell].map((g) => src.indexOf(g));
}

/** Whether a permutation leaves the blocks where they are. */
export function isIdentity(order: readonly number[]): boolean {
  return order.every((v, i) => v === i);
}

/** The number of stacked gate blocks of a cell (1, 4 or 3). */
export function gateCount(cell: CellKind): number {
  return GATE_COUNT[cell];
}
