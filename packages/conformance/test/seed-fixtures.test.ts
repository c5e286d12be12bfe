// The seed API against the NumPy fixtures (core-ts/fixtures/seed-cases.json: the notebook's
// eight test cells at full precision plus random cases with sizes 0, 1, odd, da shorter than
// x) on every backend, in both dtypes. float64 is held to 1e-12 in |got - want| / (1 + |want|)
// (the acceptance bar is 1e-9), float32 to 2e-4; the check also asserts shapes, dtypes and
// that no input was written to.
import { expect, it } from 'vitest';
import fixtures from '../../core-ts/fixtures/seed-cases.json' with { type: 'json' };
import type { SeedFixtureFile } from '@recur/testkit/seed/fixture-format';
import { describeFixtureFailures, runFixtureCase } from '@recur/testkit/seed/fixture-checks';
import { onBackend } from '../src/backends.js';
import { DTYPES, describeBackends } from '../src/describe-backends.js';

const file = fixtures as unknown as SeedFixtureFile;

describeBackends('seed API vs NumPy fixtures', (backend) => {
  it('has cases to run', () => expect(file.cases.length).toBeGreaterThanOrEqual(62));
  for (const dtype of DTYPES) {
    for (const c of file.cases) {
      it(`${dtype} ${c.name}`, () => {
        const result = onBackend(backend, () => runFixtureCase(c, dtype));
        expect(describeFixtureFailures([result])).toBe('');
        expect(result.comparisons.length).toBeGreaterThan(0);
      });
    }
  }
});
