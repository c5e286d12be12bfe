// Every backend other than ts against ts, kernel by kernel, on identical inputs (the ts
// backend is the reference: simple loops, checked against oracles by kernels.test.ts):
// float64 within 1e-12 and float32 within 2e-5, as |got - ts| / (1 + |ts|).
import { it } from 'vitest';
import { CELL_VARIANTS } from '@recur/testkit/backend/kernel-checks';
import { DTYPES, describeAgainstTs } from '../src/describe-backends.js';
import { LARGE_GEMM_SHAPES, compareGemm, compareGemmRandom } from '../src/parity/gemm-parity.js';
import { compareRecurrent, describeParitySpec, randomParitySpec, type ParitySpec } from '../src/parity/recurrent-parity.js';
import { mulberry32 } from '../src/parity/random-shapes.js';
import { compareSoftmaxRandom } from '../src/parity/softmax-parity.js';

const TRANSPOSES = [[false, false], [false, true], [true, false], [true, true]] as const;

/** Per cell variant: random small specs, every empty axis, and two larger ones. */
function specsFor(v: (typeof CELL_VARIANTS)[number], seed: number): ParitySpec[] {
  const rng = mulberry32(seed);
  const specs: ParitySpec[] = [];
  for (let i = 0; i < 12; i++) specs.push(randomParitySpec(rng, v.cell, v.resetAfter));
  for (const dims of [{ T: 0, B: 3, X: 2, H: 4 }, { T: 4, B: 0, X: 2, H: 4 }, { T: 4, B: 3, X: 0, H: 4 }, { T: 4, B: 3, X: 2, H: 0 }, { T: 1, B: 1, X: 1, H: 1 }]) {
    specs.push(randomParitySpec(rng, v.cell, v.resetAfter, dims));
  }
  // Long sequences, and shapes whose projection and weight-gradient GEMMs take native's
  // blocked and multi-threaded paths.
  specs.push(randomParitySpec(rng, v.cell, v.resetAfter, { T: 21, B: 14, X: 13, H: 28 }));
  specs.push(randomParitySpec(rng, v.cell, v.resetAfter, { T: 7, B: 70, X: 35, H: 49 }));
  return specs;
}

describeAgainstTs('equals ts on identical inputs', (other, ts) => {
  for (const dtype of DTYPES) {
    for (const [transA, transB] of TRANSPOSES) {
      it(`gemm ${dtype} transA=${transA} transB=${transB}: 60 random shapes (0, 1, odd, multiples of 7)`, () => {
        compareGemmRandom(other, ts, dtype, transA, transB, 60, 1000 + 2 * Number(transA) + Number(transB) + (dtype === 'float32' ? 10 : 0));
      });
      it(`gemm ${dtype} transA=${transA} transB=${transB}: large shapes (packed, K-blocked, threaded)`, () => {
        const rng = mulberry32(2000 + 2 * Number(transA) + Number(transB));
        for (const s of LARGE_GEMM_SHAPES) compareGemm(other, ts, dtype, transA, transB, s, rng);
      });
    }
    it(`softmaxRows ${dtype}: 40 random shapes and logit scales`, () => {
      compareSoftmaxRandom(other, ts, dtype, 40, dtype === 'float64' ? 3000 : 3001);
    });
  }
  CELL_VARIANTS.forEach((v, vi) => {
    specsFor(v, 4000 + vi).forEach((s, si) => {
      for (const dtype of DTYPES) {
        it(`recurrent ${dtype} ${describeParitySpec(s)}: forward, backward, chained`, () => {
          compareRecurrent(other, ts, s, dtype, 5000 + 100 * vi + si);
        });
      }
    });
  });
});
