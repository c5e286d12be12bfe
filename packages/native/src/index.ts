/**
 * @recur/native: the Rust (Node-API) backend for @recur/core.
 *
 * Importing never throws (unless RECUR_REQUIRE_NATIVE=1): when the platform binary loads,
 * the backend is registered under 'native' (not made current: call setBackend('native'));
 * when it does not, `available` is false and `reason` says why, and @recur/core keeps
 * running on its 'ts' backend.
 */
import { registerBackend } from '@recur/core';
import type { NativeInfo, RawAddon } from './addon.js';
import { createNativeBackend, type NativeBackend } from './backend.js';
import { loadAddon } from './load.js';

export type { CellCode, GemmParams, NativeInfo, RawAddon, RecurrentBackwardParams, RecurrentForwardParams } from './addon.js';
export type { NativeBackend } from './backend.js';
export { binaryFileName, platformTriple } from './platform.js';
export { NATIVE_BACKEND_NAME } from './backend.js';

const loaded = loadAddon();

/** True when the native binary loaded. */
export const available: boolean = loaded.addon !== null;
/** Why the binary did not load; undefined when it did. */
export const reason: string | undefined = loaded.reason;
/** The loaded addon's raw exports (they check their arguments themselves), or null. */
export const rawAddon: RawAddon | null = loaded.addon;
/** The 'native' Backend, with gemmAsync / recurrentForwardAsync / recurrentBackwardAsync.
 *  Its kernels throw (async ones reject) when the addon is not available. */
export const nativeBackend: NativeBackend = createNativeBackend(loaded.addon, loaded.reason);

/** Version, SIMD level and thread count of the loaded binary, or null when not available. */
export function nativeInfo(): NativeInfo | null {
  return rawAddon === null ? null : rawAddon.info();
}

if (rawAddon !== null) {
  registerBackend(nativeBackend);
} else if (process.env.RECUR_REQUIRE_NATIVE === '1') {
  throw new Error(`@recur/native: RECUR_REQUIRE_NATIVE=1 but the native addon could not be loaded: ${reason}`);
} else {
  // One notice per process (modules evaluate once), so a missing binary is never a silent slowdown.
  process.emitWarning(`the native binary did not load, so recur keeps the 'ts' backend: ${reason}`, {
    type: 'RecurNativeWarning',
    code: 'RECUR_NATIVE_UNAVAILABLE',
  });
}
