/** Runs a fast-check property over fuzz cases with a fixed seed, counting what it ran. */
import fc from 'fast-check';
import { checkCase, type FuzzCase } from './fuzz-case.js';
import { tally } from './tally.js';

export interface FuzzOptions {
  /** Fixed, so a failure reproduces; fast-check prints the seed and path of a failing case. */
  seed: number;
  numRuns: number;
}

export function runFuzz<T>(group: string, arb: fc.Arbitrary<T>, toCase: (spec: T) => FuzzCase, options: FuzzOptions): void {
  fc.assert(
    fc.property(arb, (spec) => {
      const report = checkCase(toCase(spec));
      tally(group, { cases: 1, calls: report.outcomes.length, rejected: report.outcomes.filter((o) => !o.ok).length });
    }),
    { seed: options.seed, numRuns: options.numRuns },
  );
}
