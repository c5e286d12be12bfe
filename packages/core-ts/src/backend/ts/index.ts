/**
 * The 'ts' backend: plain loops over typed arrays. It is the reference the other backends
 * are tested against, so it favours obviously correct code over speed.
 */
import type { Backend } from '../types.ts';
import { gemm } from './gemm.ts';
import { recurrentBackward, recurrentForward } from './recurrent.ts';
import { softmaxRows } from './softmax.ts';
import { transpose } from './transpose.ts';

export const tsBackend: Backend = {
  name: 'ts',
  gemm,
  transpose,
  softmaxRows,
  recurrentForward,
  recurrentBackward,
};
