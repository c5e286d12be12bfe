/** Sizes for fuzz cases: mostly small (0 and odd sizes included), some absurdly large. */
import fc from 'fast-check';

/** 0, small sizes, odd sizes up to 19 and a multiple of 7: the shape grid of the design doc. */
export const smallDim: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.constant(0), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 5 }), weight: 6 },
  { arbitrary: fc.constantFrom(7, 9, 11, 13, 14), weight: 1 },
);

/** A dimension no machine can hold as an array. Only ever combined with a 0 elsewhere or
 *  with another huge dim, so a product is either 0 or at least 2**62 elements: never an
 *  allocation that succeeds lazily and is then written (which would exhaust memory). */
export const HUGE_DIMS = [2 ** 31, 2 ** 32, 2 ** 53 - 1] as const;

/** Not a valid dimension at all (not a safe non-negative integer). */
export const INVALID_DIMS: readonly unknown[] = [2 ** 53, -1, 1.5, NaN, Infinity, -Infinity, '3', null, undefined, 3n, {}, [2]];

export const hugeDim: fc.Arbitrary<number> = fc.constantFrom(...HUGE_DIMS);
export const invalidDim: fc.Arbitrary<unknown> = fc.constantFrom(...INVALID_DIMS);
