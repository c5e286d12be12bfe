/** A lookup table of vectors for integer ids (characters, tokens), and a one-hot helper. */
import { formatShape } from '../errors.ts';
import { RandomState } from '../random/random-state.ts';
import { allocate, allocateFor, checkDType, checkIntact, formatBytes, Tensor, whileAllocating, type DType } from '../tensor.ts';
import type { NamedParameter } from './parameter.ts';
import { consumeContext } from './consume-context.ts';
import { boolOption, checkOptions, intOption, seedOption } from '../options.ts';

export interface EmbeddingOptions {
  /** Number of ids (vocabulary size V). */
  numEmbeddings: number;
  /** Vector size E. */
  embeddingSize: number;
  dtype?: DType;
  /** Seed of the N(0, 1) init of the table (PyTorch's default). Default 0. */
  seed?: number;
  /** Layout of the id grid, for Sequential and introspection: ids laid out as [B, T]
   *  instead of [T, B]. The lookup itself is the same either way. Default false. */
  batchFirst?: boolean;
}

export const EMBEDDING_OPTION_KEYS = ['numEmbeddings', 'embeddingSize', 'dtype', 'seed', 'batchFirst'] as const;

export interface EmbeddingContext {
  readonly owner: Embedding;
  readonly ids: Int32Array;
  readonly dims: readonly number[];
}

/** Checks ids (integers in 0..V-1) laid out as `dims` and returns them as an Int32Array. */
export function checkIds(name: string, ids: ArrayLike<number>, dims: readonly number[], V: number): Int32Array {
  const n = dims.reduce((a, d) => a * d, 1);
  if (ids === null || typeof ids !== 'object' || typeof ids.length !== 'number') {
    throw new TypeError(`${name} must be an Int32Array or an array of integers, got ${ids === null ? 'null' : typeof ids}`);
  }
  if (ids.length !== n) {
    throw new RangeError(`${name} has ${ids.length} entries but shape ${formatShape(dims)} needs ${n}`);
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = ids[i];
    if (!Number.isInteger(v) || v < 0 || v >= V) {
      throw new RangeError(`${name}[${i}] must be an integer id in 0..${V - 1}, got ${String(v)}`);
    }
    out[i] = v;
  }
  return out;
}

/** One-hot vectors: ids laid out as `dims` (e.g. [T, B]) -> Tensor [...dims, V]. */
export function oneHot(ids: ArrayLike<number>, dims: readonly number[], V: number, dtype: DType = 'float64'): Tensor {
  const checked = checkIds('oneHot: ids', ids, dims, V);
  const out = allocate(checkDType('oneHot: dtype', dtype), checked.length * V);
  for (let i = 0; i < checked.length; i++) out[i * V + checked[i]] = 1;
  return new Tensor(out, [...dims, V]);
}

export class Embedding {
  readonly numEmbeddings: number;
  readonly embeddingSize: number;
  readonly dtype: DType;
  /** table [numEmbeddings, embeddingSize]. */
  readonly params: Readonly<{ table: Tensor }>;
  readonly grads: Readonly<{ table: Tensor }>;

  readonly batchFirst: boolean;
  readonly seed: number;

  constructor(options: EmbeddingOptions) {
    checkOptions('Embedding', options, EMBEDDING_OPTION_KEYS);
    this.numEmbeddings = intOption('Embedding', 'numEmbeddings', options.numEmbeddings, 0);
    this.embeddingSize = intOption('Embedding', 'embeddingSize', options.embeddingSize, 0);
    this.dtype = checkDType('Embedding: dtype', options.dtype ?? 'float64');
    this.seed = seedOption('Embedding', options.seed);
    this.batchFirst = boolOption('Embedding', 'batchFirst', options.batchFirst, false);
    const shape = [this.numEmbeddings, this.embeddingSize];
    const who = `Embedding: numEmbeddings ${this.numEmbeddings}, embeddingSize ${this.embeddingSize} needs`;
    const table = new Tensor(allocateFor(`${who} table`, this.dtype, shape), shape);
    whileAllocating(() => `${who} ${formatBytes(8 * table.size)} of float64 draws to initialise table`,
      () => table.data.set(new RandomState(this.seed).randn(table.size).data));
    this.params = Object.freeze({ table });
    this.grads = Object.freeze({ table: new Tensor(allocateFor(`${who} the gradient of table`, this.dtype, shape), shape) });
  }

  parameters(): NamedParameter[] {
    return [{ name: 'table', param: this.params.table, grad: this.grads.table }];
  }

  zeroGrad(): void {
    this.grads.table.data.fill(0);
  }

  /** ids laid out as `dims` (e.g. [T, B], row-major) -> vectors [...dims, embeddingSize]. */
  forward(ids: ArrayLike<number>, dims: readonly number[]): { output: Tensor; ctx: EmbeddingContext } {
    const checked = checkIds('Embedding.forward: ids', ids, dims, this.numEmbeddings);
    const E = this.embeddingSize;
    const table = this.params.table.data;
    const out = allocate(this.dtype, checked.length * E);
    for (let i = 0; i < checked.length; i++) out.set(table.subarray(checked[i] * E, (checked[i] + 1) * E), i * E);
    return { output: new Tensor(out, [...dims, E]), ctx: { owner: this, ids: checked, dims: [...dims] } };
  }

  /** Adds each row of dOutput into the gradient row of its id (ids are not differentiable). */
  backward(ctx: EmbeddingContext, dOutput: Tensor): void {
    if (typeof ctx !== 'object' || ctx === null || ctx.owner !== this) {
      throw new TypeError("Embedding.backward: ctx must be the ctx returned by this layer's forward()");
    }
    const E = this.embeddingSize;
    const expected = [...ctx.dims, E];
    if (!(dOutput instanceof Tensor) || dOutput.ndim !== expected.length || dOutput.shape.some((d, i) => d !== expected[i])) {
      const got = dOutput instanceof Tensor ? formatShape(dOutput.shape) : typeof dOutput;
      throw new RangeError(`Embedding.backward: dOutput has shape ${got} but ${formatShape(expected)} was expected`);
    }
    checkIntact('Embedding.backward: dOutput', dOutput);
    if (dOutput.dtype !== this.dtype) throw new TypeError(`Embedding.backward: dOutput is ${dOutput.dtype} but the layer is ${this.dtype}`);
    consumeContext('Embedding', ctx);
    const g = this.grads.table.data;
    for (let i = 0; i < ctx.ids.length; i++) {
      const row = ctx.ids[i] * E;
      for (let j = 0; j < E; j++) g[row + j] += dOutput.data[i * E + j];
    }
  }
}
