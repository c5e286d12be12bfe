/**
 * Dropout: in training mode each element is zeroed with probability `rate` and the others
 * scaled by 1/(1-rate) (inverted dropout, as PyTorch and Keras); otherwise the identity.
 * Sequential.fit runs it in training mode, predict/evaluate do not.
 */
import { RandomState } from '../random/random-state.ts';
import { checkIntact, Tensor } from '../tensor.ts';
import { formatShape } from '../errors.ts';
import { boolOption, checkOptions, numberOption, seedOption } from '../options.ts';
import { consumeContext } from './consume-context.ts';
import { applyMask, dropoutMask } from './dropout-mask.ts';
import type { NamedParameter } from './parameter.ts';

export interface DropoutOptions {
  /** Probability of dropping each element, in [0, 1). */
  rate: number;
  /** Seed of the mask stream (continued across calls). Default 0. */
  seed?: number;
  /** Layout, for Sequential and introspection (dropout is elementwise). Default false. */
  batchFirst?: boolean;
}

export const DROPOUT_OPTION_KEYS = ['rate', 'seed', 'batchFirst'] as const;

export interface DropoutContext {
  readonly owner: Dropout;
  readonly shape: readonly number[];
  /** null when the forward pass was the identity (inference, or rate 0). */
  readonly mask: Tensor | null;
}

export class Dropout {
  readonly rate: number;
  readonly seed: number;
  readonly batchFirst: boolean;
  private readonly rng: RandomState;

  constructor(options: DropoutOptions) {
    checkOptions('Dropout', options, DROPOUT_OPTION_KEYS);
    this.rate = numberOption('Dropout', 'rate', options.rate, { min: 0, max: 1, maxExclusive: true });
    this.seed = seedOption('Dropout', options.seed);
    this.batchFirst = boolOption('Dropout', 'batchFirst', options.batchFirst, false);
    this.rng = new RandomState(this.seed);
  }

  /** No weights. */
  parameters(): NamedParameter[] {
    return [];
  }

  zeroGrad(): void {}

  /** x of any shape; `training: true` draws a new mask, otherwise x is returned as is. */
  forward(x: Tensor, options: { training?: boolean } = {}): { output: Tensor; ctx: DropoutContext } {
    if (!(x instanceof Tensor)) throw new TypeError(`Dropout.forward: x must be a Tensor, got ${x === null ? 'null' : typeof x}`);
    checkIntact('Dropout.forward: x', x);
    if (options.training !== true || this.rate === 0) return { output: x, ctx: { owner: this, shape: x.shape, mask: null } };
    const mask = new Tensor(dropoutMask(this.rng, x.size, this.rate, x.dtype), x.shape);
    const out = x.clone();
    applyMask(out.data, mask.data);
    return { output: out, ctx: { owner: this, shape: x.shape, mask } };
  }

  /** dx = dy ⊙ mask (dy itself after an identity forward). */
  backward(ctx: DropoutContext, dy: Tensor): { dx: Tensor } {
    if (typeof ctx !== 'object' || ctx === null || ctx.owner !== this) {
      throw new TypeError("Dropout.backward: ctx must be the ctx returned by this layer's forward()");
    }
    if (!(dy instanceof Tensor) || dy.ndim !== ctx.shape.length || dy.shape.some((d, i) => d !== ctx.shape[i])) {
      const got = dy instanceof Tensor ? formatShape(dy.shape) : typeof dy;
      throw new RangeError(`Dropout.backward: dy has shape ${got} but ${formatShape(ctx.shape)} was expected`);
    }
    checkIntact('Dropout.backward: dy', dy);
    consumeContext('Dropout', ctx);
    if (ctx.mask === null) return { dx: dy };
    if (dy.dtype !== ctx.mask.dtype) throw new TypeError(`Dropout.backward: dy is ${dy.dtype} but x was ${ctx.mask.dtype}`);
    const dx = dy.clone();
    applyMask(dx.data, ctx.mask.data);
    return { dx };
  }
}
