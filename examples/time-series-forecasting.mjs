// Time-series forecasting on a real series that ships with the repo: the monthly sea surface
// temperature of the Pacific's Niño 1+2 region, 1950-2010 (NOAA, public domain; see
// data/README.md). An LSTM reads the last 24 months and predicts the next one. Trained on
// 1950-2000 with Adam and a cosine schedule, tested on 2001-2010 against two baselines:
// "same as last month" and "same as a year ago".
//   node examples/time-series-forecasting.mjs
import { readFileSync } from 'node:fs';
import { Adam, CosineAnnealingLR, Dense, LSTM, RandomState, Tensor, clipGradNorm, mse, prefixParameters } from '@recur/core';

const rows = readFileSync(new URL('./data/elnino-nino12-sst.csv', import.meta.url), 'utf8').trim().split('\n').slice(1);
const series = rows.flatMap((r) => r.split(',').slice(1).map(Number)); // 732 months, °C
const W = 24;                         // months of context
const testStart = (2001 - 1950) * 12; // first month predicted in the test period
const train = series.slice(0, testStart);
const mean = train.reduce((a, v) => a + v, 0) / train.length;
const std = Math.sqrt(train.reduce((a, v) => a + (v - mean) ** 2, 0) / train.length);
const z = series.map((v) => (v - mean) / std);

/** Windows ending just before months `targets`: x [W, n, 1] (time-major), y [n, 1]. */
function windows(targets) {
  const n = targets.length;
  const x = Tensor.zeros([W, n, 1], 'float32');
  const y = Tensor.zeros([n, 1], 'float32');
  targets.forEach((m, b) => {
    for (let t = 0; t < W; t++) x.data[t * n + b] = z[m - W + t];
    y.data[b] = z[m];
  });
  return { x, y };
}

const trainMonths = Array.from({ length: testStart - W }, (_, i) => i + W);
const testMonths = Array.from({ length: series.length - testStart }, (_, i) => i + testStart);
const lstm = new LSTM({ inputSize: 1, hiddenSize: 16, returnSequences: false, dtype: 'float32', seed: 3 });
const head = new Dense({ inputSize: 16, outputSize: 1, dtype: 'float32', seed: 4 });
const params = [...prefixParameters('lstm', lstm.parameters()), ...prefixParameters('head', head.parameters())];
const EPOCHS = 20, B = 32;
const opt = new Adam(params, { lr: 0.01 });
const schedule = new CosineAnnealingLR(opt, { tMax: EPOCHS, etaMin: 0.001 });
const rng = new RandomState(5);

const started = Date.now();
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  const order = [...trainMonths];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.nextDouble() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  let sum = 0, batches = 0;
  for (let s = 0; s < order.length; s += B) {
    const { x, y } = windows(order.slice(s, s + B));
    const r = lstm.forward(x);
    const p = head.forward(r.output);
    const l = mse(p.output, y);
    opt.zeroGrad();
    lstm.backward(r.ctx, head.backward(p.ctx, l.dprediction).dx);
    clipGradNorm(params, 1);
    opt.step();
    sum += l.loss;
    batches++;
  }
  schedule.step();
  if (epoch % 10 === 0 || epoch === EPOCHS - 1) console.log(`epoch ${epoch + 1}: train MSE ${(sum / batches).toFixed(4)} (standardised), lr ${opt.lr.toFixed(4)}`);
}

const { x } = windows(testMonths);
const pred = head.forward(lstm.forward(x).output).output;
const rmse = (f) => Math.sqrt(testMonths.reduce((a, m, i) => a + (f(m, i) - series[m]) ** 2, 0) / testMonths.length);
const model = rmse((_, i) => pred.data[i] * std + mean);
const lastMonth = rmse((m) => series[m - 1]);
const lastYear = rmse((m) => series[m - 12]);
console.log(`trained ${EPOCHS} epochs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`test 2001-2010 (${testMonths.length} months), RMSE of the next month's temperature:`);
console.log(`  LSTM ${model.toFixed(3)} °C | same as last month ${lastMonth.toFixed(3)} °C | same as a year ago ${lastYear.toFixed(3)} °C`);
