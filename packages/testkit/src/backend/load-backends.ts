/**
 * Loading the optional backends for a test suite without ever throwing, and running code
 * with one backend current. Shared by conformance and reliability.
 *
 * @recur/native and @recur/wasm are imported by variable specifiers: testkit does not
 * depend on them (they dev-depend on testkit, so a dependency would be a build cycle), and a
 * suite must still start when one is not installed or not built; the failure becomes the
 * reason. Backends are taken from @recur/core's registry, the one the packages register in.
 */
import { findBackend, getBackend, setBackend, type Backend } from '@recur/core';

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};

/** CI sets RECUR_REQUIRE_NATIVE=1: an unavailable native backend is then a failure, never a skip. */
export const NATIVE_REQUIRED = env.RECUR_REQUIRE_NATIVE === '1';
/** CI sets RECUR_REQUIRE_WASM=1: a wasm module that did not build or load is then a failure. */
export const WASM_REQUIRED = env.RECUR_REQUIRE_WASM === '1';

const NATIVE_PACKAGE = '@recur/native';
const WASM_PACKAGE = '@recur/wasm';

export interface BackendLoad {
  /** null when the backend could not be loaded. */
  backend: Backend | null;
  /** Why `backend` is null. */
  reason: string | undefined;
  /** What the package says about the loaded backend (version, SIMD level, threads), for a header line. */
  info: Record<string, unknown> | null;
}

export interface NativeLoad extends BackendLoad {
  /** The addon's raw positional exports (they check their arguments themselves), or null. */
  raw: Record<string, unknown> | null;
}

const failed = (what: string, err: unknown) => `importing ${what} failed: ${err instanceof Error ? err.message : String(err)}`;

/**
 * Imports @recur/native. Never throws: under RECUR_REQUIRE_NATIVE=1 the import itself throws
 * when the binary is missing, and a missing dist (package not built) throws too; either
 * becomes the reason.
 */
export async function loadNative(): Promise<NativeLoad> {
  try {
    const native = await import(/* @vite-ignore */ NATIVE_PACKAGE);
    if (!native.available) return { backend: null, raw: null, reason: native.reason ?? 'no reason given', info: null };
    return { backend: native.nativeBackend as Backend, raw: native.rawAddon, reason: undefined, info: native.nativeInfo() };
  } catch (err) {
    return { backend: null, raw: null, reason: failed(NATIVE_PACKAGE, err), info: null };
  }
}

/** Imports @recur/wasm and runs `initWasm()`, which registers 'wasm' in @recur/core. Never throws. */
export async function loadWasm(): Promise<BackendLoad> {
  try {
    const wasm = await import(/* @vite-ignore */ WASM_PACKAGE);
    const result = (await wasm.initWasm()) as { available: boolean; reason?: string };
    if (!result.available) return { backend: null, reason: result.reason ?? 'initWasm() gave no reason', info: null };
    const backend = findBackend('wasm');
    if (!backend) return { backend: null, reason: "initWasm() resolved available but registered no 'wasm' backend", info: null };
    return { backend, reason: undefined, info: typeof wasm.wasmInfo === 'function' ? wasm.wasmInfo() : null };
  } catch (err) {
    return { backend: null, reason: failed(WASM_PACKAGE, err), info: null };
  }
}

/** Runs `fn` with `backend` current in @recur/core's registry, then restores the previous one. */
export function onBackend<T>(backend: Backend, fn: () => T): T {
  const previous = getBackend();
  setBackend(backend);
  try {
    return fn();
  } finally {
    setBackend(previous);
  }
}
