/**
 * toOnnx: a recur layer, a chain of layers or a Sequential as a standard ONNX model, for
 * ONNX Runtime, Triton and the rest of that ecosystem. Inference only: the graph computes
 * what the model's forward pass (predict) computes, with the weights as constants.
 *
 * Graph inputs: `input` (float [time, batch, features], [batch, time, features] when the
 * first layer (or the Sequential) is batch-first, [batch, features] for Dense layers alone;
 * int64 ids [time, batch] / [batch, time] when the first layer is an Embedding), and on request `lengths` (int32 [batch]: each
 * example's valid steps, as the layers' `lengths` option) and `h0`/`c0` (initial states of a
 * model with one recurrent layer, [numLayers*dirs, batch, H]). Graph output: `output`.
 */
import { Dense } from '../layers/dense.ts';
import { Dropout } from '../layers/dropout.ts';
import { checkOptions, enumOption } from '../options.ts';
import { Embedding } from '../layers/embedding.ts';
import { RecurrentLayer } from '../layers/recurrent-layer.ts';
import { Sequential } from '../models/sequential.ts';
import type { DType } from '../tensor.ts';
import { exportDense, exportEmbedding } from './export-feedforward.ts';
import { exportRecurrent, layerBatchFirst, type RecurrentFeeds, type Value } from './export-recurrent.ts';
import { GraphBuilder } from './graph-builder.ts';
import { encodeOnnxModel, type OnnxElementType, type OnnxValueInfo } from './onnx-model.ts';

export interface ToOnnxOptions {
  /** ONNX operator set version, 11..21. Default 17. */
  opset?: number;
  /** Add the graph input `lengths` (int32 [batch]) feeding every recurrent node's sequence_lens. Default false. */
  lengths?: boolean;
  /** Add the graph inputs `h0` (and `c0` for an LSTM) for the model's one recurrent layer. Default false. */
  initialStates?: boolean;
  /** The graph's name. Default 'recur'. */
  name?: string;
  /**
   * Element type of the exported weights and values. Default: the model's. ONNX Runtime's CPU
   * LSTM/GRU/RNN kernels run float32 only, so export a float64 model with 'float32' to serve it there.
   */
  dtype?: DType;
}

/** What toOnnx exports: one layer, layers applied in order (Dropout is skipped: it is the identity in predict), or a model holding `layers`. */
export type OnnxExportable = Sequential | RecurrentLayer | Dense | Embedding | readonly unknown[] | { readonly layers: readonly unknown[] };

export const ONNX_OPSETS: { readonly min: number; readonly max: number; readonly default: number } = { min: 11, max: 21, default: 17 };

const ELEMENT: Record<DType, OnnxElementType> = { float32: 'float32', float64: 'float64' };

type Layer = RecurrentLayer | Dense | Embedding;

function layersOf(model: OnnxExportable): Layer[] {
  const list: readonly unknown[] = model instanceof RecurrentLayer || model instanceof Dense || model instanceof Embedding
    ? [model]
    : Array.isArray(model)
      ? model
      : typeof model === 'object' && model !== null && Array.isArray((model as { layers?: unknown }).layers)
        ? (model as { layers: readonly unknown[] }).layers
        : (() => { throw new TypeError(`toOnnx: model must be a layer (SimpleRNN, LSTM, GRU, Dense, Embedding), an array of layers or a Sequential, got ${model === null ? 'null' : typeof model}`); })();
  const out: Layer[] = [];
  list.forEach((l, i) => {
    if (l instanceof RecurrentLayer || l instanceof Dense || l instanceof Embedding) out.push(l);
    else if (!(l instanceof Dropout)) throw new TypeError(`toOnnx: layer ${i} is not a SimpleRNN, LSTM, GRU, Dense, Embedding or Dropout (got ${(l as object)?.constructor?.name ?? typeof l})`);
  });
  if (out.length === 0) throw new RangeError('toOnnx: the model has no layer with weights to export');
  return out;
}

function dtypeOf(l: Layer): DType {
  return l instanceof RecurrentLayer ? l.config.dtype : l.dtype;
}

function featuresIn(l: Layer): number {
  return l instanceof Embedding ? l.numEmbeddings : l.inputSize;
}

function featuresOut(l: Layer): number {
  return l instanceof Embedding ? l.embeddingSize : l instanceof RecurrentLayer ? l.outputSize : l.outputSize;
}

function checkChain(layers: readonly Layer[]): void {
  const dtype = dtypeOf(layers[0]);
  layers.forEach((l, i) => {
    if (dtypeOf(l) !== dtype) throw new TypeError(`toOnnx: layer ${i} is ${dtypeOf(l)} but layer 0 is ${dtype}; a model has one dtype`);
    if (i > 0 && l instanceof Embedding) throw new TypeError(`toOnnx: layer ${i} is an Embedding, which reads integer ids: only the first layer can be one`);
    if (i > 0 && featuresIn(l) !== featuresOut(layers[i - 1])) {
      throw new RangeError(`toOnnx: layer ${i} takes ${featuresIn(l)} features but layer ${i - 1} gives ${featuresOut(layers[i - 1])}`);
    }
  });
}

/** Sequences in ([time, batch] or [batch, time] by the first layer's batchFirst), except a model of Dense layers only: [batch, features]. */
function inputInfo(layers: readonly Layer[], type: OnnxElementType, modelBatchFirst: boolean | undefined): OnnxValueInfo {
  const first = layers[0];
  const batchFirst = modelBatchFirst ?? (first instanceof RecurrentLayer ? layerBatchFirst(first) : (first as { batchFirst?: boolean }).batchFirst === true);
  const [a, b] = batchFirst ? ['batch', 'time'] : ['time', 'batch'];
  if (first instanceof Embedding) return { name: 'input', type: 'int64', dims: [a, b] };
  if (layers.every((l) => l instanceof Dense)) return { name: 'input', type, dims: ['batch', featuresIn(first)] };
  return { name: 'input', type, dims: [a, b, featuresIn(first)] };
}

/** Encodes `model` as the bytes of an .onnx file (see the module comment for its inputs). */
export function toOnnx(model: OnnxExportable, options: ToOnnxOptions = {}): Uint8Array {
  checkOptions('toOnnx', options, ['opset', 'lengths', 'initialStates', 'name', 'dtype'], true);
  const opset = options.opset ?? ONNX_OPSETS.default;
  if (!Number.isSafeInteger(opset) || opset < ONNX_OPSETS.min || opset > ONNX_OPSETS.max) {
    throw new RangeError(`toOnnx: opset must be an integer in ${ONNX_OPSETS.min}..${ONNX_OPSETS.max}, got ${String(opset)}`);
  }
  const layers = layersOf(model);
  checkChain(layers);
  const type = ELEMENT[enumOption('toOnnx', 'dtype', options.dtype, ['float32', 'float64'] as const, dtypeOf(layers[0]))];
  const recurrent = layers.filter((l): l is RecurrentLayer => l instanceof RecurrentLayer);
  const g = new GraphBuilder(opset);
  g.name('input');
  const input = inputInfo(layers, type, model instanceof Sequential ? model.batchFirst : undefined);
  const inputs: OnnxValueInfo[] = [input];
  const feeds: RecurrentFeeds = { lengths: null, h0: null, c0: null };
  if (options.lengths) {
    if (recurrent.length === 0) throw new TypeError('toOnnx: lengths needs a recurrent layer in the model');
    feeds.lengths = g.name('lengths');
    inputs.push({ name: 'lengths', type: 'int32', dims: ['batch'] });
  }
  if (options.initialStates) {
    if (recurrent.length !== 1) throw new TypeError(`toOnnx: initialStates needs exactly one recurrent layer, the model has ${recurrent.length}`);
    const r = recurrent[0];
    const dims = [r.numLayers * (r.bidirectional ? 2 : 1), 'batch', r.hiddenSize];
    feeds.h0 = g.name('h0');
    inputs.push({ name: 'h0', type, dims });
    if (r.cell === 'lstm') {
      feeds.c0 = g.name('c0');
      inputs.push({ name: 'c0', type, dims });
    }
  }
  let v: Value = { name: 'input', dims: [...input.dims] };
  layers.forEach((l, i) => {
    const base = `layer${i}`;
    if (l instanceof RecurrentLayer) v = exportRecurrent(g, l, v, feeds, type, base);
    else if (l instanceof Dense) v = exportDense(g, l, v, type, base);
    else v = exportEmbedding(g, l, v, type, base);
  });
  // The last node writes `output` directly.
  const last = g.nodes[g.nodes.length - 1];
  (last.outputs as string[])[last.outputs.indexOf(v.name)] = 'output';
  return encodeOnnxModel({
    opset,
    graph: { name: options.name ?? 'recur', nodes: g.nodes, initializers: g.initializers, inputs, outputs: [{ name: 'output', type, dims: v.dims }] },
  });
}
