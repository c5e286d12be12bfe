/**
 * recur's 'wasm' backend (@recur/wasm: the Rust kernels as WebAssembly simd128, one thread),
 * called at kernel level like the other recur systems. `hello` also reports what a user pays
 * to get it: the module's size (raw and gzip) and the time to compile and instantiate it,
 * and the measured simd128 multiply+add peak of this core (the module's own loop), which
 * the GEMM is judged against.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Loaded } from './js-system.js';
import { prepare } from './recur.js';

/** The WebAssembly global (this package's tsconfig has no DOM lib, which declares it). */
const WASM = (globalThis as unknown as {
  WebAssembly: { compile(bytes: Uint8Array): Promise<object>; instantiate(module: object, imports: object): Promise<object> };
}).WebAssembly;

/** Best of `runs` timings (ms) of compile + instantiate from the bytes. */
async function compileInstantiateMs(bytes: Uint8Array, runs: number): Promise<number> {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const module = await WASM.compile(bytes);
    await WASM.instantiate(module, {});
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** The simd128 multiply+add loop's GFLOP/s (independent f32x4 mul and add chains, no FMA in simd128), best of `runs`. */
function simd128PeakGflops(raw: { recur_peak_flops_per_iter(): number; recur_peak_mul_add(iters: number): number }, runs: number): number {
  const perIter = raw.recur_peak_flops_per_iter();
  // Many short runs: on a shared machine the best one is the least disturbed.
  const iters = 2e6;
  let best = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    raw.recur_peak_mul_add(iters);
    const sec = Number(process.hrtime.bigint() - t0) / 1e9;
    best = Math.max(best, (perIter * iters) / sec / 1e9);
  }
  return best;
}

export async function loadRecurWasm(): Promise<Loaded> {
  let wasm: typeof import('@recur/wasm');
  try {
    wasm = await import('@recur/wasm');
  } catch (e) {
    return { missing: `@recur/wasm does not load: ${(e as Error).message}` };
  }
  const loaded = await wasm.initWasm();
  if (!loaded.available) return { missing: `@recur/wasm: the module did not load: ${loaded.reason ?? 'unknown reason'}` };
  const info = wasm.wasmInfo();
  const bytes = readFileSync(fileURLToPath(wasm.defaultWasmUrl()));
  const details: Record<string, unknown> = {
    ...info,
    moduleBytes: bytes.length,
    moduleGzipBytes: gzipSync(bytes, { level: 9 }).length,
    compileInstantiateMs: await compileInstantiateMs(bytes, 5),
    simd128PeakGflops: simd128PeakGflops(wasm.wasmMachine()!.exports, 40),
  };
  return { version: info?.version ?? 'unknown', details, prepare: (item) => prepare(wasm.wasmBackend, item), release: () => {} };
}
