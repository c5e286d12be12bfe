import type { MT19937 } from './mt19937.ts';

/** The smallest all-ones bit mask >= rng (NumPy's gen_mask), for rng in 0..2**32-1. */
function maskFor(rng: number): number {
  let mask = rng;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}

/**
 * A uniform integer in 0..rng (inclusive) by NumPy's legacy masked rejection sampling
 * (`buffered_bounded_masked_uint32`): draw a word, keep the low bits under the mask,
 * redraw while above rng. rng must be an integer in 0..2**32-1; rng 0 draws nothing.
 */
export function maskedBoundedUint32(source: MT19937, rng: number): number {
  if (rng === 0) return 0;
  if (rng === 0xffffffff) return source.nextUint32();
  const mask = maskFor(rng);
  let value: number;
  do {
    value = (source.nextUint32() & mask) >>> 0;
  } while (value > rng);
  return value;
}
