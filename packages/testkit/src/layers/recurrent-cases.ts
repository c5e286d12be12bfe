/**
 * Gradient and padding checks of the recurrent layers, run on whatever backend is current.
 * The cases cover every cell (GRU in both reset conventions), stacking, bidirectional,
 * variable lengths (a zero length included) and returnSequences false.
 */
import { RandomState } from '@recur/core';
import { Tensor } from '@recur/core';
import { GRU } from '@recur/core';
import { LSTM } from '@recur/core';
import type { RecurrentLayer } from '@recur/core';
import type { RecurrentOptions } from '@recur/core';
import { SimpleRNN } from '@recur/core';
import { compareGradients, dot, numericGradient, type GradientComparison } from './gradient-check.ts';

export type CellVariant = 'rnn' | 'lstm' | 'gru' | 'gru-reset-before' | 'rnn-relu' | 'lstm-hard-sigmoid' | 'gru-hard-sigmoid';

export interface RecurrentCheckCase {
  readonly name: string;
  readonly create: () => RecurrentLayer;
  readonly T: number;
  readonly B: number;
  readonly lengths?: readonly number[];
  /** Pass random h0 (and c0) rather than the default zeros. */
  readonly initialState: boolean;
}

export const CELL_VARIANTS: readonly CellVariant[] = ['rnn', 'lstm', 'gru', 'gru-reset-before'];
/** The non-default activations (a backend may refuse them; see activationLayerRefusal). */
export const ACTIVATION_VARIANTS: readonly CellVariant[] = ['rnn-relu', 'lstm-hard-sigmoid', 'gru-hard-sigmoid'];

/** null when the current backend runs `variant`'s activation; else its refusal's message. */
export function activationLayerRefusal(variant: CellVariant): string | null {
  try {
    createLayer(variant, { inputSize: 2, hiddenSize: 2 }).forward(new Tensor(new Float64Array(4), [1, 2, 2]));
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export function createLayer(variant: CellVariant, options: RecurrentOptions): RecurrentLayer {
  switch (variant) {
    case 'rnn': return new SimpleRNN(options);
    case 'lstm': return new LSTM(options);
    case 'gru': return new GRU({ ...options, resetAfter: true });
    case 'gru-reset-before': return new GRU({ ...options, resetAfter: false });
    case 'rnn-relu': return new SimpleRNN({ ...options, activation: 'relu' });
    case 'lstm-hard-sigmoid': return new LSTM({ ...options, recurrentActivation: 'hardSigmoid' });
    case 'gru-hard-sigmoid': return new GRU({ ...options, recurrentActivation: 'hardSigmoid' });
  }
}

interface Shape {
  label: string;
  numLayers: number;
  bidirectional: boolean;
  returnSequences: boolean;
  T: number;
  B: number;
  H: number;
  lengths?: number[];
  initialState: boolean;
}

const SHAPES: readonly Shape[] = [
  { label: 'one layer', numLayers: 1, bidirectional: false, returnSequences: true, T: 5, B: 2, H: 4, initialState: true },
  { label: 'stacked (2 layers)', numLayers: 2, bidirectional: false, returnSequences: true, T: 4, B: 2, H: 3, initialState: true },
  { label: 'bidirectional', numLayers: 1, bidirectional: true, returnSequences: true, T: 4, B: 2, H: 3, initialState: true },
  { label: 'lengths (incl. 0) with zero initial state', numLayers: 1, bidirectional: false, returnSequences: true, T: 5, B: 4, H: 3, lengths: [5, 2, 0, 3], initialState: false },
  { label: 'stacked bidirectional with lengths', numLayers: 2, bidirectional: true, returnSequences: true, T: 4, B: 3, H: 2, lengths: [4, 1, 3], initialState: true },
  { label: 'bidirectional, lengths, last step only', numLayers: 1, bidirectional: true, returnSequences: false, T: 5, B: 3, H: 3, lengths: [2, 5, 0], initialState: true },
];

export function recurrentCheckCases(variants: readonly CellVariant[] = CELL_VARIANTS): RecurrentCheckCase[] {
  const cases: RecurrentCheckCase[] = [];
  for (const variant of variants) {
    for (const s of SHAPES) {
      cases.push({
        name: `${variant}: ${s.label}`,
        create: () => createLayer(variant, {
          inputSize: 3, hiddenSize: s.H, numLayers: s.numLayers, bidirectional: s.bidirectional,
          returnSequences: s.returnSequences, dtype: 'float64', seed: 7,
        }),
        T: s.T, B: s.B, lengths: s.lengths, initialState: s.initialState,
      });
    }
  }
  return cases;
}

interface Probe {
  layer: RecurrentLayer;
  x: Tensor;
  h0: Tensor | null;
  c0: Tensor | null;
  dOut: Tensor;
  dhN: Tensor;
  dcN: Tensor | null;
}

/** A layer with every weight (biases included) moved off its init, random inputs and loss weights. */
function makeProbe(c: RecurrentCheckCase, seed: number): Probe {
  const layer = c.create();
  const rng = new RandomState(seed);
  for (const p of layer.parameters()) {
    const noise = rng.randn(p.param.size).data;
    for (let i = 0; i < noise.length; i++) p.param.data[i] += 0.3 * noise[i];
  }
  const { T, B } = c;
  const nSlots = layer.numLayers * (layer.bidirectional ? 2 : 1);
  const H = layer.hiddenSize;
  const isLstm = layer.cell === 'lstm';
  const x = rng.randn(T, B, layer.inputSize);
  const h0 = c.initialState ? rng.randn(nSlots, B, H) : null;
  const c0 = c.initialState && isLstm ? rng.randn(nSlots, B, H) : null;
  const dOut = layer.returnSequences ? rng.randn(T, B, layer.outputSize) : rng.randn(B, layer.outputSize);
  const dhN = rng.randn(nSlots, B, H);
  const dcN = isLstm ? rng.randn(nSlots, B, H) : null;
  return { layer, x, h0, c0, dOut, dhN, dcN };
}

/** loss = sum(dOut ⊙ output) + sum(dhN ⊙ hN) + sum(dcN ⊙ cN): its gradients are the given weights. */
function probeLoss(p: Probe, lengths: readonly number[] | undefined): number {
  const r = p.layer.forward(p.x, { h0: p.h0, c0: p.c0, lengths });
  let loss = dot(p.dOut.data, r.output.data) + dot(p.dhN.data, r.hN.data);
  if (p.dcN && r.cN) loss += dot(p.dcN.data, r.cN.data);
  return loss;
}

/** Analytic (backward) against central-difference gradients for x, h0, c0 and every weight. */
export function checkRecurrentGradients(c: RecurrentCheckCase, seed = 1): GradientComparison[] {
  const p = makeProbe(c, seed);
  const { layer } = p;
  layer.zeroGrad();
  const fwd = layer.forward(p.x, { h0: p.h0, c0: p.c0, lengths: c.lengths });
  const back = layer.backward(fwd.ctx, p.dOut, { dhN: p.dhN, dcN: p.dcN });
  const loss = () => probeLoss(p, c.lengths);
  const out: GradientComparison[] = [compareGradients('x', back.dx.data, numericGradient(loss, p.x.data))];
  if (p.h0) out.push(compareGradients('h0', back.dh0.data, numericGradient(loss, p.h0.data)));
  if (p.c0 && back.dc0) out.push(compareGradients('c0', back.dc0.data, numericGradient(loss, p.c0.data)));
  for (const prm of layer.parameters()) {
    out.push(compareGradients(prm.name, prm.grad.data, numericGradient(loss, prm.param.data)));
  }
  return out;
}

export interface PaddingReport {
  /** Largest |output| at a padded step (must be 0). */
  readonly outputAtPadding: number;
  /** Largest |dx| at a padded step (must be 0). */
  readonly dxAtPadding: number;
  /** Names of results that changed when the padded inputs were replaced by other numbers (must be empty). */
  readonly changedByPaddedInput: string[];
}

/**
 * Runs forward/backward twice, the second time with garbage in the padded steps of x, and
 * reports anything the padding leaked into: outputs, final states, dx, dh0, weight gradients.
 */
export function checkPaddingIsInert(c: RecurrentCheckCase, seed = 2): PaddingReport {
  if (!c.lengths) throw new RangeError(`checkPaddingIsInert: case '${c.name}' has no lengths`);
  const lengths = c.lengths;
  const p = makeProbe(c, seed);
  const { layer } = p;
  const { T, B } = c;
  const X = layer.inputSize;
  const run = (x: Tensor) => {
    layer.zeroGrad();
    const f = layer.forward(x, { h0: p.h0, c0: p.c0, lengths });
    const b = layer.backward(f.ctx, p.dOut, { dhN: p.dhN, dcN: p.dcN });
    const grads = layer.parameters().map((q) => ({ name: q.name, data: Float64Array.from(q.grad.data) }));
    return { f, b, grads };
  };
  const first = run(p.x);
  const garbage = p.x.clone();
  const rng = new RandomState(seed + 100);
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      if (t < lengths[b]) continue;
      for (let j = 0; j < X; j++) garbage.data[(t * B + b) * X + j] = 50 * rng.randn().data[0];
    }
  }
  const second = run(garbage);

  let outputAtPadding = 0;
  let dxAtPadding = 0;
  const F = layer.outputSize;
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      if (t < lengths[b]) continue;
      if (layer.returnSequences) {
        for (let j = 0; j < F; j++) outputAtPadding = Math.max(outputAtPadding, Math.abs(first.f.output.data[(t * B + b) * F + j]));
      }
      for (let j = 0; j < X; j++) dxAtPadding = Math.max(dxAtPadding, Math.abs(first.b.dx.data[(t * B + b) * X + j]));
    }
  }
  const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => Object.is(v, b[i]));
  const changed: string[] = [];
  if (!same(first.f.output.data, second.f.output.data)) changed.push('output');
  if (!same(first.f.hN.data, second.f.hN.data)) changed.push('hN');
  if (first.f.cN && second.f.cN && !same(first.f.cN.data, second.f.cN.data)) changed.push('cN');
  if (!same(first.b.dx.data, second.b.dx.data)) changed.push('dx');
  if (!same(first.b.dh0.data, second.b.dh0.data)) changed.push('dh0');
  if (first.b.dc0 && second.b.dc0 && !same(first.b.dc0.data, second.b.dc0.data)) changed.push('dc0');
  first.grads.forEach((g, i) => { if (!same(g.data, second.grads[i].data)) changed.push(g.name); });
  return { outputAtPadding, dxAtPadding, changedByPaddedInput: changed };
}
