/**
 * The recurrent layers' batchFirst option: x / mask / output / dOutput / dx are swapped
 * between [B, T, ...] and the kernels' [T, B, ...] here, around the time-major stack passes.
 * States (h0, hN, c0, cN, dhN, dh0, ...) are [numLayers*dirs, B, H] in both layouts.
 */
import { checkTensor } from './check-tensor.ts';
import { fromTimeMajor, toTimeMajor } from './batch-first.ts';
import type { RecurrentBackwardOptions, RecurrentBackwardResult } from './recurrent-backward.ts';
import type { RecurrentConfig } from './recurrent-config.ts';
import type { RecurrentContext } from './recurrent-context.ts';
import type { RecurrentForwardOptions, RecurrentForwardResult } from './recurrent-forward.ts';
import type { Tensor } from '../tensor.ts';

/** f(value), synchronously for a value and after it settles for a promise (one code path for the sync and async layer calls). */
function andThen<T, U>(value: T | Promise<T>, f: (v: T) => U): U | Promise<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}

export function forwardInLayout<R extends Pick<RecurrentForwardResult, 'output'>, P extends R | Promise<R>>(
  ownerName: string,
  config: RecurrentConfig,
  x: Tensor,
  options: RecurrentForwardOptions | undefined,
  run: (x: Tensor, options: RecurrentForwardOptions | undefined) => P,
): P {
  if (!config.batchFirst) return run(x, options);
  // Checked in the caller's layout first, so the message shows the shape as given.
  checkTensor(`${ownerName}.forward: x`, x, [-1, -1, config.inputSize], config.dtype, ['B', 'T']);
  const mask = options?.mask;
  const timeMajor = options && mask != null ? { ...options, mask: toTimeMajor(mask, true) } : options;
  return andThen(run(toTimeMajor(x, true), timeMajor), (r: R) => (config.returnSequences ? { ...r, output: fromTimeMajor(r.output, true) } : r)) as P;
}

export function backwardInLayout<P extends RecurrentBackwardResult | Promise<RecurrentBackwardResult>>(
  config: RecurrentConfig,
  ctx: RecurrentContext,
  dOutput: Tensor | null,
  options: RecurrentBackwardOptions | undefined,
  run: (dOutput: Tensor | null, options: RecurrentBackwardOptions | undefined) => P,
): P {
  if (!config.batchFirst) return run(dOutput, options);
  const swapped = dOutput != null && config.returnSequences ? swapChecked(ctx, dOutput) : dOutput;
  return andThen(run(swapped, options), (r: RecurrentBackwardResult) => ({ ...r, dx: fromTimeMajor(r.dx, true) })) as P;
}

/** dOutput must be [B, T, F]; a tensor of another shape is passed on unswapped only if it
 *  cannot be swapped, so the stack's own check names its (given) shape. */
function swapChecked(ctx: RecurrentContext, dOutput: Tensor): Tensor {
  const ok = typeof dOutput === 'object' && dOutput !== null && 'shape' in dOutput && dOutput.shape.length === 3
    && dOutput.shape[0] === ctx?.B && dOutput.shape[1] === ctx?.T;
  return ok ? toTimeMajor(dOutput, true) : dOutput;
}
