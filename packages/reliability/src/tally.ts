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
  /** Cases not run because they hit a known 'skip' issue (known-issues.ts). */
  skipped: number;
  /** Cases run under the outcome rule alone because they hit a known 'relaxed' issue. */
  relaxed: number;
  /** Ids of the known issues hit. */
  knownIssues: string[];
  /** Free-form numbers worth printing (leak measurements, ...). */
  notes?: string;
  /** 'property': fast-check cases run in the test process on every backend; 'process': a child process or workers. */
  scope: 'property' | 'process';
}

const entries = new Map<string, TallyEntry>();

export function emptyEntry(group: string): TallyEntry {
  return { group, cases: 0, calls: 0, rejected: 0, skipped: 0, relaxed: 0, knownIssues: [], scope: 'property' };
}

/** Adds b's counts into a. */
export function addEntry(a: TallyEntry, b: Omit<Partial<TallyEntry>, 'knownIssues'> & { knownIssues?: string[] }): void {
  a.cases += b.cases ?? 0;
  a.calls += b.calls ?? 0;
  a.rejected += b.rejected ?? 0;
  a.skipped += b.skipped ?? 0;
  a.relaxed += b.relaxed ?? 0;
  for (const id of b.knownIssues ?? []) if (!a.knownIssues.includes(id)) a.knownIssues.push(id);
  if (b.notes) a.notes = b.notes;
  if (b.scope) a.scope = b.scope;
}

/** One line about an entry. */
export function describeEntry(e: TallyEntry): string {
  const known = e.skipped || e.relaxed ? `; known issues ${e.knownIssues.join(', ')}: ${e.skipped} cases skipped, ${e.relaxed} run relaxed` : '';
  return `${e.group}: ${e.cases} cases, ${e.calls} calls (${e.rejected} rejected with TypeError/RangeError)${known}${e.notes ? `; ${e.notes}` : ''}`;
}

export function tally(group: string, add: Omit<Partial<TallyEntry>, 'group' | 'knownIssues'> & { knownIssue?: string }): void {
  const e = entries.get(group) ?? emptyEntry(group);
  addEntry(e, { ...add, knownIssues: add.knownIssue ? [add.knownIssue] : [] });
  entries.set(group, e);
}

/** Writes this file's entries to `dir` (one JSON file per test file) and prints them. */
export function flushTally(dir: string | undefined, fileTag: string): void {
  const list = [...entries.values()];
  for (const e of list) {
    console.log(`recur reliability: ${describeEntry(e)}`);
  }
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${fileTag}.json`), JSON.stringify(list));
}
