/**
 * Case counts. Each test file adds its counts here and writes them, when it finishes, to
 * the run's tally directory (made by global-setup.ts, handed over with vitest's provide /
 * inject); the global teardown prints one summary line for the whole run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TallyEntry {
  /** What was fuzzed, e.g. 'seed API' or 'raw addon'. */
  group: string;
  /** Generated cases (each one run on every backend). */
  cases: number;
  /** Calls made (cases times backends, or calls in a child process). */
  calls: number;
  /** Of the calls, how many threw TypeError / RangeError (the rest returned). */
  rejected: number;
  /** Free-form numbers worth printing (leak measurements, ...). */
  notes?: string;
}

const entries = new Map<string, TallyEntry>();

export function tally(group: string, add: Partial<Omit<TallyEntry, 'group'>>): void {
  const e = entries.get(group) ?? { group, cases: 0, calls: 0, rejected: 0 };
  e.cases += add.cases ?? 0;
  e.calls += add.calls ?? 0;
  e.rejected += add.rejected ?? 0;
  if (add.notes) e.notes = add.notes;
  entries.set(group, e);
}

/** Writes this file's entries to `dir` (one JSON file per test file) and prints them. */
export function flushTally(dir: string | undefined, fileTag: string): void {
  const list = [...entries.values()];
  for (const e of list) {
    console.log(`recur reliability: ${e.group}: ${e.cases} cases, ${e.calls} calls (${e.rejected} rejected with TypeError/RangeError)${e.notes ? `; ${e.notes}` : ''}`);
  }
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${fileTag}.json`), JSON.stringify(list));
}
