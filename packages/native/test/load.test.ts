import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findBackend, getBackend } from '@recur/core';
import { describe, expect, it } from 'vitest';
import { loadAddon } from '../src/load.js';
import { binaryFileName } from '../src/platform.js';
import { nativeInfo } from '../src/index.js';
import { available, rawAddon, reason, required, skipNative } from './native-under-test.js';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

/** Imports the built package in a fresh node with extra env; returns the exit code and output. */
function importInChild(env: Record<string, string>, code = "const m = await import('@recur/native'); console.log(JSON.stringify({ available: m.available, reason: m.reason }));") {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: pkgDir,
    env: { ...process.env, RECUR_REQUIRE_NATIVE: '', RECUR_NATIVE_PATH: '', ...env },
    encoding: 'utf8',
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

describe('loading the addon', () => {
  it('loads when RECUR_REQUIRE_NATIVE=1, and otherwise says why it did not', () => {
    if (required) expect(available, reason).toBe(true);
    if (!available) expect(reason).toMatch(/\S/);
    else expect(reason).toBeUndefined();
  });

  it.skipIf(skipNative)('registers the native backend without making it current', () => {
    expect(findBackend('native')).toBeDefined();
    expect(getBackend().name).toBe('ts');
  });

  it.skipIf(skipNative)('reports version, isa and threads', () => {
    const info = nativeInfo()!;
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(['avx512', 'avx2', 'scalar']).toContain(info.isa);
    expect(info.threads).toBeGreaterThanOrEqual(1);
  });

  it.skipIf(skipNative)('turns a Rust panic into a JS Error and keeps working', () => {
    expect(() => rawAddon!.__panicForTest()).toThrow(/Rust panic.*deliberate panic/);
    const d = new Float64Array([0, 0]);
    rawAddon!.softmaxRows(d, 1, 2);
    expect(Array.from(d)).toEqual([0.5, 0.5]);
  });

  it('names the binary after the napi-rs platform triple', () => {
    expect(binaryFileName('linux', 'x64', false)).toBe('recur.linux-x64-gnu.node');
    expect(binaryFileName('linux', 'x64', true)).toBe('recur.linux-x64-musl.node');
    expect(binaryFileName('linux', 'arm64', false)).toBe('recur.linux-arm64-gnu.node');
    expect(binaryFileName('darwin', 'arm64', false)).toBe('recur.darwin-arm64.node');
    expect(binaryFileName('win32', 'x64', false)).toBe('recur.win32-x64-msvc.node');
    expect(binaryFileName('sunos', 'x64', false)).toBeUndefined();
    expect(binaryFileName('linux', 'ia32', false)).toBeUndefined();
  });

  it('reports a missing RECUR_NATIVE_PATH file without throwing', () => {
    const r = loadAddon({ RECUR_NATIVE_PATH: '/nonexistent/recur.node' });
    expect(r.addon).toBeNull();
    expect(r.reason).toMatch(/\/nonexistent\/recur\.node.*RECUR_NATIVE_PATH/);
  });

  it('rejects a loadable file that is not the recur addon', () => {
    const r = loadAddon({ RECUR_NATIVE_PATH: `${pkgDir}package.json` });
    expect(r.addon).toBeNull();
    expect(r.reason).toMatch(/not the recur addon: it lacks gemm/);
  });

  it('importing without a binary does not throw; with RECUR_REQUIRE_NATIVE=1 it throws a clear Error', () => {
    const soft = importInChild({ RECUR_NATIVE_PATH: '/nonexistent/recur.node' });
    expect(soft.status, soft.stderr).toBe(0);
    expect(JSON.parse(soft.stdout)).toMatchObject({ available: false });
    const hard = importInChild({ RECUR_NATIVE_PATH: '/nonexistent/recur.node', RECUR_REQUIRE_NATIVE: '1' });
    expect(hard.status).not.toBe(0);
    expect(hard.stderr).toMatch(/RECUR_REQUIRE_NATIVE=1 but the native addon could not be loaded: .*nonexistent/);
  });

  it.skipIf(skipNative)('the built package loads the packaged binary in a fresh process', () => {
    const r = importInChild({ RECUR_REQUIRE_NATIVE: '1' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ available: true });
  });
});
