import { describe, expect, it } from 'vitest';
import { Dense } from '../layers/dense.ts';
import { Dropout } from '../layers/dropout.ts';
import { Embedding } from '../layers/embedding.ts';
import { GRU } from '../layers/gru.ts';
import { LSTM } from '../layers/lstm.ts';
import { Adam } from '../optim/adam.ts';
import { RandomState } from '../random/random-state.ts';
import { Tensor } from '../tensor.ts';
import { Sequential } from './sequential.ts';
import { recallTask } from '@recur/testkit/models/recall-task';


function kerasModel(): Sequential {
  return new Sequential([
    new LSTM({ inputSize: 3, hiddenSize: 12, batchFirst: true, returnSequences: false, seed: 1 }),
    new Dense({ inputSize: 12, outputSize: 3, seed: 2, batchFirst: true }),
  ], { batchFirst: true });
}

function maxRelDiff(a: Tensor, b: Tensor): number {
  expect(a.shape).toEqual(b.shape);
  let m = 0;
  for (let i = 0; i < a.size; i++) m = Math.max(m, Math.abs(a.data[i] - b.data[i]) / (1 + Math.abs(b.data[i])));
  return Number.isNaN(m) ? Infinity : m;
}

const snapshot = (m: Sequential) => m.parameters().map((p) => Array.from(p.param.data));

describe('Sequential', () => {
  it('a Keras-style LSTM + Dense model (batch-first) learns to recall the first symbol', async () => {
    const model = kerasModel();
    const train = recallTask(192, 5, 3, 1);
    const test = recallTask(96, 5, 3, 2);
    const before = model.evaluate(test.x, test.y, { loss: 'softmaxCrossEntropy' });
    const history = await model.fit(train.x, train.y, {
      epochs: 25, batchSize: 16, loss: 'softmaxCrossEntropy', optimizer: { kind: 'adam', lr: 0.02 }, seed: 3,
      validationData: [test.x, test.y],
    });
    expect(history.loss).toHaveLength(25);
    expect(history.valLoss).toHaveLength(25);
    const after = model.evaluate(test.x, test.y, { loss: 'softmaxCrossEntropy' });
    expect(before.accuracy!).toBeLessThan(0.6);
    expect(after.accuracy!).toBeGreaterThanOrEqual(0.95);
    expect(after.loss).toBeLessThan(0.3);
    // predict: the class scores whose arg-max gives that accuracy, shape [N, V].
    const p = model.predict(test.x);
    expect(p.shape).toEqual([96, 3]);
  }, 60_000);

  it('is deterministic with seeds, and predict in batches equals one forward pass', async () => {
    const run = async () => {
      const m = kerasModel();
      const d = recallTask(40, 4, 3, 5);
      const h = await m.fit(d.x, d.y, { epochs: 2, batchSize: 8, loss: 'softmaxCrossEntropy', seed: 9 });
      return { m, h, d };
    };
    const a = await run();
    const b = await run();
    expect(a.h.loss).toEqual(b.h.loss);
    expect(snapshot(a.m)).toEqual(snapshot(b.m));
    // Same batches, same bits; other batch sizes may round differently (GEMM blocking
    // depends on the row count), so across sizes the check is 1e-12: a misplaced example would be O(1).
    const whole = a.m.forward(a.d.x).output;
    expect(Array.from(a.m.predict(a.d.x, { batchSize: 40 }).data)).toEqual(Array.from(whole.data));
    expect(maxRelDiff(a.m.predict(a.d.x, { batchSize: 7 }), whole)).toBeLessThan(1e-12);
  });

  it('time-major Embedding + GRU + Dropout + Dense over sequences: dropout in fit only', async () => {
    const model = new Sequential([
      new Embedding({ numEmbeddings: 4, embeddingSize: 3, seed: 1 }),
      new GRU({ inputSize: 3, hiddenSize: 5, numLayers: 2, dropout: 0.3, seed: 2 }),
      new Dropout({ rate: 0.5, seed: 3 }),
      new Dense({ inputSize: 5, outputSize: 4, seed: 4 }),
    ]);
    const T = 6, N = 10;
    const rng = new RandomState(4);
    const ids = Tensor.from(Array.from({ length: T }, () => Array.from({ length: N }, () => rng.randint(4))));
    const y = ids.clone();
    const h = await model.fit(ids, y, { epochs: 2, batchSize: 4, loss: 'softmaxCrossEntropy' });
    expect(h.loss.every(Number.isFinite)).toBe(true);
    const p1 = model.predict(ids);
    const p2 = model.predict(ids, { batchSize: 3 });
    expect(p1.shape).toEqual([T, N, 4]);
    expect(maxRelDiff(p2, p1)).toBeLessThan(1e-12);
    expect(model.summary()).toMatch(/Embedding\(4, 3\)[\s\S]*GRU\(5, layers 2, dropout 0.3\)[\s\S]*Dropout\(0.5\)[\s\S]*Total params: \d+/);
    expect(model.parameters().map((q) => q.name)).toContain('1.l1.wh');
  });

  it('mse regression and evaluate metrics', async () => {
    const model = new Sequential([new Dense({ inputSize: 2, outputSize: 1, seed: 1 })]);
    const x = new RandomState(1).randn(64, 2);
    const y = Tensor.zeros([64, 1]);
    for (let i = 0; i < 64; i++) y.data[i] = 3 * x.data[2 * i] - x.data[2 * i + 1] + 0.5;
    await model.fit(x, y, { epochs: 60, batchSize: 16, loss: 'mse', optimizer: { kind: 'adam', lr: 0.1 } });
    const r = model.evaluate(x, y, { loss: 'mse' });
    expect(r.mse).toBe(r.loss);
    expect(r.loss).toBeLessThan(1e-3);
  });

  it('refuses bad data before any step, naming the argument and both shapes; weights unchanged', async () => {
    const model = kerasModel();
    const { x, y } = recallTask(8, 4, 3, 1);
    const before = snapshot(model);
    const fit = (xx: Tensor, yy: Tensor, extra: object = {}) => model.fit(xx, yy, { epochs: 1, batchSize: 4, loss: 'softmaxCrossEntropy', ...extra });
    await expect(fit(x, Tensor.zeros([7]))).rejects.toThrow(/y has shape \(7,\) but x has shape \(8, 4, 3\), so .*y must be \(8,\)/);
    await expect(fit(Tensor.zeros([8, 4, 2]), y)).rejects.toThrow(/x has shape \(8, 4, 2\) but its last axis must be the first layer's input size 3/);
    await expect(fit(x.astype('float32'), y)).rejects.toThrow(/x is float32 but the model is float64/);
    const bad = y.clone();
    bad.data[3] = 3;
    await expect(fit(x, bad)).rejects.toThrow(/y: entry 3 must be a class id in 0\.\.2/);
    const reg = new Sequential([new Dense({ inputSize: 3, outputSize: 1 })]);
    const yr = Tensor.zeros([8, 1]);
    yr.data[5] = NaN;
    const regBefore = snapshot(reg);
    await expect(reg.fit(Tensor.zeros([8, 3]), yr, { epochs: 1, batchSize: 2, loss: 'mse' })).rejects.toThrow(/y: entry 5 is NaN; targets must be finite/);
    await expect(fit(x, y, { validationData: [x, Tensor.zeros([8, 2])] })).rejects.toThrow(/validationData\[1\] has shape \(8, 2\)/);
    await expect(fit(x, y, { epoch: 2 })).rejects.toThrow(/unknown option 'epoch'; did you mean 'epochs'\?/);
    expect(() => model.predict(Tensor.zeros([2, 4, 5]))).toThrow(/predict: x has shape \(2, 4, 5\)/);
    expect(snapshot(model)).toEqual(before);
    expect(snapshot(reg)).toEqual(regBefore);
  });

  it('rejects layers that do not fit together', () => {
    expect(() => new Sequential([new LSTM({ inputSize: 3, hiddenSize: 4 }), new Dense({ inputSize: 5, outputSize: 2 })])).toThrow(/layers\[1\] \(Dense\) has inputSize 5 but the layer before it outputs 4 features/);
    expect(() => new Sequential([new LSTM({ inputSize: 3, hiddenSize: 4 })], { batchFirst: true })).toThrow(/batchFirst false but the Sequential has batchFirst true/);
    expect(() => new Sequential([new Dense({ inputSize: 3, outputSize: 4 }), new Embedding({ numEmbeddings: 3, embeddingSize: 2 })])).toThrow(/Embedding must be the first layer/);
    expect(() => new Sequential([{} as never])).toThrow(TypeError);
    expect(() => new Sequential([new Dense({ inputSize: 3, outputSize: 4 })], { batchfirst: true } as never)).toThrow(/did you mean 'batchFirst'/);
  });

  it('backward twice on one ctx is an error, not doubled gradients', () => {
    const model = kerasModel();
    const { x } = recallTask(2, 3, 3, 1);
    const f = model.forward(x);
    model.backward(f.ctx, Tensor.zeros([2, 3]));
    expect(() => model.backward(f.ctx, Tensor.zeros([2, 3]))).toThrow(/already backpropagated/);
  });

  it('signal stops training at a batch boundary; an optimizer over other parameters is refused', async () => {
    const model = kerasModel();
    const { x, y } = recallTask(16, 3, 3, 1);
    const ac = new AbortController();
    const h = await model.fit(x, y, { epochs: 5, batchSize: 4, loss: 'softmaxCrossEntropy', signal: ac.signal, callbacks: { onBatchEnd: (b) => { if (b === 1) ac.abort(); } } });
    expect(h.stopped).toBe(true);
    expect(h.loss).toHaveLength(0);
    const other = new Adam(new Dense({ inputSize: 1, outputSize: 1 }).parameters());
    await expect(model.fit(x, y, { epochs: 1, batchSize: 4, loss: 'softmaxCrossEntropy', optimizer: other })).rejects.toThrow(/does not own the model's parameter '0.l0.wx'/);
  });

  it('config rebuilds the same architecture and initial weights', () => {
    const model = kerasModel();
    const copy = Sequential.fromConfig(JSON.parse(JSON.stringify(model.config)));
    expect(snapshot(copy)).toEqual(snapshot(model));
    expect(copy.config).toEqual(model.config);
  });
});
