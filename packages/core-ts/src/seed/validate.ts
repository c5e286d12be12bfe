/**
 * Argument checks of the seed API. Errors name the argument, the expected and the actual
 * shape; when two arguments disagree on a size, both are named:
 *   x has shape (4, 10, 4) but Wax has shape (5, 3): n_x differs (4 vs 3); Wax must have shape (n_a, n_x) = (5, 4)
 * Sizes are read from the data arguments (x, a0 / aPrev) first, so a parameter of the wrong
 * shape is the one blamed.
 */
import { formatShape } from '../errors.ts';
import { Tensor, checkIntact, describe } from '../tensor.ts';
import type { DType } from '../tensor.ts';
import { StepCache, sequenceStoreOf } from './types.ts';
import type { SequenceStore } from './types.ts';

/** Where a size was read from: an argument (or a stored forward pass) and its shape. */
export interface SizeSource {
  readonly name: string;
  readonly shape: readonly number[];
}

/** One axis of an expected shape: a size label ('n_x'), a sum of labels ('n_a + n_x'), or a fixed size. */
export type Dim = string | number;

/**
 * Collects the sizes (n_x, m, T_x, n_a, n_y, ...) of one call as its arguments are checked,
 * remembering which argument each came from.
 */
export class ShapeChecker {
  private readonly sizes = new Map<string, { value: number; source: SizeSource }>();

  /** Declares a size read from somewhere other than a Tensor argument (e.g. a cache). */
  define(label: string, value: number, source: SizeSource): void {
    this.sizes.set(label, { value, source });
  }

  size(label: string): number {
    const known = this.sizes.get(label);
    if (!known) throw new Error(`internal: size ${label} is not known yet`);
    return known.value;
  }

  /** Checks `tensor` against `dims`; labels seen for the first time are read from it. */
  check(name: string, tensor: Tensor, dims: readonly Dim[]): void {
    if (tensor.shape.length !== dims.length) {
      throw new RangeError(`${name} must have shape ${this.formatExpected(dims)} (${dims.length} dimensions) but has shape ${formatShape(tensor.shape)}`);
    }
    dims.forEach((dim, axis) => {
      const actual = tensor.shape[axis];
      if (typeof dim === 'number') {
        if (actual !== dim) {
          throw new RangeError(`${name} must have shape ${this.formatExpected(dims)} but has shape ${formatShape(tensor.shape)}: axis ${axis} must be ${dim}, not ${actual}`);
        }
        return;
      }
      const parts = dim.split(' + ');
      const known = parts.map((p) => this.sizes.get(p));
      if (parts.length === 1 && !known[0]) {
        this.sizes.set(dim, { value: actual, source: { name, shape: tensor.shape } });
        return;
      }
      if (known.some((k) => !k)) throw new Error(`internal: ${dim} needs sizes not known yet`);
      const expected = known.reduce((sum, k) => sum + k!.value, 0);
      if (actual !== expected) {
        const sources = [...new Set(known.map((k) => k!.source))];
        const from = sources.map((s) => `${s.name} has shape ${formatShape(s.shape)}`).join(' and ');
        throw new RangeError(
          `${from} but ${name} has shape ${formatShape(tensor.shape)}: ${dim} differs (${expected} vs ${actual}); ` +
            `${name} must have shape ${this.formatExpected(dims)}`,
        );
      }
    });
  }

  /** '(n_a, n_x) = (5, 4)' when the sizes are known, else the labels alone. */
  formatExpected(dims: readonly Dim[]): string {
    const labels = `(${dims.join(', ')})`;
    const values = dims.map((dim) => {
      if (typeof dim === 'number') return String(dim);
      const parts = dim.split(' + ').map((p) => this.sizes.get(p));
      return parts.every((k) => k) ? String(parts.reduce((s, k) => s + k!.value, 0)) : dim;
    });
    const concrete = `(${values.join(', ')})`;
    return concrete === labels ? labels : `${labels} = ${concrete}`;
  }
}

export function requireTensor(name: string, value: unknown): Tensor {
  if (!(value instanceof Tensor)) throw new TypeError(`${name} must be a Tensor, got ${describe(value)}`);
  return checkIntact(name, value);
}

/** The parameter object with every key present and a Tensor (extra keys are ignored). */
export function requireParams<K extends string>(value: unknown, keys: readonly K[], model: string): Record<K, Tensor> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Tensor) {
    throw new TypeError(`params must be an object of Tensors with the keys ${keys.join(', ')} (${model}), got ${describe(value)}`);
  }
  const record = value as Record<string, unknown>;
  const out = {} as Record<K, Tensor>;
  for (const key of keys) {
    if (!(key in record) || record[key] === undefined) {
      throw new TypeError(`params is missing the key '${key}' (${model} parameters need ${keys.join(', ')})`);
    }
    out[key] = requireTensor(`params.${key}`, record[key]);
  }
  return out;
}

/** The one dtype all `tensors` share; mixing float32 and float64 is a TypeError naming both. */
export function requireOneDType(tensors: readonly (readonly [string, Tensor])[]): DType {
  const [firstName, first] = tensors[0];
  for (const [name, t] of tensors) {
    if (t.dtype !== first.dtype) {
      throw new TypeError(`mixed dtypes: ${firstName} is ${first.dtype} but ${name} is ${t.dtype}; all arrays of one call must share one dtype`);
    }
  }
  return first.dtype;
}

/** A step cache of the given cell kind, as returned by its cell forward (or one entry of the sequence caches). */
export function requireStepCache<K extends 'rnn' | 'lstm'>(value: unknown, cell: K, producer: string): StepCache<K> {
  if (!(value instanceof StepCache)) {
    throw new TypeError(`cache must be the cache returned by ${producer} (or an entry of the caches of the sequence forward), got ${describe(value)}`);
  }
  if (value.cell !== cell) {
    throw new TypeError(`cache comes from an ${value.cell.toUpperCase()} forward pass, not from ${producer}`);
  }
  return value as StepCache<K>;
}

/** The stored forward pass behind `caches` as returned by the sequence forward of `cell`. */
export function requireSequenceCaches(value: unknown, cell: 'rnn' | 'lstm', producer: string): SequenceStore {
  const store = sequenceStoreOf(value);
  if (!store) throw new TypeError(`caches must be the caches returned by ${producer}, got ${describe(value)}`);
  if (store.cell !== cell) throw new TypeError(`caches come from an ${store.cell.toUpperCase()} forward pass, not from ${producer}`);
  return store;
}

/** The dtype of a backward call's gradient must match its forward pass. */
export function requireDTypeOf(name: string, t: Tensor, dtype: DType, what: string): void {
  if (t.dtype !== dtype) {
    throw new TypeError(`mixed dtypes: ${what} is ${dtype} but ${name} is ${t.dtype}; all arrays of one call must share one dtype`);
  }
}

/** The checked inputs of a forward call, with its sizes. */
export interface ForwardCall<P> {
  /** The data arguments (x or xt, then the initial states), checked, in order. */
  readonly data: readonly Tensor[];
  readonly params: P;
  readonly dtype: DType;
  /** Input features n_x, batch m, steps T (1 for the cell functions), hidden n_a. */
  readonly X: number;
  readonly B: number;
  readonly T: number;
  readonly H: number;
}

/**
 * Checks the data arguments of a forward call (x then the initial states: they fix n_x, m,
 * T_x and n_a), then the parameters against them. `data` names and holds the arguments in
 * order; `sequence` says whether the first is (n_x, m, T_x) or a single step (n_x, m).
 */
export function checkForwardCall<K extends string>(
  data: readonly (readonly [string, unknown])[],
  params: unknown,
  keys: readonly K[],
  model: 'RNN' | 'LSTM',
  sequence: boolean,
  paramShapes: (shapes: ShapeChecker, p: Record<K, Tensor>) => void,
): ForwardCall<Record<K, Tensor>> {
  const tensors = data.map(([name, value]) => [name, requireTensor(name, value)] as const);
  const p = requireParams(params, keys, model);
  const dtype = requireOneDType([...tensors, ...keys.map((k) => [k, p[k]] as const)]);
  const shapes = new ShapeChecker();
  const [[xName, x], ...states] = tensors;
  shapes.check(xName, x, sequence ? ['n_x', 'm', 'T_x'] : ['n_x', 'm']);
  for (const [name, t] of states) shapes.check(name, t, ['n_a', 'm']);
  paramShapes(shapes, p);
  return {
    data: tensors.map(([, t]) => t),
    params: p,
    dtype,
    X: shapes.size('n_x'),
    B: shapes.size('m'),
    T: sequence ? shapes.size('T_x') : 1,
    H: shapes.size('n_a'),
  };
}

export function checkRnnParamShapes(shapes: ShapeChecker, p: Record<'Wax' | 'Waa' | 'Wya' | 'ba' | 'by', Tensor>): void {
  shapes.check('Wax', p.Wax, ['n_a', 'n_x']);
  shapes.check('Waa', p.Waa, ['n_a', 'n_a']);
  shapes.check('ba', p.ba, ['n_a', 1]);
  shapes.check('Wya', p.Wya, ['n_y', 'n_a']);
  shapes.check('by', p.by, ['n_y', 1]);
}

export function checkLstmParamShapes(
  shapes: ShapeChecker,
  p: Record<'Wf' | 'bf' | 'Wi' | 'bi' | 'Wc' | 'bc' | 'Wo' | 'bo' | 'Wy' | 'by', Tensor>,
): void {
  for (const [W, b] of [['Wf', 'bf'], ['Wi', 'bi'], ['Wc', 'bc'], ['Wo', 'bo']] as const) {
    shapes.check(W, p[W], ['n_a', 'n_a + n_x']);
    shapes.check(b, p[b], ['n_a', 1]);
  }
  shapes.check('Wy', p.Wy, ['n_y', 'n_a']);
  shapes.check('by', p.by, ['n_y', 1]);
}

/**
 * Checks a backward call's incoming gradient `name` (n_a, m) against the stored forward
 * pass `source` describes (its hidden state's seed-layout shape).
 */
export function checkStepGradient(name: string, value: unknown, store: SequenceStore, source: SizeSource): Tensor {
  const t = requireTensor(name, value);
  const shapes = new ShapeChecker();
  shapes.define('n_a', store.H, source);
  shapes.define('m', store.B, source);
  shapes.check(name, t, ['n_a', 'm']);
  requireDTypeOf(name, t, store.dtype, source.name);
  return t;
}

/**
 * Checks da (n_a, m, T) of rnnBackward / lstmBackward against the caches: same n_a and m, and
 * T no more than the cached steps. Returns T.
 */
export function checkSequenceGradient(value: unknown, store: SequenceStore): { da: Tensor; T: number } {
  const da = requireTensor('da', value);
  const source = { name: 'caches (a)', shape: [store.H, store.B, store.T] };
  const shapes = new ShapeChecker();
  shapes.define('n_a', store.H, source);
  shapes.define('m', store.B, source);
  shapes.check('da', da, ['n_a', 'm', 'T']);
  const T = shapes.size('T');
  if (T > store.T) {
    throw new RangeError(
      `caches (a) has shape ${formatShape(source.shape)} but da has shape ${formatShape(da.shape)}: ` +
        `da has more steps than there are caches (${T} > ${store.T}); da must have shape (n_a, m, T) = (${store.H}, ${store.B}, T) with T <= ${store.T}`,
    );
  }
  requireDTypeOf('da', da, store.dtype, 'caches');
  return { da, T };
}
