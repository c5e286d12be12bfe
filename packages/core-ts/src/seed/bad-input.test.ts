import { expect, test } from 'vitest';
import { badInputCases, runBadInputCase } from '@recur/testkit/seed/bad-input-checks';

test.each(badInputCases().map((c) => [c.name, c] as const))('%s', (_, c) => {
  expect(runBadInputCase(c)).toBe('');
});
