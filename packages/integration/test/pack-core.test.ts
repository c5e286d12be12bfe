// @recur/core as npm ships it: `npm pack`, installed offline from the tarball into a fresh
// project with nothing else. The 'ts' backend is there and silent, the exports map is right
// for ESM, TypeScript resolves the types, and CommonJS require works where Node has require(esm).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copySmokeScripts, lastJson, runNode, typecheck } from '../src/consumer-project.js';
import { createConsumer, npmPack, type Packed } from '../src/npm-pack.js';
import { CORE_DIR, REPO_DIR } from '../src/paths.js';
import { run } from '../src/run.js';

describe('@recur/core packed and installed into a fresh project', () => {
  let tmp: string;
  let project: string;
  let core: Packed;

  beforeAll(async () => {
    if (!existsSync(join(CORE_DIR, 'dist', 'src', 'index.js'))) {
      throw new Error('packages/core-ts/dist is missing: run `npm run build` first (turbo does this before `npm test`)');
    }
    tmp = await mkdtemp(join(tmpdir(), 'recur-pack-core-'));
    core = await npmPack(CORE_DIR, join(tmp, 'tarballs'));
    project = join(tmp, 'consumer');
    await createConsumer({ dir: project, dependencies: { '@recur/core': core.tarball } });
    await copySmokeScripts(project, ['backend.mjs', 'exports.mjs', 'require.cjs', 'consumer.ts', 'deno-npm.mjs']);
  });

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('packs the built ESM, its declarations, sources for the source maps, the README, and no tests', () => {
    const paths = core.files.map((f) => f.path);
    for (const p of ['package.json', 'README.md', 'dist/src/index.js', 'dist/src/index.d.ts', 'src/index.ts']) expect(paths).toContain(p);
    expect(core.name).toBe('@recur/core');
    // Tests and test-only helpers stay in the repository.
    expect(paths.filter((p) => /\.test\.|\/testing\//.test(p))).toEqual([]);
  });

  it('runs on the ts backend, importing without a word on stderr', async () => {
    const r = await runNode(project, 'backend.mjs');
    const out = lastJson<{ importError: string | null; backends: string[]; currentAfterImport: string; runs: Record<string, { a436: number }> }>(r);
    expect(out.importError).toBe('ERR_MODULE_NOT_FOUND'); // @recur/native is not installed here
    expect(out.backends).toEqual(['ts']);
    expect(out.currentAfterImport).toBe('ts');
    expect(out.runs.ts.a436).toBeCloseTo(0.172117767533, 11); // the notebook's lstm_forward a[4][3][6]
    expect(r.stderr).toBe('');
  });

  it('has an exports map that serves the ESM entry and package.json, and nothing deeper', async () => {
    const r = await runNode(project, 'exports.mjs', ['@recur/core']);
    const out = lastJson<Record<string, { exportNames: string[]; resolvedMain: string; importMetaResolve: string; deepImport: string; version: string }>>(r)['@recur/core'];
    expect(out.version).toBe(core.version);
    expect(out.importMetaResolve).toBe('@recur/core/dist/src/index.js');
    expect(out.deepImport).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
    for (const name of ['Tensor', 'RandomState', 'setBackend', 'getBackend', 'registerBackend', 'rnnCellForward', 'rnnForward',
      'lstmCellForward', 'lstmForward', 'rnnCellBackward', 'rnnBackward', 'lstmCellBackward', 'lstmBackward', 'encodeSafetensors']) {
      expect(out.exportNames).toContain(name);
    }
  });

  it('loads through require() exactly when Node supports require(esm), and through import() always', async () => {
    const r = await runNode(project, 'require.cjs');
    const out = lastJson<{ requireModule: boolean; required: boolean; error?: string; randn: number; dynamicImport: number; exportNames?: string[] }>(r);
    expect(out.dynamicImport).toBe(1.6243453636632417);
    if (out.requireModule) {
      expect(out.required, out.error).toBe(true);
      expect(out.randn).toBe(1.6243453636632417);
      expect(out.exportNames).toContain('lstmForward');
    } else {
      expect(out.error).toBe('ERR_REQUIRE_ESM');
    }
  });

  it('type-checks a TypeScript consumer against the packed .d.ts files (NodeNext and Bundler)', async () => {
    const results = await typecheck(project, ['consumer.ts']);
    for (const [mode, r] of Object.entries(results)) expect(r.stdout + r.stderr, mode).toBe('');
    for (const r of Object.values(results)) expect(r.code).toBe(0);
  });

  it('runs under Deno from the installed npm package too', async () => {
    const r = await run(join(REPO_DIR, 'node_modules', '.bin', 'deno'), ['run', 'deno-npm.mjs'], { cwd: project, env: { ...process.env, NO_COLOR: '1' } });
    const out = lastJson<{ runtime: string; backend: string; a436: number }>(r);
    expect(out).toMatchObject({ runtime: 'deno', backend: 'ts' });
    expect(out.a436).toBeCloseTo(0.172117767533, 11);
  });
});
