/**
 * Seeded weight initialisers. Draws come from RandomState in a fixed order, so the same
 * seed gives the same weights on every platform and backend.
 */
import type { RandomState } from '../random/random-state.ts';
import type { FloatArray } from '../tensor.ts';

/**
 * Glorot (Xavier) uniform, as Keras' default kernel initialiser: U(-l, l) with
 * l = sqrt(6 / (fanIn + fanOut)), over the whole [fanIn, fanOut] matrix written to `out`.
 */
export function glorotUniform(rng: RandomState, fanIn: number, fanOut: number, out: FloatArray): void {
  const n = fanIn * fanOut;
  if (n === 0) return;
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const u = rng.rand(n).data;
  for (let i = 0; i < n; i++) out[i] = limit * (2 * u[i] - 1);
}

/**
 * An n×n orthogonal matrix (row-major) from the QR decomposition of a seeded Gaussian
 * matrix, by modified Gram-Schmidt on its columns run twice ("twice is enough") so
 * Q^T Q = I to rounding. Gram-Schmidt makes diag(R) positive, which is the sign fix
 * Saxe et al. / Keras apply, so Q is Haar-distributed.
 */
export function orthogonalMatrix(rng: RandomState, n: number): Float64Array {
  const q = Float64Array.from(rng.randn(n, n).data);
  for (let j = 0; j < n; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += q[i * n + k] * q[i * n + j];
        for (let i = 0; i < n; i++) q[i * n + j] -= dot * q[i * n + k];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += q[i * n + j] * q[i * n + j];
    norm = Math.sqrt(norm);
    // A Gaussian matrix is singular with probability 0; a zero column would mean a broken RNG.
    if (!(norm > 0)) throw new RangeError(`orthogonalMatrix: column ${j} of the Gaussian draw is linearly dependent`);
    for (let i = 0; i < n; i++) q[i * n + j] /= norm;
  }
  return q;
}

/**
 * Recurrent weights [H, G*H] (gates stacked along the columns): each H×H gate block is an
 * independent orthogonal matrix, so every gate's recurrence starts norm-preserving.
 */
export function orthogonalGateBlocks(rng: RandomState, H: number, G: number, out: FloatArray): void {
  const width = G * H;
  for (let g = 0; g < G; g++) {
    const q = orthogonalMatrix(rng, H);
    for (let i = 0; i < H; i++) {
      for (let j = 0; j < H; j++) out[i * width + g * H + j] = q[i * H + j];
    }
  }
}
