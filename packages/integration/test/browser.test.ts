// @recur/core in headless Chromium: bundled from source by esbuild (platform 'browser', so a
// Node built-in anywhere in core would be a build error), served from 127.0.0.1, run, read back.
// Without a system Chromium the test is skipped locally; under CI it fails instead.
import * as core from '@recur/core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePage } from '../src/bundle.js';
import { findChromium, inCI, launchChromium } from '../src/chromium.js';
import { runPage } from '../src/run-page.js';
import { serveDirectory, type StaticServer } from '../src/static-server.js';
import type { PageReport } from '../browser/protocol.js';
import { trainTiny, type TrainingTrace } from '../browser/tiny-training.js';
import { CROSS_RUNTIME_TOLERANCE, traceDistance } from '../src/compare-traces.js';

const chromiumPath = findChromium();
if (chromiumPath === null && inCI()) {
  throw new Error('CI is set but no system Chromium was found (apt-get install -y chromium, or set RECUR_CHROMIUM): the browser test must not be skipped in CI');
}
if (chromiumPath === null) console.warn('browser test SKIPPED: no system Chromium (install Debian\'s chromium or set RECUR_CHROMIUM)');

describe.skipIf(chromiumPath === null)('@recur/core in headless Chromium', () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;
  let report: PageReport;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'recur-browser-'));
    await bundlePage({
      entry: fileURLToPath(new URL('../browser/test-page.ts', import.meta.url)),
      outDir: dir,
      conditions: ['source'],
      title: 'recur browser test',
    });
    server = await serveDirectory(dir);
    browser = await launchChromium(chromiumPath!);
    report = await runPage(browser, server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs in a real browser page without Node globals, on the ts backend', () => {
    expect(report.userAgent).toMatch(/Chrome\//);
    expect(report.sawNodeGlobals).toBe(false);
    expect(report.backends).toContain('ts');
    expect(report.sections.backend).toBe('ts');
  });

  it('matches every NumPy fixture case of the seed API in float64 and float32', () => {
    const f = report.sections.fixtures as { checks: number; failed: number; failures: string };
    expect(f.checks).toBeGreaterThan(50);
    expect(f.failed, f.failures).toBe(0);
  });

  it('reproduces every printed number and shape of the notebook\'s cells', () => {
    const cells = report.sections.notebook as { id: string; pass: boolean; checks: number; error?: string; failures: string[] }[];
    expect(cells.length).toBeGreaterThanOrEqual(8);
    for (const c of cells) {
      expect(c.error, c.id).toBeUndefined();
      expect(c.checks, c.id).toBeGreaterThan(0);
      expect(c.failures, c.id).toEqual([]);
      expect(c.pass, c.id).toBe(true);
    }
  });

  it('trains the layer API and a CharLM in the page exactly as Node does (to libm last bits)', () => {
    const page = report.sections.training as TrainingTrace;
    const node = trainTiny(core);
    expect(page.vocab).toBe(node.vocab);
    expect(page.layerLosses).toHaveLength(25);
    expect(traceDistance(page, node)).toBeLessThanOrEqual(CROSS_RUNTIME_TOLERANCE);
    expect(page.sample).toBe(node.sample);
    expect(page.layerLosses.at(-1)!).toBeLessThan(0.7 * page.layerLosses[0]);
    expect(page.charLMLosses.at(-1)!).toBeLessThan(0.7 * page.charLMLosses[0]);
  });
});
