/**
 * The 'wasm' Backend: each kernel call checks its arguments (as the native addon does),
 * copies the inputs into linear memory once, crosses into WebAssembly once, and copies the
 * outputs back. Nothing is written to the caller's arrays unless the kernel succeeded.
 */
import type { Backend, GemmArgs, RecurrentBackwardArgs, RecurrentForwardArgs } from '@recur/core';
import type { ArrayArg, Dtype } from './args.ts';
import { checkBackward, checkForward, checkGemm, checkSoftmax, checkTranspose, type Part, type RecurrentCall } from './checks.ts';
import type { Machine } from './machine.ts';

export const WASM_BACKEND_NAME = 'wasm';

type View = Float32Array | Float64Array | Int32Array;

function viewAt(memory: WebAssembly.Memory, a: ArrayArg, byteOffset: number, len: number): View {
  const Ctor = a.kind === 'Float32Array' ? Float32Array : a.kind === 'Float64Array' ? Float64Array : Int32Array;
  return new Ctor(memory.buffer, byteOffset, len);
}

function copyIn(memory: WebAssembly.Memory, a: ArrayArg, at: number, len: number): void {
  if (len > 0) viewAt(memory, a, at, len).set(len === a.view.length ? a.view : a.view.subarray(0, len));
}

function copyOut(memory: WebAssembly.Memory, a: ArrayArg, at: number, len: number): void {
  if (len > 0) a.view.set(viewAt(memory, a, at, len));
}

const fn = <K extends string>(base: K, dtype: Dtype) => `${base}_${dtype}` as const;

function gemm(m: Machine, values: readonly unknown[]): void {
  const F = 'gemm';
  const g = checkGemm(F, values);
  if (g.m === 0 || g.n === 0) return;
  const parts: [ArrayArg, number][] = [[g.a.arg, g.a.len], [g.b.arg, g.b.len], [g.c.arg, g.c.len]];
  const lay = m.layout(F, parts);
  const base = m.reserve(F, lay.bytes);
  const mem = m.exports.memory;
  const [pa, pb, pc] = lay.offsets.map((o) => base + o);
  copyIn(mem, g.a.arg, pa, g.a.len);
  copyIn(mem, g.b.arg, pb, g.b.len);
  copyIn(mem, g.c.arg, pc, g.c.len);
  m.call(F, (raw) =>
    raw[fn('recur_gemm', g.dtype)](
      +g.transA, +g.transB, g.m, g.n, g.k, g.alpha, pa, g.a.len, g.lda, pb, g.b.len, g.ldb, g.beta, pc, g.c.len, g.ldc,
    ),
  );
  copyOut(m.exports.memory, g.c.arg, pc, g.c.len);
}

function softmax(m: Machine, values: readonly unknown[]): void {
  const F = 'softmaxRows';
  const s = checkSoftmax(F, values);
  if (s.rows === 0 || s.cols === 0) return;
  const d: Part = s.data;
  const lay = m.layout(F, [[d.arg, d.len]]);
  const p = m.reserve(F, lay.bytes);
  copyIn(m.exports.memory, d.arg, p, d.len);
  m.call(F, (raw) => raw[fn('recur_softmax_rows', s.dtype)](p, d.len, s.rows, s.cols));
  copyOut(m.exports.memory, d.arg, p, d.len);
}

function transpose(m: Machine, values: readonly unknown[]): void {
  const F = 'transpose';
  const t = checkTranspose(F, values);
  if (t.src.len === 0) return;
  const lay = m.layout(F, [[t.src.arg, t.src.len], [t.dst.arg, t.dst.len]]);
  const base = m.reserve(F, lay.bytes);
  const [ps, pd] = lay.offsets.map((o) => base + o);
  copyIn(m.exports.memory, t.src.arg, ps, t.src.len);
  // dst keeps what lies between its rows and blocks: copy it in so copying back preserves it.
  copyIn(m.exports.memory, t.dst.arg, pd, t.dst.len);
  m.call(F, (raw) =>
    raw[fn('recur_transpose', t.dtype)](t.count, t.rows, t.cols, ps, t.src.len, t.ldSrc, t.srcBatch, pd, t.dst.len, t.ldDst, t.dstBatch),
  );
  copyOut(m.exports.memory, t.dst.arg, pd, t.dst.len);
}

/** Lays the slots out, copies the inputs in, runs `name`, copies the outputs back. */
function recurrent(
  m: Machine,
  F: string,
  name: 'recur_recurrent_forward' | 'recur_recurrent_backward',
  c: RecurrentCall,
  codes: [number, number],
): void {
  const parts = c.slots.map((s) => [s.arg, s.arg ? s.arg.view.length : 0] as const);
  const lay = m.layout(F, parts);
  const base = m.reserve(F, lay.bytes);
  const mem = m.exports.memory;
  const args: number[] = [c.cell, +c.resetAfter, c.T, c.B, c.X, c.H];
  c.slots.forEach((s, i) => {
    if (s.arg === undefined) {
      args.push(0, 0);
      return;
    }
    const at = base + lay.offsets[i];
    if (!s.out) copyIn(mem, s.arg, at, s.arg.view.length);
    args.push(at, s.arg.view.length);
  });
  args.push(...codes);
  m.call(F, (raw) => raw[fn(name, c.dtype)](...args));
  const after = m.exports.memory;
  c.slots.forEach((s, i) => {
    if (s.out && s.arg) copyOut(after, s.arg, base + lay.offsets[i], s.arg.view.length);
  });
}

/** The nonlinearities as the module's codes (their spelling was checked with the arguments). */
function activationCodes(a: RecurrentForwardArgs | RecurrentBackwardArgs): [number, number] {
  return [a.activation === 'relu' ? 1 : 0, a.recurrentActivation === 'hardSigmoid' ? 1 : 0];
}

function forward(m: Machine, values: readonly unknown[], codes: [number, number]): void {
  const F = 'recurrentForward';
  const c = checkForward(F, values);
  // Every output is [T, B, ...] with H in it: nothing to write (T may be huge when B or H is 0).
  if (c.T === 0 || c.B === 0 || c.H === 0) return;
  recurrent(m, F, 'recur_recurrent_forward', c, codes);
}

function backward(m: Machine, values: readonly unknown[], codes: [number, number]): void {
  const F = 'recurrentBackward';
  const c = checkBackward(F, values);
  // No example or no hidden unit: no gradient flows anywhere.
  if (c.B === 0 || c.H === 0) {
    for (const s of c.slots) if (s.out && s.arg) s.arg.view.fill(0);
    return;
  }
  recurrent(m, F, 'recur_recurrent_backward', c, codes);
}

/** The 'wasm' Backend over `machine` (its kernels throw `unavailable()` while it is null). */
export function createWasmBackend(machine: () => Machine | null, unavailable: () => Error): Backend {
  /** Runs one kernel on the machine, then lets it count down to giving a big memory back. */
  const on = (kernel: (m: Machine) => void): void => {
    const m = machine();
    if (m === null) throw unavailable();
    try {
      kernel(m);
    } finally {
      m.settle();
    }
  };
  return {
    name: WASM_BACKEND_NAME,
    gemm: (a: GemmArgs) =>
      on((m) => gemm(m, [a.transA, a.transB, a.m, a.n, a.k, a.alpha, a.a, a.lda, a.b, a.ldb, a.beta, a.c, a.ldc])),
    transpose: (a) => on((m) => transpose(m, [a.count, a.rows, a.cols, a.src, a.ldSrc, a.srcBatch, a.dst, a.ldDst, a.dstBatch])),
    softmaxRows: (data, rows, cols) => on((m) => softmax(m, [data, rows, cols])),
    recurrentForward: (a: RecurrentForwardArgs) => on((m) => {
      forward(m, [
        a.cell, a.resetAfter, a.T, a.B, a.X, a.H, a.x, a.h0, a.c0, a.wx, a.wh, a.bx, a.bh, a.lengths, a.hs, a.cs, a.gates,
        a.activation, a.recurrentActivation,
      ], activationCodes(a));
    }),
    recurrentBackward: (a: RecurrentBackwardArgs) => on((m) => {
      backward(m, [
        a.cell, a.resetAfter, a.T, a.B, a.X, a.H, a.x, a.h0, a.c0, a.wx, a.wh, a.bh, a.lengths, a.hs, a.cs, a.gates,
        a.dhs, a.dhT, a.dcT, a.dx, a.dh0, a.dc0, a.dwx, a.dwh, a.dbx, a.dbh, a.activation, a.recurrentActivation,
      ], activationCodes(a));
    }),
  };
}
