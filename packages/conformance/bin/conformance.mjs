#!/usr/bin/env node
// npm run conformance [-- --backend <ts | native | wasm | path to a module exporting a Backend>]
// Runs the whole conformance suite (vitest) on every backend, or on the one named, then
// prints a report: per backend, how many checks passed, failed and were skipped. A module
// path is resolved from the directory npm was started in. Exit code: vitest's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let backend;
const rest = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--backend') backend = args[++i];
  else if (a.startsWith('--backend=')) backend = a.slice('--backend='.length);
  else if (a === '--help' || a === '-h') {
    console.log('usage: npm run conformance -- [--backend <ts|native|wasm|./module.js>] [vitest filters...]');
    process.exit(0);
  } else rest.push(a);
}
if (args.includes('--backend') && (backend === undefined || backend === '')) {
  console.error('--backend needs a value: ts, native, wasm or a path to a module exporting a Backend');
  process.exit(2);
}

const out = mkdtempSync(join(tmpdir(), 'recur-conformance-'));
const json = join(out, 'results.json');
const env = { ...process.env, RECUR_CONFORMANCE_CWD: process.env.INIT_CWD ?? process.cwd() };
if (backend !== undefined) env.RECUR_CONFORMANCE_BACKEND = backend;
const bin = spawnSync(process.execPath, [join(pkg, '..', '..', 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`, ...rest], {
  cwd: pkg,
  env,
  stdio: 'inherit',
});

let results;
try {
  results = JSON.parse(readFileSync(json, 'utf8'));
} catch {
  console.error('recur conformance: vitest wrote no results');
  process.exit(bin.status ?? 1);
} finally {
  rmSync(out, { recursive: true, force: true });
}

// Tests are titled `[backend] suite ...`; the rest (signature and sensitivity checks) are backend-independent.
const per = new Map();
for (const file of results.testResults) {
  for (const t of file.assertionResults) {
    const m = /^\[([^\]]+)\]/.exec(t.ancestorTitles[0] ?? '');
    const key = m ? m[1] : '(backend-independent)';
    const c = per.get(key) ?? { passed: 0, failed: 0, skipped: 0 };
    if (t.status === 'passed') c.passed++;
    else if (t.status === 'failed') c.failed++;
    else c.skipped++;
    per.set(key, c);
  }
}
console.log('\nrecur conformance report');
for (const [name, c] of per) console.log(`  ${name.padEnd(24)} ${String(c.passed).padStart(5)} passed ${String(c.failed).padStart(5)} failed ${String(c.skipped).padStart(5)} skipped`);
const bad = [...per].filter(([, c]) => c.failed > 0).map(([n]) => n);
console.log(bad.length ? `  FAILED on: ${bad.join(', ')}` : '  every tested backend conforms');
process.exit(bin.status ?? 1);
