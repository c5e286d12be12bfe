// The eight seed functions under Deno: every NumPy fixture case (fixtures/seed-cases.json,
// written by fixtures/make_seed_fixtures.py) in float64 and float32, and every notebook cell
// (@recur/testkit/seed/notebook-cells.ts) recomputed from np.random.seed(1) with RandomState.
import fixtures from '../fixtures/seed-cases.json' with { type: 'json' };
import { runFixtureChecks, describeFixtureFailures } from '@recur/testkit/seed/fixture-checks.ts';
import type { SeedFixtureFile } from '@recur/testkit/seed/fixture-format.ts';
import { runNotebookChecks } from '@recur/testkit/seed/notebook-checks.ts';
import assert from 'node:assert/strict';

Deno.test('seed API matches every NumPy fixture case in float64 and float32', () => {
  const file = fixtures as unknown as SeedFixtureFile;
  const results = runFixtureChecks(file);
  assert.ok(results.length >= 2 * file.cases.length && file.cases.length > 8, `ran ${results.length} checks`);
  const failed = results.filter((r) => !r.ok);
  assert.equal(failed.length, 0, describeFixtureFailures(failed));
});

Deno.test('every notebook cell reproduces its printed numbers and shapes', () => {
  const results = runNotebookChecks();
  assert.ok(results.length >= 8, `only ${results.length} notebook cells`);
  for (const r of results) {
    assert.equal(r.error, undefined, `${r.cell.id} threw: ${r.error}`);
    assert.ok(r.checks.length > 0, `${r.cell.id} checks nothing`);
    for (const c of r.checks) assert.ok(c.pass, `${r.cell.id}: ${JSON.stringify(c)}`);
  }
});
