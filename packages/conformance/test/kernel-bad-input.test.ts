// Every backend refuses the same bad kernel calls with the same error class and message as
// the ts backend (whose checks are core's backend/check-args, a port of the native addon's).
// Before they were shared, ts ran T = 1.5 (NaN left in hs), gemm with m = -2, and float32 x
// with float64 weights, all of which native refuses.
import { expect, it } from 'vitest';
import type { Backend, GemmArgs, RecurrentBackwardArgs, RecurrentForwardArgs } from '@recur/core';
import { describeAgainstTs } from '../src/describe-backends.js';

const F = (n: number, v = 0.1) => new Float64Array(n).fill(v);
const [T, B, X, H] = [3, 2, 4, 5];
const gemmArgs = (): GemmArgs => ({ transA: false, transB: false, m: 2, n: 2, k: 4, alpha: 1, a: F(8), lda: 4, b: F(8), ldb: 2, beta: 0, c: F(4), ldc: 2 });
const fwd = (): RecurrentForwardArgs => ({
  cell: 'lstm', T, B, X, H, x: F(T * B * X), h0: F(B * H), c0: F(B * H), wx: F(X * 4 * H), wh: F(H * 4 * H), bx: F(4 * H),
  hs: F(T * B * H), cs: F(T * B * H), gates: F(T * B * 4 * H),
});
const bwd = (): RecurrentBackwardArgs => {
  const f = fwd();
  return {
    ...f, bx: undefined, dhs: F(T * B * H), dhT: null, dcT: null,
    dx: F(T * B * X), dh0: F(B * H), dc0: F(B * H), dwx: F(X * 4 * H), dwh: F(H * 4 * H), dbx: F(4 * H), dbh: null,
  } as RecurrentBackwardArgs;
};
const detached = (n: number) => {
  const a = F(n);
  structuredClone(a.buffer, { transfer: [a.buffer] });
  return a;
};

type Call = (b: Backend) => void;
const CASES: [string, Call][] = [
  ['forward T = 1.5', (b) => b.recurrentForward({ ...fwd(), T: 1.5 })],
  ['forward H = -5', (b) => b.recurrentForward({ ...fwd(), H: -5 })],
  ['forward T = NaN', (b) => b.recurrentForward({ ...fwd(), T: NaN })],
  ['forward float32 x with float64 weights', (b) => b.recurrentForward({ ...fwd(), x: new Float32Array(T * B * X) })],
  ['forward wh of the wrong length', (b) => b.recurrentForward({ ...fwd(), wh: F(99) })],
  ['forward cell lstmx', (b) => b.recurrentForward({ ...fwd(), cell: 'lstmx' as never })],
  ['forward lstm without cs', (b) => b.recurrentForward({ ...fwd(), cs: null })],
  ['forward lengths out of range', (b) => b.recurrentForward({ ...fwd(), lengths: Int32Array.of(3, 4) })],
  ['forward lengths of the wrong length', (b) => b.recurrentForward({ ...fwd(), lengths: Int32Array.of(1) })],
  ['forward resetAfter as a number', (b) => b.recurrentForward({ ...fwd(), resetAfter: 1 as never })],
  ['forward detached h0', (b) => b.recurrentForward({ ...fwd(), h0: detached(B * H) })],
  ['forward hs over a SharedArrayBuffer', (b) => b.recurrentForward({ ...fwd(), hs: new Float64Array(new SharedArrayBuffer(8 * T * B * H)) })],
  ['forward overlapping outputs', (b) => {
    const buf = F(T * B * H + T * B * 4 * H);
    b.recurrentForward({ ...fwd(), hs: buf.subarray(0, T * B * H), gates: buf.subarray(T * B * H - 1, T * B * H - 1 + T * B * 4 * H) });
  }],
  ['backward missing dx', (b) => b.recurrentBackward({ ...bwd(), dx: undefined as never })],
  ['backward dhs of the wrong length', (b) => b.recurrentBackward({ ...bwd(), dhs: F(29) })],
  ['backward dwh as an Int8Array', (b) => b.recurrentBackward({ ...bwd(), dwh: new Int8Array(100) as never })],
  ['backward dcT of the wrong length', (b) => b.recurrentBackward({ ...bwd(), dcT: F(9) })],
  ['gemm m = -2', (b) => b.gemm({ ...gemmArgs(), m: -2 })],
  ['gemm k as a string', (b) => b.gemm({ ...gemmArgs(), k: '4' as never })],
  ['gemm alpha as a string', (b) => b.gemm({ ...gemmArgs(), alpha: '1' as never })],
  ['gemm lda < k', (b) => b.gemm({ ...gemmArgs(), lda: 3 })],
  ['gemm a too short', (b) => b.gemm({ ...gemmArgs(), a: F(7) })],
  ['gemm c too short', (b) => b.gemm({ ...gemmArgs(), c: F(3) })],
  ['gemm float32 c', (b) => b.gemm({ ...gemmArgs(), c: new Float32Array(4) })],
  ['gemm transA as a number', (b) => b.gemm({ ...gemmArgs(), transA: 0 as never })],
  ['softmaxRows data too short', (b) => b.softmaxRows(F(5), 2, 3)],
  ['softmaxRows rows = 1.5', (b) => b.softmaxRows(F(6), 1.5, 4)],
  ['transpose src too short', (b) => b.transpose({ count: 2, rows: 3, cols: 4, src: F(23), ldSrc: 4, srcBatch: 12, dst: F(24), ldDst: 3, dstBatch: 12 })],
  ['transpose count = -1', (b) => b.transpose({ count: -1, rows: 3, cols: 4, src: F(24), ldSrc: 4, srcBatch: 12, dst: F(24), ldDst: 3, dstBatch: 12 })],
];

/** rnn-shaped forward arguments (one gate block, no cell state). */
const rnnFwd = (): RecurrentForwardArgs => ({ ...fwd(), cell: 'rnn', c0: null, cs: null, wx: F(X * H), wh: F(H * H), bx: F(H), gates: F(0) });

/** Misspelled activations, and an activation given to a cell it does not belong to. */
const ACTIVATION_CASES: [string, Call][] = [
  ['forward lstm with activation relu (an rnn option)', (b) => b.recurrentForward({ ...fwd(), activation: 'relu' })],
  ['forward rnn with recurrentActivation hardSigmoid (an lstm/gru option)', (b) => b.recurrentForward({ ...rnnFwd(), recurrentActivation: 'hardSigmoid' })],
  ['backward lstm with activation relu (an rnn option)', (b) => b.recurrentBackward({ ...bwd(), activation: 'relu' })],
  ['forward activation misspelled', (b) => b.recurrentForward({ ...rnnFwd(), activation: 'Relu' as never })],
  ['forward recurrentActivation as a number', (b) => b.recurrentForward({ ...fwd(), recurrentActivation: 1 as never })],
  ['backward recurrentActivation misspelled', (b) => b.recurrentBackward({ ...bwd(), recurrentActivation: 'hard_sigmoid' as never })],
];

function thrown(call: Call, backend: Backend): { cls: string; message: string } | null {
  try {
    call(backend);
    return null;
  } catch (e) {
    return { cls: (e as Error).constructor.name, message: (e as Error).message };
  }
}

describeAgainstTs('refuses bad kernel arguments with the error class and message of ts', (other, ts) => {
  for (const [name, call] of CASES) check(name, call, other, ts);
});

describeAgainstTs('refuses misspelled or misplaced activations with the error class and message of ts', (other, ts) => {
  for (const [name, call] of ACTIVATION_CASES) check(name, call, other, ts);
});

function check(name: string, call: Call, other: Backend, ts: Backend): void {
  it(name, () => {
    const want = thrown(call, ts);
    expect(want, 'ts must refuse it').not.toBeNull();
    expect(['TypeError', 'RangeError']).toContain(want!.cls);
    expect(thrown(call, other)).toEqual(want);
  });
}
