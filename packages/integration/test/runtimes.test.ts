// @recur/core + @recur/wasm, as npm packs them, on every JavaScript runtime: Node, Deno and
// Bun run them from an npm project's node_modules (no flags but --allow-read for Deno),
// headless Chromium resolves them by URL through an import map and fetches recur.wasm by
// URL, and workerd (Cloudflare's runtime) runs them as a bundled worker with the module as
// a wasm binding, answering a request; pages built by Vite and by esbuild, each with no
// config and no plugin, load it in Chromium. Each runs the notebook's test cells, the short
// training loops and an LSTM forward pass on the wasm backend; the numbers must equal
// Node's (float64, within 1e-12 relative) and Node's wasm numbers must equal its ts ones.
// A runtime whose binary is not installed is skipped with the reason; under CI it fails.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, inCI, launchChromium } from '../src/chromium.js';
import { CROSS_RUNTIME_TOLERANCE, traceDistance } from '../src/compare-traces.js';
import { createConsumer, npmPack } from '../src/npm-pack.js';
import { CORE_DIR, INTEGRATION_DIR, REPO_DIR } from '../src/paths.js';
import { run } from '../src/run.js';
import { withPage } from '../src/run-page.js';
import { findRuntime, type RuntimeName } from '../src/runtimes.js';
import { serveDirectory } from '../src/static-server.js';
import { bundleAll, bundleWorkload } from '../src/workload-bundle.js';
import { fetchFromWorker } from '../src/workerd.js';
import type { WorkloadReport } from '../runtimes/workload.js';

const WASM_DIR = join(REPO_DIR, 'packages', 'wasm');
const entry = (name: string) => join(INTEGRATION_DIR, 'runtimes', name);

const binaries: Record<RuntimeName | 'chromium', string | null> = {
  deno: findRuntime('deno'),
  bun: findRuntime('bun'),
  workerd: findRuntime('workerd'),
  chromium: findChromium(),
};
const HINTS: Record<keyof typeof binaries, string> = {
  deno: 'npm package deno (a devDependency)',
  bun: 'npm package bun / @oven/bun-linux-x64 (a devDependency)',
  workerd: 'npm package workerd / @cloudflare/workerd-linux-64 (a devDependency)',
  chromium: "Debian's chromium (apt-get install -y chromium) or RECUR_CHROMIUM",
};
for (const [name, path] of Object.entries(binaries) as [keyof typeof binaries, string | null][]) {
  if (path !== null) continue;
  if (inCI()) throw new Error(`CI is set but ${name} was not found (${HINTS[name]}): the ${name} runtime test must not be skipped in CI`);
  console.warn(`runtime test for ${name} SKIPPED: not installed (${HINTS[name]})`);
}

/** Worst |a - b| / (1 + |b|) over two equally long lists; Infinity if they differ in length. */
function worst(a: number[], b: number[]): number {
  if (a.length !== b.length) return Infinity;
  return a.reduce((w, x, i) => Math.max(w, Number.isNaN(x - b[i]) ? Infinity : Math.abs(x - b[i]) / (1 + Math.abs(b[i]))), 0);
}

function expectSameNumbers(got: WorkloadReport, want: WorkloadReport, where: string): void {
  expect(got.backend, where).toBe('wasm');
  for (const c of got.notebook) expect(c, `${where}: notebook cell ${c.id}`).toMatchObject({ pass: true });
  expect(got.notebook.map((c) => c.id)).toEqual(want.notebook.map((c) => c.id));
  expect(traceDistance(got.training, want.training), `${where}: training losses`).toBeLessThanOrEqual(CROSS_RUNTIME_TOLERANCE);
  expect(got.training.sample, `${where}: greedy sample`).toBe(want.training.sample);
  for (const k of ['output', 'hN', 'cN'] as const) expect(worst(got.lstm[k], want.lstm[k]), `${where}: LSTM ${k}`).toBeLessThanOrEqual(CROSS_RUNTIME_TOLERANCE);
}

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as WorkloadReport;

describe('@recur/core + @recur/wasm on every runtime', () => {
  let tmp: string;
  let project: string;
  let nodeWasm: WorkloadReport;
  let nodeTs: WorkloadReport;
  const env = () => {
    const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete e.RECUR_REQUIRE_NATIVE;
    return e;
  };

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'recur-runtimes-'));
    const core = await npmPack(CORE_DIR, join(tmp, 'tarballs'));
    const wasm = await npmPack(WASM_DIR, join(tmp, 'tarballs'));
    expect(wasm.files.map((f) => f.path)).toContain('dist/src/recur.wasm');
    project = join(tmp, 'project');
    await createConsumer({ dir: project, dependencies: { '@recur/core': core.tarball, '@recur/wasm': wasm.tarball }, overrides: { '@recur/core': core.tarball } });
    await bundleWorkload({ entry: entry('node-entry.ts'), outfile: join(project, 'workload.mjs') });
    nodeWasm = lastJson((await run(process.execPath, ['workload.mjs'], { cwd: project, env: env() })).stdout);
    nodeTs = lastJson((await run(process.execPath, ['workload.mjs', 'ts'], { cwd: project, env: env() })).stdout);
  });

  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it("Node: wasm (simd128) passes the notebook cells and gives ts's numbers", () => {
    expect(nodeWasm.info).toMatchObject({ isa: 'simd128', threads: 1 });
    expect(nodeTs.backend).toBe('ts');
    expectSameNumbers(nodeWasm, nodeTs, 'node wasm vs node ts');
    // It learned: the last losses sit well below the first.
    expect(nodeWasm.training.layerLosses.at(-1)!).toBeLessThan(0.7 * nodeWasm.training.layerLosses[0]);
  });

  it.skipIf(binaries.deno === null)('Deno: the packed packages from node_modules, no sloppy-imports flag', async () => {
    const r = await run(binaries.deno!, ['run', '--allow-read', '--allow-env', 'workload.mjs'], { cwd: project, env: env() });
    expectSameNumbers(lastJson(r.stdout), nodeWasm, 'deno');
  });

  it.skipIf(binaries.bun === null)('Bun: the packed packages from node_modules', async () => {
    const r = await run(binaries.bun!, ['workload.mjs'], { cwd: project, env: env() });
    expectSameNumbers(lastJson(r.stdout), nodeWasm, 'bun');
  });

  /** Serves `dir`, opens it in Chromium, returns the workload report and the URLs the page requested. */
  async function runInChromium(dir: string, expected?: RegExp): Promise<{ report: WorkloadReport; requested: string[] }> {
    const server = await serveDirectory(dir);
    try {
      browser ??= await launchChromium(binaries.chromium!); // one browser for the page tests, a new page each
      const requested: string[] = [];
      const state = await withPage(browser, server.url, () => (window as unknown as { __recur?: { done: boolean } }).__recur?.done === true, async (page) => {
        return page.evaluate(() => (window as unknown as { __recur: { report?: WorkloadReport; error?: string } }).__recur);
      }, 180_000, (url) => requested.push(url.slice(server.url.length - 1)), expected);
      expect(state.error).toBeUndefined();
      return { report: state.report!, requested };
    } finally {
      await server.close();
    }
  }

  const PAGE = '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">';

  it.skipIf(binaries.chromium === null)('Chromium: modules by URL through an import map, recur.wasm fetched by URL', async () => {
    await bundleWorkload({ entry: entry('browser-entry.ts'), outfile: join(project, 'page.js') });
    const importMap = { imports: { '@recur/core': '/node_modules/@recur/core/dist/src/index.js', '@recur/wasm': '/node_modules/@recur/wasm/dist/src/index.js' } };
    await writeFile(join(project, 'index.html'), `${PAGE}\n<script type="importmap">${JSON.stringify(importMap)}</script></head>
<body><script type="module" src="./page.js"></script></body></html>\n`);
    const { report, requested } = await runInChromium(project);
    expect(requested).toContain('/node_modules/@recur/wasm/dist/src/recur.wasm');
    expect(requested.filter((u) => u.includes('embedded'))).toEqual([]);
    expectSameNumbers(report, nodeWasm, 'chromium');
  });

  /** An app in the project (so the packed packages resolve): index.html + main.js importing '@recur/core' and '@recur/wasm'. */
  async function app(name: string): Promise<string> {
    const dir = join(project, name);
    await mkdir(dir, { recursive: true });
    await bundleWorkload({ entry: entry('browser-entry.ts'), outfile: join(dir, 'main.js') });
    await writeFile(join(dir, 'index.html'), `${PAGE}</head><body><script type="module" src="./main.js"></script></body></html>\n`);
    return dir;
  }

  it.skipIf(binaries.chromium === null)('Vite (no config, no plugin): the build copies recur.wasm and the page loads it', async () => {
    const dir = await app('vite-app');
    await run(process.execPath, [join(REPO_DIR, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: dir, env: env() });
    const { report, requested } = await runInChromium(join(dir, 'dist'));
    expect(requested.some((u) => /^\/assets\/recur-[\w-]+\.wasm$/.test(u)), requested.join(' ')).toBe(true);
    expect(requested.filter((u) => u.includes('embedded')), 'the embedded copy is not fetched').toEqual([]);
    expectSameNumbers(report, nodeWasm, 'vite');
  });

  it.skipIf(binaries.chromium === null)('esbuild (no config, no loader): the bundle falls back to its embedded copy of the module', async () => {
    const dir = await app('esbuild-app');
    await run(process.execPath, [join(REPO_DIR, 'node_modules', 'esbuild', 'bin', 'esbuild'), 'main.js', '--bundle', '--format=esm', '--outdir=dist', '--log-level=warning'], { cwd: dir, env: env() });
    await copyFile(join(dir, 'index.html'), join(dir, 'dist', 'index.html'));
    // esbuild leaves new URL('./recur.wasm', import.meta.url) alone and copies nothing: that fetch is a 404.
    const { report, requested } = await runInChromium(join(dir, 'dist'), /404|\/recur\.wasm$/);
    expect(requested).toContain('/recur.wasm');
    expectSameNumbers(report, nodeWasm, 'esbuild');
  });

  it.skipIf(binaries.workerd === null)('workerd: a bundled worker with recur.wasm as a module binding answers a request', async () => {
    const dir = join(tmp, 'worker');
    await mkdir(dir, { recursive: true });
    // The workload with its package imports, placed in the project; then one file with the packed packages inside.
    await bundleWorkload({ entry: entry('worker-entry.ts'), outfile: join(project, 'worker-entry.mjs'), external: ['./recur.wasm'] });
    await bundleAll(join(project, 'worker-entry.mjs'), join(dir, 'worker.js'), ['./recur.wasm']);
    await copyFile(join(project, 'node_modules', '@recur', 'wasm', 'dist', 'src', 'recur.wasm'), join(dir, 'recur.wasm'));
    const res = await fetchFromWorker(binaries.workerd!, dir);
    expect(res.status, res.body + res.log).toBe(200);
    expectSameNumbers(JSON.parse(res.body) as WorkloadReport, nodeWasm, 'workerd');
  });
});
