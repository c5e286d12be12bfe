// Random argument lists straight at the native kernels (nativeBackend's argument objects and
// the raw positional exports, sync and async) in a child process: it must exit normally (no
// abort, no segfault, no hang) and every error must be a TypeError / RangeError.
import { expect, it } from 'vitest';
import { NATIVE, assertNativeIfRequired } from '../src/backends.js';
import { runChild } from '../src/child-process.js';
import { tally } from '../src/tally.js';

interface RawFuzzResult {
  unavailable?: string;
  calls: number;
  returned: number;
  rejected: number;
  perTarget: Record<string, number>;
  violations: { target: string; error: string }[];
}

const SEEDS = [11, 12];
const CALLS_PER_TARGET = 3000;

it.skipIf(NATIVE.backend === null && process.env.RECUR_REQUIRE_NATIVE !== '1')(
  `raw addon fuzz: ${SEEDS.length} seeds x 17 entry points x ${CALLS_PER_TARGET} calls, in a child process`,
  () => {
    assertNativeIfRequired();
    for (const seed of SEEDS) {
      const run = runChild<RawFuzzResult>('raw-addon-fuzz.mjs', [String(seed), String(CALLS_PER_TARGET)], { timeoutMs: 150_000 });
      expect(run.failure, `seed ${seed}: ${run.stderr.slice(-2000)}`).toBeNull();
      const r = run.result!;
      expect(r.unavailable).toBeUndefined();
      expect(r.violations, `seed ${seed}`).toEqual([]);
      expect(r.calls).toBe(17 * CALLS_PER_TARGET);
      // Both paths ran: some calls returned (valid ones) and most were rejected.
      expect(r.returned).toBeGreaterThan(0);
      expect(r.rejected).toBeGreaterThan(0);
      tally('raw addon (child process)', { scope: 'process', cases: r.calls, calls: r.calls, rejected: r.rejected });
    }
  },
);
