import { expect, test } from 'vitest';
import { checkInterleavedCalls } from '@recur/testkit/seed/reuse-checks';
import { checkShapes, describeDims } from '@recur/testkit/seed/random-inputs';

const shapes = checkShapes();
test.each(['float64', 'float32'] as const)('%s: backward on old caches, with other calls in between, equals backward right after forward', (dtype) => {
  shapes.forEach((d, i) => {
    expect([describeDims(d), ...checkInterleavedCalls(d, shapes[(i + 1) % shapes.length], 400 + i, dtype)]).toEqual([describeDims(d)]);
  });
});
