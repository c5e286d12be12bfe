/**
 * The backends every property runs on: 'ts' always, 'native' when @recur/native loads,
 * 'wasm' when @recur/wasm's module compiles.
 *
 * Everything here goes through the published entry points ('@recur/core', '@recur/native'
 * and '@recur/wasm'), the way users call the library; the loaders are testkit's, shared
 * with conformance.
 */
import { findBackend, type Backend } from '@recur/core';
import { NATIVE_REQUIRED, WASM_REQUIRED, loadNative, loadWasm, type BackendLoad, type NativeLoad } from '@recur/testkit/backend/load-backends';

export { NATIVE_REQUIRED, WASM_REQUIRED, onBackend } from '@recur/testkit/backend/load-backends';

export const NATIVE: NativeLoad = await loadNative();
export const WASM: BackendLoad = await loadWasm();

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
