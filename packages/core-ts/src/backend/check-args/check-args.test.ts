/**
 * The ts backend refuses bad kernel arguments with the native addon's error classes and
 * messages (the native package's bad-input test and the conformance suite compare them
 * with the addon itself). Before these checks were shared, ts ran T = 1.5 (leaving NaN in
 * hs), gemm with m = -2 and float32 x with float64 weights.
 */
import { describe, expect, it } from 'vitest';
import { tsBackend as ts } from '../ts/index.ts';
import type { RecurrentForwardArgs } from '../types.ts';

const gemmArgs = {
  transA: false, transB: false, m: 2, n: 3, k: 4, alpha: 1,
  a: new Float64Array(8), lda: 4, b: new Float64Array(12), ldb: 3, beta: 0, c: new Float64Array(6), ldc: 3,
};
const [T, B, X, H] = [2, 1, 3, 2];
const forwardArgs = (): RecurrentForwardArgs => ({
  cell: 'rnn', T, B, X, H, x: new Float64Array(T * B * X), h0: new Float64Array(B * H), wx: new Float64Array(X * H),
  wh: new Float64Array(H * H), bx: new Float64Array(H), hs: new Float64Array(T * B * H), gates: new Float64Array(0),
});

describe('the ts backend checks kernel arguments as the native addon does', () => {
  it('dims: integers only (T = 1.5, m = -2)', () => {
    expect(() => ts.recurrentForward({ ...forwardArgs(), T: 1.5 })).toThrow(new RangeError('recurrentForward: T must be a non-negative integer, got 1.5'));
    expect(() => ts.gemm({ ...gemmArgs, m: -2 })).toThrow(new RangeError('gemm: m must be a non-negative integer, got -2'));
    expect(() => ts.gemm({ ...gemmArgs, k: '4' as never })).toThrow(new TypeError('gemm: k must be a non-negative integer, got a string'));
  });
  it('one dtype per call', () => {
    expect(() => ts.recurrentForward({ ...forwardArgs(), x: new Float32Array(T * B * X) })).toThrow(
      new TypeError('recurrentForward: h0 is a Float64Array but x is a Float32Array: all float arrays of one call must be Float64Array, or all Float32Array'),
    );
  });
  it('lengths and leading dimensions, naming the argument and its shape', () => {
    expect(() => ts.gemm({ ...gemmArgs, lda: 3 })).toThrow(new RangeError('gemm: lda must be >= 4 (columns of a as stored), got 3'));
    expect(() => ts.gemm({ ...gemmArgs, c: new Float64Array(5) })).toThrow(new RangeError('gemm: c must have at least 6 elements for shape (2, 3) [m, n], got 5'));
    expect(() => ts.recurrentForward({ ...forwardArgs(), wh: new Float64Array(3) })).toThrow(
      new RangeError('recurrentForward: wh must have 4 elements for shape (2, 2) [H, G*H], got 3'),
    );
    expect(() => ts.recurrentForward({ ...forwardArgs(), lengths: Int32Array.of(3) })).toThrow(
      new RangeError('recurrentForward: lengths[0] = 3 is outside 0..=2 (T); lengths has shape (1,)'),
    );
    expect(() => ts.softmaxRows(new Float64Array(5), 2, 3)).toThrow(new RangeError('softmaxRows: data must have at least 6 elements for shape (2, 3) [rows, cols], got 5'));
  });
  it('a valid call still runs', () => {
    const c = new Float64Array(6);
    ts.gemm({ ...gemmArgs, a: new Float64Array(8).fill(1), b: new Float64Array(12).fill(1), c });
    expect(Array.from(c)).toEqual([4, 4, 4, 4, 4, 4]);
  });
});
