// Random argument lists straight at the kernels, in a child process: native through
// nativeBackend's argument objects and the raw positional exports (sync and async), wasm
// through wasmBackend. The child must exit normally (no abort, no segfault, no trap, no
// hang), every error must be a TypeError / RangeError, and afterwards a valid call must
// still agree with the ts backend.
import { expect, it } from 'vitest';
import { NATIVE, NATIVE_REQUIRED, WASM, WASM_REQUIRED, assertRequiredBackends } from '../src/backends.js';
import { runChild } from '../src/child-process.js';
import { tally } from '../src/tally.js';

interface RawFuzzResult {
  unavailable?: string;
  calls: number;
  returned: number;
  rejected: number;
  perTarget: Record<string, number>;
  violations: { target: string; error: string }[];
  targets: number;
  afterwardsAgrees: boolean;
}

const SEEDS = [11, 12];
const CALLS_PER_TARGET = 3000;

const RUNS = [
  { backend: 'native', entryPoints: 17, group: 'raw addon (child process)', skip: NATIVE.backend === null && !NATIVE_REQUIRED },
  { backend: 'wasm', entryPoints: 5, group: 'wasm backend kernels (child process)', skip: WASM.backend === null && !WASM_REQUIRED },
];

for (const { backend, entryPoints, group, skip } of RUNS) {
  it.skipIf(skip)(`${backend} kernel fuzz: ${SEEDS.length} seeds x ${entryPoints} entry points x ${CALLS_PER_TARGET} calls, in a child process`, () => {
    assertRequiredBackends();
    for (const seed of SEEDS) {
      const run = runChild<RawFuzzResult>('raw-addon-fuzz.mjs', [String(seed), String(CALLS_PER_TARGET), backend], { timeoutMs: 150_000 });
      expect(run.failure, `seed ${seed}: ${run.stderr.slice(-2000)}`).toBeNull();
      const r = run.result!;
      expect(r.unavailable).toBeUndefined();
      expect(r.violations, `seed ${seed}`).toEqual([]);
      expect(r.targets).toBe(entryPoints);
      expect(r.calls).toBe(entryPoints * CALLS_PER_TARGET);
      // Both paths ran: some calls returned (valid ones) and most were rejected.
      expect(r.returned).toBeGreaterThan(0);
      expect(r.rejected).toBeGreaterThan(0);
      expect(r.afterwardsAgrees).toBe(true);
      tally(group, { scope: 'process', cases: r.calls, calls: r.calls, rejected: r.rejected });
    }
  });
}
