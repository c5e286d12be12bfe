#!/usr/bin/env node
// The browser bench: bundles page.ts with esbuild, serves it with the three .wasm runtimes
// (recur's, TF.js wasm's, onnxruntime-web's) on 127.0.0.1, opens it in the system Chromium
// (Debian's /usr/bin/chromium, through playwright-core; never a downloaded browser) and
// prints one line per system and item, plus the ratios. Run after `npm run build`:
//   node packages/bench/browser/run-browser-bench.mjs [--json out.json]
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const out = mkdtempSync(join(tmpdir(), 'recur-browser-bench-'));
const chrome = process.env.RECUR_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!chrome) {
  console.error('browser bench: no Chromium found (apt-get install chromium, or set RECUR_CHROMIUM)');
  process.exit(1);
}

await build({ entryPoints: [join(here, 'page.ts')], outfile: join(out, 'page.js'), bundle: true, format: 'esm', platform: 'browser', target: 'es2022', logLevel: 'error',
  // The Node-only loaders beside the shared code (ort.ts's onnxruntime-node, recur.ts's
  // @recur/native) are never called in the page.
  external: ['onnxruntime-node', '@recur/native'] });
writeFileSync(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>recur browser bench</title><script type="module" src="./page.js"></script>\n');
const wasmFiles = [
  require.resolve('@recur/wasm/recur.wasm'),
  // Each runtime fetches its .wasm (onnxruntime-web also its .mjs loader) beside the page.
  ...[dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), dirname(require.resolve('onnxruntime-web'))].flatMap((dir) =>
    readdirSync(dir).filter((f) => /\.(wasm|mjs)$/.test(f) && !f.includes('.min.')).map((f) => join(dir, f)),
  ),
];
for (const f of wasmFiles) copyFileSync(f, join(out, f.split('/').pop()));

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer((req, res) => {
  const file = join(out, decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html');
  if (!file.startsWith(out) || !existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: chrome, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'], timeout: 120_000 });
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => window.__bench?.done === true, undefined, { timeout: 600_000, polling: 500 });
  const result = await page.evaluate(() => window.__bench);
  if (result.error) throw new Error(`the page threw: ${result.error}`);
  console.log(`Chromium ${browser.version()}, ${JSON.stringify(result.info.recur)}`);
  for (const r of result.rows) {
    console.log(`${r.system.padEnd(24)} ${r.item.padEnd(26)} ${r.bestMs === undefined ? `UNSUPPORTED: ${r.note}` : `best ${r.bestMs.toFixed(1)} ms  ${r.gflops.toFixed(1)} GFLOP/s`}`);
  }
  for (const item of new Set(result.rows.map((r) => r.item))) {
    const mine = result.rows.find((r) => r.item === item && r.system === 'recur wasm');
    for (const r of result.rows.filter((x) => x.item === item && x.system !== 'recur wasm' && x.bestMs !== undefined)) {
      console.log(`${item}: recur wasm is ${(r.bestMs / mine.bestMs).toFixed(2)}x ${r.system}`);
    }
  }
  const json = process.argv.indexOf('--json');
  if (json > 0) writeFileSync(process.argv[json + 1], JSON.stringify({ chromium: browser.version(), ...result }, null, 2));
} finally {
  await browser.close();
  server.close();
  rmSync(out, { recursive: true, force: true });
}
