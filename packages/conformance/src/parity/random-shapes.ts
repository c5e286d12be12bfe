/** Seeded random sizes for the ts-vs-other comparisons: 0, 1, odd sizes, multiples of 7. */
import { mulberry32 } from '@recur/testkit/random/mulberry32';

export { mulberry32 };

export type Rng = () => number;

/** Sizes every comparison draws from. */
export const SMALL_SIZES: readonly number[] = [0, 1, 2, 3, 5, 7, 9, 13, 14, 19, 21];

export function pick<T>(rng: Rng, values: readonly T[]): T {
  return values[Math.floor(rng() * values.length)];
}

/** An integer in lo..hi (inclusive). */
export function between(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}
