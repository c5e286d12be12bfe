/**
 * A backend's kernels against the ts reference backend on the same inputs: gemm and
 * softmaxRows on random shapes (0 and odd sizes included), and whole-sequence forward and
 * backward passes of every cell. float64 within 1e-12, float32 within 2e-5, both scaled
 * by (1 + |reference|). Registered by `describeParityWithTs(name, backend, skip)` (the
 * native and wasm packages run it on their backends).
 */
import { findBackend, type Backend, type CellKind, type FloatArray, type RecurrentBackwardArgs } from '@recur/core';
import { describe, expect, it } from 'vitest';
import {
  alloc,
  backwardArgs,
  forwardArgs,
  makeInputs,
  maxScaledDiff,
  pick,
  random,
  rng,
  withFreshGradients,
  type Dtype,
  type SeqSpec,
} from './random-args.js';

const ts: Backend = findBackend('ts')!;
const TOL: Record<Dtype, number> = { float64: 1e-12, float32: 2e-5 };
const DTYPES: readonly Dtype[] = ['float64', 'float32'];
const SIZES = [0, 1, 2, 3, 5, 7, 13, 19] as const;

function expectClose(what: string, got: ArrayLike<number> | null | undefined, want: ArrayLike<number> | null | undefined, dtype: Dtype) {
  if (want == null) {
    expect(got == null, `${what}: expected no array`).toBe(true);
    return;
  }
  expect(got, what).toBeTruthy();
  const d = maxScaledDiff(got!, want);
  expect(d, `${what}: max |backend - ts| / (1 + |ts|) = ${d}`).toBeLessThanOrEqual(TOL[dtype]);
}

/** Random specs for one cell: the explicit zero cases, then random odd sizes. */
function specs(cell: CellKind, seed: number): SeqSpec[] {
  const r = rng(seed);
  const base = { cell, resetAfter: false, withLengths: false };
  const out: SeqSpec[] = [
    { ...base, T: 0, B: 3, X: 4, H: 5 },
    { ...base, T: 3, B: 0, X: 4, H: 5 },
    { ...base, T: 3, B: 2, X: 0, H: 5 },
    { ...base, T: 3, B: 2, X: 4, H: 0 },
    { ...base, T: 1, B: 1, X: 1, H: 1 },
  ];
  for (let i = 0; i < 18; i++) {
    out.push({
      cell,
      resetAfter: cell === 'gru' && r() < 0.5,
      T: pick(r, [1, 2, 3, 7, 10]),
      B: pick(r, [1, 2, 3, 5]),
      X: pick(r, [1, 2, 3, 7]),
      H: pick(r, [1, 2, 3, 5, 7]),
      withLengths: r() < 0.4,
    });
  }
  return out;
}

const CELLS: readonly CellKind[] = ['rnn', 'lstm', 'gru'];

/** Registers the comparison suites for `under`, titled with `name`; skipped when `skip`. */
export function describeParityWithTs(name: string, under: Backend, skip: boolean): void {
  describe.skipIf(skip)(`${name} gemm equals the ts gemm`, () => {
    for (const dtype of DTYPES) {
      it(`${dtype}: 150 random shapes, transposes, padded strides, alpha/beta`, () => {
        const r = rng(dtype === 'float64' ? 11 : 12);
        for (let trial = 0; trial < 150; trial++) {
          const [m, n, k] = [pick(r, SIZES), pick(r, SIZES), pick(r, SIZES)];
          const transA = r() < 0.5;
          const transB = r() < 0.5;
          const pad = () => (r() < 0.3 ? Math.floor(r() * 3) : 0);
          const [aRows, aCols] = transA ? [k, m] : [m, k];
          const [bRows, bCols] = transB ? [n, k] : [k, n];
          const lda = aCols + pad();
          const ldb = bCols + pad();
          const ldc = n + pad();
          const a = random(r, dtype, aRows * lda);
          const b = random(r, dtype, bRows * ldb);
          const c0 = random(r, dtype, m * ldc);
          const alpha = pick(r, [1, -0.5, 2.25, 0]);
          const beta = pick(r, [0, 1, 0.5]);
          const args = { transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, ldc };
          const want = c0.slice();
          const got = c0.slice();
          ts.gemm({ ...args, c: want });
          under.gemm({ ...args, c: got });
          expectClose(`gemm ${JSON.stringify({ m, n, k, transA, transB, lda, ldb, ldc, alpha, beta })}`, got, want, dtype);
        }
      });
    }

    it('handles one large shape (above any blocking threshold)', () => {
      const r = rng(5);
      const [m, n, k] = [131, 257, 190];
      const a = random(r, 'float64', m * k);
      const b = random(r, 'float64', k * n);
      const want = new Float64Array(m * n);
      const got = new Float64Array(m * n);
      const args = { transA: false, transB: false, m, n, k, alpha: 1, a, lda: k, b, ldb: n, beta: 0, ldc: n };
      ts.gemm({ ...args, c: want });
      under.gemm({ ...args, c: got });
      expectClose('gemm 131x257x190', got, want, 'float64');
    });
  });

  describe.skipIf(skip)(`${name} softmaxRows equals the ts softmaxRows`, () => {
    for (const dtype of DTYPES) {
      it(`${dtype}: random shapes and extreme rows`, () => {
        const r = rng(dtype === 'float64' ? 21 : 22);
        for (let trial = 0; trial < 60; trial++) {
          const rows = pick(r, SIZES);
          const cols = pick(r, SIZES);
          const data = random(r, dtype, rows * cols + (r() < 0.3 ? 2 : 0), pick(r, [1, 30, 500]));
          const want = data.slice();
          const got = data.slice();
          ts.softmaxRows(want, rows, cols);
          under.softmaxRows(got, rows, cols);
          expectClose(`softmax ${rows}x${cols}`, got, want, dtype);
        }
      });
    }
  });

  describe.skipIf(skip)(`${name} recurrent passes equal the ts ones`, () => {
    for (const cell of CELLS) {
      for (const dtype of DTYPES) {
        it(`${cell} ${dtype}: forward and backward over random shapes incl. empty ones`, () => {
          let seed = 100;
          for (const s of specs(cell, cell.length * 7 + (dtype === 'float32' ? 1 : 0))) {
            const label = `${cell} ${dtype} ${JSON.stringify(s)}`;
            const inputs = makeInputs(s, dtype, seed++);
            const fwdTs = forwardArgs(s, dtype, inputs);
            const fwdUnder = forwardArgs(s, dtype, inputs);
            ts.recurrentForward(fwdTs);
            under.recurrentForward(fwdUnder);
            expectClose(`${label} hs`, fwdUnder.hs, fwdTs.hs, dtype);
            expectClose(`${label} cs`, fwdUnder.cs, fwdTs.cs, dtype);
            expectClose(`${label} gates`, fwdUnder.gates, fwdTs.gates, dtype);

            // Backward from the same (ts) forward results, so only the backward kernel differs.
            const bwdTs: RecurrentBackwardArgs = backwardArgs(s, dtype, fwdTs, seed++);
            const bwdUnder = withFreshGradients(bwdTs);
            ts.recurrentBackward(bwdTs);
            under.recurrentBackward(bwdUnder);
            for (const name of ['dx', 'dh0', 'dc0', 'dwx', 'dwh', 'dbx', 'dbh'] as const) {
              expectClose(`${label} ${name}`, bwdUnder[name] as FloatArray | null, bwdTs[name] as FloatArray | null, dtype);
            }
          }
        });
      }
    }

    it('null dhs / dhT / dcT mean zero gradients, as in ts', () => {
      const s: SeqSpec = { cell: 'lstm', resetAfter: false, T: 4, B: 3, X: 2, H: 3, withLengths: true };
      const fwd = forwardArgs(s, 'float64', makeInputs(s, 'float64', 7));
      ts.recurrentForward(fwd);
      const bwdTs = { ...backwardArgs(s, 'float64', fwd, 8), dhT: null, dcT: null };
      const bwdUnder = withFreshGradients(bwdTs);
      ts.recurrentBackward(bwdTs);
      under.recurrentBackward(bwdUnder);
      expectClose('dx', bwdUnder.dx, bwdTs.dx, 'float64');
      expectClose('dwh', bwdUnder.dwh, bwdTs.dwh, 'float64');
      const noUpstream = withFreshGradients({ ...bwdTs, dhs: null });
      under.recurrentBackward(noUpstream);
      expect(Array.from(noUpstream.dwx).every((v) => v === 0)).toBe(true);
      expect(alloc('float64', 0)).toHaveLength(0);
    });
  });
}
