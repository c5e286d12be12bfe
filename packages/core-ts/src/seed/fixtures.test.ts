// The seed API on the ts backend against the NumPy fixtures (fixtures/seed-cases.json,
// written once by fixtures/make_seed_fixtures.py): float64 to 1e-12 and float32 to 2e-4,
// both as |got - want| / (1 + |want|).
import { beforeAll, describe, expect, it } from 'vitest';
import fixtures from '../../fixtures/seed-cases.json' with { type: 'json' };
import { setBackend } from '../index.ts';
import { Tensor } from '../tensor.ts';
import { compareTensor, scaledError } from '@recur/testkit/seed/compare';
import { describeFixtureFailures, runFixtureCase } from '@recur/testkit/seed/fixture-checks';
import { decodeValues } from '@recur/testkit/seed/fixture-format';
import type { SeedCase, SeedFixtureFile } from '@recur/testkit/seed/fixture-format';

const file = fixtures as unknown as SeedFixtureFile;

describe('seed API vs NumPy fixtures on the ts backend', () => {
  beforeAll(() => {
    setBackend('ts');
  });

  for (const dtype of ['float64', 'float32'] as const) {
    describe(dtype, () => {
      for (const c of file.cases) {
        it(c.name, () => {
          const result = runFixtureCase(c, dtype);
          expect(describeFixtureFailures([result])).toBe('');
          expect(result.comparisons.length).toBeGreaterThan(0);
        });
      }
    });
  }
});

describe('the seed fixture file and its checker', () => {
  it('covers every kind, sizes of 1, odd sizes, empty sizes and a da shorter than x', () => {
    const kinds = new Set(file.cases.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['lstm', 'lstmCell', 'rnn', 'rnnCell']);
    const dims = file.cases.map((c) => c.dims);
    for (const key of ['n_x', 'n_a', 'n_y', 'm']) {
      expect(dims.some((d) => d[key] === 1), `${key} = 1`).toBe(true);
      expect(dims.some((d) => d[key] % 2 === 1 && d[key] > 1), `odd ${key} > 1`).toBe(true);
    }
    expect(dims.some((d) => d.m === 0) && dims.some((d) => d.n_x === 0) && dims.some((d) => d.T_x === 0)).toBe(true);
    expect(dims.some((d) => d.T_da !== undefined && d.T_da < d.T_x)).toBe(true);
  });

  it('decodes the stored bits exactly', () => {
    expect(Array.from(decodeValues({ shape: [3], f64: '3ff0000000000000bff8000000000000' + '0000000000000001' })))
      .toEqual([1, -1.5, 5e-324]);
    expect(() => decodeValues({ shape: [2], f64: '3ff0000000000000' })).toThrow(RangeError);
  });

  it('fails a result off by more than the tolerance, or of the wrong shape or dtype', () => {
    const want = [1, -2, 0];
    const near = Tensor.from([1 + 1e-13, -2, 5e-13]);
    const far = Tensor.from([1, -2 - 1e-11, 0]);
    expect(compareTensor('near', near, [3], want, 'float64', 1e-12).ok).toBe(true);
    expect(compareTensor('far', far, [3], want, 'float64', 1e-12).ok).toBe(false);
    expect(compareTensor('shape', near.reshape([3, 1]), [3], want, 'float64', 1e-12).ok).toBe(false);
    expect(compareTensor('dtype', near.astype('float32'), [3], want, 'float64', 1).ok).toBe(false);
    expect(compareTensor('nan', Tensor.from([Number.NaN, -2, 0]), [3], want, 'float64', 1).ok).toBe(false);
    expect(scaledError(101, 100)).toBeCloseTo(1 / 101, 15);
  });

  it('catches a seed function whose results differ from NumPy in the last digits', () => {
    // Shift one stored gradient by 1e-10 relative: the float64 check must notice.
    const original = file.cases.find((c) => c.kind === 'lstm' && c.dims.m > 1)!;
    const tampered: SeedCase = JSON.parse(JSON.stringify(original));
    const values = decodeValues(tampered.backward.dWf);
    values[0] *= 1 + 1e-10;
    const firstBits = new DataView(values.buffer).getBigUint64(0).toString(16).padStart(16, '0');
    tampered.backward.dWf.f64 = firstBits + tampered.backward.dWf.f64.slice(16);
    setBackend('ts');
    const result = runFixtureCase(tampered, 'float64');
    expect(result.ok).toBe(false);
    expect(result.comparisons.filter((r) => !r.ok).map((r) => r.name)).toEqual(['backward dWf']);
  });
});
