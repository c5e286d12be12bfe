/** Options of the recurrent layers, their defaults and validation. */
import type { CellKind, GateActivation, RnnActivation } from '../backend/types.ts';
import { boolOption, checkOptions, enumOption, intOption, numberOption, seedOption } from '../options.ts';
import { checkDType, type DType } from '../tensor.ts';

export interface RecurrentOptions {
  /** Features per step of the input x [T, B, inputSize]. */
  inputSize: number;
  /** Hidden units H per direction (>= 1). */
  hiddenSize: number;
  /** Stacked layers; layer l > 0 reads the (concatenated) outputs of layer l-1. Default 1. */
  numLayers?: number;
  /** Also run each layer over the reversed sequence; outputs become [.., 2H]. Default false. */
  bidirectional?: boolean;
  /** true: output [T, B, dirs*H] (all steps); false: output [B, dirs*H], the final states
   *  of the top layer (forward at each example's last valid step, reverse at t = 0). Default true. */
  returnSequences?: boolean;
  /** true: x, output, dOutput and dx are batch-major [B, T, F] (Keras / TF.js, PyTorch's
   *  batch_first=True); states h0/hN stay [numLayers*dirs, B, H]. Default false: [T, B, F]. */
  batchFirst?: boolean;
  /** Dropout probability (in [0, 1)) on the outputs of every layer but the last, as PyTorch's
   *  `dropout`; applied only in forward(x, { training: true }) (Sequential.fit does). Default 0. */
  dropout?: number;
  /** Storage and compute dtype of the weights; inputs must match. Default 'float64'. */
  dtype?: DType;
  /** Seed of the initialisation (integer 0..2**32-1), and of the dropout masks. Default 0. */
  seed?: number;
}

export interface SimpleRNNOptions extends RecurrentOptions {
  /** h_t = activation(x_t·wx + h_{t-1}·wh + b): 'tanh' (default) or 'relu' (PyTorch's nonlinearity). */
  activation?: RnnActivation;
}

export interface LSTMOptions extends RecurrentOptions {
  /** Initial bias of the forget gate (in bx). Default 1, as Keras' unit_forget_bias. */
  forgetBias?: number;
  /** Activation of the i, f, o gates: 'sigmoid' (default) or 'hardSigmoid' = clip(0.2x + 0.5, 0, 1)
   *  (TF.js' default and Keras 2's hard_sigmoid). */
  recurrentActivation?: GateActivation;
}

export interface GRUOptions extends RecurrentOptions {
  /** true (default): n = tanh(x·Wn + bxn + r*(h·Un + bhn)), the PyTorch / Keras-v2 form;
   *  false: n = tanh(x·Wn + (r*h)·Un + bxn + bhn), the original Cho et al. form. */
  resetAfter?: boolean;
  /** Activation of the r and z gates: 'sigmoid' (default) or 'hardSigmoid' (as LSTM's). */
  recurrentActivation?: GateActivation;
}

/** Everything that defines a layer's shape and initialisation, as plain JSON. */
export interface RecurrentConfig {
  cell: CellKind;
  inputSize: number;
  hiddenSize: number;
  numLayers: number;
  bidirectional: boolean;
  returnSequences: boolean;
  dtype: DType;
  seed: number;
  forgetBias: number;
  resetAfter: boolean;
  batchFirst: boolean;
  dropout: number;
  /** 'tanh' except for a relu SimpleRNN. */
  activation: RnnActivation;
  /** 'sigmoid' except for LSTM/GRU with hardSigmoid gates. */
  recurrentActivation: GateActivation;
}

type AnyRecurrentOptions = RecurrentOptions & { forgetBias?: number; resetAfter?: boolean; activation?: RnnActivation; recurrentActivation?: GateActivation };

const COMMON_KEYS = ['inputSize', 'hiddenSize', 'numLayers', 'bidirectional', 'returnSequences', 'batchFirst', 'dropout', 'dtype', 'seed'] as const;

/** The option keys each layer class accepts. */
export const RECURRENT_OPTION_KEYS: Readonly<Record<CellKind, readonly string[]>> = {
  rnn: [...COMMON_KEYS, 'activation'],
  lstm: [...COMMON_KEYS, 'forgetBias', 'recurrentActivation'],
  gru: [...COMMON_KEYS, 'resetAfter', 'recurrentActivation'],
};

/** A layer's options as given to its constructor: checks the keys, then resolves. */
export function resolveLayerOptions(owner: string, cell: CellKind, options: AnyRecurrentOptions): RecurrentConfig {
  checkOptions(owner, options, RECURRENT_OPTION_KEYS[cell]);
  return resolveRecurrentConfig(owner, cell, options);
}

/**
 * Resolves defaults and checks values; keys are not checked here (a stored config carries
 * every field, `cell` included). A non-default option of another cell is refused.
 */
export function resolveRecurrentConfig(owner: string, cell: CellKind, options: AnyRecurrentOptions): RecurrentConfig {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${owner}: options must be an object with inputSize and hiddenSize`);
  }
  const forgetBias = numberOption(owner, 'forgetBias', options.forgetBias ?? (cell === 'lstm' ? 1 : 0));
  const activation = enumOption(owner, 'activation', options.activation, ['tanh', 'relu'] as const, 'tanh');
  const recurrentActivation = enumOption(owner, 'recurrentActivation', options.recurrentActivation, ['sigmoid', 'hardSigmoid'] as const, 'sigmoid');
  if (cell !== 'rnn' && activation !== 'tanh') throw new TypeError(`${owner}: activation is a SimpleRNN option; this layer's cell is '${cell}'`);
  if (cell === 'rnn' && recurrentActivation !== 'sigmoid') throw new TypeError(`${owner}: recurrentActivation is an LSTM/GRU option; this layer is a SimpleRNN`);
  const numLayers = intOption(owner, 'numLayers', options.numLayers ?? 1, 1);
  const dropout = numberOption(owner, 'dropout', options.dropout ?? 0, { min: 0, max: 1, maxExclusive: true });
  return {
    cell,
    inputSize: intOption(owner, 'inputSize', options.inputSize, 0),
    hiddenSize: intOption(owner, 'hiddenSize', options.hiddenSize, 1),
    numLayers,
    bidirectional: boolOption(owner, 'bidirectional', options.bidirectional, false),
    returnSequences: boolOption(owner, 'returnSequences', options.returnSequences, true),
    dtype: checkDType(`${owner}: dtype`, options.dtype ?? 'float64'),
    seed: seedOption(owner, options.seed),
    forgetBias,
    resetAfter: boolOption(owner, 'resetAfter', options.resetAfter, true),
    batchFirst: boolOption(owner, 'batchFirst', options.batchFirst, false),
    dropout,
    activation,
    recurrentActivation,
  };
}

/** The constructor options that rebuild a layer from its config (only the keys its class takes). */
export function layerOptionsFromConfig(config: RecurrentConfig): AnyRecurrentOptions {
  const out: Record<string, unknown> = {};
  for (const key of RECURRENT_OPTION_KEYS[config.cell]) out[key] = config[key as keyof RecurrentConfig];
  return out as unknown as AnyRecurrentOptions;
}

/** The activation fields of a kernel call: only the one the cell has, so other backends see the cell's usual args. */
export function kernelActivations(config: RecurrentConfig): { activation?: RnnActivation; recurrentActivation?: GateActivation } {
  return config.cell === 'rnn' ? { activation: config.activation } : { recurrentActivation: config.recurrentActivation };
}
