/** What rnnBackward and lstmBackward share: the checks, the backward pass, dx and da0. */
import { Tensor } from '../tensor.ts';
import { fromTimeMajor } from './layout.ts';
import { runBackward, type BackwardOutputs } from './recurrent.ts';
import type { SequenceStore } from './types.ts';
import { checkSequenceGradient, requireSequenceCaches, requireTensor } from './validate.ts';

/**
 * Checks da and the caches `producer` returned, then backpropagates through the first T
 * steps (T from da): dx (n_x, m, T) and da0 (n_a, m) in the notebook's layout, and the
 * weight gradients `g` (reused buffers) for the caller to unpack into its parameter names.
 */
export function sequenceBackward(
  da: Tensor, caches: unknown, cell: 'rnn' | 'lstm', producer: string,
): { store: SequenceStore; g: BackwardOutputs; dx: Tensor; da0: Tensor } {
  requireTensor('da', da);
  const store = requireSequenceCaches(caches, cell, producer);
  const { B, X, H } = store;
  const { da: d, T } = checkSequenceGradient(da, store);
  const g = runBackward(store, 0, T, d.data, null);
  return {
    store,
    g,
    dx: new Tensor(fromTimeMajor(g.dx, X, B, T), [X, B, T]),
    da0: new Tensor(fromTimeMajor(g.dh0, H, B, 1), [H, B]),
  };
}
