/**
 * One direction of one recurrent layer between recur's layout and another in the table of
 * weight-layouts.ts: gate blocks reordered, axes transposed, biases split or summed.
 */
import type { CellKind } from '../backend/types.ts';
import { allocate, Tensor } from '../tensor.ts';
import { permuteGateBlocks, transpose2d } from './tensor-layout.ts';
import { gatePermutation, isIdentity, WEIGHT_LAYOUTS, type LayoutName } from './weight-layouts.ts';

/** recur's weights of one (layer, direction): wx [in, G*H], wh [H, G*H], bx, bh [G*H]. */
export interface RecurCellWeights {
  wx: Tensor;
  wh: Tensor;
  bx: Tensor;
  bh: Tensor;
}

/** The same weights in another layout: input/recurrent matrices as that layout stores them. */
export interface LayoutCellWeights {
  /** [in, G*H] (in-major) or [G*H, in] (gate-major). */
  input: Tensor;
  /** [H, G*H] or [G*H, H]. */
  recurrent: Tensor;
  /** The input bias ('two') or the only bias ('one'); [G*H]. */
  bias: Tensor;
  /** The recurrent bias ('two'), or null ('one'). */
  recurrentBias: Tensor | null;
}

type Stacked = 'in-major' | 'gate-major';

function stackedAxes(layout: LayoutName): Stacked {
  const axes = WEIGHT_LAYOUTS[layout].axes;
  if (axes === 'per-gate') throw new RangeError(`layout '${layout}' stores one matrix per gate; use the seed API's own packing`);
  return axes;
}

function reorder(t: Tensor, H: number, order: readonly number[]): Tensor {
  return isIdentity(order) ? Tensor.from(t) : permuteGateBlocks(t, H, order);
}

/**
 * recur -> `layout`. A 'one'-bias layout gets bx + bh, exact except inside a GRU's reset
 * product; `bias: 'two'` keeps them apart anyway (Keras' reset_after GRU).
 */
export function exportCellWeights(cell: CellKind, layout: LayoutName, H: number, w: RecurCellWeights, options: { bias?: 'one' | 'two' } = {}): LayoutCellWeights {
  const axes = stackedAxes(layout);
  const order = gatePermutation(cell, 'recur', layout);
  const mat = (t: Tensor) => (axes === 'gate-major' ? transpose2d(reorder(t, H, order)) : reorder(t, H, order));
  if ((options.bias ?? WEIGHT_LAYOUTS[layout].bias) === 'two') {
    return { input: mat(w.wx), recurrent: mat(w.wh), bias: reorder(w.bx, H, order), recurrentBias: reorder(w.bh, H, order) };
  }
  const sum = allocate(w.bx.dtype, w.bx.size);
  for (let i = 0; i < sum.length; i++) sum[i] = w.bx.data[i] + w.bh.data[i];
  return { input: mat(w.wx), recurrent: mat(w.wh), bias: reorder(new Tensor(sum, w.bx.shape), H, order), recurrentBias: null };
}

/** `layout` -> recur (a missing recurrent bias becomes zeros). Shapes are the caller's to check. */
export function importCellWeights(cell: CellKind, layout: LayoutName, H: number, w: LayoutCellWeights): RecurCellWeights {
  const axes = stackedAxes(layout);
  const order = gatePermutation(cell, layout, 'recur');
  const mat = (t: Tensor) => reorder(axes === 'gate-major' ? transpose2d(t) : t, H, order);
  const bh = w.recurrentBias ? reorder(w.recurrentBias, H, order) : Tensor.zeros(w.bias.shape, w.bias.dtype);
  return { wx: mat(w.input), wh: mat(w.recurrent), bx: reorder(w.bias, H, order), bh };
}

/** The weights of slot `slot` (`l0`, `l0_reverse`, ...) of a layer's params. */
export function slotWeights(params: Readonly<Record<string, Tensor>>, slot: string): RecurCellWeights {
  return { wx: params[`${slot}.wx`], wh: params[`${slot}.wh`], bx: params[`${slot}.bx`], bh: params[`${slot}.bh`] };
}
