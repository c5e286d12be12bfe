/**
 * initWasm from each kind of source, wasmInfo, registration with @recur/core, and that
 * importing the package does nothing by itself (checked in a fresh process).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findBackend, listBackends } from '@recur/core';
import { describe, expect, it } from 'vitest';
import { defaultWasmUrl, initWasm, wasmBackend, wasmInfo } from '../src/index.ts';
import { compileSource } from '../src/source.ts';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const bytes = readFileSync(defaultWasmUrl());

describe('initWasm', () => {
  it('loads the package module, registers the backend "wasm" and says what was built', async () => {
    expect(await initWasm()).toEqual({ available: true });
    expect(listBackends()).toContain('wasm');
    expect(findBackend('wasm')).toBe(wasmBackend);
    const info = wasmInfo()!;
    expect(info.isa).toBe('simd128');
    expect(info.threads).toBe(1);
    expect(info.version).toBe(JSON.parse(readFileSync(`${pkgDir}/package.json`, 'utf8')).version);
  });

  it('a second call is a no-op', async () => {
    expect(await initWasm(new Uint8Array([0, 1, 2]))).toEqual({ available: true });
  });

  it('compiles from a URL, bytes, a typed-array view, a WebAssembly.Module, a Response and a promise of one', async () => {
    const module = await WebAssembly.compile(bytes);
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes, 8);
    const response = () => new Response(bytes, { headers: { 'content-type': 'application/wasm' } });
    for (const source of [defaultWasmUrl(), defaultWasmUrl().href, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), padded.subarray(8), module, response(), Promise.resolve(response())]) {
      const m = await compileSource(source as never);
      expect(WebAssembly.Module.exports(m).map((e) => e.name)).toContain('recur_gemm_f32');
    }
    await expect(compileSource(42 as never)).rejects.toThrow(TypeError);
  });

  it('in a fresh process: importing does nothing; a bad source resolves { available: false, reason }, then the real one loads', () => {
    const script = `
      import { listBackends } from '@recur/core';
      const m = await import('@recur/wasm');
      console.log(JSON.stringify(listBackends()), m.wasmInfo());
      console.log(JSON.stringify(await m.initWasm(new Uint8Array([1, 2, 3]))));
      console.log(JSON.stringify(await m.initWasm()), JSON.stringify(listBackends()));
      const c = new Float64Array(1);
      m.wasmBackend.gemm({ transA: false, transB: false, m: 1, n: 1, k: 1, alpha: 1, a: Float64Array.of(2), lda: 1, b: Float64Array.of(5), ldb: 1, beta: 0, c, ldc: 1 });
      console.log(c[0]);
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: pkgDir, encoding: 'utf8', env: { ...process.env, RECUR_REQUIRE_WASM: '' } });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('["ts"] null');
    const failed = JSON.parse(lines[1]);
    expect(failed.available).toBe(false);
    expect(failed.reason).toMatch(/WebAssembly|magic|compile/i);
    expect(lines[2]).toBe('{"available":true} ["ts","wasm"]');
    expect(lines[3]).toBe('10');
  });

  it('with RECUR_REQUIRE_WASM=1 a module that does not load rejects', () => {
    const script = `const m = await import('@recur/wasm'); await m.initWasm(new Uint8Array([1, 2, 3]));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: pkgDir, encoding: 'utf8', env: { ...process.env, RECUR_REQUIRE_WASM: '1' } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/RECUR_REQUIRE_WASM=1 but the WebAssembly module could not be loaded/);
  });
});
