// Sequence classification, the Keras way: a batch-first Sequential of an LSTM and a Dense head
// reads 12 random symbols and names the one it started with (the first step must be
// remembered across the 11 that follow). Trained with fit (AdamW, a learning-rate warm-up),
// evaluated on held-out sequences, then exported with toOnnx and checked in ONNX Runtime.
//   node examples/sequence-classification.mjs
import { AdamW, Dense, LSTM, LinearLR, RandomState, Sequential, Tensor, toOnnx } from '@recur/core';

const T = 12, V = 4, H = 32;
const rng = new RandomState(7);

/** n random sequences, batch-first one-hot x [n, T, V], and their classes y [n]. */
function data(n) {
  const x = Tensor.zeros([n, T, V], 'float32');
  const y = Tensor.zeros([n], 'float32');
  for (let b = 0; b < n; b++) {
    for (let t = 0; t < T; t++) {
      const id = Math.floor(rng.nextDouble() * V);
      x.data[(b * T + t) * V + id] = 1;
      if (t === 0) y.data[b] = id;
    }
  }
  return { x, y };
}

const model = new Sequential([
  new LSTM({ inputSize: V, hiddenSize: H, returnSequences: false, batchFirst: true, dtype: 'float32', seed: 1 }),
  new Dense({ inputSize: H, outputSize: V, batchFirst: true, dtype: 'float32', seed: 2 }),
], { batchFirst: true });
console.log(model.summary());

const train = data(1024);
const test = data(1000);
const optimizer = new AdamW(model.parameters(), { lr: 0.02 });
const warmup = new LinearLR(optimizer, { startFactor: 0.1, totalIters: 20 });
const started = Date.now();
const history = await model.fit(train.x, train.y, {
  epochs: 3, batchSize: 32, loss: 'softmaxCrossEntropy', optimizer, seed: 3, clipNorm: 5,
  validationData: [test.x, test.y],
  callbacks: {
    onBatchEnd: () => warmup.step(),
    onEpochEnd: (epoch, logs) => console.log(`epoch ${epoch + 1}: loss ${logs.loss.toFixed(3)}, validation accuracy ${(100 * logs.valAccuracy).toFixed(1)}%`),
  },
});
const { accuracy } = model.evaluate(test.x, test.y, { loss: 'softmaxCrossEntropy' });
console.log(`trained ${history.loss.length} epochs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`accuracy on 1000 held-out sequences: ${(100 * accuracy).toFixed(1)}% (chance: 25%)`);

// The same model in ONNX Runtime, when installed (npm install onnxruntime-node).
const ort = await import('onnxruntime-node').catch(() => null);
if (ort) {
  const session = await ort.InferenceSession.create(toOnnx(model));
  const { output } = await session.run({ input: new ort.Tensor('float32', test.x.data, [...test.x.shape]) });
  const want = model.predict(test.x).data;
  const diff = output.data.reduce((m, v, i) => Math.max(m, Math.abs(v - want[i])), 0);
  console.log(`ONNX Runtime logits vs predict: max |difference| ${diff.toExponential(2)}`);
  await session.release();
}
