// The four seed backward functions against central differences of their forward functions
// on every backend (float64: finite differences in float32 would only measure float32's
// rounding; float32 is checked against float64 in seed-dtypes.test.ts). Shapes: all 1,
// odd sizes, da shorter than x, random odd sizes, n_x = 0 and n_y = 0, as core's own test.
import { expect, it } from 'vitest';
import { SEED_GRADIENT_CHECKS, gradientCheckShapes } from '@recur/testkit/seed/gradient-checks';
import { describeDims } from '@recur/testkit/seed/random-inputs';
import { onBackend } from '../src/backends.js';
import { describeBackends } from '../src/describe-backends.js';

const shapes = gradientCheckShapes();

describeBackends('seed API backward vs finite differences (float64)', (backend) => {
  shapes.forEach((d, i) => {
    for (const [name, check] of SEED_GRADIENT_CHECKS) {
      it(`${name} matches central differences to 1e-6, ${describeDims(d)}`, () => {
        const result = onBackend(backend, () => check(d, 100 + i));
        expect(result.message).toBe('');
        expect(result.ok).toBe(true);
      });
    }
  });
});
