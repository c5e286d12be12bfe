/** Loading @recur/native without ever throwing, shared by the suites and the run's header line. */
import type { Backend } from '@recur/core';

/** CI sets RECUR_REQUIRE_NATIVE=1: an unavailable native backend is then a failure, never a skip. */
export const NATIVE_REQUIRED = process.env.RECUR_REQUIRE_NATIVE === '1';

export interface NativeLoad {
  backend: Backend | null;
  reason: string | undefined;
  /** The loaded binary's version, SIMD level and threads, for the run's header line. */
  info: { version: string; isa: string; threads: number } | null;
}

/**
 * Imports @recur/native. Never throws: under RECUR_REQUIRE_NATIVE=1 the import itself throws
 * when the binary is missing, and a missing dist (package not built) throws too; either
 * becomes the reason.
 */
export async function loadNative(): Promise<NativeLoad> {
  try {
    const native = await import('@recur/native');
    if (!native.available) return { backend: null, reason: native.reason ?? 'no reason given', info: null };
    return { backend: native.nativeBackend as Backend, reason: undefined, info: native.nativeInfo() };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { backend: null, reason: `importing @recur/native failed: ${message}`, info: null };
  }
}

