/**
 * A small, fully deterministic training run used to compare runtimes: the same code and seed
 * in Node, Deno and Chromium must give the same losses. It takes @recur/core as an argument
 * (each runtime imports core its own way) and imports nothing at run time.
 *
 * Two loops: one written with the layer API (LSTM -> Dense, softmax cross-entropy, global
 * norm clipping, Adam) and one with the CharLM model (GRU), both on next-character
 * prediction over a few names.
 */
import type * as Core from '@recur/core';

export const TEXT = 'emma\nolivia\nava\nisabella\nsophia\nmia\namelia\nharper\n';

export interface TrainingTrace {
  vocab: string;
  /** Mean cross-entropy per step, before each update. */
  layerLosses: number[];
  charLMLosses: number[];
  /** A greedy continuation from the trained CharLM, starting at '\n'. */
  sample: string;
}

/** Time-major windows [T, B] of ids and their next-character targets, at fixed offsets. */
function windows(ids: number[], T: number, B: number, step: number): { inputs: Int32Array; targets: Int32Array } {
  const inputs = new Int32Array(T * B);
  const targets = new Int32Array(T * B);
  for (let b = 0; b < B; b++) {
    const start = (step * 7 + b * 13) % (ids.length - T - 1);
    for (let t = 0; t < T; t++) {
      inputs[t * B + b] = ids[start + t];
      targets[t * B + b] = ids[start + t + 1];
    }
  }
  return { inputs, targets };
}

export function trainTiny(core: typeof Core, steps = 25): TrainingTrace {
  const vocab = [...new Set(TEXT)].sort().join('');
  const V = vocab.length;
  const ids = [...TEXT].map((c) => vocab.indexOf(c));
  const T = 8;
  const B = 4;

  // The layer API by hand.
  const lstm = new core.LSTM({ inputSize: V, hiddenSize: 16, seed: 1 });
  const head = new core.Dense({ inputSize: 16, outputSize: V, seed: 2 });
  const params = [...core.prefixParameters('lstm', lstm.parameters()), ...core.prefixParameters('head', head.parameters())];
  const adam = new core.Adam(params, { lr: 0.02 });
  const layerLosses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const { inputs, targets } = windows(ids, T, B, s);
    adam.zeroGrad();
    const x = core.oneHot(inputs, [T, B], V);
    const r = lstm.forward(x);
    const d = head.forward(r.output);
    const ce = core.softmaxCrossEntropy(d.output, targets);
    lstm.backward(r.ctx, head.backward(d.ctx, ce.dlogits).dx);
    core.clipGradNorm(params, 5);
    adam.step();
    layerLosses.push(ce.loss);
  }

  // The CharLM model.
  const model = new core.CharLM({ vocabSize: V, hiddenSize: 16, cell: 'gru', embeddingSize: 8, seed: 3 });
  const charLMLosses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const { inputs, targets } = windows(ids, T, B, s);
    charLMLosses.push(model.step({ inputs, targets, T, B }).loss);
  }
  let sample = '';
  let state: ReturnType<typeof model.next>['state'] | null = null;
  let id = vocab.indexOf('\n');
  for (let i = 0; i < 12; i++) {
    const out = model.next([id], state);
    state = out.state;
    id = core.sampleFromLogits(out.logits.data, 0, 0);
    sample += vocab[id];
  }
  return { vocab, layerLosses, charLMLosses, sample };
}
