/**
 * Structural oracles of the recurrent stack, independent of its own bookkeeping: a padded
 * batch equals each example run alone on its valid steps; the reverse direction equals a
 * forward layer run on the reversed sequence; a 2-layer stack equals two chained layers.
 * Each function returns the largest absolute difference found.
 */
import { RandomState } from '@recur/core';
import { Tensor } from '@recur/core';
import type { RecurrentLayer } from '@recur/core';
import { createLayer, type CellVariant } from './recurrent-cases.ts';

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Rows [t0, t0+L) of example b (optionally time-reversed) of a [T, B, F] tensor, as [L, 1, F]. */
function exampleSteps(x: Tensor, b: number, L: number, reverse = false): Tensor {
  const [, B, F] = x.shape;
  const out = Tensor.zeros([L, 1, F], x.dtype);
  for (let t = 0; t < L; t++) {
    const src = reverse ? L - 1 - t : t;
    out.data.set(x.data.subarray((src * B + b) * F, (src * B + b + 1) * F), t * F);
  }
  return out;
}

/** State rows [slots, B, H] -> [slots, 1, H] of example b. */
function exampleState(s: Tensor, b: number): Tensor {
  const [S, B, H] = s.shape;
  const out = Tensor.zeros([S, 1, H], s.dtype);
  for (let k = 0; k < S; k++) out.data.set(s.data.subarray((k * B + b) * H, (k * B + b + 1) * H), k * H);
  return out;
}

function perturb(layer: RecurrentLayer, rng: RandomState): void {
  for (const p of layer.parameters()) {
    const n = rng.randn(p.param.size).data;
    for (let i = 0; i < n.length; i++) p.param.data[i] += 0.3 * n[i];
  }
}

function copyWeights(from: RecurrentLayer, fromSlot: string, to: RecurrentLayer, toSlot: string): void {
  for (const key of ['wx', 'wh', 'bx', 'bh']) to.params[`${toSlot}.${key}`].data.set(from.params[`${fromSlot}.${key}`].data);
}

/** A padded batch with lengths (a zero included) against B separate unpadded runs. */
export function batchVersusPerExample(variant: CellVariant, bidirectional: boolean, numLayers: number): number {
  const rng = new RandomState(11);
  const lengths = [5, 2, 0, 3];
  const T = 5;
  const B = lengths.length;
  const layer = createLayer(variant, { inputSize: 3, hiddenSize: 3, numLayers, bidirectional, seed: 5 });
  perturb(layer, rng);
  const slots = numLayers * (bidirectional ? 2 : 1);
  const x = rng.randn(T, B, 3);
  const h0 = rng.randn(slots, B, 3);
  const c0 = layer.cell === 'lstm' ? rng.randn(slots, B, 3) : null;
  const batch = layer.forward(x, { h0, c0, lengths });
  const F = layer.outputSize;
  let worst = 0;
  for (let b = 0; b < B; b++) {
    const L = lengths[b];
    const alone = layer.forward(exampleSteps(x, b, L), { h0: exampleState(h0, b), c0: c0 && exampleState(c0, b) });
    worst = Math.max(worst, maxAbsDiff(exampleSteps(batch.output, b, L).data, alone.output.data));
    worst = Math.max(worst, maxAbsDiff(exampleState(batch.hN, b).data, alone.hN.data));
    if (batch.cN && alone.cN) worst = Math.max(worst, maxAbsDiff(exampleState(batch.cN, b).data, alone.cN.data));
    for (let t = L; t < T; t++) {
      for (let j = 0; j < F; j++) worst = Math.max(worst, Math.abs(batch.output.data[(t * B + b) * F + j]));
    }
  }
  return worst;
}

/** The `_reverse` half of a bidirectional layer against a forward layer on each reversed example. */
export function reverseDirectionVersusReversedRun(variant: CellVariant): number {
  const rng = new RandomState(12);
  const T = 4;
  const B = 2;
  const H = 3;
  const bi = createLayer(variant, { inputSize: 2, hiddenSize: H, bidirectional: true, seed: 6 });
  perturb(bi, rng);
  const uni = createLayer(variant, { inputSize: 2, hiddenSize: H, seed: 99 });
  copyWeights(bi, 'l0_reverse', uni, 'l0');
  const x = rng.randn(T, B, 2);
  const out = bi.forward(x).output; // [T, B, 2H]
  let worst = 0;
  for (let b = 0; b < B; b++) {
    const rev = uni.forward(exampleSteps(x, b, T, true)).output; // reversed time order
    for (let t = 0; t < T; t++) {
      for (let j = 0; j < H; j++) {
        worst = Math.max(worst, Math.abs(out.data[(t * B + b) * 2 * H + H + j] - rev.data[(T - 1 - t) * H + j]));
      }
    }
  }
  return worst;
}

/** A 2-layer stack against two 1-layer layers chained by hand. */
export function stackVersusChain(variant: CellVariant): number {
  const rng = new RandomState(13);
  const stack = createLayer(variant, { inputSize: 3, hiddenSize: 4, numLayers: 2, seed: 8 });
  perturb(stack, rng);
  const first = createLayer(variant, { inputSize: 3, hiddenSize: 4, seed: 1 });
  const second = createLayer(variant, { inputSize: 4, hiddenSize: 4, seed: 2 });
  copyWeights(stack, 'l0', first, 'l0');
  copyWeights(stack, 'l1', second, 'l0');
  const x = rng.randn(5, 2, 3);
  const chained = second.forward(first.forward(x).output).output;
  return maxAbsDiff(stack.forward(x).output.data, chained.data);
}

/**
 * A float32 layer against the float64 layer with the same (float32-representable) weights and
 * inputs, bidirectional with lengths: largest |f32 - f64| / (1 + |f64|) over outputs, hN, dx
 * and the weight gradients.
 */
export function float32VersusFloat64(variant: CellVariant): number {
  const rng = new RandomState(14);
  const opts = { inputSize: 3, hiddenSize: 4, numLayers: 2, bidirectional: true, seed: 3 };
  const l64 = createLayer(variant, opts);
  perturb(l64, rng);
  const l32 = createLayer(variant, { ...opts, dtype: 'float32' });
  for (const p of l64.parameters()) {
    l32.params[p.name].data.set(p.param.data);
    p.param.data.set(l32.params[p.name].data); // both now hold the float32-rounded values
  }
  const x64 = Tensor.from(Float32Array.from(rng.randn(6, 3, 3).data), [6, 3, 3], 'float64');
  const d64 = Tensor.from(Float32Array.from(rng.randn(6, 3, 8).data), [6, 3, 8], 'float64');
  const lengths = [6, 3, 1];
  let worst = 0;
  const compare = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  };
  const f64 = l64.forward(x64, { lengths });
  const f32 = l32.forward(x64.astype('float32'), { lengths });
  compare(f32.output.data, f64.output.data);
  compare(f32.hN.data, f64.hN.data);
  l64.zeroGrad();
  l32.zeroGrad();
  const b64 = l64.backward(f64.ctx, d64);
  const b32 = l32.backward(f32.ctx, d64.astype('float32'));
  compare(b32.dx.data, b64.dx.data);
  for (const p of l64.parameters()) compare(l32.grads[p.name].data, p.grad.data);
  return worst;
}
