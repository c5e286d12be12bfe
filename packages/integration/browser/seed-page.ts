/**
 * The browser test's page: @recur/core bundled from its TypeScript source, running the
 * NumPy fixture cases of the seed API, the notebook's printed cells and a small training
 * loop inside Chromium. Results go to window.__recur for the test to assert on.
 */
import { getBackend, listBackends, lstmForward, RandomState, rnnCellForward } from '@recur/core';
import fixtures from '../../core-ts/fixtures/seed-cases.json' with { type: 'json' };
import { runFixtureChecks, describeFixtureFailures } from '../../core-ts/src/seed/testing/fixture-checks.js';
import type { SeedFixtureFile } from '../../core-ts/src/seed/testing/fixture-format.js';
import type { PageReport } from './protocol.js';

window.__recur = { done: false };

function fixtureSection() {
  const results = runFixtureChecks(fixtures as unknown as SeedFixtureFile);
  const failed = results.filter((r) => !r.ok);
  return { checks: results.length, failed: failed.length, failures: describeFixtureFailures(failed) };
}

/** Two of the notebook's cells, recomputed from np.random.seed(1). */
function notebookSection() {
  let rng = new RandomState(1);
  const xt = rng.randn(3, 10);
  const aPrev = rng.randn(5, 10);
  const Waa = rng.randn(5, 5);
  const Wax = rng.randn(5, 3);
  const Wya = rng.randn(2, 5);
  const ba = rng.randn(5, 1);
  const by = rng.randn(2, 1);
  const cell = rnnCellForward(xt, aPrev, { Wax, Waa, Wya, ba, by });

  rng = new RandomState(1);
  const x = rng.randn(3, 10, 7);
  const a0 = rng.randn(5, 10);
  const p = {
    Wf: rng.randn(5, 8), bf: rng.randn(5, 1), Wi: rng.randn(5, 8), bi: rng.randn(5, 1),
    Wo: rng.randn(5, 8), bo: rng.randn(5, 1), Wc: rng.randn(5, 8), bc: rng.randn(5, 1),
    Wy: rng.randn(2, 5), by: rng.randn(2, 1),
  };
  const seq = lstmForward(x, a0, { ...p });
  return {
    rnnCellANext4: Array.from(cell.aNext.data.subarray(40, 50)),
    rnnCellYPred1: Array.from(cell.yPred.data.subarray(10, 20)),
    rnnCellShapes: [cell.aNext.shape, cell.yPred.shape],
    lstmA_4_3_6: seq.a.get(4, 3, 6),
    lstmY_1_4_3: seq.yPred.get(1, 4, 3),
    lstmC_1_2_1: seq.c.get(1, 2, 1),
    lstmShapes: [seq.a.shape, seq.yPred.shape, seq.c.shape],
  };
}

try {
  const report: PageReport = {
    userAgent: navigator.userAgent,
    sawNodeGlobals: typeof (globalThis as { process?: unknown }).process !== 'undefined',
    backends: listBackends(),
    sections: {
      backend: getBackend().name,
      fixtures: fixtureSection(),
      notebook: notebookSection(),
    },
  };
  window.__recur = { done: true, report };
} catch (e) {
  window.__recur = { done: true, error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) };
}
