/**
 * Work buffers the seed functions reuse from call to call, one per use and dtype, grown to
 * the largest call and handed out as exact-length views. The kernels overwrite every value
 * they are given, so a reused buffer costs neither fresh pages nor zeroing per call (at the
 * seed's big shapes, touching ~100 MB of new memory per call cost as much as the kernel).
 * Nothing handed to the caller is ever one of these: results are always fresh arrays.
 */
import { allocate } from '../tensor.ts';
import type { DType, FloatArray } from '../tensor.ts';

const buffers = new Map<string, FloatArray>();

/** A view of `size` values of the reused buffer for `use` (its old contents, not zeros). */
export function scratch(use: string, dtype: DType, size: number): FloatArray {
  const key = `${use}/${dtype}`;
  let buffer = buffers.get(key);
  if (buffer === undefined || buffer.length < size) {
    buffer = allocate(dtype, size);
    buffers.set(key, buffer);
  }
  return buffer.subarray(0, size);
}
