// RandomState under Deno against the NumPy fixtures (fixtures/make_random_fixtures.py).
// uniform draws must be bit-identical; Gaussians agree to the last bits of log (SPEC: NumPy
// uses the C library's log, we use Math.log), so randn is held to 2 ulps here. The full
// explanation of each ulp lives in src/random/random-state.test.ts (vitest).
import fixtures from '../fixtures/random.json' with { type: 'json' };
import { RandomState } from '../src/index.ts';
import { bitsOf, type RandomCase, type RandomDraw as Draw } from '@recur/testkit/random/random-fixtures.ts';
import assert from 'node:assert/strict';

const cases = (fixtures as { cases: RandomCase[] }).cases;

function fromHex(hex: string): bigint {
  return BigInt(`0x${hex}`);
}

function draw(rs: RandomState, d: Draw): { shape: readonly number[]; values: number[] } {
  const a = d.args as number[];
  switch (d.op) {
    case 'randn': { const t = rs.randn(...a); return { shape: t.shape, values: Array.from(t.data) }; }
    case 'rand': { const t = rs.rand(...a); return { shape: t.shape, values: Array.from(t.data) }; }
    case 'uniform': {
      const [low, high, shape] = d.args as [number, number, number[]];
      const t = rs.uniform(low, high, ...shape);
      return { shape: t.shape, values: Array.from(t.data) };
    }
    case 'randint': return { shape: [], values: [rs.randint(a[0], a[1])] };
    default: throw new Error(`unknown op ${d.op}`);
  }
}

Deno.test('RandomState streams equal NumPy: uniforms bit for bit, Gaussians to 2 ulps', () => {
  let gaussians = 0;
  let exact = 0;
  let uniforms = 0;
  for (const c of cases) {
    const rs = new RandomState(c.seed);
    c.draws.forEach((d, i) => {
      const where = `seed ${c.seed} draw ${i} ${d.op}(${JSON.stringify(d.args)})`;
      const got = draw(rs, d);
      assert.deepEqual([...got.shape], d.shape, where);
      if (d.ints) {
        assert.deepEqual(got.values, d.ints, where);
        return;
      }
      const want = d.bits!.map(fromHex);
      assert.equal(got.values.length, want.length, where);
      want.forEach((w, k) => {
        const g = bitsOf(got.values[k]);
        if (d.op !== 'randn') {
          uniforms++;
          assert.equal(g, w, `${where}[${k}]`);
          return;
        }
        gaussians++;
        const ulps = g > w ? g - w : w - g;
        if (ulps === 0n) exact++;
        assert.ok(ulps <= 2n, `${where}[${k}]: ${ulps} ulps from NumPy`);
      });
    });
  }
  assert.ok(gaussians > 5000, `only ${gaussians} Gaussians in the fixtures`);
  assert.ok(uniforms > 1000, `only ${uniforms} uniforms in the fixtures`);
  assert.ok(exact / gaussians > 0.9, `only ${exact}/${gaussians} Gaussians bit-identical`);
});

Deno.test('RandomState(1).randn(5, 3) starts with the notebook value 1.62434536', () => {
  const t = new RandomState(1).randn(5, 3);
  assert.equal(t.dtype, 'float64');
  assert.deepEqual([...t.shape], [5, 3]);
  assert.equal(t.data[0], 1.6243453636632417);
});

Deno.test('RandomState rejects seeds outside 0..2**32-1 with a RangeError naming the seed', () => {
  for (const seed of [-1, 2 ** 32, 1.5, Number.NaN]) {
    assert.throws(() => new RandomState(seed), (e: unknown) => e instanceof RangeError && /seed/.test(e.message));
  }
});
