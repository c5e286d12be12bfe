import { describe, expect, it } from 'vitest';
import { Dense } from '../layers/dense.ts';
import { oneHot } from '../layers/embedding.ts';
import { LSTM } from '../layers/lstm.ts';
import { softmaxCrossEntropy } from '../losses/softmax-cross-entropy.ts';
import { Adam } from '../optim/adam.ts';
import { clipGradNorm } from '../optim/clip-grad.ts';
import { RandomState } from '../random/random-state.ts';
import { CharLM } from './char-lm.ts';

/** Sequences of K symbols with lengths 3..T; the label is the first symbol. */
function recallBatch(rng: RandomState, T: number, B: number, K: number) {
  const ids = new Int32Array(T * B);
  const lengths = new Int32Array(B);
  const labels = new Int32Array(B);
  for (let b = 0; b < B; b++) {
    lengths[b] = rng.randint(3, T + 1);
    for (let t = 0; t < T; t++) ids[t * B + b] = rng.randint(0, K);
    labels[b] = ids[b];
  }
  return { ids, lengths, labels };
}

describe('a tiny model learns a known task (fixed seed, fixed step count)', () => {
  it('LSTM + Dense recall the first symbol of variable-length sequences: >= 95% after 400 steps', () => {
    const T = 7;
    const K = 4;
    const B = 32;
    const lstm = new LSTM({ inputSize: K, hiddenSize: 16, returnSequences: false, seed: 1 });
    const head = new Dense({ inputSize: 16, outputSize: K, seed: 2 });
    const params = [...lstm.parameters(), ...head.parameters().map((p) => ({ ...p, name: `head.${p.name}` }))];
    const opt = new Adam(params, { lr: 0.02 });
    const rng = new RandomState(3);
    const accuracy = (batch: ReturnType<typeof recallBatch>) => {
      const h = lstm.forward(oneHot(batch.ids, [T, batch.labels.length], K), { lengths: batch.lengths }).output;
      const logits = head.forward(h).output.data;
      let right = 0;
      for (let b = 0; b < batch.labels.length; b++) {
        let best = 0;
        for (let k = 1; k < K; k++) if (logits[b * K + k] > logits[b * K + best]) best = k;
        if (best === batch.labels[b]) right++;
      }
      return right / batch.labels.length;
    };
    const heldOut = recallBatch(new RandomState(99), T, 500, K);
    const before = accuracy(heldOut);
    for (let step = 0; step < 400; step++) {
      const batch = recallBatch(rng, T, B, K);
      opt.zeroGrad();
      const r = lstm.forward(oneHot(batch.ids, [T, B], K), { lengths: batch.lengths });
      const d = head.forward(r.output);
      const ce = softmaxCrossEntropy(d.output, batch.labels);
      lstm.backward(r.ctx, head.backward(d.ctx, ce.dlogits).dx);
      clipGradNorm(params, 5);
      opt.step();
    }
    const after = accuracy(heldOut);
    expect(before).toBeLessThan(0.5);
    expect(after).toBeGreaterThanOrEqual(0.95);
  });

  it('CharLM (GRU) learns the running parity of a bit stream: >= 98% of steps after 300 steps', () => {
    const T = 10;
    const B = 16;
    // Inputs: bits 0/1; target at step t: parity of bits 0..t (symbols 0/1).
    const makeBatch = (rng: RandomState, n: number) => {
      const inputs = new Int32Array(T * n);
      const targets = new Int32Array(T * n);
      for (let b = 0; b < n; b++) {
        let parity = 0;
        for (let t = 0; t < T; t++) {
          const bit = rng.randint(0, 2);
          parity ^= bit;
          inputs[t * n + b] = bit;
          targets[t * n + b] = parity;
        }
      }
      return { inputs, targets, T, B: n };
    };
    const model = new CharLM({ vocabSize: 2, hiddenSize: 16, cell: 'gru', seed: 4, optimizer: { kind: 'adam', lr: 0.02 } });
    const rng = new RandomState(5);
    const heldOut = makeBatch(new RandomState(6), 200);
    const first = model.step(makeBatch(rng, B)).loss;
    for (let step = 1; step < 300; step++) model.step(makeBatch(rng, B));
    const logits = model.forward(heldOut.inputs, T, heldOut.B).logits.data;
    let right = 0;
    for (let i = 0; i < heldOut.targets.length; i++) if ((logits[2 * i + 1] > logits[2 * i] ? 1 : 0) === heldOut.targets[i]) right++;
    expect(first).toBeGreaterThan(0.6); // about ln 2 at the start
    expect(model.evaluate(heldOut).loss).toBeLessThan(0.1);
    expect(right / heldOut.targets.length).toBeGreaterThanOrEqual(0.98);
  });
});
