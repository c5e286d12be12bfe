/**
 * Bad flags, missing or empty data, corrupt checkpoints, clobbering an existing run: each is
 * one line on stderr ("recur: ..."), a non-zero exit, and every file left as it was.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, TINY, writeText, type CliRun } from './helpers.js';

/** Every file in dir, by name, with its bytes. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) out[name] = (await readFile(join(dir, name))).toString('base64');
  return out;
}

function expectOneLineError(r: CliRun, code: number, message: string | RegExp): void {
  expect(r.code).toBe(code);
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr.startsWith('recur: ')).toBe(true);
  if (typeof message === 'string') expect(r.stderr).toBe(`recur: ${message}\n`);
  else expect(r.stderr).toMatch(message);
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}

async function trainedRun(root: string, name = 'run'): Promise<string> {
  const dir = join(root, name);
  const r = await cli(['train', '--out', dir, ...TINY, '--steps', '3', '--backend', 'ts']);
  expect(r.code).toBe(0);
  return dir;
}

describe('command line errors', () => {
  it('bad flags: exit 2, one line, nothing created', async () => {
    const root = await tempDir();
    const out = join(root, 'never');
    expectOneLineError(await cli(['train', '--out', out, '--steps', 'many']), 2, '--steps must be an integer >= 1, got "many"');
    expectOneLineError(await cli(['train', '--out', out, '--cel', 'gru']), 2, "unknown flag --cel for 'recur train' (did you mean --cell?); see 'recur train --help'");
    expectOneLineError(await cli(['train']), 2, "'recur train' needs --out DIR (where the checkpoint and the loss plot go), or --resume DIR");
    expectOneLineError(await cli(['sample', '--from', out, '--temperature', 'hot']), 2, '--temperature must be a number >= 0 and <= 100, got "hot"');
    expectOneLineError(await cli(['fit']), 2, `unknown command "fit": use 'recur train' or 'recur sample' (see 'recur --help')`);
    expectOneLineError(await cli([]), 2, "missing command: use 'recur train' or 'recur sample' (see 'recur --help')");
    expect(await exists(out)).toBe(false);
  });

  it('missing, empty and blank data files: exit 1, one line, nothing created', async () => {
    const root = await tempDir();
    const out = join(root, 'never');
    const missing = join(root, 'missing.txt');
    expectOneLineError(await cli(['train', '--out', out, '--data', missing]), 1, `--data ${missing}: cannot read it (no such file)`);
    const empty = await writeText(root, 'empty.txt', '');
    expectOneLineError(await cli(['train', '--out', out, '--data', empty]), 1, `--data ${empty}: the file has no non-blank lines to train on`);
    const blank = await writeText(root, 'blank.txt', '\n\n   \n');
    expectOneLineError(await cli(['train', '--out', out, '--data', blank]), 1, `--data ${blank}: the file has no non-blank lines to train on`);
    expectOneLineError(await cli(['train', '--out', out, '--data', root]), 1, `--data ${root}: is a directory, not a regular file`);
    expect(await exists(out)).toBe(false);
  });

  it('an existing run is not replaced without --overwrite', async () => {
    const root = await tempDir();
    const dir = await trainedRun(root);
    const before = await snapshot(dir);
    expectOneLineError(await cli(['train', '--out', dir, ...TINY, '--steps', '2']), 1,
      `--out ${dir}: already holds a run (${join(dir, 'checkpoint.safetensors')}); continue it with --resume ${dir}, replace it with --overwrite, or pick another --out`);
    expect(await snapshot(dir)).toEqual(before);
    const file = await writeText(root, 'plain-file', 'x');
    expectOneLineError(await cli(['train', '--out', file, ...TINY]), 1, `--out ${file}: exists and is not a directory`);
    const replaced = await cli(['train', '--out', dir, ...TINY, '--steps', '2', '--overwrite', '--backend', 'ts']);
    expect(replaced.code).toBe(0);
    expect(await snapshot(dir)).not.toEqual(before);
  });

  it('a corrupt checkpoint: --resume and sample fail with one line and change nothing', async () => {
    const root = await tempDir();
    const dir = await trainedRun(root);
    const ckpt = join(dir, 'checkpoint.safetensors');
    const good = await readFile(ckpt);
    const damaged = Buffer.from(good);
    damaged[damaged.length - 100] ^= 0x01;
    await writeFile(ckpt, damaged);
    const before = await snapshot(dir);
    const msg = `${ckpt} is corrupt: its SHA-256 does not match its contents (the file was damaged or edited)`;
    expectOneLineError(await cli(['train', '--resume', dir, '--steps', '5']), 1, `--resume ${dir}: ${msg}`);
    expectOneLineError(await cli(['sample', '--from', dir]), 1, `--from ${dir}: ${msg}`);
    expect(await snapshot(dir)).toEqual(before);

    await writeFile(ckpt, good.subarray(0, 1000));
    expectOneLineError(await cli(['train', '--resume', dir, '--steps', '5']), 1, new RegExp(`^recur: --resume ${dir}: ${ckpt} is corrupt: safetensors: `));
    await writeFile(ckpt, '');
    expectOneLineError(await cli(['sample', '--from', dir]), 1, new RegExp(`^recur: --from ${dir}: ${ckpt} is corrupt: safetensors: file is 0 bytes`));
    expect((await readFile(ckpt)).length).toBe(0);
  });

  it('no checkpoint, other data, too few --steps: clear errors, nothing written', async () => {
    const root = await tempDir();
    const nothing = join(root, 'nothing');
    expectOneLineError(await cli(['train', '--resume', nothing]), 1, `--resume ${nothing}: no checkpoint there (${join(nothing, 'checkpoint.safetensors')} does not exist)`);
    expectOneLineError(await cli(['sample', '--from', nothing]), 1, `--from ${nothing}: no checkpoint there (${join(nothing, 'checkpoint.safetensors')} does not exist)`);
    expect(await exists(nothing)).toBe(false);

    const dir = await trainedRun(root);
    const before = await snapshot(dir);
    const other = await writeText(root, 'other.txt', 'Ann\nBob\n');
    expectOneLineError(await cli(['train', '--resume', dir, '--data', other, '--steps', '6']), 1,
      new RegExp(`^recur: --data ${other}: these are not the lines the run in ${dir} was trained on \\(SHA-256 [0-9a-f]{12}\\.\\.\\. vs [0-9a-f]{12}\\.\\.\\.\\); a resumed run must see the same data\\n$`));
    expectOneLineError(await cli(['train', '--resume', dir, '--steps', '2']), 1, `--steps 2 is below the 3 steps the run in ${dir} has already done (--steps is the run's total)`);
    expectOneLineError(await cli(['sample', '--from', dir, '--prefix', 'Q!']), 1, `--prefix "Q!": "!" is not in the model's vocabulary (53 symbols seen in training)`);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('a run trained on a file whose data has since changed cannot resume', async () => {
    const root = await tempDir();
    const data = await writeText(root, 'words.txt', 'alpha\nbeta\ngamma\n');
    const dir = join(root, 'run');
    expect((await cli(['train', '--out', dir, '--data', data, ...TINY, '--steps', '2', '--backend', 'ts'])).code).toBe(0);
    await writeFile(data, 'alpha\nbeta\ndelta\n');
    const before = await snapshot(dir);
    expectOneLineError(await cli(['train', '--resume', dir, '--steps', '4']), 1, new RegExp(`^recur: ${data}: these are not the lines the run in ${dir} was trained on`));
    expect(await snapshot(dir)).toEqual(before);
  });
});
