/**
 * The 'ts' backend: loops over typed arrays, runnable anywhere JavaScript runs. It is the
 * reference the other backends are tested against, so its kernels stay plain, except the
 * GEMM: packed and register-blocked (gemm-blocked.ts), tested against naive-gemm.ts. Every kernel first
 * runs the shared argument checks (backend/check-args), so it refuses exactly what the
 * native addon refuses, with the same error class and message, and reads inputs that share
 * memory with an output from a copy, as native does; the kernels it calls internally (gemm
 * inside a recurrent pass) skip both.
 */
import { checkBackward, checkForward, checkGemm, checkSoftmax, checkTranspose } from '../check-args/check-args.ts';
import { toPositional, type KernelName } from '../kernel-signatures.ts';
import type { Backend } from '../types.ts';
import { gemm } from './gemm.ts';
import { withPrivateInputs } from './private-inputs.ts';
import { recurrentBackward, recurrentForward } from './recurrent.ts';
import { softmaxRows } from './softmax.ts';
import { transpose } from './transpose.ts';

/** `run` behind the shared checks of `kernel` (which read the argument object positionally),
 *  on private copies of the inputs that overlap an output. */
function checked<A extends object>(kernel: KernelName, check: (func: string, values: readonly unknown[]) => unknown, run: (args: A) => void) {
  return (args: A): void => {
    check(kernel, toPositional(kernel, args ?? {}));
    run(withPrivateInputs(kernel, args));
  };
}

export const tsBackend: Backend = {
  name: 'ts',
  gemm: checked('gemm', checkGemm, gemm),
  transpose: checked('transpose', checkTranspose, transpose),
  softmaxRows(data, rows, cols) {
    checkSoftmax('softmaxRows', [data, rows, cols]);
    softmaxRows(data, rows, cols);
  },
  recurrentForward: checked('recurrentForward', checkForward, recurrentForward),
  recurrentBackward: checked('recurrentBackward', checkBackward, recurrentBackward),
};
