/**
 * Types of the seed API (the notebook's eight functions): parameter objects keyed as in the
 * notebook, result objects, and the opaque caches the forward functions hand to the
 * backward ones.
 */
import type { DType, FloatArray, Tensor } from '../tensor.ts';

/** RNN parameters: Wax (n_a, n_x), Waa (n_a, n_a), Wya (n_y, n_a), ba (n_a, 1), by (n_y, 1). */
export interface RnnParams {
  Wax: Tensor;
  Waa: Tensor;
  Wya: Tensor;
  ba: Tensor;
  by: Tensor;
}

/**
 * LSTM parameters. Each gate weight W* is (n_a, n_a + n_x) and acts on concat[a_prev; x_t];
 * biases b* are (n_a, 1); Wy (n_y, n_a), by (n_y, 1). Wi is the update (input) gate.
 */
export interface LstmParams {
  Wf: Tensor;
  bf: Tensor;
  Wi: Tensor;
  bi: Tensor;
  Wc: Tensor;
  bc: Tensor;
  Wo: Tensor;
  bo: Tensor;
  Wy: Tensor;
  by: Tensor;
}

export const RNN_PARAM_KEYS: readonly (keyof RnnParams)[] = ['Wax', 'Waa', 'Wya', 'ba', 'by'];
export const LSTM_PARAM_KEYS: readonly (keyof LstmParams)[] = ['Wf', 'bf', 'Wi', 'bi', 'Wc', 'bc', 'Wo', 'bo', 'Wy', 'by'];

/** Stacked kernel weights (see backend/types.ts): wx [X, G*H], wh [H, G*H], bx [G*H]. */
export interface PackedWeights {
  readonly wx: FloatArray;
  readonly wh: FloatArray;
  readonly bx: FloatArray;
}

/**
 * The inputs of one forward kernel call, time-major, kept for the backward call (which
 * re-derives the forward's outputs when they are gone, see recurrent.ts). Not API: reach it
 * only through the caches.
 */
export interface SequenceStore {
  readonly cell: 'rnn' | 'lstm';
  readonly dtype: DType;
  readonly T: number;
  readonly B: number;
  readonly X: number;
  readonly H: number;
  readonly x: FloatArray; // [T, B, X]
  readonly h0: FloatArray; // [B, H]
  readonly c0: FloatArray | null; // [B, H], lstm only
  readonly weights: PackedWeights;
}

/**
 * The cache of one step: step `t` of a stored forward pass. Opaque: pass it back to
 * rnnCellBackward / lstmCellBackward. Each entry of the sequence caches is one of these,
 * so the notebook's loop `cellBackward(da[:,:,t] + daPrev, caches[t])` works too.
 */
export class StepCache<K extends 'rnn' | 'lstm' = 'rnn' | 'lstm'> {
  readonly cell: K;
  readonly store: SequenceStore;
  readonly t: number;

  constructor(cell: K, store: SequenceStore, t: number) {
    this.cell = cell;
    this.store = store;
    this.t = t;
    Object.freeze(this);
  }
}

export type RnnCellCache = StepCache<'rnn'>;
export type LstmCellCache = StepCache<'lstm'>;

/** One cache per step, returned by rnnForward / lstmForward. Opaque. */
export type RnnCaches = readonly RnnCellCache[];
export type LstmCaches = readonly LstmCellCache[];

// The store behind each caches array, so that even T = 0 caches (no entries) keep n_x.
const storeOfCaches = new WeakMap<object, SequenceStore>();

/** The step a property key names ('3' -> 3), or undefined if it is no index below T. */
function stepIndex(key: string | symbol, T: number): number | undefined {
  if (typeof key !== 'string') return undefined;
  const t = Number(key);
  return Number.isInteger(t) && t >= 0 && t < T && String(t) === key ? t : undefined;
}

/**
 * The per-step caches of a stored forward pass: a read-only array of T entries, entry t the
 * StepCache of step t. Entries are made when first read (and kept, so caches[t] === caches[t]):
 * T may be huge while every array is empty (T = 2**31 with m = 0), and T objects made up
 * front would take seconds, or all memory, for a call that computes nothing.
 */
export function makeSequenceCaches<K extends 'rnn' | 'lstm'>(cell: K, store: SequenceStore): readonly StepCache<K>[] {
  const T = store.T;
  const made = new Map<number, StepCache<K>>();
  const entry = (t: number): StepCache<K> => {
    let c = made.get(t);
    if (c === undefined) made.set(t, (c = new StepCache(cell, store, t)));
    return c;
  };
  const readOnly = (): boolean => false;
  // An empty array target makes Array.isArray, iteration and the Array methods work; the
  // length and the entries come from the traps.
  const caches = new Proxy<StepCache<K>[]>([], {
    get(target, key, receiver) {
      if (key === 'length') return T;
      const t = stepIndex(key, T);
      return t === undefined ? Reflect.get(target, key, receiver) : entry(t);
    },
    has(target, key) {
      return stepIndex(key, T) !== undefined || Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      const t = stepIndex(key, T);
      if (t === undefined) return Reflect.getOwnPropertyDescriptor(target, key);
      return { value: entry(t), writable: false, enumerable: true, configurable: true };
    },
    ownKeys(target) {
      return [...Array.from({ length: T }, (_, t) => String(t)), ...Reflect.ownKeys(target)];
    },
    set: readOnly,
    defineProperty: readOnly,
    deleteProperty: readOnly,
  });
  storeOfCaches.set(caches, store);
  return caches;
}

/** The store behind caches returned by a sequence forward function, or undefined. */
export function sequenceStoreOf(caches: unknown): SequenceStore | undefined {
  return typeof caches === 'object' && caches !== null ? storeOfCaches.get(caches) : undefined;
}

export interface RnnCellForwardResult {
  aNext: Tensor; // (n_a, m)
  yPred: Tensor; // (n_y, m)
  cache: RnnCellCache;
}

export interface RnnForwardResult {
  a: Tensor; // (n_a, m, T_x)
  yPred: Tensor; // (n_y, m, T_x)
  caches: RnnCaches;
}

export interface LstmCellForwardResult {
  aNext: Tensor; // (n_a, m)
  cNext: Tensor; // (n_a, m)
  yPred: Tensor; // (n_y, m)
  cache: LstmCellCache;
}

export interface LstmForwardResult {
  a: Tensor; // (n_a, m, T_x)
  yPred: Tensor; // (n_y, m, T_x)
  c: Tensor; // (n_a, m, T_x)
  caches: LstmCaches;
}

export interface RnnCellGradients {
  dxt: Tensor; // (n_x, m)
  daPrev: Tensor; // (n_a, m)
  dWax: Tensor; // (n_a, n_x)
  dWaa: Tensor; // (n_a, n_a)
  dba: Tensor; // (n_a, 1)
}

export interface RnnGradients {
  dx: Tensor; // (n_x, m, T)
  da0: Tensor; // (n_a, m)
  dWax: Tensor;
  dWaa: Tensor;
  dba: Tensor;
}

/** Gradients of the four LSTM gate weights (n_a, n_a + n_x) and biases (n_a, 1). */
export interface LstmParamGradients {
  dWf: Tensor;
  dWi: Tensor;
  dWc: Tensor;
  dWo: Tensor;
  dbf: Tensor;
  dbi: Tensor;
  dbc: Tensor;
  dbo: Tensor;
}

export interface LstmCellGradients extends LstmParamGradients {
  dxt: Tensor; // (n_x, m)
  daPrev: Tensor; // (n_a, m)
  dcPrev: Tensor; // (n_a, m)
}

export interface LstmGradients extends LstmParamGradients {
  dx: Tensor; // (n_x, m, T)
  da0: Tensor; // (n_a, m)
}
