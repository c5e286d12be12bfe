/**
 * onnxruntime-web with its WebAssembly execution provider, one thread, in Node: the same
 * one-node ONNX models and inputs as the onnxruntime-node system (ort.ts), so the two differ
 * only in the runtime (except that it returns Y instead of filling a pre-allocated one).
 * The .wasm it loads ships inside the npm package; test/ort-web-oracle.test.ts checks Y.
 */
import type { Item } from '../plan.js';
import { gemmInputs, recurrentInputs } from './bench-inputs.js';
import type { Loaded, Runner } from './js-system.js';
import { createMatMul, createRecurrent, type OrtModule, type Prepared } from './ort.js';

export async function loadOrtWeb(): Promise<Loaded> {
  let ort: OrtModule;
  try {
    ort = (await import('onnxruntime-web')) as unknown as OrtModule;
  } catch (e) {
    return { missing: `onnxruntime-web does not load: ${(e as Error).message}` };
  }
  const env = ort.env as unknown as { wasm: { numThreads: number; proxy: boolean } };
  env.wasm.numThreads = 1;
  env.wasm.proxy = false;
  let current: Prepared | null = null;
  const release = (): void => {
    if (current) void current.session.release();
    current = null;
  };
  const prepare = async (item: Item): Promise<Runner | { unsupported: string }> => {
    release();
    if (item.kind !== 'gemm' && item.kind !== 'recurrent') return { unsupported: `the ${item.kind} items compare recur's own APIs (onnxruntime-node is their ONNX peer)` };
    if (item.kind === 'recurrent' && item.work !== 'forward') return { unsupported: 'onnxruntime-web runs inference only: no backward pass' };
    try {
      if (item.kind === 'gemm') {
        const { a, b } = gemmInputs(item.M, item.K, item.N, item.dtype);
        current = await createMatMul(ort, 1, item, a, b, 'wasm');
      } else {
        current = await createRecurrent(ort, 1, item, recurrentInputs(item), 'wasm');
      }
      // One call up front: a kernel the provider lacks (e.g. float64 LSTM) fails when run, not when loaded.
      await current.session.run(current.feeds);
    } catch (e) {
      return { unsupported: `onnxruntime-web (wasm) cannot run it: ${(e as Error).message}` };
    }
    const p = current;
    // onnxruntime-web does not write into pre-allocated outputs (it returns new tensors), so
    // the call is the plain run(feeds), as users make it.
    return async () => {
      await p.session.run(p.feeds);
    };
  };
  const versions = ort.env.versions as { web?: string; common?: string };
  const version = versions.web ?? versions.common ?? 'unknown';
  return { version, details: { executionProvider: 'wasm', numThreads: 1, proxy: false, weights: 'initializers' }, prepare, release };
}
