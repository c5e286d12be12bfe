/**
 * Fuzz cases for the notebook's eight functions. Forward functions get random sizes (0 and
 * odd sizes included, sometimes one absurdly large size with the others 0), random values
 * (sometimes NaN / Inf), both dtypes, and at most one fault in one argument or in the
 * params object. Backward functions run a valid forward first, then get the fault in their
 * own arguments (gradient tensors, or the cache replaced by something else).
 */
import * as core from '@recur/core';
import fc from 'fast-check';
import { junk } from '../arbitraries/junk.js';
import type { LabelledArg, Sizes } from '../arbitraries/labelled-shapes.js';
import { HUGE_DIMS, smallDim } from '../arbitraries/shapes.js';
import { buildArgs, planArgs, tensorFault, type DType, type PlannedArgs } from '../arbitraries/tensor-args.js';
import { sometimes, valueSpec, type SpecOf, type ValueSpec } from '../arbitraries/values.js';
import type { FuzzCase } from '../fuzz-case.js';

export const SEED_FUNCTIONS = [
  'rnnCellForward', 'rnnForward', 'lstmCellForward', 'lstmForward',
  'rnnCellBackward', 'rnnBackward', 'lstmCellBackward', 'lstmBackward',
] as const;
type SeedFunction = (typeof SEED_FUNCTIONS)[number];

const RNN_PARAMS: readonly LabelledArg[] = [
  { name: 'Wax', axes: ['na', 'nx'] },
  { name: 'Waa', axes: ['na', 'na'] },
  { name: 'Wya', axes: ['ny', 'na'] },
  { name: 'ba', axes: ['na', 1] },
  { name: 'by', axes: ['ny', 1] },
];
const LSTM_PARAMS: readonly LabelledArg[] = [
  ...['Wf', 'Wi', 'Wc', 'Wo'].flatMap((W) => [{ name: W, axes: ['na', 'na+nx'] }, { name: `b${W[1]}`, axes: ['na', 1] }]),
  { name: 'Wy', axes: ['ny', 'na'] },
  { name: 'by', axes: ['ny', 1] },
];

/** The data arguments (before params) of each forward function. */
function forwardData(fn: SeedFunction): LabelledArg[] {
  const cell = fn.includes('Cell');
  const x: LabelledArg = { name: cell ? 'xt' : 'x', axes: cell ? ['nx', 'm'] : ['nx', 'm', 'T'] };
  const a: LabelledArg = { name: cell ? 'aPrev' : 'a0', axes: ['na', 'm'] };
  return fn === 'lstmCellForward' || fn === 'lstmCellBackward' ? [x, a, { name: 'cPrev', axes: ['na', 'm'] }] : [x, a];
}

/** The gradient arguments of each backward function ('Tda' = steps of da, at most T). */
function backwardData(fn: SeedFunction): LabelledArg[] {
  switch (fn) {
    case 'rnnCellBackward': return [{ name: 'daNext', axes: ['na', 'm'] }];
    case 'lstmCellBackward': return [{ name: 'daNext', axes: ['na', 'm'] }, { name: 'dcNext', axes: ['na', 'm'] }];
    default: return [{ name: 'da', axes: ['na', 'm', 'Tda'] }];
  }
}

type ParamsFault = 'missingKey' | 'extraKey' | 'paramsJunk' | 'paramIsArray' | 'prototypeKey';
type CacheFault = 'cacheJunk' | 'cacheOtherCell' | 'cacheEntry' | 'cacheOfCell';

const paramsFault = fc.record({ kind: fc.constantFrom<ParamsFault>('missingKey', 'extraKey', 'paramsJunk', 'paramIsArray', 'prototypeKey'), pick: fc.nat() });
const cacheFault = fc.record({ kind: fc.constantFrom<CacheFault>('cacheJunk', 'cacheOtherCell', 'cacheEntry', 'cacheOfCell'), pick: fc.nat() });

export const seedSpec = fc.record({
  fn: fc.constantFrom(...SEED_FUNCTIONS),
  dtype: fc.constantFrom<DType>('float64', 'float64', 'float32'),
  sizes: fc.record({ nx: smallDim, m: smallDim, T: fc.integer({ min: 0, max: 6 }), na: smallDim, ny: smallDim, Tda: fc.nat() }),
  /** Sometimes one size is huge and all others 0, so every array is still empty. Not n_a or
   *  n_y: ba (n_a, 1) and by (n_y, 1) would be real arrays of 2**31 numbers. */
  huge: sometimes(fc.record({ label: fc.constantFrom('nx', 'm', 'T'), value: fc.constantFrom(...HUGE_DIMS) }), 12),
  values: valueSpec,
  fault: fc.oneof(
    { arbitrary: fc.constant(null), weight: 5 },
    { arbitrary: tensorFault.map((f) => ({ on: 'tensor' as const, f })), weight: 4 },
    { arbitrary: paramsFault.map((f) => ({ on: 'params' as const, f })), weight: 1 },
    { arbitrary: cacheFault.map((f) => ({ on: 'cache' as const, f })), weight: 1 },
  ),
});
type SeedSpec = SpecOf<typeof seedSpec>;

/**
 * The specs of one seed function, without those that would build an array a 64-bit engine
 * can allocate but not fill (an axis fault turning the 0 next to a huge size into 2 makes a
 * (2**31, 2) array). Arrays of 2**53 numbers and more fail at once (a RangeError): kept.
 */
export function seedSpecsOf(fn: SeedFunction): fc.Arbitrary<SeedSpec> {
  const allocatable = (shape: readonly number[]) => {
    const n = shape.reduce((a, d) => a * d, 1);
    return n >= 2 ** 31 && n < 2 ** 53;
  };
  return seedSpec.map((s) => ({ ...s, fn })).filter((s) => {
    if (!s.huge) return true;
    const p = plan(s, sizesOf(s));
    return ![p.forward, p.backward].some((q) => q?.shapes.some(allocatable));
  });
}

function sizesOf(s: SeedSpec): Sizes {
  const sizes: Sizes = { ...s.sizes, Tda: s.sizes.Tda % (s.sizes.T + 1) };
  if (s.huge) {
    for (const k of Object.keys(sizes)) sizes[k] = 0;
    sizes[s.huge.label] = s.huge.value;
  }
  return sizes;
}

function call(fn: string, args: unknown[]): unknown {
  return (core as unknown as Record<string, (...a: unknown[]) => unknown>)[fn](...args);
}

const FORWARD_OF: Record<SeedFunction, SeedFunction> = {
  rnnCellForward: 'rnnCellForward', rnnForward: 'rnnForward', lstmCellForward: 'lstmCellForward', lstmForward: 'lstmForward',
  rnnCellBackward: 'rnnCellForward', rnnBackward: 'rnnForward', lstmCellBackward: 'lstmCellForward', lstmBackward: 'lstmForward',
};

/** Builds the params object from its tensors, applying a params fault. */
function buildParams(keys: readonly LabelledArg[], tensors: unknown[], fault: { kind: ParamsFault; pick: number } | null): unknown {
  const params: Record<string, unknown> = {};
  keys.forEach((k, i) => (params[k.name] = tensors[i]));
  if (!fault) return params;
  const key = keys[fault.pick % keys.length].name;
  switch (fault.kind) {
    case 'missingKey': delete params[key]; return params;
    case 'extraKey': params.extra = junk(fault.pick); params.Wz = tensors[0]; return params;
    case 'paramsJunk': return junk(fault.pick);
    case 'paramIsArray': return Object.values(params);
    // The key only on the prototype: `key in params` sees it, but it is still the same tensor.
    case 'prototypeKey': { const own = { ...params }; delete own[key]; return Object.setPrototypeOf(own, { [key]: params[key] }); }
  }
}

interface Plan {
  forward: PlannedArgs;
  backward: PlannedArgs | null;
  valid: boolean;
  mustThrow: boolean;
}

function plan(s: SeedSpec, sizes: Sizes): Plan {
  const isBackward = s.fn.includes('Backward');
  const lstm = s.fn.startsWith('lstm');
  const fwdArgs = [...forwardData(s.fn), ...(lstm ? LSTM_PARAMS : RNN_PARAMS)];
  const tensorFaultOf = s.fault?.on === 'tensor' ? s.fault.f : null;
  const forward = planArgs(fwdArgs, sizes, isBackward ? null : tensorFaultOf);
  const backward = isBackward ? planArgs(backwardData(s.fn), sizes, tensorFaultOf, fwdArgs) : null;
  const tensors = backward ?? forward;
  let valid = tensors.valid;
  let mustThrow = tensors.mustThrow;
  // A wrong T of da is valid when it stays within the cached steps (backward takes T from da).
  if (backward && backward.valid && s.fn.endsWith('Backward') && !s.fn.includes('Cell') && backward.shapes[0].length === 3) {
    if (backward.shapes[0][2] > sizes.T) { valid = false; mustThrow = true; }
  }
  if (s.fault?.on === 'params') {
    const k = s.fault.f.kind;
    if (k === 'extraKey' || k === 'prototypeKey') { /* still valid */ } else { valid = false; mustThrow = true; }
  }
  if (s.fault?.on === 'cache') {
    const k = s.fault.f.kind;
    const cell = s.fn.includes('Cell');
    if (!isBackward || (k === 'cacheOfCell' && cell)) { /* nothing to spoil */ }
    else if (k === 'cacheEntry' && cell && sizes.T > 0) { /* an entry of the sequence caches is a valid cell cache */ }
    else { valid = false; mustThrow = true; }
  }
  return { forward, backward, valid, mustThrow };
}

function run(s: SeedSpec, sizes: Sizes, p: Plan): unknown {
  const lstm = s.fn.startsWith('lstm');
  const keys = lstm ? LSTM_PARAMS : RNN_PARAMS;
  const fwdFn = FORWARD_OF[s.fn];
  const nData = forwardData(fwdFn).length;
  const fwdTensors = buildArgs(p.forward, s.dtype, s.values);
  const paramsFaultArg = s.fault?.on === 'params' ? s.fault.f : null;
  const params = buildParams(keys, fwdTensors.slice(nData), paramsFaultArg);
  const fwd = call(fwdFn, [...fwdTensors.slice(0, nData), params]) as Record<string, unknown>;
  if (!p.backward) return fwd;
  const cacheKey = s.fn.includes('Cell') ? 'cache' : 'caches';
  let cache = fwd[cacheKey];
  const cf = s.fault?.on === 'cache' ? s.fault.f : null;
  if (cf) {
    if (cf.kind === 'cacheJunk') cache = junk(cf.pick);
    if (cf.kind === 'cacheOtherCell') cache = otherCellCache(s.fn, s.dtype);
    // Cell backward: caches[0] of a sequence forward (valid when T > 0); sequence backward: one entry instead of the caches.
    if (cf.kind === 'cacheEntry') cache = s.fn.includes('Cell') ? seqEntryCache(s.fn, sizes, s.dtype, s.values) : (fwd[cacheKey] as unknown[])[0];
    if (cf.kind === 'cacheOfCell' && !s.fn.includes('Cell')) cache = cellCacheFor(s.fn, sizes, s.dtype, s.values);
  }
  const grads = buildArgs(p.backward, s.dtype, { ...s.values, seed: s.values.seed + 1 });
  return { forward: fwd, backward: call(s.fn, [...grads, cache]) };
}

/** A valid cache from the other cell kind (an LSTM cache for an RNN backward, and so on). */
function otherCellCache(fn: SeedFunction, dtype: DType): unknown {
  const rs = new core.RandomState(3);
  const t = (...d: number[]) => rs.randn(...d).astype(dtype);
  if (fn.startsWith('rnn')) {
    const p = { Wf: t(2, 5), bf: t(2, 1), Wi: t(2, 5), bi: t(2, 1), Wc: t(2, 5), bc: t(2, 1), Wo: t(2, 5), bo: t(2, 1), Wy: t(1, 2), by: t(1, 1) };
    return fn.includes('Cell') ? core.lstmCellForward(t(3, 2), t(2, 2), t(2, 2), p).cache : core.lstmForward(t(3, 2, 2), t(2, 2), p).caches;
  }
  const p = { Wax: t(2, 3), Waa: t(2, 2), ba: t(2, 1), Wya: t(1, 2), by: t(1, 1) };
  return fn.includes('Cell') ? core.rnnCellForward(t(3, 2), t(2, 2), p).cache : core.rnnForward(t(3, 2, 2), t(2, 2), p).caches;
}

/** caches[0] of a sequence forward with the case's sizes (valid for the matching cell backward). */
function seqEntryCache(fn: SeedFunction, sizes: Sizes, dtype: DType, values: ValueSpec): unknown {
  const seqFn = fn.startsWith('lstm') ? 'lstmForward' : 'rnnForward';
  const args = [...forwardData(seqFn), ...(fn.startsWith('lstm') ? LSTM_PARAMS : RNN_PARAMS)];
  const built = buildArgs(planArgs(args, sizes, null), dtype, values);
  const params = buildParams(fn.startsWith('lstm') ? LSTM_PARAMS : RNN_PARAMS, built.slice(2), null);
  const caches = (call(seqFn, [built[0], built[1], params]) as { caches: unknown[] }).caches;
  return caches[0];
}

/** A cell cache handed to the sequence backward (must be rejected). */
function cellCacheFor(fn: SeedFunction, sizes: Sizes, dtype: DType, values: ValueSpec): unknown {
  const cellFn = fn.startsWith('lstm') ? 'lstmCellForward' : 'rnnCellForward';
  const data = forwardData(cellFn);
  const args = [...data, ...(fn.startsWith('lstm') ? LSTM_PARAMS : RNN_PARAMS)];
  const built = buildArgs(planArgs(args, sizes, null), dtype, values);
  const params = buildParams(fn.startsWith('lstm') ? LSTM_PARAMS : RNN_PARAMS, built.slice(data.length), null);
  return (call(cellFn, [...built.slice(0, data.length), params]) as { cache: unknown }).cache;
}

export function seedCase(s: SeedSpec): FuzzCase {
  const sizes = sizesOf(s);
  const p = plan(s, sizes);
  // A huge size comes with 0s that keep every array empty: the call must still return, at once.
  return { valid: p.valid, mustThrow: p.mustThrow, dtype: s.dtype, run: () => run(s, sizes, p) };
}
