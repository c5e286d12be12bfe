/** Loading @recur/wasm without ever throwing, shared by the suites and the run's header line. */
import type { Backend } from '@recur/core';

/** CI sets RECUR_REQUIRE_WASM=1: a wasm backend that did not build or load is then a failure. */
export const WASM_REQUIRED = process.env.RECUR_REQUIRE_WASM === '1';

export interface WasmLoad {
  backend: Backend | null;
  reason: string | undefined;
  /** What `wasmInfo()` says about the module (simd128 or scalar, version), for the header line. */
  info: Record<string, unknown> | null;
}

// A variable specifier: the package may not be installed, and a bundler-style resolver
// must not fail the whole file for it.
const WASM_PACKAGE = '@recur/wasm';

/**
 * Imports @recur/wasm and runs `initWasm()`, which registers 'wasm' in @recur/core (dist);
 * the Backend is taken from there. Never throws: a missing package, a failed compile or an
 * unavailable module becomes the reason.
 */
export async function loadWasm(): Promise<WasmLoad> {
  try {
    const wasm = await import(/* @vite-ignore */ WASM_PACKAGE);
    const result = (await wasm.initWasm()) as { available: boolean; reason?: string };
    if (!result.available) return { backend: null, reason: result.reason ?? 'initWasm() gave no reason', info: null };
    const core = await import('@recur/core');
    const backend = core.findBackend('wasm') as Backend | undefined;
    if (!backend) return { backend: null, reason: "initWasm() resolved available but registered no 'wasm' backend", info: null };
    return { backend, reason: undefined, info: typeof wasm.wasmInfo === 'function' ? wasm.wasmInfo() : null };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { backend: null, reason: `loading @recur/wasm failed: ${message}`, info: null };
  }
}
