import { checkDim, formatShape } from './errors.ts';

export type DType = 'float32' | 'float64';
export type FloatArray = Float32Array | Float64Array;

/** A nested array of numbers, as NumPy's `np.array` would take it. */
export type NestedArray = number | NestedArray[];

const DTYPES: readonly DType[] = ['float32', 'float64'];

export function checkDType(name: string, dtype: unknown): DType {
  if (!DTYPES.includes(dtype as DType)) {
    throw new TypeError(`${name} must be 'float32' or 'float64', got ${JSON.stringify(dtype)}`);
  }
  return dtype as DType;
}

export function allocate(dtype: DType, size: number): FloatArray {
  return dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
}

/** Bytes per element of each dtype. */
export const DTYPE_BYTES: Readonly<Record<DType, number>> = { float32: 4, float64: 8 };

/**
 * The largest single weight array recur allocates: 2**32 bytes (4.29 GB, a billion float32
 * values). Above it an engine either refuses with a message naming nothing ("Array buffer
 * allocation failed", "Invalid typed array length") or hands out lazily-backed memory that
 * runs out mid-initialisation; either way the size is a mistake worth a clear error.
 */
export const MAX_ARRAY_BYTES = 2 ** 32;

/**
 * The largest total of one layer's weights and gradients recur allocates: 2**36 bytes
 * (68.7 GB). Each array may be small while their number is absurd (numLayers 1e9 from a
 * config file): the total is checked before the first array is made.
 */
export const MAX_LAYER_BYTES = 2 ** 36;

/** A byte count in decimal units: 512 B, 3.2 kB, 14.4 GB. */
export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? `${n} B` : `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)} ${units[i]}`;
}

const ENGINE_ALLOCATION_ERROR = /allocation failed|invalid (typed )?array( buffer)? length|out of memory/i;

/**
 * Runs `fn` (which allocates); an engine allocation failure becomes a RangeError starting
 * with `who()` ("LSTM: hiddenSize 30000 needs ..."), the engine's message in parentheses.
 */
export function whileAllocating<T>(who: () => string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RangeError && ENGINE_ALLOCATION_ERROR.test(err.message)) {
      throw new RangeError(`${who()}, which could not be allocated (${err.message})`, { cause: err });
    }
    throw err;
  }
}

/**
 * A zero-filled weight array of `shape`, or a RangeError saying who asked for how much:
 * `who` names the arguments and the array ("LSTM: hiddenSize 30000 needs l0.wh"), the
 * message adds "of shape (30000, 120000) float32 = 14.4 GB" and why it cannot be had.
 */
export function allocateFor(who: string, dtype: DType, shape: readonly number[]): FloatArray {
  const bytes = shapeSize(shape) * DTYPE_BYTES[dtype];
  const what = `${who} of shape ${formatShape(shape)} ${dtype} = ${formatBytes(bytes)}`;
  if (bytes > MAX_ARRAY_BYTES) throw new RangeError(`${what}, more than the ${formatBytes(MAX_ARRAY_BYTES)} recur allocates for one array`);
  return whileAllocating(() => what, () => allocate(dtype, shapeSize(shape)));
}

export function dtypeOf(data: FloatArray): DType {
  return data instanceof Float32Array ? 'float32' : 'float64';
}

export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function checkShape(shape: unknown): number[] {
  if (!Array.isArray(shape)) throw new TypeError(`shape must be an array of integers, got ${String(shape)}`);
  return shape.map((d, i) => checkDim(`shape[${i}]`, d));
}

function inferShape(value: NestedArray, path: string): number[] {
  if (typeof value === 'number') return [];
  if (!Array.isArray(value)) {
    throw new TypeError(`Tensor.from: element at ${path} is ${typeof value}, expected a number or an array`);
  }
  if (value.length === 0) return [0];
  return [value.length, ...inferShape(value[0] as NestedArray, `${path}[0]`)];
}

function flattenInto(value: NestedArray, shape: number[], depth: number, out: number[], path: string): void {
  if (depth === shape.length) {
    if (typeof value !== 'number') {
      throw new RangeError(`Tensor.from: ragged nested array: ${path} is an array where a number was expected (shape ${formatShape(shape)})`);
    }
    out.push(value);
    return;
  }
  if (!Array.isArray(value) || value.length !== shape[depth]) {
    const got = Array.isArray(value) ? `length ${value.length}` : typeof value;
    throw new RangeError(`Tensor.from: ragged nested array: ${path} has ${got}, expected length ${shape[depth]} (shape ${formatShape(shape)})`);
  }
  for (let i = 0; i < value.length; i++) flattenInto(value[i] as NestedArray, shape, depth + 1, out, `${path}[${i}]`);
}

/**
 * Throws a TypeError unless `t`'s data still holds every element its shape needs. A typed
 * array whose buffer was transferred (`buf.transfer()`, `structuredClone(buf, { transfer })`,
 * postMessage) becomes empty while the Tensor keeps its shape; reading it would give NaN
 * garbage or a confusing error deep inside a kernel, so every function taking tensors checks
 * this first. `name` is the argument as the caller knows it ('x', "params.Wax", ...).
 */
export function checkIntact(name: string, t: Tensor): Tensor {
  const expected = shapeSize(t.shape);
  if (t.data.length !== expected) {
    throw new TypeError(
      `${name} has a detached buffer (transferred or structuredClone'd away): shape ${formatShape(t.shape)} needs ${expected} elements but its data now has ${t.data.length}`,
    );
  }
  return t;
}

/**
 * An n-dimensional, row-major (C order) array of float32 or float64 numbers.
 * `data` is the storage itself (not a copy): its length is the product of `shape`.
 */
export class Tensor {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly data: FloatArray;

  /** Wraps `data` (no copy). The dtype follows the typed array. */
  constructor(data: FloatArray, shape: readonly number[]) {
    if (!(data instanceof Float64Array) && !(data instanceof Float32Array)) {
      throw new TypeError(`Tensor data must be a Float64Array or Float32Array, got ${describe(data)}`);
    }
    const dims = checkShape(shape);
    const size = shapeSize(dims);
    if (data.length !== size) {
      throw new RangeError(`Tensor data has length ${data.length} but shape ${formatShape(dims)} needs ${size}`);
    }
    this.shape = Object.freeze(dims);
    this.dtype = dtypeOf(data);
    this.data = data;
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  get ndim(): number {
    return this.shape.length;
  }

  /**
   * Builds a tensor from a nested array (rectangular), a number (shape []), or a typed
   * array with an optional shape (default: 1-D). The typed array is copied.
   *   Tensor.from([[1, 2], [3, 4]])            float64 (2, 2)
   *   Tensor.from([[1, 2]], 'float32')         float32 (1, 2)
   *   Tensor.from(new Float32Array(6), [2, 3]) float32 (2, 3)
   */
  static from(value: NestedArray | ArrayLike<number> | Tensor, dtypeOrShape?: DType | readonly number[], dtype?: DType): Tensor {
    let shape: number[] | undefined;
    let dt: DType | undefined;
    if (typeof dtypeOrShape === 'string') dt = checkDType('dtype', dtypeOrShape);
    else if (dtypeOrShape !== undefined) {
      shape = checkShape(dtypeOrShape);
      if (dtype !== undefined) dt = checkDType('dtype', dtype);
    }
    if (value instanceof Tensor) {
      checkIntact('Tensor.from: value', value);
      const t = dt ?? value.dtype;
      const data = allocate(t, value.size);
      data.set(value.data);
      return new Tensor(data, shape ?? value.shape);
    }
    if (ArrayBuffer.isView(value)) {
      if (value instanceof DataView || value instanceof BigInt64Array || value instanceof BigUint64Array) {
        throw new TypeError(`Tensor.from: cannot read numbers from a ${describe(value)}`);
      }
      const src = value as unknown as ArrayLike<number>;
      const t = dt ?? (value instanceof Float32Array ? 'float32' : 'float64');
      const data = allocate(t, src.length);
      data.set(src);
      return new Tensor(data, shape ?? [src.length]);
    }
    const nested = value as NestedArray;
    const inferred = inferShape(nested, 'value');
    const flat: number[] = [];
    flattenInto(nested, inferred, 0, flat, 'value');
    for (let i = 0; i < flat.length; i++) {
      if (typeof flat[i] !== 'number') throw new TypeError(`Tensor.from: element ${i} is not a number`);
    }
    const t = dt ?? 'float64';
    const data = allocate(t, flat.length);
    data.set(flat);
    return new Tensor(data, shape ?? inferred);
  }

  static zeros(shape: readonly number[], dtype: DType = 'float64'): Tensor {
    const dims = checkShape(shape);
    return new Tensor(allocate(checkDType('dtype', dtype), shapeSize(dims)), dims);
  }

  /** Row-major strides in elements. */
  get strides(): number[] {
    const s = new Array<number>(this.shape.length);
    let acc = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= this.shape[i];
    }
    return s;
  }

  /** The element at `index` (one integer per axis; negative counts from the end as in NumPy). */
  get(...index: number[]): number {
    checkIntact('get: tensor', this);
    if (index.length !== this.shape.length) {
      throw new RangeError(`get: tensor of shape ${formatShape(this.shape)} needs ${this.shape.length} indices, got ${index.length}`);
    }
    let offset = 0;
    const strides = this.strides;
    for (let k = 0; k < index.length; k++) {
      let i = index[k];
      const n = this.shape[k];
      if (!Number.isInteger(i) || i < -n || i >= n) {
        throw new RangeError(`get: index ${String(i)} is out of range for axis ${k} of size ${n} (shape ${formatShape(this.shape)})`);
      }
      if (i < 0) i += n;
      offset += i * strides[k];
    }
    return this.data[offset];
  }

  /** Nested plain arrays (a number for shape []). */
  toArray(): NestedArray {
    checkIntact('toArray: tensor', this);
    const build = (depth: number, offset: number, stride: number): NestedArray => {
      if (depth === this.shape.length) return this.data[offset];
      const n = this.shape[depth];
      const inner = stride / (n || 1);
      const out: NestedArray[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = build(depth + 1, offset + i * inner, inner);
      return out;
    };
    return build(0, 0, this.size);
  }

  /** Same data, another shape of the same size (no copy). */
  reshape(shape: readonly number[]): Tensor {
    checkIntact('reshape: tensor', this);
    const dims = checkShape(shape);
    if (shapeSize(dims) !== this.size) {
      throw new RangeError(`reshape: cannot reshape ${formatShape(this.shape)} to ${formatShape(dims)}`);
    }
    return new Tensor(this.data, dims);
  }

  /** A copy in `dtype`. */
  astype(dtype: DType): Tensor {
    checkIntact('astype: tensor', this);
    return Tensor.from(this, checkDType('dtype', dtype));
  }

  clone(): Tensor {
    checkIntact('clone: tensor', this);
    return Tensor.from(this);
  }

  toString(): string {
    return `Tensor(${formatShape(this.shape)}, ${this.dtype})`;
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Tensor) return `Tensor ${formatShape(value.shape)} ${value.dtype}`;
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  if (Array.isArray(value)) return 'Array';
  return typeof value;
}
