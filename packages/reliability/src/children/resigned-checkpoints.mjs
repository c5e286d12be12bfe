// Child process of test/resigned-checkpoints.test.ts.
//
//   node resigned-checkpoints.mjs <seed> <cases>
//
// Trains a tiny run with the CLI, then forges checkpoints from it: one field of the run
// info, the model metadata or the tensors is mutated (out of the flags' ranges, NaN, a wrong
// type, missing, a wrong shape, a missing or extra optimizer slot, NaN / Inf / negative in a
// tensor) and the digest recomputed the way anyone can (SHA-256 over the documented parts:
// it is not a secret). Each forgery must be refused by `recur sample --from` and
// `recur train --resume` with exit 1 and one line naming the file as corrupt, within
// SLOW_MS, and the run directory must be byte-identical afterwards. An unedited re-sign must
// be accepted (the forger is faithful). Prints one JSON line: counts and the first violations.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tensor, decodeSafetensors, encodeSafetensors } from '@recur/core';
import { main } from '@recur/cli';
import { mulberry32 } from '@recur/testkit/random/mulberry32';

const [seedArg, casesArg] = process.argv.slice(2);
const SEED = Number(seedArg ?? 1);
const CASES = Number(casesArg ?? 100);
const SLOW_MS = 5_000;

const r = mulberry32(SEED);
const pick = (xs) => xs[Math.floor(r() * xs.length)];

// The checkpoint layout (docs: @recur/cli checkpoint-codec): metadata format/version/run/model/sha256.
function sign(runJson, modelJson, tensors) {
  const h = createHash('sha256');
  h.update(`recur.cli-run\0${runJson}\0${modelJson}\0`);
  for (const name of Object.keys(tensors).sort()) {
    const t = tensors[name];
    h.update(`${name}\0${t.dtype}\0${t.shape.join(',')}\0`);
    h.update(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  }
  return h.digest('hex');
}
function forge(parts) {
  const runJson = JSON.stringify(parts.run);
  const modelJson = JSON.stringify(parts.model);
  return encodeSafetensors(parts.tensors, { format: 'recur.cli-run', version: '1', run: runJson, model: modelJson, sha256: sign(runJson, modelJson, parts.tensors) });
}

const io = () => {
  const out = [];
  const err = [];
  return { io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTTY: false, columns: 80, now: () => performance.now(), env: {} }, out, err };
};
async function cli(argv) {
  const c = io();
  const code = await main(argv, c.io);
  return { code, stderr: c.err.join(''), stdout: c.out.join('') };
}

const root = mkdtempSync(join(tmpdir(), 'recur-resigned-'));
const dir = join(root, 'run');
const trained = await cli(['train', '--out', dir, '--hidden', '4', '--batch', '3', '--seq-len', '8', '--steps', '2', '--sample-every', '0', '--backend', 'ts']);
if (trained.code !== 0) throw new Error(`training the base run failed: ${trained.stderr}`);
const ckpt = join(dir, 'checkpoint.safetensors');
const base = decodeSafetensors(new Uint8Array(readFileSync(ckpt)));
const fresh = () => ({ run: JSON.parse(base.metadata.run), model: JSON.parse(base.metadata.model), tensors: { ...base.tensors } });

// ---- the mutations: each returns a short label --------------------------------------------
const BAD_INT = [0, -1, 1.5, 1e9, 2 ** 53, -0.5, null, '8', true, [], {}, undefined];
const SETTINGS = { hidden: [0, 4097, 1e6], layers: [0, 17, 1e9], batch: [0, 65537, 1e9], seqLen: [0, 100001, 1e9], seed: [-1, 2 ** 32, 0.5], lr: [0, -0.01, 11, null, 'x'], cell: ['xlstm', '', 3], dtype: ['float16', null], optimizer: ['lbfgs', 7] };
const CONFIG = { vocabSize: [1e9, 1e6, 0], hiddenSize: [1e6, 1e9, 99], numLayers: [1e9, 2], embeddingSize: [4, 1e9], cell: ['gru'], dtype: ['float32'], clipNorm: [null, 1], resetAfter: [false] };
const tensorNames = Object.keys(base.tensors);
function withData(t, f) {
  const d = t.data.slice();
  f(d);
  return new Tensor(d, t.shape);
}
const MUTATIONS = [
  (p) => { const k = pick(Object.keys(SETTINGS)); const v = pick([...SETTINGS[k], ...BAD_INT]); if (v === undefined) delete p.run.settings[k]; else p.run.settings[k] = v; return `run.settings.${k} = ${JSON.stringify(v)}`; },
  // A total of 1e9 steps is a valid run; a step count the losses and optimizer do not match is not.
  (p) => { const k = pick(['step', 'totalSteps']); const v = pick([...BAD_INT.filter((x) => k === 'step' || x !== 1e9), ...(k === 'step' ? [3, 1e9] : [])]); p.run[k] = v; return `run.${k} = ${JSON.stringify(v)}`; },
  (p) => { p.run.totalSteps = 1; return 'run.totalSteps below run.step'; },
  (p) => { const k = pick(Object.keys(CONFIG)); const v = pick(CONFIG[k]); p.model.config[k] = v; return `model.config.${k} = ${JSON.stringify(v)}`; },
  (p) => { const v = pick([7, 0, -1, null, 'two']); p.model.optimizer.step = v; return `model.optimizer.step = ${JSON.stringify(v)}`; },
  (p) => { const v = pick(['sgd', 'rmsprop', 'none']); p.model.optimizer.kind = v; return `model.optimizer.kind = ${v}`; },
  (p) => { const n = pick(tensorNames); delete p.tensors[n]; return `tensor ${n} removed`; },
  (p) => { const n = pick(tensorNames.filter((x) => x.startsWith('param/') && base.tensors[x].ndim === 2)); const t = p.tensors[n]; p.tensors[n] = t.reshape([t.shape[1], t.shape[0]]); return `tensor ${n} transposed shape`; },
  (p) => { const n = pick(tensorNames.filter((x) => x.startsWith('param/'))); const t = p.tensors[n]; p.tensors[n] = Tensor.zeros([t.size + 1], t.dtype); return `tensor ${n} one value longer`; },
  (p) => { const n = pick(tensorNames.filter((x) => x.startsWith('optim/'))); const [slot, param] = n.slice(6).split(':'); p.tensors[`optim/${slot === 'm' ? 'z' : 'w'}:${param}`] = p.tensors[n]; return `extra optimizer slot beside ${n}`; },
  (p) => { const n = pick(tensorNames); const v = pick([NaN, Infinity, -Infinity]); p.tensors[n] = withData(p.tensors[n], (d) => { d[Math.floor(r() * d.length)] = v; }); return `${v} in ${n}`; },
  (p) => { p.tensors['run/losses'] = withData(p.tensors['run/losses'], (d) => { d[0] = -1; }); return 'a negative loss'; },
  (p) => { p.tensors['run/losses'] = p.tensors['run/losses'].astype('float32'); return 'run/losses as float32'; },
  (p) => { p.tensors['param/head.w'] = p.tensors['param/head.w'].astype('float32'); return 'param/head.w as float32'; },
  (p) => { p.tensors['extra/thing'] = Tensor.zeros([1]); return 'an unexpected tensor'; },
];

function snapshot() {
  return readdirSync(dir).sort().map((f) => `${f}:${createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')}`).join(' ');
}

const violations = [];
let calls = 0;
let rejected = 0;
let slowest = 0;
const labels = new Set();

// The forger is faithful: an unedited re-sign loads.
writeFileSync(ckpt, forge(fresh()));
const control = await cli(['sample', '--from', dir, '--n', '1', '--backend', 'ts']);
if (control.code !== 0) violations.push({ label: 'unedited re-sign', problem: `refused: ${control.stderr}` });

for (let i = 0; i < CASES; i++) {
  const parts = fresh();
  const label = pick(MUTATIONS)(parts);
  labels.add(label.replace(/ = .*| in .*|tensor \S+ /g, (m) => m.split(' ')[0] + ' '));
  writeFileSync(ckpt, forge(parts));
  const before = snapshot();
  for (const argv of [['sample', '--from', dir, '--backend', 'ts'], ['train', '--resume', dir, '--steps', '4', '--backend', 'ts']]) {
    calls++;
    const t0 = performance.now();
    const res = await cli(argv);
    const ms = performance.now() - t0;
    slowest = Math.max(slowest, ms);
    let problem = null;
    if (res.code !== 1) problem = `exit ${res.code}`;
    else if (!/^recur: [^\n]+ is corrupt: [^\n]+\n$/.test(res.stderr) || !res.stderr.includes(ckpt)) problem = `not one clear line: ${JSON.stringify(res.stderr)}`;
    else if (ms > SLOW_MS) problem = `took ${Math.round(ms)} ms`;
    else if (snapshot() !== before) problem = 'the run directory changed';
    if (problem === null) rejected++;
    else if (violations.length < 20) violations.push({ label, command: argv[0], problem });
  }
}

rmSync(root, { recursive: true, force: true });
console.log(JSON.stringify({ cases: CASES, calls, rejected, kinds: labels.size, slowestMs: Math.round(slowest), violations }));
