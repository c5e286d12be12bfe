// Re-signed, semantically corrupt CLI checkpoints (one field mutated, SHA-256 recomputed:
// the digest is not a secret) given to `recur sample --from` and `recur train --resume` in a
// child process: every one is refused with one line naming the file as corrupt, the run
// directory unchanged, no crash (a batch of 1e9 used to abort V8) and no hang.
import { expect, it } from 'vitest';
import { runChild } from '../src/child-process.js';
import { tally } from '../src/tally.js';

interface Result {
  cases: number;
  calls: number;
  rejected: number;
  kinds: number;
  slowestMs: number;
  violations: { label: string; command?: string; problem: string }[];
}

const SEEDS = [31, 32];
const CASES = 60;

it(`re-signed corrupt checkpoints: ${SEEDS.length} seeds x ${CASES} forgeries, each refused by sample and train --resume`, () => {
  for (const seed of SEEDS) {
    const run = runChild<Result>('resigned-checkpoints.mjs', [String(seed), String(CASES)], { timeoutMs: 120_000 });
    expect(run.failure, `seed ${seed}: ${run.stderr.slice(-2000)}`).toBeNull();
    const r = run.result!;
    expect(r.violations, `seed ${seed}`).toEqual([]);
    expect(r.calls).toBe(2 * CASES);
    expect(r.rejected).toBe(r.calls);
    expect(r.kinds).toBeGreaterThan(10);
    tally('re-signed corrupt checkpoints (child process)', { scope: 'process', cases: r.cases, calls: r.calls, rejected: r.rejected, notes: `slowest ${r.slowestMs} ms` });
  }
});
