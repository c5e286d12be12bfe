import { describe, expect, test } from 'vitest';
import {
  checkLstmCellGradients, checkLstmGradients, checkRnnCellGradients, checkRnnGradients,
} from '@recur/testkit/seed/gradient-checks';
import { checkShapes, describeDims } from '@recur/testkit/seed/random-inputs';

// Zero-size axes too: the gradients that exist must still be right.
const shapes = [
  ...checkShapes(),
  { n_x: 0, n_a: 3, n_y: 2, m: 3, T_x: 3, T: 3 },
  { n_x: 3, n_a: 3, n_y: 0, m: 3, T_x: 3, T: 2 },
];

describe.each(shapes.map((d, i) => [describeDims(d), d, 100 + i] as const))('finite differences, %s', (_, d, seed) => {
  test.each([
    ['rnnCellBackward', checkRnnCellGradients],
    ['rnnBackward', checkRnnGradients],
    ['lstmCellBackward (with dcNext)', checkLstmCellGradients],
    ['lstmBackward (full BPTT)', checkLstmGradients],
  ] as const)('%s matches central differences to 1e-6', (_name, check) => {
    const result = check(d, seed);
    expect(result.message).toBe('');
    expect(result.ok).toBe(true);
  });
});
