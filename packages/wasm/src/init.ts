/**
 * `initWasm(source?)`: compiles and instantiates recur.wasm, registers the backend 'wasm'
 * with @recur/core (not made current: call setBackend('wasm')), and resolves to
 * `{ available, reason? }`. Once it succeeded, calling it again is a no-op; after a failure
 * a later call may try again (e.g. with another source). With RECUR_REQUIRE_WASM=1 in the
 * environment a failure rejects instead. Importing the package does nothing of this.
 */
import { registerBackend, type Backend } from '@recur/core';
import { createWasmBackend } from './backend.ts';
import { readString } from './exports.ts';
import { Machine } from './machine.ts';
import { compileSource, type WasmSource } from './source.ts';

export interface WasmInitResult {
  readonly available: boolean;
  /** Why the module could not be loaded; undefined when it was. */
  readonly reason?: string;
}

export interface WasmInfo {
  /** 'simd128' when built with WebAssembly SIMD, else 'scalar'. */
  readonly isa: 'simd128' | 'scalar';
  /** The package version the module was built for. */
  readonly version: string;
  /** Always 1: the kernels run on the calling thread. */
  readonly threads: number;
}

let machine: Machine | null = null;
let lastReason: string | undefined;
let pending: Promise<WasmInitResult> | undefined;

/** The 'wasm' Backend; its kernels throw until initWasm has succeeded. */
export const wasmBackend: Backend = createWasmBackend(
  () => machine,
  () => new Error(`@recur/wasm: the WebAssembly module is not loaded (${lastReason ?? 'call and await initWasm() first'})`),
);

function required(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.RECUR_REQUIRE_WASM === '1';
}

async function load(source: WasmSource | undefined): Promise<WasmInitResult> {
  try {
    const module = await compileSource(source);
    const instance = await WebAssembly.instantiate(module, {});
    machine = new Machine(module, instance);
    lastReason = undefined;
    registerBackend(wasmBackend);
    return { available: true };
  } catch (err) {
    if (err instanceof TypeError && String(err.message).startsWith('initWasm:')) throw err;
    lastReason = err instanceof Error ? err.message : String(err);
    if (required()) throw new Error(`@recur/wasm: RECUR_REQUIRE_WASM=1 but the WebAssembly module could not be loaded: ${lastReason}`);
    return { available: false, reason: lastReason };
  }
}

export function initWasm(source?: WasmSource): Promise<WasmInitResult> {
  if (machine !== null) return Promise.resolve({ available: true });
  if (pending === undefined) {
    pending = load(source).finally(() => {
      pending = undefined;
    });
  }
  return pending;
}

/** What the loaded module was built with, or null before initWasm succeeded. */
export function wasmInfo(): WasmInfo | null {
  if (machine === null) return null;
  const raw = machine.exports;
  return {
    isa: raw.recur_simd128() === 1 ? 'simd128' : 'scalar',
    version: readString(raw, raw.recur_version_ptr(), raw.recur_version_len()),
    threads: 1,
  };
}

/** The loaded machine, for the package's tests and benchmarks (peak loop, trap test). */
export function wasmMachine(): Machine | null {
  return machine;
}
