// @recur/core in headless Chromium: bundled from source by esbuild (platform 'browser', so a
// Node built-in anywhere in core would be a build error), served from 127.0.0.1, run, read back.
// Without a system Chromium the test is skipped locally; under CI it fails instead.
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
      entry: fileURLToPath(new URL('../browser/seed-page.ts', import.meta.url)),
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

  it('reproduces the notebook\'s printed rnn_cell_forward and lstm_forward values', () => {
    const n = report.sections.notebook as Record<string, unknown>;
    const close = (got: number[], want: number[], tol: number) =>
      got.forEach((g, i) => expect(Math.abs(g - want[i]), `[${i}] got ${g}, want ${want[i]}`).toBeLessThanOrEqual(tol));
    expect(n.rnnCellShapes).toEqual([[5, 10], [2, 10]]);
    close(n.rnnCellANext4 as number[], [0.59584544, 0.18141802, 0.61311866, 0.99808218, 0.85016201, 0.99980978,
      -0.18887155, 0.99815551, 0.6531151, 0.82872037], 1e-8);
    close(n.rnnCellYPred1 as number[], [0.9888161, 0.01682021, 0.21140899, 0.36817467, 0.98988387, 0.88945212,
      0.36920224, 0.9966312, 0.9982559, 0.17746526], 1e-8);
    expect(n.lstmShapes).toEqual([[5, 10, 7], [2, 10, 7], [5, 10, 7]]);
    close([n.lstmA_4_3_6, n.lstmY_1_4_3, n.lstmC_1_2_1] as number[], [0.172117767533, 0.95087346185, -0.855544916718], 1e-11);
  });
});
