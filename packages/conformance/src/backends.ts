/**
 * The backends under test: 'ts' always, 'native' when @recur/native loads its binary.
 *
 * One registry, chosen on purpose. The check modules are imported from
 * packages/core-ts/src by relative path (src/**\/testing is not in @recur/core's dist), so
 * the seed API and the layers they drive are the *src* copy of core, with its own registry.
 * @recur/native imports '@recur/core', i.e. the *dist* copy, and registers 'native' there.
 * Rather than alias '@recur/core' to src for every importer (that only works if vite
 * transforms @recur/native's dist instead of letting Node load it, which is an
 * implementation detail of vitest's dependency handling), we take the Backend object
 * itself (`nativeBackend`) and hand it to the src registry's setBackend(), which accepts any
 * object implementing Backend. Kernels only see typed arrays and plain argument objects, so
 * which copy of core built them does not matter. (registration.test.ts checks, separately,
 * that importing @recur/native registers the same object as 'native' in the dist registry
 * that users get.)
 */
import { getBackend, setBackend } from '../../core-ts/src/backend/registry.js';
import { tsBackend } from '../../core-ts/src/backend/ts/index.js';
import type { Backend } from '../../core-ts/src/backend/types.js';
import { NATIVE_REQUIRED, loadNative, type NativeLoad } from './load-native.js';

export { NATIVE_REQUIRED };

export interface BackendUnderTest {
  name: string;
  /** null when the backend could not be loaded. */
  backend: Backend | null;
  /** Why `backend` is null. */
  reason?: string;
}

const native = await loadNative();

export const NATIVE_LOAD: NativeLoad = native;

export const BACKENDS: readonly BackendUnderTest[] = [
  { name: 'ts', backend: tsBackend },
  { name: 'native', backend: native.backend, reason: native.reason },
];

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
