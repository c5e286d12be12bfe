/**
 * The 'ts' backend: plain loops over typed arrays. It is the reference the other backends
 * are tested against, so it favours obviously correct code over speed.
 */
import type { Backend } from '../types.js';
import { gemm } from './gemm.js';
import { recurrentBackward, recurrentForward } from './recurrent.js';
import { softmaxRows } from './softmax.js';

export const tsBackend: Backend = {
  name: 'ts',
  gemm,
  softmaxRows,
  recurrentForward,
  recurrentBackward,
};
