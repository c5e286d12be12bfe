/**
 * The backends under test: by default 'ts', 'native' when @recur/native loads its binary and
 * 'wasm' when @recur/wasm loads its module; or the one chosen with --backend (a known name or
 * a module exporting a Backend, see selection.ts), with ts as the reference.
 *
 * One registry: the check modules come from @recur/testkit, which is built against
 * @recur/core's public build, the same copy @recur/native and @recur/wasm import and register
 * their backends in; onBackend() makes a backend current there with setBackend().
 */
import { findBackend, type Backend } from '@recur/core';
import { NATIVE_REQUIRED, WASM_REQUIRED, loadNative, loadWasm } from '@recur/testkit/backend/load-backends';
import { loadBackendModule } from './load-module.js';
import { SELECTION, selects } from './selection.js';

export interface BackendUnderTest {
  name: string;
  /** null when the backend could not be loaded. */
  backend: Backend | null;
  /** Why `backend` is null. */
  reason?: string;
  /** An unavailable backend fails the run (RECUR_REQUIRE_NATIVE/WASM=1, or asked for by --backend) instead of being skipped. */
  required: boolean;
  /** The name its package registers it under in @recur/core (dist), for backends that come from a package. */
  registeredAs?: string;
  /** One line about the loaded backend (version, SIMD, threads), for the report. */
  info?: string;
}

/** core's own backend, registered as 'ts' when @recur/core loads. */
const tsBackend: Backend = findBackend('ts')!;

const describeInfo = (info: Record<string, unknown> | null): string | undefined =>
  info ? Object.entries(info).map(([k, v]) => `${k} ${String(v)}`).join(', ') : undefined;

/** Loads the selected backends; never throws (a failure to load is the entry's reason). */
export async function loadBackendsUnderTest(): Promise<BackendUnderTest[]> {
  const list: BackendUnderTest[] = [];
  const explicit = SELECTION.kind !== 'all';
  if (selects('ts')) list.push({ name: 'ts', backend: tsBackend, required: true });
  if (selects('native')) {
    const n = await loadNative();
    list.push({ name: 'native', backend: n.backend, reason: n.reason, required: NATIVE_REQUIRED || explicit, registeredAs: 'native', info: describeInfo(n.info) });
  }
  if (selects('wasm')) {
    const w = await loadWasm();
    list.push({ name: 'wasm', backend: w.backend, reason: w.reason, required: WASM_REQUIRED || explicit, registeredAs: 'wasm', info: describeInfo(w.info) });
  }
  if (SELECTION.kind === 'module') {
    try {
      const backend = await loadBackendModule(SELECTION.spec, SELECTION.cwd);
      list.push({ name: backend.name, backend, required: true, info: `from ${SELECTION.spec}` });
    } catch (err) {
      list.push({ name: SELECTION.spec, backend: null, reason: err instanceof Error ? err.message : String(err), required: true });
    }
  }
  return list;
}

export const BACKENDS: readonly BackendUnderTest[] = await loadBackendsUnderTest();

/** The reference the comparisons run against: always the ts backend, tested or not. */
export const REFERENCE: Backend = tsBackend;

export { onBackend } from '@recur/testkit/backend/load-backends';
