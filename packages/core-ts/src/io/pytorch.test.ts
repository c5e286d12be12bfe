// PyTorch importer/exporter against real PyTorch runs (fixtures/pytorch-cases.json, written
// once by fixtures/make_pytorch_fixtures.py with Debian's python3-torch): the state dict,
// as the safetensors bytes PyTorch users save, imported into recur gives PyTorch's output,
// h_n and c_n to 1e-5 (float32) / 1e-10 (float64); exporting gives the state dict back bit for bit.
import { describe, expect, it } from 'vitest';
import fixtures from '../../fixtures/pytorch-cases.json' with { type: 'json' };
import { GRU } from '../layers/gru.ts';
import { LSTM } from '../layers/lstm.ts';
import { RecurrentLayer } from '../layers/recurrent-layer.ts';
import { SimpleRNN } from '../layers/simple-rnn.ts';
import { Tensor } from '../tensor.ts';
import { loadModelBytes, saveModelBytes } from './model-file.ts';
import { fromPyTorchStateDict, toPyTorchStateDict, type PyTorchModuleKind } from './pytorch.ts';
import { decodeSafetensors } from './safetensors.ts';
import { base64Bytes, hexTensor, maxAbsDiff, type HexTensor } from '@recur/testkit/io/hex-fixtures';

interface PyTorchCase {
  name: string;
  module: PyTorchModuleKind;
  dtype: 'F32' | 'F64';
  T: number; B: number; X: number; H: number;
  num_layers: number; bidirectional: boolean; bias: boolean;
  lengths: number[] | null;
  /** nn.RNN only: the nonlinearity the module was built with. */
  nonlinearity?: 'tanh' | 'relu';
  state_dict_keys: string[];
  state_dict_safetensors: string;
  input: HexTensor; output: HexTensor; h_n: HexTensor;
  h0?: HexTensor; c0?: HexTensor; c_n?: HexTensor;
}

const cases = (fixtures as unknown as { cases: PyTorchCase[] }).cases;
const TOL = { F32: 1e-5, F64: 1e-10 };

function stateDict(c: PyTorchCase): Record<string, Tensor> {
  const file = decodeSafetensors(base64Bytes(c.state_dict_safetensors));
  expect(file.metadata).toEqual({ format: 'pt' });
  expect(Object.keys(file.tensors).sort()).toEqual([...c.state_dict_keys].sort());
  return file.tensors;
}

function run(layer: RecurrentLayer, c: PyTorchCase) {
  return layer.forward(hexTensor(c.input), {
    h0: c.h0 ? hexTensor(c.h0) : null,
    c0: c.c0 ? hexTensor(c.c0) : null,
    lengths: c.lengths,
  });
}

describe('PyTorch state dicts: recur matches torch.nn outputs', () => {
  it('the fixture covers RNN, LSTM and GRU, stacked, bidirectional, initial states, lengths, f32 and f64', () => {
    expect(new Set(cases.map((c) => c.module))).toEqual(new Set(['RNN', 'LSTM', 'GRU']));
    expect(cases.some((c) => c.num_layers > 1 && c.bidirectional)).toBe(true);
    expect(cases.some((c) => c.lengths !== null)).toBe(true);
    expect(new Set(cases.map((c) => c.dtype))).toEqual(new Set(['F32', 'F64']));
    expect(new Set(cases.filter((c) => c.module === 'RNN').map((c) => c.nonlinearity))).toEqual(new Set(['tanh', 'relu']));
  });

  for (const c of cases) {
    it(`${c.name}: output, h_n${c.c_n ? ', c_n' : ''} within ${TOL[c.dtype]}`, () => {
      const layer = fromPyTorchStateDict(c.module, stateDict(c), c.module === 'RNN' ? { nonlinearity: c.nonlinearity! } : {});
      expect(layer.config).toMatchObject({ inputSize: c.X, hiddenSize: c.H, numLayers: c.num_layers, bidirectional: c.bidirectional, dtype: c.dtype === 'F32' ? 'float32' : 'float64' });
      if (layer instanceof GRU) expect(layer.resetAfter).toBe(true);
      const r = run(layer, c);
      const tol = TOL[c.dtype];
      const errs = { output: maxAbsDiff(r.output, hexTensor(c.output)), h_n: maxAbsDiff(r.hN, hexTensor(c.h_n)), c_n: c.c_n ? maxAbsDiff(r.cN!, hexTensor(c.c_n)) : 0 };
      expect(errs.output, 'output').toBeLessThanOrEqual(tol);
      expect(errs.h_n, 'h_n').toBeLessThanOrEqual(tol);
      expect(errs.c_n, 'c_n').toBeLessThanOrEqual(tol);
    });

    it(`${c.name}: exporting gives the state dict back bit for bit, and a recur file round trip keeps the outputs`, () => {
      const sd = stateDict(c);
      const layer = fromPyTorchStateDict(c.module, sd, c.module === 'RNN' ? { nonlinearity: c.nonlinearity! } : {});
      const back = toPyTorchStateDict(layer);
      const expected = c.bias ? sd : { ...sd, ...Object.fromEntries(Object.keys(back).filter((k) => k.startsWith('bias')).map((k) => [k, Tensor.zeros([back[k].size], back[k].dtype)])) };
      expect(Object.keys(back).sort()).toEqual(Object.keys(expected).sort());
      for (const k of Object.keys(back)) {
        expect(back[k].shape, k).toEqual(expected[k].shape);
        expect(back[k].dtype, k).toBe(expected[k].dtype);
        expect(Array.from(back[k].data), k).toEqual(Array.from(expected[k].data));
      }
      const reloaded = loadModelBytes(saveModelBytes(layer)) as RecurrentLayer;
      expect(Array.from(run(reloaded, c).output.data)).toEqual(Array.from(run(layer, c).output.data));
    });
  }

  it('float32 weights import into a float64 layer with dtype, matching PyTorch to the float32 tolerance', () => {
    const c = cases.find((k) => k.name === 'LSTM f32')!;
    const layer = fromPyTorchStateDict('LSTM', stateDict(c), { dtype: 'float64' });
    expect(layer.config.dtype).toBe('float64');
    const r = layer.forward(Tensor.from(hexTensor(c.input), 'float64'));
    expect(maxAbsDiff(Tensor.from(r.output, 'float32'), hexTensor(c.output))).toBeLessThanOrEqual(1e-5);
  });
});

describe('fromPyTorchStateDict: prefixes and bad state dicts', () => {
  const c = cases.find((k) => k.name === 'GRU f64 2 layers bidirectional, h0')!;
  const sd = () => stateDict(c);

  it('selects one module of a larger state dict by prefix and exports with it', () => {
    const model = { 'encoder.rnn.': sd(), 'head.': { weight: Tensor.zeros([2, 6]) } };
    const flat: Record<string, Tensor> = {};
    for (const [p, d] of Object.entries(model)) for (const [k, v] of Object.entries(d)) flat[p + k] = v;
    const layer = fromPyTorchStateDict('GRU', flat, { prefix: 'encoder.rnn.', returnSequences: false });
    expect(layer.returnSequences).toBe(false);
    expect(Object.keys(toPyTorchStateDict(layer, { prefix: 'encoder.rnn.' })).sort()).toEqual(Object.keys(flat).filter((k) => k.startsWith('encoder.')).sort());
    expect(() => fromPyTorchStateDict('GRU', flat)).toThrow(/no 'weight_ih_l0' \/ 'weight_hh_l0' in the state dict; did you mean prefix 'encoder.rnn.'\?/);
    const stray = { ...sd(), 'head.weight': Tensor.zeros([2, 6]) };
    expect(() => fromPyTorchStateDict('GRU', stray)).toThrow(/'head.weight' is not a weight of this nn.GRU \(2 layer\(s\), bidirectional\); pass prefix/);
  });

  it('names the missing or mis-shaped key and the expected shape', () => {
    const missing = sd();
    delete missing.bias_hh_l1_reverse;
    expect(() => fromPyTorchStateDict('GRU', missing)).toThrow(/'bias_hh_l1_reverse' of shape \(9,\) is missing/);
    const wrong = sd();
    wrong.weight_ih_l1 = Tensor.zeros([9, 3]);
    expect(() => fromPyTorchStateDict('GRU', wrong)).toThrow(/'weight_ih_l1' has shape \(9, 3\) but \(9, 6\) was expected/);
    expect(() => fromPyTorchStateDict('LSTM', sd())).toThrow(/'weight_hh_l0' has shape \(9, 3\) but an nn.LSTM needs \(4\*H, H\)/);
    expect(() => fromPyTorchStateDict('GRU', {})).toThrow(/no 'weight_ih_l0' \/ 'weight_hh_l0' in the state dict/);
    expect(() => fromPyTorchStateDict('Transformer' as never, sd())).toThrow(/kind must be 'RNN', 'LSTM' or 'GRU'/);
    expect(() => fromPyTorchStateDict('GRU', { ...sd(), weight_ih_l0: [1] as never })).toThrow(TypeError);
  });

  it("nn.RNN's nonlinearity must be stated (the weights cannot tell); it becomes the SimpleRNN's activation", () => {
    const rnn = new SimpleRNN({ inputSize: 2, hiddenSize: 3, seed: 4 });
    const sd = toPyTorchStateDict(rnn);
    expect(() => fromPyTorchStateDict('RNN', sd)).toThrow(TypeError);
    expect(() => fromPyTorchStateDict('RNN', sd)).toThrow("fromPyTorchStateDict: options.nonlinearity is required for an nn.RNN state dict: 'tanh' or 'relu', as the module was built (the weights cannot tell them apart)");
    expect(() => fromPyTorchStateDict('RNN', sd, { nonlinearity: 'sigmoid' as never })).toThrow(/nonlinearity must be 'tanh' or 'relu', got "sigmoid"/);
    expect(() => fromPyTorchStateDict('LSTM', toPyTorchStateDict(new LSTM({ inputSize: 2, hiddenSize: 3 })), { nonlinearity: 'tanh' })).toThrow(/nonlinearity is an nn.RNN option; an nn.LSTM has none/);
    const x = Tensor.from(Array.from({ length: 3 * 2 * 2 }, (_, i) => Math.sin(i) * 2), [3, 2, 2]);
    for (const activation of ['tanh', 'relu'] as const) {
      const imported = fromPyTorchStateDict('RNN', sd, { nonlinearity: activation });
      expect(imported.config.activation).toBe(activation);
      // Same weights in a SimpleRNN built with that activation: the same outputs, bit for bit.
      const direct = new SimpleRNN({ inputSize: 2, hiddenSize: 3, seed: 4, activation });
      expect(Array.from(imported.forward(x).output.data)).toEqual(Array.from(direct.forward(x).output.data));
    }
    const relu = fromPyTorchStateDict('RNN', sd, { nonlinearity: 'relu' }).forward(x).output.data;
    expect(Array.from(relu).every((v) => v >= 0)).toBe(true);
    expect(Array.from(relu)).not.toEqual(Array.from(fromPyTorchStateDict('RNN', sd, { nonlinearity: 'tanh' }).forward(x).output.data));
  });

  it('refuses what recur cannot represent: LSTM projections, GRU without reset-after', () => {
    const lstm = new LSTM({ inputSize: 2, hiddenSize: 3 });
    const withProj = { ...toPyTorchStateDict(lstm), weight_hr_l0: Tensor.zeros([2, 3]) };
    expect(() => fromPyTorchStateDict('LSTM', withProj)).toThrow(/LSTM projection \(proj_size > 0\)/);
    expect(() => toPyTorchStateDict(new GRU({ inputSize: 2, hiddenSize: 3, resetAfter: false }))).toThrow(/resetAfter = false has no PyTorch equivalent/);
    expect(() => toPyTorchStateDict({} as never)).toThrow(TypeError);
  });
});
