/**
 * Sequential: a stack of layers run one after the other, Keras-style, with fit / evaluate /
 * predict (models/fit.ts). Layers: an optional Embedding first, then SimpleRNN / LSTM / GRU,
 * Dense and Dropout in any order that fits. `layers` and `config` are public so exporters
 * (model files, ONNX) can walk the model.
 */
import { Dense } from '../layers/dense.ts';
import { Dropout } from '../layers/dropout.ts';
import { Embedding } from '../layers/embedding.ts';
import { consumeContext } from '../layers/consume-context.ts';
import { prefixParameters, type NamedParameter } from '../layers/parameter.ts';
import { RecurrentLayer } from '../layers/recurrent-layer.ts';
import { boolOption, checkOptions } from '../options.ts';
import { Tensor, type DType } from '../tensor.ts';
import { buildLayer, layerConfig, layerDType, layerKind, type SequentialLayer, type SequentialLayerConfig } from './sequential-layers.ts';
import { checkInput, type InputSpec } from './sequential-data.ts';
import { evaluateModel, fitModel, predictModel, predictModelAsync, type EvaluateOptions, type EvaluateResult, type FitOptions, type History, type PredictOptions } from './fit.ts';
import { sequentialSummary } from './sequential-summary.ts';

export interface SequentialOptions {
  /** true: inputs and outputs with a time axis are [B, T, ...] (Keras / TF.js); false
   *  (default): time-major [T, B, ...]. Every recurrent layer must be built with the same. */
  batchFirst?: boolean;
}

/** A Sequential as JSON: rebuilds the same architecture and initial weights. */
export interface SequentialConfig {
  batchFirst: boolean;
  layers: SequentialLayerConfig[];
}

/** Opaque record of a Sequential forward pass, for backward(). */
export interface SequentialContext {
  readonly owner: Sequential;
  readonly ctxs: readonly unknown[];
}

/** How data flows through the stack, worked out once at construction. */
interface Flow {
  input: InputSpec;
  /** Output features of the last layer. */
  outFeatures: number;
  /** Whether the output keeps a time axis, given whether the input has one. */
  outHasTime: (inHasTime: boolean) => boolean;
  dtype: DType;
}

export class Sequential {
  readonly layers: readonly SequentialLayer[];
  readonly batchFirst: boolean;
  /** Storage dtype of every weight (and of float inputs). */
  readonly dtype: DType;
  private readonly flow: Flow;

  constructor(layers: readonly SequentialLayer[], options: SequentialOptions = {}) {
    checkOptions('Sequential', options, ['batchFirst'], true);
    this.batchFirst = boolOption('Sequential', 'batchFirst', options.batchFirst, false);
    if (!Array.isArray(layers) || layers.length === 0) throw new TypeError('Sequential: layers must be a non-empty array of layers');
    this.layers = Object.freeze([...layers]);
    this.flow = analyse(this.layers, this.batchFirst);
    this.dtype = this.flow.dtype;
  }

  /** Rebuilds a model from `config` (fresh weights from the configs' seeds). */
  static fromConfig(config: SequentialConfig): Sequential {
    if (typeof config !== 'object' || config === null || !Array.isArray(config.layers)) throw new TypeError('Sequential.fromConfig: config must be { batchFirst, layers: [...] }');
    checkOptions('Sequential.fromConfig', config, ['batchFirst', 'layers']);
    return new Sequential(config.layers.map((e) => buildLayer('Sequential.fromConfig', e)), { batchFirst: config.batchFirst });
  }

  get config(): SequentialConfig {
    return { batchFirst: this.batchFirst, layers: this.layers.map(layerConfig) };
  }

  /** Every weight, named `<layer index>.<layer's name>` (e.g. `0.table`, `1.l0.wx`, `2.w`). */
  parameters(): NamedParameter[] {
    return this.layers.flatMap((l, i) => prefixParameters(String(i), l.parameters()));
  }

  zeroGrad(): void {
    for (const l of this.layers) l.zeroGrad();
  }

  /** The axis of x (and of outputs with a time axis) that indexes examples. */
  exampleAxis(hasTime: boolean): 0 | 1 {
    return hasTime && !this.batchFirst ? 1 : 0;
  }

  /** Whether x has a time axis (always for Embedding/recurrent-first models; 3-D x for Dense-first). */
  inputHasTime(x: Tensor): boolean {
    return this.flow.input.rank === null ? x.ndim === 3 : true;
  }

  /** The output shape for input x (checked). */
  outputShape(x: Tensor, name = 'x'): number[] {
    checkInput(`Sequential: ${name}`, x, this.flow.input);
    return this.outputShapeOf(x);
  }

  /** @internal output shape of an already checked x. */
  outputShapeOf(x: Tensor): number[] {
    const inTime = this.inputHasTime(x);
    const lead = this.flow.input.numIds !== null ? x.shape.slice(0, 2) : x.shape.slice(0, -1);
    const keep = this.flow.outHasTime(inTime) ? lead : [lead[this.exampleAxis(inTime)]];
    return [...keep, this.flow.outFeatures];
  }

  /** @internal the checks of x. */
  get inputSpec(): InputSpec {
    return this.flow.input;
  }

  /** Runs every layer; `training: true` turns dropout on. Keep `ctx` for backward(). */
  forward(x: Tensor, options: { training?: boolean } = {}): { output: Tensor; ctx: SequentialContext } {
    checkInput('Sequential.forward: x', x, this.flow.input);
    const training = options.training === true;
    let h = x;
    const ctxs: unknown[] = [];
    for (const layer of this.layers) {
      const r = layer instanceof RecurrentLayer ? layer.forward(h, { training }) : plainForward(layer, h, training);
      ctxs.push(r.ctx);
      h = r.output;
    }
    return { output: h, ctx: { owner: this, ctxs } };
  }

  /** forward() with the recurrent kernels awaited (off the event loop on native; see RecurrentLayer.forwardAsync). */
  async forwardAsync(x: Tensor, options: { training?: boolean } = {}): Promise<{ output: Tensor; ctx: SequentialContext }> {
    checkInput('Sequential.forward: x', x, this.flow.input);
    const training = options.training === true;
    let h = x;
    const ctxs: unknown[] = [];
    for (const layer of this.layers) {
      const r = layer instanceof RecurrentLayer ? await layer.forwardAsync(h, { training }) : plainForward(layer, h, training);
      ctxs.push(r.ctx);
      h = r.output;
    }
    return { output: h, ctx: { owner: this, ctxs } };
  }

  /** Inference: forward's output with no dropout and no backward tape (recurrent layers' predict). */
  infer(x: Tensor): Tensor {
    checkInput('Sequential.predict: x', x, this.flow.input);
    let h = x;
    for (const layer of this.layers) h = layer instanceof RecurrentLayer ? layer.predict(h).output : plainForward(layer, h, false).output;
    return h;
  }

  /** infer() with the recurrent kernels awaited. */
  async inferAsync(x: Tensor): Promise<Tensor> {
    checkInput('Sequential.predict: x', x, this.flow.input);
    let h = x;
    for (const layer of this.layers) h = layer instanceof RecurrentLayer ? (await layer.predictAsync(h)).output : plainForward(layer, h, false).output;
    return h;
  }

  /** Backpropagates dOutput (shaped like forward's output) into every layer's grads. */
  backward(ctx: SequentialContext, dOutput: Tensor): void {
    let d = this.startBackward(ctx, dOutput);
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i];
      d = layer instanceof RecurrentLayer ? layer.backward(ctx.ctxs[i] as never, d).dx : plainBackward(layer, ctx.ctxs[i], d);
    }
  }

  /** backward() with the recurrent kernels awaited. */
  async backwardAsync(ctx: SequentialContext, dOutput: Tensor): Promise<void> {
    let d = this.startBackward(ctx, dOutput);
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i];
      d = layer instanceof RecurrentLayer ? (await layer.backwardAsync(ctx.ctxs[i] as never, d)).dx : plainBackward(layer, ctx.ctxs[i], d);
    }
  }

  private startBackward(ctx: SequentialContext, dOutput: Tensor): Tensor {
    if (typeof ctx !== 'object' || ctx === null || ctx.owner !== this) throw new TypeError("Sequential.backward: ctx must be the ctx returned by this model's forward()");
    if (!(dOutput instanceof Tensor)) throw new TypeError(`Sequential.backward: dOutput must be a Tensor, got ${typeof dOutput}`);
    consumeContext('Sequential', ctx);
    return dOutput;
  }

  /** Trains on (x, y); resolves to the loss per epoch (and validation loss / metrics). */
  fit(x: Tensor, y: Tensor, options: FitOptions): Promise<History> {
    return fitModel(this, x, y, options);
  }

  /** fit() with the recurrent kernels awaited: off the event loop on native; ts and wasm run them on the calling thread. */
  fitAsync(x: Tensor, y: Tensor, options: FitOptions): Promise<History> {
    return fitModel(this, x, y, options, true);
  }

  /** Output for x, in batches, without dropout and without keeping a backward tape. */
  predict(x: Tensor, options: PredictOptions = {}): Tensor {
    return predictModel(this, x, options);
  }

  /** predict() with the recurrent kernels awaited (off the event loop on native). */
  predictAsync(x: Tensor, options: PredictOptions = {}): Promise<Tensor> {
    return predictModelAsync(this, x, options);
  }

  /** Mean loss over (x, y), with accuracy (softmaxCrossEntropy) or mse. */
  evaluate(x: Tensor, y: Tensor, options: EvaluateOptions): EvaluateResult {
    return evaluateModel(this, x, y, options);
  }

  /** A table of the layers, their output shapes and parameter counts. */
  summary(): string {
    return sequentialSummary(this);
  }
}

/** Embedding, Dense and Dropout: their forward pass (no kernels worth running async). */
function plainForward(layer: Exclude<SequentialLayer, RecurrentLayer>, h: Tensor, training: boolean): { output: Tensor; ctx: unknown } {
  if (layer instanceof Embedding) return layer.forward(h.data, h.shape);
  if (layer instanceof Dropout) return layer.forward(h, { training });
  return layer.forward(h);
}

/** Their backward pass; an Embedding (always first) passes nothing on. */
function plainBackward(layer: Exclude<SequentialLayer, RecurrentLayer>, ctx: unknown, d: Tensor): Tensor {
  if (layer instanceof Embedding) {
    layer.backward(ctx as never, d);
    return d;
  }
  return layer.backward(ctx as never, d).dx;
}

function analyse(layers: readonly SequentialLayer[], batchFirst: boolean): Flow {
  let dtype: DType | null = null;
  const first = layers[0];
  let features: number | null = null;
  let input: InputSpec | null = null;
  // Whether each layer keeps the time axis; null: passes on what it gets.
  const keepsTime: (boolean | null)[] = [];
  layers.forEach((layer, i) => {
    const kind = layerKind(layer);
    const where = `Sequential: layers[${i}]`;
    if (kind === null) {
      const got = layer === null ? 'null' : typeof layer === 'object' ? (layer.constructor?.name ?? 'object') : typeof layer;
      throw new TypeError(`${where} must be an Embedding, SimpleRNN, LSTM, GRU, Dense or Dropout, got ${got}`);
    }
    const d = layerDType(layer);
    if (d !== null) {
      if (dtype !== null && d !== dtype) throw new TypeError(`${where} (${kind}) is ${d} but the layers before it are ${dtype}`);
      dtype = d;
    }
    if (layer instanceof Embedding) {
      if (i !== 0) throw new TypeError(`${where}: an Embedding must be the first layer (it reads integer ids)`);
      input = { rank: 2, features: null, dtype: null, numIds: layer.numEmbeddings };
      features = layer.embeddingSize;
      keepsTime.push(true);
      return;
    }
    if (layer instanceof RecurrentLayer) {
      if (layer.batchFirst !== batchFirst) {
        throw new TypeError(`${where} (${kind}) has batchFirst ${layer.batchFirst} but the Sequential has batchFirst ${batchFirst}; build both with the same layout`);
      }
      if (i > 0 && keepsTime.some((k) => k === false)) throw new TypeError(`${where} (${kind}) needs a sequence, but an earlier layer has returnSequences false`);
      if (features !== null && features !== layer.inputSize) {
        throw new RangeError(`${where} (${kind}) has inputSize ${layer.inputSize} but the layer before it outputs ${features} features`);
      }
      if (i === 0) input = { rank: 3, features: layer.inputSize, dtype: layer.config.dtype, numIds: null };
      features = layer.outputSize;
      keepsTime.push(layer.returnSequences);
      return;
    }
    if (layer instanceof Dense) {
      if (features !== null && features !== layer.inputSize) {
        throw new RangeError(`${where} (Dense) has inputSize ${layer.inputSize} but the layer before it outputs ${features} features`);
      }
      if (i === 0) input = { rank: null, features: layer.inputSize, dtype: layer.dtype, numIds: null };
      features = layer.outputSize;
      keepsTime.push(null);
      return;
    }
    // Dropout
    if (i === 0) input = { rank: null, features: null, dtype: null, numIds: null };
    keepsTime.push(null);
  });
  if (dtype === null) throw new TypeError('Sequential: the model needs at least one layer with weights');
  if (features === null) throw new TypeError('Sequential: a model of only Dropout layers has no defined output');
  const spec = input as unknown as InputSpec;
  // A Dropout-first model takes the dtype and feature size of the next layer with weights.
  if (spec.features === null && spec.numIds === null) {
    const next = layers.find((l) => !(l instanceof Dropout)) as Dense | RecurrentLayer;
    spec.features = next.inputSize;
    spec.dtype = dtype;
    if (next instanceof RecurrentLayer) spec.rank = 3;
  }
  const ends = keepsTime.filter((k) => k !== null);
  return {
    input: spec,
    outFeatures: features,
    outHasTime: (inHasTime) => inHasTime && !ends.includes(false),
    dtype,
  };
}
