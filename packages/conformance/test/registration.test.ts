// The path users take, through the published entry points rather than core's src: importing
// @recur/native (or running @recur/wasm's initWasm()) registers the backend in @recur/core
// (dist) under its name, and setBackend(name) then runs the seed API on it with ts's numbers.
// A third-party backend (--backend ./module.js) is registered here with registerBackend().
import { expect, it } from 'vitest';
import type { Backend } from '@recur/core';
import { BACKENDS } from '../src/backends.js';
import { describeEach } from '../src/describe-backends.js';

const others = BACKENDS.filter((b) => b.name !== 'ts');

describeEach(others, 'registered in @recur/core', (backend, b) => {
  if (b.registeredAs !== undefined) {
    it(`its package registers it in @recur/core as '${b.registeredAs}', the object the suite tests`, async () => {
      const core = await import('@recur/core');
      expect(core.listBackends()).toContain(b.registeredAs);
      expect(core.findBackend(b.registeredAs!)).toBe(backend);
    });
  }

  it(`setBackend('${backend.name}') runs lstmForward / lstmBackward with ts's numbers (float64 and float32)`, async () => {
    const core = await import('@recur/core');
    if (b.registeredAs === undefined) core.registerBackend(backend as Backend);
    const previous = core.getBackend();
    try {
      for (const dtype of ['float64', 'float32'] as const) {
        const rs = new core.RandomState(5);
        const d = (...shape: number[]) => rs.randn(...shape).astype(dtype);
        const x = d(3, 4, 6);
        const a0 = d(5, 4);
        const gate = () => d(5, 8);
        const bias = () => d(5, 1);
        const p = { Wf: gate(), bf: bias(), Wi: gate(), bi: bias(), Wc: gate(), bc: bias(), Wo: gate(), bo: bias(), Wy: d(2, 5), by: d(2, 1) };
        const da = d(5, 4, 6);
        const run = (name: string) => {
          expect(core.setBackend(name).name).toBe(name);
          const f = core.lstmForward(x, a0, p);
          const g = core.lstmBackward(da, f.caches);
          return [f.a, f.yPred, f.c, g.dx, g.da0, g.dWf, g.dWi, g.dWc, g.dWo, g.dbf, g.dbi, g.dbc, g.dbo];
        };
        const want = run('ts');
        const got = run(backend.name);
        const tol = dtype === 'float64' ? 1e-12 : 2e-5;
        got.forEach((t, i) => {
          expect(t.dtype).toBe(dtype);
          expect(t.shape).toEqual(want[i].shape);
          for (let j = 0; j < t.size; j++) {
            const e = Math.abs(t.data[j] - want[i].data[j]) / (1 + Math.abs(want[i].data[j]));
            if (!(e <= tol)) expect.fail(`${dtype} output ${i}[${j}]: ${backend.name} ${t.data[j]}, ts ${want[i].data[j]}`);
          }
        });
      }
    } finally {
      core.setBackend(previous);
    }
  });
});
