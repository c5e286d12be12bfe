/**
 * Picks the kernels: 'ts' always works; 'native' needs @recur/native and its binary; 'wasm'
 * needs @recur/wasm's module; 'auto' goes native -> wasm -> ts (@recur/wasm's documented
 * order, BACKEND_ORDER) and says why it skipped each. @recur/native and @recur/wasm are
 * imported only here, on demand, so the CLI installs and runs without them.
 */
import { setBackend } from '@recur/core';
import type { BackendChoice } from '../args/train-args.js';
import { CliError } from '../cli-error.js';

/** The part of @recur/native's exports the CLI reads (typed here so the build does not need it). */
interface NativeModule {
  available: boolean;
  reason?: string;
  nativeInfo?: () => { isa: string; threads: number } | null;
}

/** The part of @recur/wasm's exports the CLI reads. */
interface WasmModule {
  initWasm(): Promise<{ available: boolean; reason?: string }>;
  wasmInfo(): { isa: string } | null;
}

export interface SelectedBackend {
  name: 'ts' | 'native' | 'wasm';
  /** One human line: what runs and, for auto, why not the faster ones. */
  description: string;
}

const NATIVE_PACKAGE = '@recur/native';
const WASM_PACKAGE = '@recur/wasm';

/** Imports @recur/wasm and loads its module; the reason when that fails. */
async function loadWasm(): Promise<{ ok: true; isa: string } | { ok: false; reason: string }> {
  let mod: WasmModule;
  try {
    const specifier: string = WASM_PACKAGE;
    mod = (await import(specifier)) as WasmModule;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ERR_MODULE_NOT_FOUND' ? `${WASM_PACKAGE} is not installed` : `${WASM_PACKAGE} failed to load: ${(err as Error).message}` };
  }
  const r = await mod.initWasm();
  if (!r.available) return { ok: false, reason: (r.reason ?? 'unknown reason').replace(/\s*\n\s*/g, ' ') };
  return { ok: true, isa: mod.wasmInfo()?.isa ?? 'wasm' };
}

const UNAVAILABLE_WARNING = 'RECUR_NATIVE_UNAVAILABLE';

async function importNative(): Promise<{ mod: NativeModule | null; reason: string }> {
  // @recur/native warns (multi-line) when its binary does not load. The CLI reports that reason
  // itself, in its header (auto) or its error (native), so only that one warning is dropped.
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]): void {
    const options = rest[0] as { code?: string } | undefined;
    if (typeof options === 'object' && options?.code === UNAVAILABLE_WARNING) return;
    (emitWarning as (...a: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    // A variable specifier keeps TypeScript from requiring the package at build time.
    const specifier: string = NATIVE_PACKAGE;
    const mod = (await import(specifier)) as NativeModule;
    return { mod, reason: mod.available ? '' : (mod.reason ?? 'unknown reason') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ERR_MODULE_NOT_FOUND' ? `${NATIVE_PACKAGE} is not installed` : `${NATIVE_PACKAGE} failed to load: ${(err as Error).message}`;
    return { mod: null, reason };
  } finally {
    process.emitWarning = emitWarning;
  }
}

export async function selectBackend(choice: BackendChoice): Promise<SelectedBackend> {
  if (choice === 'ts') {
    setBackend('ts');
    return { name: 'ts', description: 'ts (pure TypeScript)' };
  }
  if (choice === 'wasm') {
    const w = await loadWasm();
    if (!w.ok) throw new CliError(`--backend wasm: the wasm backend is not available (${w.reason}); use --backend ts or auto`);
    setBackend('wasm');
    return { name: 'wasm', description: `wasm (${w.isa}, 1 thread)` };
  }
  const loaded = await importNative();
  const mod = loaded.mod;
  // Loader messages can carry a require stack over several lines; the CLI prints one.
  const reason = loaded.reason.replace(/\s*\n\s*/g, ' ');
  if (mod?.available) {
    setBackend('native');
    const info = mod.nativeInfo?.();
    return { name: 'native', description: info ? `native (${info.isa}, ${info.threads} threads)` : 'native' };
  }
  if (choice === 'native') throw new CliError(`--backend native: the native backend is not available (${reason}); use --backend ts or auto`);
  // CI sets this so that a broken native build fails instead of quietly running on ts.
  if (process.env.RECUR_REQUIRE_NATIVE === '1') throw new CliError(`RECUR_REQUIRE_NATIVE=1 but the native backend is not available (${reason})`);
  const w = await loadWasm();
  if (w.ok) {
    setBackend('wasm');
    return { name: 'wasm', description: `wasm (${w.isa}, 1 thread; native not available: ${reason})` };
  }
  setBackend('ts');
  return { name: 'ts', description: `ts (pure TypeScript; native not available: ${reason}; wasm not available: ${w.reason})` };
}
