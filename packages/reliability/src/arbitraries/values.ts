/**
 * Deterministic array contents for fuzz cases. A case carries only a seed and a "special
 * values" choice (plain data, so fast-check can print and shrink it); the arrays are
 * rebuilt from it for every backend, because calls may write into their inputs.
 */
import fc from 'fast-check';
import { mulberry32 as rng } from '@recur/testkit/random/mulberry32';

export { rng };

/** Which non-finite values (if any) a case plants in one of its arrays. */
export type Special = 'none' | 'nan' | 'inf' | 'mixed';

export interface ValueSpec {
  seed: number;
  special: Special;
  /** Index (mod the number of arrays) of the array that receives the special values. */
  target: number;
}

/** Mostly finite values; a quarter of the cases carry NaN / +-Inf somewhere. */
export const valueSpec: fc.Arbitrary<ValueSpec> = fc.record({
  seed: fc.nat(),
  special: fc.oneof(
    { arbitrary: fc.constant<Special>('none'), weight: 6 },
    { arbitrary: fc.constantFrom<Special>('nan', 'inf', 'mixed'), weight: 2 },
  ),
  target: fc.nat({ max: 15 }),
});

const SPECIALS: Record<Exclude<Special, 'none'>, readonly number[]> = {
  nan: [NaN],
  inf: [Infinity, -Infinity],
  mixed: [NaN, Infinity, -Infinity],
};

/**
 * Hands out the arrays of one case in order: uniform values in [-scale, scale], and the
 * special values planted (at a few random positions) in the array numbered `target`.
 */
export class ValueSource {
  private readonly next: () => number;
  private index = 0;

  constructor(private readonly spec: ValueSpec, private readonly arrays: number) {
    this.next = rng(spec.seed);
  }

  fill(out: Float64Array | Float32Array, scale = 1): void {
    for (let i = 0; i < out.length; i++) out[i] = (2 * this.next() - 1) * scale;
    const mine = this.index === this.spec.target % Math.max(1, this.arrays);
    this.index++;
    if (!mine || this.spec.special === 'none' || out.length === 0) return;
    const values = SPECIALS[this.spec.special];
    const count = 1 + Math.floor(this.next() * Math.min(3, out.length));
    for (let k = 0; k < count; k++) {
      out[Math.floor(this.next() * out.length)] = values[Math.floor(this.next() * values.length)];
    }
  }

  /** A uniform draw in [0, 1) from the same stream (for lengths, targets, ...). */
  uniform(): number {
    return this.next();
  }
}

/** The plain value an arbitrary generates (the spec of a fuzz case). */
export type SpecOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

/** `arb` in one case out of `oneIn`, else null. */
export function sometimes<T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> {
  return fc.oneof({ arbitrary: fc.constant(null), weight: oneIn - 1 }, { arbitrary: arb, weight: 1 });
}

/** true in one case out of `oneIn`. */
export function chance(oneIn: number): fc.Arbitrary<boolean> {
  return fc.integer({ min: 1, max: oneIn }).map((v) => v === 1);
}
