import { expect, test } from 'vitest';
import { badInputCases, runBadInputCase } from './testing/bad-input-checks.ts';

test.each(badInputCases().map((c) => [c.name, c] as const))('%s', (_, c) => {
  expect(runBadInputCase(c)).toBe('');
});
