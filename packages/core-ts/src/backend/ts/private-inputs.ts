/**
 * An input that shares memory with an output of the same call is read from a private copy
 * (as the native addon and the wasm backend do), so writing the output cannot change what
 * the kernel reads: gemm with c aliasing a computes alpha·A·B from the A that was passed.
 * Which arguments are inputs and outputs comes from KERNEL_SIGNATURES.
 */
import { KERNEL_SIGNATURES, type KernelName } from '../kernel-signatures.ts';

function overlaps(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return a.byteLength > 0 && b.byteLength > 0 && a.buffer === b.buffer &&
    a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

const isView = (v: unknown): v is Float32Array | Float64Array | Int32Array => ArrayBuffer.isView(v) && !(v instanceof DataView);

/** `args`, or a shallow copy of it whose inputs overlapping an output are copies. */
export function withPrivateInputs<A extends object>(kernel: KernelName, args: A): A {
  const o = args as Record<string, unknown>;
  const sig = KERNEL_SIGNATURES[kernel];
  const outputs = sig.filter((a) => a.role === 'out' || a.role === 'inout').map((a) => o[a.name]).filter(isView);
  let copy: Record<string, unknown> | undefined;
  for (const arg of sig) {
    const v = o[arg.name];
    if (arg.role !== 'in' || !isView(v) || !outputs.some((out) => overlaps(v, out))) continue;
    copy ??= { ...o };
    copy[arg.name] = v.slice();
  }
  return (copy ?? args) as A;
}
