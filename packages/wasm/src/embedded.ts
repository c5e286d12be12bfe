/**
 * recur.wasm as base64, for bundlers that do not copy files referenced by
 * `new URL('./recur.wasm', import.meta.url)` (esbuild without a loader, for one). The build
 * (scripts/build.mjs) replaces this module in dist with the real bytes; here, and when the
 * module was not built, it is empty. source.ts imports it only after the file could not be
 * fetched or read, so Vite (which copies the file) keeps it in a chunk that is never loaded.
 */
export const RECUR_WASM_BASE64: string = '';
