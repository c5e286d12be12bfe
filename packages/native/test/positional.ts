/**
 * Argument objects (as the Backend interface takes them) spelled as the raw exports'
 * positional parameter lists, field by field, with nothing checked or converted (the cell
 * name is passed as given), so bad-input tests can write `{ ...good, x: undefined }` and
 * still send exactly that to the addon.
 */
import type { GemmParams, RecurrentBackwardParams, RecurrentForwardParams } from '../src/addon.js';

type Obj = Record<string, unknown>;

export function gemmParams(o: Obj): GemmParams {
  return [o.transA, o.transB, o.m, o.n, o.k, o.alpha, o.a, o.lda, o.b, o.ldb, o.beta, o.c, o.ldc] as GemmParams;
}

export function forwardParams(o: Obj): RecurrentForwardParams {
  return [
    o.cell, o.resetAfter, o.T, o.B, o.X, o.H, o.x, o.h0, o.c0, o.wx, o.wh, o.bx, o.bh, o.lengths, o.hs, o.cs, o.gates,
    o.activation, o.recurrentActivation,
  ] as RecurrentForwardParams;
}

export function backwardParams(o: Obj): RecurrentBackwardParams {
  return [
    o.cell, o.resetAfter, o.T, o.B, o.X, o.H, o.x, o.h0, o.c0, o.wx, o.wh, o.bh, o.lengths, o.hs, o.cs, o.gates,
    o.dhs, o.dhT, o.dcT, o.dx, o.dh0, o.dc0, o.dwx, o.dwh, o.dbx, o.dbh, o.activation, o.recurrentActivation,
  ] as RecurrentBackwardParams;
}
