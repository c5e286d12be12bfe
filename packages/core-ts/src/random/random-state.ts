import { Tensor, shapeSize } from '../tensor.ts';
import { maskedBoundedUint32 } from './bounded-int.ts';
import { PolarGaussian } from './gauss.ts';
import { MT19937 } from './mt19937.ts';

const MAX_SEED = 0xffffffff;
const TWO_POW_32 = 0x100000000;

/** Prints a wrong-typed argument for an error message; JSON.stringify throws on a bigint. */
function describe(value: unknown): string {
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  if (typeof value === 'bigint') return `bigint ${value}n`;
  return `${typeof value} ${String(value)}`;
}

function checkSeed(seed: unknown): number {
  if (typeof seed !== 'number') {
    throw new TypeError(`RandomState: seed must be a number (an integer in 0..2**32-1), got ${describe(seed)}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`RandomState: seed must be an integer in 0..2**32-1 (0..${MAX_SEED}), got ${String(seed)}`);
  }
  return seed;
}

/** Validates NumPy-style dimension arguments d0, d1, ... of `method`. */
function checkShapeArgs(method: string, dims: readonly unknown[], firstIndex = 0): number[] {
  return dims.map((d, i) => {
    const name = `${method}: d${i + firstIndex}`;
    if (typeof d !== 'number') {
      throw new TypeError(`${name} must be a non-negative integer, got ${describe(d)}`);
    }
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new RangeError(`${name} must be a non-negative integer, got ${String(d)}`);
    }
    return d;
  });
}

function checkFinite(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${String(value)}`);
  return value;
}

function checkInt(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be an integer, got ${typeof value}`);
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a safe integer, got ${String(value)}`);
  return value;
}

/**
 * NumPy's legacy `np.random.RandomState`: MT19937 seeded by init_genrand, 53-bit uniform
 * doubles, and the polar Gaussian with its cached second value. `new RandomState(s).randn(...)`
 * reproduces `np.random.seed(s); np.random.randn(...)`; consecutive calls continue the stream.
 */
export class RandomState {
  private readonly mt: MT19937;
  private readonly gauss = new PolarGaussian();

  constructor(seed: number) {
    this.mt = new MT19937(checkSeed(seed));
  }

  /** Standard normal samples of shape (d0, d1, ...); no arguments gives a shape-[] Tensor. */
  randn(...shape: number[]): Tensor {
    const dims = checkShapeArgs('randn', shape);
    const data = new Float64Array(shapeSize(dims));
    for (let i = 0; i < data.length; i++) data[i] = this.gauss.next(this.mt);
    return new Tensor(data, dims);
  }

  /** Uniform samples in [0, 1) of shape (d0, d1, ...), bit-identical to np.random.rand. */
  rand(...shape: number[]): Tensor {
    const dims = checkShapeArgs('rand', shape);
    const data = new Float64Array(shapeSize(dims));
    for (let i = 0; i < data.length; i++) data[i] = this.mt.nextDouble();
    return new Tensor(data, dims);
  }

  /** np.random.uniform(low, high, shape): low + (high - low) * u for each uniform u. */
  uniform(low: number, high: number, ...shape: number[]): Tensor {
    checkFinite('uniform: low', low);
    checkFinite('uniform: high', high);
    const range = high - low;
    if (!Number.isFinite(range)) throw new RangeError(`uniform: high - low overflows (low ${low}, high ${high})`);
    const dims = checkShapeArgs('uniform', shape);
    const data = new Float64Array(shapeSize(dims));
    for (let i = 0; i < data.length; i++) data[i] = low + range * this.mt.nextDouble();
    return new Tensor(data, dims);
  }

  /**
   * One integer in [low, high), as np.random.randint(low, high) draws it (legacy masked
   * rejection sampling). With one argument the range is [0, low). high - low at most 2**32.
   */
  randint(low: number, high?: number): number {
    let lo = checkInt('randint: low', low);
    let hi: number;
    if (high === undefined) {
      hi = lo;
      lo = 0;
    } else {
      hi = checkInt('randint: high', high);
    }
    if (lo >= hi) throw new RangeError(`randint: low must be < high, got low ${lo}, high ${hi}`);
    const rng = hi - lo - 1;
    if (rng >= TWO_POW_32) {
      throw new RangeError(`randint: high - low must be at most 2**32, got ${hi - lo}`);
    }
    return lo + maskedBoundedUint32(this.mt, rng);
  }

  /** The next uniform double in [0, 1) (NumPy's next_double). */
  nextDouble(): number {
    return this.mt.nextDouble();
  }

  /** The next raw tempered MT19937 word, 0..2**32-1. */
  nextUint32(): number {
    return this.mt.nextUint32();
  }

  /** One standard normal from the shared Gaussian stream (same stream as randn). */
  standardNormal(): number {
    return this.gauss.next(this.mt);
  }
}
