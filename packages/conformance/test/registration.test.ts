// The path users take, through the published entry points rather than core's src:
// `import '@recur/native'` registers the native backend in @recur/core (dist) under 'native',
// and setBackend('native') then runs the seed API on it, with ts's numbers.
import { expect, it } from 'vitest';
import { describeAgainstTs } from '../src/describe-backends.js';

describeAgainstTs('registered by importing @recur/native', (other) => {
  it(`is registered in @recur/core as '${other.name}' and is the object the suite tests`, async () => {
    const core = await import('@recur/core');
    const native = await import('@recur/native');
    expect(other).toBe(native.nativeBackend);
    expect(core.listBackends()).toContain('native');
    expect(core.findBackend('native')).toBe(native.nativeBackend);
  });

  it("setBackend('native') runs lstmForward / lstmBackward with ts's numbers (float64 and float32)", async () => {
    const core = await import('@recur/core');
    await import('@recur/native');
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
        const got = run('native');
        const tol = dtype === 'float64' ? 1e-12 : 2e-5;
        got.forEach((t, i) => {
          expect(t.dtype).toBe(dtype);
          expect(t.shape).toEqual(want[i].shape);
          for (let j = 0; j < t.size; j++) {
            const e = Math.abs(t.data[j] - want[i].data[j]) / (1 + Math.abs(want[i].data[j]));
            if (!(e <= tol)) expect.fail(`${dtype} output ${i}[${j}]: native ${t.data[j]}, ts ${want[i].data[j]}`);
          }
        });
      }
    } finally {
      core.setBackend(previous);
    }
  });
});
