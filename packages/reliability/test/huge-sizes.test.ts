// Huge sizes from files: model configs claiming 1e6..1e9 units, layers, symbols or inputs
// with small tensors (loadModelBytes, CharLM.fromState) and the same configs handed to the
// constructors, in a child process: each is a RangeError at once naming the key or the bytes,
// nothing of the claimed size is allocated, no crash. Used to end in "Array buffer allocation
// failed" / "Invalid typed array length" naming nothing, or to run until memory ran out.
import { expect, it } from 'vitest';
import { runChild } from '../src/child-process.js';
import { tally } from '../src/tally.js';

interface Result {
  calls: number;
  rejected: number;
  slowestMs: number;
  rssMB: number;
  violations: { what: string; problem: string }[];
}

it('huge sizes from files: refused at once with the key or the bytes named', () => {
  const run = runChild<Result>('huge-sizes.mjs', [], { timeoutMs: 120_000 });
  expect(run.failure, run.stderr.slice(-2000)).toBeNull();
  const r = run.result!;
  expect(r.violations).toEqual([]);
  expect(r.calls).toBeGreaterThan(80);
  expect(r.rejected).toBe(r.calls);
  // Nothing of the claimed sizes was allocated (the smallest claim is far above this).
  expect(r.rssMB).toBeLessThan(1500);
  tally('huge sizes from files (child process)', { scope: 'process', cases: r.calls, calls: r.calls, rejected: r.rejected, notes: `slowest ${r.slowestMs} ms, child RSS ${r.rssMB} MB` });
});
