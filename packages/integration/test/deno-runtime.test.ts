// The same training run under Deno (core from its TypeScript source, no permissions) and
// under Node (this process, core's built ESM) gives the same losses and the same sample.
import * as core from '@recur/core';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { trainTiny, type TrainingTrace } from '../browser/tiny-training.js';
import { CROSS_RUNTIME_TOLERANCE, traceDistance } from '../src/compare-traces.js';
import { INTEGRATION_DIR } from '../src/paths.js';
import { run } from '../src/run.js';

const DENO = fileURLToPath(new URL('../../../node_modules/.bin/deno', import.meta.url));

describe('Deno and Node train identically', () => {
  it('gives the same loss curves (to libm last bits) and the same greedy sample', async () => {
    const r = await run(DENO, ['run', 'deno/print-tiny-training.ts'], {
      cwd: INTEGRATION_DIR,
      env: { ...process.env, NO_COLOR: '1' },
    });
    const deno = JSON.parse(r.stdout.trim()) as TrainingTrace;
    const node = trainTiny(core);
    expect(deno.vocab).toBe(node.vocab);
    expect(traceDistance(deno, node)).toBeLessThanOrEqual(CROSS_RUNTIME_TOLERANCE);
    expect(deno.sample).toBe(node.sample);
    // And it learned: the last losses sit well below the first (ln 13 = 2.56 at chance).
    expect(node.layerLosses.at(-1)!).toBeLessThan(0.7 * node.layerLosses[0]);
    expect(node.charLMLosses.at(-1)!).toBeLessThan(0.7 * node.charLMLosses[0]);
  });
});
