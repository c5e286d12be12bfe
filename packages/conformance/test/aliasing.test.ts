// Inputs that share memory with an output: every backend reads them as they were passed
// (native and wasm copy an overlapping input first; ts used to read the half-written
// output, so gemm with c aliasing a gave [0,0,0,0] where native gave [2,2,2,2]). Each
// aliased call must equal the same call on separate copies, on every backend.
import { expect, it } from 'vitest';
import type { Backend, GemmArgs, RecurrentForwardArgs } from '@recur/core';
import { describeBackends } from '../src/describe-backends.js';

const seq = (n: number, f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));

/** Runs `args` as given and with every array copied, and expects the same `out`. */
function expectAsIfSeparate(run: (a: GemmArgs) => void, args: GemmArgs, label: string) {
  const separate = { ...args, a: args.a.slice(), b: args.b.slice(), c: args.c.slice() };
  run(separate);
  run(args);
  expect(Array.from(args.c), label).toEqual(Array.from(separate.c));
}

describeBackends('inputs aliasing an output are read as passed', (backend: Backend) => {
  const gemm = (a: GemmArgs) => backend.gemm(a);
  it('gemm: the 2x2 ones example (c is a): 2 everywhere', () => {
    const a = new Float64Array(4).fill(1);
    backend.gemm({ transA: false, transB: false, m: 2, n: 2, k: 2, alpha: 1, a, lda: 2, b: new Float64Array(4).fill(1), ldb: 2, beta: 0, c: a, ldc: 2 });
    expect(Array.from(a)).toEqual([2, 2, 2, 2]);
  });
  for (const beta of [0, 0.5]) {
    for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      it(`gemm beta=${beta} transA=${transA} transB=${transB}: c is a, c is b, c is a and b, partial overlaps`, () => {
        const base = { transA, transB, m: 3, n: 3, k: 3, alpha: 1.5, lda: 3, ldb: 3, beta, ldc: 3 };
        const fresh = (seed: number) => seq(9, (i) => Math.sin(i * 1.7 + seed));
        const a1 = fresh(1);
        expectAsIfSeparate(gemm, { ...base, a: a1, b: fresh(2), c: a1 }, 'c is a');
        const b1 = fresh(3);
        expectAsIfSeparate(gemm, { ...base, a: fresh(4), b: b1, c: b1 }, 'c is b');
        const ab = fresh(5);
        expectAsIfSeparate(gemm, { ...base, a: ab, b: ab, c: ab }, 'c is a and b');
        const buf = seq(14, (i) => Math.cos(i * 0.9));
        expectAsIfSeparate(gemm, { ...base, a: buf.subarray(0, 9), b: fresh(6), c: buf.subarray(5, 14) }, 'c overlaps the end of a');
        const buf2 = seq(14, (i) => Math.cos(i * 1.3));
        expectAsIfSeparate(gemm, { ...base, a: fresh(7), b: buf2.subarray(5, 14), c: buf2.subarray(0, 9) }, 'c overlaps the start of b');
        const buf3 = seq(20, (i) => Math.cos(i * 0.4));
        expectAsIfSeparate(gemm, { ...base, a: buf3.subarray(0, 9), b: buf3.subarray(11, 20), c: buf3.subarray(4, 13) }, 'c overlaps both');
      });
    }
  }
  it('recurrentForward: x stored in hs (same memory) equals separate arrays', () => {
    const [T, B, X, H] = [3, 2, 4, 4];
    const args = (): RecurrentForwardArgs => ({
      cell: 'gru', resetAfter: true, T, B, X, H, x: seq(T * B * X, (i) => Math.sin(i)), h0: seq(B * H, (i) => Math.cos(i) * 0.3),
      wx: seq(X * 3 * H, (i) => Math.sin(i * 0.7) * 0.4), wh: seq(H * 3 * H, (i) => Math.cos(i * 0.3) * 0.4), bx: seq(3 * H, (i) => i * 0.01),
      hs: new Float64Array(T * B * H), gates: new Float64Array(T * B * 4 * H),
    });
    const separate = args();
    backend.recurrentForward(separate);
    const aliased = args();
    aliased.hs = aliased.x; // T*B*X = T*B*H
    backend.recurrentForward(aliased);
    expect(Array.from(aliased.hs)).toEqual(Array.from(separate.hs));
  });
});
