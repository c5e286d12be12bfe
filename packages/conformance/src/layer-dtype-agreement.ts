/**
 * float32 recurrent layers against float64 ones holding the same (float32-representable)
 * weights and inputs, on whatever backend is current: every output, final state, input
 * gradient and weight gradient within FLOAT32_AGREEMENT in |v32 - v64| / (1 + |v64|), the
 * seed API's float32 bar (SPEC: about 1e-5). core's layer checks are float64 finite
 * differences; this gives the layers their float32 check on every backend.
 */
import { RandomState } from '@recur/core';
import { Tensor } from '@recur/core';
import type { RecurrentLayer } from '@recur/core';
import { createLayer, type CellVariant } from '@recur/testkit/layers/recurrent-cases';
import { FLOAT32_AGREEMENT } from '@recur/testkit/seed/float32-checks';

export { FLOAT32_AGREEMENT };

export interface LayerShape {
  label: string;
  numLayers: number;
  bidirectional: boolean;
  returnSequences: boolean;
  T: number;
  B: number;
  X: number;
  H: number;
  lengths?: number[];
}

export const LAYER_DTYPE_SHAPES: readonly LayerShape[] = [
  { label: 'one layer', numLayers: 1, bidirectional: false, returnSequences: true, T: 7, B: 3, X: 5, H: 9 },
  { label: 'stacked bidirectional with lengths (incl. 0)', numLayers: 2, bidirectional: true, returnSequences: true, T: 6, B: 4, X: 3, H: 7, lengths: [6, 0, 3, 1] },
  { label: 'bidirectional, last step only, lengths', numLayers: 1, bidirectional: true, returnSequences: false, T: 5, B: 3, X: 4, H: 5, lengths: [2, 5, 1] },
];

/** Values drawn in float64 and rounded to float32, so both layers see identical numbers. */
function roundedRandn(rng: RandomState, ...shape: number[]): Tensor {
  const t = rng.randn(...shape);
  for (let i = 0; i < t.data.length; i++) t.data[i] = Math.fround(t.data[i]);
  return t;
}

interface RunResult {
  named: Map<string, Tensor>;
}

function run(layer: RecurrentLayer, inputs: Record<string, Tensor | null>, lengths: number[] | undefined): RunResult {
  layer.zeroGrad();
  const f = layer.forward(inputs.x!, { h0: inputs.h0, c0: inputs.c0, lengths });
  const b = layer.backward(f.ctx, inputs.dOut, { dhN: inputs.dhN, dcN: inputs.dcN });
  const named = new Map<string, Tensor>([['output', f.output], ['hN', f.hN], ['dx', b.dx], ['dh0', b.dh0]]);
  if (f.cN) named.set('cN', f.cN);
  if (b.dc0) named.set('dc0', b.dc0);
  for (const p of layer.parameters()) named.set(`grad ${p.name}`, p.grad);
  return { named };
}

/** Problems found ([] when float32 agrees with float64 everywhere). */
export function checkLayerFloat32Agreement(variant: CellVariant, s: LayerShape, seed: number): string[] {
  const options = {
    inputSize: s.X, hiddenSize: s.H, numLayers: s.numLayers, bidirectional: s.bidirectional, returnSequences: s.returnSequences, seed,
  };
  const l64 = createLayer(variant, { ...options, dtype: 'float64' });
  const l32 = createLayer(variant, { ...options, dtype: 'float32' });
  const rng = new RandomState(seed);
  // Move the weights off their init (biases included), then make them float32-exact.
  for (const p of l64.parameters()) {
    const noise = rng.randn(p.param.size).data;
    for (let i = 0; i < noise.length; i++) p.param.data[i] = Math.fround(p.param.data[i] + 0.3 * noise[i]);
    l32.params[p.name].data.set(p.param.data);
  }
  const slots = s.numLayers * (s.bidirectional ? 2 : 1);
  const isLstm = l64.cell === 'lstm';
  const inputs64: Record<string, Tensor | null> = {
    x: roundedRandn(rng, s.T, s.B, s.X),
    h0: roundedRandn(rng, slots, s.B, s.H),
    c0: isLstm ? roundedRandn(rng, slots, s.B, s.H) : null,
    dOut: s.returnSequences ? roundedRandn(rng, s.T, s.B, l64.outputSize) : roundedRandn(rng, s.B, l64.outputSize),
    dhN: roundedRandn(rng, slots, s.B, s.H),
    dcN: isLstm ? roundedRandn(rng, slots, s.B, s.H) : null,
  };
  const inputs32 = Object.fromEntries(Object.entries(inputs64).map(([k, t]) => [k, t ? t.astype('float32') : null]));
  const r64 = run(l64, inputs64, s.lengths);
  const r32 = run(l32, inputs32, s.lengths);
  const problems: string[] = [];
  for (const [name, want] of r64.named) {
    const got = r32.named.get(name);
    if (!got) {
      problems.push(`${name}: missing from the float32 run`);
      continue;
    }
    if (got.dtype !== 'float32') problems.push(`${name}: dtype ${got.dtype}, expected float32`);
    if (got.shape.join() !== want.shape.join()) {
      problems.push(`${name}: shape (${got.shape.join(', ')}) vs (${want.shape.join(', ')})`);
      continue;
    }
    let worst = 0;
    let at = 0;
    for (let i = 0; i < want.size; i++) {
      const e = Math.abs(got.data[i] - want.data[i]) / (1 + Math.abs(want.data[i]));
      if (!(e <= worst)) {
        worst = Number.isNaN(e) ? Infinity : e;
        at = i;
      }
    }
    if (!(worst <= FLOAT32_AGREEMENT)) {
      problems.push(`${name}: |v32 - v64| / (1 + |v64|) = ${worst.toExponential(2)} > ${FLOAT32_AGREEMENT} at flat index ${at} (${got.data[at]} vs ${want.data[at]})`);
    }
  }
  return problems;
}
