/**
 * Which state slots an optimizer keeps, asked of the optimizer itself: a twin built over
 * one-element stand-ins of the same parameters takes one step with zero gradients, and its
 * state shows the slots per parameter (Adam: m and v; plain SGD: none). A saved state that
 * lacks one would resume from zeros without a word, so loaders compare against this.
 */
import type { NamedParameter } from '../layers/parameter.ts';
import { createOptimizer, type OptimizerConfig } from '../optim/create-optimizer.ts';
import type { OptimizerState } from '../optim/optimizer.ts';
import { Tensor } from '../tensor.ts';

/** Throws a RangeError naming the first slot `state` lacks or has too many, or the first non-finite value. */
export function checkOptimizerSlots(owner: string, config: OptimizerConfig, params: readonly NamedParameter[], state: OptimizerState): void {
  const standIns = params.map((p) => ({ name: p.name, param: Tensor.zeros([1], p.param.dtype), grad: Tensor.zeros([1], p.param.dtype) }));
  const twin = createOptimizer(standIns, config);
  // A wrong kind or step is Optimizer.loadState's to name.
  if (state.kind !== twin.kind || !Number.isSafeInteger(state.step) || state.step < 0) return;
  if (state.step > 0) twin.step();
  const want = Object.keys(twin.state().slots);
  const slots = state.slots ?? {};
  const kinds = [...new Set(want.map((k) => k.slice(0, k.indexOf(':'))))];
  const keeps = kinds.length > 0 ? `it keeps ${kinds.join(', ')} for every parameter` : `it keeps none at step ${state.step}`;
  const wanted = new Set(want);
  for (const key of want) {
    if (!(key in slots)) throw new RangeError(`${owner}: the ${twin.kind} optimizer's state at step ${state.step} has no slot '${key}' (${keeps})`);
  }
  for (const [key, data] of Object.entries(slots)) {
    if (!wanted.has(key)) throw new RangeError(`${owner}: the ${twin.kind} optimizer's state has slot '${key}', which it does not keep (${keeps})`);
    if (!(data instanceof Float64Array || data instanceof Float32Array)) continue; // loadState names the type
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i])) throw new RangeError(`${owner}: optimizer slot '${key}'[${i}] is ${data[i]}; the state is corrupt`);
    }
  }
}
