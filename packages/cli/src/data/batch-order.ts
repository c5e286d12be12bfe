/**
 * Which lines go into the batch of each step: lines are visited in a fresh shuffle every
 * epoch, batches are consecutive runs of that order (crossing into the next epoch's shuffle
 * when one ends). indices(step) depends only on (seed, number of lines, batch size, step).
 */
import { RandomState } from '@recur/core';
import { deriveSeed, STREAM_BATCH_ORDER } from './derive-seed.js';

export class BatchOrder {
  readonly seed: number;
  readonly lineCount: number;
  readonly batchSize: number;
  private readonly cache = new Map<number, Int32Array>();

  constructor(seed: number, lineCount: number, batchSize: number) {
    if (!Number.isSafeInteger(lineCount) || lineCount < 1) throw new RangeError(`BatchOrder: lineCount must be >= 1, got ${lineCount}`);
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`BatchOrder: batchSize must be >= 1, got ${batchSize}`);
    this.seed = seed;
    this.lineCount = lineCount;
    this.batchSize = batchSize;
  }

  /** Fisher-Yates shuffle of 0..n-1 drawn from the epoch's own stream. */
  permutation(epoch: number): Int32Array {
    let perm = this.cache.get(epoch);
    if (perm) return perm;
    const rng = new RandomState(deriveSeed(this.seed, STREAM_BATCH_ORDER, epoch));
    perm = Int32Array.from({ length: this.lineCount }, (_, i) => i);
    for (let i = perm.length - 1; i > 0; i--) {
      const j = rng.randint(0, i + 1);
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    // A batch touches at most two epochs (more only when batchSize > lineCount); keep a few.
    if (this.cache.size >= 4) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(epoch, perm);
    return perm;
  }

  /** Line indices of the batch for step `step` (0-based). */
  indices(step: number): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.batchSize; k++) {
      const pos = step * this.batchSize + k;
      out.push(this.permutation(Math.floor(pos / this.lineCount))[pos % this.lineCount]);
    }
    return out;
  }
}
