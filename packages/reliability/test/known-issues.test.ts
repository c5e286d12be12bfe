// Reproducers of the open bugs in known-issues.ts (found by this suite, in code it does not
// own). Each is `it.fails`: while the bug is there the test "passes"; once it is fixed the
// test fails, and the entry in known-issues.ts must go, which re-enables the full property.
import { Dense, RandomState, Tensor, encodeSafetensors, rnnForward } from '@recur/core';
import { describe, expect, it } from 'vitest';
import { detach } from '../src/arbitraries/junk.js';
import { KNOWN_ISSUES } from '../src/known-issues.js';

function detachedRandn(rs: RandomState, ...shape: number[]): Tensor {
  const t = rs.randn(...shape);
  detach(t.data.buffer);
  return t;
}

describe(`known issue ${KNOWN_ISSUES.detachedTensor.id}`, () => {
  const rs = new RandomState(1);
  const params = () => ({ Wax: rs.randn(5, 3), Waa: rs.randn(5, 5), ba: rs.randn(5, 1), Wya: rs.randn(2, 5), by: rs.randn(2, 1) });

  it.fails('rnnForward with a detached x throws a TypeError naming x (today: returns NaN)', () => {
    expect(() => rnnForward(detachedRandn(rs, 3, 2, 4), rs.randn(5, 2), params())).toThrow(TypeError);
  });

  it.fails('rnnForward with a detached Wya throws a TypeError naming Wya (today: RangeError from the ts gemm)', () => {
    expect(() => rnnForward(rs.randn(3, 2, 4), rs.randn(5, 2), { ...params(), Wya: detachedRandn(rs, 2, 5) })).toThrow(/Wya/);
  });

  it.fails('Dense.forward with a detached x throws a TypeError (today: a RangeError from gemm about "a")', () => {
    expect(() => new Dense({ inputSize: 3, outputSize: 2 }).forward(detachedRandn(rs, 4, 3))).toThrow(TypeError);
  });

  it.fails('encodeSafetensors refuses a detached tensor (today: writes a file whose header does not match its bytes)', () => {
    expect(() => encodeSafetensors({ w: detachedRandn(rs, 4, 3) })).toThrow();
  });
});
