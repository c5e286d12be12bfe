/** A dense (fully connected) head: y = x·w + b over the last axis, any leading axes. */
import { getBackend } from '../backend/registry.ts';
import { formatShape } from '../errors.ts';
import { RandomState } from '../random/random-state.ts';
import { allocate, allocateFor, checkDType, checkIntact, Tensor, type DType } from '../tensor.ts';
import { gemmDense } from './gemm-call.ts';
import { glorotUniform } from './init.ts';
import type { NamedParameter } from './parameter.ts';
import { consumeContext } from './consume-context.ts';
import { boolOption, checkOptions, intOption, seedOption } from '../options.ts';

export interface DenseOptions {
  inputSize: number;
  outputSize: number;
  /** Default 'float64'. */
  dtype?: DType;
  /** Seed of the Glorot-uniform init of w (b starts at zero). Default 0. */
  seed?: number;
  /** Layout of the leading axes, for Sequential and introspection. Dense acts on the last
   *  axis, so [B, T, F] and [T, B, F] compute the same thing either way. Default false. */
  batchFirst?: boolean;
}

export const DENSE_OPTION_KEYS = ['inputSize', 'outputSize', 'dtype', 'seed', 'batchFirst'] as const;

/** Opaque record of a Dense forward pass. */
export interface DenseContext {
  readonly owner: Dense;
  readonly x: Tensor;
}

export class Dense {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly dtype: DType;
  /** w [inputSize, outputSize], b [outputSize]. */
  readonly params: Readonly<{ w: Tensor; b: Tensor }>;
  readonly grads: Readonly<{ w: Tensor; b: Tensor }>;

  readonly batchFirst: boolean;
  readonly seed: number;

  constructor(options: DenseOptions) {
    checkOptions('Dense', options, DENSE_OPTION_KEYS);
    this.inputSize = intOption('Dense', 'inputSize', options.inputSize, 0);
    this.outputSize = intOption('Dense', 'outputSize', options.outputSize, 0);
    this.dtype = checkDType('Dense: dtype', options.dtype ?? 'float64');
    this.seed = seedOption('Dense', options.seed);
    this.batchFirst = boolOption('Dense', 'batchFirst', options.batchFirst, false);
    const I = this.inputSize;
    const O = this.outputSize;
    const array = (what: string, shape: number[]): Tensor => new Tensor(allocateFor(`Dense: inputSize ${I}, outputSize ${O} needs ${what}`, this.dtype, shape), shape);
    this.params = Object.freeze({ w: array('w', [I, O]), b: array('b', [O]) });
    this.grads = Object.freeze({ w: array('the gradient of w', [I, O]), b: array('the gradient of b', [O]) });
    glorotUniform(new RandomState(this.seed), I, O, this.params.w.data);
  }

  parameters(): NamedParameter[] {
    return [
      { name: 'w', param: this.params.w, grad: this.grads.w },
      { name: 'b', param: this.params.b, grad: this.grads.b },
    ];
  }

  zeroGrad(): void {
    this.grads.w.data.fill(0);
    this.grads.b.data.fill(0);
  }

  /** x [..., inputSize] -> y [..., outputSize]. */
  forward(x: Tensor): { output: Tensor; ctx: DenseContext } {
    this.checkLastAxis('x', x, this.inputSize, 'inputSize');
    const N = x.shape.slice(0, -1).reduce((a, d) => a * d, 1);
    const y = allocate(this.dtype, N * this.outputSize);
    const b = this.params.b.data;
    // y.length = 0 skips the bias rows: N may be huge when outputSize = 0.
    if (y.length > 0) for (let r = 0; r < N; r++) y.set(b, r * this.outputSize);
    gemmDense(getBackend(), false, false, N, this.outputSize, this.inputSize, x.data, this.params.w.data, 1, y);
    return { output: new Tensor(y, [...x.shape.slice(0, -1), this.outputSize]), ctx: { owner: this, x } };
  }

  /** Adds dw = xᵀ·dy and db = Σ dy into grads; returns dx = dy·wᵀ. */
  backward(ctx: DenseContext, dy: Tensor): { dx: Tensor } {
    if (typeof ctx !== 'object' || ctx === null || ctx.owner !== this) {
      throw new TypeError("Dense.backward: ctx must be the ctx returned by this layer's forward()");
    }
    const x = ctx.x;
    const expected = [...x.shape.slice(0, -1), this.outputSize];
    if (!(dy instanceof Tensor) || dy.ndim !== expected.length || dy.shape.some((d, i) => d !== expected[i])) {
      const got = dy instanceof Tensor ? formatShape(dy.shape) : typeof dy;
      throw new RangeError(`Dense.backward: dy has shape ${got} but ${formatShape(expected)} was expected`);
    }
    checkIntact('Dense.backward: dy', dy);
    this.checkDType('dy', dy);
    consumeContext('Dense', ctx);
    const I = this.inputSize;
    const O = this.outputSize;
    const N = expected.slice(0, -1).reduce((a, d) => a * d, 1);
    const backend = getBackend();
    gemmDense(backend, true, false, I, O, N, x.data, dy.data, 1, this.grads.w.data);
    const db = this.grads.b.data;
    if (O > 0) for (let r = 0; r < N; r++) for (let j = 0; j < O; j++) db[j] += dy.data[r * O + j];
    const dx = allocate(this.dtype, N * I);
    gemmDense(backend, false, true, N, I, O, dy.data, this.params.w.data, 0, dx);
    return { dx: new Tensor(dx, x.shape) };
  }

  private checkLastAxis(name: string, t: Tensor, size: number, what: string): void {
    if (!(t instanceof Tensor)) throw new TypeError(`Dense.forward: ${name} must be a Tensor, got ${typeof t}`);
    checkIntact(`Dense.forward: ${name}`, t);
    if (t.ndim === 0 || t.shape[t.ndim - 1] !== size) {
      throw new RangeError(`Dense.forward: ${name} has shape ${formatShape(t.shape)} but its last axis must be ${what} = ${size}`);
    }
    this.checkDType(name, t);
  }

  private checkDType(name: string, t: Tensor): void {
    if (t.dtype !== this.dtype) {
      throw new TypeError(`Dense: ${name} is ${t.dtype} but the layer is ${this.dtype}; convert with .astype('${this.dtype}')`);
    }
  }
}
