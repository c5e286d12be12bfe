/**
 * Streaming against the whole-sequence forward pass, on whatever backend is current: stepping
 * x[0..T-1] through layer.stream() must give forward(x)'s outputs and final states.
 */
import { RandomState } from '@recur/core';
import { Tensor, type DType } from '@recur/core';
import { createLayer, type CellVariant } from './recurrent-cases.ts';

/** Largest |a - b| / (1 + |b|) over two arrays. */
function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  return worst;
}

function randomTensor(rng: RandomState, shape: number[], dtype: DType): Tensor {
  const t = rng.randn(...shape);
  return dtype === 'float64' ? t : new Tensor(Float32Array.from(t.data), shape);
}

/**
 * A numLayers-deep stack of `variant` run both ways over T steps from random h0 (and c0);
 * returns the largest relative difference among outputs, hN and cN, and checks reset() by
 * running the steps a second time.
 */
export function streamVersusForward(variant: CellVariant, dtype: DType, numLayers: number, seed: number): number {
  const [T, B, X, H] = [5, 3, 4, 5];
  const layer = createLayer(variant, { inputSize: X, hiddenSize: H, numLayers, dtype, seed });
  const rng = new RandomState(seed + 1);
  const x = randomTensor(rng, [T, B, X], dtype);
  const h0 = randomTensor(rng, [numLayers, B, H], dtype);
  const c0 = variant === 'lstm' ? randomTensor(rng, [numLayers, B, H], dtype) : undefined;
  const want = layer.forward(x, { h0, c0 });
  const stream = layer.stream({ h0, c0 });
  let worst = 0;
  for (let round = 0; round < 2; round++) {
    for (let t = 0; t < T; t++) {
      const xt = new Tensor(x.data.slice(t * B * X, (t + 1) * B * X), [B, X]);
      const out = stream.step(xt);
      worst = Math.max(worst, maxRelDiff(out.data, want.output.data.subarray(t * B * H, (t + 1) * B * H)));
    }
    worst = Math.max(worst, maxRelDiff(stream.hN.data, want.hN.data));
    if (want.cN) worst = Math.max(worst, maxRelDiff(stream.cN!.data, want.cN.data));
    stream.reset();
  }
  return worst;
}
