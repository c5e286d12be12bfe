// Cloudflare-style worker (run by workerd): the module is a compiled WebAssembly.Module
// binding (workers may not compile WebAssembly at run time), handed to initWasm. Every
// request is answered with the workload's report as JSON.
// @ts-expect-error: './recur.wasm' is a module of the worker (a wasm binding), not a file here.
import wasmModule from './recur.wasm';
import { runWorkload } from './workload.ts';

export default {
  async fetch(): Promise<Response> {
    try {
      return new Response(JSON.stringify(await runWorkload(wasmModule as WebAssembly.Module)), { headers: { 'content-type': 'application/json' } });
    } catch (e) {
      return new Response(e instanceof Error ? `${e.message}\n${e.stack}` : String(e), { status: 500 });
    }
  },
};
