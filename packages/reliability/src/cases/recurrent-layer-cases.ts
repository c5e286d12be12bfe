/**
 * Fuzz cases for SimpleRNN, LSTM and GRU: random configurations (stacked, bidirectional,
 * returnSequences, resetAfter), random batches (0 and odd sizes, optional h0 / c0, lengths
 * or masks), forward and then backward, with at most one fault: in the constructor's
 * options, in a tensor argument, in the lengths / mask, or a foreign ctx.
 */
import { GRU, LSTM, SimpleRNN, Tensor, type RecurrentLayer } from '@recur/core';
import fc from 'fast-check';
import { junk } from '../arbitraries/junk.js';
import type { LabelledArg, Sizes } from '../arbitraries/labelled-shapes.js';
import { smallDim } from '../arbitraries/shapes.js';
import { buildArgs, planArgs, tensorFault, type DType, type PlannedArgs } from '../arbitraries/tensor-args.js';
import { rng, valueSpec, type SpecOf } from '../arbitraries/values.js';
import type { FuzzCase } from '../fuzz-case.js';

const OPTION_FAULTS = ['inputSize', 'hiddenSize', 'numLayers', 'seed', 'dtype', 'bidirectional', 'returnSequences', 'resetAfter', 'forgetBias', 'options'] as const;
const BAD_OPTION_VALUES: readonly unknown[] = [-1, 1.5, NaN, Infinity, 2 ** 53, '2', null, {}, 2n, true];

const LENGTH_FAULTS = ['tooShort', 'tooLong', 'aboveT', 'negative', 'fraction', 'nan', 'float64Array', 'both', 'maskGap', 'maskShape', 'junk'] as const;

export const recurrentSpec = fc.record({
  cell: fc.constantFrom('rnn', 'lstm', 'gru'),
  dtype: fc.constantFrom<DType>('float64', 'float64', 'float32'),
  config: fc.record({
    inputSize: smallDim,
    hiddenSize: smallDim.map((d) => d + 1), // hiddenSize 0 is refused (a layer needs units)
    numLayers: fc.integer({ min: 1, max: 3 }),
    bidirectional: fc.boolean(),
    returnSequences: fc.boolean(),
    resetAfter: fc.boolean(),
    seed: fc.nat(),
  }),
  T: fc.integer({ min: 0, max: 6 }),
  B: smallDim,
  h0: fc.boolean(),
  c0: fc.boolean(),
  lengths: fc.constantFrom('none', 'none', 'lengths', 'array', 'mask'),
  lengthSeed: fc.nat(),
  dOutput: fc.boolean(),
  dhN: fc.boolean(),
  dcN: fc.boolean(),
  values: valueSpec,
  fault: fc.oneof(
    { arbitrary: fc.constant(null), weight: 6 },
    { arbitrary: fc.record({ on: fc.constant('option' as const), key: fc.constantFrom(...OPTION_FAULTS), pick: fc.nat() }), weight: 1 },
    { arbitrary: tensorFault.map((f) => ({ on: 'tensor' as const, f })), weight: 3 },
    { arbitrary: fc.record({ on: fc.constant('lengths' as const), kind: fc.constantFrom(...LENGTH_FAULTS), pick: fc.nat() }), weight: 1 },
    { arbitrary: fc.record({ on: fc.constant('ctx' as const), pick: fc.nat() }), weight: 1 },
    { arbitrary: fc.constant({ on: 'stateOnNonLstm' as const }), weight: 1 },
  ),
});
type RecurrentSpec = SpecOf<typeof recurrentSpec>;

function makeLayer(s: RecurrentSpec, options: Record<string, unknown>): RecurrentLayer {
  if (s.cell === 'lstm') return new LSTM(options as never);
  if (s.cell === 'gru') return new GRU(options as never);
  return new SimpleRNN(options as never);
}

/** Whether `value` is accepted for option `key` (undefined and null pick the default where one exists). */
function optionValid(key: string, value: unknown): boolean {
  const int = (min: number) => typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
  switch (key) {
    case 'inputSize': return int(0);
    case 'hiddenSize': return int(1);
    case 'numLayers': return value == null || int(1);
    case 'seed': return value == null || (int(0) && (value as number) <= 0xffffffff);
    case 'forgetBias': return value == null || (typeof value === 'number' && Number.isFinite(value));
    case 'dtype': return value == null || value === 'float32' || value === 'float64';
    default: return value === undefined || typeof value === 'boolean';
  }
}

function optionsOf(s: RecurrentSpec): { options: unknown; valid: boolean } {
  const options: Record<string, unknown> = { ...s.config, dtype: s.dtype };
  if (s.cell !== 'gru') delete options.resetAfter;
  const f = s.fault?.on === 'option' ? s.fault : null;
  if (!f) return { options, valid: true };
  if (f.key === 'options') return { options: junk(f.pick), valid: false };
  // An option of another cell (forgetBias on a GRU) is an unknown key: a TypeError whatever its value.
  if ((f.key === 'forgetBias' && s.cell !== 'lstm') || (f.key === 'resetAfter' && s.cell !== 'gru')) {
    options[f.key] = f.key === 'forgetBias' ? 1 : true;
    return { options, valid: false };
  }
  // Only values the option rejects, except forgetBias, where any finite number is valid and changes only the numbers.
  const pool = f.key === 'dtype' ? ['float16', 'int32', '', 64] : BAD_OPTION_VALUES.filter((v) => f.key === 'forgetBias' || !optionValid(f.key, v));
  const bad = pool[f.pick % pool.length];
  options[f.key] = bad;
  return { options, valid: optionValid(f.key, bad) };
}

/** Tensor arguments: forward x, h0, c0, mask; backward dOutput, dhN, dcN (the ones the spec uses). */
function tensorArgs(s: RecurrentSpec): { fwd: LabelledArg[]; bwd: LabelledArg[] } {
  const { inputSize: X, hiddenSize: H, numLayers, bidirectional, returnSequences } = s.config;
  const D = bidirectional ? 2 : 1;
  const slots = numLayers * D;
  const lstm = s.cell === 'lstm';
  const fwd: LabelledArg[] = [{ name: 'x', axes: ['T', 'B', X] }];
  if (s.h0) fwd.push({ name: 'h0', axes: [slots, 'B', H] });
  if (s.c0 && lstm) fwd.push({ name: 'c0', axes: [slots, 'B', H] });
  if (s.lengths === 'mask') fwd.push({ name: 'mask', axes: ['T', 'B'] });
  const bwd: LabelledArg[] = [];
  if (s.dOutput) bwd.push({ name: 'dOutput', axes: returnSequences ? ['T', 'B', D * H] : ['B', D * H] });
  if (s.dhN) bwd.push({ name: 'dhN', axes: [slots, 'B', H] });
  if (s.dcN && lstm) bwd.push({ name: 'dcN', axes: [slots, 'B', H] });
  return { fwd, bwd };
}

function lengthsOf(s: RecurrentSpec, T: number, B: number): number[] {
  const r = rng(s.lengthSeed);
  return Array.from({ length: B }, () => Math.floor(r() * (T + 1)));
}

/** The lengths / mask options, spoiled by a lengths fault; mask tensors come from `maskArg`. */
function sequenceOptions(s: RecurrentSpec, T: number, B: number, maskArg: unknown): { opts: Record<string, unknown>; valid: boolean } {
  const lengths = lengthsOf(s, T, B);
  const f = s.fault?.on === 'lengths' ? s.fault : null;
  const maskOf = (ls: number[], gapAt = -1) => {
    const m = Tensor.zeros([T, B], s.dtype);
    ls.forEach((len, b) => { for (let t = 0; t < len; t++) m.data[t * B + b] = 1; });
    if (gapAt >= 0) m.data[gapAt] = m.data[gapAt] === 0 ? 1 : 0;
    return m;
  };
  const base: Record<string, unknown> =
    s.lengths === 'lengths' ? { lengths: Int32Array.from(lengths) } : s.lengths === 'array' ? { lengths } : s.lengths === 'mask' ? { mask: maskArg } : {};
  if (!f) {
    // The mask tensor from the fuzzed arguments holds random values: turn a well-formed one into 0/1 flags.
    if (s.lengths === 'mask' && maskArg instanceof Tensor && maskArg.shape.length === 2 && maskArg.data.length === T * B) {
      maskArg.data.set(maskOf(lengths).data);
    }
    return { opts: base, valid: true };
  }
  const bad = [...lengths];
  switch (f.kind) {
    case 'tooShort': return { opts: { lengths: bad.slice(1) }, valid: B === 0 };
    case 'tooLong': return { opts: { lengths: [...bad, 0] }, valid: false };
    case 'aboveT': if (B > 0) bad[f.pick % B] = T + 1 + (f.pick % 3); return { opts: { lengths: bad }, valid: B === 0 };
    case 'negative': if (B > 0) bad[f.pick % B] = -1; return { opts: { lengths: Int32Array.from(bad) }, valid: B === 0 };
    case 'fraction': if (B > 0) bad[f.pick % B] = 0.5; return { opts: { lengths: bad }, valid: B === 0 };
    case 'nan': if (B > 0) bad[f.pick % B] = NaN; return { opts: { lengths: bad }, valid: B === 0 };
    case 'float64Array': return { opts: { lengths: Float64Array.from(bad) }, valid: false };
    case 'both': return { opts: { lengths: bad, mask: maskOf(bad) }, valid: false };
    // A valid step after padding: only invalid when the flipped spot is followed or preceded wrongly.
    case 'maskGap': {
      if (T * B === 0) return { opts: { mask: maskOf(bad) }, valid: true };
      const at = f.pick % (T * B);
      const m = maskOf(bad, at);
      const t = Math.floor(at / B);
      const b = at % B;
      const len = bad[b];
      // Flipping position t of column b keeps "ones then zeros" only at the boundary (t = len or t = len - 1).
      return { opts: { mask: m }, valid: t === len || t === len - 1 };
    }
    case 'maskShape': return { opts: { mask: Tensor.zeros([T, B + 1], s.dtype) }, valid: false };
    case 'junk': {
      const j = junk(f.pick);
      return { opts: { lengths: j }, valid: j == null || (Array.isArray(j) && j.length === 0 && B === 0) };
    }
  }
}

interface LayerPlan {
  optionsValid: boolean;
  fwd: PlannedArgs;
  bwd: PlannedArgs;
  sizes: Sizes;
}

/** Faults that leave an optional argument valid: undefined / null instead of it, another dtype for the mask (it is read as flags). */
function harmless(plan: PlannedArgs, args: readonly LabelledArg[]): void {
  const f = plan.fault;
  if (!f || plan.faulted < 0) return;
  const name = args[plan.faulted].name;
  const nothing = f.kind === 'junk' && junk(f.pick) == null;
  if ((nothing && name !== 'x') || (f.kind === 'dtype' && name === 'mask')) {
    plan.valid = true;
    plan.mustThrow = false;
  }
}

function planOf(s: RecurrentSpec): LayerPlan {
  const { fwd, bwd } = tensorArgs(s);
  const sizes: Sizes = { T: s.T, B: s.B };
  const tf = s.fault?.on === 'tensor' ? s.fault.f : null;
  // The fault lands in one of all the tensor arguments, forward or backward.
  const all = fwd.length + bwd.length;
  const inFwd = tf !== null && tf.arg % all < fwd.length;
  const fwdPlan = planArgs(fwd, sizes, inFwd ? { ...tf, arg: tf.arg % all } : null);
  // A valid fault in x (another T or B) changes the sizes the backward arguments must have.
  const x = fwdPlan.shapes[0];
  const bwdSizes: Sizes = fwdPlan.valid && x.length === 3 ? { T: x[0], B: x[1] } : sizes;
  const bwdPlan = planArgs(bwd, bwdSizes, tf && !inFwd ? { ...tf, arg: (tf.arg % all) - fwd.length } : null, fwd);
  harmless(fwdPlan, fwd);
  harmless(bwdPlan, bwd);
  return { optionsValid: optionsOf(s).valid, fwd: fwdPlan, bwd: bwdPlan, sizes };
}

function run(s: RecurrentSpec, p: LayerPlan): unknown {
  const layer = makeLayer(s, optionsOf(s).options as Record<string, unknown>);
  const { fwd, bwd } = tensorArgs(s);
  const built = buildArgs(p.fwd, s.dtype, s.values);
  const arg = (name: string) => { const i = fwd.findIndex((a) => a.name === name); return i < 0 ? undefined : built[i]; };
  const x = built[0];
  const T = p.fwd.shapes[0][0] ?? 0;
  const B = p.fwd.shapes[0][1] ?? 0;
  const { opts } = sequenceOptions(s, T, B, arg('mask'));
  const forwardOptions: Record<string, unknown> = { ...opts, h0: arg('h0'), c0: arg('c0') };
  if (s.fault?.on === 'stateOnNonLstm' && s.cell !== 'lstm') forwardOptions.c0 = Tensor.zeros([1, 1, 1], s.dtype);
  const f = layer.forward(x as Tensor, forwardOptions as never);
  const g = buildArgs(p.bwd, s.dtype, { ...s.values, seed: s.values.seed + 7 });
  const bArg = (name: string) => { const i = bwd.findIndex((a) => a.name === name); return i < 0 ? undefined : g[i]; };
  let ctx: unknown = f.ctx;
  if (s.fault?.on === 'ctx') ctx = s.fault.pick % 2 === 0 ? junk(s.fault.pick) : makeLayer(s, optionsOf(s).options as Record<string, unknown>).forward(x as Tensor, forwardOptions as never).ctx;
  const backwardOptions: Record<string, unknown> = { dhN: bArg('dhN'), dcN: bArg('dcN') };
  if (s.fault?.on === 'stateOnNonLstm' && s.cell !== 'lstm') backwardOptions.dcN = Tensor.zeros([1, 1, 1], s.dtype);
  const b = layer.backward(ctx as never, (bArg('dOutput') ?? null) as Tensor | null, backwardOptions as never);
  return { output: f.output, hN: f.hN, cN: f.cN, dx: b.dx, dh0: b.dh0, dc0: b.dc0, grads: { ...layer.grads } };
}

export function recurrentCase(s: RecurrentSpec): FuzzCase {
  const p = planOf(s);
  const T = p.fwd.shapes[0][0] ?? 0;
  const B = p.fwd.shapes[0][1] ?? 0;
  const lengthsValid = sequenceOptions(s, T, B, Tensor.zeros([T, B], s.dtype)).valid;
  // c0/dcN given to an RNN or GRU; a foreign ctx; everything else from the plans.
  const stateFault = s.fault?.on === 'stateOnNonLstm' && s.cell !== 'lstm';
  const ctxFault = s.fault?.on === 'ctx';
  const tensorsValid = p.fwd.valid && p.bwd.valid;
  const valid = p.optionsValid && tensorsValid && lengthsValid && !stateFault && !ctxFault;
  const mustThrow = !p.optionsValid || p.fwd.mustThrow || p.bwd.mustThrow || !lengthsValid || stateFault || ctxFault;
  return { valid, mustThrow, dtype: s.dtype, run: () => run(s, p) };
}
