// Keras layout importer/exporter without a Keras runtime (the TF.js round trips live in
// packages/interop): PyTorch's modules compute the same functions as Keras' SimpleRNN,
// LSTM and GRU(reset_after=True) with sigmoid gates, so the real PyTorch runs in
// fixtures/pytorch-cases.json, rewritten here into Keras' layout, must come out of
// fromKerasWeights with PyTorch's outputs. The rewrite is spelled out independently of
// keras.ts: kernel = weight_ihᵀ with GRU blocks z,r,h (PyTorch rows r,z,n), one bias
// b_ih + b_hh, or for the GRU the rows [b_ih; b_hh].
import { describe, expect, it } from 'vitest';
import fixtures from '../../fixtures/pytorch-cases.json' with { type: 'json' };
import { GRU } from '../layers/gru.ts';
import { LSTM } from '../layers/lstm.ts';
import { SimpleRNN } from '../layers/simple-rnn.ts';
import type { RecurrentLayer } from '../layers/recurrent-layer.ts';
import { RandomState } from '../random/random-state.ts';
import { Tensor } from '../tensor.ts';
import { fromKerasWeights, toKerasWeights, type KerasLayerKind } from './keras.ts';
import { decodeSafetensors } from './safetensors.ts';
import { base64Bytes, hexTensor, maxAbsDiff, type HexTensor } from '@recur/testkit/io/hex-fixtures';

interface Case {
  name: string; module: 'RNN' | 'LSTM' | 'GRU'; dtype: 'F32' | 'F64'; H: number;
  num_layers: number; bidirectional: boolean; bias: boolean; lengths: number[] | null;
  state_dict_safetensors: string; input: HexTensor; output: HexTensor; h_n: HexTensor;
  h0?: HexTensor; c0?: HexTensor; c_n?: HexTensor;
}
const cases = (fixtures as unknown as { cases: Case[] }).cases;
const TOL = { F32: 1e-5, F64: 1e-10 };
const KIND: Record<Case['module'], KerasLayerKind> = { RNN: 'SimpleRNN', LSTM: 'LSTM', GRU: 'GRU' };

/** PyTorch [G*H, in] rows -> Keras [in, G*H] columns, GRU gate blocks r,z,n -> z,r,h. */
function kerasKernel(w: Tensor, module: Case['module'], H: number): Tensor {
  const [rows, cols] = w.shape;
  const out = Tensor.zeros([cols, rows], w.dtype);
  const kerasBlockOf = (ptBlock: number) => (module === 'GRU' ? [1, 0, 2][ptBlock] : ptBlock);
  for (let r = 0; r < rows; r++) {
    const col = kerasBlockOf(Math.floor(r / H)) * H + (r % H);
    for (let c = 0; c < cols; c++) out.data[c * rows + col] = w.data[r * cols + c];
  }
  return out;
}

function kerasVector(b: Tensor, module: Case['module'], H: number): Float64Array {
  const out = new Float64Array(b.size);
  for (let i = 0; i < b.size; i++) out[(module === 'GRU' ? [1, 0, 2][Math.floor(i / H)] : Math.floor(i / H)) * H + (i % H)] = b.data[i];
  return out;
}

function kerasLayers(c: Case): Tensor[][] {
  const sd = decodeSafetensors(base64Bytes(c.state_dict_safetensors)).tensors;
  const dt = c.dtype === 'F32' ? 'float32' : 'float64';
  const layers: Tensor[][] = [];
  for (let l = 0; l < c.num_layers; l++) {
    const w: Tensor[] = [];
    for (const s of c.bidirectional ? ['', '_reverse'] : ['']) {
      const k = `l${l}${s}`;
      w.push(kerasKernel(sd[`weight_ih_${k}`], c.module, c.H), kerasKernel(sd[`weight_hh_${k}`], c.module, c.H));
      if (!c.bias) continue;
      const bi = kerasVector(sd[`bias_ih_${k}`], c.module, c.H);
      const bh = kerasVector(sd[`bias_hh_${k}`], c.module, c.H);
      if (c.module === 'GRU') w.push(Tensor.from(Float64Array.from([...bi, ...bh]), [2, bi.length], dt));
      else w.push(Tensor.from(bi.map((v, i) => v + bh[i]), [bi.length], dt));
    }
    layers.push(w);
  }
  return layers;
}

function run(layer: RecurrentLayer, c: Case) {
  return layer.forward(hexTensor(c.input), { h0: c.h0 ? hexTensor(c.h0) : null, c0: c.c0 ? hexTensor(c.c0) : null, lengths: c.lengths });
}

describe('Keras layout: PyTorch-computed outputs through fromKerasWeights', () => {
  for (const c of cases.filter((k) => k.bias)) {
    it(`${c.name} as Keras ${KIND[c.module]}${c.module === 'GRU' ? '(reset_after=True)' : ''}: within ${TOL[c.dtype]}`, () => {
      // The weights cannot say which nonlinearity an RNN used; the layer config does.
      const layer = fromKerasWeights(KIND[c.module], kerasLayers(c), c.module === 'RNN' ? { config: { activation: (c as { nonlinearity?: string }).nonlinearity } } : {});
      if (layer instanceof GRU) expect(layer.resetAfter).toBe(true);
      const r = run(layer, c);
      expect(maxAbsDiff(r.output, hexTensor(c.output))).toBeLessThanOrEqual(TOL[c.dtype]);
      expect(maxAbsDiff(r.hN, hexTensor(c.h_n))).toBeLessThanOrEqual(TOL[c.dtype]);
      if (c.c_n) expect(maxAbsDiff(r.cN!, hexTensor(c.c_n))).toBeLessThanOrEqual(TOL[c.dtype]);
      // And back: toKerasWeights gives the same arrays (bias sums rounded once, as built above).
      const back = toKerasWeights(layer);
      const want = kerasLayers(c);
      back.forEach((ws, l) => ws.forEach((t, i) => {
        expect(t.shape).toEqual(want[l][i].shape);
        expect(maxAbsDiff(t, want[l][i])).toBe(0);
      }));
    });
  }
});

describe('toKerasWeights -> fromKerasWeights round trips', () => {
  const make: [string, () => RecurrentLayer][] = [
    ['SimpleRNN 2 layers bidirectional', () => new SimpleRNN({ inputSize: 3, hiddenSize: 4, numLayers: 2, bidirectional: true, seed: 1 })],
    ['LSTM f32 2 layers', () => new LSTM({ inputSize: 2, hiddenSize: 3, numLayers: 2, dtype: 'float32', seed: 2 })],
    ['GRU resetAfter=false bidirectional', () => new GRU({ inputSize: 3, hiddenSize: 2, bidirectional: true, resetAfter: false, seed: 3 })],
    ['GRU resetAfter=true 3 layers', () => new GRU({ inputSize: 2, hiddenSize: 3, numLayers: 3, seed: 4 })],
  ];
  for (const [name, f] of make) {
    it(`${name}: same outputs (bx+bh folded into one Keras bias where Keras has one)`, () => {
      const a = f();
      const rng = new RandomState(7);
      for (const p of a.parameters()) p.param.data.set(rng.randn(p.param.size).data);
      const kind: KerasLayerKind = a.cell === 'rnn' ? 'SimpleRNN' : a.cell === 'lstm' ? 'LSTM' : 'GRU';
      const b = fromKerasWeights(kind, toKerasWeights(a));
      expect(b.config).toEqual({ ...a.config, seed: 0, forgetBias: b.config.forgetBias });
      const x = Tensor.from(new RandomState(3).randn(4, 2, a.inputSize), a.config.dtype);
      const tol = a.config.dtype === 'float32' ? 1e-6 : 1e-14;
      expect(maxAbsDiff(b.forward(x).output, a.forward(x).output)).toBeLessThanOrEqual(tol);
    });
  }
});

describe('fromKerasWeights: configs and bad weights', () => {
  const gru = new GRU({ inputSize: 2, hiddenSize: 3, resetAfter: false });
  const weights = toKerasWeights(gru);

  it('reads reset_after, use_bias and return_sequences from a Keras JSON or TF.js config', () => {
    expect(fromKerasWeights('GRU', weights, { config: { units: 3, reset_after: false, return_sequences: false } }).returnSequences).toBe(false);
    expect((fromKerasWeights('GRU', weights, { config: { units: 3, resetAfter: false, recurrentActivation: 'sigmoid' } }) as GRU).resetAfter).toBe(false);
    const bidi = { class_name: 'Bidirectional', layer: { class_name: 'GRU', config: { units: 3, reset_after: false } }, merge_mode: 'concat' };
    const w2 = toKerasWeights(new GRU({ inputSize: 2, hiddenSize: 3, resetAfter: false, bidirectional: true }));
    expect(fromKerasWeights('GRU', w2, { config: bidi }).bidirectional).toBe(true);
    expect(() => fromKerasWeights('GRU', w2, { config: { ...bidi, merge_mode: 'sum' } })).toThrow(/merge_mode is "sum"; recur concatenates/);
  });

  it('refuses configs recur cannot reproduce, naming the setting', () => {
    // TF.js's hardSigmoid is accepted (tested against TF.js in packages/interop); Keras JSON's
    // hard_sigmoid needs the Keras version, since Keras 3 changed its definition.
    expect(fromKerasWeights('GRU', weights, { config: { recurrentActivation: 'hardSigmoid' } }).config.recurrentActivation).toBe('hardSigmoid');
    expect(() => fromKerasWeights('GRU', weights, { config: { recurrent_activation: 'hard_sigmoid' } })).toThrow(/Keras 2 but relu6\(x \+ 3\)\/6 in Keras 3; pass kerasVersion: 2/);
    expect(() => fromKerasWeights('GRU', weights, { config: { recurrent_activation: 'hard_sigmoid' }, kerasVersion: 3 })).toThrow(/Keras 3's hard_sigmoid/);
    expect(fromKerasWeights('GRU', weights, { config: { recurrent_activation: 'hard_sigmoid' }, kerasVersion: 2 }).config.recurrentActivation).toBe('hardSigmoid');
    expect(() => fromKerasWeights('GRU', weights, { config: { recurrent_activation: 'softsign' } })).toThrow(/recurrent_activation is 'softsign'/);
    expect(() => fromKerasWeights('GRU', weights, { config: { activation: 'relu' } })).toThrow(/activation is 'relu'; recur's GRU supports tanh/);
    expect(() => fromKerasWeights('GRU', weights, { config: { units: 4 } })).toThrow(/units is 4 but the weights have 3/);
    expect(() => fromKerasWeights('GRU', weights, { config: { go_backwards: true } })).toThrow(/go_backwards=True outside a Bidirectional/);
    expect(() => fromKerasWeights('GRU', weights, { config: { use_bias: false } })).toThrow(/use_bias=false but the weights have bias/);
    expect(() => fromKerasWeights('GRU', weights, { config: { reset_after: true } })).toThrow(/bias has shape \(9,\) but \(2, 9\) was expected/);
    expect(() => fromKerasWeights('GRU', weights, { config: [{}, {}] })).toThrow(/config has 2 entries but layers has 1/);
  });

  it('names the layer, the array and both shapes when weights do not fit', () => {
    const [k, rk, b] = weights[0];
    expect(() => fromKerasWeights('LSTM', weights)).toThrow(/layers\[0\] recurrent_kernel has shape \(3, 9\) but a Keras LSTM needs \(units, 4\*units\)/);
    expect(() => fromKerasWeights('GRU', [[k, rk, b], [k, rk, b]])).toThrow(/layers\[1\] kernel has shape \(2, 9\) but \(3, 9\) was expected/);
    expect(() => fromKerasWeights('GRU', [[k, rk, b], [...weights[0], ...weights[0]]])).toThrow(/layers\[1\] is bidirectional but layers\[0\] is not/);
    expect(() => fromKerasWeights('GRU', [[k, rk, b, k, rk]])).toThrow(/has 5 arrays; a Keras layer's getWeights\(\) has 2 or 3 \(4 or 6 when Bidirectional\)/);
    expect(() => fromKerasWeights('GRU', [[k, rk]])).toThrow(/a GRU without bias does not show whether reset_after was used/);
    expect(fromKerasWeights('GRU', [[k, rk]], { resetAfter: false }).params['l0.bx'].data.every((v) => v === 0)).toBe(true);
    expect(() => fromKerasWeights('GRU', [[k, [1] as never, b]])).toThrow(TypeError);
    expect(() => fromKerasWeights('GRU', [])).toThrow(/non-empty array/);
    expect(() => fromKerasWeights('Conv1D' as never, weights)).toThrow(/kind must be 'SimpleRNN', 'LSTM' or 'GRU'/);
    expect(() => toKerasWeights({} as never)).toThrow(TypeError);
  });
});
