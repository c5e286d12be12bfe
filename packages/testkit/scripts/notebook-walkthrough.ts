/**
 * `npm start`: walks through the seed notebook's test cells, recomputes every printed number
 * with recur and prints it beside the notebook's, with a PASS/FAIL line per cell, a summary
 * "N passed, M failed" and a non-zero exit code on any failure.
 *
 *   node packages/testkit/dist/scripts/notebook-walkthrough.js [--backend NAME]
 *
 * --backend picks a registered backend ('ts' is always there). The native backend registers
 * itself as 'native' when @recur/native is imported; core cannot import it, so a root-level
 * script does `await import('@recur/native')` and then imports this file with
 * `--backend native` in process.argv (this module runs when imported).
 */
import { getBackend, listBackends, setBackend } from '@recur/core';
import { NOTEBOOK_CELLS } from '../src/seed/notebook-cells.ts';
import type { PrintedValues } from '../src/seed/notebook-cells.ts';
import { runNotebookChecks } from '../src/seed/notebook-checks.ts';
import type { CellResult, ShapeCheck, ValueCheck } from '../src/seed/notebook-checks.ts';

// core compiles without @types/node; these two fields are all this script uses.
declare const process: { argv: string[]; exitCode?: number };

function backendFromArgs(args: readonly string[]): string | undefined {
  let backend: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--backend' && i + 1 < args.length) backend = args[++i];
    else if (arg.startsWith('--backend=')) backend = arg.slice('--backend='.length);
    else throw new RangeError(`unknown argument ${JSON.stringify(arg)}; usage: notebook-walkthrough [--backend NAME]`);
  }
  return backend;
}

/** recur's numbers in the notebook's style: arrays with 8 decimals, scalars with 12 digits. */
function formatLike(expected: PrintedValues, got: readonly number[]): string {
  if (expected.printed.trim().startsWith('[')) {
    return `[${got.map((x) => x.toFixed(8).padStart(11)).join(' ')}]`;
  }
  return got.length === 1 ? got[0].toPrecision(12) : `[${got.join(', ')}]`;
}

function showValues(c: ValueCheck, expectedFrom: string): string[] {
  const e = c.expected;
  const lines = [`  ${e.label}${e.note ? `   (${e.note})` : ''}`];
  lines.push(`      recur     ${c.got.length ? formatLike(e, c.got) : '-'}`);
  lines.push(`      ${expectedFrom.padEnd(8)}  ${e.printed}`);
  if (e.notebookTable) lines.push(`      (the notebook's Expected Output table says ${e.notebookTable}: not the right number)`);
  const verdict = c.problem ?? `max |diff| ${c.maxError.toExponential(1)} ${c.pass ? '<=' : '>'} ${c.tolerance}`;
  lines.push(`      ${c.pass ? 'ok  ' : 'FAIL'}      ${verdict}`);
  return lines;
}

function showShape(c: ShapeCheck, expectedFrom: string): string[] {
  const e = c.expected;
  return [`  ${e.label.padEnd(32)} recur ${c.got.padEnd(12)} ${expectedFrom} ${e.printed.padEnd(12)} ${c.pass ? 'ok' : 'FAIL'}`];
}

function showCell(r: CellResult): string[] {
  const lines = ['', `== ${r.cell.title}`];
  for (const note of r.cell.notes ?? []) lines.push(`   ${note}`);
  const from = r.cell.expectedFrom;
  for (const c of r.checks) lines.push(...(c.kind === 'values' ? showValues(c, from) : showShape(c, from)));
  for (const line of r.cell.notComparable ?? []) lines.push(`  not compared: ${line}`);
  const passed = r.checks.filter((c) => c.pass).length;
  if (r.error) lines.push(`FAIL ${r.cell.id}: threw ${r.error}`);
  else lines.push(`${r.pass ? 'PASS' : 'FAIL'} ${r.cell.id}: ${passed} of ${r.checks.length} printed values and shapes reproduced`);
  return lines;
}

function main(): number {
  let backendName: string | undefined;
  try {
    backendName = backendFromArgs(process.argv.slice(2));
    if (backendName !== undefined) setBackend(backendName);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    console.error(`registered backends: ${listBackends().join(', ')}`);
    return 2;
  }
  console.log(`recur: the test cells of the origin notebook (docs/origin-notebook.md), recomputed on backend '${getBackend().name}'`);
  console.log('Inputs: RandomState(1).randn(...) in each cell\'s order, as np.random.seed(1) + np.random.randn.');
  console.log('Which printed numbers are right, and why: docs/origin-notebook.md.');
  const results = runNotebookChecks(NOTEBOOK_CELLS);
  for (const r of results) console.log(showCell(r).join('\n'));
  const failed = results.filter((r) => !r.pass).length;
  console.log('');
  console.log(`${results.length - failed} passed, ${failed} failed (notebook cells on backend '${getBackend().name}')`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();
