import { describe, expect, it } from 'vitest';
import { GRU } from '../layers/gru.ts';
import { LSTM } from '../layers/lstm.ts';
import type { RecurrentLayer } from '../layers/recurrent-layer.ts';
import { SimpleRNN } from '../layers/simple-rnn.ts';
import { CharLM, type CharBatch } from '../models/char-lm.ts';
import { RandomState } from '../random/random-state.ts';
import { Tensor, type DType } from '../tensor.ts';
import { loadModelBytes, MODEL_METADATA_KEYS, saveModelBytes } from './model-file.ts';
import { decodeSafetensors, encodeSafetensors, SafetensorsError } from './safetensors.ts';

function weights(m: { parameters(): { name: string; param: Tensor }[] }): Record<string, number[]> {
  return Object.fromEntries(m.parameters().map((p) => [p.name, Array.from(p.param.data)]));
}

function input(rng: RandomState, T: number, B: number, X: number, dtype: DType): Tensor {
  return Tensor.from(rng.randn(T, B, X), dtype);
}

function batch(rng: RandomState, V: number, T: number, B: number): CharBatch {
  const inputs = new Int32Array(T * B);
  const targets = new Int32Array(T * B);
  for (let i = 0; i < T * B; i++) {
    inputs[i] = rng.randint(0, V);
    targets[i] = rng.randint(0, V);
  }
  return { inputs, targets, T, B };
}

/** Decodes, lets `edit` change tensors/metadata, re-encodes: a well-formed container with wrong contents. */
function tamper(bytes: Uint8Array, edit: (t: Record<string, Tensor>, m: Record<string, string>) => void): Uint8Array {
  const f = decodeSafetensors(bytes);
  edit(f.tensors, f.metadata);
  return encodeSafetensors(f.tensors, f.metadata);
}

describe('saveModelBytes / loadModelBytes: recurrent layers', () => {
  const cases: [string, () => RecurrentLayer][] = [
    ['SimpleRNN f64 2 layers bidirectional', () => new SimpleRNN({ inputSize: 3, hiddenSize: 4, numLayers: 2, bidirectional: true, seed: 1 })],
    ['LSTM f32 2 layers', () => new LSTM({ inputSize: 3, hiddenSize: 5, numLayers: 2, dtype: 'float32', seed: 2, forgetBias: 0.5 })],
    ['GRU f64 resetAfter=false bidirectional, final states', () => new GRU({ inputSize: 2, hiddenSize: 3, bidirectional: true, resetAfter: false, returnSequences: false, seed: 3 })],
    ['GRU f32 resetAfter=true', () => new GRU({ inputSize: 4, hiddenSize: 2, dtype: 'float32', seed: 4 })],
  ];
  for (const [name, make] of cases) {
    it(`${name}: same class, config, weights and outputs after a round trip`, () => {
      const layer = make();
      // Perturb the biases so a loader that silently re-initialised would be caught.
      const rng = new RandomState(9);
      for (const p of layer.parameters()) p.param.data.set(rng.randn(p.param.size).data);
      const loaded = loadModelBytes(saveModelBytes(layer)) as RecurrentLayer;
      expect(loaded.constructor).toBe(layer.constructor);
      expect(loaded.config).toEqual(layer.config);
      expect(weights(loaded)).toEqual(weights(layer));
      const x = input(new RandomState(5), 4, 2, layer.inputSize, layer.config.dtype);
      const a = layer.forward(x, { lengths: [4, 2] });
      const b = loaded.forward(x, { lengths: [4, 2] });
      expect(Array.from(b.output.data)).toEqual(Array.from(a.output.data));
      expect(Array.from(b.hN.data)).toEqual(Array.from(a.hN.data));
    });
  }

  it('the bytes are reproducible and carry the documented metadata', () => {
    const layer = new LSTM({ inputSize: 2, hiddenSize: 3 });
    const bytes = saveModelBytes(layer, { metadata: { note: 'hello' } });
    expect(saveModelBytes(layer, { metadata: { note: 'hello' } })).toEqual(bytes);
    const f = decodeSafetensors(bytes);
    expect(f.metadata).toEqual({
      note: 'hello',
      'recur.format': 'recur.model',
      'recur.version': '1',
      'recur.architecture': 'LSTM',
      'recur.config': JSON.stringify(layer.config),
    });
    expect(Object.keys(f.tensors).sort()).toEqual(['l0.bh', 'l0.bx', 'l0.wh', 'l0.wx']);
    expect(f.tensors['l0.wx'].shape).toEqual([2, 12]);
  });
});

describe('saveModelBytes / loadModelBytes: CharLM', () => {
  for (const cell of ['rnn', 'lstm', 'gru'] as const) {
    it(`${cell}: with the optimizer state, training resumes to bit-identical weights`, () => {
      const V = 5;
      const options = { vocabSize: V, hiddenSize: 4, numLayers: 2, cell, embeddingSize: cell === 'gru' ? 3 : 0, seed: 7 };
      const rng = new RandomState(11);
      const batches = Array.from({ length: 6 }, () => batch(rng, V, 5, 2));
      const a = new CharLM(options);
      for (const b of batches.slice(0, 3)) a.step(b);
      const bytes = saveModelBytes(a, { includeOptimizer: true });
      const resumed = loadModelBytes(bytes) as CharLM;
      expect(resumed).toBeInstanceOf(CharLM);
      expect(resumed.steps).toBe(3);
      expect(resumed.state().optimizer).toEqual(a.state().optimizer);
      for (const b of batches.slice(3)) {
        expect(resumed.step(b).loss).toBe(a.step(b).loss);
      }
      expect(weights(resumed)).toEqual(weights(a));
    });
  }

  it('without the optimizer state: same weights, a fresh optimizer; loadOptimizer:false ignores a stored one', () => {
    const m = new CharLM({ vocabSize: 4, hiddenSize: 3, optimizer: { kind: 'momentum', lr: 0.1 } });
    m.step(batch(new RandomState(1), 4, 3, 2));
    const plain = loadModelBytes(saveModelBytes(m)) as CharLM;
    expect(weights(plain)).toEqual(weights(m));
    expect(plain.steps).toBe(0);
    expect(plain.config).toEqual(m.config);
    expect(Object.keys(decodeSafetensors(saveModelBytes(m, { includeOptimizer: true })).tensors).filter((n) => n.startsWith('optimizer.'))).toContain('optimizer.momentum.head.w');
    const skipped = loadModelBytes(saveModelBytes(m, { includeOptimizer: true }), { loadOptimizer: false }) as CharLM;
    expect(skipped.steps).toBe(0);
  });

  it('an optimizer state missing a slot is refused, not resumed from zeros', () => {
    const m = new CharLM({ vocabSize: 4, hiddenSize: 3, optimizer: { kind: 'adam', lr: 0.1 } });
    m.step(batch(new RandomState(1), 4, 3, 2));
    const file = decodeSafetensors(saveModelBytes(m, { includeOptimizer: true }));
    delete file.tensors['optimizer.v.rnn.l0.wh'];
    const bytes = encodeSafetensors(file.tensors, file.metadata);
    expect(() => loadModelBytes(bytes)).toThrow("loadModelBytes: the adam optimizer's state at step 1 has no slot 'v:rnn.l0.wh' (it keeps m, v for every parameter)");
  });
});

describe('loadModelBytes rejects files that do not describe a model', () => {
  const layer = new GRU({ inputSize: 2, hiddenSize: 3, numLayers: 2 });
  const good = saveModelBytes(layer);

  it('a plain safetensors file (no recur metadata) and other formats', () => {
    const plain = encodeSafetensors({ weight_ih_l0: Tensor.zeros([9, 2]) });
    expect(() => loadModelBytes(plain)).toThrow(/not a recur model file \(no 'recur.format' metadata/);
    const other = tamper(good, (_, m) => { m['recur.format'] = 'pt'; });
    expect(() => loadModelBytes(other)).toThrow(/'recur.format' = "pt"/);
  });

  it('a newer version and an unknown architecture', () => {
    expect(() => loadModelBytes(tamper(good, (_, m) => { m['recur.version'] = '2'; }))).toThrow(/version "2" is not supported \(this recur reads version 1\)/);
    expect(() => loadModelBytes(tamper(good, (_, m) => { m['recur.architecture'] = 'Transformer'; }))).toThrow(/unknown architecture "Transformer"; expected one of CharLM, SimpleRNN, LSTM, GRU/);
  });

  it('a config that is not JSON, has unknown keys, bad values or disagrees with the architecture', () => {
    const withConfig = (c: string) => tamper(good, (_, m) => { m[MODEL_METADATA_KEYS.config] = c; });
    const cfg = { ...layer.config } as Record<string, unknown>;
    expect(() => loadModelBytes(withConfig('{oops'))).toThrow(/'recur.config' metadata is not valid JSON/);
    expect(() => loadModelBytes(withConfig('[1]'))).toThrow(/must be a JSON object/);
    expect(() => loadModelBytes(withConfig(JSON.stringify({ ...cfg, attention: true })))).toThrow(/config key 'attention' is unknown to GRU/);
    expect(() => loadModelBytes(withConfig(JSON.stringify({ ...cfg, hiddenSize: -1 })))).toThrow(RangeError);
    expect(() => loadModelBytes(withConfig(JSON.stringify({ ...cfg, hiddenSize: 'x' })))).toThrow(/hiddenSize must be an integer/);
    expect(() => loadModelBytes(withConfig(JSON.stringify({ ...cfg, cell: 'lstm' })))).toThrow(/config cell = "lstm" does not describe a GRU/);
    expect(() => loadModelBytes(tamper(good, (_, m) => { delete m[MODEL_METADATA_KEYS.config]; }))).toThrow(/'recur.config' metadata is missing/);
  });

  it('a config that claims a huge model over small tensors is rejected before anything is allocated', () => {
    const huge = tamper(good, (_, m) => { m[MODEL_METADATA_KEYS.config] = JSON.stringify({ ...layer.config, hiddenSize: 1e9, numLayers: 1e6 }); });
    expect(() => loadModelBytes(huge)).toThrow(/the GRU config implies 4000000 weight tensors but the file has 8/);
    const wide = tamper(good, (_, m) => { m[MODEL_METADATA_KEYS.config] = JSON.stringify({ ...layer.config, hiddenSize: 1e9 }); });
    expect(() => loadModelBytes(wide)).toThrow(/tensor 'l0.wx' has shape \(2, 9\) but the config implies \(2, 3000000000\)/);
  });

  it('missing, extra, mis-shaped, wrong-dtype and non-finite tensors', () => {
    expect(() => loadModelBytes(tamper(good, (t) => { delete t['l1.bh']; }))).toThrow(/needs tensor 'l1.bh' of shape \(9,\), the file has none/);
    expect(() => loadModelBytes(tamper(good, (t) => { t['l2.wx'] = Tensor.zeros([3, 9]); }))).toThrow(/tensor 'l2.wx' is not a weight of this GRU/);
    expect(() => loadModelBytes(tamper(good, (t) => { t['l0.wx'] = Tensor.zeros([9, 2]); }))).toThrow(/tensor 'l0.wx' has shape \(9, 2\) but the config implies \(2, 9\)/);
    expect(() => loadModelBytes(tamper(good, (t) => { t['l0.wh'] = Tensor.from(t['l0.wh'], 'float32'); }))).toThrow(/tensor 'l0.wh' is float32 but the model's config says float64/);
    expect(() => loadModelBytes(tamper(good, (t) => { t['l1.bx'].data[4] = NaN; }))).toThrow(/weight 'l1.bx'\[4\] is NaN; the file is corrupt/);
    expect(() => loadModelBytes(tamper(good, (t) => { t['l1.bx'].data[0] = -Infinity; }))).toThrow(/weight 'l1.bx'\[0\] is -Infinity/);
    expect(() => loadModelBytes(tamper(good, (t) => { t['optimizer.m.l0.wx'] = Tensor.zeros([2, 9]); }))).toThrow(/a GRU file cannot hold optimizer state/);
  });

  it('optimizer state that does not fit the model', () => {
    const m = new CharLM({ vocabSize: 3, hiddenSize: 2 });
    m.step(batch(new RandomState(2), 3, 2, 2));
    const bytes = saveModelBytes(m, { includeOptimizer: true });
    expect(() => loadModelBytes(tamper(bytes, (t) => { t['optimizer.m.head.x'] = Tensor.zeros([2]); }))).toThrow(/tensor 'optimizer.m.head.x' names no parameter/);
    expect(() => loadModelBytes(tamper(bytes, (t) => { t['optimizer.m.head.b'] = Tensor.zeros([1, 3]); }))).toThrow(/'optimizer.m.head.b' has shape \(1, 3\) but the config implies \(3,\)/);
    expect(() => loadModelBytes(tamper(bytes, (_, md) => { md['recur.optimizer'] = JSON.stringify({ kind: 'sgd', step: 1 }); }))).toThrow(/state is for a 'sgd' optimizer, this is 'adam'/);
    expect(() => loadModelBytes(tamper(bytes, (_, md) => { md['recur.optimizer'] = JSON.stringify({ kind: 'adam', step: -1 }); }))).toThrow(/step must be a non-negative integer/);
    expect(() => loadModelBytes(tamper(bytes, (_, md) => { delete md['recur.optimizer']; }))).toThrow(/is optimizer state but 'recur.optimizer' metadata is missing/);
  });

  it('malformed containers surface as SafetensorsError (a RangeError)', () => {
    for (const n of [0, 7, 8, 20, good.length - 1]) {
      const err = (() => { try { loadModelBytes(good.subarray(0, n)); } catch (e) { return e; } })();
      expect(err, `length ${n}`).toBeInstanceOf(SafetensorsError);
    }
    expect(() => loadModelBytes([1, 2] as unknown as Uint8Array)).toThrow(TypeError);
  });
});

describe('saveModelBytes rejects what it cannot store', () => {
  it('non-models, optimizer state of a layer, reserved metadata, non-finite weights', () => {
    expect(() => saveModelBytes({} as never)).toThrow(/model must be a Sequential, CharLM, SimpleRNN, LSTM or GRU, got Object/);
    expect(() => saveModelBytes(null as never)).toThrow(TypeError);
    const layer = new LSTM({ inputSize: 1, hiddenSize: 1 });
    expect(() => saveModelBytes(layer, { includeOptimizer: true })).toThrow(/includeOptimizer needs a model that owns an optimizer/);
    expect(() => saveModelBytes(layer, { metadata: { 'recur.format': 'x' } })).toThrow(/metadata key 'recur.format' is reserved/);
    layer.params['l0.wh'].data[2] = NaN;
    expect(() => saveModelBytes(layer)).toThrow(/weight 'l0.wh'\[2\] is NaN; refusing to save/);
  });
});
