// The eight seed functions under Deno: every NumPy fixture case (fixtures/seed-cases.json,
// written by fixtures/make_seed_fixtures.py) in float64 and float32, plus two of the
// notebook's printed cells recomputed from np.random.seed(1) with RandomState.
import fixtures from '../fixtures/seed-cases.json' with { type: 'json' };
import { RandomState, rnnCellForward, lstmForward } from '../src/index.ts';
import { runFixtureChecks, describeFixtureFailures } from '../src/seed/testing/fixture-checks.ts';
import type { SeedFixtureFile } from '../src/seed/testing/fixture-format.ts';
import { assert, assertClose } from './assert.ts';

Deno.test('seed API matches every NumPy fixture case in float64 and float32', () => {
  const file = fixtures as unknown as SeedFixtureFile;
  const results = runFixtureChecks(file);
  assert.ok(results.length >= 2 * file.cases.length && file.cases.length > 8, `ran ${results.length} checks`);
  const failed = results.filter((r) => !r.ok);
  assert.equal(failed.length, 0, describeFixtureFailures(failed));
});

Deno.test('notebook cell: rnn_cell_forward prints a_next[4] and yt_pred[1]', () => {
  const rng = new RandomState(1);
  const xt = rng.randn(3, 10);
  const aPrev = rng.randn(5, 10);
  const Waa = rng.randn(5, 5);
  const Wax = rng.randn(5, 3);
  const Wya = rng.randn(2, 5);
  const ba = rng.randn(5, 1);
  const by = rng.randn(2, 1);
  const { aNext, yPred } = rnnCellForward(xt, aPrev, { Wax, Waa, Wya, ba, by });
  assert.deepEqual([...aNext.shape], [5, 10]);
  assert.deepEqual([...yPred.shape], [2, 10]);
  const row = (t: typeof aNext, i: number) => Array.from(t.data.subarray(i * 10, i * 10 + 10));
  assertClose(row(aNext, 4), [0.59584544, 0.18141802, 0.61311866, 0.99808218, 0.85016201, 0.99980978,
    -0.18887155, 0.99815551, 0.6531151, 0.82872037], 0, 1e-8, 'a_next[4]');
  assertClose(row(yPred, 1), [0.9888161, 0.01682021, 0.21140899, 0.36817467, 0.98988387, 0.88945212,
    0.36920224, 0.9966312, 0.9982559, 0.17746526], 0, 1e-8, 'yt_pred[1]');
});

Deno.test('notebook cell: lstm_forward prints a[4][3][6], y[1][4][3] and c[1][2][1]', () => {
  const rng = new RandomState(1);
  const x = rng.randn(3, 10, 7);
  const a0 = rng.randn(5, 10);
  const Wf = rng.randn(5, 8), bf = rng.randn(5, 1), Wi = rng.randn(5, 8), bi = rng.randn(5, 1);
  const Wo = rng.randn(5, 8), bo = rng.randn(5, 1), Wc = rng.randn(5, 8), bc = rng.randn(5, 1);
  const Wy = rng.randn(2, 5), by = rng.randn(2, 1);
  const { a, yPred, c } = lstmForward(x, a0, { Wf, bf, Wi, bi, Wc, bc, Wo, bo, Wy, by });
  assert.deepEqual([...a.shape], [5, 10, 7]);
  assert.deepEqual([...yPred.shape], [2, 10, 7]);
  assertClose([a.get(4, 3, 6), yPred.get(1, 4, 3), c.get(1, 2, 1)], [0.172117767533, 0.95087346185, -0.855544916718], 0, 1e-11,
    'a[4][3][6], y[1][4][3], c[1][2][1]');
});
