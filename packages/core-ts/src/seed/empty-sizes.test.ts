import { expect, test } from 'vitest';
import { EMPTY_SIZE_CASES, checkEmptySizes } from './testing/empty-size-checks.ts';
import { describeDims } from './testing/random-inputs.ts';

const cases = EMPTY_SIZE_CASES.flatMap((d) => (['float64', 'float32'] as const).map((dtype) => [describeDims(d), dtype, d] as const));

test.each(cases)('zero sizes give correctly shaped results: %s %s', (_, dtype, d) => {
  expect(checkEmptySizes(d, dtype)).toEqual([]);
});
