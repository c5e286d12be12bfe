// examples/browser, built by its own build script (esbuild, @recur/core's published ESM)
// and opened in headless Chromium with ?steps=60&autostart: it trains, charts and samples.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, inCI, launchChromium } from '../src/chromium.js';
import { REPO_DIR } from '../src/paths.js';
import { run } from '../src/run.js';
import { withPage } from '../src/run-page.js';
import { serveDirectory, type StaticServer } from '../src/static-server.js';

const chromiumPath = findChromium();
if (chromiumPath === null && inCI()) throw new Error('CI is set but no system Chromium was found: the demo test must not be skipped in CI');

interface DemoResult {
  backend: string;
  step: number;
  losses: number[];
  samples: string[];
  status: string;
  /** Canvas pixels that are not transparent: the chart was drawn. */
  inkedPixels: number;
}

describe.skipIf(chromiumPath === null)('examples/browser: the live char-model demo', () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;
  let demo: DemoResult;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'recur-demo-'));
    await run(process.execPath, [join(REPO_DIR, 'examples', 'browser', 'build.mjs'), '--out', dir], { cwd: REPO_DIR });
    server = await serveDirectory(dir);
    browser = await launchChromium(chromiumPath!);
    demo = await withPage(browser, `${server.url}?steps=60&autostart`, () => window.recurDemo?.done === true, (page) =>
      page.evaluate((): DemoResult => {
        const canvas = document.getElementById('chart') as HTMLCanvasElement;
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
        const d = window.recurDemo;
        return { backend: d.backend, step: d.step, losses: d.losses, samples: d.samples, status: document.getElementById('status')!.textContent ?? '', inkedPixels: inked };
      }));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('trains the requested steps and the loss falls', () => {
    expect(demo.step).toBe(60);
    expect(demo.losses).toHaveLength(60);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // Chance is ln(27) = 3.3 nats for '\n' and 26 letters; the first steps sit near it.
    expect(mean(demo.losses.slice(0, 5))).toBeGreaterThan(3);
    expect(mean(demo.losses.slice(-10))).toBeLessThan(mean(demo.losses.slice(0, 10)) - 0.5);
    expect(demo.status).toMatch(/^step 60, loss \d\.\d{3} on wasm$/);
    expect(demo.backend).toBe('wasm');
  });

  it('draws the loss chart and shows samples', () => {
    expect(demo.inkedPixels).toBeGreaterThan(500);
    expect(demo.samples).toHaveLength(6);
    for (const s of demo.samples) expect(s).toMatch(/^[a-z]*$/);
  });
});
