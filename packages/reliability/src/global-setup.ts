/**
 * vitest globalSetup: says which backends are fuzzed (and why native is not, if it is not),
 * makes the directory the test files write their case counts to, and prints the run's
 * totals at the end.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { TallyEntry } from './tally.js';

declare module 'vitest' {
  export interface ProvidedContext {
    tallyDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const { NATIVE, NATIVE_REQUIRED } = await import('./backends.js');
  const line = NATIVE.backend
    ? 'recur reliability: fuzzing backends ts and native'
    : NATIVE_REQUIRED
      ? `recur reliability: RECUR_REQUIRE_NATIVE=1 but native is not available, so the suite FAILS: ${NATIVE.reason}`
      : `recur reliability: native was NOT fuzzed (only ts): ${NATIVE.reason}`;
  console.log(line);
  const dir = mkdtempSync(join(tmpdir(), 'recur-reliability-'));
  project.provide('tallyDir', dir);
  return () => {
    const totals = new Map<string, TallyEntry>();
    for (const f of readdirSync(dir)) {
      for (const e of JSON.parse(readFileSync(join(dir, f), 'utf8')) as TallyEntry[]) {
        const t = totals.get(e.group) ?? { group: e.group, cases: 0, calls: 0, rejected: 0 };
        t.cases += e.cases;
        t.calls += e.calls;
        t.rejected += e.rejected;
        if (e.notes) t.notes = e.notes;
        totals.set(e.group, t);
      }
    }
    rmSync(dir, { recursive: true, force: true });
    const all = [...totals.values()].sort((a, b) => a.group.localeCompare(b.group));
    for (const e of all) {
      console.log(`  ${e.group}: ${e.cases} cases, ${e.calls} calls, ${e.rejected} rejected${e.notes ? `; ${e.notes}` : ''}`);
    }
    const cases = all.reduce((s, e) => s + e.cases, 0);
    const calls = all.reduce((s, e) => s + e.calls, 0);
    console.log(`recur reliability summary: ${cases} cases, ${calls} calls across ${all.length} groups`);
    console.log(line);
  };
}
