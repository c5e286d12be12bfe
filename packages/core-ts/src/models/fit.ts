/**
 * Sequential's training and inference loops. Every argument is checked before the first
 * step, so a call refused for bad input leaves the weights as they were.
 */
import { softmaxCrossEntropy } from '../losses/softmax-cross-entropy.ts';
import { mse } from '../losses/mse.ts';
import { clipGradNorm } from '../optim/clip-grad.ts';
import { createOptimizer, type OptimizerConfig } from '../optim/create-optimizer.ts';
import { Optimizer } from '../optim/optimizer.ts';
import { checkOptions, enumOption, intOption, numberOption, seedOption, boolOption } from '../options.ts';
import { RandomState } from '../random/random-state.ts';
import { Tensor } from '../tensor.ts';
import { checkInput, checkTargets, putExamples, takeExamples, type LossName } from './sequential-data.ts';
import type { Sequential } from './sequential.ts';

export interface EpochLogs {
  loss: number;
  /** Training accuracy of the epoch (softmaxCrossEntropy only). */
  accuracy?: number;
  valLoss?: number;
  valAccuracy?: number;
}

export interface FitCallbacks {
  /** After each batch's update, with that batch's loss. May return a promise (awaited). */
  onBatchEnd?: (batch: number, logs: { loss: number }) => void | Promise<void>;
  /** After each epoch, with its mean loss (and validation results). May return a promise. */
  onEpochEnd?: (epoch: number, logs: EpochLogs) => void | Promise<void>;
}

export interface FitOptions {
  epochs: number;
  batchSize: number;
  loss: LossName;
  /** An optimizer built over model.parameters(), or a config for createOptimizer. Default Adam (lr 1e-3). */
  optimizer?: Optimizer | OptimizerConfig;
  /** Evaluated after every epoch (no dropout). */
  validationData?: [Tensor, Tensor];
  /** Reshuffle the examples every epoch. Default true. */
  shuffle?: boolean;
  /** Seed of the shuffling. Default 0. Dropout masks come from each layer's own seed. */
  seed?: number;
  /** Clip the global gradient norm to this before each update. Default: no clipping. */
  clipNorm?: number;
  callbacks?: FitCallbacks;
  /** Stops training at the next batch boundary; fit then resolves with the epochs completed so far. */
  signal?: AbortSignalLike;
}

/**
 * The part of an `AbortSignal` that fit reads. Structural, so the published types need neither
 * the DOM lib nor @types/node (a consumer's `AbortController().signal` fits it).
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

export interface History {
  /** Mean training loss per completed epoch. */
  loss: number[];
  valLoss?: number[];
  accuracy?: number[];
  valAccuracy?: number[];
  /** true when `signal` stopped training early. */
  stopped: boolean;
}

export interface PredictOptions {
  /** Examples per forward pass. Default 32. */
  batchSize?: number;
}

export interface EvaluateOptions {
  loss: LossName;
  /** Examples per forward pass. Default 32. */
  batchSize?: number;
}

export interface EvaluateResult {
  loss: number;
  /** Share of positions whose arg-max class is the target (softmaxCrossEntropy). */
  accuracy?: number;
  /** Mean squared error (mse; equals loss). */
  mse?: number;
}

const FIT_KEYS = ['epochs', 'batchSize', 'loss', 'optimizer', 'validationData', 'shuffle', 'seed', 'clipNorm', 'callbacks', 'signal'] as const;
const LOSSES = ['softmaxCrossEntropy', 'mse'] as const;

interface Checked {
  x: Tensor;
  y: Tensor;
  /** Example axes of x and of y. */
  xAxis: 0 | 1;
  yAxis: 0 | 1;
  count: number;
}

/** x and y checked against the model and each other; names both shapes on a mismatch. */
function checkData(model: Sequential, owner: string, xName: string, yName: string, x: unknown, y: unknown, loss: LossName): Checked {
  const xt = checkInput(`${owner}: ${xName}`, x, model.inputSpec);
  const outShape = model.outputShapeOf(xt);
  const yt = checkTargets(`${owner}: ${yName}`, xName, y, xt, outShape, loss, model.dtype);
  const xAxis = model.exampleAxis(model.inputHasTime(xt));
  // Targets keep the output's leading axes: with a time axis (3-D output) examples sit where the layout puts them.
  const yAxis: 0 | 1 = outShape.length === 3 ? model.exampleAxis(true) : 0;
  return { x: xt, y: yt, xAxis, yAxis, count: xt.shape[xAxis] };
}

/** Loss (mean over positions), its gradient, and the correct-position count for accuracy. */
function lossOf(loss: LossName, output: Tensor, y: Tensor): { loss: number; count: number; correct: number; grad: Tensor } {
  if (loss === 'mse') {
    const r = mse(output, y);
    return { loss: r.loss, count: r.count, correct: 0, grad: r.dprediction };
  }
  const r = softmaxCrossEntropy(output, y.data);
  const V = output.shape[output.ndim - 1];
  let correct = 0;
  for (let i = 0; i < r.count; i++) {
    let best = 0;
    for (let j = 1; j < V; j++) if (output.data[i * V + j] > output.data[i * V + best]) best = j;
    if (best === y.data[i]) correct++;
  }
  return { loss: r.loss, count: r.count, correct, grad: r.dlogits };
}

function batchCount(n: number, batchSize: number): number {
  return Math.ceil(n / batchSize);
}

function range(start: number, end: number): Int32Array {
  return Int32Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}

/** Lets timers (an abort) and I/O run between batches, at most every ~16 ms. */
async function maybeYield(state: { last: number }): Promise<void> {
  const now = Date.now();
  if (now - state.last < 16 || typeof setTimeout !== 'function') return;
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  state.last = Date.now();
}

function resolveOptimizer(model: Sequential, o: Optimizer | OptimizerConfig | undefined): Optimizer {
  if (o === undefined) return createOptimizer(model.parameters(), { kind: 'adam', lr: 1e-3 });
  if (o instanceof Optimizer) {
    const owned = new Set(o.params.map((p) => p.param));
    const missing = model.parameters().find((p) => !owned.has(p.param));
    if (missing) throw new TypeError(`Sequential.fit: optimizer does not own the model's parameter '${missing.name}'; build it with model.parameters()`);
    return o;
  }
  return createOptimizer(model.parameters(), o);
}

export async function fitModel(model: Sequential, x: Tensor, y: Tensor, options: FitOptions, async = false): Promise<History> {
  const owner = 'Sequential.fit';
  checkOptions(owner, options, FIT_KEYS);
  if (options.epochs === undefined || options.batchSize === undefined) throw new TypeError(`${owner}: epochs and batchSize are required`);
  const epochs = intOption(owner, 'epochs', options.epochs, 0);
  const batchSize = intOption(owner, 'batchSize', options.batchSize, 1);
  if (options?.loss === undefined) throw new TypeError(`${owner}: loss is required ('softmaxCrossEntropy' or 'mse')`);
  const loss = enumOption(owner, 'loss', options.loss, LOSSES, 'mse');
  const shuffle = boolOption(owner, 'shuffle', options.shuffle, true);
  const seed = seedOption(owner, options.seed);
  const clipNorm = options.clipNorm === undefined ? null : numberOption(owner, 'clipNorm', options.clipNorm, { min: 0, minExclusive: true });
  const callbacks = options.callbacks === undefined ? {} : checkOptions(`${owner}: callbacks`, options.callbacks, ['onBatchEnd', 'onEpochEnd']);
  for (const [k, f] of Object.entries(callbacks)) if (f !== undefined && typeof f !== 'function') throw new TypeError(`${owner}: callbacks.${k} must be a function`);
  const signal = options.signal;
  if (signal !== undefined && (typeof signal !== 'object' || signal === null || typeof signal.aborted !== 'boolean')) throw new TypeError(`${owner}: signal must be an AbortSignal`);
  const train = checkData(model, owner, 'x', 'y', x, y, loss);
  let val: Checked | null = null;
  if (options.validationData !== undefined) {
    const vd = options.validationData;
    if (!Array.isArray(vd) || vd.length !== 2) throw new TypeError(`${owner}: validationData must be [x, y]`);
    val = checkData(model, owner, 'validationData[0]', 'validationData[1]', vd[0], vd[1], loss);
  }
  const optimizer = resolveOptimizer(model, options.optimizer);
  const params = model.parameters();

  const history: History = { loss: [], stopped: false };
  if (loss === 'softmaxCrossEntropy') history.accuracy = [];
  if (val) {
    history.valLoss = [];
    if (loss === 'softmaxCrossEntropy') history.valAccuracy = [];
  }
  const rng = new RandomState(seed);
  const order = range(0, train.count);
  const clock = { last: Date.now() };
  for (let epoch = 0; epoch < epochs; epoch++) {
    if (shuffle) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rng.nextDouble() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
    }
    let total = 0;
    let positions = 0;
    let correct = 0;
    for (let b = 0; b < batchCount(train.count, batchSize); b++) {
      if (signal?.aborted) {
        history.stopped = true;
        return history;
      }
      const idx = order.subarray(b * batchSize, Math.min(train.count, (b + 1) * batchSize));
      const xb = takeExamples(train.x, train.xAxis, idx);
      const yb = takeExamples(train.y, train.yAxis, idx);
      model.zeroGrad();
      const f = async ? await model.forwardAsync(xb, { training: true }) : model.forward(xb, { training: true });
      const l = lossOf(loss, f.output, yb);
      if (async) await model.backwardAsync(f.ctx, l.grad);
      else model.backward(f.ctx, l.grad);
      if (clipNorm !== null) clipGradNorm(params, clipNorm);
      optimizer.step();
      total += l.loss * l.count;
      positions += l.count;
      correct += l.correct;
      if (callbacks.onBatchEnd) await callbacks.onBatchEnd(b, { loss: l.loss });
      await maybeYield(clock);
    }
    const logs: EpochLogs = { loss: positions > 0 ? total / positions : 0 };
    history.loss.push(logs.loss);
    if (history.accuracy) history.accuracy.push((logs.accuracy = positions > 0 ? correct / positions : 0));
    if (val) {
      const r = evaluateChecked(model, val, loss, batchSize);
      logs.valLoss = r.loss;
      history.valLoss!.push(r.loss);
      if (r.accuracy !== undefined) history.valAccuracy!.push((logs.valAccuracy = r.accuracy));
    }
    if (callbacks.onEpochEnd) await callbacks.onEpochEnd(epoch, logs);
  }
  return history;
}

function forEachBatch(c: { x: Tensor; xAxis: 0 | 1; count: number }, batchSize: number, run: (xb: Tensor, start: number, idx: Int32Array) => void): void {
  for (let start = 0; start < c.count; start += batchSize) {
    const idx = range(start, Math.min(c.count, start + batchSize));
    run(idx.length === c.count ? c.x : takeExamples(c.x, c.xAxis, idx), start, idx);
  }
}

function evaluateChecked(model: Sequential, c: Checked, loss: LossName, batchSize: number): EvaluateResult {
  let total = 0;
  let positions = 0;
  let correct = 0;
  forEachBatch(c, batchSize, (xb, _start, idx) => {
    const yb = idx.length === c.count ? c.y : takeExamples(c.y, c.yAxis, idx);
    const l = lossOf(loss, model.infer(xb), yb);
    total += l.loss * l.count;
    positions += l.count;
    correct += l.correct;
  });
  const mean = positions > 0 ? total / positions : 0;
  return loss === 'mse' ? { loss: mean, mse: mean } : { loss: mean, accuracy: positions > 0 ? correct / positions : 0 };
}

export function evaluateModel(model: Sequential, x: Tensor, y: Tensor, options: EvaluateOptions): EvaluateResult {
  const owner = 'Sequential.evaluate';
  checkOptions(owner, options, ['loss', 'batchSize']);
  if (options.loss === undefined) throw new TypeError(`${owner}: loss is required ('softmaxCrossEntropy' or 'mse')`);
  const loss = enumOption(owner, 'loss', options.loss, LOSSES, 'mse');
  const batchSize = intOption(owner, 'batchSize', options.batchSize ?? 32, 1);
  return evaluateChecked(model, checkData(model, owner, 'x', 'y', x, y, loss), loss, batchSize);
}

/** predict's checked input, output tensor and batch layout. */
function predictPlan(model: Sequential, x: Tensor, options: PredictOptions) {
  const owner = 'Sequential.predict';
  checkOptions(owner, options, ['batchSize'], true);
  const batchSize = intOption(owner, 'batchSize', options.batchSize ?? 32, 1);
  const xt = checkInput(`${owner}: x`, x, model.inputSpec);
  const outShape = model.outputShapeOf(xt);
  const xAxis = model.exampleAxis(model.inputHasTime(xt));
  const outAxis: 0 | 1 = outShape.length === 3 ? model.exampleAxis(true) : 0;
  const batches: { start: number; x: Tensor }[] = [];
  forEachBatch({ x: xt, xAxis, count: xt.shape[xAxis] }, batchSize, (xb, start) => batches.push({ start, x: xb }));
  return { out: Tensor.zeros(outShape, model.dtype), outAxis, batches };
}

export function predictModel(model: Sequential, x: Tensor, options: PredictOptions = {}): Tensor {
  const { out, outAxis, batches } = predictPlan(model, x, options);
  for (const b of batches) putExamples(out, outAxis, b.start, model.infer(b.x));
  return out;
}

export async function predictModelAsync(model: Sequential, x: Tensor, options: PredictOptions = {}): Promise<Tensor> {
  const { out, outAxis, batches } = predictPlan(model, x, options);
  for (const b of batches) putExamples(out, outAxis, b.start, await model.inferAsync(b.x));
  return out;
}
