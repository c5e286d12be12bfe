// 100,000 native calls (gemm, rnn/lstm/gru forward and backward, calls that throw, async
// calls) in a child process run with --expose-gc: after a warm-up, RSS and external memory
// (measured after a full GC) must stay flat: growth under RSS_BOUND_MB and EXTERNAL_BOUND_MB.
import { expect, it } from 'vitest';
import { NATIVE, assertNativeIfRequired } from '../src/backends.js';
import { runChild } from '../src/child-process.js';
import { tally } from '../src/tally.js';

interface Sample { calls: number; rss: number; external: number; arrayBuffers: number; heapUsed: number }
interface LeakResult {
  unavailable?: string;
  calls: number;
  thrown: { TypeError: number; RangeError: number; other: number };
  samples: Sample[];
  rssGrowthMB: number;
  externalGrowthMB: number;
  heapGrowthMB: number;
}

const CALLS = 100_000;
const WARMUP = 10_000;
/** Bounds on growth from the first sample (after warm-up) to the last. A leak of one small
 *  array per call (about 1 KB with its buffer) would grow external by ~100 MB. */
const RSS_BOUND_MB = 20;
const EXTERNAL_BOUND_MB = 5;

it.skipIf(NATIVE.backend === null && process.env.RECUR_REQUIRE_NATIVE !== '1')(
  `leak: ${CALLS} native calls, RSS growth < ${RSS_BOUND_MB} MB and external growth < ${EXTERNAL_BOUND_MB} MB`,
  () => {
    assertNativeIfRequired();
    const run = runChild<LeakResult>('native-leak.mjs', [String(CALLS), String(WARMUP)], { timeoutMs: 170_000, nodeFlags: ['--expose-gc'] });
    expect(run.failure, run.stderr.slice(-2000)).toBeNull();
    const r = run.result!;
    expect(r.unavailable).toBeUndefined();
    const mb = (b: number) => (b / 2 ** 20).toFixed(1);
    const line = r.samples.map((s) => `${s.calls}: rss ${mb(s.rss)} MB, external ${mb(s.external)} MB`).join('; ');
    console.log(`native leak test: ${CALLS} calls after ${WARMUP} warm-up; rss +${r.rssGrowthMB.toFixed(2)} MB, external +${r.externalGrowthMB.toFixed(3)} MB, heap +${r.heapGrowthMB.toFixed(2)} MB (${line})`);
    // The throwing calls threw what they should (one in ten each).
    expect(r.thrown.other).toBe(0);
    expect(r.thrown.TypeError).toBeGreaterThanOrEqual(CALLS / 10);
    expect(r.thrown.RangeError).toBeGreaterThanOrEqual(CALLS / 10);
    expect(r.rssGrowthMB).toBeLessThan(RSS_BOUND_MB);
    expect(r.externalGrowthMB).toBeLessThan(EXTERNAL_BOUND_MB);
    tally('native leak (child process)', {
      scope: 'process',
      cases: 1,
      calls: r.calls,
      rejected: r.thrown.TypeError + r.thrown.RangeError,
      notes: `rss +${r.rssGrowthMB.toFixed(2)} MB (bound ${RSS_BOUND_MB}), external +${r.externalGrowthMB.toFixed(3)} MB (bound ${EXTERNAL_BOUND_MB})`,
    });
  },
);
