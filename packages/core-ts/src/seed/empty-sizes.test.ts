import { expect, test } from 'vitest';
import { EMPTY_SIZE_CASES, checkEmptySizes } from '@recur/testkit/seed/empty-size-checks';
import { describeDims } from '@recur/testkit/seed/random-inputs';

const cases = EMPTY_SIZE_CASES.flatMap((d) => (['float64', 'float32'] as const).map((dtype) => [describeDims(d), dtype, d] as const));

test.each(cases)('zero sizes give correctly shaped results: %s %s', (_, dtype, d) => {
  expect(checkEmptySizes(d, dtype)).toEqual([]);
});
