/** Layout helpers the importers share: transposes, gate-block permutations, dtype casts. */
import { formatShape } from '../errors.ts';
import { allocate, Tensor, type DType } from '../tensor.ts';

/** A copy of a 2-D tensor with its axes swapped: [R, C] -> [C, R]. */
export function transpose2d(t: Tensor): Tensor {
  if (t.ndim !== 2) throw new RangeError(`transpose2d: expected a 2-D tensor, got shape ${formatShape(t.shape)}`);
  const [R, C] = t.shape;
  const out = allocate(t.dtype, R * C);
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) out[c * R + r] = t.data[r * C + c];
  return new Tensor(out, [C, R]);
}

/** `t` in `dtype`: the same tensor when it already is, else a converted copy. */
export function castTensor(t: Tensor, dtype: DType): Tensor {
  return t.dtype === dtype ? t : Tensor.from(t, dtype);
}

/**
 * Reorders the G column blocks of width H of a [rows, G*H] (or [G*H]) tensor: block b of
 * the result is block `order[b]` of the input. Keras' GRU stacks z, r, h where recur
 * stacks r, z, n, so order = [1, 0, 2] converts either way.
 */
export function permuteGateBlocks(t: Tensor, H: number, order: readonly number[]): Tensor {
  const G = order.length;
  const cols = t.shape[t.ndim - 1];
  if (cols !== G * H) throw new RangeError(`permuteGateBlocks: last axis is ${cols}, expected ${G}*${H}`);
  const rows = t.size / cols;
  const out = allocate(t.dtype, t.size);
  for (let r = 0; r < rows; r++) {
    for (let b = 0; b < G; b++) {
      const src = r * cols + order[b] * H;
      out.set(t.data.subarray(src, src + H), r * cols + b * H);
    }
  }
  return new Tensor(out, t.shape);
}
