import { expect, test } from 'vitest';
import { checkShapes, describeDims } from '@recur/testkit/seed/random-inputs';
import { checkLstmStepLoops, checkRnnStepLoops } from '@recur/testkit/seed/step-loop-checks';

const shapes = checkShapes().map((d, i) => [describeDims(d), d, 300 + i] as const);

test.each(shapes)('the notebook loop over rnnCellForward / rnnCellBackward(caches[t]) equals rnnForward / rnnBackward, %s', (_, d, seed) => {
  expect(checkRnnStepLoops(d, seed)).toEqual([]);
});

test.each(shapes)('the notebook loop over lstmCellForward / lstmCellBackward(caches[t]) equals lstmForward / lstmBackward, %s', (_, d, seed) => {
  expect(checkLstmStepLoops(d, seed)).toEqual([]);
});
