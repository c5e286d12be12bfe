/**
 * Keeps the harness from rotting: runs `main.js --smoke` (tiny shape and a 64³ GEMM, one
 * call per item, every system) and checks the JSON it writes is well formed. Says nothing
 * about speed. Needs the build (turbo runs it before test).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResultsDocument } from '../src/report/document.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'recur-bench-smoke-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('npm run bench -- --smoke', () => {
  it('measures every present system once on the tiny shape and writes well-formed results', () => {
    const r = spawnSync(process.execPath, ['dist/src/main.js', '--smoke', '--results-dir', outDir, '--markdown', join(outDir, 'RESULTS.md')], {
      cwd: packageDir,
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const doc = JSON.parse(readFileSync(join(outDir, 'latest.json'), 'utf8')) as ResultsDocument;
    expect(doc.schema).toBe('recur-bench/1');
    expect(Number.isNaN(Date.parse(doc.date))).toBe(false);
    expect(doc.machine.threads).toBeGreaterThanOrEqual(1);

    const ids = doc.systems.map((s) => s.id);
    for (const id of ['native-1t', 'native-base', 'ts', 'wasm', 'numpy-1t', 'torch-1t', 'tfjs-wasm', 'tfjs-cpu', 'ort-1t', 'ort-web']) expect(ids).toContain(id);
    for (const s of doc.systems) {
      expect(['ok', 'missing']).toContain(s.status);
      if (s.status === 'missing') expect(s.reason).toMatch(/\S/);
    }
    // recur ts is part of this repository: it is never missing.
    expect(doc.systems.find((s) => s.id === 'ts')?.status).toBe('ok');

    const present = doc.systems.filter((s) => s.status === 'ok').map((s) => s.id);
    const itemIds = new Set(doc.measurements.map((m) => m.item.id));
    // 3 cells × 2 works × 2 dtypes on the tiny shape, the 64³ GEMM in both dtypes, one stream step (f32).
    expect(itemIds.size).toBe(15);
    for (const m of doc.measurements) {
      expect(present).toContain(m.system);
      expect(['ok', 'unsupported', 'timeout', 'error']).toContain(m.status);
      expect(m.status, `${m.system} ${m.item.id}: ${m.note}`).not.toBe('error');
      if (m.status !== 'ok') continue;
      expect(m.n).toBe(1);
      expect(m.medianMs).toBeGreaterThan(0);
      expect(m.bestMs).toBeLessThanOrEqual(m.medianMs!);
      expect(Number.isFinite(m.gflops)).toBe(true);
    }
    // Every present system measured every item (ok or a stated reason), each exactly once.
    for (const s of doc.systems.filter((x) => x.status === 'ok')) {
      const mine = doc.measurements.filter((m) => m.system === s.id).map((m) => m.item.id);
      expect(new Set(mine).size).toBe(mine.length);
      const items = new Set(doc.measurements.filter((m) => (s.dtypes as string[]).includes(m.item.dtype)).map((m) => m.item.id));
      expect(mine.length).toBe(items.size);
    }
    const native = doc.systems.find((s) => s.id === 'native-1t');
    if (native?.status === 'ok') {
      for (const m of doc.measurements.filter((x) => x.status === 'ok')) expect(m.vsNative1t).toBeGreaterThan(0);
    }
    expect(readFileSync(join(outDir, 'chart.svg'), 'utf8')).toMatch(/^<svg [^>]*>[\s\S]*<\/svg>\n$/);
    expect(readFileSync(join(outDir, 'RESULTS.md'), 'utf8')).toContain('## Targets');
  });
});
