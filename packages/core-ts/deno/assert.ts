// A few assertions for the Deno tests on top of node:assert (Deno ships it), so the tests
// need no network (jsr:@std/assert would be fetched) and no vitest.
import assert from 'node:assert/strict';

export { assert };

/** |got - want| <= atol + rtol * |want|, element by element, with the index in the message. */
export function assertClose(got: ArrayLike<number>, want: ArrayLike<number>, rtol: number, atol: number, what: string): void {
  assert.equal(got.length, want.length, `${what}: length ${got.length} vs ${want.length}`);
  for (let i = 0; i < want.length; i++) {
    const g = got[i];
    const w = want[i];
    if (!(Math.abs(g - w) <= atol + rtol * Math.abs(w))) {
      assert.fail(`${what}[${i}]: got ${g}, want ${w} (rtol ${rtol}, atol ${atol})`);
    }
  }
}

/** Flattens nested number arrays (the fixtures' layout) in row-major order. */
export function flatten(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (!Array.isArray(value)) throw new TypeError(`flatten: expected nested arrays of numbers, got ${typeof value}`);
  return value.flatMap(flatten);
}
