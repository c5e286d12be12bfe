/**
 * Fuzz cases for softmaxCrossEntropy and mse: random leading axes, class counts (0 and 1
 * included), NaN / Inf logits, lengths or masks, and faults in targets, shapes and options.
 * Targets at positions that do not count are never read, so an out-of-range target there
 * is valid: the case works out which positions count to decide.
 */
import { Tensor, mse, softmaxCrossEntropy } from '@recur/core';
import fc from 'fast-check';
import { junk } from '../arbitraries/junk.js';
import { smallDim } from '../arbitraries/shapes.js';
import { buildArgs, planArgs, tensorFault, type DType } from '../arbitraries/tensor-args.js';
import { rng, valueSpec, type SpecOf } from '../arbitraries/values.js';
import type { FuzzCase } from '../fuzz-case.js';

const TARGET_FAULTS = ['aboveV', 'negative', 'fraction', 'nan', 'wrongLength', 'junk'] as const;
const MASK_FAULTS = ['both', 'maskLength', 'maskShape', 'lengthsRank', 'lengthsAboveT', 'maskJunk'] as const;

export const lossSpec = fc.record({
  fn: fc.constantFrom('softmaxCrossEntropy', 'mse'),
  dtype: fc.constantFrom<DType>('float64', 'float64', 'float32'),
  lead: fc.array(smallDim, { maxLength: 3 }),
  V: smallDim,
  masking: fc.constantFrom('none', 'none', 'lengths', 'maskTensor', 'maskArray'),
  maskSeed: fc.nat(),
  values: valueSpec,
  fault: fc.oneof(
    { arbitrary: fc.constant(null), weight: 4 },
    { arbitrary: fc.record({ on: fc.constant('target' as const), kind: fc.constantFrom(...TARGET_FAULTS), pick: fc.nat() }), weight: 1 },
    { arbitrary: fc.record({ on: fc.constant('mask' as const), kind: fc.constantFrom(...MASK_FAULTS), pick: fc.nat() }), weight: 1 },
    { arbitrary: tensorFault.map((f) => ({ on: 'tensor' as const, f })), weight: 2 },
  ),
});
type LossSpec = SpecOf<typeof lossSpec>;

/** The masking options and which positions count (null = all), or null options when masking is off. */
function masking(s: LossSpec, lead: readonly number[]): { options: Record<string, unknown>; counts: Uint8Array | null; valid: boolean } {
  const N = lead.reduce((a, d) => a * d, 1);
  const r = rng(s.maskSeed);
  const f = s.fault?.on === 'mask' ? s.fault : null;
  if (s.masking === 'lengths' || f?.kind === 'lengthsRank' || f?.kind === 'lengthsAboveT') {
    if (lead.length !== 2) return { options: { lengths: [] }, counts: null, valid: false };
    const [T, B] = lead;
    const lengths = Array.from({ length: B }, () => Math.floor(r() * (T + 1)));
    if (f?.kind === 'lengthsAboveT' && B > 0) lengths[f.pick % B] = T + 1;
    const counts = new Uint8Array(N);
    for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) counts[t * B + b] = t < lengths[b] ? 1 : 0;
    return { options: { lengths }, counts, valid: !(f?.kind === 'lengthsAboveT' && B > 0) };
  }
  if (s.masking === 'none' && !f) return { options: {}, counts: null, valid: true };
  const flags = Array.from({ length: N }, () => (r() < 0.6 ? 1 : 0));
  const counts = Uint8Array.from(flags);
  if (f?.kind === 'both') return { options: { lengths: [], mask: flags }, counts, valid: false };
  if (f?.kind === 'maskLength') return { options: { mask: [...flags, 1] }, counts, valid: false };
  if (f?.kind === 'maskShape') return { options: { mask: Tensor.zeros([...lead, 2]) }, counts, valid: false };
  if (f?.kind === 'maskJunk') {
    const j = junk(f.pick);
    // null / undefined mean "no mask"; an empty array-like is a valid mask when there are no positions.
    const empty = j !== null && typeof j === 'object' && (j as { length?: unknown }).length === 0 && N === 0;
    return { options: { mask: j }, counts: null, valid: j == null || empty };
  }
  const mask = s.masking === 'maskTensor' ? new Tensor(Float64Array.from(flags), lead) : flags;
  return { options: { mask }, counts, valid: true };
}

export function lossCase(s: LossSpec): FuzzCase {
  const leadLabels = s.lead.map((_, i) => `l${i}`);
  const sizes = Object.fromEntries(s.lead.map((d, i) => [`l${i}`, d]));
  const ce = s.fn === 'softmaxCrossEntropy';
  const args = ce ? [{ name: 'logits', axes: [...leadLabels, s.V] }] : [{ name: 'prediction', axes: [...leadLabels, s.V] }, { name: 'target', axes: [...leadLabels, s.V] }];
  const plan = planArgs(args, sizes, s.fault?.on === 'tensor' ? s.fault.f : null);
  const lead = plan.shapes[0].slice(0, -1);
  const N = lead.reduce((a, d) => a * d, 1);
  const N0 = s.lead.reduce((a, d) => a * d, 1);
  const m = masking(s, s.lead);
  // Shape faults: ce takes any logits with a class axis (targets then have to follow); mse needs equal shapes.
  let valid = plan.valid;
  let mustThrow = plan.mustThrow;
  if (plan.fault?.kind === 'axis' || plan.fault?.kind === 'rank') {
    const sameLead = lead.length === s.lead.length && lead.every((d, i) => d === s.lead[i]);
    if (ce) {
      // Other leading axes with the same number of positions may still fit the targets (and masks): not certain either way.
      valid = plan.shapes[0].length >= 1 && sameLead;
      mustThrow = plan.shapes[0].length === 0 || N !== N0;
    } else {
      valid = sameLead && plan.shapes[0].length === plan.shapes[1].length && plan.shapes[0].every((d, i) => d === plan.shapes[1][i]);
      mustThrow = !valid;
    }
  }
  // softmaxCrossEntropy has one tensor argument, so its dtype is whatever it is.
  if (ce && plan.fault?.kind === 'dtype') { valid = true; mustThrow = false; }
  const Vs = plan.shapes[0][plan.shapes[0].length - 1] ?? 0;
  const r = rng(s.maskSeed + 1);
  // One target per position of the intended logits (so a logits shape fault is a real mismatch).
  const targets: number[] = Array.from({ length: N0 }, () => Math.floor(r() * Vs));
  let targetsValid = true;
  const counts = (i: number) => !m.counts || m.counts[i] === 1;
  const countedAny = Array.from({ length: N0 }, (_, i) => counts(i)).some(Boolean);
  // With V = 0 no class id exists: valid only when no position counts.
  if (ce && Vs === 0 && countedAny) targetsValid = false;
  const tf = s.fault?.on === 'target' ? s.fault : null;
  let targetArg: unknown = targets;
  if (ce && tf) {
    if (tf.kind === 'wrongLength') { targetArg = [...targets, 0]; targetsValid = false; }
    else if (tf.kind === 'junk') { targetArg = junk(tf.pick); targetsValid = false; }
    else if (N0 > 0) {
      const at = tf.pick % N0;
      targets[at] = tf.kind === 'aboveV' ? Vs : tf.kind === 'negative' ? -1 : tf.kind === 'fraction' ? 0.5 : NaN;
      if (counts(at)) targetsValid = false;
    }
  }
  const junkTargets = ce && tf?.kind === 'junk';
  valid = valid && m.valid && targetsValid && (!ce || !junkTargets);
  mustThrow = mustThrow || !m.valid || (!targetsValid && !junkTargets);
  return {
    valid,
    mustThrow,
    dtype: s.dtype,
    run: () => {
      const built = buildArgs(plan, s.dtype, s.values, 3);
      return ce ? softmaxCrossEntropy(built[0] as Tensor, targetArg as never, m.options as never) : mse(built[0] as Tensor, built[1] as Tensor, m.options as never);
    },
  };
}
