/** softmaxRows on a backend against ts on identical rows: random sizes, large and tiny logits. */
import { type Dtype, alloc } from '@recur/testkit/backend/sequence-fixtures';
import type { Backend } from '@recur/core';
import { expectAgreement } from './agreement.js';
import { SMALL_SIZES, mulberry32, pick } from './random-shapes.js';

export function compareSoftmaxRandom(other: Backend, ts: Backend, dtype: Dtype, trials: number, seed: number): void {
  const rng = mulberry32(seed);
  for (let t = 0; t < trials; t++) {
    const rows = pick(rng, SMALL_SIZES);
    const cols = t === 0 ? 0 : pick(rng, [...SMALL_SIZES, 64, 101]);
    // Logit scales from tiny to overflowing a naive exp (float32 overflows past ~88).
    const scale = pick(rng, [1e-3, 1, 10, 80, 500]);
    const data = alloc(dtype, rows * cols);
    for (let i = 0; i < data.length; i++) data[i] = (2 * rng() - 1) * scale;
    // A -Infinity logit in a row that has finite ones: probability exactly 0.
    if (rows > 0 && cols >= 2 && rng() < 0.3) data[0] = -Infinity;
    const want = data.slice();
    const got = data.slice();
    ts.softmaxRows(want, rows, cols);
    other.softmaxRows(got, rows, cols);
    expectAgreement(got, want, dtype, `softmaxRows ${dtype} rows=${rows} cols=${cols} scale=${scale}`);
  }
}
