// toOnnx's graphs, read back with an independent protobuf reader (@recur/testkit/onnx/read-onnx):
// valid structure for every layer kind and option, the declared opset, the weights in ONNX's
// gate order. packages/interop runs the same models in ONNX Runtime against predict.
import { describe, expect, it } from 'vitest';
import { Dense } from '../layers/dense.ts';
import { Dropout } from '../layers/dropout.ts';
import { Sequential } from '../models/sequential.ts';
import { Embedding } from '../layers/embedding.ts';
import { GRU } from '../layers/gru.ts';
import { LSTM } from '../layers/lstm.ts';
import { SimpleRNN } from '../layers/simple-rnn.ts';
import { onnxStructureProblems, readOnnx } from '@recur/testkit/onnx/read-onnx';
import { toOnnx, type OnnxExportable, type ToOnnxOptions } from './to-onnx.ts';

const f32 = 'float32' as const;
const cases: [string, () => OnnxExportable, ToOnnxOptions?][] = [
  ['LSTM', () => new LSTM({ inputSize: 3, hiddenSize: 4, dtype: f32, seed: 1 })],
  ['GRU bidirectional 2 layers, lengths', () => new GRU({ inputSize: 3, hiddenSize: 4, numLayers: 2, bidirectional: true, dtype: f32 }), { lengths: true }],
  ['SimpleRNN last state, initial states', () => new SimpleRNN({ inputSize: 3, hiddenSize: 4, returnSequences: false, dtype: f32 }), { initialStates: true }],
  ['LSTM 2 layers, initial states, opset 11', () => new LSTM({ inputSize: 3, hiddenSize: 4, numLayers: 2, dtype: f32 }), { initialStates: true, opset: 11 }],
  ['Dense alone', () => new Dense({ inputSize: 3, outputSize: 2, dtype: f32 })],
  ['Embedding + GRU + Dense', () => [new Embedding({ numEmbeddings: 5, embeddingSize: 3, dtype: f32 }), new GRU({ inputSize: 3, hiddenSize: 4, dtype: f32 }), new Dense({ inputSize: 4, outputSize: 5, dtype: f32 })]],
  ['Sequential batch-first Embedding + GRU + Dropout + Dense', () => new Sequential([new Embedding({ numEmbeddings: 5, embeddingSize: 3, batchFirst: true }), new GRU({ inputSize: 3, hiddenSize: 4, batchFirst: true }), new Dropout({ rate: 0.5 }), new Dense({ inputSize: 4, outputSize: 5, batchFirst: true })], { batchFirst: true })],
  ['float64 LSTM + Dense', () => ({ layers: [new LSTM({ inputSize: 3, hiddenSize: 4, returnSequences: false }), new Dense({ inputSize: 4, outputSize: 2 })] })],
];

describe('toOnnx structure', () => {
  for (const [name, make, options] of cases) {
    it(`${name}: every node input defined, opset declared, inputs/outputs typed`, () => {
      const m = readOnnx(toOnnx(make(), options));
      expect(onnxStructureProblems(m)).toEqual([]);
      expect(m.opsets).toEqual([{ domain: '', version: options?.opset ?? 17 }]);
      expect(m.producer).toBe('@recur/core');
      expect(m.graph.outputs.map((o) => o.name)).toEqual(['output']);
      expect(m.graph.inputs[0].name).toBe('input');
    });
  }

  it('the structure check catches what it should (a reader sanity test)', () => {
    const m = readOnnx(toOnnx(new LSTM({ inputSize: 2, hiddenSize: 2, dtype: f32 })));
    m.graph.nodes[0].inputs[0] = 'nowhere';
    m.graph.outputs[0].name = 'missing';
    const p = onnxStructureProblems(m);
    expect(p.some((s) => s.includes("reads 'nowhere'"))).toBe(true);
    expect(p.some((s) => s.includes("'missing' is never produced"))).toBe(true);
  });

  it('an LSTM node holds W in ONNX gate order i, o, f, c, B as input then recurrent biases', () => {
    const lstm = new LSTM({ inputSize: 2, hiddenSize: 3, dtype: 'float64', seed: 4 });
    lstm.params['l0.bh'].data.forEach((_, i, a) => { a[i] = 100 + i; });
    const m = readOnnx(toOnnx(lstm));
    const node = m.graph.nodes.find((n) => n.opType === 'LSTM')!;
    expect(node.attributes.find((a) => a.name === 'hidden_size')?.i).toBe(3);
    expect(node.attributes.find((a) => a.name === 'direction')?.s).toBe('forward');
    expect(node.attributes.find((a) => a.name === 'activations')?.strings).toEqual(['Sigmoid', 'Tanh', 'Tanh']);
    const W = m.graph.initializers.find((t) => t.name === node.inputs[1])!;
    expect(W.dims).toEqual([1, 12, 2]);
    expect(m.graph.initializers.find((t) => t.name === node.inputs[3])!.dims).toEqual([1, 24]);
  });

  it('a GRU says linear_before_reset for resetAfter (1) and the original form (0)', () => {
    for (const resetAfter of [true, false]) {
      const m = readOnnx(toOnnx(new GRU({ inputSize: 2, hiddenSize: 2, resetAfter, dtype: f32 })));
      expect(m.graph.nodes.find((n) => n.opType === 'GRU')!.attributes.find((a) => a.name === 'linear_before_reset')?.i).toBe(resetAfter ? 1 : 0);
    }
  });

  it('symbolic time and batch dims; Embedding input is int64 ids', () => {
    const m = readOnnx(toOnnx([new Embedding({ numEmbeddings: 5, embeddingSize: 3 }), new LSTM({ inputSize: 3, hiddenSize: 2 })]));
    expect(m.graph.inputs[0]).toEqual({ name: 'input', elemType: 7, dims: ['time', 'batch'] });
    expect(m.graph.outputs[0]).toEqual({ name: 'output', elemType: 11, dims: ['time', 'batch', 2] });
  });

  it("dtype 'float32' exports a float64 model as float32", () => {
    const m = readOnnx(toOnnx([new LSTM({ inputSize: 3, hiddenSize: 2 }), new Dense({ inputSize: 2, outputSize: 1 })], { dtype: 'float32' }));
    expect(m.graph.inputs[0].elemType).toBe(1);
    expect(m.graph.outputs[0].elemType).toBe(1);
    expect(m.graph.initializers.filter((t) => t.dataType === 11)).toEqual([]);
    expect(() => toOnnx(new Dense({ inputSize: 2, outputSize: 1 }), { dtype: 'float16' as never })).toThrow(/dtype/);
  });

  it('rejects what it cannot export, naming the problem', () => {
    const lstm = new LSTM({ inputSize: 3, hiddenSize: 4 });
    expect(() => toOnnx(lstm, { opset: 7 })).toThrow(/opset must be an integer in 11..21, got 7/);
    expect(() => toOnnx(lstm, { opsett: 17 } as never)).toThrow(/unknown option 'opsett'/);
    expect(() => toOnnx([lstm, new Dense({ inputSize: 5, outputSize: 1 })])).toThrow(/layer 1 takes 5 features but layer 0 gives 4/);
    expect(() => toOnnx([lstm, new Dense({ inputSize: 4, outputSize: 1, dtype: f32 })])).toThrow(/layer 1 is float32 but layer 0 is float64/);
    expect(() => toOnnx([new Dense({ inputSize: 4, outputSize: 3 }), new Embedding({ numEmbeddings: 3, embeddingSize: 2 })])).toThrow(/only the first layer/);
    expect(() => toOnnx({} as never)).toThrow(TypeError);
    expect(() => toOnnx([lstm, new GRU({ inputSize: 4, hiddenSize: 4 })], { initialStates: true })).toThrow(/exactly one recurrent layer/);
    expect(() => toOnnx(new Dense({ inputSize: 4, outputSize: 3 }), { lengths: true })).toThrow(/lengths needs a recurrent layer/);
  });
});
