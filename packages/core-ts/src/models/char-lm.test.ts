import { describe, expect, it } from 'vitest';
import { RandomState } from '../random/random-state.ts';
import { CharLM, type CharBatch, type CharLMRecurrentState } from './char-lm.ts';
import { sampleFromLogits } from './sample.ts';

const V = 6;

function batch(rng: RandomState, T: number, B: number): CharBatch {
  const inputs = new Int32Array(T * B);
  const targets = new Int32Array(T * B);
  const lengths = new Int32Array(B);
  for (let b = 0; b < B; b++) lengths[b] = rng.randint(1, T + 1);
  for (let i = 0; i < T * B; i++) {
    inputs[i] = rng.randint(0, V);
    targets[i] = rng.randint(0, V);
  }
  return { inputs, targets, T, B, lengths };
}

function weights(m: CharLM): Record<string, number[]> {
  return Object.fromEntries(m.parameters().map((p) => [p.name, Array.from(p.param.data)]));
}

describe('CharLM', () => {
  it('names its parameters for the checkpoint and importers', () => {
    const m = new CharLM({ vocabSize: V, hiddenSize: 4, numLayers: 2, embeddingSize: 3 });
    expect(m.parameters().map((p) => p.name)).toEqual([
      'embedding.table',
      'rnn.l0.wx', 'rnn.l0.wh', 'rnn.l0.bx', 'rnn.l0.bh',
      'rnn.l1.wx', 'rnn.l1.wh', 'rnn.l1.bx', 'rnn.l1.bh',
      'head.w', 'head.b',
    ]);
  });

  for (const cell of ['rnn', 'lstm', 'gru'] as const) {
    it(`${cell}: resuming from state() continues to bit-identical weights`, () => {
      const options = { vocabSize: V, hiddenSize: 5, numLayers: 2, cell, embeddingSize: cell === 'gru' ? 4 : 0, seed: 3 };
      const batches = Array.from({ length: 6 }, ((rng) => () => batch(rng, 5, 3))(new RandomState(8)));
      const a = new CharLM(options);
      for (const b of batches.slice(0, 3)) a.step(b);
      const saved = a.state();
      for (const b of batches.slice(3)) a.step(b);

      const resumed = CharLM.fromState(saved);
      expect(resumed.steps).toBe(3);
      for (const b of batches.slice(3)) resumed.step(b);
      expect(weights(resumed)).toEqual(weights(a));
      expect(resumed.state().optimizer).toEqual(a.state().optimizer);
    });
  }

  it('state() is a deep copy', () => {
    const m = new CharLM({ vocabSize: V, hiddenSize: 3 });
    const s = m.state();
    const before = Array.from(s.params['head.w']);
    m.step(batch(new RandomState(1), 4, 2));
    expect(Array.from(s.params['head.w'])).toEqual(before);
  });

  it('a step lowers the loss on the same batch; padded targets are ignored', () => {
    const m = new CharLM({ vocabSize: V, hiddenSize: 8, optimizer: { kind: 'sgd', lr: 0.5 } });
    const b = batch(new RandomState(2), 6, 4);
    const before = m.evaluate(b).loss;
    const first = m.step(b);
    expect(first.loss).toBe(before);
    expect(m.evaluate(b).loss).toBeLessThan(first.loss);
    const garbage = { ...b, targets: Int32Array.from(b.targets, (v, i) => (Math.floor(i / b.B) >= (b.lengths as Int32Array)[i % b.B] ? -7 : v)) };
    expect(m.evaluate(garbage).loss).toBe(m.evaluate(b).loss);
  });

  it('next() steps one symbol at a time like a full forward pass', () => {
    const m = new CharLM({ vocabSize: V, hiddenSize: 4, cell: 'lstm', seed: 5 });
    const seq = [1, 4, 2, 5];
    const full = m.forward(seq, 4, 1).logits.data;
    let state = null;
    for (let t = 0; t < seq.length; t++) {
      const r = m.next([seq[t]], state);
      state = r.state;
      Array.from(r.logits.data).forEach((v, j) => expect(Math.abs(v - full[t * V + j])).toBeLessThan(1e-14));
    }
  });

  it('fromState rejects corrupt or mismatched checkpoints', () => {
    const s = new CharLM({ vocabSize: V, hiddenSize: 3 }).state();
    expect(() => CharLM.fromState({ ...s, format: 'x' as never })).toThrow(/format must be 'recur.charlm'/);
    const missing = { ...s, params: { ...s.params } };
    delete missing.params['head.b'];
    expect(() => CharLM.fromState(missing)).toThrow(/params has no 'head.b'/);
    const nan = { ...s, params: { ...s.params, 'head.b': Float64Array.from(s.params['head.b'], () => NaN) } };
    expect(() => CharLM.fromState(nan)).toThrow(/is NaN; the checkpoint is corrupt/);
    const short = { ...s, params: { ...s.params, 'head.b': new Float64Array(2) } };
    expect(() => CharLM.fromState(short)).toThrow(/params\['head.b'\] has 2 values/);
    const f32 = { ...s, params: { ...s.params, 'head.b': new Float32Array(V) } };
    expect(() => CharLM.fromState(f32)).toThrow(/Float32Array but the config's dtype is float64/);
  });

  it('fromState checks sizes before allocating: a config claiming a huge model with small arrays is refused at once', () => {
    const s = new CharLM({ vocabSize: V, hiddenSize: 3 }).state();
    expect(() => CharLM.fromState({ ...s, config: { ...s.config, vocabSize: 1e9 } })).toThrow("CharLM.fromState: params['rnn.l0.wx'] has 72 values but shape [1000000000,12] needs 12000000000");
  });

  it('fromState requires every slot the optimizer keeps, with finite values', () => {
    const m = new CharLM({ vocabSize: V, hiddenSize: 3 });
    m.step({ inputs: [0, 1, 2, 3], targets: [1, 2, 3, 0], T: 2, B: 2 });
    const s = m.state();
    expect(() => CharLM.fromState(s)).not.toThrow();
    const missing = { ...s, optimizer: { ...s.optimizer, slots: { ...s.optimizer.slots } } };
    delete missing.optimizer.slots['m:head.w'];
    expect(() => CharLM.fromState(missing)).toThrow("CharLM.fromState: the adam optimizer's state at step 1 has no slot 'm:head.w' (it keeps m, v for every parameter)");
    const none = { ...s, optimizer: { ...s.optimizer, slots: {} } };
    expect(() => CharLM.fromState(none)).toThrow(/has no slot 'm:/);
    const extra = { ...s, optimizer: { ...s.optimizer, slots: { ...s.optimizer.slots, 'q:head.w': s.optimizer.slots['m:head.w'] } } };
    expect(() => CharLM.fromState(extra)).toThrow("the adam optimizer's state has slot 'q:head.w', which it does not keep");
    const inf = { ...s, optimizer: { ...s.optimizer, slots: { ...s.optimizer.slots, 'v:head.b': Float64Array.from(s.optimizer.slots['v:head.b'], () => Infinity) } } };
    expect(() => CharLM.fromState(inf)).toThrow("optimizer slot 'v:head.b'[0] is Infinity");
    // Before the first step Adam keeps nothing, and plain SGD never does.
    const fresh = new CharLM({ vocabSize: V, hiddenSize: 3 }).state();
    expect(Object.keys(fresh.optimizer.slots)).toEqual([]);
    expect(() => CharLM.fromState(fresh)).not.toThrow();
    const sgd = new CharLM({ vocabSize: V, hiddenSize: 3, optimizer: { kind: 'sgd', lr: 0.1 } });
    sgd.step({ inputs: [0, 1], targets: [1, 2], T: 1, B: 2 });
    expect(() => CharLM.fromState(sgd.state())).not.toThrow();
    // SGD with momentum (kind 'momentum', an 'sgd' optimizer) keeps a buffer per parameter.
    const mom = new CharLM({ vocabSize: V, hiddenSize: 3, optimizer: { kind: 'momentum', lr: 0.1 } });
    mom.step({ inputs: [0, 1], targets: [1, 2], T: 1, B: 2 });
    const ms = mom.state();
    delete ms.optimizer.slots['momentum:rnn.l0.bx'];
    expect(() => CharLM.fromState(ms)).toThrow("the sgd optimizer's state at step 1 has no slot 'momentum:rnn.l0.bx' (it keeps momentum for every parameter)");
  });
});

describe('sampleFromLogits', () => {
  it('inverts the softmax CDF at u (hand-computed)', () => {
    const logits = [0, Math.log(3)]; // p = [0.25, 0.75]
    expect(sampleFromLogits(logits, 1, 0.2)).toBe(0);
    expect(sampleFromLogits(logits, 1, 0.3)).toBe(1);
    // temperature 0.5 squares the odds: p = [1/10, 9/10]
    expect(sampleFromLogits(logits, 0.5, 0.09)).toBe(0);
    expect(sampleFromLogits(logits, 0.5, 0.11)).toBe(1);
    expect(sampleFromLogits([3, 1, 3], 0, 0.99)).toBe(0);
    expect(() => sampleFromLogits([1], -1, 0)).toThrow(/temperature/);
  });
});

describe('CharLM.stream', () => {
  it('gives the logits of next() with carried state, step by step, for every cell', () => {
    for (const cell of ['lstm', 'gru', 'rnn'] as const) {
      for (const embeddingSize of [0, 3]) {
        const model = new CharLM({ vocabSize: 5, hiddenSize: 4, numLayers: 2, cell, embeddingSize, seed: 7 });
        const stream = model.stream(2);
        let state: CharLMRecurrentState | null = null;
        for (const ids of [[0, 1], [4, 2], [3, 3]]) {
          const want = model.next(ids, state);
          state = want.state;
          expect(Array.from(stream.step(ids).data)).toEqual(Array.from(want.logits.data));
        }
        expect(() => stream.step([1])).toThrow(/batchSize is 2/);
      }
    }
  });
});
