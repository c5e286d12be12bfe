import type { FloatArray } from '../tensor.ts';

/**
 * Copies `width` features per (t, b) of a time-major [T, B, *] array into another, between
 * column windows of possibly different row widths, honouring per-example lengths:
 *   dst[t][b][dstOffset + j] = src[s][b][srcOffset + j],  s = reverse ? L_b-1-t : t,  t < L_b
 *   dst[t][b][dstOffset + j] = 0 (or untouched when accumulating),                   t >= L_b
 * With `accumulate` the values are added instead of written. Because t -> L_b-1-t is its own
 * inverse, the same call both reverses sequences into a direction's own time order and maps
 * them back (outputs, their gradients, dx), which is what a bidirectional layer needs.
 */
export interface GatherStepsArgs {
  src: FloatArray;
  srcWidth: number;
  srcOffset: number;
  dst: FloatArray;
  dstWidth: number;
  dstOffset: number;
  width: number;
  T: number;
  B: number;
  lengths: Int32Array | null;
  reverse: boolean;
  accumulate: boolean;
}

export function gatherSteps(a: GatherStepsArgs): void {
  const { src, dst, width, T, B, lengths } = a;
  // Nothing to copy, however long the empty axis (T = 2**22 with B = 0).
  if (T * B * width === 0) return;
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      const L = lengths === null ? T : lengths[b];
      const d = (t * B + b) * a.dstWidth + a.dstOffset;
      if (t >= L) {
        if (!a.accumulate) dst.fill(0, d, d + width);
        continue;
      }
      const s = ((a.reverse ? L - 1 - t : t) * B + b) * a.srcWidth + a.srcOffset;
      if (a.accumulate) for (let j = 0; j < width; j++) dst[d + j] += src[s + j];
      else for (let j = 0; j < width; j++) dst[d + j] = src[s + j];
    }
  }
}
