/**
 * Finite-difference checks of the Dense head, the Embedding and the losses, run on the
 * current backend (Dense uses gemm, the cross-entropy softmaxRows).
 */
import { mse } from '@recur/core';
import { softmaxCrossEntropy } from '@recur/core';
import type { MaskOptions } from '@recur/core';
import { RandomState } from '@recur/core';
import { Dense } from '@recur/core';
import { Embedding } from '@recur/core';
import { compareGradients, dot, numericGradient, type GradientComparison } from './gradient-check.ts';

/** Dense over x [2, 3, 5] -> [2, 3, 4], loss = sum(r ⊙ y). */
export function checkDenseGradients(seed = 3): GradientComparison[] {
  const rng = new RandomState(seed);
  const dense = new Dense({ inputSize: 5, outputSize: 4, seed });
  dense.params.b.data.set(rng.randn(4).data);
  const x = rng.randn(2, 3, 5);
  const r = rng.randn(2, 3, 4);
  dense.zeroGrad();
  const f = dense.forward(x);
  const { dx } = dense.backward(f.ctx, r);
  const loss = () => dot(r.data, dense.forward(x).output.data);
  return [
    compareGradients('x', dx.data, numericGradient(loss, x.data)),
    compareGradients('w', dense.grads.w.data, numericGradient(loss, dense.params.w.data)),
    compareGradients('b', dense.grads.b.data, numericGradient(loss, dense.params.b.data)),
  ];
}

/** Embedding of ids [3, 2] with repeats (gradients of a repeated id must add up). */
export function checkEmbeddingGradients(seed = 4): GradientComparison[] {
  const rng = new RandomState(seed);
  const emb = new Embedding({ numEmbeddings: 5, embeddingSize: 3, seed });
  const ids = [1, 4, 1, 0, 4, 4];
  const r = rng.randn(3, 2, 3);
  emb.zeroGrad();
  const f = emb.forward(ids, [3, 2]);
  emb.backward(f.ctx, r);
  const loss = () => dot(r.data, emb.forward(ids, [3, 2]).output.data);
  return [compareGradients('table', emb.grads.table.data, numericGradient(loss, emb.params.table.data))];
}

/** Softmax cross-entropy on logits [4, 3, 6] (T, B, V), optionally with lengths or a mask. */
export function checkCrossEntropyGradients(options: MaskOptions = {}, seed = 5): GradientComparison[] {
  const rng = new RandomState(seed);
  const logits = rng.randn(4, 3, 6);
  for (let i = 0; i < logits.size; i++) logits.data[i] *= 3;
  const targets = Array.from({ length: 12 }, () => rng.randint(0, 6));
  const { dlogits } = softmaxCrossEntropy(logits, targets, options);
  const loss = () => softmaxCrossEntropy(logits, targets, options).loss;
  return [compareGradients('logits', dlogits.data, numericGradient(loss, logits.data))];
}

/** MSE on [4, 3, 2] predictions, optionally with lengths or a mask. */
export function checkMSEGradients(options: MaskOptions = {}, seed = 6): GradientComparison[] {
  const rng = new RandomState(seed);
  const prediction = rng.randn(4, 3, 2);
  const target = rng.randn(4, 3, 2);
  const { dprediction } = mse(prediction, target, options);
  const loss = () => mse(prediction, target, options).loss;
  return [compareGradients('prediction', dprediction.data, numericGradient(loss, prediction.data))];
}
