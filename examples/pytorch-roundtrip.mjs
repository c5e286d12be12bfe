// PyTorch -> recur -> ONNX, and back: a model trained in PyTorch (pytorch-roundtrip/, made by
// make_weights.py) is loaded from its safetensors state dict into recur, gives PyTorch's
// numbers, goes back out as a state dict bit for bit, and is exported with toOnnx; ONNX Runtime
// gives the same numbers again. This is the path for training on many machines with PyTorch
// and serving with ONNX Runtime or Triton (README: "Beyond one machine").
//   node examples/pytorch-roundtrip.mjs
import { readFileSync } from 'node:fs';
import { Dense, Tensor, decodeSafetensors, encodeSafetensors, fromPyTorchStateDict, toOnnx, toPyTorchStateDict } from '@recur/core';

const here = new URL('./pytorch-roundtrip/', import.meta.url);
const bytes = new Uint8Array(readFileSync(new URL('model.safetensors', here)));
const ref = JSON.parse(readFileSync(new URL('reference.json', here), 'utf8'));
const { tensors } = decodeSafetensors(bytes);

// nn.LSTM under 'lstm.', nn.Linear under 'head.' (weight [out, in], bias [out]).
const lstm = fromPyTorchStateDict('LSTM', tensors, { prefix: 'lstm.' });
const [out, inp] = tensors['head.weight'].shape;
const head = new Dense({ inputSize: inp, outputSize: out, dtype: 'float32' });
for (let o = 0; o < out; o++) for (let i = 0; i < inp; i++) head.params.w.data[i * out + o] = tensors['head.weight'].data[o * inp + i];
head.params.b.data.set(tensors['head.bias'].data);
console.log(`loaded nn.LSTM(${lstm.inputSize}, ${lstm.hiddenSize}, num_layers=${lstm.numLayers}) + nn.Linear(${inp}, ${out}) trained in PyTorch ${ref.torch}`);

const x = new Tensor(Float32Array.from(ref.x.data), ref.x.shape);
const want = Float32Array.from(ref.logits.data);
const maxDiff = (a) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - want[i])), 0);
const logits = head.forward(lstm.forward(x).output).output;
const recurDiff = maxDiff(logits.data);
console.log(`recur vs PyTorch logits [${logits.shape.join(', ')}]: max |difference| ${recurDiff.toExponential(2)}`);

// Back to PyTorch: the same state dict, bit for bit (load it with model.load_state_dict).
const back = { ...toPyTorchStateDict(lstm, { prefix: 'lstm.' }), 'head.weight': tensors['head.weight'], 'head.bias': new Tensor(Float32Array.from(head.params.b.data), [out]) };
const same = Object.keys(tensors).every((k) => back[k] && back[k].data.every((v, i) => Object.is(v, tensors[k].data[i])));
console.log(`state dict back to PyTorch: ${Object.keys(back).length} tensors, ${same ? 'bit-identical' : 'DIFFERENT'} (${encodeSafetensors(back).length} bytes as safetensors)`);

// Out to ONNX, run by ONNX Runtime when it is installed (npm install onnxruntime-node).
const model = toOnnx([lstm, head], { opset: 17 });
let ortDiff = 0;
const ort = await import('onnxruntime-node').catch(() => null);
if (ort) {
  const session = await ort.InferenceSession.create(model);
  const result = await session.run({ input: new ort.Tensor('float32', x.data, [...x.shape]) });
  ortDiff = maxDiff(result.output.data);
  console.log(`ONNX Runtime ${ort.env.versions.common} vs PyTorch logits: max |difference| ${ortDiff.toExponential(2)} (model.onnx would be ${model.length} bytes)`);
  await session.release();
} else {
  console.log(`toOnnx wrote ${model.length} bytes; install onnxruntime-node to run them here`);
}
if (!(recurDiff < 1e-5 && ortDiff < 1e-5 && same)) {
  console.error('the numbers did not survive the round trip');
  process.exit(1);
}
console.log('the numbers survive PyTorch -> recur -> ONNX (within 1e-5 in float32)');
