/**
 * A SimpleRNN / LSTM / GRU stack as ONNX RNN / LSTM / GRU nodes, one per layer (both
 * directions in one node), chained. The weights go through the weight-layout table ('onnx':
 * W [dirs, G*H, in], R [dirs, G*H, H], B [dirs, 2*G*H]; gates LSTM i,o,f,c and GRU z,r,h).
 * ONNX's GRU with linear_before_reset = 1 is recur's resetAfter form. The ONNX operators are
 * time-major (ONNX Runtime does not run their layout = 1), so a batch-first layer is wrapped
 * in Transposes. Between layers Y [T, dirs, B, H] becomes [T, B, dirs*H], recur's layout.
 */
import { GATE_COUNT } from '../backend/types.ts';
import { exportCellWeights, slotWeights } from '../io/layout-convert.ts';
import type { RecurrentLayer } from '../layers/recurrent-layer.ts';
import { slotName } from '../layers/recurrent-weights.ts';
import { allocate } from '../tensor.ts';
import type { GraphBuilder } from './graph-builder.ts';
import type { OnnxAttribute, OnnxElementType } from './onnx-model.ts';

const OP = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' } as const;
const ACTIVATION: Record<string, string> = { tanh: 'Tanh', relu: 'Relu', sigmoid: 'Sigmoid', hardSigmoid: 'HardSigmoid' };

/** A tensor flowing through the graph: its name and shape (strings are symbolic dims). */
export interface Value {
  name: string;
  dims: (number | string)[];
}

/** Optional graph inputs shared by the recurrent nodes. */
export interface RecurrentFeeds {
  /** int32 [B]: every node's sequence_lens. */
  lengths: string | null;
  /** [numLayers*dirs, B, H] initial states (slot order l0, l0_reverse, l1, ...). */
  h0: string | null;
  c0: string | null;
}

/** The options recur's layers may carry beyond the first release (read when present). */
interface LayerExtras {
  batchFirst?: boolean;
  activation?: string;
  recurrentActivation?: string;
}

export function layerBatchFirst(layer: RecurrentLayer): boolean {
  return (layer.config as LayerExtras).batchFirst === true;
}

function activations(layer: RecurrentLayer, dirs: number): OnnxAttribute[] {
  const extras = layer.config as LayerExtras;
  const act = ACTIVATION[extras.activation ?? 'tanh'];
  const gate = ACTIVATION[extras.recurrentActivation ?? 'sigmoid'];
  if (act === undefined || gate === undefined) throw new RangeError(`toOnnx: no ONNX activation for '${extras.activation}' / '${extras.recurrentActivation}'`);
  const one = layer.cell === 'rnn' ? [act] : layer.cell === 'lstm' ? [gate, 'Tanh', 'Tanh'] : [gate, 'Tanh'];
  const list = dirs === 2 ? [...one, ...one] : one;
  const attrs: OnnxAttribute[] = [{ name: 'activations', strings: list }];
  // recur's hard sigmoid is clip(0.2x + 0.5, 0, 1): ONNX HardSigmoid's own defaults, stated
  // anyway, one alpha/beta per function that takes them.
  const hard = list.filter((f) => f === 'HardSigmoid').length;
  if (hard > 0) attrs.push({ name: 'activation_alpha', floats: Array(hard).fill(0.2) }, { name: 'activation_beta', floats: Array(hard).fill(0.5) });
  return attrs;
}

/** The stack's weights of layer `l` as ONNX W, R, B constants. */
function weights(g: GraphBuilder, layer: RecurrentLayer, l: number, type: OnnxElementType, base: string): [string, string, string] {
  const H = layer.hiddenSize;
  const GH = GATE_COUNT[layer.cell] * H;
  const dirs = layer.bidirectional ? 2 : 1;
  const inSize = l === 0 ? layer.inputSize : dirs * H;
  const W = allocate(layer.config.dtype, dirs * GH * inSize);
  const R = allocate(layer.config.dtype, dirs * GH * H);
  const B = allocate(layer.config.dtype, dirs * 2 * GH);
  for (let d = 0; d < dirs; d++) {
    const w = exportCellWeights(layer.cell, 'onnx', H, slotWeights(layer.params, slotName(l, d === 1)));
    W.set(w.input.data, d * GH * inSize);
    R.set(w.recurrent.data, d * GH * H);
    B.set(w.bias.data, d * 2 * GH);
    B.set(w.recurrentBias!.data, d * 2 * GH + GH);
  }
  return [
    g.constant(`${base}_W`, type, [dirs, GH, inSize], W),
    g.constant(`${base}_R`, type, [dirs, GH, H], R),
    g.constant(`${base}_B`, type, [dirs, 2 * GH], B),
  ];
}

export function exportRecurrent(g: GraphBuilder, layer: RecurrentLayer, x: Value, feeds: RecurrentFeeds, type: OnnxElementType, base: string): Value {
  const H = layer.hiddenSize;
  const dirs = layer.bidirectional ? 2 : 1;
  const batchFirst = layerBatchFirst(layer);
  const [d0, d1] = x.dims;
  const [T, B] = batchFirst ? [d1, d0] : [d0, d1];
  let seq = batchFirst ? g.transpose(x.name, [1, 0, 2], `${base}_time_major`) : x.name;
  let lastH = '';
  for (let l = 0; l < layer.numLayers; l++) {
    const lb = `${base}_l${l}`;
    const [W, R, Bias] = weights(g, layer, l, type, lb);
    const states = (s: string | null) => (s === null ? '' : layer.numLayers === 1 ? s : g.sliceAxis0(s, l * dirs, (l + 1) * dirs, `${lb}_${s}`));
    const inputs = [seq, W, R, Bias, feeds.lengths ?? '', states(feeds.h0)];
    if (layer.cell === 'lstm') inputs.push(states(feeds.c0));
    while (inputs[inputs.length - 1] === '') inputs.pop();
    const Y = g.name(`${lb}_Y`);
    lastH = g.name(`${lb}_Y_h`);
    const attributes: OnnxAttribute[] = [
      { name: 'hidden_size', int: H },
      { name: 'direction', string: dirs === 2 ? 'bidirectional' : 'forward' },
      ...activations(layer, dirs),
    ];
    if (layer.cell === 'gru') attributes.push({ name: 'linear_before_reset', int: layer.config.resetAfter ? 1 : 0 });
    g.opMulti(OP[layer.cell], inputs, [Y, lastH], attributes);
    // Y [T, dirs, B, H] -> [T, B, dirs*H]
    seq = dirs === 1 ? g.squeeze(Y, [1], `${lb}_out`) : g.reshape(g.transpose(Y, [0, 2, 1, 3], `${lb}_Y_tbdh`), [0, 0, -1], `${lb}_out`);
  }
  if (layer.returnSequences) {
    const out = batchFirst ? g.transpose(seq, [1, 0, 2], `${base}_batch_first`) : seq;
    return { name: out, dims: batchFirst ? [B, T, dirs * H] : [T, B, dirs * H] };
  }
  // Y_h [dirs, B, H] -> [B, dirs*H]: each direction's final state, as recur's returnSequences = false.
  const out = dirs === 1 ? g.squeeze(lastH, [0], `${base}_final`) : g.reshape(g.transpose(lastH, [1, 0, 2], `${base}_final_bdh`), [0, -1], `${base}_final`);
  return { name: out, dims: [B, dirs * H] };
}
