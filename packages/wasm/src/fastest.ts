/**
 * `useFastestBackend(options?)`: makes the fastest backend this runtime can load current,
 * in the documented order native -> wasm -> ts, and says what it skipped and why.
 *
 * - 'native' when @recur/native is installed and its binary loads (Node only; it is
 *   imported here by a computed name, so bundlers and browsers never try to resolve it,
 *   and an import that fails is just a reason);
 * - else 'wasm' when `initWasm(options.wasm)` loads the module;
 * - else 'ts', which is always there.
 */
import { findBackend, setBackend } from '@recur/core';
import { initWasm } from './init.ts';
import type { WasmSource } from './source.ts';

/** The order `useFastestBackend` tries the backends in. */
export const BACKEND_ORDER: readonly ['native', 'wasm', 'ts'] = ['native', 'wasm', 'ts'];

export interface FastestBackendOptions {
  /** Where the wasm module comes from (as `initWasm(source)`); default: the package's own file. */
  readonly wasm?: WasmSource;
  /** false: do not try @recur/native (e.g. to compare wasm with ts in Node). Default true. */
  readonly native?: boolean;
}

export interface FastestBackendResult {
  /** The backend now current. */
  readonly name: 'native' | 'wasm' | 'ts';
  /** The faster backends that were not used, each with why. */
  readonly skipped: readonly { readonly name: 'native' | 'wasm'; readonly reason: string }[];
}

const NATIVE_PACKAGE = '@recur/native';

async function tryNative(): Promise<string | undefined> {
  if (findBackend('native') !== undefined) return undefined;
  try {
    const mod = (await import(/* @vite-ignore */ NATIVE_PACKAGE)) as { available?: boolean; reason?: string };
    if (findBackend('native') !== undefined) return undefined;
    return mod.reason ?? 'its binary did not load';
  } catch (err) {
    return `${NATIVE_PACKAGE} could not be imported (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
  }
}

export async function useFastestBackend(options: FastestBackendOptions = {}): Promise<FastestBackendResult> {
  const skipped: { name: 'native' | 'wasm'; reason: string }[] = [];
  if (options.native !== false) {
    const reason = await tryNative();
    if (reason === undefined) {
      setBackend('native');
      return { name: 'native', skipped };
    }
    skipped.push({ name: 'native', reason });
  }
  const wasm = await initWasm(options.wasm);
  if (wasm.available) {
    setBackend('wasm');
    return { name: 'wasm', skipped };
  }
  skipped.push({ name: 'wasm', reason: wasm.reason ?? 'the module did not load' });
  setBackend('ts');
  return { name: 'ts', skipped };
}
