// Every test cell of the seed notebook recomputed on every backend: inputs from
// RandomState(1) in the notebook's draw order, the numbers docs/origin-notebook.md says are right, to the
// printed precision (1e-8), shapes included. These are float64 (the notebook's dtype); the
// same eight cells run in float32 too, as full-precision cases of the NumPy fixture file
// (seed-fixtures.test.ts, 2e-4).
import { expect, it } from 'vitest';
import { NOTEBOOK_CELLS } from '@recur/testkit/seed/notebook-cells';
import { describeCellFailures, runNotebookCell } from '@recur/testkit/seed/notebook-checks';
import { onBackend } from '../src/backends.js';
import { describeBackends } from '../src/describe-backends.js';

describeBackends('notebook test cells (float64)', (backend) => {
  for (const cell of NOTEBOOK_CELLS) {
    it(cell.title, () => {
      const result = onBackend(backend, () => runNotebookCell(cell));
      expect(describeCellFailures(result)).toBe('');
      expect(result.checks.length).toBe(cell.expect.length);
    });
  }
});
