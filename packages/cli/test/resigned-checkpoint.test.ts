/**
 * A checkpoint's SHA-256 is not a secret: anyone can edit a field and recompute it. Every
 * field is still checked against the ranges the flags have, the weights against the settings,
 * the optimizer state for completeness and the losses for finiteness: an edited checkpoint is
 * refused with one line naming the field, and nothing on disk changes.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors, Tensor } from '@recur/core';
import { resign } from '../src/checkpoint/checkpoint-codec.js';
import { cli, tempDir, TINY } from './helpers.js';

type Parts = { run: Record<string, any>; model: Record<string, any>; tensors: Record<string, Tensor> };

/** Decodes, lets `edit` change any part, re-encodes with a fresh digest. */
function edited(bytes: Uint8Array, edit: (p: Parts) => void): Uint8Array {
  const file = decodeSafetensors(bytes);
  const parts: Parts = { run: JSON.parse(file.metadata.run), model: JSON.parse(file.metadata.model), tensors: { ...file.tensors } };
  edit(parts);
  return resign(parts.run, parts.model, parts.tensors);
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) out[name] = (await readFile(join(dir, name))).toString('base64');
  return out;
}

const cases: [string, (p: Parts) => void, string][] = [
  ['batch 1e9 (F3)', (p) => { p.run.settings.batch = 1e9; }, 'run.settings.batch must be an integer in 1..65536 (as --batch), got 1000000000'],
  ['seqLen 1e9', (p) => { p.run.settings.seqLen = 1e9; }, 'run.settings.seqLen must be an integer in 1..100000 (as --seq-len), got 1000000000'],
  ['hidden 5000', (p) => { p.run.settings.hidden = 5000; }, 'run.settings.hidden must be an integer in 1..4096 (as --hidden), got 5000'],
  ['layers 0', (p) => { p.run.settings.layers = 0; }, 'run.settings.layers must be an integer in 1..16 (as --layers), got 0'],
  ['lr 50', (p) => { p.run.settings.lr = 50; }, 'run.settings.lr must be a number > 0 and <= 10 (as --lr), got 50'],
  ['lr as a string', (p) => { p.run.settings.lr = '0.01'; }, 'run.settings.lr must be a number > 0 and <= 10 (as --lr), got "0.01"'],
  ['a missing setting', (p) => { delete p.run.settings.seed; }, 'run.settings.seed must be an integer in 0..4294967295 (as --seed), got undefined'],
  ['step past totalSteps', (p) => { p.run.totalSteps = 1; }, 'run.step 2 is past run.totalSteps 1'],
  ['hidden 99 with 8-wide weights (F7)', (p) => { p.run.settings.hidden = 99; }, "the model config's hiddenSize is 8 but run.settings imply 99"],
  ['hidden 99 in settings and config, 8-wide weights', (p) => { p.run.settings.hidden = 99; p.model.config.hiddenSize = 99; },
    "tensor 'param/rnn.l0.wx' has shape (54, 32) but the settings imply (54, 396)"],
  ['config vocabSize 1e9 (F11)', (p) => { p.model.config.vocabSize = 1e9; }, "the model config's vocabSize is 1000000000 but run.settings imply 54"],
  ['an embedding the CLI never makes', (p) => { p.model.config.embeddingSize = 4; }, "the model config's embeddingSize is 4 but run.settings imply 0"],
  ['optimizer step disagreeing with the run', (p) => { p.model.optimizer.step = 7; }, 'the optimizer has done 7 steps but the run says 2'],
  ['a missing Adam slot (F6)', (p) => { delete p.tensors['optim/m:head.w']; }, "CharLM.fromState: the adam optimizer's state at step 2 has no slot 'm:head.w' (it keeps m, v for every parameter)"],
  ['an extra optimizer slot', (p) => { p.tensors['optim/z:head.w'] = p.tensors['optim/m:head.w']; }, "CharLM.fromState: the adam optimizer's state has slot 'z:head.w', which it does not keep (it keeps m, v for every parameter)"],
  ['a NaN Adam moment', (p) => { const t = p.tensors['optim/v:head.b']; const d = t.data.slice(); d[1] = NaN; p.tensors['optim/v:head.b'] = new Tensor(d, t.shape); },
    "CharLM.fromState: optimizer slot 'v:head.b'[1] is NaN; the state is corrupt"],
  ['a missing weight', (p) => { delete p.tensors['param/head.b']; }, "tensor 'param/head.b' of shape (54,) is missing"],
  ['a weight of the wrong shape', (p) => { const t = p.tensors['param/head.w']; p.tensors['param/head.w'] = t.reshape([t.shape[1], t.shape[0]]); },
    "tensor 'param/head.w' has shape (54, 8) but the settings imply (8, 54)"],
  ['NaN in run/losses (F8)', (p) => { p.tensors['run/losses'] = new Tensor(Float64Array.of(3.9, NaN), [2]); }, 'run/losses[1] is NaN; a loss is a finite number >= 0'],
  ['a negative loss', (p) => { p.tensors['run/losses'] = new Tensor(Float64Array.of(-1, 3), [2]); }, 'run/losses[0] is -1; a loss is a finite number >= 0'],
];

describe('re-signed, semantically corrupt checkpoints', () => {
  it('each edited field is refused by --resume and sample with one line naming it; nothing changes', async () => {
    const root = await tempDir();
    const dir = join(root, 'run');
    expect((await cli(['train', '--out', dir, ...TINY, '--steps', '2', '--backend', 'ts'])).code).toBe(0);
    const ckpt = join(dir, 'checkpoint.safetensors');
    const good = new Uint8Array(await readFile(ckpt));
    // The re-signing itself is faithful: an unedited re-sign is accepted.
    await writeFile(ckpt, edited(good, () => undefined));
    expect((await cli(['sample', '--from', dir, '--n', '1', '--backend', 'ts'])).code).toBe(0);
    for (const [what, edit, message] of cases) {
      await writeFile(ckpt, edited(good, edit));
      const before = await snapshot(dir);
      for (const argv of [['train', '--resume', dir, '--steps', '4', '--backend', 'ts'], ['sample', '--from', dir, '--backend', 'ts']]) {
        const r = await cli(argv);
        const flag = argv[1];
        expect(r.stderr, `${what}: ${argv[0]}`).toBe(`recur: ${flag} ${dir}: ${ckpt} is corrupt: ${message}\n`);
        expect(r.code).toBe(1);
      }
      expect(await snapshot(dir), what).toEqual(before);
    }
  });
});
