/**
 * Runs the NumPy fixture cases (fixtures/seed-cases.json) through the seed API on whatever
 * backend is current, in float64 (against NumPy to FLOAT64_TOLERANCE) and in float32 (inputs
 * rounded to float32, against the same float64 results to FLOAT32_TOLERANCE).
 * Returns results instead of asserting, so vitest, the conformance package and scripts can
 * all use it. Not part of @recur/core's public API.
 */
import {
  lstmBackward, lstmCellBackward, lstmCellForward, lstmForward, rnnBackward, rnnCellBackward, rnnCellForward, rnnForward,
} from '@recur/core';
import type { DType, Tensor } from '@recur/core';
import { compareTensor, toleranceFor } from './compare.ts';
import type { TensorComparison } from './compare.ts';
import { decodeRecord, decodeValues } from './fixture-format.ts';
import type { EncodedTensor, SeedCase, SeedFixtureFile } from './fixture-format.ts';

type RnnParams = Parameters<typeof rnnCellForward>[2];
type LstmParams = Parameters<typeof lstmCellForward>[3];

export interface FixtureCaseResult {
  name: string;
  dtype: DType;
  ok: boolean;
  comparisons: TensorComparison[];
  /** Set when the seed API threw. */
  error?: string;
}

interface SeedApiOutputs {
  forward: Record<string, unknown>;
  backward: Record<string, unknown>;
}

function callSeedApi(c: SeedCase, v: Record<string, Tensor>, params: Record<string, Tensor>): SeedApiOutputs {
  switch (c.kind) {
    case 'rnnCell': {
      const forward = rnnCellForward(v.xt, v.aPrev, params as unknown as RnnParams);
      return { forward: { ...forward }, backward: { ...rnnCellBackward(v.daNext, forward.cache) } };
    }
    case 'lstmCell': {
      const forward = lstmCellForward(v.xt, v.aPrev, v.cPrev, params as unknown as LstmParams);
      return { forward: { ...forward }, backward: { ...lstmCellBackward(v.daNext, v.dcNext, forward.cache) } };
    }
    case 'rnn': {
      const forward = rnnForward(v.x, v.a0, params as unknown as RnnParams);
      return { forward: { ...forward }, backward: { ...rnnBackward(v.da, forward.caches) } };
    }
    case 'lstm': {
      const forward = lstmForward(v.x, v.a0, params as unknown as LstmParams);
      return { forward: { ...forward }, backward: { ...lstmBackward(v.da, forward.caches) } };
    }
    default:
      throw new RangeError(`unknown fixture case kind ${JSON.stringify((c as { kind: unknown }).kind)}`);
  }
}

function compareAll(prefix: string, got: Record<string, unknown>, want: Record<string, EncodedTensor>, dtype: DType, tol: number): TensorComparison[] {
  return Object.entries(want).map(([key, t]) => compareTensor(`${prefix} ${key}`, got[key], t.shape, decodeValues(t), dtype, tol));
}

/** One fixture case in one dtype: every forward output, every gradient, and untouched inputs. */
export function runFixtureCase(c: SeedCase, dtype: DType): FixtureCaseResult {
  const { params: encodedParams, ...encodedInputs } = c.inputs;
  const v = decodeRecord(encodedInputs, dtype);
  const params = decodeRecord(encodedParams, dtype);
  let outputs: SeedApiOutputs;
  try {
    outputs = callSeedApi(c, v, params);
  } catch (e) {
    const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { name: c.name, dtype, ok: false, comparisons: [], error };
  }
  const tol = toleranceFor(dtype);
  const comparisons = [
    ...compareAll('forward', outputs.forward, c.forward, dtype, tol),
    ...compareAll('backward', outputs.backward, c.backward, dtype, tol),
    // The seed functions must not write into their arguments (the notebook copies a0).
    ...Object.entries(encodedInputs).map(([key, t]) =>
      compareTensor(`input ${key} unchanged`, v[key], t.shape, decodeRecord({ [key]: t }, dtype)[key].data, dtype, 0)),
    ...Object.entries(encodedParams).map(([key, t]) =>
      compareTensor(`input params.${key} unchanged`, params[key], t.shape, decodeRecord({ [key]: t }, dtype)[key].data, dtype, 0)),
  ];
  return { name: c.name, dtype, ok: comparisons.every((r) => r.ok), comparisons };
}

/** Every case of the fixture file in each dtype, on the current backend. */
export function runFixtureChecks(file: SeedFixtureFile, dtypes: readonly DType[] = ['float64', 'float32']): FixtureCaseResult[] {
  const results: FixtureCaseResult[] = [];
  for (const dtype of dtypes) for (const c of file.cases) results.push(runFixtureCase(c, dtype));
  return results;
}

/** A readable report of the failed cases ('' when all passed). */
export function describeFixtureFailures(results: readonly FixtureCaseResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    if (r.ok) continue;
    lines.push(`${r.name} [${r.dtype}]`);
    if (r.error) lines.push(`  threw ${r.error}`);
    for (const cmp of r.comparisons) if (!cmp.ok) lines.push(`  ${cmp.message}`);
  }
  return lines.join('\n');
}
