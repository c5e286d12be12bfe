import { describe, expect, test } from 'vitest';
import { SEED_GRADIENT_CHECKS, gradientCheckShapes } from '@recur/testkit/seed/gradient-checks';
import { describeDims } from '@recur/testkit/seed/random-inputs';

const shapes = gradientCheckShapes();

describe.each(shapes.map((d, i) => [describeDims(d), d, 100 + i] as const))('finite differences, %s', (_, d, seed) => {
  test.each(SEED_GRADIENT_CHECKS)('%s matches central differences to 1e-6', (_name, check) => {
    const result = check(d, seed);
    expect(result.message).toBe('');
    expect(result.ok).toBe(true);
  });
});
