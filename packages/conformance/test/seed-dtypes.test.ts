// The seed API's dtype and size behaviour on every backend: float32 in gives float32 out,
// within 1e-5 (scaled by 1 + |v|) of float64 on the same inputs, for all eight functions;
// zero sizes (m, T, n_x, n_a, n_y = 0) give correctly shaped results in both dtypes; and the
// notebook's own loops over the cell functions equal the sequence functions.
import { expect, it } from 'vitest';
import { EMPTY_SIZE_CASES, checkEmptySizes } from '@recur/testkit/seed/empty-size-checks';
import { FLOAT32_AGREEMENT, checkFloat32Agreement } from '@recur/testkit/seed/float32-checks';
import { checkShapes, describeDims } from '@recur/testkit/seed/random-inputs';
import { checkLstmStepLoops, checkRnnStepLoops } from '@recur/testkit/seed/step-loop-checks';
import { onBackend } from '../src/backends.js';
import { DTYPES, describeBackends } from '../src/describe-backends.js';

describeBackends('seed API dtypes, empty sizes and cell loops', (backend) => {
  checkShapes().forEach((d, i) => {
    it(`float32 agrees with float64 within ${FLOAT32_AGREEMENT}, ${describeDims(d)}`, () => {
      const result = onBackend(backend, () => checkFloat32Agreement(d, 200 + i));
      expect(result.message).toBe('');
      expect(result.ok).toBe(true);
    });
  });
  for (const dtype of DTYPES) {
    for (const d of EMPTY_SIZE_CASES) {
      it(`${dtype} zero sizes give correctly shaped results, ${describeDims(d)}`, () => {
        expect(onBackend(backend, () => checkEmptySizes(d, dtype))).toEqual([]);
      });
    }
  }
  checkShapes().forEach((d, i) => {
    it(`the notebook's loops over the rnn cell functions equal rnnForward / rnnBackward, ${describeDims(d)}`, () => {
      expect(onBackend(backend, () => checkRnnStepLoops(d, 300 + i))).toEqual([]);
    });
    it(`the notebook's loops over the lstm cell functions equal lstmForward / lstmBackward, ${describeDims(d)}`, () => {
      expect(onBackend(backend, () => checkLstmStepLoops(d, 300 + i))).toEqual([]);
    });
  });
});
