/**
 * Independent, reproducible random streams keyed by (seed, stream, index): the batch order of
 * epoch e, the samples printed at step s. Each is a pure function of its key, so a resumed run
 * draws exactly what an uninterrupted one would without saving any generator position.
 */

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
function fmix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

export const STREAM_BATCH_ORDER = 1;
export const STREAM_TRAINING_SAMPLES = 2;

/** A seed in 0..2**32-1 for RandomState; `index` may be any non-negative safe integer. */
export function deriveSeed(seed: number, stream: number, index: number): number {
  let h = fmix32((seed ^ 0x9e3779b9) >>> 0);
  h = fmix32((h + Math.imul(stream, 0x632be5ab)) >>> 0);
  h = fmix32((h + (index >>> 0)) >>> 0);
  return fmix32((h + Math.floor(index / 0x100000000)) >>> 0);
}
