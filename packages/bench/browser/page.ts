/**
 * The browser bench page: recur wasm, TF.js wasm and onnxruntime-web (wasm EP) on the same
 * work in one page (Chromium), the systems taking turns call by call so drift in the host
 * hits them alike; best of the rounds. Bundled and driven by run-browser-bench.mjs, which
 * serves the .wasm files beside this page. Writes window.__bench = { done, rows | error }.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { initWasm, wasmBackend, wasmInfo } from '@recur/wasm';
import type { GemmItem, Item, RecurrentItem } from '../src/plan.js';
import type { Runner } from '../src/systems/js-system.js';
import { loadOrtWeb } from '../src/systems/ort-web.js';
import { prepare } from '../src/systems/recur.js';
import { loadTfjs } from '../src/systems/tfjs.js';

declare global {
  interface Window {
    __bench?: { done: boolean; rows?: Row[]; info?: unknown; error?: string };
  }
}

interface Row {
  system: string;
  item: string;
  bestMs?: number;
  gflops?: number;
  note?: string;
}

const lstm: RecurrentItem = {
  kind: 'recurrent', id: 'lstm/forward/big-T10/f32', cell: 'lstm', work: 'forward', shape: 'big-T10', T: 10, B: 64, X: 256, H: 512, dtype: 'f32',
  flops: 2 * 10 * 64 * (256 + 512) * 4 * 512, predictFrom: [],
} as RecurrentItem;
const gemm: GemmItem = { kind: 'gemm', id: 'gemm/512/f32', shape: '512', M: 512, K: 512, N: 512, dtype: 'f32', flops: 2 * 512 ** 3 } as GemmItem;
const ITEMS: Item[] = [lstm, gemm];
const ROUNDS = 7;

async function main(): Promise<void> {
  const base = new URL('./', location.href).href;
  setWasmPaths(base);
  const loaded = await initWasm(new URL('./recur.wasm', base));
  if (!loaded.available) throw new Error(`recur wasm did not load: ${loaded.reason}`);
  const tf = await loadTfjs('wasm');
  const ort = await loadOrtWeb();
  const systems: [string, (item: Item) => Promise<Runner | { unsupported: string }>][] = [
    ['recur wasm', async (item) => prepare(wasmBackend, item)],
    ['TF.js wasm', async (item) => ('missing' in tf ? { unsupported: tf.missing } : tf.prepare(item))],
    ['onnxruntime-web (wasm)', async (item) => ('missing' in ort ? { unsupported: ort.missing } : ort.prepare(item))],
  ];
  const rows: Row[] = [];
  for (const item of ITEMS) {
    const runners: { name: string; run: Runner; best: number }[] = [];
    for (const [name, prep] of systems) {
      // Each system keeps one prepared item at a time, so items run one after another.
      const r = await prep(item);
      if (typeof r !== 'function') {
        rows.push({ system: name, item: item.id, note: r.unsupported });
        continue;
      }
      await r(); // warm-up (tier-up, first allocations)
      runners.push({ name, run: r, best: Infinity });
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of runners) {
        const t0 = performance.now();
        await s.run();
        s.best = Math.min(s.best, performance.now() - t0);
      }
    }
    for (const s of runners) rows.push({ system: s.name, item: item.id, bestMs: s.best, gflops: item.flops / s.best / 1e6 });
  }
  window.__bench = { done: true, rows, info: { recur: wasmInfo(), userAgent: navigator.userAgent } };
}

main().catch((e) => {
  window.__bench = { done: true, error: (e as Error).stack ?? String(e) };
});
