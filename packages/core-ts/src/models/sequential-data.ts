/**
 * The data side of Sequential: which axis holds the examples, slicing batches of examples,
 * and the checks of x / y that run before any step (so a bad call changes no weight).
 */
import { formatShape } from '../errors.ts';
import { checkIntact, Tensor, type DType } from '../tensor.ts';

/** Copies the examples `idx` (along `axis`, 0 or 1) of t into a new tensor. */
export function takeExamples(t: Tensor, axis: 0 | 1, idx: ArrayLike<number>): Tensor {
  const shape = [...t.shape];
  const outer = axis === 0 ? 1 : shape[0];
  const n = shape[axis];
  const inner = shape.slice(axis + 1).reduce((a, d) => a * d, 1);
  shape[axis] = idx.length;
  const out = Tensor.zeros(shape, t.dtype);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < idx.length; k++) {
      const from = (o * n + idx[k]) * inner;
      out.data.set(t.data.subarray(from, from + inner), (o * idx.length + k) * inner);
    }
  }
  return out;
}

/** Writes `part` (examples start..start+part's count along `axis`) into `whole`. */
export function putExamples(whole: Tensor, axis: 0 | 1, start: number, part: Tensor): void {
  const outer = axis === 0 ? 1 : whole.shape[0];
  const n = whole.shape[axis];
  const m = part.shape[axis];
  const inner = whole.shape.slice(axis + 1).reduce((a, d) => a * d, 1);
  for (let o = 0; o < outer; o++) whole.data.set(part.data.subarray(o * m * inner, (o + 1) * m * inner), (o * n + start) * inner);
}

export interface InputSpec {
  /** Required rank of x, or null for "2 or 3" (a Dense-first model). */
  rank: number | null;
  /** Required last-axis size (null: ids of an Embedding-first model). */
  features: number | null;
  /** Required dtype (null: ids, any dtype of integer values). */
  dtype: DType | null;
  /** Valid id range for an Embedding-first model. */
  numIds: number | null;
}

/** x must be a Tensor of the spec's rank, feature size and dtype, with finite values (ids: integers in range). */
export function checkInput(name: string, x: unknown, spec: InputSpec): Tensor {
  if (!(x instanceof Tensor)) throw new TypeError(`${name} must be a Tensor, got ${x === null ? 'null' : typeof x}`);
  checkIntact(name, x);
  const ranks = spec.rank === null ? [2, 3] : [spec.rank];
  if (!ranks.includes(x.ndim)) {
    throw new RangeError(`${name} has shape ${formatShape(x.shape)} but the model's first layer takes ${ranks.join(' or ')}-D input`);
  }
  if (spec.features !== null && x.shape[x.ndim - 1] !== spec.features) {
    throw new RangeError(`${name} has shape ${formatShape(x.shape)} but its last axis must be the first layer's input size ${spec.features}`);
  }
  if (spec.dtype !== null && x.dtype !== spec.dtype) {
    throw new TypeError(`${name} is ${x.dtype} but the model is ${spec.dtype}; convert with .astype('${spec.dtype}')`);
  }
  for (let i = 0; i < x.size; i++) {
    const v = x.data[i];
    if (spec.numIds !== null) {
      if (!Number.isInteger(v) || v < 0 || v >= spec.numIds) throw new RangeError(`${name}: entry ${i} must be an id in 0..${spec.numIds - 1} (the Embedding's numEmbeddings), got ${v}`);
    } else if (!Number.isFinite(v)) {
      throw new RangeError(`${name}: entry ${i} is ${v}; inputs must be finite`);
    }
  }
  return x;
}

export type LossName = 'softmaxCrossEntropy' | 'mse';

/**
 * y against the model's output shape for x: class ids shaped like the output without its
 * class axis (softmaxCrossEntropy), or values shaped like the output (mse), finite.
 */
export function checkTargets(name: string, xName: string, y: unknown, x: Tensor, outShape: readonly number[], loss: LossName, dtype: DType): Tensor {
  if (!(y instanceof Tensor)) throw new TypeError(`${name} must be a Tensor, got ${y === null ? 'null' : typeof y}`);
  checkIntact(name, y);
  const want = loss === 'mse' ? outShape : outShape.slice(0, -1);
  if (y.ndim !== want.length || y.shape.some((d, i) => d !== want[i])) {
    const what = loss === 'mse' ? 'the model output' : 'the model output without its class axis';
    const short = name.slice(name.lastIndexOf(' ') + 1);
    throw new RangeError(`${name} has shape ${formatShape(y.shape)} but ${xName} has shape ${formatShape(x.shape)}, so ${short} must be ${formatShape(want)} (${what})`);
  }
  if (loss === 'mse' && y.dtype !== dtype) throw new TypeError(`${name} is ${y.dtype} but the model is ${dtype}; convert with .astype('${dtype}')`);
  const V = outShape[outShape.length - 1];
  for (let i = 0; i < y.size; i++) {
    const v = y.data[i];
    if (loss === 'mse') {
      if (!Number.isFinite(v)) throw new RangeError(`${name}: entry ${i} is ${v}; targets must be finite`);
    } else if (!Number.isInteger(v) || v < 0 || v >= V) {
      throw new RangeError(`${name}: entry ${i} must be a class id in 0..${V - 1} (the output has ${V} classes), got ${v}`);
    }
  }
  return y;
}
