/**
 * Whole models as safetensors bytes (docs/file-format.md): every weight under its parameter
 * name, optionally the optimizer's state under `optimizer.<slot>.<parameter>`, and a
 * `__metadata__` entry naming the format, its version, the architecture and its JSON config.
 *
 * loadModelBytes treats the bytes as untrusted: the container is checked by
 * decodeSafetensors, then the metadata, then every tensor's name, dtype and shape against
 * what the config implies, all before the model is built.
 */
import { formatShape } from '../errors.ts';
import { GRU } from '../layers/gru.ts';
import { LSTM } from '../layers/lstm.ts';
import type { NamedParameter } from '../layers/parameter.ts';
import { layerOptionsFromConfig, type RecurrentConfig } from '../layers/recurrent-config.ts';
import { RecurrentLayer } from '../layers/recurrent-layer.ts';
import { SimpleRNN } from '../layers/simple-rnn.ts';
import { CharLM } from '../models/char-lm.ts';
import type { CharLMConfig } from '../models/char-lm-config.ts';
import type { OptimizerState } from '../optim/optimizer.ts';
import { checkOptimizerSlots } from '../models/optimizer-slots.ts';
import { Tensor, type FloatArray } from '../tensor.ts';
import { ARCHITECTURES, LAYER_OF_CELL, resolveArchitecture, type Architecture } from './model-shapes.ts';
import { resolveSequentialConfig, type SequentialFileConfig } from './sequential-shapes.ts';
import { Sequential, type SequentialConfig } from '../models/sequential.ts';
import { decodeSafetensors, encodeSafetensors, type DecodeOptions } from './safetensors.ts';

/** Value of the `recur.format` metadata key of every recur model file. */
export const MODEL_FILE_FORMAT = 'recur.model';
/** Version of the layout described in docs/file-format.md; bumped on incompatible changes. */
export const MODEL_FILE_VERSION = 1;

/** The metadata keys recur writes (all values are strings, as safetensors requires). */
export const MODEL_METADATA_KEYS = {
  format: 'recur.format',
  version: 'recur.version',
  architecture: 'recur.architecture',
  config: 'recur.config',
  optimizer: 'recur.optimizer',
} as const;

/** Prefix of optimizer-state tensors: `optimizer.m.rnn.l0.wx` is Adam's first moment of `rnn.l0.wx`. */
export const OPTIMIZER_PREFIX = 'optimizer.';

export type SavableModel = CharLM | SimpleRNN | LSTM | GRU | Sequential;

export interface SaveModelOptions {
  /** Also store the optimizer's state (CharLM only), so training resumes exactly. Default false. */
  includeOptimizer?: boolean;
  /** Extra string metadata (e.g. a training note); keys starting with `recur.` are reserved. */
  metadata?: Record<string, string>;
}

/** Serialises a model to safetensors bytes. Throws a RangeError if any weight is NaN or ±Inf. */
export function saveModelBytes(model: SavableModel, options: SaveModelOptions = {}): Uint8Array {
  const owner = 'saveModelBytes';
  const { architecture, config, params } = describeModel(owner, model);
  if (typeof options !== 'object' || options === null) throw new TypeError(`${owner}: options must be an object`);
  const tensors: Record<string, Tensor> = {};
  for (const p of params) {
    const bad = firstNonFinite(p.param.data);
    // A diverged model must not replace a good checkpoint: refuse rather than write NaNs.
    if (bad >= 0) throw new RangeError(`${owner}: weight '${p.name}'[${bad}] is ${p.param.data[bad]}; refusing to save a model with non-finite weights`);
    tensors[p.name] = p.param;
  }
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.metadata ?? {})) {
    if (k.startsWith('recur.')) throw new RangeError(`${owner}: metadata key '${k}' is reserved (keys starting with 'recur.' are written by recur)`);
    if (typeof v !== 'string') throw new TypeError(`${owner}: metadata['${k}'] must be a string, got ${typeof v}`);
    metadata[k] = v;
  }
  metadata[MODEL_METADATA_KEYS.format] = MODEL_FILE_FORMAT;
  metadata[MODEL_METADATA_KEYS.version] = String(MODEL_FILE_VERSION);
  metadata[MODEL_METADATA_KEYS.architecture] = architecture;
  metadata[MODEL_METADATA_KEYS.config] = JSON.stringify(config);
  if (options.includeOptimizer) {
    if (!(model instanceof CharLM)) throw new RangeError(`${owner}: includeOptimizer needs a model that owns an optimizer (CharLM); a ${architecture} layer has none`);
    const state = model.optimizer.state();
    const shapes = new Map(params.map((p) => [p.name, p.param.shape]));
    for (const [key, data] of Object.entries(state.slots)) {
      const colon = key.indexOf(':');
      const slot = key.slice(0, colon);
      const name = key.slice(colon + 1);
      const shape = shapes.get(name);
      if (colon <= 0 || slot.includes('.') || shape === undefined) throw new RangeError(`${owner}: optimizer slot '${key}' cannot be stored (expected '<slot>:<parameter>')`);
      tensors[`${OPTIMIZER_PREFIX}${slot}.${name}`] = new Tensor(data, shape);
    }
    metadata[MODEL_METADATA_KEYS.optimizer] = JSON.stringify({ kind: state.kind, step: state.step });
  }
  return encodeSafetensors(tensors, metadata);
}

export interface LoadModelOptions extends DecodeOptions {
  /** Also restore the optimizer state when the file has one (CharLM only). Default true. */
  loadOptimizer?: boolean;
}

/** A model class to ask loadModelBytes for: Sequential, CharLM, SimpleRNN, LSTM or GRU. */
export type SavableModelClass<M extends SavableModel> = abstract new (...args: never[]) => M;

/** The architecture each class is stored as. */
const ARCHITECTURE_OF_CLASS = new Map<unknown, Architecture>([[Sequential, 'Sequential'], [CharLM, 'CharLM'], [SimpleRNN, 'SimpleRNN'], [LSTM, 'LSTM'], [GRU, 'GRU']]);

/**
 * Typed loading: `loadModelBytes(bytes, Sequential)` returns a Sequential, and throws a
 * TypeError (before building anything) when the file holds another architecture.
 */
export function loadModelBytes<M extends SavableModel>(bytes: Uint8Array, expected: SavableModelClass<M>, options?: LoadModelOptions): M;
export function loadModelBytes(bytes: Uint8Array, options?: LoadModelOptions): SavableModel;
export function loadModelBytes(bytes: Uint8Array, a?: LoadModelOptions | SavableModelClass<SavableModel>, b?: LoadModelOptions): SavableModel {
  if (typeof a === 'function') {
    const want = ARCHITECTURE_OF_CLASS.get(a);
    if (want === undefined) throw new TypeError(`loadModelBytes: expected must be Sequential, CharLM, SimpleRNN, LSTM or GRU, got ${a.name || 'a function'}`);
    return loadModel(bytes, b ?? {}, want);
  }
  return loadModel(bytes, a ?? {}, null);
}

/**
 * Rebuilds a model from saveModelBytes output. Throws SafetensorsError (a RangeError) for a
 * malformed container, RangeError/TypeError naming the tensor or config key for anything
 * that does not match the architecture.
 */
function loadModel(bytes: Uint8Array, options: LoadModelOptions, expected: Architecture | null): SavableModel {
  const owner = 'loadModelBytes';
  const file = decodeSafetensors(bytes, options);
  const meta = file.metadata;
  const format = meta[MODEL_METADATA_KEYS.format];
  if (format !== MODEL_FILE_FORMAT) {
    const what = format === undefined ? `no '${MODEL_METADATA_KEYS.format}' metadata` : `'${MODEL_METADATA_KEYS.format}' = ${JSON.stringify(format)}`;
    throw new RangeError(`${owner}: not a recur model file (${what}, expected '${MODEL_FILE_FORMAT}'); for PyTorch or Keras weights use fromPyTorchStateDict / fromKerasWeights`);
  }
  const version = meta[MODEL_METADATA_KEYS.version];
  if (version !== String(MODEL_FILE_VERSION)) {
    throw new RangeError(`${owner}: file format version ${JSON.stringify(version)} is not supported (this recur reads version ${MODEL_FILE_VERSION})`);
  }
  const architecture = meta[MODEL_METADATA_KEYS.architecture] as Architecture;
  if (!ARCHITECTURES.includes(architecture)) {
    throw new RangeError(`${owner}: unknown architecture ${JSON.stringify(architecture)}; expected one of ${ARCHITECTURES.join(', ')}`);
  }
  if (expected !== null && architecture !== expected) throw new TypeError(`${owner}: the file holds a ${architecture}, not a ${expected}`);
  const stored = parseJsonObject(owner, MODEL_METADATA_KEYS.config, meta[MODEL_METADATA_KEYS.config]);
  const { resolved, count, shapes: listShapes } = architecture === 'Sequential' ? resolveSequentialConfig(stored) : resolveArchitecture(architecture, stored);
  checkStoredConfig(owner, architecture, stored, resolved);

  const weights = new Map<string, Tensor>();
  const slots = new Map<string, Tensor>();
  for (const [name, t] of Object.entries(file.tensors)) (name.startsWith(OPTIMIZER_PREFIX) ? slots : weights).set(name, t);
  // Listing the expected names is linear in the count: refuse absurd counts up front, and
  // otherwise list them so the message can name the missing or extra tensor.
  if (count > 2 * weights.size + 16) {
    throw new RangeError(`${owner}: the ${architecture} config implies ${count} weight tensors but the file has ${weights.size}`);
  }
  const shapes = listShapes();
  for (const [name, shape] of shapes) {
    const t = weights.get(name);
    if (t === undefined) throw new RangeError(`${owner}: the ${architecture} config needs tensor '${name}' of shape ${formatShape(shape)}, the file has none`);
    checkTensorMatches(owner, name, t, shape, resolved.dtype);
    const bad = firstNonFinite(t.data);
    if (bad >= 0) throw new RangeError(`${owner}: weight '${name}'[${bad}] is ${t.data[bad]}; the file is corrupt`);
  }
  for (const name of weights.keys()) {
    if (!shapes.has(name)) throw new RangeError(`${owner}: tensor '${name}' is not a weight of this ${architecture} (its config implies ${[...shapes.keys()].join(', ')})`);
  }
  const optimizerMeta = meta[MODEL_METADATA_KEYS.optimizer];
  if (architecture !== 'CharLM' && (slots.size > 0 || optimizerMeta !== undefined)) {
    throw new RangeError(`${owner}: a ${architecture} file cannot hold optimizer state`);
  }
  if (optimizerMeta === undefined && slots.size > 0) {
    throw new RangeError(`${owner}: tensor '${slots.keys().next().value}' is optimizer state but '${MODEL_METADATA_KEYS.optimizer}' metadata is missing`);
  }

  const model = build(architecture, resolved);
  const params = model.parameters();
  if (params.length !== shapes.size || params.some((p) => !sameShape(shapes.get(p.name), p.param.shape))) {
    // The shape table and the constructors disagree: a recur bug, not a bad file.
    throw new Error(`${owner}: internal error: ${architecture} parameters (${params.map((p) => p.name).join(', ')}) differ from the file layout`);
  }
  for (const p of params) p.param.data.set(weights.get(p.name)!.data);
  if (model instanceof CharLM && optimizerMeta !== undefined && options.loadOptimizer !== false) {
    const state = optimizerState(owner, optimizerMeta, slots, params, resolved.dtype);
    checkOptimizerSlots(owner, (resolved as CharLMConfig).optimizer, params, state);
    model.optimizer.loadState(state);
  }
  return model;
}

function describeModel(owner: string, model: unknown): { architecture: Architecture; config: CharLMConfig | RecurrentConfig | SequentialConfig; params: NamedParameter[] } {
  if (model instanceof Sequential) return { architecture: 'Sequential', config: model.config, params: model.parameters() };
  if (model instanceof CharLM) return { architecture: 'CharLM', config: model.config, params: model.parameters() };
  if (model instanceof RecurrentLayer) return { architecture: LAYER_OF_CELL[model.cell], config: model.config, params: model.parameters() };
  const got = model === null ? 'null' : typeof model === 'object' ? (model.constructor?.name ?? 'object') : typeof model;
  throw new TypeError(`${owner}: model must be a Sequential, CharLM, SimpleRNN, LSTM or GRU, got ${got}`);
}

function build(architecture: Architecture, config: CharLMConfig | RecurrentConfig | SequentialFileConfig): SavableModel {
  switch (architecture) {
    case 'Sequential': {
      const { batchFirst, layers } = config as SequentialFileConfig;
      return Sequential.fromConfig({ batchFirst, layers });
    }
    case 'CharLM': return new CharLM(config as CharLMConfig);
    case 'SimpleRNN': return new SimpleRNN(layerOptionsFromConfig(config as RecurrentConfig));
    case 'LSTM': return new LSTM(layerOptionsFromConfig(config as RecurrentConfig));
    case 'GRU': return new GRU(layerOptionsFromConfig(config as RecurrentConfig));
  }
}

function parseJsonObject(owner: string, key: string, text: string | undefined): Record<string, unknown> {
  if (text === undefined) throw new RangeError(`${owner}: '${key}' metadata is missing`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new RangeError(`${owner}: '${key}' metadata is not valid JSON (${(err as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RangeError(`${owner}: '${key}' metadata must be a JSON object`);
  return value as Record<string, unknown>;
}

/** Every stored key must be one the architecture knows and equal its resolved value (missing keys take defaults). */
function checkStoredConfig(owner: string, architecture: Architecture, stored: Record<string, unknown>, resolved: object): void {
  const known = resolved as Record<string, unknown>;
  for (const [key, value] of Object.entries(stored)) {
    if (!(key in known)) throw new RangeError(`${owner}: config key '${key}' is unknown to ${architecture} (written by a newer recur?)`);
    if (JSON.stringify(value) !== JSON.stringify(known[key])) {
      throw new RangeError(`${owner}: config ${key} = ${JSON.stringify(value)} does not describe a ${architecture} (it resolves to ${JSON.stringify(known[key])})`);
    }
  }
}

function checkTensorMatches(owner: string, name: string, t: Tensor, shape: readonly number[], dtype: string): void {
  if (!sameShape(shape, t.shape)) {
    throw new RangeError(`${owner}: tensor '${name}' has shape ${formatShape(t.shape)} but the config implies ${formatShape(shape)}`);
  }
  if (t.dtype !== dtype) throw new TypeError(`${owner}: tensor '${name}' is ${t.dtype} but the model's config says ${dtype}`);
}

function optimizerState(owner: string, text: string, slots: Map<string, Tensor>, params: NamedParameter[], dtype: string): OptimizerState {
  const head = parseJsonObject(owner, MODEL_METADATA_KEYS.optimizer, text);
  const byName = new Map(params.map((p) => [p.name, p.param]));
  const out: Record<string, FloatArray> = {};
  for (const [name, t] of slots) {
    const rest = name.slice(OPTIMIZER_PREFIX.length);
    const dot = rest.indexOf('.');
    const param = byName.get(rest.slice(dot + 1));
    if (dot <= 0 || param === undefined) throw new RangeError(`${owner}: tensor '${name}' names no parameter of the model (expected '${OPTIMIZER_PREFIX}<slot>.<parameter>')`);
    checkTensorMatches(owner, name, t, param.shape, dtype);
    out[`${rest.slice(0, dot)}:${rest.slice(dot + 1)}`] = t.data;
  }
  // Optimizer.loadState checks kind and step and says which is wrong.
  return { kind: head.kind as string, step: head.step as number, slots: out };
}

function sameShape(a: readonly number[] | undefined, b: readonly number[]): boolean {
  return a !== undefined && a.length === b.length && a.every((d, i) => d === b[i]);
}

function firstNonFinite(data: FloatArray): number {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return i;
  return -1;
}

