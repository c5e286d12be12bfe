/**
 * Bad input sent straight to the raw addon exports (no TS checks in front; arguments
 * positional, see positional.ts): each call throws a TypeError or RangeError naming the
 * field, and the process carries on.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findBackend, type Backend, type GemmArgs } from '@recur/core';
import { describe, expect, it } from 'vitest';
import { checkHugeEmptyDims } from '@recur/testkit/backend/huge-empty-dims';
import { nativeBackend, rawAddon, skipNative } from './native-under-test.js';
import { backwardParams, forwardParams, gemmParams } from './positional.js';
import { backwardArgs, forwardArgs, makeInputs, type SeqSpec } from './random-args.js';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const ts = findBackend('ts')!;
const LSTM: SeqSpec = { cell: 'lstm', resetAfter: false, T: 3, B: 2, X: 4, H: 5, withLengths: false };

function gemmArgs(): Record<string, unknown> {
  return {
    transA: false, transB: false, m: 2, n: 3, k: 4, alpha: 1,
    a: new Float64Array(8), lda: 4, b: new Float64Array(12), ldb: 3, beta: 0, c: new Float64Array(6), ldc: 3,
  };
}
const fwd = (over: Record<string, unknown> = {}) => ({ ...forwardArgs(LSTM, 'float64', makeInputs(LSTM, 'float64', 1)), ...over });
function bwd(over: Record<string, unknown> = {}) {
  const f = forwardArgs(LSTM, 'float64', makeInputs(LSTM, 'float64', 1));
  ts.recurrentForward(f);
  return { ...backwardArgs(LSTM, 'float64', f, 2), ...over };
}
function shared(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(8 * n));
}
function detached(n: number): Float64Array {
  const buf = new ArrayBuffer(8 * n);
  const view = new Float64Array(buf);
  structuredClone(buf, { transfer: [buf] });
  return view;
}

describe.skipIf(skipNative)('raw exports reject bad input with TypeError / RangeError', () => {
  const raw = rawAddon!;
  // The tests below read as calls with argument objects; these spell them positionally.
  const addon = {
    gemm: (o: object) => raw.gemm(...gemmParams(o as Record<string, unknown>)),
    softmaxRows: raw.softmaxRows,
    recurrentForward: (o: object) => raw.recurrentForward(...forwardParams(o as Record<string, unknown>)),
    recurrentBackward: (o: object) => raw.recurrentBackward(...backwardParams(o as Record<string, unknown>)),
  };
  const cases: [string, () => void, ErrorConstructor, RegExp][] = [
    ['gemm without arguments', () => (raw.gemm as () => void)(), TypeError, /gemm: expected 13 arguments \(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc\), got 0/],
    ['gemm(argument object)', () => (raw.gemm as (o: unknown) => void)(gemmArgs()), TypeError, /gemm: expected 13 arguments .*got 1/],
    ['gemm(null, ...)', () => addon.gemm({ ...gemmArgs(), transA: null }), TypeError, /gemm: transA must be a boolean, got null/],
    ['gemm with 14 arguments', () => (raw.gemm as (...a: unknown[]) => void)(...gemmParams(gemmArgs()), 0), TypeError, /expected 13 arguments .*got 14/],
    ['gemm missing transA', () => addon.gemm({ ...gemmArgs(), transA: undefined } as never), TypeError, /transA must be a boolean, got undefined/],
    ['gemm a as plain array', () => addon.gemm({ ...gemmArgs(), a: [1, 2, 3, 4, 5, 6, 7, 8] } as never), TypeError, /a must be a Float64Array or Float32Array, got an Array/],
    ['gemm b as Int8Array', () => addon.gemm({ ...gemmArgs(), b: new Int8Array(12) } as never), TypeError, /b must be a Float64Array or Float32Array, got an Int8Array/],
    ['gemm Float32 mixed with Float64', () => addon.gemm({ ...gemmArgs(), c: new Float32Array(6) } as never), TypeError, /c is a Float32Array but a is a Float64Array/],
    ['gemm a too short', () => addon.gemm({ ...gemmArgs(), a: new Float64Array(7) } as never), RangeError, /a must have at least 8 elements for shape \(2, 4\).*got 7/],
    ['gemm NaN m', () => addon.gemm({ ...gemmArgs(), m: NaN } as never), RangeError, /m must be a non-negative integer, got NaN/],
    ['gemm negative n', () => addon.gemm({ ...gemmArgs(), n: -1 } as never), RangeError, /n must be a non-negative integer, got -1/],
    ['gemm fractional k', () => addon.gemm({ ...gemmArgs(), k: 1.5 } as never), RangeError, /k must be a non-negative integer, got 1.5/],
    ['gemm m = 2**40', () => addon.gemm({ ...gemmArgs(), m: 2 ** 40 } as never), RangeError, /a must have at least 4398046511104 elements/],
    ['gemm huge ld overflow', () => addon.gemm({ ...gemmArgs(), m: 2 ** 52, lda: 2 ** 52 } as never), RangeError, /too large/],
    ['gemm lda below columns', () => addon.gemm({ ...gemmArgs(), lda: 3 } as never), RangeError, /lda must be >= 4/],
    ['gemm m as string', () => addon.gemm({ ...gemmArgs(), m: '2' } as never), TypeError, /m must be a non-negative integer, got a string/],
    ['gemm detached c', () => addon.gemm({ ...gemmArgs(), c: detached(6) } as never), TypeError, /c's ArrayBuffer is detached/],
    ['gemm c over a SharedArrayBuffer', () => addon.gemm({ ...gemmArgs(), c: shared(6) } as never), TypeError, /gemm: c is a view of a SharedArrayBuffer.*data race/],
    ['gemm alpha as string', () => addon.gemm({ ...gemmArgs(), alpha: '1' } as never), TypeError, /alpha must be a number, got a string/],
    ['transpose with 8 arguments', () => (raw.transpose as (...a: unknown[]) => void)(1, 1, 1, new Float64Array(1), 1, 0, new Float64Array(1), 1), TypeError, /transpose: expected 9 arguments \(count, rows, cols, src, ldSrc, srcBatch, dst, ldDst, dstBatch\), got 8/],
    ['transpose src too short', () => raw.transpose(2, 3, 4, new Float64Array(23), 4, 12, new Float64Array(24), 3, 12), RangeError, /transpose: src must have at least 24 elements/],
    ['transpose ldDst below rows', () => raw.transpose(1, 3, 4, new Float64Array(12), 4, 0, new Float64Array(12), 2, 0), RangeError, /ldDst must be >= rows \(3\), got 2/],
    ['transpose huge batch stride', () => raw.transpose(4097, 2, 2, new Float64Array(4), 2, 2 ** 52, new Float64Array(4), 2, 0), RangeError, /too large/],
    ['transpose src overlapping dst', () => { const b = new Float64Array(30); raw.transpose(1, 3, 4, b.subarray(0, 12), 4, 0, b.subarray(10, 22), 3, 0); }, RangeError, /transpose: src and dst overlap/],
    ['transpose mixed dtypes', () => raw.transpose(1, 1, 1, new Float64Array(1), 1, 0, new Float32Array(1), 1, 0), TypeError, /dst is a Float32Array but src is a Float64Array/],
    ['transpose detached dst', () => raw.transpose(1, 2, 2, new Float64Array(4), 2, 0, detached(4), 2, 0), TypeError, /dst's ArrayBuffer is detached/],
    ['softmaxRows with 2 arguments', () => (addon.softmaxRows as (...a: unknown[]) => void)(new Float64Array(4), 2), TypeError, /expected 3 arguments/],
    ['softmaxRows detached', () => addon.softmaxRows(detached(4), 2, 2), TypeError, /data's ArrayBuffer is detached/],
    ['softmaxRows over a SharedArrayBuffer', () => addon.softmaxRows(shared(4), 2, 2), TypeError, /softmaxRows: data is a view of a SharedArrayBuffer/],
    ['softmaxRows 2**40 x 2**40', () => addon.softmaxRows(new Float64Array(4), 2 ** 40, 2 ** 40), RangeError, /too large/],
    ['softmaxRows Infinity rows', () => addon.softmaxRows(new Float64Array(4), Infinity, 2), RangeError, /rows must be a non-negative integer, got Infinity/],
    ['forward missing x', () => addon.recurrentForward(fwd({ x: undefined }) as never), TypeError, /recurrentForward: x must be a Float64Array or Float32Array, got undefined/],
    ['forward unknown cell', () => addon.recurrentForward(fwd({ cell: 'lstmx' }) as never), RangeError, /cell must be 'rnn', 'lstm' or 'gru', got 'lstmx'/],
    ['forward cell missing', () => addon.recurrentForward(fwd({ cell: undefined }) as never), TypeError, /cell must be 'rnn', 'lstm' or 'gru', got undefined/],
    ['forward cell code 3', () => addon.recurrentForward(fwd({ cell: 3 }) as never), RangeError, /cell must be 'rnn', 'lstm' or 'gru' \(or their codes 0, 1, 2\), got 3/],
    ['forward cell code 1.5', () => addon.recurrentForward(fwd({ cell: 1.5 }) as never), RangeError, /got 1.5/],
    ['forward x over a SharedArrayBuffer', () => addon.recurrentForward(fwd({ x: new Float64Array(new SharedArrayBuffer(8 * 24)) }) as never), TypeError, /recurrentForward: x is a view of a SharedArrayBuffer/],
    ['forward lengths over a SharedArrayBuffer', () => addon.recurrentForward(fwd({ lengths: new Int32Array(new SharedArrayBuffer(8)) }) as never), TypeError, /lengths is a view of a SharedArrayBuffer/],
    ['forward with 18 arguments', () => (raw.recurrentForward as (...a: unknown[]) => void)(...forwardParams(fwd()).slice(0, 18)), TypeError, /recurrentForward: expected 19 arguments .*got 18/],
    ['forward unknown activation', () => addon.recurrentForward(fwd({ activation: 'sigmoid' }) as never), TypeError, /recurrentForward: activation must be 'tanh' or 'relu', got 'sigmoid'/],
    ['forward unknown recurrentActivation', () => addon.recurrentForward(fwd({ recurrentActivation: 'hard_sigmoid' }) as never), TypeError, /recurrentForward: recurrentActivation must be 'sigmoid' or 'hardSigmoid', got 'hard_sigmoid'/],
    ['forward recurrentActivation not a string', () => addon.recurrentForward(fwd({ recurrentActivation: 1 }) as never), TypeError, /recurrentForward: recurrentActivation must be 'sigmoid' or 'hardSigmoid', got .*1/],
    ['forward lstm without cs', () => addon.recurrentForward(fwd({ cs: null }) as never), TypeError, /cs must be a Float64Array or Float32Array, got null/],
    ['forward wh of the wrong length', () => addon.recurrentForward(fwd({ wh: new Float64Array(99) }) as never), RangeError, /wh must have 100 elements for shape \(5, 20\) \[H, G\*H\], got 99/],
    ['forward wx as Float32Array', () => addon.recurrentForward(fwd({ wx: new Float32Array(80) }) as never), TypeError, /wx is a Float32Array but x is a Float64Array/],
    ['forward lengths as Float64Array', () => addon.recurrentForward(fwd({ lengths: new Float64Array(2) }) as never), TypeError, /lengths must be an Int32Array, got a Float64Array/],
    ['forward lengths above T', () => addon.recurrentForward(fwd({ lengths: Int32Array.of(3, 4) }) as never), RangeError, /lengths\[1\] = 4 is outside 0..=3/],
    ['forward T = 2**40', () => addon.recurrentForward(fwd({ T: 2 ** 40 }) as never), RangeError, /x must have 8796093022208 elements/],
    ['forward T*B*X overflows', () => addon.recurrentForward(fwd({ T: 2 ** 40, B: 2 ** 40, X: 2 ** 40 }) as never), RangeError, /more elements than memory can hold/],
    ['forward H negative', () => addon.recurrentForward(fwd({ H: -5 }) as never), RangeError, /H must be a non-negative integer, got -5/],
    ['forward detached h0', () => addon.recurrentForward(fwd({ h0: detached(10) }) as never), TypeError, /h0's ArrayBuffer is detached/],
    ['forward resetAfter as number', () => addon.recurrentForward(fwd({ resetAfter: 1 }) as never), TypeError, /resetAfter must be a boolean, got the number 1/],
    ['backward missing dx', () => addon.recurrentBackward(bwd({ dx: undefined }) as never), TypeError, /recurrentBackward: dx must be a Float64Array/],
    ['backward dhs of the wrong length', () => addon.recurrentBackward(bwd({ dhs: new Float64Array(29) }) as never), RangeError, /dhs must have 30 elements for shape \(3, 2, 5\) \[T, B, H\], got 29/],
    ['backward dwh as Int8Array', () => addon.recurrentBackward(bwd({ dwh: new Int8Array(100) }) as never), TypeError, /dwh must be a Float64Array or Float32Array, got an Int8Array/],
    ['backward dc0 over a SharedArrayBuffer', () => addon.recurrentBackward(bwd({ dc0: shared(10) }) as never), TypeError, /recurrentBackward: dc0 is a view of a SharedArrayBuffer/],
    ['backward lstm dcT of the wrong length', () => addon.recurrentBackward(bwd({ dcT: new Float64Array(9) }) as never), RangeError, /dcT must have 10 elements for shape \(2, 5\) \[B, H\], got 9/],
  ];
  for (const [name, call, errorClass, message] of cases) {
    it(name, () => {
      let thrown: unknown;
      try {
        call();
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(errorClass);
      expect((thrown as Error).message).toMatch(message);
    });
  }

  it('the ts backend refuses T = 1.5, m = -2 and mixed dtypes with the same class and message (one declaration of the checks)', () => {
    const error = (call: () => void) => {
      try {
        call();
      } catch (e) {
        return { cls: (e as Error).constructor.name, message: (e as Error).message };
      }
      return null;
    };
    const g = gemmArgs() as unknown as GemmArgs;
    const calls: [string, (b: Backend) => void][] = [
      ['T = 1.5', (b) => b.recurrentForward({ ...fwd(), T: 1.5 } as never)],
      ['m = -2', (b) => b.gemm({ ...g, m: -2 })],
      ['float32 x, float64 weights', (b) => b.recurrentForward({ ...fwd(), x: new Float32Array(LSTM.T * LSTM.B * LSTM.X) } as never)],
    ];
    for (const [name, call] of calls) {
      const want = error(() => call(nativeBackend));
      expect(want, name).not.toBeNull();
      expect(error(() => call(ts)), name).toEqual(want);
    }
  });

  it('rejects overlapping outputs, naming both', () => {
    const buf = new Float64Array(30 + 120);
    const hs = buf.subarray(0, 30);
    const gates = buf.subarray(20, 140);
    expect(() => addon.recurrentForward(fwd({ hs, gates }) as never)).toThrow(/outputs hs and gates overlap/);
    const b = bwd();
    const shared = new Float64Array(24 + 80);
    expect(() => addon.recurrentBackward({ ...b, dx: shared.subarray(0, 24), dwx: shared.subarray(23, 103) } as never)).toThrow(
      /outputs dx and dwx overlap/,
    );
  });

  it('computes correctly when an input overlaps an output (the input is copied first)', () => {
    // C = A·A with C being A itself.
    const a = Float64Array.of(1, 2, 3, 4);
    addon.gemm({ transA: false, transB: false, m: 2, n: 2, k: 2, alpha: 1, a, lda: 2, b: a, ldb: 2, beta: 0, c: a, ldc: 2 });
    expect(Array.from(a)).toEqual([7, 10, 15, 22]);
    // Forward with x stored inside hs's buffer region: same result as separate arrays.
    const s: SeqSpec = { cell: 'gru', resetAfter: true, T: 3, B: 2, X: 5, H: 5, withLengths: false };
    const separate = forwardArgs(s, 'float64', makeInputs(s, 'float64', 3));
    addon.recurrentForward(separate);
    const aliased = forwardArgs(s, 'float64', makeInputs(s, 'float64', 3));
    const hs = aliased.x.slice(); // same length (T*B*X = T*B*H): x and hs share memory
    aliased.hs = hs;
    aliased.x = hs;
    hs.set(separate.x);
    addon.recurrentForward(aliased);
    expect(Array.from(aliased.hs)).toEqual(Array.from(separate.hs));
  });

  it('a getter that detaches a buffer cannot make the addon read freed memory', () => {
    // Getters run in nativeBackend, which unpacks the object before the call; the addon then
    // finds x detached (no JavaScript runs while the addon reads its arguments).
    const args = fwd();
    const x = args.x as Float64Array;
    const sneaky = { ...args };
    Object.defineProperty(sneaky, 'hs', {
      get() {
        structuredClone(x.buffer, { transfer: [x.buffer as ArrayBuffer] });
        return args.hs;
      },
      enumerable: true,
    });
    expect(() => nativeBackend.recurrentForward(sneaky as never)).toThrow(/x's ArrayBuffer is detached/);
  });

  it('an exception thrown by a getter propagates unchanged', () => {
    const proxy = new Proxy(fwd(), {
      get(target, key) {
        if (key === 'wh') throw new SyntaxError('from the getter');
        return Reflect.get(target, key);
      },
    });
    expect(() => nativeBackend.recurrentForward(proxy as never)).toThrow(SyntaxError);
  });

  it('empty shapes with huge dims return at once (no loop over nothing)', () => {
    checkHugeEmptyDims(addon);
  });

  it('the process survives the worst calls (run in a child process)', () => {
    const script = `
      const m = await import('@recur/native');
      const a = m.rawAddon;
      const tries = [
        () => a.__panicForTest(),
        () => a.gemm(),
        () => a.gemm(42),
        () => a.recurrentForward(new Proxy({}, { get() { throw new Error('trap'); } })),
        () => m.nativeBackend.recurrentForward(new Proxy({}, { get() { throw new Error('trap'); } })),
        () => { const b = new ArrayBuffer(64); const v = new Float64Array(b); structuredClone(b, { transfer: [b] }); a.softmaxRows(v, 2, 4); },
        () => a.softmaxRows(new Float64Array(8), 2 ** 53, 2 ** 53),
        () => a.softmaxRows(new Float64Array(8).subarray(8), 1, 1),
        () => a.gemm(true, true, 2 ** 40, 2 ** 40, 2 ** 40, 1, new Float64Array(1), 2 ** 40, new Float64Array(1), 2 ** 40, 1, new Float64Array(1), 2 ** 40),
        () => { const m = new Float64Array(10); const v = m.subarray(0, 1); a.recurrentForward('rnn', false, 1, 1, 1, 1, v, v, null, v, v, v, null, null, v, null, m.subarray(0, 0), null, null); },
        () => a.gemm(false, false, 1, 1, 1, 1, new Float64Array(new SharedArrayBuffer(8)), 1, new Float64Array(1), 1, 0, new Float64Array(1), 1),
      ];
      for (const t of tries) { try { t(); console.log('ok'); } catch (e) { console.log(e.constructor.name); } }
      console.log('survived');
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: pkgDir, encoding: 'utf8', env: { ...process.env, RECUR_REQUIRE_NATIVE: '1' } });
    expect(r.signal, r.stderr).toBeNull();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['Error', 'TypeError', 'TypeError', 'TypeError', 'Error', 'TypeError', 'RangeError', 'RangeError', 'RangeError', 'ok', 'TypeError', 'survived']);
    expect(r.stderr).toBe('');
  });
});
