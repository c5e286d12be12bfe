/** The systems compared, in run order (recur native 1 thread first: every ratio is to it). */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dtype } from '../plan.js';
import type { WorkerCommand } from '../worker-client.js';
import { findPython, PYTHON_DIR, pythonEnv } from './python.js';

export interface SystemSpec {
  id: string;
  label: string;
  threads: number;
  /** Only these dtypes (the all-thread variants run f32 only, to keep the bench short). */
  dtypes?: readonly Dtype[];
  /** Not run unless named with --systems. */
  optIn?: boolean;
  /** How to start its worker, or why it cannot run here. */
  command(): WorkerCommand | { missing: string };
}

const F32: readonly Dtype[] = ['f32'];
const WORKER_JS = join(dirname(fileURLToPath(import.meta.url)), 'worker-main.js');

function node(system: string, threads: number): () => WorkerCommand {
  // The Rust side reads RECUR_NUM_THREADS once, at first use: one process per count.
  // ONNX Runtime takes its intra-op thread count from the argument.
  return () => ({ command: process.execPath, args: [WORKER_JS, system, String(threads)], env: { ...process.env, RECUR_NUM_THREADS: String(threads) } });
}

function python(module: string, system: string, threads: number): () => WorkerCommand | { missing: string } {
  return () => {
    const found = findPython(module);
    if ('missing' in found) return found;
    return { command: found.python, args: [join(PYTHON_DIR, 'worker.py'), system, String(threads)], env: pythonEnv(threads) };
  };
}

/** All systems, with the multi-thread variants at `allThreads` when that is above 1. */
export function allSystems(allThreads: number): SystemSpec[] {
  const specs: SystemSpec[] = [{ id: 'native-1t', label: 'recur native', threads: 1, command: node('native', 1) }];
  if (allThreads > 1) specs.push({ id: `native-${allThreads}t`, label: 'recur native', threads: allThreads, dtypes: F32, command: node('native', allThreads) });
  // The seed and stream items' baselines (the kernel call alone; forward(T=1) per step).
  specs.push({ id: 'native-base', label: 'recur native baseline', threads: 1, dtypes: F32, command: node('native-base', 1) });
  specs.push({ id: 'ts', label: 'recur ts', threads: 1, command: node('ts', 1) });
  // WebAssembly (simd128) has one thread wherever it runs.
  specs.push({ id: 'wasm', label: 'recur wasm', threads: 1, command: node('wasm', 1) });
  specs.push({ id: 'numpy-1t', label: 'NumPy optimized', threads: 1, command: python('numpy', 'numpy', 1) });
  if (allThreads > 1) specs.push({ id: `numpy-${allThreads}t`, label: 'NumPy optimized', threads: allThreads, dtypes: F32, command: python('numpy', 'numpy', allThreads) });
  specs.push({ id: 'torch-1t', label: 'PyTorch CPU', threads: 1, command: python('torch', 'torch', 1) });
  // Opt-in: Debian's python3-torch uses a generic single-threaded BLAS, so its all-thread
  // numbers add little and cost a minute or two of the ten-minute budget.
  if (allThreads > 1) specs.push({ id: `torch-${allThreads}t`, label: 'PyTorch CPU', threads: allThreads, dtypes: F32, optIn: true, command: python('torch', 'torch', allThreads) });
  // Both TF.js backends run on one thread in Node.
  specs.push({ id: 'tfjs-wasm', label: 'TF.js wasm', threads: 1, command: node('tfjs-wasm', 1) });
  specs.push({ id: 'tfjs-cpu', label: 'TF.js cpu', threads: 1, command: node('tfjs-cpu', 1) });
  // The WebAssembly peer of recur wasm: onnxruntime-web's wasm execution provider, one thread.
  specs.push({ id: 'ort-web', label: 'onnxruntime-web (wasm)', threads: 1, command: node('ort-web', 1) });
  // ONNX Runtime's CPU provider: intra-op threads 1 and all, inter-op 1, sequential.
  specs.push({ id: 'ort-1t', label: 'ONNX Runtime', threads: 1, command: node('ort', 1) });
  if (allThreads > 1) specs.push({ id: `ort-${allThreads}t`, label: 'ONNX Runtime', threads: allThreads, dtypes: F32, command: node('ort', allThreads) });
  return specs;
}
