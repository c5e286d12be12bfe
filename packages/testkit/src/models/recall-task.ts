/** A small memory task for model tests: recall the first of T one-hot symbols. */
import { RandomState, Tensor } from '@recur/core';

/** x [N, T, V] one-hot (batch-first), y [N] = the symbol at t = 0; seeded. */
export function recallTask(N: number, T: number, V: number, seed: number): { x: Tensor; y: Tensor } {
  const rng = new RandomState(seed);
  const x = Tensor.zeros([N, T, V]);
  const y = Tensor.zeros([N]);
  for (let n = 0; n < N; n++) {
    for (let t = 0; t < T; t++) {
      const s = Math.floor(rng.nextDouble() * V);
      x.data[(n * T + t) * V + s] = 1;
      if (t === 0) y.data[n] = s;
    }
  }
  return { x, y };
}
