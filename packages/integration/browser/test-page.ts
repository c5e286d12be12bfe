/**
 * The browser test's page: @recur/core bundled from its TypeScript source, running the
 * NumPy fixture cases of the seed API, the notebook's printed cells and a small training
 * loop inside Chromium. Results go to window.__recur for the test to assert on.
 */
import * as core from '@recur/core';
import fixtures from '../../core-ts/fixtures/seed-cases.json' with { type: 'json' };
import { runFixtureChecks, describeFixtureFailures } from '@recur/testkit/seed/fixture-checks';
import type { SeedFixtureFile } from '@recur/testkit/seed/fixture-format';
import { runNotebookChecks } from '@recur/testkit/seed/notebook-checks';
import type { PageReport } from './protocol.js';
import { trainTiny } from './tiny-training.js';

window.__recur = { done: false };

function fixtureSection() {
  const results = runFixtureChecks(fixtures as unknown as SeedFixtureFile);
  const failed = results.filter((r) => !r.ok);
  return { checks: results.length, failed: failed.length, failures: describeFixtureFailures(failed) };
}

/** Every notebook cell recomputed from np.random.seed(1); only what the test needs crosses back. */
function notebookSection() {
  return runNotebookChecks().map((r) => ({
    id: r.cell.id,
    pass: r.pass,
    checks: r.checks.length,
    error: r.error,
    failures: r.checks.filter((c) => !c.pass).map((c) => JSON.stringify(c)),
  }));
}

try {
  const report: PageReport = {
    userAgent: navigator.userAgent,
    sawNodeGlobals: typeof (globalThis as { process?: unknown }).process !== 'undefined',
    backends: core.listBackends(),
    sections: {
      backend: core.getBackend().name,
      fixtures: fixtureSection(),
      notebook: notebookSection(),
      training: trainTiny(core),
    },
  };
  window.__recur = { done: true, report };
} catch (e) {
  window.__recur = { done: true, error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) };
}
