/**
 * ONNX Runtime (onnxruntime-node, CPU execution provider): one ONNX LSTM / GRU / RNN node
 * (all hidden states as Y) or one MatMul node per item, the models built with core's ONNX writer
 * (onnx-recurrent.ts). intra-op threads as asked, inter-op 1, sequential execution. The
 * timed call is session.run on tensors created in prepare, writing into a pre-allocated Y.
 * The inputs and weights are recur's runner's (bench-inputs.ts), mapped to ONNX's layout;
 * test/ort-oracle.test.ts checks ORT's outputs against recur ts on them.
 */
import type * as Ort from 'onnxruntime-node';
import type { Dtype, GemmItem, Item, RecurrentItem } from '../plan.js';
import { gemmInputs, recurrentInputs, type RecurrentInputs, type RecurrentShapeOf } from './bench-inputs.js';
import { zeros, type Floats } from './fill.js';
import type { Loaded, Runner } from './js-system.js';
import { matmulModel, recurrentModel } from './onnx-recurrent.js';

export type OrtModule = typeof Ort;
const TENSOR_TYPE = { f32: 'float32', f64: 'float64' } as const;

/** 'cpu' for onnxruntime-node; onnxruntime-web's WebAssembly provider is 'wasm'. */
export type ExecutionProvider = 'cpu' | 'wasm';

export function sessionOptions(threads: number, ep: ExecutionProvider = 'cpu'): Ort.InferenceSession.SessionOptions {
  return {
    executionProviders: [ep],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // Errors reach us as exceptions; ORT's own log would only repeat them on stderr.
    logSeverityLevel: 4,
  };
}

export interface Prepared {
  session: Ort.InferenceSession;
  feeds: Ort.InferenceSession.FeedsType;
  /** Y, pre-allocated: session.run writes into `y`. */
  fetches: Ort.InferenceSession.FetchesType;
  y: Floats;
}

function output(ort: OrtModule, dtype: Dtype, dims: number[]): { fetches: Ort.InferenceSession.FetchesType; y: Floats } {
  const y = zeros(dtype, dims.reduce((a, b) => a * b, 1));
  return { fetches: { Y: new ort.Tensor(TENSOR_TYPE[dtype], y, dims) }, y };
}

/** A session of one LSTM / GRU / RNN node on these weights, and its feeds (x, h0, c0). */
export async function createRecurrent(ort: OrtModule, threads: number, it: RecurrentShapeOf, inp: RecurrentInputs, ep: ExecutionProvider = 'cpu'): Promise<Prepared> {
  const { cell, T, B, X, H, dtype } = it;
  const model = recurrentModel({ cell, X, H, dtype, wx: inp.wx, wh: inp.wh, bx: inp.bx, bh: inp.bh }, { T, B });
  const session = await ort.InferenceSession.create(model, sessionOptions(threads, ep));
  const type = TENSOR_TYPE[dtype];
  // Operator inputs fed at run time: X [T, B, X], initial_h [1, B, H], LSTM's initial_c [1, B, H].
  const feeds: Record<string, Ort.Tensor> = {
    X: new ort.Tensor(type, inp.x, [T, B, X]),
    initial_h: new ort.Tensor(type, inp.h0, [1, B, H]),
  };
  if (cell === 'lstm') {
    if (!inp.c0) throw new TypeError('createRecurrent: an LSTM needs c0 of shape (B, H)');
    feeds.initial_c = new ort.Tensor(type, inp.c0, [1, B, H]);
  }
  return { session, feeds, ...output(ort, dtype, [T, 1, B, H]) };
}

/** A session of one MatMul node, Y [M, N] = A [M, K] · B [K, N], and its feeds. */
export async function createMatMul(ort: OrtModule, threads: number, it: Pick<GemmItem, 'M' | 'K' | 'N' | 'dtype'>, a: Floats, b: Floats, ep: ExecutionProvider = 'cpu'): Promise<Prepared> {
  const { M, K, N, dtype } = it;
  const session = await ort.InferenceSession.create(matmulModel(M, K, N, dtype), sessionOptions(threads, ep));
  const type = TENSOR_TYPE[dtype];
  const feeds = { A: new ort.Tensor(type, a, [M, K]), B: new ort.Tensor(type, b, [K, N]) };
  return { session, feeds, ...output(ort, dtype, [M, N]) };
}

/**
 * Why ORT's CPU kernel cannot run this cell in this dtype, or null; asked once on a 1-unit
 * model. For float64 the LSTM and GRU kernels load but fail when run, and RNN has none.
 */
async function kernelProblem(ort: OrtModule, threads: number, it: RecurrentItem, cache: Map<string, string | null>): Promise<string | null> {
  const key = `${it.cell}/${it.dtype}`;
  if (cache.has(key)) return cache.get(key) ?? null;
  const probe = { cell: it.cell, T: 1, B: 1, X: 1, H: 1, dtype: it.dtype };
  let problem: string | null = null;
  try {
    const p = await createRecurrent(ort, threads, probe, recurrentInputs(probe));
    try {
      await p.session.run(p.feeds, p.fetches);
    } finally {
      await p.session.release();
    }
  } catch (e) {
    problem = (e as Error).message;
  }
  cache.set(key, problem);
  return problem;
}

export async function loadOrt(threads: number): Promise<Loaded> {
  let ort: OrtModule;
  try {
    ort = await import('onnxruntime-node');
  } catch (e) {
    return { missing: `onnxruntime-node does not load: ${(e as Error).message}` };
  }
  let current: Prepared | null = null;
  const probes = new Map<string, string | null>();
  const release = (): void => {
    // InferenceSession.release frees the native session synchronously before resolving.
    if (current) void current.session.release();
    current = null;
  };
  const prepare = async (item: Item): Promise<Runner | { unsupported: string }> => {
    release();
    if (item.kind === 'seed') return { unsupported: 'the seed API item is recur and NumPy only (ONNX Runtime has no training graph here)' };
    if (item.kind === 'stream') {
      // One LSTM step of a one-node model (T = 1) from fed initial states, as a stream step.
      const it = { cell: item.cell, T: 1, B: item.B, X: item.X, H: item.H, dtype: item.dtype };
      const s = await createRecurrent(ort, threads, it, recurrentInputs(it));
      current = s;
      return async () => {
        await s.session.run(s.feeds, s.fetches);
      };
    }
    if (item.kind === 'recurrent') {
      if (item.work !== 'forward') return { unsupported: 'onnxruntime-node runs inference only: no backward pass (training is in the separate onnxruntime-training builds)' };
      const problem = await kernelProblem(ort, threads, item, probes);
      if (problem !== null) return { unsupported: `ONNX Runtime's CPU ${item.cell.toUpperCase()} kernel does not run ${item.dtype === 'f32' ? 'float32' : 'float64'}: ${problem}` };
    }
    let p: Prepared;
    if (item.kind === 'gemm') {
      const { a, b } = gemmInputs(item.M, item.K, item.N, item.dtype);
      p = await createMatMul(ort, threads, item, a, b);
    } else {
      p = await createRecurrent(ort, threads, item, recurrentInputs(item));
    }
    current = p;
    return async () => {
      await p.session.run(p.feeds, p.fetches);
    };
  };
  const details = { executionProvider: 'cpu', intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', weights: 'initializers' };
  return { version: ort.env.versions.node ?? ort.env.versions.common, details, prepare, release };
}
