// The conformance command itself (bin/conformance.mjs): `--backend <module path>` runs the
// suite on a third-party backend and reports per backend; a correct one (ts's kernels
// under another name) passes, a deliberately wrong one fails with a non-zero exit. One test
// file per run, to keep it short. (Skipped inside a --backend run: this checks the tool,
// not the backend.)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadBackendModule } from '../src/load-module.js';
import { parseSelection } from '../src/selection.js';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const run = (file: string, ...args: string[]) => {
  const env = { ...process.env };
  delete env.RECUR_CONFORMANCE_BACKEND;
  delete env.INIT_CWD;
  const r = spawnSync(process.execPath, ['bin/conformance.mjs', ...args, file], { cwd: pkg, env, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
};

describe.skipIf(process.env.RECUR_CONFORMANCE_BACKEND !== undefined)('npm run conformance -- --backend <module>', () => {
  it('passes a correct third-party backend and reports its checks under its name', () => {
    const r = run('test/registration.test.ts', '--backend', './fixtures/ts-renamed.mjs');
    expect(r.out).toMatch(/testing backends ts-renamed \(from \.\/fixtures\/ts-renamed\.mjs\)/);
    expect(r.out).toMatch(/ts-renamed +\d+ passed +0 failed/);
    expect(r.out).toMatch(/every tested backend conforms/);
    expect(r.status).toBe(0);
  });

  it('fails a wrong backend (gemm ignores beta, softmaxRows skips a row), naming it', () => {
    const r = run('test/kernels.test.ts', '--backend=./fixtures/wrong-backend.mjs');
    expect(r.out).toMatch(/wrong +\d+ passed +[1-9]\d* failed/);
    expect(r.out).toMatch(/FAILED on: wrong/);
    expect(r.status).not.toBe(0);
  });

});

describe('choosing the backend: names and modules', () => {
  it('a known name, all, or a path; anything else is a RangeError listing the choices', () => {
    expect(parseSelection(undefined, '/x')).toEqual({ kind: 'all' });
    expect(parseSelection('wasm', '/x')).toEqual({ kind: 'known', name: 'wasm' });
    expect(parseSelection('./b.mjs', '/x')).toEqual({ kind: 'module', spec: './b.mjs', cwd: '/x' });
    expect(() => parseSelection('wsam', '/x')).toThrow(new RangeError("--backend must be one of ts, native, wasm or a path to a module exporting a Backend, got 'wsam'"));
  });

  it('loads the default export or `backend`; a module with neither says what it exports', async () => {
    expect((await loadBackendModule('./fixtures/ts-renamed.mjs', pkg)).name).toBe('ts-renamed');
    expect((await loadBackendModule('./fixtures/wrong-backend.mjs', pkg)).name).toBe('wrong');
    await expect(loadBackendModule('./src/load-module.ts', pkg)).rejects.toThrow(/expected a Backend .* it exports loadBackendModule/);
  });
});
