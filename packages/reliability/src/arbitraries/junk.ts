/**
 * Arguments of the wrong kind: things that are not Tensors, typed arrays of the wrong type,
 * tensors whose storage was detached (transferred away) after construction.
 */
import { Tensor } from '@recur/core';

/** Detaches `buffer` (ArrayBuffer.prototype.transfer where Node has it, else a structuredClone transfer). */
export function detach(buffer: ArrayBufferLike): void {
  const b = buffer as ArrayBuffer & { transfer?: () => ArrayBuffer };
  if (typeof b.transfer === 'function') b.transfer();
  else structuredClone(b, { transfer: [b] });
}

/** A Tensor of `shape` whose data has been detached: its typed array now has length 0. */
export function detachedTensor(shape: readonly number[], dtype: 'float32' | 'float64'): Tensor {
  const t = Tensor.zeros(shape, dtype);
  detach(t.data.buffer);
  return t;
}

/** Looks like a Tensor (shape, dtype, data) but is a plain object. */
function lookalike(): unknown {
  return { shape: [2, 2], dtype: 'float64', data: new Float64Array(4), size: 4, ndim: 2 };
}

/** Values that are never a valid Tensor / array argument. Built fresh per call. */
export const JUNK: readonly (() => unknown)[] = [
  () => undefined,
  () => null,
  () => 0,
  () => NaN,
  () => -Infinity,
  () => 'tensor',
  () => true,
  () => 12n,
  () => Symbol('x'),
  () => ({}),
  () => [],
  () => [[1, 2], [3, 4]],
  () => new Float64Array(4),
  () => new Float32Array(4),
  () => new Int32Array(4),
  () => new Uint8Array(4),
  () => new BigInt64Array(2),
  () => new DataView(new ArrayBuffer(8)),
  () => new ArrayBuffer(32),
  () => lookalike(),
  () => () => 1,
  () => new Map(),
  () => Object.create(null),
  () => Object.create(Tensor.prototype),
];

export function junk(index: number): unknown {
  return JUNK[index % JUNK.length]();
}

/** Typed arrays of the wrong element type, for arguments that take a Float32/64Array. */
export const WRONG_TYPED_ARRAYS: readonly ((n: number) => unknown)[] = [
  (n) => new Int32Array(n),
  (n) => new Uint8Array(n),
  (n) => new Uint8ClampedArray(n),
  (n) => new Int16Array(n),
  (n) => new BigInt64Array(n),
  (n) => new Float64Array(n).subarray(0, Math.max(0, n - 1)),
  (n) => Array.from({ length: n }, () => 0.5),
];
