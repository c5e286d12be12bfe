/**
 * The shape of the compiled addon's exports (crates/node). Arguments are positional, in the
 * order core's KERNEL_SIGNATURES declares (conformance's kernel-signatures test checks these
 * tuples, backend.ts and crates/node against it): reading
 * named properties of an argument object through Node-API cost 150-300 ns each, a positional
 * argument costs next to nothing. `backend.ts` maps the Backend's objects to these calls.
 * Each export checks every argument itself (kinds, lengths, detached or shared buffers,
 * overlapping outputs), so calling them directly with bad input throws, never crashes.
 */
import type { CellKind, FloatArray, GateActivation, RnnActivation } from '@recur/core';

export interface NativeInfo {
  /** Version of the recur-node crate the binary was built from. */
  version: string;
  /** SIMD path the kernels use: 'avx512', 'avx2' or 'scalar' (RECUR_ISA can lower it). */
  isa: string;
  /** Threads the kernels may use (RECUR_NUM_THREADS, else the available parallelism). */
  threads: number;
}

/** 0 = rnn, 1 = lstm, 2 = gru (what the backend passes); the names are accepted too. */
export type CellCode = 0 | 1 | 2;
type Opt<T> = T | null | undefined;

export type GemmParams = [
  transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
  a: FloatArray, lda: number, b: FloatArray, ldb: number, beta: number, c: FloatArray, ldc: number,
];

export type TransposeParams = [
  count: number, rows: number, cols: number, src: FloatArray, ldSrc: number, srcBatch: number,
  dst: FloatArray, ldDst: number, dstBatch: number,
];

export type RecurrentForwardParams = [
  cell: CellCode | CellKind, resetAfter: Opt<boolean>, T: number, B: number, X: number, H: number,
  x: FloatArray, h0: FloatArray, c0: Opt<FloatArray>, wx: FloatArray, wh: FloatArray, bx: FloatArray,
  bh: Opt<FloatArray>, lengths: Opt<Int32Array>, hs: FloatArray, cs: Opt<FloatArray>, gates: FloatArray,
  activation: Opt<RnnActivation>, recurrentActivation: Opt<GateActivation>,
];

export type RecurrentBackwardParams = [
  cell: CellCode | CellKind, resetAfter: Opt<boolean>, T: number, B: number, X: number, H: number,
  x: FloatArray, h0: FloatArray, c0: Opt<FloatArray>, wx: FloatArray, wh: FloatArray, bh: Opt<FloatArray>,
  lengths: Opt<Int32Array>, hs: FloatArray, cs: Opt<FloatArray>, gates: FloatArray,
  dhs: Opt<FloatArray>, dhT: Opt<FloatArray>, dcT: Opt<FloatArray>,
  dx: FloatArray, dh0: FloatArray, dc0: Opt<FloatArray>, dwx: FloatArray, dwh: FloatArray, dbx: FloatArray, dbh: Opt<FloatArray>,
  activation: Opt<RnnActivation>, recurrentActivation: Opt<GateActivation>,
];

export interface RawAddon {
  gemm(...args: GemmParams): void;
  transpose(...args: TransposeParams): void;
  softmaxRows(data: FloatArray, rows: number, cols: number): void;
  recurrentForward(...args: RecurrentForwardParams): void;
  recurrentBackward(...args: RecurrentBackwardParams): void;
  /**
   * The async variants check everything at once (a bad call gives a rejected promise), then
   * run the kernel on the libuv thread pool. Until the promise settles the caller must not
   * write, transfer, detach or resize any array passed; another native call that would
   * write memory a pending call uses (or read memory it writes) is refused with a RangeError.
   */
  gemmAsync(...args: GemmParams): Promise<void>;
  recurrentForwardAsync(...args: RecurrentForwardParams): Promise<void>;
  recurrentBackwardAsync(...args: RecurrentBackwardParams): Promise<void>;
  info(): NativeInfo;
  /** Panics inside Rust on purpose: tests use it to prove a panic becomes a JS Error. */
  __panicForTest(): never;
  /** Panics on a pool thread: the promise rejects with an Error. */
  __panicForTestAsync(): Promise<never>;
}

export const ADDON_FUNCTIONS: readonly (keyof RawAddon)[] = [
  'gemm',
  'transpose',
  'softmaxRows',
  'recurrentForward',
  'recurrentBackward',
  'gemmAsync',
  'recurrentForwardAsync',
  'recurrentBackwardAsync',
  'info',
  '__panicForTest',
  '__panicForTestAsync',
];
