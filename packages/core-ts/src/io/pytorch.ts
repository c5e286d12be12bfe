/**
 * PyTorch nn.RNN / nn.LSTM / nn.GRU state dicts <-> recur layers.
 *
 * PyTorch stores, per layer k and direction (suffix `_reverse` for the backward one):
 *   weight_ih_l{k} [G*H, X]   weight_hh_l{k} [G*H, H]   bias_ih_l{k} [G*H]   bias_hh_l{k} [G*H]
 * with gates stacked along the rows in the order i,f,g,o (LSTM) and r,z,n (GRU): recur's
 * GATE_ORDER, so the mapping is a transpose (wx = weight_ihᵀ, wh = weight_hhᵀ, bx = bias_ih,
 * bh = bias_hh); the 'pytorch' row of io/weight-layouts.ts says so, and the conversion reads it. PyTorch's GRU applies r after the hidden projection and its bias,
 * n = tanh(W_in x + b_in + r*(W_hn h + b_hn)), which is recur's GRU with resetAfter = true;
 * nn.RNN's nonlinearity ('tanh' or 'relu') is not in its state dict: the caller states it. Modules built with bias=False have no
 * bias keys and import with zero biases.
 */
import type { DType } from '../tensor.ts';
import { checkIntact, Tensor } from '../tensor.ts';
import { formatShape } from '../errors.ts';
import { GATE_COUNT, type CellKind } from '../backend/types.ts';
import { GRU } from '../layers/gru.ts';
import { LSTM } from '../layers/lstm.ts';
import { RecurrentLayer } from '../layers/recurrent-layer.ts';
import { slotName, WEIGHT_KEYS } from '../layers/recurrent-weights.ts';
import { SimpleRNN } from '../layers/simple-rnn.ts';
import { exportCellWeights, importCellWeights, slotWeights } from './layout-convert.ts';
import { castTensor } from './tensor-layout.ts';

export type PyTorchModuleKind = 'RNN' | 'LSTM' | 'GRU';

const CELL: Readonly<Record<PyTorchModuleKind, CellKind>> = { RNN: 'rnn', LSTM: 'lstm', GRU: 'gru' };

export interface FromPyTorchOptions {
  /** Prefix of the module's keys in a larger state dict, e.g. 'encoder.rnn.' (default ''). */
  prefix?: string;
  /** dtype of the layer (default: the dtype of weight_ih_l0). Tensors are converted to it. */
  dtype?: DType;
  /** As in the layer options (default true: output every step, like PyTorch). */
  returnSequences?: boolean;
  /**
   * nn.RNN's nonlinearity, as the module was built (`nn.RNN(..., nonlinearity=...)`):
   * required for kind 'RNN', since the weights cannot tell 'tanh' from 'relu'; becomes the
   * SimpleRNN's activation. Not an option of LSTM or GRU.
   */
  nonlinearity?: 'tanh' | 'relu';
}

/**
 * Builds a SimpleRNN / LSTM / GRU holding the weights of a PyTorch state dict (e.g. from
 * `decodeSafetensors(bytes).tensors` of a file written by safetensors.torch.save_file).
 * Sizes, layer count and bidirectionality are read from the keys and shapes; every key under
 * `prefix` must be one of the module's, with the shape the others imply.
 */
/** The layer class each nn module kind imports as. */
export interface PyTorchLayerOf { RNN: SimpleRNN; LSTM: LSTM; GRU: GRU }

export function fromPyTorchStateDict<K extends PyTorchModuleKind>(kind: K, stateDict: Record<string, Tensor>, options: FromPyTorchOptions = {}): PyTorchLayerOf[K] {
  const owner = 'fromPyTorchStateDict';
  const cell = CELL[kind];
  if (cell === undefined) throw new RangeError(`${owner}: kind must be 'RNN', 'LSTM' or 'GRU', got ${JSON.stringify(kind)}`);
  if (typeof stateDict !== 'object' || stateDict === null) throw new TypeError(`${owner}: stateDict must be an object of Tensors`);
  const nonlinearity = options.nonlinearity;
  if (cell === 'rnn' && nonlinearity === undefined) {
    throw new TypeError(`${owner}: options.nonlinearity is required for an nn.RNN state dict: 'tanh' or 'relu', as the module was built (the weights cannot tell them apart)`);
  }
  if (cell !== 'rnn' && nonlinearity !== undefined) throw new TypeError(`${owner}: nonlinearity is an nn.RNN option; an nn.${kind} has none`);
  if (nonlinearity !== undefined && nonlinearity !== 'tanh' && nonlinearity !== 'relu') {
    throw new RangeError(`${owner}: nonlinearity must be 'tanh' or 'relu', got ${JSON.stringify(nonlinearity)}`);
  }
  const prefix = options.prefix ?? '';
  const keys = new Map<string, Tensor>();
  for (const [k, v] of Object.entries(stateDict)) {
    if (!k.startsWith(prefix)) continue;
    if (!(v instanceof Tensor)) throw new TypeError(`${owner}: stateDict['${k}'] is not a Tensor`);
    checkIntact(`${owner}: stateDict['${k}']`, v);
    keys.set(k.slice(prefix.length), v);
  }
  const first = keys.get('weight_ih_l0');
  const hh = keys.get('weight_hh_l0');
  if (first === undefined || hh === undefined) {
    const hint = Object.keys(stateDict).find((k) => k.endsWith('weight_ih_l0') && k.startsWith(prefix));
    const help = hint ? `; did you mean prefix '${hint.slice(0, -'weight_ih_l0'.length)}'?` : ` (keys under prefix '${prefix}': ${[...keys.keys()].slice(0, 5).join(', ') || 'none'})`;
    throw new RangeError(`${owner}: no '${prefix}weight_ih_l0' / '${prefix}weight_hh_l0' in the state dict${help}`);
  }
  for (const k of keys.keys()) {
    if (/^weight_hr_l\d+/.test(k)) throw new RangeError(`${owner}: '${prefix}${k}' is an LSTM projection (proj_size > 0), which recur does not support`);
  }
  const G = GATE_COUNT[cell];
  if (hh.ndim !== 2 || hh.shape[0] !== G * hh.shape[1]) {
    throw new RangeError(`${owner}: '${prefix}weight_hh_l0' has shape ${formatShape(hh.shape)} but an nn.${kind} needs (${G}*H, H)`);
  }
  const H = hh.shape[1];
  if (first.ndim !== 2) throw new RangeError(`${owner}: '${prefix}weight_ih_l0' has shape ${formatShape(first.shape)} but (${G * H}, X) was expected`);
  const X = first.shape[1];
  let numLayers = 0;
  while (keys.has(`weight_ih_l${numLayers}`)) numLayers++;
  const bidirectional = keys.has('weight_ih_l0_reverse');
  const hasBias = keys.has('bias_ih_l0');
  const dtype = options.dtype ?? first.dtype;

  const layerOptions = { inputSize: X, hiddenSize: H, numLayers, bidirectional, dtype, returnSequences: options.returnSequences };
  const layer = cell === 'lstm' ? new LSTM(layerOptions) : cell === 'gru' ? new GRU({ ...layerOptions, resetAfter: true }) : new SimpleRNN({ ...layerOptions, activation: nonlinearity });
  const used = new Set<string>();
  const take = (key: string, shape: number[]): Tensor => {
    const t = keys.get(key);
    if (t === undefined) throw new RangeError(`${owner}: '${prefix}${key}' of shape ${formatShape(shape)} is missing (the other keys describe ${numLayers} layer(s)${bidirectional ? ', bidirectional' : ''}${hasBias ? ', with biases' : ''})`);
    if (t.ndim !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      throw new RangeError(`${owner}: '${prefix}${key}' has shape ${formatShape(t.shape)} but ${formatShape(shape)} was expected`);
    }
    used.add(key);
    return castTensor(t, dtype);
  };
  for (let l = 0; l < numLayers; l++) {
    const inputSize = l === 0 ? X : (bidirectional ? 2 : 1) * H;
    for (const reverse of bidirectional ? [false, true] : [false]) {
      const suffix = `l${l}${reverse ? '_reverse' : ''}`;
      const slot = slotName(l, reverse);
      const w = importCellWeights(cell, 'pytorch', H, {
        input: take(`weight_ih_${suffix}`, [G * H, inputSize]),
        recurrent: take(`weight_hh_${suffix}`, [G * H, H]),
        bias: hasBias ? take(`bias_ih_${suffix}`, [G * H]) : Tensor.zeros([G * H], dtype),
        recurrentBias: hasBias ? take(`bias_hh_${suffix}`, [G * H]) : null,
      });
      for (const key of WEIGHT_KEYS) layer.params[`${slot}.${key}`].data.set(w[key].data);
    }
  }
  for (const k of keys.keys()) {
    if (!used.has(k)) throw new RangeError(`${owner}: '${prefix}${k}' is not a weight of this nn.${kind} (${numLayers} layer(s)${bidirectional ? ', bidirectional' : ''}${hasBias ? '' : ', no biases'}); pass prefix to select one module of a larger state dict`);
  }
  return layer as PyTorchLayerOf[K];
}

export interface ToPyTorchOptions {
  /** Prepended to every key (default ''). */
  prefix?: string;
}

/**
 * The state dict an nn.RNN / nn.LSTM / nn.GRU of the same sizes would have (load it with
 * `module.load_state_dict`). Throws for a GRU with resetAfter = false, which PyTorch lacks.
 */
export function toPyTorchStateDict(layer: RecurrentLayer, options: ToPyTorchOptions = {}): Record<string, Tensor> {
  const owner = 'toPyTorchStateDict';
  if (!(layer instanceof RecurrentLayer)) throw new TypeError(`${owner}: layer must be a SimpleRNN, LSTM or GRU`);
  if (layer.cell === 'gru' && !layer.config.resetAfter) {
    throw new RangeError(`${owner}: a GRU with resetAfter = false has no PyTorch equivalent (nn.GRU applies the reset gate after the hidden projection)`);
  }
  const prefix = options.prefix ?? '';
  const out: Record<string, Tensor> = {};
  for (let l = 0; l < layer.numLayers; l++) {
    for (const reverse of layer.bidirectional ? [false, true] : [false]) {
      const suffix = `l${l}${reverse ? '_reverse' : ''}`;
      const slot = slotName(l, reverse);
      const w = exportCellWeights(layer.cell, 'pytorch', layer.hiddenSize, slotWeights(layer.params, slot));
      out[`${prefix}weight_ih_${suffix}`] = w.input;
      out[`${prefix}weight_hh_${suffix}`] = w.recurrent;
      out[`${prefix}bias_ih_${suffix}`] = w.bias;
      out[`${prefix}bias_hh_${suffix}`] = w.recurrentBias!;
    }
  }
  return out;
}
