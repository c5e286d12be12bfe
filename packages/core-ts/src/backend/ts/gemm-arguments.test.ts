import { describe, expect, it } from 'vitest';
import { gemm } from './gemm.ts';

const base = {
  transA: false, transB: false, m: 2, n: 3, k: 4, alpha: 1,
  a: new Float64Array(8), lda: 4, b: new Float64Array(12), ldb: 3, beta: 0, c: new Float64Array(6), ldc: 3,
};

describe('ts gemm argument checks', () => {
  it('accepts dense operands', () => {
    expect(() => gemm(base)).not.toThrow();
  });
  it('rejects a leading dimension smaller than the row', () => {
    expect(() => gemm({ ...base, lda: 3 })).toThrow(/lda must be >= 4, got 3/);
    expect(() => gemm({ ...base, transB: true, ldb: 3 })).toThrow(/ldb must be >= 4, got 3/);
  });
  it('rejects arrays too short for their matrix, naming the operand', () => {
    expect(() => gemm({ ...base, c: new Float64Array(5) })).toThrow(RangeError);
    expect(() => gemm({ ...base, c: new Float64Array(5) })).toThrow(/c holds 5 values but a 2x3 matrix with ldc=3 needs 6/);
    expect(() => gemm({ ...base, transA: true, lda: 2, a: new Float64Array(7) })).toThrow(/a holds 7 values but a 4x2 matrix/);
  });
});
