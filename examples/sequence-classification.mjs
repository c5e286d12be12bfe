// Sequence classification: a GRU reads a sequence of 12 random symbols and a Dense head names
// its class, the symbol it started with: the first step must be remembered across the 11
// that follow. Trained with AdamW and a learning-rate warm-up, evaluated on held-out sequences.
//   node examples/sequence-classification.mjs
import { AdamW, Dense, GRU, LinearLR, RandomState, Tensor, clipGradNorm, prefixParameters, softmaxCrossEntropy } from '@recur/core';

const T = 12, V = 4, C = 4, H = 32, B = 32, STEPS = 300;
const rng = new RandomState(7);

/** n random sequences, time-major one-hot x [T, n, V], and their labels. */
function batch(n) {
  const x = Tensor.zeros([T, n, V], 'float32');
  const labels = new Int32Array(n);
  for (let b = 0; b < n; b++) {
    const ids = Array.from({ length: T }, () => Math.floor(rng.nextDouble() * V));
    ids.forEach((id, t) => { x.data[(t * n + b) * V + id] = 1; });
    labels[b] = ids[0];
  }
  return { x, labels };
}

const gru = new GRU({ inputSize: V, hiddenSize: H, returnSequences: false, dtype: 'float32', seed: 1 });
const head = new Dense({ inputSize: H, outputSize: C, dtype: 'float32', seed: 2 });
const params = [...prefixParameters('gru', gru.parameters()), ...prefixParameters('head', head.parameters())];
const opt = new AdamW(params, { lr: 0.02 });
const warmup = new LinearLR(opt, { startFactor: 0.1, totalIters: 50 });

const started = Date.now();
let loss = 0;
for (let step = 0; step < STEPS; step++) {
  const { x, labels } = batch(B);
  const r = gru.forward(x);                      // [B, H]: the final state
  const y = head.forward(r.output);              // logits [B, C]
  const ce = softmaxCrossEntropy(y.output, labels);
  opt.zeroGrad();
  gru.backward(r.ctx, head.backward(y.ctx, ce.dlogits).dx);
  clipGradNorm(params, 5);
  opt.step();
  warmup.step();
  loss = ce.loss;
  if (step % 100 === 0) console.log(`step ${step}: loss ${ce.loss.toFixed(3)}`);
}

const test = batch(1000);
const logits = head.forward(gru.forward(test.x).output).output;
let correct = 0;
for (let b = 0; b < 1000; b++) {
  const row = logits.data.subarray(b * C, (b + 1) * C);
  if (row.indexOf(Math.max(...row)) === test.labels[b]) correct++;
}
console.log(`trained ${STEPS} steps in ${((Date.now() - started) / 1000).toFixed(1)} s, final batch loss ${loss.toFixed(3)}`);
console.log(`accuracy on 1000 held-out sequences: ${(correct / 10).toFixed(1)}% (chance: 25%)`);
