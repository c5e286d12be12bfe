// The harness itself: checkCase must catch each way a backend can break the property, or a
// passing fuzz run would prove nothing. The "broken" backends here wrap ts and spoil one thing.
import { RandomState, rnnForward, type Backend } from '@recur/core';
import { describe, expect, it } from 'vitest';
import { NATIVE, TS_BACKEND } from '../src/backends.js';
import { checkCase, type FuzzCase } from '../src/fuzz-case.js';

function wrapTs(name: string, over: Partial<Backend>): Backend {
  return {
    name,
    gemm: (a) => TS_BACKEND.gemm(a),
    transpose: (a) => TS_BACKEND.transpose(a),
    softmaxRows: (d, r, c) => TS_BACKEND.softmaxRows(d, r, c),
    recurrentForward: (a) => TS_BACKEND.recurrentForward(a),
    recurrentBackward: (a) => TS_BACKEND.recurrentBackward(a),
    ...over,
  };
}

const rnnCase: FuzzCase = {
  valid: true,
  dtype: 'float64',
  run: () => {
    const rs = new RandomState(1);
    const p = { Wax: rs.randn(5, 3), Waa: rs.randn(5, 5), ba: rs.randn(5, 1), Wya: rs.randn(2, 5), by: rs.randn(2, 1) };
    return rnnForward(rs.randn(3, 4, 6), rs.randn(5, 4), p);
  },
};

describe('checkCase catches', () => {
  it('a backend whose numbers are off by more than 1e-12 relative', () => {
    const off = wrapTs('off', {
      recurrentForward: (a) => {
        TS_BACKEND.recurrentForward(a);
        a.hs[0] *= 1 + 1e-10;
      },
    });
    expect(() => checkCase(rnnCase, [TS_BACKEND, off])).toThrow(/\[off\] differs from ts: result\.a\.data\[\d+\]/);
  });

  it('a backend that turns a NaN into a number', () => {
    const hides = wrapTs('hides', {
      recurrentForward: (a) => {
        a.x[0] = NaN;
        TS_BACKEND.recurrentForward(a);
        if (Number.isNaN(a.hs[0])) a.hs[0] = 0;
      },
    });
    const poisons = wrapTs('poisons', { recurrentForward: (a) => { a.x[0] = NaN; TS_BACKEND.recurrentForward(a); } });
    expect(() => checkCase(rnnCase, [poisons, hides])).toThrow(/\[hides\] differs from ts/);
  });

  it('a plain Error (not TypeError / RangeError)', () => {
    const plain = wrapTs('plain', { recurrentForward: () => { throw new Error('boom'); } });
    expect(() => checkCase(rnnCase, [TS_BACKEND, plain])).toThrow(/\[plain\] threw Error: boom/);
  });

  it('backends that disagree on whether to throw, or on the error class', () => {
    const range = wrapTs('range', { recurrentForward: () => { throw new RangeError('no'); } });
    const type = wrapTs('type', { recurrentForward: () => { throw new TypeError('no'); } });
    expect(() => checkCase({ ...rnnCase, valid: false }, [TS_BACKEND, range])).toThrow(/backends disagree: ts returned but range threw RangeError/);
    expect(() => checkCase({ ...rnnCase, valid: false }, [range, type])).toThrow(/backends disagree: ts threw RangeError: no but type threw TypeError/);
  });

  it('valid input rejected by ts, and invalid input accepted', () => {
    const range = wrapTs('ts', { recurrentForward: () => { throw new RangeError('no'); } });
    expect(() => checkCase(rnnCase, [range])).toThrow(/\[ts\] valid input was rejected/);
    expect(() => checkCase({ ...rnnCase, valid: false, mustThrow: true }, [TS_BACKEND])).toThrow(/returned a result for invalid input/);
  });

  it('a wrong result by the oracle of the case', () => {
    expect(() => checkCase({ ...rnnCase, expect: () => 'not what the oracle says' }, [TS_BACKEND])).toThrow(/\[ts\] wrong result: not what the oracle says/);
  });

  it('and accepts equal results, NaN where ts has NaN', () => {
    expect(checkCase(rnnCase, [TS_BACKEND, wrapTs('same', {})]).outcomes.every((o) => o.ok)).toBe(true);
  });
});

describe('runChild catches', () => {
  it('a child that aborts, one that hangs, and passes one that exits normally', async () => {
    const { runChild } = await import('../src/child-process.js');
    expect(runChild('misbehave-for-test.mjs', ['abort'], { timeoutMs: 30_000 }).failure).toMatch(/killed by SIGABRT/);
    expect(runChild('misbehave-for-test.mjs', ['hang'], { timeoutMs: 1_000 }).failure).toMatch(/hung/);
    const ok = runChild<{ ok: boolean }>('misbehave-for-test.mjs', ['ok'], { timeoutMs: 30_000 });
    expect(ok.failure).toBeNull();
    expect(ok.result).toEqual({ ok: true });
  });
});

describe('the leak measurement', () => {
  it.skipIf(!NATIVE.backend)('sees a leak of one 1 KB array per call (20,000 calls: ~20 MB external)', async () => {
    const { runChild } = await import('../src/child-process.js');
    const run = runChild<{ externalGrowthMB: number }>('native-leak.mjs', ['20000', '2000'], {
      timeoutMs: 120_000,
      nodeFlags: ['--expose-gc'],
      env: { RECUR_LEAK_SELF_TEST: '1' },
    });
    expect(run.failure).toBeNull();
    expect(run.result!.externalGrowthMB).toBeGreaterThan(10);
  });
});
