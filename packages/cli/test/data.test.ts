import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../src/cli-error.js';
import { BatchOrder } from '../src/data/batch-order.js';
import { bundledNamesPath } from '../src/data/bundled-names.js';
import { deriveSeed } from '../src/data/derive-seed.js';
import { linesDigest, loadLines, splitLines } from '../src/data/load-lines.js';
import { makeBatch } from '../src/data/make-batch.js';
import { BOUNDARY, Vocab } from '../src/data/vocab.js';
import { tempDir, writeText } from './helpers.js';

async function loadError(path: string): Promise<string> {
  const err = await loadLines(path).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(CliError);
  expect((err as Error).message).not.toContain('\n');
  return (err as Error).message;
}

describe('loading lines', () => {
  it('one example per line: CRLF ends, blank and whitespace-only lines dropped, the rest verbatim', () => {
    expect(splitLines('Ann\r\n\r\n  \nBo b \n\tCy\n')).toEqual(['Ann', 'Bo b ', '\tCy']);
    expect(splitLines('')).toEqual([]);
  });

  it('reads UTF-8 (BOM dropped) and fingerprints the kept lines', async () => {
    const dir = await tempDir();
    const p = await writeText(dir, 'a.txt', '\uFEFFZoë\r\n\nJosé\n');
    const d = await loadLines(p);
    expect(d.lines).toEqual(['Zoë', 'José']);
    expect(d.sha256).toBe(linesDigest(['Zoë', 'José']));
    expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Same lines, different blank lines and line ends: same data.
    const q = await writeText(dir, 'b.txt', 'Zoë\n\n\nJosé');
    expect((await loadLines(q)).sha256).toBe(d.sha256);
  });

  it('missing, directory, empty, blank-only and non-UTF-8 files are one-line errors naming the file', async () => {
    const dir = await tempDir();
    expect(await loadError(join(dir, 'nope.txt'))).toBe(`--data ${join(dir, 'nope.txt')}: cannot read it (no such file)`);
    await mkdir(join(dir, 'sub'));
    expect(await loadError(join(dir, 'sub'))).toBe(`--data ${join(dir, 'sub')}: is a directory, not a regular file`);
    expect(await loadError(await writeText(dir, 'empty.txt', ''))).toMatch(/empty\.txt: the file has no non-blank lines to train on$/);
    expect(await loadError(await writeText(dir, 'blank.txt', '\n \r\n\t\n'))).toMatch(/blank\.txt: the file has no non-blank lines to train on$/);
    const bin = join(dir, 'bin.txt');
    await writeFile(bin, Uint8Array.from([0x41, 0xff, 0xfe, 0x0a]));
    expect(await loadError(bin)).toBe(`--data ${bin}: is not UTF-8 text`);
  });

  it('the bundled names list ships with the package', async () => {
    const d = await loadLines(bundledNamesPath());
    expect(d.lines.length).toBe(8422);
    expect(d.lines).toContain('Mary');
    expect(d.lines.every((l) => /^[A-Za-z-]+$/.test(l))).toBe(true);
  });
});

describe('Vocab', () => {
  it('ids from 1 in code-point order, 0 is the line boundary', () => {
    const v = Vocab.fromLines(['ba', 'cab', 'é']);
    expect(v.symbols).toEqual(['a', 'b', 'c', 'é']);
    expect(v.size).toBe(5);
    expect(Array.from(v.encode('cab', 'x'))).toEqual([3, 1, 2]);
    expect(v.decode([BOUNDARY, 3, 1, 2, BOUNDARY])).toBe('cab');
  });

  it('astral symbols are one symbol each', () => {
    const v = Vocab.fromLines(['a😀b']);
    expect(v.symbols).toEqual(['a', 'b', '😀']);
    expect(Array.from(v.encode('😀a', 'x'))).toEqual([3, 1]);
  });

  it('an unknown symbol is a one-line error naming the text and the symbol', () => {
    const v = Vocab.fromLines(['ab']);
    expect(() => v.encode('abz', '--prefix "abz"')).toThrow(new CliError('--prefix "abz": "z" is not in the model\'s vocabulary (2 symbols seen in training)'));
  });
});

describe('makeBatch', () => {
  it('time-major inputs <b> x1..xn and targets x1..xn <b>, padded, cut to seqLen (hand-computed)', () => {
    // Lines: "ab" = [1, 2], "c" = [3], "abcab" = [1, 2, 3, 1, 2].
    const encoded = [Int32Array.of(1, 2), Int32Array.of(3), Int32Array.of(1, 2, 3, 1, 2)];
    const b = makeBatch(encoded, [0, 1], 10);
    expect([b.T, b.B]).toEqual([3, 2]);
    expect(Array.from(b.lengths as Int32Array)).toEqual([3, 2]);
    // t=0: <b> <b>; t=1: a c; t=2: b pad
    expect(Array.from(b.inputs)).toEqual([0, 0, 1, 3, 2, 0]);
    expect(Array.from(b.targets)).toEqual([1, 3, 2, 0, 0, 0]);
    const cut = makeBatch(encoded, [2, 0], 4);
    expect([cut.T, cut.B]).toEqual([4, 2]);
    expect(Array.from(cut.lengths as Int32Array)).toEqual([4, 3]);
    expect(Array.from(cut.inputs)).toEqual([0, 0, 1, 1, 2, 2, 3, 0]);
    expect(Array.from(cut.targets)).toEqual([1, 1, 2, 2, 3, 0, 1, 0]);
  });
});

describe('BatchOrder', () => {
  it('visits every line once per epoch, in a new order each epoch', () => {
    const order = new BatchOrder(5, 10, 4);
    const seen = [0, 1, 2, 3, 4].flatMap((s) => order.indices(s)); // 20 positions = 2 epochs
    const e0 = seen.slice(0, 10);
    const e1 = seen.slice(10, 20);
    expect([...e0].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...e1].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(e0).not.toEqual(e1);
  });

  it('is a pure function of (seed, lines, batch, step): a fresh instance agrees at any step', () => {
    const a = new BatchOrder(7, 13, 5);
    const steps = Array.from({ length: 40 }, (_, s) => a.indices(s));
    for (const s of [39, 0, 17, 3, 25]) expect(new BatchOrder(7, 13, 5).indices(s)).toEqual(steps[s]);
    expect(new BatchOrder(8, 13, 5).indices(0)).not.toEqual(steps[0]);
  });

  it('batches larger than the data wrap through several epochs', () => {
    const idx = new BatchOrder(1, 3, 7).indices(0);
    expect(idx).toHaveLength(7);
    expect([...idx.slice(0, 3)].sort()).toEqual([0, 1, 2]);
    expect([...idx.slice(3, 6)].sort()).toEqual([0, 1, 2]);
  });

  it('derived seeds differ across seeds, streams and indices (also beyond 2**32)', () => {
    const seeds = new Set<number>();
    for (let s = 0; s < 4; s++) for (let stream = 1; stream <= 2; stream++) for (const i of [0, 1, 2, 2 ** 32, 2 ** 32 + 1]) seeds.add(deriveSeed(s, stream, i));
    expect(seeds.size).toBe(4 * 2 * 5);
    for (const v of seeds) expect(Number.isInteger(v) && v >= 0 && v <= 0xffffffff).toBe(true);
  });
});
