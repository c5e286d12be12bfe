/**
 * The demo: a CharLM (embedding -> LSTM -> dense) learns to spell names from the text box.
 * Training runs a few steps per animation frame so the page stays responsive.
 *
 * Query parameters: ?steps=N stops after N steps, ?autostart starts at load.
 * window.recurDemo exposes the progress (step, losses, samples, backend) for the console and tests.
 * The kernels: the fastest backend the browser can load (wasm, else ts), chosen before anything runs.
 */
import { CharLM, RandomState, sampleFromLogits, type CharBatch } from '@recur/core';
import { useFastestBackend } from '@recur/wasm';
import { drawLossChart } from './chart.js';
import { NAMES } from './names.js';

interface DemoState {
  step: number;
  losses: number[];
  samples: string[];
  running: boolean;
  done: boolean;
  /** The backend training runs on ('wasm', or 'ts' when the module did not load). */
  backend: string;
}

declare global {
  interface Window {
    recurDemo: DemoState;
  }
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const text = $<HTMLTextAreaElement>('text');
const canvas = $<HTMLCanvasElement>('chart');
const button = $<HTMLButtonElement>('start');
const status = $<HTMLSpanElement>('status');
const samplesBox = $<HTMLDivElement>('samples');
const params = new URLSearchParams(location.search);
const maxSteps = Number(params.get('steps') ?? Infinity);

text.value = NAMES;
const demo: DemoState = { step: 0, losses: [], samples: [], running: false, done: false, backend: 'ts' };
window.recurDemo = demo;
// recur.wasm sits beside main.js (build.mjs copies it); native is never there in a browser.
const chosen = await useFastestBackend();
demo.backend = chosen.name;
const backendNote = chosen.name === 'ts' ? ` on ts (${chosen.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')})` : ` on ${chosen.name}`;

/** '\n' marks both ends of a name, so the model also learns where names start and stop. */
function prepare(source: string) {
  const lines = source.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const vocab = ['\n', ...[...new Set(lines.join(''))].sort()];
  const index = new Map(vocab.map((c, i) => [c, i]));
  const sequences = lines.map((l) => ['\n', ...l, '\n'].map((c) => index.get(c)!));
  return { vocab, sequences };
}

/** B random names, padded time-major [T, B], with their lengths. */
function makeBatch(sequences: number[][], B: number, rng: RandomState): CharBatch {
  const picked = Array.from({ length: B }, () => sequences[rng.randint(sequences.length)]);
  const T = Math.max(...picked.map((s) => s.length - 1));
  const inputs = new Int32Array(T * B);
  const targets = new Int32Array(T * B);
  picked.forEach((s, b) => {
    for (let t = 0; t + 1 < s.length; t++) {
      inputs[t * B + b] = s[t];
      targets[t * B + b] = s[t + 1];
    }
  });
  return { inputs, targets, T, B, lengths: picked.map((s) => s.length - 1) };
}

function sample(model: CharLM, vocab: string[], rng: RandomState, temperature: number): string {
  let out = '';
  let id = 0;
  let state = null;
  for (let i = 0; i < 20; i++) {
    const r = model.next([id], state);
    state = r.state;
    id = sampleFromLogits(r.logits.data, temperature, rng.nextDouble());
    if (id === 0) break;
    out += vocab[id];
  }
  return out;
}

let model: CharLM | null = null;
let data: ReturnType<typeof prepare>;
let rng: RandomState;

function reset(): void {
  data = prepare(text.value);
  rng = new RandomState(0);
  const hiddenSize = Math.max(4, Number($<HTMLInputElement>('hidden').value) || 48);
  model = new CharLM({ vocabSize: data.vocab.length, hiddenSize, embeddingSize: 16, cell: 'lstm', seed: 0, optimizer: { kind: 'adam', lr: 0.01 } });
  demo.step = 0;
  demo.losses = [];
  demo.samples = [];
  demo.done = false;
}

function frame(): void {
  if (!demo.running || model === null) return;
  const B = Math.max(1, Number($<HTMLInputElement>('batch').value) || 16);
  const until = performance.now() + 30; // train ~30 ms per frame, then let the page paint
  do {
    demo.losses.push(model.step(makeBatch(data.sequences, B, rng)).loss);
    demo.step++;
  } while (performance.now() < until && demo.step < maxSteps);
  if (demo.step % 25 < 3 || demo.step >= maxSteps) {
    demo.samples = Array.from({ length: 6 }, () => sample(model!, data.vocab, rng, 0.8));
    samplesBox.textContent = demo.samples.join('\n');
  }
  drawLossChart(canvas, demo.losses);
  const recent = demo.losses.slice(-20);
  status.textContent = `step ${demo.step}, loss ${(recent.reduce((a, b) => a + b, 0) / recent.length).toFixed(3)}${backendNote}`;
  if (demo.step >= maxSteps) {
    demo.running = false;
    demo.done = true;
    button.textContent = 'Start';
    return;
  }
  requestAnimationFrame(frame);
}

button.addEventListener('click', () => {
  if (demo.running) {
    demo.running = false;
    button.textContent = 'Resume';
    status.textContent += ' (paused)';
    return;
  }
  if (model === null || demo.done) reset();
  demo.running = true;
  button.textContent = 'Pause';
  requestAnimationFrame(frame);
});
text.addEventListener('change', () => { model = null; });

drawLossChart(canvas, []);
if (params.has('autostart')) button.click();
