/**
 * Compares what two backends returned for the same call. Tensors are compared element by
 * element as |got - want| <= tol * (1 + |want|); where the reference holds NaN the other
 * must hold NaN too, and an infinity must be matched exactly (docs: NaN and Inf inputs
 * propagate, they are not an error). Opaque values (caches, contexts) are skipped: they are
 * exercised by passing them to the matching backward call inside the same case.
 */
import { Tensor } from '@recur/core';

/** float64 as the brief sets it; float32 at the project's parity bar (conformance uses the same). */
export const TOLERANCE = { float64: 1e-12, float32: 2e-5 } as const;

const OPAQUE_KEYS = new Set(['cache', 'caches', 'ctx']);

function closeEnough(want: number, got: number, tol: number): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want)) return got === want;
  return Math.abs(got - want) <= tol * (1 + Math.abs(want));
}

function compareArrays(path: string, want: ArrayLike<number>, got: ArrayLike<number>, tol: number): string | null {
  if (want.length !== got.length) return `${path}: length ${got.length}, expected ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    if (!closeEnough(want[i], got[i], tol)) return `${path}[${i}] = ${got[i]}, expected ${want[i]} (tolerance ${tol} * (1 + |v|))`;
  }
  return null;
}

/** The first difference between `want` (reference backend) and `got`, or null. */
export function firstDifference(want: unknown, got: unknown, tol: number, path = 'result'): string | null {
  if (want instanceof Tensor || got instanceof Tensor) {
    if (!(want instanceof Tensor) || !(got instanceof Tensor)) return `${path}: one backend returned a Tensor, the other did not`;
    if (want.dtype !== got.dtype) return `${path}: dtype ${got.dtype}, expected ${want.dtype}`;
    if (want.shape.length !== got.shape.length || want.shape.some((d, i) => d !== got.shape[i])) {
      return `${path}: shape (${got.shape.join(', ')}), expected (${want.shape.join(', ')})`;
    }
    return compareArrays(`${path}.data`, want.data, got.data, tol);
  }
  if (ArrayBuffer.isView(want) && !(want instanceof DataView)) {
    if (!ArrayBuffer.isView(got) || got.constructor !== want.constructor) return `${path}: array types differ`;
    return compareArrays(path, want as unknown as ArrayLike<number>, got as unknown as ArrayLike<number>, tol);
  }
  if (typeof want === 'number') {
    if (typeof got !== 'number') return `${path}: ${typeof got}, expected a number`;
    return closeEnough(want, got, tol) ? null : `${path} = ${got}, expected ${want}`;
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) return `${path}: array lengths differ`;
    for (let i = 0; i < want.length; i++) {
      const d = firstDifference(want[i], got[i], tol, `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (typeof want === 'object' && want !== null) {
    if (typeof got !== 'object' || got === null) return `${path}: ${got === null ? 'null' : typeof got}, expected an object`;
    const keys = Object.keys(want).filter((k) => !OPAQUE_KEYS.has(k));
    const gotKeys = Object.keys(got).filter((k) => !OPAQUE_KEYS.has(k));
    if (keys.length !== gotKeys.length || keys.some((k) => !(k in got))) return `${path}: keys ${gotKeys.join(',')}, expected ${keys.join(',')}`;
    for (const k of keys) {
      const d = firstDifference((want as Record<string, unknown>)[k], (got as Record<string, unknown>)[k], tol, `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return Object.is(want, got) ? null : `${path} = ${String(got)}, expected ${String(want)}`;
}
