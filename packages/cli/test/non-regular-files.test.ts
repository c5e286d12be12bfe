/**
 * Files that are not regular files: opening a FIFO for reading waits for a writer forever,
 * /dev/zero never ends, and a huge file would be read whole. Every file the CLI reads (--data,
 * the checkpoint of --from and --resume, also behind a symlink) is refused at once with one
 * line naming it, and nothing on disk changes. A hang fails these tests by their timeout.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile, rename, stat, symlink, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_DATA_BYTES } from '../src/data/load-lines.js';
import { cli, tempDir, TINY, writeText, type CliRun } from './helpers.js';

function expectRefused(r: CliRun, message: string): void {
  expect(r.stderr).toBe(`recur: ${message}\n`);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
}

async function listing(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe.skipIf(process.platform === 'win32')('non-regular and oversized files', () => {
  it('--data a FIFO, /dev/zero, or a symlink to either: refused without reading, nothing created', async () => {
    const root = await tempDir();
    const fifo = join(root, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    const toFifo = join(root, 'to-pipe.txt');
    await symlink(fifo, toFifo);
    const toZero = join(root, 'to-zero.txt');
    await symlink('/dev/zero', toZero);
    const out = join(root, 'run');
    const kinds: [string, string][] = [[fifo, 'a FIFO (named pipe)'], [toFifo, 'a FIFO (named pipe)'], ['/dev/zero', 'a character device'], [toZero, 'a character device']];
    for (const [path, kind] of kinds) {
      expectRefused(await cli(['train', '--out', out, '--data', path, ...TINY, '--backend', 'ts']), `--data ${path}: is ${kind}, not a regular file`);
    }
    expect(await listing(root)).toEqual(['pipe.txt', 'to-pipe.txt', 'to-zero.txt']);
  }, 20_000);

  it('--data over the size limit is refused from its size alone', async () => {
    const root = await tempDir();
    const big = await writeText(root, 'big.txt', 'Ann\nBob\n');
    await truncate(big, MAX_DATA_BYTES + 1);
    expectRefused(await cli(['train', '--out', join(root, 'run'), '--data', big, ...TINY]),
      `--data ${big}: is ${MAX_DATA_BYTES + 1} bytes, over the limit of ${MAX_DATA_BYTES} bytes for training data (256 MiB)`);
    expect(await listing(root)).toEqual(['big.txt']);
    expect((await stat(big)).size).toBe(MAX_DATA_BYTES + 1);
  });

  it('a checkpoint that is a FIFO or a link to /dev/zero: --from and --resume refuse it, nothing changes', async () => {
    const root = await tempDir();
    const dir = join(root, 'run');
    expect((await cli(['train', '--out', dir, ...TINY, '--steps', '2', '--backend', 'ts'])).code).toBe(0);
    const ckpt = join(dir, 'checkpoint.safetensors');
    await rename(ckpt, join(root, 'saved.safetensors'));
    const csv = await readFile(join(dir, 'loss.csv'));
    for (const [make, kind] of [[() => execFileSync('mkfifo', [ckpt]), 'a FIFO (named pipe)'], [() => symlink('/dev/zero', ckpt), 'a character device']] as const) {
      await make();
      const what = `${ckpt}: it is ${kind}, not a regular file`;
      expectRefused(await cli(['sample', '--from', dir, '--backend', 'ts']), `--from ${dir}: cannot read ${what}`);
      expectRefused(await cli(['train', '--resume', dir, '--steps', '4', '--backend', 'ts']), `--resume ${dir}: cannot read ${what}`);
      expect(await listing(dir)).toEqual(['checkpoint.safetensors', 'loss.csv', 'loss.svg']);
      expect(await readFile(join(dir, 'loss.csv'))).toEqual(csv);
      execFileSync('rm', [ckpt]);
    }
  }, 30_000);
});
