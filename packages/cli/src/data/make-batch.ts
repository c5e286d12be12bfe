/**
 * Builds one padded, time-major CharBatch from encoded lines. Line "Ann" (ids a n n) becomes
 * inputs [<b> a n n] and targets [a n n <b>], cut to seqLen steps; T is the longest kept
 * length in the batch and shorter lines are padded with the boundary id and masked by lengths.
 */
import type { CharBatch } from '@recur/core';
import { BOUNDARY } from './vocab.js';

export function makeBatch(encoded: readonly Int32Array[], indices: readonly number[], seqLen: number): CharBatch {
  const B = indices.length;
  const lengths = new Int32Array(B);
  let T = 1;
  for (let b = 0; b < B; b++) {
    lengths[b] = Math.min(encoded[indices[b]].length + 1, seqLen);
    T = Math.max(T, lengths[b]);
  }
  const inputs = new Int32Array(T * B).fill(BOUNDARY);
  const targets = new Int32Array(T * B).fill(BOUNDARY);
  for (let b = 0; b < B; b++) {
    const ids = encoded[indices[b]];
    for (let t = 0; t < lengths[b]; t++) {
      inputs[t * B + b] = t === 0 ? BOUNDARY : ids[t - 1];
      targets[t * B + b] = t < ids.length ? ids[t] : BOUNDARY;
    }
  }
  return { inputs, targets, T, B, lengths };
}
