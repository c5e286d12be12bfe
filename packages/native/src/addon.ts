/** The shape of the compiled addon's exports (crates/node). */
import type { FloatArray, GemmArgs, RecurrentBackwardArgs, RecurrentForwardArgs } from '@recur/core';

export interface NativeInfo {
  /** Version of the recur-node crate the binary was built from. */
  version: string;
  /** SIMD path the kernels use: 'avx512', 'avx2' or 'scalar' (RECUR_ISA can lower it). */
  isa: string;
  /** Threads the kernels may use (RECUR_NUM_THREADS, else the available parallelism). */
  threads: number;
}

export interface RawAddon {
  gemm(args: GemmArgs): void;
  softmaxRows(data: FloatArray, rows: number, cols: number): void;
  recurrentForward(args: RecurrentForwardArgs): void;
  recurrentBackward(args: RecurrentBackwardArgs): void;
  info(): NativeInfo;
  /** Panics inside Rust on purpose: tests use it to prove a panic becomes a JS Error. */
  __panicForTest(): never;
}

export const ADDON_FUNCTIONS: readonly (keyof RawAddon)[] = [
  'gemm',
  'softmaxRows',
  'recurrentForward',
  'recurrentBackward',
  'info',
  '__panicForTest',
];
