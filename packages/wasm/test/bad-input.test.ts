/**
 * Bad input: the wasm backend refuses everything the native addon refuses, with the same
 * error class and message (compared call by call with the native backend when it loads,
 * else against the expected message); a failed call changes no output and leaves the
 * module usable; a trap inside the module becomes an Error and the next call works.
 */
import { findBackend, type Backend } from '@recur/core';
import { describe, expect, it } from 'vitest';
import { checkHugeEmptyDims } from '@recur/testkit/backend/huge-empty-dims';
import { backwardArgs, forwardArgs, makeInputs, type SeqSpec } from '../../native/test/random-args.ts';
import { initWasm, wasmBackend, wasmMachine, MEMORY_LIMIT_BYTES } from '../src/index.ts';

const loaded = await initWasm();
if (!loaded.available) throw new Error(`recur.wasm did not load: ${loaded.reason}`);
const native = await import('@recur/native').then((m) => (m.available ? (m.nativeBackend as Backend) : null)).catch(() => null);
const ts = findBackend('ts')!;

const LSTM: SeqSpec = { cell: 'lstm', resetAfter: false, T: 3, B: 2, X: 4, H: 5, withLengths: false };
const gemmArgs = (over: object = {}) => ({
  transA: false, transB: false, m: 2, n: 3, k: 4, alpha: 1,
  a: new Float64Array(8), lda: 4, b: new Float64Array(12), ldb: 3, beta: 0, c: new Float64Array(6), ldc: 3, ...over,
});
const fwd = (over: object = {}) => ({ ...forwardArgs(LSTM, 'float64', makeInputs(LSTM, 'float64', 1)), ...over });
function bwd(over: object = {}) {
  const f = forwardArgs(LSTM, 'float64', makeInputs(LSTM, 'float64', 1));
  ts.recurrentForward(f);
  return { ...backwardArgs(LSTM, 'float64', f, 2), ...over };
}
const shared = (n: number) => new Float64Array(new SharedArrayBuffer(8 * n));
function detached(n: number): Float64Array {
  const buf = new ArrayBuffer(8 * n);
  const view = new Float64Array(buf);
  structuredClone(buf, { transfer: [buf] });
  return view;
}

type Call = (b: Backend) => void;
const g = (over: object): Call => (b) => b.gemm(gemmArgs(over) as never);
const f = (over: object): Call => (b) => b.recurrentForward(fwd(over) as never);
const bw = (over: object): Call => (b) => b.recurrentBackward(bwd(over) as never);
const sm = (...a: unknown[]): Call => (b) => (b.softmaxRows as (...a: unknown[]) => void)(...a);

const CASES: [string, Call, ErrorConstructor, RegExp][] = [
  ['gemm transA null', g({ transA: null }), TypeError, /gemm: transA must be a boolean, got null/],
  ['gemm a as plain array', g({ a: [1, 2, 3, 4, 5, 6, 7, 8] }), TypeError, /a must be a Float64Array or Float32Array, got an Array/],
  ['gemm b as Int8Array', g({ b: new Int8Array(12) }), TypeError, /b must be a Float64Array or Float32Array, got an Int8Array/],
  ['gemm Float32 mixed with Float64', g({ c: new Float32Array(6) }), TypeError, /c is a Float32Array but a is a Float64Array/],
  ['gemm a too short', g({ a: new Float64Array(7) }), RangeError, /a must have at least 8 elements for shape \(2, 4\).*got 7/],
  ['gemm NaN m', g({ m: NaN }), RangeError, /m must be a non-negative integer, got NaN/],
  ['gemm negative n', g({ n: -1 }), RangeError, /n must be a non-negative integer, got -1/],
  ['gemm fractional k', g({ k: 1.5 }), RangeError, /k must be a non-negative integer, got 1.5/],
  ['gemm m = 2**40', g({ m: 2 ** 40 }), RangeError, /a must have at least 4398046511104 elements/],
  ['gemm huge ld overflow', g({ m: 2 ** 52, lda: 2 ** 52 }), RangeError, /too large/],
  ['gemm lda below columns', g({ lda: 3 }), RangeError, /lda must be >= 4/],
  ['gemm m as string', g({ m: '2' }), TypeError, /m must be a non-negative integer, got a string/],
  ['gemm detached c', g({ c: detached(6) }), TypeError, /c's ArrayBuffer is detached/],
  ['gemm c over a SharedArrayBuffer', g({ c: shared(6) }), TypeError, /gemm: c is a view of a SharedArrayBuffer.*data race/],
  ['gemm alpha as string', g({ alpha: '1' }), TypeError, /alpha must be a number, got a string/],
  ['softmaxRows detached', sm(detached(4), 2, 2), TypeError, /data's ArrayBuffer is detached/],
  ['softmaxRows over a SharedArrayBuffer', sm(shared(4), 2, 2), TypeError, /softmaxRows: data is a view of a SharedArrayBuffer/],
  ['softmaxRows 2**40 x 2**40', sm(new Float64Array(4), 2 ** 40, 2 ** 40), RangeError, /too large/],
  ['softmaxRows Infinity rows', sm(new Float64Array(4), Infinity, 2), RangeError, /rows must be a non-negative integer, got Infinity/],
  ['softmaxRows data too short', sm(new Float64Array(3), 2, 2), RangeError, /data must have at least 4 elements for shape \(2, 2\) \[rows, cols\], got 3/],
  ['forward missing x', f({ x: undefined }), TypeError, /recurrentForward: x must be a Float64Array or Float32Array, got undefined/],
  ['forward unknown cell', f({ cell: 'lstmx' }), RangeError, /cell must be 'rnn', 'lstm' or 'gru', got 'lstmx'/],
  ['forward cell missing', f({ cell: undefined }), TypeError, /cell must be 'rnn', 'lstm' or 'gru', got undefined/],
  ['forward x over a SharedArrayBuffer', f({ x: shared(24) }), TypeError, /recurrentForward: x is a view of a SharedArrayBuffer/],
  ['forward lstm without cs', f({ cs: null }), TypeError, /cs must be a Float64Array or Float32Array, got null/],
  ['forward wh of the wrong length', f({ wh: new Float64Array(99) }), RangeError, /wh must have 100 elements for shape \(5, 20\) \[H, G\*H\], got 99/],
  ['forward wx as Float32Array', f({ wx: new Float32Array(80) }), TypeError, /wx is a Float32Array but x is a Float64Array/],
  ['forward lengths as Float64Array', f({ lengths: new Float64Array(2) }), TypeError, /lengths must be an Int32Array, got a Float64Array/],
  ['forward lengths above T', f({ lengths: Int32Array.of(3, 4) }), RangeError, /lengths\[1\] = 4 is outside 0..=3/],
  ['forward T = 2**40', f({ T: 2 ** 40 }), RangeError, /x must have 8796093022208 elements/],
  ['forward T*B*X overflows', f({ T: 2 ** 40, B: 2 ** 40, X: 2 ** 40 }), RangeError, /more elements than memory can hold/],
  ['forward H negative', f({ H: -5 }), RangeError, /H must be a non-negative integer, got -5/],
  ['forward detached h0', f({ h0: detached(10) }), TypeError, /h0's ArrayBuffer is detached/],
  ['forward resetAfter as number', f({ resetAfter: 1 }), TypeError, /resetAfter must be a boolean, got the number 1/],
  ['forward misspelled gate activation', f({ recurrentActivation: 'hard_sigmoid' }), TypeError, /recurrentActivation must be 'sigmoid' or 'hardSigmoid'/],
  ['backward missing dx', bw({ dx: undefined }), TypeError, /recurrentBackward: dx must be a Float64Array/],
  ['backward dhs of the wrong length', bw({ dhs: new Float64Array(29) }), RangeError, /dhs must have 30 elements for shape \(3, 2, 5\) \[T, B, H\], got 29/],
  ['backward dwh as Int8Array', bw({ dwh: new Int8Array(100) }), TypeError, /dwh must be a Float64Array or Float32Array, got an Int8Array/],
  ['backward dc0 over a SharedArrayBuffer', bw({ dc0: shared(10) }), TypeError, /recurrentBackward: dc0 is a view of a SharedArrayBuffer/],
  ['backward lstm dcT of the wrong length', bw({ dcT: new Float64Array(9) }), RangeError, /dcT must have 10 elements for shape \(2, 5\) \[B, H\], got 9/],
];

function thrownBy(call: () => void): Error | undefined {
  try {
    call();
  } catch (e) {
    return e as Error;
  }
  return undefined;
}

describe('the wasm backend refuses bad input as the native addon does', () => {
  for (const [name, call, errorClass, message] of CASES) {
    it(name, () => {
      const got = thrownBy(() => call(wasmBackend));
      expect(got).toBeInstanceOf(errorClass);
      expect(got!.message).toMatch(message);
      if (native !== null) {
        const want = thrownBy(() => call(native));
        // Activations are the backends' own words; everything else is word for word the addon's.
        const normalise = (m: string) => m.replace(/@recur\/(native|wasm)|(native|wasm) backend/g, '<backend>');
        expect(got!.constructor).toBe(want!.constructor);
        expect(normalise(got!.message)).toBe(normalise(want!.message));
      }
    });
  }

  it('rejects overlapping outputs, naming both', () => {
    const buf = new Float64Array(30 + 120);
    expect(() => wasmBackend.recurrentForward(fwd({ hs: buf.subarray(0, 30), gates: buf.subarray(20, 140) }) as never)).toThrow(
      /outputs hs and gates overlap/,
    );
  });

  it('computes correctly when an input is also the output (gemm C = A·A in place)', () => {
    const a = Float64Array.of(1, 2, 3, 4);
    wasmBackend.gemm({ transA: false, transB: false, m: 2, n: 2, k: 2, alpha: 1, a, lda: 2, b: a, ldb: 2, beta: 0, c: a, ldc: 2 });
    expect(Array.from(a)).toEqual([7, 10, 15, 22]);
  });

  it('empty shapes with huge dims return at once and backward zeroes its gradients', () => {
    checkHugeEmptyDims(wasmBackend);
  });

  it('a stride above 32 bits on a one-row matrix is accepted (it is never used)', () => {
    const a = Float64Array.of(1, 2);
    const b = Float64Array.of(3, 4);
    const c = new Float64Array(1);
    wasmBackend.gemm({ transA: false, transB: false, m: 1, n: 1, k: 2, alpha: 1, a, lda: 2 ** 40, b, ldb: 1, beta: 0, c, ldc: 2 ** 40 });
    expect(c[0]).toBe(11);
  });
});

describe('a failed call leaves the module usable and the outputs untouched', () => {
  it('a refused call, then a correct one', () => {
    const good = fwd();
    const hs = good.hs.slice().fill(7);
    expect(() => wasmBackend.recurrentForward({ ...good, hs, wh: new Float64Array(3) } as never)).toThrow(RangeError);
    expect(Array.from(hs).every((v) => v === 7)).toBe(true);
    const want = fwd();
    ts.recurrentForward(want);
    wasmBackend.recurrentForward(good);
    expect(Array.from(good.hs)).toEqual(Array.from(want.hs).map((v, i) => (Math.abs(v - good.hs[i]) <= 1e-12 ? good.hs[i] : v)));
  });

  it('a call too large for wasm32 memory is a RangeError naming the argument and the size, then a correct call works', () => {
    // 3 x 2**28 float64 = 6 GiB: more than a wasm32 memory can hold (no need to allocate them: views of one buffer).
    const n = 2 ** 14;
    const big = new Float64Array(1);
    const call = () =>
      wasmBackend.gemm({ transA: false, transB: false, m: n, n, k: n, alpha: 1, a: big, lda: n, b: big, ldb: n, beta: 0, c: big, ldc: n });
    expect(call).toThrow(/a must have at least 268435456 elements/);
    const lots = new Float64Array(MEMORY_LIMIT_BYTES / 8 / 2 + 16);
    const err = thrownBy(() => wasmBackend.softmaxRows(lots.subarray(0, 0), 0, 0));
    expect(err).toBeUndefined();
    const tooBig = thrownBy(() =>
      wasmBackend.gemm({ transA: false, transB: false, m: 1, n: lots.length, k: 1, alpha: 1, a: lots.subarray(0, 1), lda: 1, b: lots, ldb: lots.length, beta: 0, c: lots, ldc: lots.length }),
    );
    expect(tooBig).toBeInstanceOf(RangeError);
    expect(tooBig!.message).toMatch(/gemm: b needs \d+ bytes and the call's arrays \d+ bytes in all, more than a WebAssembly \(wasm32\) memory can hold/);
    const c = new Float64Array(1);
    wasmBackend.gemm({ transA: false, transB: false, m: 1, n: 1, k: 1, alpha: 1, a: Float64Array.of(2), lda: 1, b: Float64Array.of(3), ldb: 1, beta: 0, c, ldc: 1 });
    expect(c[0]).toBe(6);
  });

  it('a trap inside the module is an Error naming the kernel, and the next call works', () => {
    const m = wasmMachine()!;
    expect(() => m.call('trapTest', (raw) => (raw.recur_trap_for_test(), 0))).toThrow(/trapTest: internal error in the WebAssembly kernel \(trap/);
    const c = new Float32Array(4);
    const a = Float32Array.of(1, 2, 3, 4);
    wasmBackend.gemm({ transA: false, transB: false, m: 2, n: 2, k: 2, alpha: 1, a, lda: 2, b: a, ldb: 2, beta: 0, c, ldc: 2 });
    expect(Array.from(c)).toEqual([7, 10, 15, 22]);
  });
});
