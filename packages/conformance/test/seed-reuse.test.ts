// The seed API's reused work buffers on every backend: backward on caches whose forward
// outputs later calls overwrote (same and other sizes, both dtypes) equals backward right
// after forward bit for bit, and results handed out earlier do not change.
import { expect, it } from 'vitest';
import { checkShapes, describeDims } from '@recur/testkit/seed/random-inputs';
import { checkInterleavedCalls } from '@recur/testkit/seed/reuse-checks';
import { onBackend } from '../src/backends.js';
import { DTYPES, describeBackends } from '../src/describe-backends.js';

describeBackends('seed API reused buffers', (backend) => {
  const shapes = checkShapes();
  for (const dtype of DTYPES) {
    shapes.forEach((d, i) => {
      it(`${dtype}: interleaved calls equal back-to-back ones, ${describeDims(d)}`, () => {
        expect(onBackend(backend, () => checkInterleavedCalls(d, shapes[(i + 1) % shapes.length], 400 + i, dtype))).toEqual([]);
      });
    });
  }
});
