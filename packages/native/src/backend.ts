/**
 * The 'native' Backend: each kernel is one call into the addon, which checks its arguments.
 * The argument objects of the Backend interface are unpacked here into positional
 * arguments (see addon.ts for why), and the cell kind into a small integer code.
 */
import type { Backend, CellKind, GemmArgs, RecurrentBackwardArgs, RecurrentForwardArgs } from '@recur/core';
import type { CellCode, GemmParams, RawAddon, RecurrentBackwardParams, RecurrentForwardParams } from './addon.js';

export const NATIVE_BACKEND_NAME = 'native';

/** The native Backend, with the async kernels it always has. */
export interface NativeBackend extends Backend {
  /** gemm on the libuv thread pool; see recurrentForwardAsync for the rules while pending. */
  gemmAsync(args: GemmArgs): Promise<void>;
  recurrentForwardAsync(args: RecurrentForwardArgs): Promise<void>;
  recurrentBackwardAsync(args: RecurrentBackwardArgs): Promise<void>;
}

/** Anything else passes through unchanged, so the addon can name it in its TypeError. */
function cellCode(cell: CellKind): CellCode | CellKind {
  return cell === 'lstm' ? 1 : cell === 'gru' ? 2 : cell === 'rnn' ? 0 : cell;
}

function gemmWith<R>(fn: (...p: GemmParams) => R, a: GemmArgs): R {
  return fn(a.transA, a.transB, a.m, a.n, a.k, a.alpha, a.a, a.lda, a.b, a.ldb, a.beta, a.c, a.ldc);
}

function forwardWith<R>(fn: (...p: RecurrentForwardParams) => R, a: RecurrentForwardArgs): R {
  return fn(
    cellCode(a.cell), a.resetAfter, a.T, a.B, a.X, a.H, a.x, a.h0, a.c0, a.wx, a.wh, a.bx, a.bh, a.lengths, a.hs, a.cs, a.gates,
    a.activation, a.recurrentActivation,
  );
}

function backwardWith<R>(fn: (...p: RecurrentBackwardParams) => R, a: RecurrentBackwardArgs): R {
  return fn(
    cellCode(a.cell), a.resetAfter, a.T, a.B, a.X, a.H, a.x, a.h0, a.c0, a.wx, a.wh, a.bh, a.lengths, a.hs, a.cs, a.gates,
    a.dhs, a.dhT, a.dcT, a.dx, a.dh0, a.dc0, a.dwx, a.dwh, a.dbx, a.dbh, a.activation, a.recurrentActivation,
  );
}

/** An async kernel never throws: a throwing getter or a null argument object rejects too. */
function rejectOnThrow(start: () => Promise<void>): Promise<void> {
  try {
    return start();
  } catch (err) {
    return Promise.reject(err);
  }
}

/** With no addon, every kernel throws (and every async kernel rejects with) an Error carrying `reason`. */
export function createNativeBackend(addon: RawAddon | null, reason: string | undefined): NativeBackend {
  if (addon === null) {
    const error = () => new Error(`@recur/native: the native addon is not available: ${reason ?? 'unknown reason'}`);
    const unavailable = (): never => {
      throw error();
    };
    const unavailableAsync = (): Promise<never> => Promise.reject(error());
    return {
      name: NATIVE_BACKEND_NAME,
      gemm: unavailable,
      transpose: unavailable,
      softmaxRows: unavailable,
      recurrentForward: unavailable,
      recurrentBackward: unavailable,
      gemmAsync: unavailableAsync,
      recurrentForwardAsync: unavailableAsync,
      recurrentBackwardAsync: unavailableAsync,
    };
  }
  return {
    name: NATIVE_BACKEND_NAME,
    gemm: (args) => gemmWith(addon.gemm, args),
    transpose: (a) => addon.transpose(a.count, a.rows, a.cols, a.src, a.ldSrc, a.srcBatch, a.dst, a.ldDst, a.dstBatch),
    softmaxRows: (data, rows, cols) => addon.softmaxRows(data, rows, cols),
    recurrentForward: (args) => forwardWith(addon.recurrentForward, args),
    recurrentBackward: (args) => backwardWith(addon.recurrentBackward, args),
    gemmAsync: (args) => rejectOnThrow(() => gemmWith(addon.gemmAsync, args)),
    recurrentForwardAsync: (args) => rejectOnThrow(() => forwardWith(addon.recurrentForwardAsync, args)),
    recurrentBackwardAsync: (args) => rejectOnThrow(() => backwardWith(addon.recurrentBackwardAsync, args)),
  };
}
