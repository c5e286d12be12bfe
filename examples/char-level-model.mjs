// A character-level language model (CharLM: an LSTM over one-hot characters with a Dense head)
// learns to write first names from the list the CLI bundles (8,422 English names, public
// domain: packages/cli/data/README.md), then samples new ones. `recur train` (npm start) is the
// same model with checkpoints, a progress bar and a loss plot.
//   node examples/char-level-model.mjs
import { readFileSync } from 'node:fs';
import { CharLM, RandomState, getBackend, sampleFromLogits, setBackend } from '@recur/core';

// The native backend when its binary loads (same numbers, faster); else the TypeScript one.
const native = await import('@recur/native').catch(() => null);
if (native?.available) setBackend('native');

const names = readFileSync(new URL('../packages/cli/data/names.txt', import.meta.url), 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
const chars = [...new Set(names.join(''))].sort();
const END = chars.length; // one token marks both the start and the end of a name
const V = chars.length + 1;
const id = new Map(chars.map((c, i) => [c, i]));

const model = new CharLM({ vocabSize: V, hiddenSize: 64, cell: 'lstm', dtype: 'float32', seed: 1, optimizer: { kind: 'adam', lr: 0.01 } });
const rng = new RandomState(2);
const B = 32, T = 12, STEPS = 200;

/** B random names as a padded time-major batch: input END + name, target name + END. */
function batch() {
  const inputs = new Int32Array(T * B).fill(END);
  const targets = new Int32Array(T * B).fill(END);
  const lengths = new Int32Array(B);
  for (let b = 0; b < B; b++) {
    const seq = [...names[Math.floor(rng.nextDouble() * names.length)]].slice(0, T - 1).map((c) => id.get(c));
    lengths[b] = seq.length + 1;
    seq.forEach((s, t) => { inputs[(t + 1) * B + b] = s; targets[t * B + b] = s; });
  }
  return { inputs, targets, T, B, lengths };
}

const started = Date.now();
const losses = [];
for (let step = 0; step < STEPS; step++) losses.push(model.step(batch()).loss);
const last = losses.slice(-20).reduce((a, v) => a + v, 0) / 20;
console.log(`trained ${STEPS} steps in ${((Date.now() - started) / 1000).toFixed(1)} s on ${getBackend().name}: loss ${losses[0].toFixed(2)} -> ${last.toFixed(2)} nats per symbol (uniform guess: ln ${V} = ${Math.log(V).toFixed(2)})`);

const samples = [];
for (let n = 0; n < 8; n++) {
  let state = null;
  let prev = END;
  let name = '';
  for (let t = 0; t < 15; t++) {
    const out = model.next([prev], state);
    state = out.state;
    prev = sampleFromLogits(out.logits.data, 0.8, rng.nextDouble());
    if (prev === END) break;
    name += chars[prev];
  }
  samples.push(name);
}
console.log(`samples (temperature 0.8): ${samples.join(', ')}`);
