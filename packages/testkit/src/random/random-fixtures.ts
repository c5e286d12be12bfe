/**
 * The shape of core's NumPy RandomState fixtures (core-ts/fixtures/make_random_fixtures.py):
 * per seed, a stream of draws with NumPy's results as float64 bits (16 hex digits, big-endian)
 * or, for randint, as integers. Read by core's vitest and Deno tests alike.
 */
export interface RandomDraw {
  op: string;
  args: (number | number[])[];
  shape: number[];
  bits?: string[];
  ints?: number[];
}

export interface RandomCase {
  seed: number;
  draws: RandomDraw[];
}

const view = new DataView(new ArrayBuffer(8));

/** The IEEE-754 bits of x, as the fixtures spell them (compare with BigInt(`0x${hex}`)). */
export function bitsOf(x: number): bigint {
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}
