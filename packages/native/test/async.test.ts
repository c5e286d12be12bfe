/**
 * The async kernels (gemmAsync, recurrentForwardAsync, recurrentBackwardAsync): same results
 * as the sync ones, the event loop keeps running while one is pending, concurrent calls do
 * not interfere, bad input and panics reject the promise, and calls that would race with a
 * pending one are refused.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CellKind, GemmArgs, RecurrentForwardArgs } from '@recur/core';
import { describe, expect, it } from 'vitest';
import { createNativeBackend } from '../src/backend.js';
import { nativeBackend, rawAddon, skipNative } from './native-under-test.js';
import { backwardArgs, forwardArgs, makeInputs, random, rng, withFreshGradients, type Dtype, type SeqSpec } from './random-args.js';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const native = nativeBackend;
const plain = (a: ArrayLike<number> | null | undefined) => (a == null ? a : Array.from(a));

/** Ticks of a 1 ms interval while `work` runs (sync work: the ticks it let through). */
async function ticksDuring(work: () => unknown): Promise<number> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  try {
    await work();
    return ticks;
  } finally {
    clearInterval(timer);
  }
}

/** Big enough to take tens of ms on any CPU (2.5 GFLOP): f32 lstm, T=50 B=64 X=128 H=256. */
const LONG: SeqSpec = { cell: 'lstm', resetAfter: false, T: 50, B: 64, X: 128, H: 256, withLengths: false };
/** For checks made before the test yields: a pending call holds its memory until its
 *  completion runs on this thread, which cannot happen before an await, however fast the
 *  worker is. So a small call is "pending" for as long as the test needs. */
const SMALL: SeqSpec = { cell: 'lstm', resetAfter: false, T: 6, B: 4, X: 5, H: 7, withLengths: false };

describe.skipIf(skipNative)('async kernels give the sync results', () => {
  const cases: [CellKind, Dtype, Partial<SeqSpec>][] = [
    ['rnn', 'float64', {}],
    ['lstm', 'float64', { withLengths: true }],
    ['gru', 'float64', { resetAfter: true }],
    ['lstm', 'float32', {}],
    ['gru', 'float32', { withLengths: true }],
    ['lstm', 'float64', { T: 0 }],
    ['gru', 'float64', { B: 0 }],
  ];
  for (const [cell, dtype, over] of cases) {
    it(`${cell} ${dtype} ${JSON.stringify(over)}: forward and backward`, async () => {
      const s: SeqSpec = { cell, resetAfter: false, T: 7, B: 3, X: 5, H: 6, withLengths: false, ...over };
      const inputs = makeInputs(s, dtype, 42);
      const sync = forwardArgs(s, dtype, inputs);
      const async = forwardArgs(s, dtype, inputs);
      native.recurrentForward(sync);
      await native.recurrentForwardAsync(async);
      for (const k of ['hs', 'cs', 'gates'] as const) expect(plain(async[k]), k).toEqual(plain(sync[k]));

      const bSync = backwardArgs(s, dtype, sync, 43);
      const bAsync = withFreshGradients(bSync);
      native.recurrentBackward(bSync);
      await native.recurrentBackwardAsync(bAsync);
      for (const k of ['dx', 'dh0', 'dc0', 'dwx', 'dwh', 'dbx', 'dbh'] as const) expect(plain(bAsync[k]), k).toEqual(plain(bSync[k]));
    });
  }

  it('an input that is also the output is read before it is overwritten (C = A·A in place)', async () => {
    const a = Float64Array.of(1, 2, 3, 4);
    await native.gemmAsync({ transA: false, transB: false, m: 2, n: 2, k: 2, alpha: 1, a, lda: 2, b: a, ldb: 2, beta: 0, c: a, ldc: 2 });
    expect(Array.from(a)).toEqual([7, 10, 15, 22]);
  });

  it('gemmAsync equals gemm (transposes, strides, alpha/beta, f32 and f64)', async () => {
    const r = rng(3);
    for (const dtype of ['float64', 'float32'] as const) {
      for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]]) {
        const [m, n, k] = [7, 13, 19];
        const a = random(r, dtype, m * k);
        const b = random(r, dtype, k * n);
        const c = random(r, dtype, m * (n + 2));
        const args = { transA, transB, m, n, k, alpha: 0.5, a, lda: transA ? m : k, b, ldb: transB ? k : n, beta: 2, ldc: n + 2 };
        const want = { ...args, c: c.slice() };
        const got = { ...args, c: c.slice() };
        native.gemm(want);
        await native.gemmAsync(got);
        expect(plain(got.c)).toEqual(plain(want.c));
      }
    }
  });
});

describe.skipIf(skipNative)('the event loop keeps running during an async call', () => {
  it('a 1 ms interval fires while recurrentForwardAsync runs, and not during recurrentForward', async () => {
    const inputs = makeInputs(LONG, 'float32', 7);
    const sync = forwardArgs(LONG, 'float32', inputs);
    const async = forwardArgs(LONG, 'float32', inputs);
    const blocked = await ticksDuring(() => native.recurrentForward(sync));
    const free = await ticksDuring(() => native.recurrentForwardAsync(async));
    expect(blocked).toBe(0);
    expect(free).toBeGreaterThanOrEqual(5);
    expect(plain(async.hs)).toEqual(plain(sync.hs));
  });

  it('and while recurrentBackwardAsync runs', async () => {
    const fwd = forwardArgs(LONG, 'float32', makeInputs(LONG, 'float32', 8));
    native.recurrentForward(fwd);
    const sync = backwardArgs(LONG, 'float32', fwd, 9);
    const async = withFreshGradients(sync);
    const blocked = await ticksDuring(() => native.recurrentBackward(sync));
    const free = await ticksDuring(() => native.recurrentBackwardAsync(async));
    expect(blocked).toBe(0);
    expect(free).toBeGreaterThanOrEqual(5);
    expect(plain(async.dwh)).toEqual(plain(sync.dwh));
  });
});

describe.skipIf(skipNative)('concurrent async calls', () => {
  it('24 concurrent forwards over shared weights equal the sequential sync results', async () => {
    const s: SeqSpec = { cell: 'lstm', resetAfter: false, T: 9, B: 4, X: 6, H: 8, withLengths: true };
    const weights = makeInputs(s, 'float64', 100);
    const calls = Array.from({ length: 24 }, (_, i) => {
      const own = makeInputs(s, 'float64', 200 + i);
      // x, h0, c0 and lengths per call; wx, wh, bx, bh shared by all (read-only: allowed).
      return forwardArgs(s, 'float64', { ...weights, x: own.x, h0: own.h0, c0: own.c0, lengths: own.lengths });
    });
    const expected = calls.map((c) => {
      const copy = { ...c, hs: c.hs.slice(), cs: c.cs!.slice(), gates: c.gates.slice() };
      native.recurrentForward(copy);
      return copy;
    });
    await Promise.all(calls.map((c) => native.recurrentForwardAsync(c)));
    calls.forEach((c, i) => {
      expect(plain(c.hs), `call ${i} hs`).toEqual(plain(expected[i].hs));
      expect(plain(c.gates), `call ${i} gates`).toEqual(plain(expected[i].gates));
    });
  });

  it('mixed gemmAsync and recurrentBackwardAsync calls in flight together', async () => {
    const s: SeqSpec = { cell: 'gru', resetAfter: true, T: 6, B: 5, X: 4, H: 7, withLengths: false };
    const fwd = forwardArgs(s, 'float32', makeInputs(s, 'float32', 11));
    native.recurrentForward(fwd);
    const backs = Array.from({ length: 6 }, (_, i) => backwardArgs(s, 'float32', fwd, 300 + i));
    const want = backs.map((b) => {
      const copy = withFreshGradients(b);
      native.recurrentBackward(copy);
      return copy;
    });
    const r = rng(12);
    const gemms: GemmArgs[] = Array.from({ length: 6 }, () => ({
      transA: false, transB: false, m: 9, n: 9, k: 9, alpha: 1, a: random(r, 'float32', 81), lda: 9, b: random(r, 'float32', 81), ldb: 9, beta: 0, c: new Float32Array(81), ldc: 9,
    }));
    const gemmWant = gemms.map((g) => {
      const copy = { ...g, c: new Float32Array(81) };
      native.gemm(copy);
      return copy.c;
    });
    await Promise.all([...backs.map((b) => native.recurrentBackwardAsync(b)), ...gemms.map((g) => native.gemmAsync(g))]);
    backs.forEach((b, i) => expect(plain(b.dwx), `backward ${i}`).toEqual(plain(want[i].dwx)));
    gemms.forEach((g, i) => expect(plain(g.c), `gemm ${i}`).toEqual(plain(gemmWant[i])));
  });
});

describe.skipIf(skipNative)('async calls reject on bad input, panics and races', () => {
  const s: SeqSpec = { cell: 'lstm', resetAfter: false, T: 3, B: 2, X: 4, H: 5, withLengths: false };
  const fwd = (over: Partial<RecurrentForwardArgs> = {}): RecurrentForwardArgs => ({ ...forwardArgs(s, 'float64', makeInputs(s, 'float64', 1)), ...over });

  it('bad arguments give a rejected promise (never a synchronous throw) with TypeError / RangeError', async () => {
    const cases: [() => Promise<void>, ErrorConstructor, RegExp][] = [
      [() => native.recurrentForwardAsync(fwd({ wh: new Float64Array(99) })), RangeError, /recurrentForwardAsync: wh must have 100 elements for shape \(5, 20\)/],
      [() => native.recurrentForwardAsync(fwd({ x: new Float32Array(24) })), TypeError, /recurrentForwardAsync: .*Float32Array/],
      [() => native.recurrentForwardAsync(fwd({ hs: new Float64Array(new SharedArrayBuffer(240)) })), TypeError, /hs is a view of a SharedArrayBuffer/],
      [() => native.recurrentForwardAsync(fwd({ cell: 'lstmx' as CellKind })), RangeError, /cell must be 'rnn', 'lstm' or 'gru', got 'lstmx'/],
      [() => native.recurrentForwardAsync(null as never), TypeError, /null/],
      [() => native.recurrentBackwardAsync({ ...backwardArgs(s, 'float64', fwd(), 2), dx: undefined } as never), TypeError, /recurrentBackwardAsync: dx must be a Float64Array/],
      [() => native.gemmAsync({ transA: false, transB: false, m: 2, n: 2, k: 2, alpha: 1, a: new Float64Array(3), lda: 2, b: new Float64Array(4), ldb: 2, beta: 0, c: new Float64Array(4), ldc: 2 }), RangeError, /gemmAsync: a must have at least 4 elements/],
      [() => (rawAddon!.recurrentForwardAsync as (...a: unknown[]) => Promise<void>)(1, false), TypeError, /recurrentForwardAsync: expected 19 arguments/],
      [() => {
        const shared = new Float64Array(30 + 120);
        return native.recurrentForwardAsync(fwd({ hs: shared.subarray(0, 30), gates: shared.subarray(20, 140) }));
      }, RangeError, /recurrentForwardAsync: outputs hs and gates overlap in memory/],
    ];
    for (const [call, errorClass, message] of cases) {
      let promise: Promise<void> | undefined;
      expect(() => (promise = call())).not.toThrow();
      expect(promise).toBeInstanceOf(Promise);
      const error = await promise!.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(errorClass);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('a panic on the worker thread rejects with an Error and the process carries on', async () => {
    await expect(rawAddon!.__panicForTestAsync()).rejects.toThrow(/__panicForTestAsync: internal error in the native kernel \(Rust panic\): deliberate panic/);
    const again = fwd();
    await native.recurrentForwardAsync(again);
    expect(Number.isFinite(again.hs[0])).toBe(true);
  });

  it('refuses calls that would race with a pending one, naming both arrays; shared inputs are fine', async () => {
    const inputs = makeInputs(SMALL, 'float32', 21);
    const pending = forwardArgs(SMALL, 'float32', inputs);
    const running = native.recurrentForwardAsync(pending);
    // Writing what the pending call writes (sync), or reading it (async): refused.
    const writer = { ...forwardArgs(SMALL, 'float32', inputs), gates: pending.gates };
    expect(() => native.recurrentForward(writer)).toThrow(/recurrentForward: gates shares memory with gates of a pending recurrentForwardAsync call/);
    const reader = { ...forwardArgs(SMALL, 'float32', inputs), x: pending.hs.subarray(0, SMALL.T * SMALL.B * SMALL.X) };
    await expect(native.recurrentForwardAsync(reader)).rejects.toThrow(RangeError);
    // Writing what the pending call reads: refused too.
    expect(() => native.gemm({ transA: false, transB: false, m: 1, n: 1, k: 1, alpha: 1, a: new Float32Array(1), lda: 1, b: new Float32Array(1), ldb: 1, beta: 0, c: pending.wx, ldc: 1 })).toThrow(
      /gemm: c shares memory with wx of a pending recurrentForwardAsync call \(gemm writes it, the pending call reads it\)/,
    );
    // Reading the same weights is allowed, at once.
    const alongside = forwardArgs(SMALL, 'float32', inputs);
    await Promise.all([running, native.recurrentForwardAsync(alongside)]);
    // Settled: the memory is free again.
    native.recurrentForward(writer);
    expect(plain(writer.gates)).toEqual(plain(pending.gates));
    expect(plain(alongside.hs)).toEqual(plain(pending.hs));
  });

  it('an input detached while the call runs: the call computes from the inputs as they were when it was made', async () => {
    const inputs = makeInputs(SMALL, 'float32', 31);
    const want = forwardArgs(SMALL, 'float32', inputs);
    native.recurrentForward(want);
    const args = forwardArgs(SMALL, 'float32', { ...inputs, x: inputs.x.slice() });
    const running = native.recurrentForwardAsync(args);
    // The new owner of the memory may write it (or free it): the pending call never sees it.
    const kept = new Float32Array(structuredClone(args.x.buffer, { transfer: [args.x.buffer as ArrayBuffer] })).fill(NaN);
    await running;
    for (const k of ['hs', 'cs', 'gates'] as const) expect(plain(args[k]), k).toEqual(plain(want[k]));
    expect(kept.every(Number.isNaN)).toBe(true);
  });

  it('an output detached while the call runs makes the promise reject naming it, and no output is written', async () => {
    const args = forwardArgs(SMALL, 'float32', makeInputs(SMALL, 'float32', 32));
    args.hs.fill(4);
    args.cs!.fill(5);
    const running = native.recurrentForwardAsync(args);
    structuredClone(args.gates.buffer, { transfer: [args.gates.buffer as ArrayBuffer] });
    await expect(running).rejects.toThrow(/^recurrentForwardAsync: output gates was detached, transferred or resized while the call ran, so no result was written/);
    expect(args.hs.every((v) => v === 4)).toBe(true);
    expect(args.cs!.every((v) => v === 5)).toBe(true);
  });

  it('an empty output that is (or becomes) detached is fine: nothing is written to it', async () => {
    const s0: SeqSpec = { ...SMALL, T: 0 };
    const args = forwardArgs(s0, 'float32', makeInputs(s0, 'float32', 35));
    structuredClone(args.hs.buffer, { transfer: [args.hs.buffer as ArrayBuffer] });
    await native.recurrentForwardAsync(args);
    const c = new Float64Array(0);
    const pending = native.gemmAsync({ transA: false, transB: false, m: 0, n: 3, k: 2, alpha: 1, a: new Float64Array(0), lda: 2, b: new Float64Array(6), ldb: 3, beta: 0, c, ldc: 3 });
    structuredClone(c.buffer, { transfer: [c.buffer] });
    await pending;
  });

  it('without the addon, the async kernels reject with the reason', async () => {
    const missing = createNativeBackend(null, 'no binary here');
    await expect(missing.recurrentForwardAsync(fwd())).rejects.toThrow(/not available: no binary here/);
    await expect(missing.gemmAsync({} as GemmArgs)).rejects.toThrow(/not available/);
  });
});

describe.skipIf(skipNative)('the arrays of a pending call stay alive', () => {
  it('inputs nobody else references survive garbage collections while the work runs (child process, --expose-gc)', () => {
    const script = `
      const { nativeBackend: nb } = await import('@recur/native');
      const [T, B, X, H] = [40, 32, 64, 128];
      const fill = (n, seed) => { const a = new Float64Array(n); for (let i = 0; i < n; i++) a[i] = Math.sin(i * 0.37 + seed) * 0.2; return a; };
      const inputs = () => ({ cell: 'lstm', T, B, X, H, x: fill(T * B * X, 1), h0: fill(B * H, 2), c0: fill(B * H, 3), wx: fill(X * 4 * H, 4), wh: fill(H * 4 * H, 5), bx: fill(4 * H, 6), bh: null, lengths: null });
      const outputs = () => ({ hs: new Float64Array(T * B * H), cs: new Float64Array(T * B * H), gates: new Float64Array(T * B * 4 * H) });
      const want = { ...inputs(), ...outputs() };
      nb.recurrentForward(want);
      const out = outputs();
      const p = nb.recurrentForwardAsync({ ...inputs(), ...out }); // the inputs are referenced only by the addon
      let collections = 0;
      const timer = setInterval(() => { globalThis.gc(); collections++; new Float64Array(1 << 16); }, 1);
      await p;
      clearInterval(timer);
      const same = out.hs.every((v, i) => v === want.hs[i]) && out.gates.every((v, i) => v === want.gates[i]);
      console.log(JSON.stringify({ same, collections }));
    `;
    const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
      cwd: pkgDir,
      encoding: 'utf8',
      env: { ...process.env, RECUR_REQUIRE_NATIVE: '1' },
    });
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { same: boolean; collections: number };
    expect(result.same).toBe(true);
    expect(result.collections).toBeGreaterThan(0);
  });
});
