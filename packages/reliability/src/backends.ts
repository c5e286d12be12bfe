/**
 * The backends every property runs on: 'ts' always, 'native' when @recur/native loads,
 * 'wasm' when @recur/wasm's module compiles.
 *
 * Everything here goes through the published entry points ('@recur/core', '@recur/native'
 * and '@recur/wasm'), the way users call the library. setBackend() is given the Backend
 * object itself, so it does not matter whether the test runner and @recur/native share
 * one copy of @recur/core's registry.
 */
import { findBackend, getBackend, setBackend, type Backend } from '@recur/core';

/** CI sets RECUR_REQUIRE_NATIVE=1: an unavailable native backend is then a failure, not a skip. */
export const NATIVE_REQUIRED = process.env.RECUR_REQUIRE_NATIVE === '1';

export interface NativeLoad {
  backend: Backend | null;
  /** The addon's raw exports (they check their arguments themselves), or null. */
  raw: Record<string, unknown> | null;
  reason: string | undefined;
}

/** Imports @recur/native without throwing; a failed import becomes the reason. */
export async function loadNative(): Promise<NativeLoad> {
  try {
    const native = await import('@recur/native');
    if (!native.available) return { backend: null, raw: null, reason: native.reason ?? 'no reason given' };
    return { backend: native.nativeBackend, raw: native.rawAddon as unknown as Record<string, unknown>, reason: undefined };
  } catch (err) {
    return { backend: null, raw: null, reason: `importing @recur/native failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export const NATIVE: NativeLoad = await loadNative();

/** CI sets RECUR_REQUIRE_WASM=1: a wasm module that did not build or compile is then a failure. */
export const WASM_REQUIRED = process.env.RECUR_REQUIRE_WASM === '1';

export interface WasmLoad {
  backend: Backend | null;
  reason: string | undefined;
}

/** Imports @recur/wasm and compiles its module without throwing; a failure becomes the reason. */
export async function loadWasm(): Promise<WasmLoad> {
  try {
    const wasm = await import('@recur/wasm');
    const init = await wasm.initWasm();
    if (!init.available) return { backend: null, reason: init.reason ?? 'initWasm() gave no reason' };
    return { backend: wasm.wasmBackend, reason: undefined };
  } catch (err) {
    return { backend: null, reason: `importing @recur/wasm failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export const WASM: WasmLoad = await loadWasm();

export const TS_BACKEND: Backend = findBackend('ts')!;

/** The backends under test, ts first (the reference). */
export const BACKENDS: readonly Backend[] = [TS_BACKEND, NATIVE.backend, WASM.backend].filter((b): b is Backend => b !== null);

/** Throws (failing the calling test) when native is required but missing. */
export function assertNativeIfRequired(): void {
  if (NATIVE_REQUIRED && NATIVE.backend === null) {
    throw new Error(`RECUR_REQUIRE_NATIVE=1 but the native backend is not available: ${NATIVE.reason}`);
  }
}

/** Throws when a backend that CI requires (RECUR_REQUIRE_NATIVE / RECUR_REQUIRE_WASM) is missing. */
export function assertRequiredBackends(): void {
  assertNativeIfRequired();
  if (WASM_REQUIRED && WASM.backend === null) {
    throw new Error(`RECUR_REQUIRE_WASM=1 but the wasm backend is not available: ${WASM.reason}`);
  }
}

/** One line for the run's header: which backends are fuzzed, and why one is not. */
export function describeBackendsUnderTest(): string {
  const missing = [
    NATIVE.backend ? null : `native ${NATIVE_REQUIRED ? '(RECUR_REQUIRE_NATIVE=1, so the suite FAILS)' : 'NOT fuzzed'}: ${NATIVE.reason}`,
    WASM.backend ? null : `wasm ${WASM_REQUIRED ? '(RECUR_REQUIRE_WASM=1, so the suite FAILS)' : 'NOT fuzzed'}: ${WASM.reason}`,
  ].filter((m) => m !== null);
  return `recur reliability: fuzzing backends ${BACKENDS.map((b) => b.name).join(', ')}${missing.length ? `; ${missing.join('; ')}` : ''}`;
}

/** Runs `fn` with `backend` current, then restores the previous backend. */
export function onBackend<T>(backend: Backend, fn: () => T): T {
  const previous = getBackend();
  setBackend(backend);
  try {
    return fn();
  } finally {
    setBackend(previous);
  }
}
