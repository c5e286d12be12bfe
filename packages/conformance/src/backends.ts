/**
 * The backends under test: by default 'ts', 'native' when @recur/native loads its binary and
 * 'wasm' when @recur/wasm loads its module; or the one chosen with --backend (a known name or
 * a module exporting a Backend, see selection.ts), with ts as the reference.
 *
 * One registry, chosen on purpose. The check modules are imported from
 * packages/core-ts/src by relative path (src/**\/testing is not in @recur/core's dist), so
 * the seed API and the layers they drive are the *src* copy of core, with its own registry.
 * @recur/native and @recur/wasm import '@recur/core', i.e. the *dist* copy, and register
 * there. Rather than alias '@recur/core' to src for every importer (that only works if vite
 * transforms those packages' dist instead of letting Node load it, an implementation detail
 * of vitest's dependency handling), we take the Backend object itself and hand it to the src
 * registry's setBackend(), which accepts any object implementing Backend. Kernels only see
 * typed arrays and plain argument objects, so which copy of core built them does not matter.
 * (registration.test.ts checks, separately, that the packages register the same objects in
 * the dist registry that users get.)
 */
import { getBackend, setBackend } from '../../core-ts/src/backend/registry.js';
import { tsBackend } from '../../core-ts/src/backend/ts/index.js';
import type { Backend } from '../../core-ts/src/backend/types.js';
import { loadBackendModule } from './load-module.js';
import { NATIVE_REQUIRED, loadNative } from './load-native.js';
import { WASM_REQUIRED, loadWasm } from './load-wasm.js';
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

const describeInfo = (info: Record<string, unknown> | null): string | undefined =>
  info ? Object.entries(info).map(([k, v]) => `${k} ${String(v)}`).join(', ') : undefined;

/** Loads the selected backends; never throws (a failure to load is the entry's reason). */
export async function loadBackendsUnderTest(): Promise<BackendUnderTest[]> {
  const list: BackendUnderTest[] = [];
  const explicit = SELECTION.kind !== 'all';
  if (selects('ts')) list.push({ name: 'ts', backend: tsBackend, required: true });
  if (selects('native')) {
    const n = await loadNative();
    list.push({ name: 'native', backend: n.backend, reason: n.reason, required: NATIVE_REQUIRED || explicit, registeredAs: 'native', info: describeInfo(n.info as Record<string, unknown> | null) });
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

/** Runs `fn` with `backend` current in core's (src) registry, then restores the previous one. */
export function onBackend<T>(backend: Backend, fn: () => T): T {
  const previous = getBackend();
  setBackend(backend);
  try {
    return fn();
  } finally {
    setBackend(previous);
  }
}
