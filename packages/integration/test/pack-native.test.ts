// @recur/native as a release would publish it (napi artifacts + napi pre-publish on a staged
// copy): the main package plus @recur/native-<triple> platform packages. Installed offline
// from the tarballs into fresh projects:
//   (a) with the platform package: 'native' is registered, setBackend('native') works and
//       agrees with 'ts';
//   (b) without it (npm install --omit=optional): importing does not throw, the backend
//       stays 'ts' and stderr carries exactly one RECUR_NATIVE_UNAVAILABLE notice.
// (a) needs a built binary: without one it is skipped locally and fails under CI or RECUR_REQUIRE_NATIVE=1.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCI } from '../src/chromium.js';
import { copySmokeScripts, lastJson, runNode, typecheck } from '../src/consumer-project.js';
import { createConsumer, npmPack, type Packed } from '../src/npm-pack.js';
import { CORE_DIR, NATIVE_DIR } from '../src/paths.js';
import { stageAndPackNative, type StagedNative } from '../src/stage-native.js';

// The platform this machine builds for (x64 Linux with glibc here); other triples come from CI jobs.
const TRIPLE = 'linux-x64-gnu';
const BINARY = join(NATIVE_DIR, `recur.${TRIPLE}.node`);
const hasBinary = existsSync(BINARY);
const mustHaveBinary = inCI() || process.env.RECUR_REQUIRE_NATIVE === '1';
if (!hasBinary && mustHaveBinary) {
  throw new Error(`${BINARY} is missing but CI / RECUR_REQUIRE_NATIVE=1 requires the native packaging test (build with npm run build)`);
}
if (!hasBinary) console.warn(`native packaging test (a) SKIPPED: ${BINARY} is not built (needs cargo)`);

interface BackendReport {
  importError: string | null;
  nativeAvailable: boolean | null;
  nativeReason: string | null;
  backends: string[];
  currentAfterImport: string;
  runs: Record<string, { a436: number }>;
  nativeVsTs?: number;
}

describe('@recur/native packed and installed into fresh projects', () => {
  let tmp: string;
  let core: Packed;
  let native: StagedNative;

  beforeAll(async () => {
    for (const dir of [CORE_DIR, NATIVE_DIR]) {
      if (!existsSync(join(dir, 'dist', 'src', 'index.js'))) throw new Error(`${dir}/dist is missing: run \`npm run build\` first`);
    }
    tmp = await mkdtemp(join(tmpdir(), 'recur-pack-native-'));
    core = await npmPack(CORE_DIR, join(tmp, 'tarballs'));
    native = await stageAndPackNative(NATIVE_DIR, hasBinary ? [BINARY] : [], tmp);
  });

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('packs the main package without binaries, its loader and declarations', () => {
    const paths = native.main.files.map((f) => f.path);
    for (const p of ['package.json', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/load.js', 'dist/src/platform-package.js']) {
      expect(paths).toContain(p);
    }
    expect(paths.filter((p) => p.endsWith('.node'))).toEqual([]);
  });

  it.skipIf(!hasBinary)('packs the binary as @recur/native-<triple>, listed in optionalDependencies at the same version', () => {
    const platform = native.platforms[TRIPLE];
    expect(platform.name).toBe(`@recur/native-${TRIPLE}`);
    expect(platform.version).toBe(native.manifest.version);
    expect(platform.files.map((f) => f.path).sort()).toEqual(['README.md', 'package.json', `recur.${TRIPLE}.node`]);
    expect(native.manifest.optionalDependencies).toEqual({ [`@recur/native-${TRIPLE}`]: native.manifest.version });
  });

  describe.skipIf(!hasBinary)('(a) with the platform package installed', () => {
    let project: string;

    beforeAll(async () => {
      project = join(tmp, 'with-binary');
      await createConsumer({
        dir: project,
        dependencies: { '@recur/core': core.tarball, '@recur/native': native.main.tarball },
        // The optional dependency comes from its tarball, as the registry would serve it.
        overrides: { [`@recur/native-${TRIPLE}`]: native.platforms[TRIPLE].tarball },
      });
      await copySmokeScripts(project, ['backend.mjs', 'consumer.ts', 'consumer-native.ts']);
    });

    it('installs the platform package through @recur/native\'s optionalDependencies', () => {
      expect(existsSync(join(project, 'node_modules', '@recur', `native-${TRIPLE}`, `recur.${TRIPLE}.node`))).toBe(true);
      expect(existsSync(join(project, 'node_modules', '@recur', 'native', `recur.${TRIPLE}.node`))).toBe(false);
    });

    it('registers \'native\'; setBackend(\'native\') runs the notebook\'s LSTM and agrees with \'ts\'', async () => {
      const r = await runNode(project, 'backend.mjs', [], { RECUR_REQUIRE_NATIVE: '1' });
      const out = lastJson<BackendReport>(r);
      expect(out.nativeAvailable, out.nativeReason ?? '').toBe(true);
      expect(out.backends).toEqual(['ts', 'native']);
      expect(out.currentAfterImport).toBe('ts'); // registered, not made current
      expect(out.runs.native.a436).toBeCloseTo(0.172117767533, 11);
      expect(out.nativeVsTs).toBeLessThan(1e-12);
      expect(r.stderr).toBe('');
    });

    it('type-checks a TypeScript consumer of both packages', async () => {
      const results = await typecheck(project, ['consumer.ts', 'consumer-native.ts']);
      for (const [mode, r] of Object.entries(results)) expect(r.stdout + r.stderr, mode).toBe('');
    });
  });

  describe('(b) without the platform package', () => {
    let project: string;

    beforeAll(async () => {
      project = join(tmp, 'without-binary');
      await createConsumer({
        dir: project,
        dependencies: { '@recur/core': core.tarball, '@recur/native': native.main.tarball },
        installFlags: ['--omit=optional'],
      });
      await copySmokeScripts(project, ['backend.mjs']);
    });

    it('imports without throwing, stays on \'ts\' and prints one clear notice', async () => {
      expect(existsSync(join(project, 'node_modules', '@recur', `native-${TRIPLE}`))).toBe(false);
      const r = await runNode(project, 'backend.mjs');
      const out = lastJson<BackendReport>(r);
      expect(out.importError).toBeNull();
      expect(out.nativeAvailable).toBe(false);
      expect(out.nativeReason).toContain(`@recur/native-${TRIPLE} is not installed`);
      expect(out.backends).toEqual(['ts']);
      expect(out.currentAfterImport).toBe('ts');
      expect(out.runs.ts.a436).toBeCloseTo(0.172117767533, 11);
      const notices = r.stderr.split('\n').filter((l) => l.includes('RECUR_NATIVE_UNAVAILABLE'));
      expect(notices, r.stderr).toHaveLength(1);
      expect(notices[0]).toContain("recur keeps the 'ts' backend");
    });

    it('makes the import throw instead when RECUR_REQUIRE_NATIVE=1 (what CI sets)', async () => {
      const out = lastJson<BackendReport>(await runNode(project, 'backend.mjs', [], { RECUR_REQUIRE_NATIVE: '1' }));
      expect(out.importError).toMatch(/RECUR_REQUIRE_NATIVE=1 but the native addon could not be loaded/);
    });
  });
});
