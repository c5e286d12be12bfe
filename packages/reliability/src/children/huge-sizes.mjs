// Child process of test/huge-sizes.test.ts.
//
//   node huge-sizes.mjs
//
// Sizes from files: model files (saveModelBytes of small models) whose config is edited to
// claim sizes of 1e6..1e9 (hiddenSize, inputSize, vocabSize, embeddingSize, numLayers) while
// the tensors stay small, given to loadModelBytes; the same configs given to CharLM.fromState
// and to the layer constructors (a config read from a file and passed on). Each must throw a
// RangeError at once (within SLOW_MS) whose message names the key or the bytes asked for, never
// allocate the claimed model (the process stays far below its size) nor crash.
import {
  CharLM, GRU, LSTM, SimpleRNN, decodeSafetensors, encodeSafetensors, loadModelBytes, saveModelBytes,
} from '@recur/core';

const SLOW_MS = 5_000;
const SIZES = [1e6, 1e7, 1e8, 1e9];
const violations = [];
let calls = 0;
let rejected = 0;
let slowest = 0;

function check(what, call, names) {
  calls++;
  if (process.env.RECUR_FUZZ_TRACE) process.stderr.write(`${what}\n`);
  const t0 = performance.now();
  let problem = null;
  try {
    call();
    problem = 'returned';
  } catch (err) {
    if (!(err instanceof RangeError)) problem = `threw ${err?.constructor?.name}: ${err?.message}`;
    else if (!names.test(err.message)) problem = `message does not say ${names}: ${err.message}`;
  }
  const ms = performance.now() - t0;
  slowest = Math.max(slowest, ms);
  if (problem === null && ms > SLOW_MS) problem = `took ${Math.round(ms)} ms`;
  if (problem === null) rejected++;
  else if (violations.length < 20) violations.push({ what, problem });
}

function editConfig(bytes, edit) {
  const file = decodeSafetensors(bytes);
  const config = JSON.parse(file.metadata['recur.config']);
  edit(config);
  return encodeSafetensors(file.tensors, { ...file.metadata, 'recur.config': JSON.stringify(config) });
}

const BASES = {
  SimpleRNN: { bytes: saveModelBytes(new SimpleRNN({ inputSize: 3, hiddenSize: 4 })), keys: ['inputSize', 'hiddenSize', 'numLayers'] },
  LSTM: { bytes: saveModelBytes(new LSTM({ inputSize: 3, hiddenSize: 4, numLayers: 2, bidirectional: true })), keys: ['inputSize', 'hiddenSize', 'numLayers'] },
  GRU: { bytes: saveModelBytes(new GRU({ inputSize: 2, hiddenSize: 3, dtype: 'float32' })), keys: ['inputSize', 'hiddenSize', 'numLayers'] },
  CharLM: { bytes: saveModelBytes(new CharLM({ vocabSize: 6, hiddenSize: 4, embeddingSize: 3 }), { includeOptimizer: false }), keys: ['vocabSize', 'hiddenSize', 'numLayers', 'embeddingSize'] },
};
const LAYER = { SimpleRNN, LSTM, GRU };
const NAMES = /\d+ (B|kB|MB|GB|TB|PB|EB)\b|implies|shape|needs|has \d+ values/;
const CONSTRUCTOR_NAMES = /\d+(\.\d+)? (GB|TB|PB|EB)\b|numLayers \d+.* \d+ layer slots/;
/** Whether a constructor given this claim must refuse it (see below). */
const overLimits = (key, size) => size >= 1e9 || key === 'hiddenSize' || key === 'numLayers';

for (const [arch, base] of Object.entries(BASES)) {
  for (const key of base.keys) {
    for (const size of SIZES) {
      const bytes = editConfig(base.bytes, (c) => { c[key] = size; });
      check(`loadModelBytes ${arch} ${key}=${size}`, () => loadModelBytes(bytes), NAMES);
      const config = { ...JSON.parse(decodeSafetensors(base.bytes).metadata['recur.config']), [key]: size };
      if (arch === 'CharLM') {
        const small = new CharLM(JSON.parse(decodeSafetensors(base.bytes).metadata['recur.config'])).state();
        check(`CharLM.fromState ${key}=${size}`, () => CharLM.fromState({ ...small, config }), NAMES);
        // The constructor asked for the whole claimed model: it must refuse, naming the bytes
        // (or the layer slots), where the claim is over recur's limits (one array over 4.29 GB,
        // one layer over 68.7 GB, more than 10,000 layer slots); smaller claims (a 1e6
        // vocabulary is ~100 MB) are honest requests.
        if (overLimits(key, size)) check(`new CharLM ${key}=${size}`, () => new CharLM(config), CONSTRUCTOR_NAMES);
      } else if (overLimits(key, size)) {
        const { inputSize, hiddenSize, numLayers, bidirectional, dtype } = config;
        const options = { inputSize, hiddenSize, numLayers, bidirectional, dtype };
        check(`new ${arch} ${key}=${size}`, () => new LAYER[arch](options), CONSTRUCTOR_NAMES);
      }
    }
  }
}
const rss = process.memoryUsage().rss;
console.log(JSON.stringify({ calls, rejected, slowestMs: Math.round(slowest), rssMB: Math.round(rss / 1e6), violations }));
