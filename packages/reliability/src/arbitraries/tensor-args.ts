/**
 * The Tensor arguments of one fuzz case, built from labelled shapes and sizes, with at most
 * one fault applied to one of them: an axis of the wrong size, a wrong rank, the other
 * dtype, a non-Tensor in its place, or a Tensor whose buffer was detached.
 */
import { Tensor } from '@recur/core';
import fc from 'fast-check';
import { detachedTensor, junk } from './junk.js';
import { consistent, shapeOf, type LabelledArg, type Sizes } from './labelled-shapes.js';
import { ValueSource, type ValueSpec } from './values.js';

export type DType = 'float32' | 'float64';

export type TensorFault =
  | { kind: 'axis'; arg: number; axis: number; delta: number }
  | { kind: 'rank'; arg: number; add: boolean }
  | { kind: 'dtype'; arg: number }
  | { kind: 'junk'; arg: number; pick: number }
  | { kind: 'detached'; arg: number };

export const tensorFault: fc.Arbitrary<TensorFault> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('axis' as const), arg: fc.nat(), axis: fc.nat(), delta: fc.constantFrom(-2, -1, 1, 2, 7) }), weight: 3 },
  fc.record({ kind: fc.constant('rank' as const), arg: fc.nat(), add: fc.boolean() }),
  fc.record({ kind: fc.constant('dtype' as const), arg: fc.nat() }),
  fc.record({ kind: fc.constant('junk' as const), arg: fc.nat(), pick: fc.nat() }),
  fc.record({ kind: fc.constant('detached' as const), arg: fc.nat() }),
);

export interface PlannedArgs {
  /** Shapes after the fault (what the arguments will have). */
  shapes: number[][];
  /** Index of the faulted argument, or -1. */
  faulted: number;
  /** Whether the call can succeed: shapes still consistent and no dtype/junk/detached fault. */
  valid: boolean;
  /** Whether the call must throw. (An empty tensor's detached buffer is neither: there is nothing to read.) */
  mustThrow: boolean;
  fault: TensorFault | null;
}

/**
 * Where the fault lands and what it does to the shapes (no arrays are built yet). `fixed`
 * are arguments already made (a backward call's forward pass): never faulted, but an axis
 * fault must still agree with them for the call to be valid.
 */
export function planArgs(args: readonly LabelledArg[], sizes: Sizes, fault: TensorFault | null, fixed: readonly LabelledArg[] = []): PlannedArgs {
  const shapes = args.map((a) => shapeOf(a.axes, sizes));
  if (!fault || args.length === 0) return { shapes, faulted: -1, valid: true, mustThrow: false, fault: null };
  const i = fault.arg % args.length;
  if (fault.kind === 'axis') {
    const shape = shapes[i];
    if (shape.length === 0) return { shapes, faulted: -1, valid: true, mustThrow: false, fault: null };
    const k = fault.axis % shape.length;
    shape[k] = Math.max(0, shape[k] + fault.delta);
    const ok = consistent([...args, ...fixed], [...shapes, ...fixed.map((a) => shapeOf(a.axes, sizes))]);
    return { shapes, faulted: i, valid: ok, mustThrow: !ok, fault };
  }
  if (fault.kind === 'rank') {
    shapes[i] = fault.add ? [...shapes[i], 1] : shapes[i].slice(0, -1);
    return { shapes, faulted: i, valid: false, mustThrow: true, fault };
  }
  const empty = fault.kind === 'detached' && shapes[i].includes(0);
  return { shapes, faulted: i, valid: false, mustThrow: !empty, fault };
}

/** Builds the arguments of a plan: fresh arrays every time (calls may write into them). */
export function buildArgs(plan: PlannedArgs, dtype: DType, values: ValueSpec, scale = 1): unknown[] {
  const source = new ValueSource(values, plan.shapes.length);
  return plan.shapes.map((shape, i) => {
    const faulted = i === plan.faulted ? plan.fault : null;
    const dt: DType = faulted?.kind === 'dtype' ? (dtype === 'float64' ? 'float32' : 'float64') : dtype;
    const t = Tensor.zeros(shape, dt);
    source.fill(t.data, scale);
    if (faulted?.kind === 'junk') return junk(faulted.pick);
    if (faulted?.kind === 'detached') return detachedTensor(shape, dt);
    return t;
  });
}
