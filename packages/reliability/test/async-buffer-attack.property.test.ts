// Property class "buffers transferred or resized during async calls" (issue 12 F1, F2), in a
// child process (src/children/async-buffer-attack.mjs, --expose-gc) so a crash fails this
// test instead of killing vitest: random async native calls whose arrays are transferred
// (structuredClone, postMessage), resized (to 0, to half, to 0 and back) or overwritten
// while they run, with garbage collections. Each call must resolve with the sync results of
// its original inputs, or reject naming the output it could not write and write nothing.
// Before the async calls worked on their own copies, resize and transfer cases crashed the
// process (SIGSEGV).
import { expect, it } from 'vitest';
import { NATIVE, assertNativeIfRequired } from '../src/backends.js';
import { runChild } from '../src/child-process.js';
import { tally } from '../src/tally.js';

const RUNS = 150;
const SEED = 20261206;

interface AttackResult {
  unavailable?: string;
  runs: number;
  counts: Record<string, number>;
  afterwardsSame: boolean;
}

it.skipIf(NATIVE.backend === null && process.env.RECUR_REQUIRE_NATIVE !== '1')(
  `async calls: ${RUNS} random calls with a buffer transferred, resized or overwritten mid-call settle cleanly`,
  () => {
    assertNativeIfRequired();
    const run = runChild<AttackResult>('async-buffer-attack.mjs', [String(RUNS), String(SEED)], { timeoutMs: 280_000, nodeFlags: ['--expose-gc'] });
    const lastCase = run.stderr.trim().split('\n').filter((l) => l.startsWith('case ')).pop();
    expect(run.failure, `${run.failure}; last case: ${lastCase}\n${run.stderr.slice(-3000)}`).toBeNull();
    const r = run.result!;
    expect(r.unavailable).toBeUndefined();
    expect(r.afterwardsSame).toBe(true);
    const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(RUNS);
    // Both outcomes occur: outputs taken away (rejections) and inputs taken away (resolves).
    const rejected = Object.entries(r.counts).filter(([k]) => k.startsWith('rejected:')).reduce((a, [, v]) => a + v, 0);
    expect(rejected).toBeGreaterThan(0);
    expect(rejected).toBeLessThan(RUNS);
    tally('async calls with buffers taken away (child process)', {
      scope: 'process',
      cases: RUNS,
      calls: RUNS,
      // The rejections are plain Errors naming the output taken away (counted in the notes).
      rejected: 0,
      notes: Object.entries(r.counts).sort().map(([k, v]) => `${k} ${v}`).join(', '),
    });
  },
  300_000,
);
