/**
 * Fuzz cases for Dense (forward over any leading axes, backward) and Embedding / oneHot
 * (integer ids in and out of range, wrong lengths, wrong kinds of arrays).
 */
import { Dense, Embedding, oneHot, type Tensor } from '@recur/core';
import fc from 'fast-check';
import { junk } from '../arbitraries/junk.js';
import type { LabelledArg } from '../arbitraries/labelled-shapes.js';
import { smallDim } from '../arbitraries/shapes.js';
import { buildArgs, planArgs, tensorFault, type DType } from '../arbitraries/tensor-args.js';
import { rng, valueSpec, type SpecOf } from '../arbitraries/values.js';
import type { FuzzCase } from '../fuzz-case.js';

const BAD_SIZES: readonly unknown[] = [-1, 1.5, NaN, Infinity, 2 ** 53, '3', null, undefined, {}, 3n];

export const denseSpec = fc.record({
  inputSize: smallDim,
  outputSize: smallDim,
  dtype: fc.constantFrom<DType>('float64', 'float64', 'float32'),
  seed: fc.nat(),
  lead: fc.array(smallDim, { maxLength: 3 }),
  backward: fc.boolean(),
  values: valueSpec,
  fault: fc.oneof(
    { arbitrary: fc.constant(null), weight: 5 },
    { arbitrary: tensorFault.map((f) => ({ on: 'tensor' as const, f })), weight: 4 },
    { arbitrary: fc.record({ on: fc.constant('option' as const), key: fc.constantFrom('inputSize', 'outputSize', 'dtype', 'seed', 'options'), pick: fc.nat() }), weight: 1 },
    { arbitrary: fc.record({ on: fc.constant('ctx' as const), pick: fc.nat() }), weight: 1 },
  ),
});

export function denseCase(s: SpecOf<typeof denseSpec>): FuzzCase {
  const lead = s.lead.map((_, i) => `l${i}`);
  const args: LabelledArg[] = [{ name: 'x', axes: [...lead, s.inputSize] }];
  if (s.backward) args.push({ name: 'dy', axes: [...lead, s.outputSize] });
  const sizes = Object.fromEntries(s.lead.map((d, i) => [`l${i}`, d]));
  const plan = planArgs(args, sizes, s.fault?.on === 'tensor' ? s.fault.f : null);
  // Dense takes any leading axes, so validity is: x ends in inputSize, dy is x's leading axes + outputSize.
  const [xs, dys] = plan.shapes;
  const xOk = xs.length >= 1 && xs[xs.length - 1] === s.inputSize;
  const dyOk = !dys || (dys.length === xs.length && dys.every((d, i) => (i === dys.length - 1 ? d === s.outputSize : d === xs[i])));
  const shapeFault = plan.fault?.kind === 'axis' || plan.fault?.kind === 'rank';
  let valid = shapeFault ? xOk && dyOk : plan.valid;
  let mustThrow = shapeFault ? !valid : plan.mustThrow;
  const options: Record<string, unknown> = { inputSize: s.inputSize, outputSize: s.outputSize, dtype: s.dtype, seed: s.seed };
  let opts: unknown = options;
  if (s.fault?.on === 'option') {
    if (s.fault.key === 'options') opts = junk(s.fault.pick);
    else if (s.fault.key === 'dtype') options.dtype = ['float16', '', 1][s.fault.pick % 3];
    // seed goes to RandomState: undefined/null mean 0; anything else that is not a 32-bit integer is rejected.
    else options[s.fault.key] = BAD_SIZES.filter((v) => v != null)[s.fault.pick % 8];
    valid = false;
    mustThrow = true;
  }
  if (s.fault?.on === 'ctx' && s.backward) { valid = false; mustThrow = true; }
  return {
    valid,
    mustThrow,
    dtype: s.dtype,
    run: () => {
      const layer = new Dense(opts as never);
      const [x, dy] = buildArgs(plan, s.dtype, s.values);
      const f = layer.forward(x as Tensor);
      if (!s.backward) return { output: f.output, w: layer.params.w };
      const ctx = s.fault?.on === 'ctx' ? (s.fault.pick % 2 ? junk(s.fault.pick) : new Dense(options as never).forward(x as Tensor).ctx) : f.ctx;
      const b = layer.backward(ctx as never, dy as Tensor);
      return { output: f.output, dx: b.dx, grads: { ...layer.grads } };
    },
  };
}

const ID_FAULTS = ['aboveV', 'negative', 'fraction', 'nan', 'wrongLength', 'junk', 'badDims'] as const;

export const embeddingSpec = fc.record({
  fn: fc.constantFrom('embedding', 'oneHot'),
  V: smallDim,
  E: smallDim,
  dtype: fc.constantFrom<DType>('float64', 'float32'),
  dims: fc.array(smallDim, { maxLength: 3 }),
  idsAs: fc.constantFrom('array', 'int32', 'float64', 'uint8'),
  idSeed: fc.nat(),
  values: valueSpec,
  fault: fc.oneof(
    { arbitrary: fc.constant(null), weight: 4 },
    { arbitrary: fc.record({ on: fc.constant('ids' as const), kind: fc.constantFrom(...ID_FAULTS), pick: fc.nat() }), weight: 2 },
    { arbitrary: tensorFault.map((f) => ({ on: 'tensor' as const, f })), weight: 1 },
    { arbitrary: fc.record({ on: fc.constant('option' as const), pick: fc.nat() }), weight: 1 },
  ),
});

export function embeddingCase(s: SpecOf<typeof embeddingSpec>): FuzzCase {
  const n = s.dims.reduce((a, d) => a * d, 1);
  const r = rng(s.idSeed);
  const ids: number[] = Array.from({ length: n }, () => Math.floor(r() * s.V));
  let dims: unknown = s.dims;
  let idsValid = n === 0 || s.V > 0;
  const f = s.fault?.on === 'ids' ? s.fault : null;
  let idsArg: unknown;
  const wrap = (a: number[]) => (s.idsAs === 'int32' ? Int32Array.from(a) : s.idsAs === 'float64' ? Float64Array.from(a) : s.idsAs === 'uint8' ? Uint8Array.from(a) : a);
  if (f && n > 0) {
    const at = f.pick % n;
    switch (f.kind) {
      case 'aboveV': ids[at] = s.V + (f.pick % 3); idsValid = false; break;
      // -1 in a Uint8Array is 255, still above every V used here.
      case 'negative': ids[at] = -1; idsValid = false; break;
      // Integer arrays store 0.5 and NaN as 0, a valid id.
      case 'fraction': ids[at] = 0.5; idsValid = s.idsAs === 'int32' || s.idsAs === 'uint8' ? idsValid : false; break;
      case 'nan': ids[at] = NaN; idsValid = s.idsAs === 'int32' || s.idsAs === 'uint8' ? idsValid : false; break;
      case 'wrongLength': ids.push(0); idsValid = false; break;
      case 'junk': idsArg = junk(f.pick); break;
      case 'badDims': dims = [...s.dims, -1]; idsValid = false; break;
    }
  }
  const junkIds = f?.kind === 'junk' && n > 0;
  const optionFault = s.fault?.on === 'option';
  const badSize = s.fault?.on === 'option' ? BAD_SIZES[s.fault.pick % BAD_SIZES.length] : undefined;
  // What the ids array holds once stored (a typed array turns 0.5 or NaN into 0).
  const stored = Array.from(wrap(ids) as ArrayLike<number>);
  const tf = s.fault?.on === 'tensor' ? s.fault.f : null;
  const args: LabelledArg[] = s.fn === 'embedding' ? [{ name: 'dOutput', axes: [...s.dims, s.E] }] : [];
  const plan = planArgs(args, {}, tf);
  const valid = idsValid && !junkIds && !optionFault && plan.valid;
  return {
    valid,
    // Junk ids may still be array-like with the right length (e.g. a Float64Array of zeros): not certain to throw.
    mustThrow: !idsValid || optionFault || plan.mustThrow,
    dtype: s.dtype,
    run: () => {
      const theIds = junkIds ? idsArg : wrap(ids);
      if (s.fn === 'oneHot') return oneHot(theIds as never, dims as never, optionFault ? (badSize as number) : s.V, s.dtype);
      const options = optionFault ? { numEmbeddings: badSize, embeddingSize: s.E } : { numEmbeddings: s.V, embeddingSize: s.E, dtype: s.dtype, seed: 1 };
      const layer = new Embedding(options as never);
      const out = layer.forward(theIds as never, dims as never);
      const [dOut] = buildArgs(plan, s.dtype, s.values);
      layer.backward(out.ctx, dOut as Tensor);
      return { output: out.output, grad: layer.grads.table };
    },
    expect: (v) => {
      if (s.fn !== 'oneHot') return null;
      const t = v as Tensor;
      for (let i = 0; i < n; i++) for (let j = 0; j < s.V; j++) if (t.data[i * s.V + j] !== (stored[i] === j ? 1 : 0)) return `oneHot[${i}][${j}] = ${t.data[i * s.V + j]}`;
      return null;
    },
  };
}
