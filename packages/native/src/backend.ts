/** The 'native' Backend: each kernel is one call into the addon, which checks its arguments. */
import type { Backend } from '@recur/core';
import type { RawAddon } from './addon.js';

export const NATIVE_BACKEND_NAME = 'native';

/** With no addon, every kernel throws an Error carrying `reason`. */
export function createNativeBackend(addon: RawAddon | null, reason: string | undefined): Backend {
  if (addon === null) {
    const unavailable = (): never => {
      throw new Error(`@recur/native: the native addon is not available: ${reason ?? 'unknown reason'}`);
    };
    return {
      name: NATIVE_BACKEND_NAME,
      gemm: unavailable,
      softmaxRows: unavailable,
      recurrentForward: unavailable,
      recurrentBackward: unavailable,
    };
  }
  return {
    name: NATIVE_BACKEND_NAME,
    gemm: (args) => addon.gemm(args),
    softmaxRows: (data, rows, cols) => addon.softmaxRows(data, rows, cols),
    recurrentForward: (args) => addon.recurrentForward(args),
    recurrentBackward: (args) => addon.recurrentBackward(args),
  };
}
