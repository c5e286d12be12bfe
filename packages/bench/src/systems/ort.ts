/**
 * ONNX Runtime (onnxruntime-node, CPU execution provider): one ONNX LSTM / GRU / RNN node
 * (all hidden states as Y) or one MatMul node per item, the models written by hand
 * (onnx-recurrent.ts). intra-op threads as asked, inter-op 1, sequential execution. The
 * timed call is session.run on tensors created in prepare, writing into a pre-allocated Y.
 * Same inputs and weights as recur's runner (recur.ts: same generator, same seeds), mapped
 * to ONNX's layout; test/ort-oracle.test.ts checks the outputs against recur ts.
 */
import type * as Ort from 'onnxruntime-node';
import type { Dtype, GemmItem, Item, RecurrentItem } from '../plan.js';
import { GATES } from '../plan.js';
import { uniform, zeros, type Floats } from './fill.js';
import type { Loaded, Runner } from './js-system.js';
import { matmulModel, recurrentModel, type RecurWeights } from './onnx-recurrent.js';

type OrtModule = typeof Ort;
const TENSOR_TYPE = { f32: 'float32', f64: 'float64' } as const;

export function sessionOptions(threads: number): Ort.InferenceSession.SessionOptions {
  return {
    executionProviders: ['cpu'],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // Errors reach us as exceptions; ORT's own log would only repeat them on stderr.
    logSeverityLevel: 3,
  };
}

/** The bench's recurrent weights in recur's layout (the seeds of recur.ts). */
export function benchWeights(it: Pick<RecurrentItem, 'cell' | 'X' | 'H' | 'dtype'>): RecurWeights {
  const { cell, X, H, dtype } = it;
  const GH = GATES[cell] * H;
  return {
    cell, X, H, dtype,
    wx: uniform(dtype, X * GH, 1 / Math.sqrt(X), 4),
    wh: uniform(dtype, H * GH, 1 / Math.sqrt(H), 5),
    bx: uniform(dtype, GH, 0.1, 6),
    bh: cell === 'gru' ? uniform(dtype, GH, 0.1, 7) : null,
  };
}

export interface RecurrentFeeds {
  x: Floats;
  h0: Floats;
  c0: Floats | null;
}

/** Feeds for a recurrent model: x [T, B, X], initial_h [1, B, H], LSTM's initial_c. */
export function recurrentFeeds(ort: OrtModule, it: Pick<RecurrentItem, 'cell' | 'T' | 'B' | 'X' | 'H' | 'dtype'>, f: RecurrentFeeds): Ort.InferenceSession.FeedsType {
  const type = TENSOR_TYPE[it.dtype];
  const feeds: Record<string, Ort.Tensor> = {
    X: new ort.Tensor(type, f.x, [it.T, it.B, it.X]),
    initial_h: new ort.Tensor(type, f.h0, [1, it.B, it.H]),
  };
  if (it.cell === 'lstm') {
    if (!f.c0) throw new TypeError('recurrentFeeds: an LSTM needs c0');
    feeds.initial_c = new ort.Tensor(type, f.c0, [1, it.B, it.H]);
  }
  return feeds;
}

/**
 * Whether ORT's CPU kernel runs this cell in this dtype, asked once on a 1-unit model: for
 * float64 the LSTM and GRU kernels load but fail when run, and RNN has no kernel at all.
 */
async function kernelProblem(ort: OrtModule, threads: number, it: RecurrentItem, cache: Map<string, string | null>): Promise<string | null> {
  const key = `${it.cell}/${it.dtype}`;
  if (cache.has(key)) return cache.get(key) ?? null;
  const probe = { cell: it.cell, T: 1, B: 1, X: 1, H: 1, dtype: it.dtype };
  let problem: string | null = null;
  try {
    const session = await ort.InferenceSession.create(recurrentModel(benchWeights(probe), probe), sessionOptions(threads));
    try {
      const one = (seed: number) => uniform(it.dtype, 1, 0.5, seed);
      await session.run(recurrentFeeds(ort, probe, { x: one(1), h0: one(2), c0: one(3) }));
    } finally {
      await session.release();
    }
  } catch (e) {
    problem = (e as Error).message;
  }
  cache.set(key, problem);
  return problem;
}

interface Prepared {
  session: Ort.InferenceSession;
  feeds: Ort.InferenceSession.FeedsType;
  fetches: Ort.InferenceSession.FetchesType;
}

async function prepareRecurrent(ort: OrtModule, threads: number, it: RecurrentItem): Promise<Prepared> {
  const { T, B, X, H, dtype } = it;
  const session = await ort.InferenceSession.create(recurrentModel(benchWeights(it), { T, B }), sessionOptions(threads));
  const feeds = recurrentFeeds(ort, it, {
    x: uniform(dtype, T * B * X, 1, 1),
    h0: uniform(dtype, B * H, 0.1, 2),
    c0: it.cell === 'lstm' ? uniform(dtype, B * H, 0.1, 3) : null,
  });
  return { session, feeds, fetches: { Y: new ort.Tensor(TENSOR_TYPE[dtype], zeros(dtype, T * B * H), [T, 1, B, H]) } };
}

async function prepareGemm(ort: OrtModule, threads: number, it: GemmItem): Promise<Prepared> {
  const { M, K, N, dtype } = it;
  const type = TENSOR_TYPE[dtype];
  const session = await ort.InferenceSession.create(matmulModel(M, K, N, dtype), sessionOptions(threads));
  const feeds = { A: new ort.Tensor(type, uniform(dtype, M * K, 1, 11), [M, K]), B: new ort.Tensor(type, uniform(dtype, K * N, 1, 12), [K, N]) };
  return { session, feeds, fetches: { Y: new ort.Tensor(type, zeros(dtype, M * N), [M, N]) } };
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
    if (item.kind === 'recurrent') {
      if (item.work !== 'forward') return { unsupported: 'onnxruntime-node runs inference only: no backward pass (training is in the separate onnxruntime-training builds)' };
      const problem = await kernelProblem(ort, threads, item, probes);
      if (problem !== null) return { unsupported: `ONNX Runtime's CPU ${item.cell.toUpperCase()} kernel does not run ${dtypeName(item.dtype)}: ${problem}` };
    }
    const p = item.kind === 'gemm' ? await prepareGemm(ort, threads, item) : await prepareRecurrent(ort, threads, item);
    current = p;
    return async () => {
      await p.session.run(p.feeds, p.fetches);
    };
  };
  const details = { executionProvider: 'cpu', intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', weights: 'initializers' };
  return { version: ort.env.versions.node ?? ort.env.versions.common, details, prepare, release };
}

function dtypeName(dtype: Dtype): string {
  return dtype === 'f32' ? 'float32' : 'float64';
}
