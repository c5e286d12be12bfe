import { expect, test } from 'vitest';
import { checkFloat32Agreement, FLOAT32_AGREEMENT } from '@recur/testkit/seed/float32-checks';
import { checkShapes, describeDims } from '@recur/testkit/seed/random-inputs';

test.each(checkShapes().map((d, i) => [describeDims(d), d, 200 + i] as const))(
  `float32 in gives float32 out within ${FLOAT32_AGREEMENT} of float64 (scaled by 1 + |v|), %s`,
  (_, d, seed) => {
    const result = checkFloat32Agreement(d, seed);
    expect(result.message).toBe('');
  },
);
