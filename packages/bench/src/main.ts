/**
 * `npm run bench`: every system on the same items, one system at a time, then
 * results/latest.json, results/chart.svg and RESULTS.md. See cli-options.ts for options.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions } from './cli-options.js';
import { describeMachine } from './machine.js';
import { bestPeak, FmaPeak } from './peak.js';
import { BASELINE, runAll } from './orchestrate.js';
import { buildPlan } from './plan.js';
import { consoleLine } from './report/console-line.js';
import { fmaPercent } from './report/format.js';
import { SCHEMA, type ResultsDocument } from './report/document.js';
import { renderMarkdown } from './report/markdown.js';
import { renderChart } from './report/svg-chart.js';
import { judgeTargets } from './report/targets.js';
import { allSystems } from './systems/registry.js';
import { killAllWorkers } from './worker-client.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function writeReports(doc: ResultsDocument, resultsDir: string, markdown: string | null): void {
  mkdirSync(resultsDir, { recursive: true });
  const chartPath = join(resultsDir, 'chart.svg');
  writeFileSync(chartPath, renderChart(doc));
  console.log('\nTargets of issues 5 and 14, then the WebAssembly ones of issue 13:');
  for (const t of judgeTargets(doc)) console.log(`  [${t.status}] ${t.target}: ${t.measured}`);
  if (markdown) {
    writeFileSync(markdown, renderMarkdown(doc, relative(dirname(markdown), chartPath), readAnalysis()));
    console.log(`\nwrote ${markdown}`);
  }
  console.log(`wrote ${chartPath}`);
}

/** ANALYSIS.md: the profiles and reasons behind missed targets, written by hand for the committed run. */
function readAnalysis(): string | null {
  const path = join(packageDir, 'ANALYSIS.md');
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const o = parseOptions(argv, packageDir);
  if (o.fromJson) {
    const doc = JSON.parse(readFileSync(o.fromJson, 'utf8')) as ResultsDocument;
    doc.ratioBasis ??= 'median'; // documents written before the basis was recorded
    writeReports(doc, o.resultsDir, o.markdown);
    return;
  }
  const started = Date.now();
  const machine = describeMachine();
  const items = buildPlan({ shapes: o.shapes, cells: o.cells, dtypes: o.dtypes, gemm: o.gemm, smoke: o.smoke });
  let systems = allSystems(machine.threads);
  if (o.systems) {
    const wanted = new Set([BASELINE, ...o.systems]);
    systems = systems.filter((s) => wanted.has(s.id));
  } else {
    systems = systems.filter((s) => !s.optIn);
  }
  const peak = machine.peakPerCore;
  console.log(`recur bench: ${machine.cpu}, ${machine.threads} threads, ${machine.simd}, ${machine.mhz ?? '?'} MHz`);
  console.log(peak ? `theoretical peak per core: ${peak.f32.toFixed(1)} GFLOP/s f32, ${peak.f64.toFixed(1)} f64 (${machine.peakFormula})` : 'theoretical peak: unknown');
  const fma = new FmaPeak(machine.simd);
  const peakAtStart = o.smoke ? null : fma.measure();
  console.log(peakAtStart ? `measured FMA-loop peak, one core: ${peakAtStart.f32.toFixed(1)} GFLOP/s f32, ${peakAtStart.f64.toFixed(1)} f64 (~${peakAtStart.impliedGhz.toFixed(2)} GHz)` : `measured FMA-loop peak: ${fma.problem ?? (o.smoke ? 'skipped (--smoke)' : 'failed')}`);
  console.log(`${items.length} items × ${systems.length} systems: ${systems.map((s) => s.id).join(', ')}; GFLOP/s and ratios from the ${o.basis} time of N`);
  const { systems: infos, measurements } = await runAll({
    items,
    systems,
    timing: o.timing,
    basis: o.basis,
    verbose: o.verbose,
    log: (line) => console.log(line),
    onMeasurement: (m) => {
      let line = consoleLine(m);
      if (peak && m.item.kind === 'gemm' && m.gflops !== undefined) {
        line += `  ${((100 * m.gflops) / (peak[m.item.dtype] * m.threads)).toFixed(0)}% of peak`;
      }
      if (peakAtStart && m.item.kind !== 'gemm' && m.gflops !== undefined) {
        line += `  ${fmaPercent(m.gflops, peakAtStart[m.item.dtype], m.threads)} of the FMA loop`;
      }
      console.log(line);
    },
  });
  const measuredPeak = o.smoke ? null : bestPeak(peakAtStart, fma.measure());
  fma.dispose();
  const doc: ResultsDocument = {
    schema: SCHEMA,
    date: new Date().toISOString(),
    durationSec: (Date.now() - started) / 1000,
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    machine: { ...machine, loadAverageAtEnd: loadavg(), measuredPeak, measuredPeakProblem: fma.problem },
    options: { smoke: o.smoke, systems: o.systems, shapes: o.shapes, cells: o.cells, dtypes: o.dtypes, gemm: o.gemm },
    timing: o.timing,
    ratioBasis: o.basis,
    systems: infos,
    measurements,
  };
  mkdirSync(o.resultsDir, { recursive: true });
  const jsonPath = join(o.resultsDir, 'latest.json');
  writeFileSync(jsonPath, `${JSON.stringify(doc, null, 1)}\n`);
  writeReports(doc, o.resultsDir, o.markdown);
  console.log(`wrote ${jsonPath}; the run took ${(doc.durationSec / 60).toFixed(1)} min`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllWorkers();
    process.exit(130);
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
