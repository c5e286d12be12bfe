/** Backend-agnostic checks of softmaxRows, asserted with vitest's expect. */
import { expect } from 'vitest';
import type { Backend } from '@recur/core';
import { type Dtype, cast } from './sequence-fixtures.ts';

/** Rows chosen to overflow or underflow a naive exp(x) / sum(exp(x)). */
export const SOFTMAX_ROWS: readonly (readonly number[])[] = [
  [0],
  [1, 2, 3],
  [1000, 1000, 999],
  [-1000, -1001, -1002.5],
  [1e-300, -1e-300, 5e-324],
  [80, -80, 0, 88.5],
  [1e308, 1e308],
  [-Infinity, 0, 1],
  [3, 3, 3, 3, 3, 3, 3],
];

/** Oracle, independent of max-subtraction: p_i = 1 / sum_j exp(x_j - x_i). */
function oracle(row: readonly number[]): number[] {
  return row.map((xi) => (xi === -Infinity ? 0 : 1 / row.reduce((s, xj) => s + Math.exp(xj - xi), 0)));
}

export function checkSoftmax(backend: Backend, dtype: Dtype): void {
  const tol = dtype === 'float64' ? 1e-14 : 1e-6;
  // Below float32's smallest normal number only an absolute bound makes sense.
  const floor = dtype === 'float64' ? 0 : 2e-38;
  for (const row of SOFTMAX_ROWS) {
    // float32 cannot hold 1e308: those rows are float64 only.
    if (dtype === 'float32' && row.some((v) => Math.abs(v) > 3e38 && Number.isFinite(v))) continue;
    const data = cast(row, dtype);
    const input = Array.from(data);
    backend.softmaxRows(data, 1, row.length);
    const want = oracle(input);
    for (let i = 0; i < row.length; i++) {
      expect(Math.abs(data[i] - want[i]), `softmax ${dtype} [${row.join(', ')}][${i}] = ${data[i]}, want ${want[i]}`).toBeLessThanOrEqual(tol * want[i] + floor);
    }
  }
  // Several rows in one call, each independent; and empty shapes.
  const rows = SOFTMAX_ROWS.filter((r) => r.length === 3);
  const data = cast(rows.flat(), dtype);
  const input = Array.from(data);
  backend.softmaxRows(data, rows.length, 3);
  for (let r = 0; r < rows.length; r++) {
    const want = oracle(input.slice(r * 3, r * 3 + 3));
    for (let i = 0; i < 3; i++) expect(Math.abs(data[r * 3 + i] - want[i])).toBeLessThanOrEqual(tol * want[i] + floor);
  }
  expect(() => backend.softmaxRows(cast([], dtype), 0, 5)).not.toThrow();
  expect(() => backend.softmaxRows(cast([], dtype), 4, 0)).not.toThrow();
}
