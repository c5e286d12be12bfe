import { describe, expect, it } from 'vitest';
import fixtures from '../../fixtures/random.json' with { type: 'json' };
import { bitsOf, type RandomCase as Case, type RandomDraw as Draw } from '@recur/testkit/random/random-fixtures';
import { RandomState } from './random-state.ts';

const cases = (fixtures as { cases: Case[] }).cases;

const view = new DataView(new ArrayBuffer(8));
function fromHex(hex: string): number {
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}
/** Distance in units in the last place; both values must share a sign (else a huge number). */
function ulps(a: number, b: number): bigint {
  const d = bitsOf(a) - bitsOf(b);
  return d < 0n ? -d : d;
}

/** The float64 one bit-step away from x (same sign, x nonzero). */
function step(x: number, by: bigint): number {
  view.setBigUint64(0, bitsOf(x) + by);
  return view.getFloat64(0);
}

/**
 * A shadow of the polar method that also reports, for each Gaussian, the x and r2 it came
 * from. It reads uniforms through the public nextDouble, so it follows the same stream.
 * It lets a test tell a last-bit difference of log (Math.log vs the C library's) from a bug.
 */
class PolarShadow {
  private cached: { x: number; r2: number } | null = null;
  next(rs: RandomState): { x: number; r2: number } {
    if (this.cached) {
      const c = this.cached;
      this.cached = null;
      return c;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * rs.nextDouble() - 1;
      x2 = 2 * rs.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    this.cached = { x: x1, r2 };
    return { x: x2, r2 };
  }
}
const gaussianFromLog = (x: number, r2: number, log: number): number => Math.sqrt((-2 * log) / r2) * x;

interface Outcome { shape: readonly number[]; values: number[]; sources?: { x: number; r2: number }[] }

/** Runs one fixture op on `rs`, and the same op on the shadow pair so both streams advance. */
function apply(rs: RandomState, shadow: RandomState, polar: PolarShadow, d: Draw): Outcome {
  const a = d.args as number[];
  switch (d.op) {
    case 'randn': {
      const t = rs.randn(...a);
      const sources = Array.from(t.data, () => polar.next(shadow));
      return { shape: t.shape, values: Array.from(t.data), sources };
    }
    case 'rand': shadow.rand(...a); { const t = rs.rand(...a); return { shape: t.shape, values: Array.from(t.data) }; }
    case 'uniform': {
      const [low, high, shape] = d.args as [number, number, number[]];
      shadow.uniform(low, high, ...shape);
      const t = rs.uniform(low, high, ...shape);
      return { shape: t.shape, values: Array.from(t.data) };
    }
    case 'randint': shadow.randint(a[0], a[1]); return { shape: [], values: [rs.randint(a[0], a[1])] };
    default: throw new Error(`unknown op ${d.op}`);
  }
}

function label(c: Case, i: number): string {
  return `seed ${c.seed} draw ${i} ${c.draws[i].op}(${JSON.stringify(c.draws[i].args)})`;
}

describe('RandomState against NumPy fixtures', () => {
  it('has fixtures for every seed and a stream with every op', () => {
    const seeds = new Set(cases.map((c) => c.seed));
    for (const s of [0, 1, 3, 42, 123456789, 2 ** 32 - 1]) expect(seeds.has(s)).toBe(true);
    const ops = new Set(cases.flatMap((c) => c.draws.map((d) => d.op)));
    expect([...ops].sort()).toEqual(['rand', 'randint', 'randn', 'uniform']);
  });

  // The SPEC says randn agrees to 1 ulp. Measured: a 1-ulp difference in log(r2) can become
  // 2 ulps in f * x (f's ulp is larger relative to the product's when they sit in different
  // binades), e.g. seed 1, randn(101)[26]. So each Gaussian must either be within 1 ulp or be
  // NumPy's value exactly once log(r2) is moved by one ulp; nothing else is accepted.
  it('rand, uniform and randint are bit-identical; randn equals NumPy up to the last bit of log', () => {
    const hist = new Map<bigint, number>();
    let gaussians = 0;
    let uniforms = 0;
    for (const c of cases) {
      const rs = new RandomState(c.seed);
      const shadow = new RandomState(c.seed);
      const polar = new PolarShadow();
      c.draws.forEach((d, i) => {
        const got = apply(rs, shadow, polar, d);
        expect(got.shape, label(c, i)).toEqual(d.shape);
        if (d.ints) {
          expect(got.values, label(c, i)).toEqual(d.ints);
          return;
        }
        const want = d.bits!.map(fromHex);
        expect(got.values.length, label(c, i)).toBe(want.length);
        want.forEach((w, k) => {
          const where = `${label(c, i)} [${k}]: got ${got.values[k]}, NumPy ${w}`;
          if (d.op !== 'randn') {
            uniforms++;
            expect(bitsOf(got.values[k]), where).toBe(bitsOf(w));
            return;
          }
          gaussians++;
          const { x, r2 } = got.sources![k];
          const log = Math.log(r2);
          // The shadow must reproduce our value exactly, else it is not a valid explanation.
          expect(gaussianFromLog(x, r2, log), where).toBe(got.values[k]);
          const dist = ulps(got.values[k], w);
          hist.set(dist, (hist.get(dist) ?? 0) + 1);
          if (dist <= 1n) return;
          const explained = [step(log, -1n), step(log, 1n)].some((l) => gaussianFromLog(x, r2, l) === w);
          expect(explained, `${where}: ${dist} ulps and not explained by one ulp of log(${r2})`).toBe(true);
        });
      });
    }
    const exact = hist.get(0n) ?? 0;
    const share = exact / gaussians;
    const summary = [...hist].sort((a, b) => Number(a[0] - b[0])).map(([u, n]) => `${u} ulp: ${n}`).join(', ');
    console.log(`randn vs NumPy over ${gaussians} values: ${summary} (${(100 * share).toFixed(2)}% bit-identical); ${uniforms} uniforms bit-identical`);
    expect(gaussians).toBeGreaterThan(5000);
    expect(share).toBeGreaterThan(0.9);
    // Beyond 2 ulps the explanation above cannot hold: a sign of a stream bug, never of log.
    for (const u of hist.keys()) expect(u <= 2n).toBe(true);
  });

  it('matches np.random.seed(1); np.random.randn(5, 3) on the first draw', () => {
    const c = cases[cases.length - 1];
    const t = new RandomState(1).randn(5, 3);
    expect(t.dtype).toBe('float64');
    expect(t.shape).toEqual([5, 3]);
    // NumPy prints 1.62434536 as the first value of the seed notebook's randn(5, 3).
    expect(t.data[0]).toBeCloseTo(1.6243453636632417, 15);
    c.draws[0].bits!.forEach((h, k) => expect(ulps(t.data[k], fromHex(h)) <= 1n).toBe(true));
  });
});

describe('RandomState shapes and helpers', () => {
  it('randn() and rand() with no arguments return shape-[] tensors of one value', () => {
    const n = new RandomState(0).randn();
    expect(n.shape).toEqual([]);
    expect(n.data.length).toBe(1);
    expect(new RandomState(0).rand().shape).toEqual([]);
  });

  it('zero-size shapes draw nothing and leave the stream where it was', () => {
    const a = new RandomState(7);
    expect(a.randn(2, 0, 3).data.length).toBe(0);
    expect(a.randn(4).data).toEqual(new RandomState(7).randn(4).data);
  });

  it('standardNormal and randn share one stream, including the cached second value', () => {
    const a = new RandomState(42);
    const b = new RandomState(42);
    const first = a.standardNormal();
    const rest = a.randn(4);
    expect([first, ...rest.data]).toEqual(Array.from(b.randn(5).data));
  });

  it('nextDouble matches rand and nextUint32 is a 32-bit unsigned word', () => {
    const a = new RandomState(3);
    expect(a.nextDouble()).toBe(new RandomState(3).rand(1).data[0]);
    for (let i = 0; i < 2000; i++) {
      const w = a.nextUint32();
      expect(Number.isInteger(w) && w >= 0 && w <= 0xffffffff).toBe(true);
    }
  });

  it('randint(n) means [0, n) and stays in range', () => {
    const a = new RandomState(5);
    const b = new RandomState(5);
    expect(a.randint(10)).toBe(b.randint(0, 10));
    for (let i = 0; i < 500; i++) {
      const v = a.randint(-3, 4);
      expect(v >= -3 && v < 4).toBe(true);
    }
  });
});

describe('RandomState bad input', () => {
  it.each([-1, 2 ** 32, 1.5, NaN, Infinity])('seed %s is a RangeError naming the seed', (seed) => {
    expect(() => new RandomState(seed)).toThrow(RangeError);
    expect(() => new RandomState(seed)).toThrow(/seed/);
  });

  it.each(['3', null, undefined, 3n])('seed %s (not a number) is a TypeError naming the seed', (seed) => {
    expect(() => new RandomState(seed as unknown as number)).toThrow(TypeError);
    expect(() => new RandomState(seed as unknown as number)).toThrow(/seed must be a number/);
  });

  it('accepts the end points 0 and 2**32-1', () => {
    expect(() => new RandomState(0)).not.toThrow();
    expect(() => new RandomState(2 ** 32 - 1)).not.toThrow();
  });

  it('bad shape arguments throw with the argument named', () => {
    const rs = new RandomState(0);
    expect(() => rs.randn(2, -1)).toThrow(RangeError);
    expect(() => rs.randn(2, -1)).toThrow(/randn: d1 must be a non-negative integer, got -1/);
    expect(() => rs.randn(1.5)).toThrow(/randn: d0 .* got 1\.5/);
    expect(() => rs.rand(3, NaN)).toThrow(RangeError);
    expect(() => rs.rand(3, NaN)).toThrow(/rand: d1/);
    expect(() => rs.randn('3' as unknown as number)).toThrow(TypeError);
    expect(() => rs.randn('3' as unknown as number)).toThrow(/randn: d0/);
    expect(() => rs.uniform(0, 1, -2)).toThrow(/uniform: d0/);
  });

  it('bad uniform bounds and randint ranges are named', () => {
    const rs = new RandomState(0);
    expect(() => rs.uniform(NaN, 1, 2)).toThrow(/uniform: low/);
    expect(() => rs.uniform(0, Infinity, 2)).toThrow(/uniform: high/);
    expect(() => rs.uniform(-Number.MAX_VALUE, Number.MAX_VALUE, 2)).toThrow(RangeError);
    expect(() => rs.randint(5, 5)).toThrow(/low must be < high/);
    expect(() => rs.randint(0)).toThrow(RangeError);
    expect(() => rs.randint(0.5, 3)).toThrow(/randint: low/);
    expect(() => rs.randint(0, 2 ** 32 + 1)).toThrow(/at most 2\*\*32/);
  });
});
