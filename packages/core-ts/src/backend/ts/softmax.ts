import type { FloatArray } from '../../tensor.ts';

/** In place, row by row: softmax(row) = exp(row - max) / sum, so large values do not overflow. */
export function softmaxRows(data: FloatArray, rows: number, cols: number): void {
  if (rows * cols === 0) return; // rows may be huge when cols = 0
  for (let r = 0; r < rows; r++) {
    const start = r * cols;
    const end = start + cols;
    let max = -Infinity;
    for (let i = start; i < end; i++) if (data[i] > max) max = data[i];
    let sum = 0;
    for (let i = start; i < end; i++) {
      const e = Math.exp(data[i] - max);
      data[i] = e;
      sum += e;
    }
    for (let i = start; i < end; i++) data[i] /= sum;
  }
}
