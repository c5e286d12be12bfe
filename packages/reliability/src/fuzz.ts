/** Runs a fast-check property over fuzz cases with a fixed seed, counting what it ran. */
import fc from 'fast-check';
import { checkCase, type FuzzCase } from './fuzz-case.js';
import { tally } from './tally.js';

const TRACE = process.env.RECUR_FUZZ_TRACE === '1';

export interface FuzzOptions {
  /** Fixed, so a failure reproduces; fast-check prints the seed and path of a failing case. */
  seed: number;
  numRuns: number;
}

export function runFuzz<T>(group: string, arb: fc.Arbitrary<T>, toCase: (spec: T) => FuzzCase, options: FuzzOptions): void {
  fc.assert(
    fc.property(arb, (spec) => {
      // RECUR_FUZZ_TRACE=1 prints each case before it runs: the last one printed is the one that hung.
      if (TRACE) process.stderr.write(`${group}: ${fc.stringify(spec)}\n`);
      const c = toCase(spec);
      if (c.knownIssue?.mode === 'skip') {
        tally(group, { skipped: 1, knownIssue: c.knownIssue.id });
        return;
      }
      const report = checkCase(c);
      tally(group, {
        cases: 1,
        calls: report.outcomes.length,
        rejected: report.outcomes.filter((o) => !o.ok).length,
        relaxed: c.knownIssue ? 1 : 0,
        knownIssue: c.knownIssue?.id,
      });
    }),
    // No shrinking: a case is already small plain data, and shrinking a hang would rerun it many times.
    { seed: options.seed, numRuns: options.numRuns, endOnFailure: true },
  );
}
