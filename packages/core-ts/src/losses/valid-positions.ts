/** Which positions (rows over the leading axes) of a prediction count toward a loss. */
import { formatShape } from '../errors.ts';
import { checkLengths, validityMask, type Lengths } from '../layers/sequence-lengths.ts';
import { checkIntact, Tensor } from '../tensor.ts';

export interface MaskOptions {
  /** Per-example lengths for a time-major [T, B, ...] prediction: (t, b) counts iff t < lengths[b]. */
  lengths?: Lengths | null;
  /** Or one flag per position (shape of the leading axes, e.g. [T, B]); nonzero counts. */
  mask?: Tensor | ArrayLike<number> | null;
}

/** Returns a 0/1 flag per position, or null when every position counts. */
export function validPositions(owner: string, leading: readonly number[], options: MaskOptions): Uint8Array | null {
  const positions = leading.reduce((a, d) => a * d, 1);
  if (options.lengths != null && options.mask != null) throw new TypeError(`${owner}: give lengths or mask, not both`);
  if (options.lengths != null) {
    if (leading.length !== 2) {
      throw new RangeError(`${owner}: lengths need a time-major prediction (T, B, features); its leading axes are ${formatShape(leading)}`);
    }
    const [T, B] = leading;
    return validityMask(checkLengths(`${owner}: lengths`, options.lengths, T, B), T, B);
  }
  if (options.mask != null) {
    const m = options.mask;
    if (m instanceof Tensor) {
      if (m.ndim !== leading.length || m.shape.some((d, i) => d !== leading[i])) {
        throw new RangeError(`${owner}: mask has shape ${formatShape(m.shape)} but ${formatShape(leading)} was expected`);
      }
      checkIntact(`${owner}: mask`, m);
    } else if (m === null || typeof m !== 'object' || typeof m.length !== 'number') {
      throw new TypeError(`${owner}: mask must be a Tensor or an array of 0/1 flags`);
    } else if (m.length !== positions) {
      throw new RangeError(`${owner}: mask has ${m.length} entries but shape ${formatShape(leading)} needs ${positions}`);
    }
    const data = m instanceof Tensor ? m.data : m;
    const out = new Uint8Array(positions);
    for (let i = 0; i < positions; i++) out[i] = data[i] !== 0 ? 1 : 0;
    return out;
  }
  return null;
}
