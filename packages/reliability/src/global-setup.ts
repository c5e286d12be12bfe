/**
 * vitest globalSetup: says which backends are fuzzed (and why native or wasm is not, if not),
 * makes the directory the test files write their case counts to, and prints the run's
 * totals at the end.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { addEntry, describeEntry, emptyEntry, type TallyEntry } from './tally.js';

declare module 'vitest' {
  export interface ProvidedContext {
    tallyDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const { describeBackendsUnderTest } = await import('./backends.js');
  const line = describeBackendsUnderTest();
  console.log(line);
  const dir = mkdtempSync(join(tmpdir(), 'recur-reliability-'));
  project.provide('tallyDir', dir);
  return () => {
    const totals = new Map<string, TallyEntry>();
    for (const f of readdirSync(dir)) {
      for (const e of JSON.parse(readFileSync(join(dir, f), 'utf8')) as TallyEntry[]) {
        const t = totals.get(e.group) ?? emptyEntry(e.group);
        addEntry(t, e);
        totals.set(e.group, t);
      }
    }
    rmSync(dir, { recursive: true, force: true });
    const all = [...totals.values()].sort((a, b) => a.group.localeCompare(b.group));
    for (const e of all) {
      console.log(`  ${describeEntry(e)}`);
    }
    const props = all.filter((e) => e.scope === 'property');
    const sum = (es: TallyEntry[], k: 'cases' | 'calls' | 'skipped' | 'relaxed') => es.reduce((s, e) => s + e[k], 0);
    const skipped = sum(all, 'skipped');
    const relaxed = sum(all, 'relaxed');
    const known = skipped || relaxed ? `; known open issues: ${skipped} cases skipped, ${relaxed} run relaxed (see known-issues.ts)` : '';
    const processes = all.filter((e) => e.scope === 'process').map((e) => `${e.group} ${e.calls} calls`).join(', ');
    console.log(`recur reliability summary: ${sum(props, 'cases')} property cases (${sum(props, 'calls')} calls) in ${props.length} groups${known}; ${processes || 'no child-process runs'}`);
    console.log(line);
  };
}
