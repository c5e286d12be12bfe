/** vitest setupFile: every test file writes its case counts when it ends. */
import { afterAll, inject } from 'vitest';
import { flushTally } from './tally.js';

afterAll(() => {
  flushTally(inject('tallyDir'), `${process.pid}-${Date.now()}-${Math.floor(Math.random() * 1e9)}`);
});
