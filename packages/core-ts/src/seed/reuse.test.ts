import { expect, test } from 'vitest';
import { checkInterleavedCalls } from './testing/reuse-checks.ts';
import { checkShapes, describeDims } from './testing/random-inputs.ts';

const shapes = checkShapes();
test.each(['float64', 'float32'] as const)('%s: backward on old caches, with other calls in between, equals backward right after forward', (dtype) => {
  shapes.forEach((d, i) => {
    expect([describeDims(d), ...checkInterleavedCalls(d, shapes[(i + 1) % shapes.length], 400 + i, dtype)]).toEqual([describeDims(d)]);
  });
});
