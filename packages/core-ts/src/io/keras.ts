/**
 * Keras / TF.js recurrent weights <-> recur layers.
 *
 * A Keras SimpleRNN / LSTM / GRU layer holds, in getWeights() order:
 *   kernel [X, G*H]   recurrent_kernel [H, G*H]   bias [G*H]  (GRU reset_after: [2, G*H])
 * recur's wx / wh have the same [in, G*H] layout. Gate blocks: LSTM i,f,c,o = recur's
 * i,f,g,o; GRU z,r,h (update, reset, candidate) where recur stacks r,z,n, so the first two
 * blocks swap (the 'keras' row of io/weight-layouts.ts, which the conversion reads). Keras has one input bias (bx here, bh = 0), except the GRU with reset_after,
 * whose bias rows are the input bias and the recurrent bias (bx, bh). reset_after=True (the
 * Keras 2.x-on-TF2 and Keras 3 default) is recur's resetAfter = true; reset_after=False
 * (TF.js's only GRU) is resetAfter = false. A Bidirectional wrapper's getWeights() is the
 * forward layer's weights followed by the backward layer's.
 *
 * The weights cannot say which activations were used: pass the layer's config (Keras JSON
 * or TF.js getConfig()) to have them read. Supported: activation 'tanh' (and 'relu' for a
 * SimpleRNN); recurrent_activation 'sigmoid' or TF.js's 'hardSigmoid' (TF.js' default,
 * clip(0.2x + 0.5, 0, 1)). Keras JSON's 'hard_sigmoid' is that same function in Keras 2 but
 * relu6(x + 3)/6 in Keras 3, and a layer config does not say which Keras wrote it: pass
 * `kerasVersion: 2` to accept it (Keras 3's is refused). Without a config the defaults
 * (tanh, sigmoid) are assumed.
 */
import { GATE_COUNT, type CellKind } from '../backend/types.ts';
import { formatShape } from '../errors.ts';
import { GRU } from '../layers/gru.ts';
import { LSTM } from '../layers/lstm.ts';
import { RecurrentLayer } from '../layers/recurrent-layer.ts';
import { slotName, WEIGHT_KEYS } from '../layers/recurrent-weights.ts';
import { SimpleRNN } from '../layers/simple-rnn.ts';
import { allocate, checkIntact, Tensor, type DType } from '../tensor.ts';
import { exportCellWeights, importCellWeights, slotWeights } from './layout-convert.ts';
import { castTensor } from './tensor-layout.ts';

export type KerasLayerKind = 'SimpleRNN' | 'LSTM' | 'GRU';

const CELL: Readonly<Record<KerasLayerKind, CellKind>> = { SimpleRNN: 'rnn', LSTM: 'lstm', GRU: 'gru' };

/** One direction of one Keras layer. */
export interface KerasCellWeights {
  kernel: Tensor;
  recurrentKernel: Tensor;
  /** Absent or null for use_bias=False. */
  bias?: Tensor | null;
}

/**
 * One Keras layer: its getWeights() list ([kernel, recurrent_kernel, bias?], twice for a
 * Bidirectional wrapper), one direction's weights, or both directions.
 */
export type KerasLayerWeights = Tensor[] | KerasCellWeights | { forward: KerasCellWeights; backward: KerasCellWeights };

/** A Keras layer config (snake_case, from model JSON) or a TF.js getConfig() (camelCase). */
export type KerasLayerConfig = Record<string, unknown>;

export interface FromKerasOptions {
  /** GRU only: default read from the config, else from the bias shape ([2, 3H] means true). */
  resetAfter?: boolean;
  /** The layers' configs (one for all, or one per layer): activations, units, use_bias, reset_after, return_sequences are checked/used. */
  config?: KerasLayerConfig | KerasLayerConfig[];
  /** dtype of the layer (default: the kernel's). */
  dtype?: DType;
  /** Default: the last config's return_sequences, else true. */
  returnSequences?: boolean;
  /** Which Keras wrote a snake_case config: needed to accept recurrent_activation 'hard_sigmoid'
   *  (Keras 2: clip(0.2x + 0.5, 0, 1), supported; Keras 3: relu6(x + 3)/6, refused). */
  kerasVersion?: 2 | 3;
}

/**
 * Builds a SimpleRNN / LSTM / GRU from the weights of one or more stacked Keras layers of
 * one kind (layer l > 0 reads layer l-1's output). All layers must share units and
 * directionality, as a recur stack does.
 */
/** The layer class each Keras layer kind imports as. */
export interface KerasLayerOf { SimpleRNN: SimpleRNN; LSTM: LSTM; GRU: GRU }

export function fromKerasWeights<K extends KerasLayerKind>(kind: K, layers: readonly KerasLayerWeights[], options: FromKerasOptions = {}): KerasLayerOf[K] {
  const owner = 'fromKerasWeights';
  const cell = CELL[kind];
  if (cell === undefined) throw new RangeError(`${owner}: kind must be 'SimpleRNN', 'LSTM' or 'GRU', got ${JSON.stringify(kind)}`);
  if (!Array.isArray(layers) || layers.length === 0) throw new TypeError(`${owner}: layers must be a non-empty array (one entry per stacked Keras layer)`);
  const G = GATE_COUNT[cell];
  const parsed = layers.map((l, i) => directions(owner, `layers[${i}]`, l));
  const bidirectional = parsed[0].length === 2;
  const first = parsed[0][0];
  if (first.recurrentKernel.ndim !== 2 || first.recurrentKernel.shape[1] !== G * first.recurrentKernel.shape[0]) {
    throw new RangeError(`${owner}: layers[0] recurrent_kernel has shape ${formatShape(first.recurrentKernel.shape)} but a Keras ${kind} needs (units, ${G}*units)`);
  }
  const H = first.recurrentKernel.shape[0];
  if (first.kernel.ndim !== 2) throw new RangeError(`${owner}: layers[0] kernel has shape ${formatShape(first.kernel.shape)} but (X, ${G * H}) was expected`);
  const X = first.kernel.shape[0];
  const configs = layers.map((_, i) => (Array.isArray(options.config) ? options.config[i] : options.config));
  if (Array.isArray(options.config) && options.config.length !== layers.length) {
    throw new RangeError(`${owner}: config has ${options.config.length} entries but layers has ${layers.length}`);
  }
  const settings = configs.map((c, i) => (c === undefined ? null : readConfig(owner, `config[${i}]`, kind, c, H, options.kerasVersion)));
  const hasBias = first.bias != null;
  let resetAfter = options.resetAfter ?? settings.find((s) => s?.resetAfter !== undefined)?.resetAfter;
  if (resetAfter === undefined) {
    // Only the bias shape tells the two GRU forms apart; without a bias they still differ.
    if (cell === 'gru' && !hasBias) throw new RangeError(`${owner}: a GRU without bias does not show whether reset_after was used; pass resetAfter or the layer config`);
    resetAfter = cell === 'gru' ? first.bias!.ndim === 2 : true;
  }
  for (const s of settings) {
    if (s?.useBias !== undefined && s.useBias !== hasBias) throw new RangeError(`${owner}: the config says use_bias=${s.useBias} but the weights ${hasBias ? 'have' : 'have no'} bias`);
    if (cell === 'gru' && s?.resetAfter !== undefined && s.resetAfter !== resetAfter) throw new RangeError(`${owner}: the configs disagree on reset_after`);
  }
  const returnSequences = options.returnSequences ?? settings[settings.length - 1]?.returnSequences ?? true;
  const dtype = options.dtype ?? first.kernel.dtype;

  const agreed = <K extends 'activation' | 'recurrentActivation'>(key: K): KerasSettings[K] => {
    const values = new Set(settings.map((st) => st?.[key]).filter((v) => v !== undefined));
    if (values.size > 1) throw new RangeError(`${owner}: the configs disagree on ${key} (${[...values].join(', ')}); a recur stack uses one for all layers`);
    return values.values().next().value as KerasSettings[K];
  };
  const activation = agreed('activation');
  const recurrentActivation = agreed('recurrentActivation');
  const layerOptions = { inputSize: X, hiddenSize: H, numLayers: layers.length, bidirectional, dtype, returnSequences };
  const layer = cell === 'lstm' ? new LSTM({ ...layerOptions, recurrentActivation })
    : cell === 'gru' ? new GRU({ ...layerOptions, resetAfter, recurrentActivation })
    : new SimpleRNN({ ...layerOptions, activation });
  const biasShape = cell === 'gru' && resetAfter ? [2, G * H] : [G * H];
  parsed.forEach((dirs, l) => {
    if (dirs.length !== parsed[0].length) throw new RangeError(`${owner}: layers[${l}] is ${dirs.length === 2 ? 'bidirectional' : 'unidirectional'} but layers[0] is not; a recur stack is one or the other throughout`);
    const inputSize = l === 0 ? X : (bidirectional ? 2 : 1) * H;
    dirs.forEach((w, d) => {
      const where = `layers[${l}]${bidirectional ? (d === 0 ? ' forward' : ' backward') : ''}`;
      checkShape(owner, `${where} kernel`, w.kernel, [inputSize, G * H]);
      checkShape(owner, `${where} recurrent_kernel`, w.recurrentKernel, [H, G * H]);
      if ((w.bias != null) !== hasBias) throw new RangeError(`${owner}: ${where} ${hasBias ? 'has no bias' : 'has a bias'} but layers[0] ${hasBias ? 'has one' : 'does not'}`);
      if (w.bias != null) checkShape(owner, `${where} bias`, w.bias, biasShape);
      const b = w.bias != null ? castTensor(w.bias, dtype) : null;
      const GH = G * H;
      const recur = importCellWeights(cell, 'keras', H, {
        input: castTensor(w.kernel, dtype),
        recurrent: castTensor(w.recurrentKernel, dtype),
        bias: b === null ? Tensor.zeros([GH], dtype) : new Tensor(b.data.slice(0, GH), [GH]),
        recurrentBias: b !== null && biasShape.length === 2 ? new Tensor(b.data.slice(GH), [GH]) : null,
      });
      const slot = slotName(l, d === 1);
      for (const key of WEIGHT_KEYS) layer.params[`${slot}.${key}`].data.set(recur[key].data);
    });
  });
  return layer as KerasLayerOf[K];
}

/**
 * The getWeights() list of each stacked Keras layer, ready for setWeights():
 * [kernel, recurrent_kernel, bias] (then the backward direction's three for a
 * Bidirectional wrapper). Keras layers must be built with units = hiddenSize,
 * activation 'tanh', recurrent_activation 'sigmoid' and, for a GRU, reset_after = resetAfter.
 */
export function toKerasWeights(layer: RecurrentLayer): Tensor[][] {
  const owner = 'toKerasWeights';
  if (!(layer instanceof RecurrentLayer)) throw new TypeError(`${owner}: layer must be a SimpleRNN, LSTM or GRU`);
  const { cell, hiddenSize: H, numLayers, bidirectional } = layer;
  const G = GATE_COUNT[cell];
  const separateBiases = cell === 'gru' && layer.config.resetAfter;
  const out: Tensor[][] = [];
  for (let l = 0; l < numLayers; l++) {
    const weights: Tensor[] = [];
    for (const reverse of bidirectional ? [false, true] : [false]) {
      // One Keras bias adds where recur adds bx + bh (every gate outside the reset product).
      const w = exportCellWeights(cell, 'keras', H, slotWeights(layer.params, slotName(l, reverse)), { bias: separateBiases ? 'two' : 'one' });
      let bias = w.bias;
      if (w.recurrentBias) {
        const both = allocate(w.bias.dtype, 2 * G * H);
        both.set(w.bias.data, 0);
        both.set(w.recurrentBias.data, G * H);
        bias = new Tensor(both, [2, G * H]);
      }
      weights.push(w.input, w.recurrent, bias);
    }
    out.push(weights);
  }
  return out;
}

function directions(owner: string, where: string, l: KerasLayerWeights): KerasCellWeights[] {
  if (Array.isArray(l)) {
    l.forEach((t, i) => {
      if (!(t instanceof Tensor)) throw new TypeError(`${owner}: ${where}[${i}] is not a Tensor`);
      checkIntact(`${owner}: ${where}[${i}]`, t);
    });
    if (l.length === 2 || l.length === 3) return [{ kernel: l[0], recurrentKernel: l[1], bias: l[2] ?? null }];
    if (l.length === 4) return [{ kernel: l[0], recurrentKernel: l[1] }, { kernel: l[2], recurrentKernel: l[3] }];
    if (l.length === 6) return [{ kernel: l[0], recurrentKernel: l[1], bias: l[2] }, { kernel: l[3], recurrentKernel: l[4], bias: l[5] }];
    throw new RangeError(`${owner}: ${where} has ${l.length} arrays; a Keras layer's getWeights() has 2 or 3 (4 or 6 when Bidirectional)`);
  }
  if (typeof l !== 'object' || l === null) throw new TypeError(`${owner}: ${where} must be a getWeights() array or {kernel, recurrentKernel, bias}`);
  const pair = l as { forward?: KerasCellWeights; backward?: KerasCellWeights };
  const cells = pair.forward !== undefined || pair.backward !== undefined ? [pair.forward, pair.backward] : [l as KerasCellWeights];
  return cells.map((c, i) => {
    const w = `${where}${cells.length === 2 ? (i === 0 ? '.forward' : '.backward') : ''}`;
    if (typeof c !== 'object' || c === null) throw new TypeError(`${owner}: ${w} must be {kernel, recurrentKernel, bias}`);
    for (const k of ['kernel', 'recurrentKernel'] as const) {
      if (!(c[k] instanceof Tensor)) throw new TypeError(`${owner}: ${w}.${k} must be a Tensor`);
      checkIntact(`${owner}: ${w}.${k}`, c[k]);
    }
    if (c.bias != null && !(c.bias instanceof Tensor)) throw new TypeError(`${owner}: ${w}.bias must be a Tensor or null`);
    if (c.bias != null) checkIntact(`${owner}: ${w}.bias`, c.bias);
    return c;
  });
}

function checkShape(owner: string, what: string, t: Tensor, shape: readonly number[]): void {
  if (t.ndim !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new RangeError(`${owner}: ${what} has shape ${formatShape(t.shape)} but ${formatShape(shape)} was expected`);
  }
}

interface KerasSettings {
  useBias?: boolean;
  resetAfter?: boolean;
  returnSequences?: boolean;
  activation?: 'tanh' | 'relu';
  recurrentActivation?: 'sigmoid' | 'hardSigmoid';
}

/** Reads a key in either spelling: reset_after (Keras JSON) or resetAfter (TF.js). */
function pick(c: KerasLayerConfig, snake: string): unknown {
  const camel = snake.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
  return snake in c ? c[snake] : c[camel];
}

function activationName(v: unknown): string | undefined {
  if (v === undefined || v === null) return v === null ? 'linear' : undefined;
  // Keras 3 may serialise an activation as {class_name, config: {name}} or a plain string.
  const name = typeof v === 'string' ? v : typeof v === 'object' ? String((v as { config?: { name?: unknown } }).config?.name ?? (v as { class_name?: unknown }).class_name) : String(v);
  return name.replace(/_/g, '').toLowerCase();
}

function readConfig(owner: string, where: string, kind: KerasLayerKind, raw: KerasLayerConfig, H: number, kerasVersion: 2 | 3 | undefined): KerasSettings {
  if (typeof raw !== 'object' || raw === null) throw new TypeError(`${owner}: ${where} must be a Keras layer config object`);
  let c = raw;
  // A Bidirectional wrapper's config nests the wrapped layer's.
  const inner = pick(c, 'layer') as { config?: KerasLayerConfig } | undefined;
  if (inner && typeof inner === 'object') {
    const merge = pick(c, 'merge_mode');
    if (merge !== undefined && merge !== 'concat') throw new RangeError(`${owner}: ${where} merge_mode is ${JSON.stringify(merge)}; recur concatenates the two directions ('concat')`);
    c = inner.config ?? (inner as KerasLayerConfig);
  }
  const units = pick(c, 'units');
  if (units !== undefined && units !== H) throw new RangeError(`${owner}: ${where} units is ${String(units)} but the weights have ${H}`);
  const act = activationName(pick(c, 'activation'));
  let activation: KerasSettings['activation'];
  if (act !== undefined) {
    if (act === 'tanh' || (act === 'relu' && kind === 'SimpleRNN')) activation = act;
    else throw new RangeError(`${owner}: ${where} activation is '${act}'; recur's ${kind} supports tanh${kind === 'SimpleRNN' ? ' and relu' : ''}`);
  }
  let recurrentActivation: KerasSettings['recurrentActivation'];
  if (kind !== 'SimpleRNN') {
    const raw = pick(c, 'recurrent_activation');
    const rec = activationName(raw);
    if (rec === 'sigmoid') recurrentActivation = 'sigmoid';
    else if (rec === 'hardsigmoid') recurrentActivation = hardSigmoidOf(owner, where, raw, kerasVersion);
    else if (rec !== undefined) {
      throw new RangeError(`${owner}: ${where} recurrent_activation is '${rec}'; recur's gates support sigmoid and hardSigmoid (TF.js / Keras 2)`);
    }
  }
  if (pick(c, 'go_backwards') === true) throw new RangeError(`${owner}: ${where} has go_backwards=True outside a Bidirectional wrapper; recur has no such layer`);
  const bool = (k: string): boolean | undefined => {
    const v = pick(c, k);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') throw new TypeError(`${owner}: ${where} ${k} must be a boolean, got ${JSON.stringify(v)}`);
    return v;
  };
  return { useBias: bool('use_bias'), resetAfter: kind === 'GRU' ? bool('reset_after') : undefined, returnSequences: bool('return_sequences'), activation, recurrentActivation };
}

/**
 * TF.js writes 'hardSigmoid' (its 0.2x + 0.5 form); Keras JSON writes 'hard_sigmoid', which is
 * that form in Keras 2 and x/6 + 0.5 in Keras 3, so the caller must say which Keras it was.
 */
function hardSigmoidOf(owner: string, where: string, raw: unknown, kerasVersion: 2 | 3 | undefined): 'hardSigmoid' {
  const name = typeof raw === 'string' ? raw : '';
  if (name === 'hardSigmoid') return 'hardSigmoid';
  if (kerasVersion === 2) return 'hardSigmoid';
  if (kerasVersion === 3) {
    throw new RangeError(`${owner}: ${where} recurrent_activation is Keras 3's hard_sigmoid (relu6(x + 3)/6), which recur does not implement; recur's hardSigmoid is TF.js / Keras 2's clip(0.2x + 0.5, 0, 1)`);
  }
  throw new RangeError(`${owner}: ${where} recurrent_activation is 'hard_sigmoid', which is clip(0.2x + 0.5, 0, 1) in Keras 2 but relu6(x + 3)/6 in Keras 3; pass kerasVersion: 2 if Keras 2 wrote it`);
}
