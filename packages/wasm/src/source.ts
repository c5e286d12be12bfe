/**
 * Turning what `initWasm` was given into a compiled module: nothing (the package's own
 * recur.wasm, beside this file), a URL or URL string, bytes, a WebAssembly.Module, or a
 * Response (or a promise of one). The default file is fetched, except from a file: URL in
 * Node and Bun, where fetch cannot read files: there it is read with node:fs, imported
 * only then (so browsers, bundlers and workers never see a node: import). When that file is
 * not there (a bundler that does not copy it), the copy embedded in embedded.ts is used.
 */

export type WasmSource =
  | URL
  | string
  | ArrayBuffer
  | ArrayBufferView
  | WebAssembly.Module
  | Response
  | PromiseLike<Response>;

/** The package's own module file (bundlers recognise this `new URL(..., import.meta.url)` form). */
export function defaultWasmUrl(): URL {
  return new URL('./recur.wasm', import.meta.url);
}

function isResponse(v: unknown): v is Response {
  return typeof Response !== 'undefined' && v instanceof Response;
}

async function fromResponse(res: Response): Promise<WebAssembly.Module> {
  if (!res.ok) throw new Error(`fetching ${res.url || 'the module'} failed: HTTP ${res.status}`);
  const type = res.headers.get('content-type') ?? '';
  if (typeof WebAssembly.compileStreaming === 'function' && type.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(res);
  }
  return WebAssembly.compile(await res.arrayBuffer());
}

/** Node, Bun and Deno expose `process.versions.node`; only there is node:fs usable. */
function hasNodeFs(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

async function fromUrl(url: URL): Promise<WebAssembly.Module> {
  if (url.protocol === 'file:' && hasNodeFs()) {
    // A computed specifier: bundlers leave it alone, and it is only reached in Node-like runtimes.
    const fsName = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsName)) as { readFile(path: URL): Promise<Uint8Array<ArrayBuffer>> };
    return WebAssembly.compile(await fs.readFile(url));
  }
  return fromResponse(await fetch(url));
}

/**
 * The package's own module: from its file by URL, else (a bundle that did not copy the file
 * beside itself) from the copy embedded in embedded.ts; without that copy, the file's error.
 */
async function compileOwnModule(): Promise<WebAssembly.Module> {
  try {
    return await fromUrl(defaultWasmUrl());
  } catch (err) {
    const { RECUR_WASM_BASE64 } = await import('./embedded.ts');
    if (RECUR_WASM_BASE64 === '') throw err;
    const text = atob(RECUR_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return WebAssembly.compile(bytes);
  }
}

export async function compileSource(source: WasmSource | undefined): Promise<WebAssembly.Module> {
  if (source === undefined) return compileOwnModule();
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof URL) return fromUrl(source);
  if (typeof source === 'string') return fromUrl(new URL(source, defaultWasmUrl()));
  if (source instanceof ArrayBuffer) return WebAssembly.compile(source);
  if (ArrayBuffer.isView(source)) {
    return WebAssembly.compile(new Uint8Array(source.buffer, source.byteOffset, source.byteLength).slice());
  }
  if (isResponse(source)) return fromResponse(source);
  if (source !== null && typeof (source as PromiseLike<Response>).then === 'function') {
    const res = await source;
    if (isResponse(res)) return fromResponse(res);
  }
  throw new TypeError(
    'initWasm: source must be a URL, a URL string, bytes (ArrayBuffer or a typed array), a WebAssembly.Module or a Response',
  );
}
