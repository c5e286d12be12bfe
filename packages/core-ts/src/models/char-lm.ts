/**
 * A character-level language model: one-hot or embedded ids -> recurrent stack -> Dense
 * logits, trained with softmax cross-entropy over time. It owns its optimizer, so
 * `state()` / `CharLM.fromState()` capture everything a resumed run needs to continue
 * bit-identically (float64).
 */
import type { Tensor } from '../tensor.ts';
import { Dense } from '../layers/dense.ts';
import { Embedding, oneHot, type EmbeddingContext } from '../layers/embedding.ts';
import { GRU } from '../layers/gru.ts';
import { LSTM } from '../layers/lstm.ts';
import { prefixParameters, type NamedParameter } from '../layers/parameter.ts';
import type { RecurrentContext } from '../layers/recurrent-context.ts';
import type { RecurrentLayer } from '../layers/recurrent-layer.ts';
import type { Lengths } from '../layers/sequence-lengths.ts';
import { SimpleRNN } from '../layers/simple-rnn.ts';
import type { DenseContext } from '../layers/dense.ts';
import { softmaxCrossEntropy } from '../losses/softmax-cross-entropy.ts';
import { clipGradNorm, gradNorm } from '../optim/clip-grad.ts';
import { createOptimizer } from '../optim/create-optimizer.ts';
import type { Optimizer } from '../optim/optimizer.ts';
import { resolveCharLMConfig, type CharLMConfig, type CharLMOptions } from './char-lm-config.ts';
import { checkCharLMState, snapshotCharLM, type CharLMState } from './char-lm-state.ts';
import { resolveArchitecture } from '../io/model-shapes.ts';
import { checkOptimizerSlots } from './optimizer-slots.ts';
import { CharLMStream } from './char-lm-stream.ts';

/** A padded, time-major batch of symbol ids: position (t, b) is at index t*B + b. */
export interface CharBatch {
  inputs: ArrayLike<number>;
  /** The symbol that follows each input; padded positions are not read. */
  targets: ArrayLike<number>;
  T: number;
  B: number;
  /** Valid steps per example (default: all T). */
  lengths?: Lengths | null;
}

/** Recurrent state carried between calls: h [numLayers, B, H] (and c for LSTM). */
export interface CharLMRecurrentState {
  h: Tensor;
  c?: Tensor;
}

export interface CharLMForward {
  /** [T, B, vocabSize]. */
  logits: Tensor;
  state: CharLMRecurrentState;
  ctx: CharLMContext;
}

export interface CharLMContext {
  readonly embedding: EmbeddingContext | null;
  readonly rnn: RecurrentContext;
  readonly head: DenseContext;
}

export interface StepResult {
  /** Mean cross-entropy (nats per symbol) of the batch before the update. */
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** Symbols that counted. */
  count: number;
}

function u32(seed: number, k: number): number {
  return (seed + k) >>> 0;
}

export class CharLM {
  readonly config: Readonly<CharLMConfig>;
  readonly embedding: Embedding | null;
  readonly rnn: RecurrentLayer;
  readonly head: Dense;
  readonly optimizer: Optimizer;

  constructor(options: CharLMOptions) {
    const c = resolveCharLMConfig(options);
    this.config = Object.freeze(c);
    const V = c.vocabSize;
    // A size too big to allocate is named by the layer; say which CharLM option set it.
    const sized = <T>(make: () => T): T => {
      try {
        return make();
      } catch (err) {
        if (err instanceof RangeError && / needs? /.test(err.message)) throw new RangeError(`CharLM (vocabSize ${V}, hiddenSize ${c.hiddenSize}, embeddingSize ${c.embeddingSize}): ${err.message}`, { cause: err });
        throw err;
      }
    };
    this.embedding = c.embeddingSize > 0
      ? sized(() => new Embedding({ numEmbeddings: V, embeddingSize: c.embeddingSize, dtype: c.dtype, seed: u32(c.seed, 2) }))
      : null;
    const rnnOptions = { inputSize: c.embeddingSize > 0 ? c.embeddingSize : V, hiddenSize: c.hiddenSize, numLayers: c.numLayers, dtype: c.dtype, seed: c.seed };
    this.rnn = sized(() => (c.cell === 'lstm' ? new LSTM(rnnOptions) : c.cell === 'gru' ? new GRU({ ...rnnOptions, resetAfter: c.resetAfter }) : new SimpleRNN(rnnOptions)));
    this.head = sized(() => new Dense({ inputSize: c.hiddenSize, outputSize: V, dtype: c.dtype, seed: u32(c.seed, 1) }));
    this.optimizer = createOptimizer(this.parameters(), c.optimizer);
  }

  /** Every weight with its gradient: `embedding.table`, `rnn.l0.wx`, ..., `head.w`, `head.b`. */
  parameters(): NamedParameter[] {
    return [
      ...(this.embedding ? prefixParameters('embedding', this.embedding.parameters()) : []),
      ...prefixParameters('rnn', this.rnn.parameters()),
      ...prefixParameters('head', this.head.parameters()),
    ];
  }

  /** Completed optimizer steps. */
  get steps(): number {
    return this.optimizer.steps;
  }

  /** Logits for ids laid out [T, B]; `state` continues from a previous call (default zeros). */
  forward(inputs: ArrayLike<number>, T: number, B: number, options: { lengths?: Lengths | null; state?: CharLMRecurrentState | null } = {}): CharLMForward {
    const { vocabSize: V, dtype } = this.config;
    let x: Tensor;
    let embCtx: EmbeddingContext | null = null;
    if (this.embedding) {
      const e = this.embedding.forward(inputs, [T, B]);
      x = e.output;
      embCtx = e.ctx;
    } else {
      x = oneHot(inputs, [T, B], V, dtype);
    }
    const r = this.rnn.forward(x, { lengths: options.lengths, h0: options.state?.h, c0: options.state?.c });
    const d = this.head.forward(r.output);
    return { logits: d.output, state: r.cN ? { h: r.hN, c: r.cN } : { h: r.hN }, ctx: { embedding: embCtx, rnn: r.ctx, head: d.ctx } };
  }

  /** Accumulates parameter gradients of a loss whose gradient w.r.t. the logits is `dlogits`. */
  backward(ctx: CharLMContext, dlogits: Tensor): void {
    const { dx: dHidden } = this.head.backward(ctx.head, dlogits);
    const { dx } = this.rnn.backward(ctx.rnn, dHidden);
    if (this.embedding && ctx.embedding) this.embedding.backward(ctx.embedding, dx);
  }

  /** Mean cross-entropy of a batch, without changing anything. */
  evaluate(batch: CharBatch): { loss: number; count: number } {
    const f = this.forward(batch.inputs, batch.T, batch.B, { lengths: batch.lengths });
    const ce = softmaxCrossEntropy(f.logits, batch.targets, { lengths: batch.lengths });
    return { loss: ce.loss, count: ce.count };
  }

  /** One training step: zero grads, forward, loss, backward, clip, optimizer update. */
  step(batch: CharBatch): StepResult {
    const params = this.parameters();
    this.optimizer.zeroGrad();
    const f = this.forward(batch.inputs, batch.T, batch.B, { lengths: batch.lengths });
    const ce = softmaxCrossEntropy(f.logits, batch.targets, { lengths: batch.lengths });
    this.backward(f.ctx, ce.dlogits);
    const norm = this.config.clipNorm === null ? gradNorm(params) : clipGradNorm(params, this.config.clipNorm);
    this.optimizer.step();
    return { loss: ce.loss, gradNorm: norm, count: ce.count };
  }

  /**
   * Feeds one symbol per example (B = ids.length) and returns the next-symbol logits
   * [B, vocabSize] with the state to pass to the following call. For sampling.
   */
  next(ids: ArrayLike<number>, state?: CharLMRecurrentState | null): { logits: Tensor; state: CharLMRecurrentState } {
    const B = ids.length;
    const { vocabSize: V, dtype } = this.config;
    const x = this.embedding ? this.embedding.forward(ids, [1, B]).output : oneHot(ids, [1, B], V, dtype);
    const r = this.rnn.predict(x, { h0: state?.h, c0: state?.c });
    const logits = this.head.forward(r.output).output;
    return { logits: logits.reshape([B, V]), state: r.cN ? { h: r.hN, c: r.cN } : { h: r.hN } };
  }

  /**
   * Generation one symbol per call for `batchSize` examples from the zero state: the
   * recurrent stack streams (no tape, state kept), `step(ids)` returns the logits [B, V].
   */
  stream(batchSize: number): CharLMStream {
    const { vocabSize, dtype } = this.config;
    return new CharLMStream({ embedding: this.embedding, rnn: this.rnn, head: this.head, vocabSize, dtype }, batchSize);
  }

  /** A deep copy of config, weights and optimizer state: plain data a CLI can write to disk. */
  state(): CharLMState {
    return snapshotCharLM(this.config, this.parameters(), this.optimizer.state());
  }

  /**
   * Rebuilds a model from state(); throws RangeError/TypeError naming what is wrong. Every
   * weight's size is checked against the config before the model is allocated (a config
   * claiming a huge model with small arrays is refused at once), and the optimizer state
   * must hold every slot the optimizer keeps, with finite values.
   */
  static fromState(state: CharLMState): CharLM {
    const owner = 'CharLM.fromState';
    checkCharLMState(state);
    const { resolved, count, shapes } = resolveArchitecture('CharLM', state.config);
    const config = resolved as CharLMConfig;
    const given = Object.keys(state.params);
    // Listing the expected names is linear in numLayers, which a config may set to 1e9.
    if (count > given.length + 16) throw new RangeError(`${owner}: the config implies ${count} weight arrays but params has ${given.length}`);
    const expected = shapes();
    for (const [name, shape] of expected) {
      const src = state.params[name];
      if (!src) throw new RangeError(`${owner}: params has no '${name}'`);
      const size = shape.reduce((a, b) => a * b, 1);
      if (src.length !== size) throw new RangeError(`${owner}: params['${name}'] has ${src.length} values but shape ${JSON.stringify(shape)} needs ${size}`);
      for (let i = 0; i < src.length; i++) {
        if (!Number.isFinite(src[i])) throw new RangeError(`${owner}: params['${name}'][${i}] is ${src[i]}; the checkpoint is corrupt`);
      }
    }
    for (const name of given) {
      if (!expected.has(name)) throw new RangeError(`${owner}: params has '${name}', which this configuration does not have`);
    }
    const model = new CharLM(config);
    for (const p of model.parameters()) p.param.data.set(state.params[p.name]);
    checkOptimizerSlots(owner, config.optimizer, model.parameters(), state.optimizer);
    model.optimizer.loadState(state.optimizer);
    return model;
  }
}

export type { CharLMState };
