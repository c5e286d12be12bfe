import type { Tensor } from '../tensor.ts';

/**
 * One trainable array and its gradient, under a stable name (e.g. `l0.wx`, `head.w`).
 * Optimizers update `param.data` in place from `grad.data`; layers accumulate into `grad`.
 */
export interface NamedParameter {
  readonly name: string;
  readonly param: Tensor;
  readonly grad: Tensor;
}

/** Sets every gradient to zero (layers accumulate, so call this before each backward pass). */
export function zeroGrad(params: readonly NamedParameter[]): void {
  for (const p of params) p.grad.data.fill(0);
}

/** Prefixes every name with `prefix.` (used when a model nests layers). */
export function prefixParameters(prefix: string, params: readonly NamedParameter[]): NamedParameter[] {
  return params.map((p) => ({ name: `${prefix}.${p.name}`, param: p.param, grad: p.grad }));
}
