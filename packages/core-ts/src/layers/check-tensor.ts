/** Argument checks shared by the layers: the message names the argument and both shapes. */
import { formatShape } from '../errors.ts';
import { Tensor, checkIntact, type DType } from '../tensor.ts';

/** `expected` uses -1 for "any size" (printed as the given letter in `labels`). */
export function checkTensor(
  name: string,
  value: unknown,
  expected: readonly number[],
  dtype: DType,
  labels?: readonly string[],
): Tensor {
  if (!(value instanceof Tensor)) {
    throw new TypeError(`${name} must be a Tensor, got ${value === null ? 'null' : typeof value}`);
  }
  checkIntact(name, value);
  const pretty = `(${expected.map((d, i) => (d < 0 ? (labels?.[i] ?? '*') : String(d))).join(', ')}${expected.length === 1 ? ',' : ''})`;
  if (value.ndim !== expected.length || expected.some((d, i) => d >= 0 && value.shape[i] !== d)) {
    throw new RangeError(`${name} has shape ${formatShape(value.shape)} but ${pretty} was expected`);
  }
  if (value.dtype !== dtype) {
    throw new TypeError(`${name} is ${value.dtype} but the layer is ${dtype}; convert with .astype('${dtype}')`);
  }
  return value;
}
