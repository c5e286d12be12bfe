/**
 * The one TypeScript declaration of the kernel-argument checks: one function per kernel
 * reads the positional arguments (KERNEL_SIGNATURES order), checks them exactly as the
 * native addon does (same checks, same error classes, same messages) and returns the
 * checked call. The ts backend calls them on every kernel call, the wasm backend before it
 * copies anything into linear memory; packages/native/test/bad-input.test.ts and the
 * conformance suite compare the messages across backends.
 */
import { formatShape } from '../../errors.ts';
import { kernelArgNames } from '../kernel-signatures.ts';
import {
  ArgReader, type ArrayArg, CELL_NAMES, type CellCode, checkDisjointOutputs, commonDtype, type Dtype, expectLen, expectMinLen, shapeLen,
} from './arg-reader.ts';

const GEMM_NAMES = kernelArgNames('gemm');
const SOFTMAX_NAMES = kernelArgNames('softmaxRows');
const TRANSPOSE_NAMES = kernelArgNames('transpose');
const FORWARD_NAMES = kernelArgNames('recurrentForward');
const BACKWARD_NAMES = kernelArgNames('recurrentBackward');

/** An array of the call with the number of elements the kernel reads or writes from its start. */
export interface Part {
  readonly arg: ArrayArg;
  readonly len: number;
}

export interface GemmCall {
  readonly transA: boolean;
  readonly transB: boolean;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly alpha: number;
  readonly beta: number;
  readonly lda: number;
  readonly ldb: number;
  readonly ldc: number;
  readonly dtype: Dtype;
  readonly a: Part;
  readonly b: Part;
  readonly c: Part;
}

/** Minimum length of a rows×cols matrix with row stride ld. */
function matrixLen(func: string, name: string, rows: number, cols: number, ld: number): bigint {
  if (ld < cols) throw new RangeError(`${func}: ld${name} must be >= ${cols} (columns of ${name} as stored), got ${ld}`);
  if (rows === 0 || cols === 0) return 0n;
  const len = BigInt(rows - 1) * BigInt(ld) + BigInt(cols);
  if (len > (1n << 64n) - 1n) throw new RangeError(`${func}: a ${rows}x${cols} matrix ${name} with ld${name}=${ld} is too large`);
  return len;
}

/** A stride a kernel never uses (one row, or no columns) may exceed 32 bits; pass the smallest valid one. */
function usedStride(ld: number, rows: number, cols: number): number {
  return rows <= 1 || cols === 0 ? cols : ld;
}

export function checkGemm(func: string, values: readonly unknown[]): GemmCall {
  const r = new ArgReader(func, GEMM_NAMES, values);
  const transA = r.boolean();
  const transB = r.boolean();
  const m = r.dim();
  const n = r.dim();
  const k = r.dim();
  const alpha = r.number();
  const a = r.floatArray();
  const lda = r.dim();
  const b = r.floatArray();
  const ldb = r.dim();
  const beta = r.number();
  const c = r.floatArray();
  const ldc = r.dim();
  const dtype = commonDtype(func, [a, b, c]);
  const [ar, ac] = transA ? [k, m] : [m, k];
  const [br, bc] = transB ? [n, k] : [k, n];
  const aLen = matrixLen(func, 'a', ar, ac, lda);
  expectMinLen(func, a, aLen, [ar, ac], 'rows, cols of A as stored');
  const bLen = matrixLen(func, 'b', br, bc, ldb);
  expectMinLen(func, b, bLen, [br, bc], 'rows, cols of B as stored');
  const cLen = matrixLen(func, 'c', m, n, ldc);
  expectMinLen(func, c, cLen, [m, n], 'm, n');
  return {
    transA, transB, m, n, k, alpha, beta, dtype,
    lda: usedStride(lda, ar, ac), ldb: usedStride(ldb, br, bc), ldc: usedStride(ldc, m, n),
    a: { arg: a, len: Number(aLen) }, b: { arg: b, len: Number(bLen) }, c: { arg: c, len: Number(cLen) },
  };
}

export interface SoftmaxCall {
  readonly rows: number;
  readonly cols: number;
  readonly dtype: Dtype;
  readonly data: Part;
}

export function checkSoftmax(func: string, values: readonly unknown[]): SoftmaxCall {
  const r = new ArgReader(func, SOFTMAX_NAMES, values);
  const data = r.floatArray();
  const rows = r.dim();
  const cols = r.dim();
  const total = BigInt(rows) * BigInt(cols);
  if (total > (1n << 64n) - 1n) throw new RangeError(`${func}: rows*cols (${rows}*${cols}) is too large`);
  expectMinLen(func, data, total, [rows, cols], 'rows, cols');
  return { rows, cols, dtype: commonDtype(func, [data]), data: { arg: data, len: Number(total) } };
}

export interface TransposeCall {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  readonly ldSrc: number;
  readonly srcBatch: number;
  readonly ldDst: number;
  readonly dstBatch: number;
  readonly dtype: Dtype;
  readonly src: Part;
  readonly dst: Part;
}

/** Elements a batch of rows x cols blocks (row stride ld, block stride batch) spans; 0 when empty. */
function blocksLen(func: string, count: number, rows: number, cols: number, ld: number, batch: number): bigint {
  if (count === 0 || rows === 0 || cols === 0) return 0n;
  const len = BigInt(count - 1) * BigInt(batch) + BigInt(rows - 1) * BigInt(ld) + BigInt(cols);
  if (len > (1n << 64n) - 1n) throw new RangeError(`${func}: ${count} blocks of ${rows}x${cols} with these strides are too large`);
  return len;
}

export function checkTranspose(func: string, values: readonly unknown[]): TransposeCall {
  const r = new ArgReader(func, TRANSPOSE_NAMES, values);
  const count = r.dim();
  const rows = r.dim();
  const cols = r.dim();
  const src = r.floatArray();
  const ldSrc = r.dim();
  const srcBatch = r.dim();
  const dst = r.floatArray();
  const ldDst = r.dim();
  const dstBatch = r.dim();
  const dtype = commonDtype(func, [src, dst]);
  const empty = count === 0 || rows === 0 || cols === 0;
  if (!empty && rows > 1 && ldSrc < cols) throw new RangeError(`${func}: ldSrc must be >= cols (${cols}), got ${ldSrc}`);
  if (!empty && cols > 1 && ldDst < rows) throw new RangeError(`${func}: ldDst must be >= rows (${rows}), got ${ldDst}`);
  const srcLen = blocksLen(func, count, rows, cols, ldSrc, srcBatch);
  const dstLen = blocksLen(func, count, cols, rows, ldDst, dstBatch);
  expectMinLen(func, src, srcLen, [count, rows, cols], 'count, rows, cols');
  expectMinLen(func, dst, dstLen, [count, cols, rows], 'count, cols, rows');
  const [s, d] = [src.view, dst.view];
  if (s.byteLength > 0 && d.byteLength > 0 && s.buffer === d.buffer && s.byteOffset < d.byteOffset + d.byteLength && d.byteOffset < s.byteOffset + s.byteLength) {
    throw new RangeError(`${func}: src and dst overlap`);
  }
  return {
    // Strides the kernel never uses may exceed 32 bits (usize on wasm32): pass 0 for them.
    count, rows, cols, dtype,
    ldSrc: rows > 1 ? ldSrc : 0, srcBatch: count > 1 ? srcBatch : 0, ldDst: cols > 1 ? ldDst : 0, dstBatch: count > 1 ? dstBatch : 0,
    src: { arg: src, len: Number(srcLen) }, dst: { arg: dst, len: Number(dstLen) },
  };
}

/** The layouts of a recurrent call's arrays. */
class Shapes {
  readonly gh: number;
  readonly store: number;
  constructor(
    readonly func: string,
    readonly cell: CellCode,
    readonly T: number,
    readonly B: number,
    readonly X: number,
    readonly H: number,
  ) {
    this.gh = Number(shapeLen(func, 'G*H', [[1, 4, 3][cell], H]));
    this.store = Number(shapeLen(func, 'gate store width', [cell === 0 ? 0 : 4, H]));
  }
  tbx(a: ArrayArg): void {
    expectLen(this.func, a, [this.T, this.B, this.X], 'T, B, X');
  }
  tbh(a: ArrayArg): void {
    expectLen(this.func, a, [this.T, this.B, this.H], 'T, B, H');
  }
  bh(a: ArrayArg): void {
    expectLen(this.func, a, [this.B, this.H], 'B, H');
  }
  xg(a: ArrayArg): void {
    expectLen(this.func, a, [this.X, this.gh], 'X, G*H');
  }
  hg(a: ArrayArg): void {
    expectLen(this.func, a, [this.H, this.gh], 'H, G*H');
  }
  g(a: ArrayArg): void {
    expectLen(this.func, a, [this.gh], 'G*H');
  }
  gates(a: ArrayArg): void {
    expectLen(this.func, a, [this.T, this.B, this.store], 'T, B, gateStoreWidth(cell, H)');
  }
  /** lengths: [B], each value in 0..=T. */
  lengths(a: ArrayArg | undefined): void {
    if (a === undefined) return;
    expectLen(this.func, a, [this.B], 'B');
    const v = a.view;
    for (let i = 0; i < v.length; i++) {
      if (v[i] < 0 || v[i] > this.T) {
        throw new RangeError(
          `${this.func}: lengths[${i}] = ${v[i]} is outside 0..=${this.T} (T); lengths has shape ${formatShape([this.B])}`,
        );
      }
    }
  }
}

/** One array slot of an export: read (copied in) or written (copied out); arg undefined = left out. */
export interface Slot {
  readonly arg: ArrayArg | undefined;
  readonly out: boolean;
}

const ins = (...args: (ArrayArg | undefined)[]): Slot[] => args.map((arg) => ({ arg, out: false }));
const outs = (...args: (ArrayArg | undefined)[]): Slot[] => args.map((arg) => ({ arg, out: true }));

/** A recurrent call: dims, dtype and the array slots in the export's argument order. */
export interface RecurrentCall {
  readonly cell: CellCode;
  readonly resetAfter: boolean;
  readonly T: number;
  readonly B: number;
  readonly X: number;
  readonly H: number;
  readonly dtype: Dtype;
  readonly slots: readonly Slot[];
}

/**
 * The last two arguments of both recurrent kernels: activation, recurrentActivation. Each
 * belongs to some cells only (activation to rnn, recurrentActivation to lstm and gru): a
 * non-default value for another cell is a mistake, not something to ignore.
 */
function readActivations(r: ArgReader, func: string, cell: CellCode): void {
  const activation = r.optActivation(['tanh', 'relu'], "'tanh' or 'relu'");
  const recurrentActivation = r.optActivation(['sigmoid', 'hardSigmoid'], "'sigmoid' or 'hardSigmoid'");
  if (cell !== 0 && activation !== undefined && activation !== 'tanh') {
    throw new TypeError(`${func}: activation '${activation}' is only for the 'rnn' cell, got cell '${CELL_NAMES[cell]}'`);
  }
  if (cell === 0 && recurrentActivation !== undefined && recurrentActivation !== 'sigmoid') {
    throw new TypeError(`${func}: recurrentActivation '${recurrentActivation}' is only for the 'lstm' and 'gru' cells`);
  }
}

export function checkForward(func: string, values: readonly unknown[]): RecurrentCall {
  const r = new ArgReader(func, FORWARD_NAMES, values);
  const cell = r.cell();
  const resetAfter = r.optBoolean();
  const s = new Shapes(func, cell, r.dim(), r.dim(), r.dim(), r.dim());
  const lstm = cell === 1;
  const x = r.floatArray();
  const h0 = r.floatArray();
  const c0 = lstm ? r.optFloatArray() : r.skip();
  const wx = r.floatArray();
  const wh = r.floatArray();
  const bx = r.floatArray();
  const bh = r.optFloatArray();
  const lengths = r.optInt32Array();
  const hs = r.floatArray();
  const cs = lstm ? r.floatArray() : r.skip();
  const gates = r.floatArray();
  readActivations(r, func, cell);
  const floats = [x, h0, wx, wh, bx, hs, gates, c0, bh, cs].filter((a): a is ArrayArg => a !== undefined);
  const dtype = commonDtype(func, floats);
  s.tbx(x);
  s.bh(h0);
  if (c0) s.bh(c0);
  s.xg(wx);
  s.hg(wh);
  s.g(bx);
  if (bh) s.g(bh);
  s.tbh(hs);
  if (cs) s.tbh(cs);
  s.gates(gates);
  s.lengths(lengths);
  checkDisjointOutputs(func, [hs, cs, gates].filter((a): a is ArrayArg => a !== undefined));
  const slots = [...ins(x, h0, c0, wx, wh, bx, bh, lengths), ...outs(hs, cs, gates)];
  return { cell, resetAfter, T: s.T, B: s.B, X: s.X, H: s.H, dtype, slots };
}

export function checkBackward(func: string, values: readonly unknown[]): RecurrentCall {
  const r = new ArgReader(func, BACKWARD_NAMES, values);
  const cell = r.cell();
  const resetAfter = r.optBoolean();
  const s = new Shapes(func, cell, r.dim(), r.dim(), r.dim(), r.dim());
  const lstm = cell === 1;
  const lstmOpt = () => (lstm ? r.optFloatArray() : r.skip());
  const x = r.floatArray();
  const h0 = r.floatArray();
  const c0 = lstmOpt();
  const wx = r.floatArray();
  const wh = r.floatArray();
  const bh = r.optFloatArray();
  const lengths = r.optInt32Array();
  const hs = r.floatArray();
  const cs = lstm ? r.floatArray() : r.skip();
  const gates = r.floatArray();
  const dhs = r.optFloatArray();
  const dhT = r.optFloatArray();
  const dcT = lstmOpt();
  const dx = r.floatArray();
  const dh0 = r.floatArray();
  const dc0 = lstmOpt();
  const dwx = r.floatArray();
  const dwh = r.floatArray();
  const dbx = r.floatArray();
  const dbh = r.optFloatArray();
  readActivations(r, func, cell);
  const floats = [x, h0, wx, wh, hs, gates, dx, dh0, dwx, dwh, dbx, c0, bh, cs, dhs, dhT, dcT, dc0, dbh].filter(
    (a): a is ArrayArg => a !== undefined,
  );
  const dtype = commonDtype(func, floats);
  s.tbx(x);
  s.bh(h0);
  s.xg(wx);
  s.hg(wh);
  s.tbh(hs);
  s.gates(gates);
  s.tbx(dx);
  s.bh(dh0);
  s.xg(dwx);
  s.hg(dwh);
  s.g(dbx);
  for (const a of [c0, dhT, dcT, dc0]) if (a) s.bh(a);
  for (const a of [cs, dhs]) if (a) s.tbh(a);
  for (const a of [bh, dbh]) if (a) s.g(a);
  s.lengths(lengths);
  const outputs = [dx, dh0, dc0, dwx, dwh, dbx, dbh];
  checkDisjointOutputs(func, outputs.filter((a): a is ArrayArg => a !== undefined));
  const slots = [...ins(x, h0, c0, wx, wh, bh, lengths, hs, cs, gates, dhs, dhT, dcT), ...outs(...outputs)];
  return { cell, resetAfter, T: s.T, B: s.B, X: s.X, H: s.H, dtype, slots };
}
