/**
 * Compares training traces from two runtimes. Same code and seed, but each runtime's V8
 * brings its own Math.exp/log/tanh/pow, which differ in the last bit on a few percent of
 * inputs (Node 20's V8 11 vs Deno 2.9's V8 15: about 10% of exp and 6% of log results over
 * random inputs). Measured effect on these 25-step traces: at most 2e-16 in
 * |a - b| / (1 + |b|). The bar is the project's float64 tolerance, 1e-12 on that scale: far
 * above libm noise, far below what any real difference in the computation produces.
 */
import type { TrainingTrace } from '../browser/tiny-training.js';

export const CROSS_RUNTIME_TOLERANCE = 1e-12;

/** Worst |a - b| / (1 + |b|) over both loss curves; Infinity when the shapes differ. */
export function traceDistance(a: TrainingTrace, b: TrainingTrace): number {
  let worst = 0;
  for (const key of ['layerLosses', 'charLMLosses'] as const) {
    if (a[key].length !== b[key].length) return Infinity;
    a[key].forEach((x, i) => {
      const e = Math.abs(x - b[key][i]) / (1 + Math.abs(b[key][i]));
      worst = Number.isNaN(e) ? Infinity : Math.max(worst, e);
    });
  }
  return worst;
}
