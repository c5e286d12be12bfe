// Layers, losses, optimizers and the CharLM under Deno: backward against central differences
// (core's framework-free checks, same 1e-6 bar as the vitest suite), padding that changes
// nothing, a few training steps that learn, a bit-identical resume from state(), and weights
// moved through a safetensors file.
import {
  CharLM, decodeSafetensors, encodeSafetensors, Tensor,
} from '../src/index.ts';
import {
  checkCrossEntropyGradients, checkDenseGradients, checkEmbeddingGradients, checkPaddingIsInert, checkRecurrentGradients,
  recurrentCheckCases,
} from '@recur/testkit/layers/index.ts';
import assert from 'node:assert/strict';

const GRADIENT_TOLERANCE = 1e-6;

Deno.test('recurrent layers: backward matches central differences for every cell, stacking and direction', () => {
  const cases = recurrentCheckCases();
  assert.ok(cases.length >= 8, `only ${cases.length} cases`);
  for (const c of cases) {
    for (const r of checkRecurrentGradients(c)) {
      assert.ok(r.relErr < GRADIENT_TOLERANCE, `${c.name}: d/d${r.name} relErr ${r.relErr} (max abs err ${r.maxAbsErr})`);
    }
  }
});

Deno.test('recurrent layers: padded steps change neither outputs nor gradients', () => {
  for (const c of recurrentCheckCases().filter((k) => k.lengths)) {
    const r = checkPaddingIsInert(c);
    assert.equal(r.outputAtPadding, 0, c.name);
    assert.equal(r.dxAtPadding, 0, c.name);
    assert.deepEqual(r.changedByPaddedInput, [], c.name);
  }
});

Deno.test('Dense, Embedding and softmax cross-entropy: backward matches central differences', () => {
  const all = [...checkDenseGradients(), ...checkEmbeddingGradients(), ...checkCrossEntropyGradients(), ...checkCrossEntropyGradients({ lengths: [4, 2, 0] })];
  for (const r of all) assert.ok(r.relErr < GRADIENT_TOLERANCE, `d/d${r.name} relErr ${r.relErr}`);
});

const TEXT = 'hello world\nhello deno\n';
const VOCAB = [...new Set(TEXT)].sort().join('');
const IDS = [...TEXT].map((ch) => VOCAB.indexOf(ch));
/** Step s's batch: B windows of T characters and the characters after them, time-major. */
function batch(s: number, T = 6, B = 3) {
  const inputs = new Int32Array(T * B);
  const targets = new Int32Array(T * B);
  for (let b = 0; b < B; b++) {
    const start = (s * 5 + b * 7) % (IDS.length - T - 1);
    for (let t = 0; t < T; t++) {
      inputs[t * B + b] = IDS[start + t];
      targets[t * B + b] = IDS[start + t + 1];
    }
  }
  return { inputs, targets, T, B };
}

Deno.test('CharLM learns in a few steps and resumes bit-identically from state()', () => {
  const model = new CharLM({ vocabSize: VOCAB.length, hiddenSize: 12, cell: 'lstm', seed: 7 });
  const losses: number[] = [];
  for (let s = 0; s < 60; s++) losses.push(model.step(batch(s)).loss);
  assert.ok(losses.every(Number.isFinite));
  // Chance is ln(10) = 2.30 nats; this text is nearly deterministic, so a model that learns
  // ends far below it (measured: about 0.65 after 60 steps).
  const chance = Math.log(VOCAB.length);
  const tail = (losses[57] + losses[58] + losses[59]) / 3;
  assert.ok(losses[0] > 0.9 * chance, `first loss ${losses[0]} vs chance ${chance}`);
  assert.ok(tail < 0.35 * chance, `after 60 steps the loss is ${tail}, chance is ${chance}`);

  const resumed = CharLM.fromState(structuredClone(model.state()));
  for (let s = 60; s < 65; s++) {
    const a = model.step(batch(s));
    const b = resumed.step(batch(s));
    assert.equal(b.loss, a.loss, `step ${s}`);
    assert.equal(b.gradNorm, a.gradNorm, `step ${s}`);
  }
});

Deno.test('CharLM weights survive a safetensors file: same logits after loading into a fresh model', () => {
  const trained = new CharLM({ vocabSize: VOCAB.length, hiddenSize: 8, cell: 'gru', embeddingSize: 4, seed: 1 });
  for (let s = 0; s < 5; s++) trained.step(batch(s));
  const named: Record<string, Tensor> = {};
  for (const p of trained.parameters()) named[p.name] = p.param;
  const file = decodeSafetensors(encodeSafetensors(named, { format: 'recur.charlm' }));

  const fresh = new CharLM({ vocabSize: VOCAB.length, hiddenSize: 8, cell: 'gru', embeddingSize: 4, seed: 99 });
  for (const p of fresh.parameters()) p.param.data.set(file.tensors[p.name].data);
  const { inputs, T, B } = batch(0);
  const want = trained.forward(inputs, T, B).logits.data;
  const got = fresh.forward(inputs, T, B).logits.data;
  assert.deepEqual(Array.from(got), Array.from(want));
});
