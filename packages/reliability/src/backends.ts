/**
 * The backends every property runs on: 'ts' always, 'native' when @recur/native loads.
 *
 * Everything here goes through the published entry points ('@recur/core' and
 * '@recur/native'), the way users call the library. setBackend() is given the Backend
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

export const TS_BACKEND: Backend = findBackend('ts')!;

/** The backends under test, ts first (the reference). */
export const BACKENDS: readonly Backend[] = NATIVE.backend ? [TS_BACKEND, NATIVE.backend] : [TS_BACKEND];

/** Throws (failing the calling test) when native is required but missing. */
export function assertNativeIfRequired(): void {
  if (NATIVE_REQUIRED && NATIVE.backend === null) {
    throw new Error(`RECUR_REQUIRE_NATIVE=1 but the native backend is not available: ${NATIVE.reason}`);
  }
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
