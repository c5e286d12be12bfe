/**
 * @recur/wasm: recur's Rust kernels (the same crate as @recur/native) compiled to
 * WebAssembly with SIMD, as a backend for @recur/core that runs wherever WebAssembly does
 * (Node, Deno, Bun, browsers, edge workers).
 *
 *   import { setBackend } from '@recur/core';
 *   import { initWasm } from '@recur/wasm';
 *   const { available, reason } = await initWasm();
 *   if (available) setBackend('wasm');
 *
 * Importing has no side effects: `initWasm()` loads the module and registers the backend.
 */
export { initWasm, wasmBackend, wasmInfo, wasmMachine, type WasmInfo, type WasmInitResult } from './init.ts';
export { WASM_BACKEND_NAME } from './backend.ts';
export { BACKEND_ORDER, useFastestBackend, type FastestBackendOptions, type FastestBackendResult } from './fastest.ts';
export { defaultWasmUrl, type WasmSource } from './source.ts';
export { IDLE_RELEASE_MS, MEMORY_LIMIT_BYTES, RETAINED_MEMORY_BYTES, type Machine } from './machine.ts';
