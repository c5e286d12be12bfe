import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile, truncate, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { Tensor, encodeSafetensors, SafetensorsError } from '@recur/core';
import { readSafetensorsFile, atomicWriteFile, loadModel } from '../src/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recur-read-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sample(): Uint8Array {
  const w = new Tensor(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3]);
  const b = new Tensor(new Float64Array([0.5, -0.25]), [2]);
  return encodeSafetensors({ w, b }, { format: 'test' });
}

/** Reads must leave the directory exactly as it was. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of (await readdir(dir)).sort()) out[f] = Buffer.from(await readFile(join(dir, f))).toString('hex');
  return out;
}

describe('readSafetensorsFile', () => {
  it('reads back what atomicWriteFile wrote', async () => {
    const path = join(dir, 'ok.safetensors');
    await atomicWriteFile(path, sample());
    const file = await readSafetensorsFile(path);
    expect(file.metadata).toEqual({ format: 'test' });
    expect(Array.from(file.tensors.w.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(file.tensors.w.shape).toEqual([2, 3]);
    expect(file.tensors.b.dtype).toBe('float64');
  });

  it('rejects an oversized file from its size alone, naming the size and the limit', async () => {
    const path = join(dir, 'big.safetensors');
    await writeFile(path, sample());
    // A sparse 3 GB file: reading it would exhaust memory, the size check must come first.
    await truncate(path, 3_000_000_000);
    const err = await readSafetensorsFile(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SafetensorsError);
    expect(err).toBeInstanceOf(RangeError);
    expect((err as Error).message).toMatch(/3000000000 bytes, over the limit of 1073741824 bytes/);
    expect((await stat(path)).size).toBe(3_000_000_000);
  });

  it('honours a smaller maxBytes', async () => {
    const path = join(dir, 'ok.safetensors');
    const bytes = sample();
    await writeFile(path, bytes);
    await expect(readSafetensorsFile(path, { maxBytes: bytes.length - 1 })).rejects.toThrow(/over the limit/);
    await expect(readSafetensorsFile(path, { maxBytes: bytes.length })).resolves.toBeDefined();
    await expect(readSafetensorsFile(path, { maxBytes: -1 })).rejects.toThrow(RangeError);
  });

  it('rejects truncated files at every length, with the file name in the message, changing nothing', async () => {
    const full = sample();
    const path = join(dir, 'cut.safetensors');
    for (let n = 0; n < full.length; n++) {
      await writeFile(path, full.subarray(0, n));
      const before = await snapshot();
      const err = await readSafetensorsFile(path).catch((e: unknown) => e);
      expect(err, `length ${n}`).toBeInstanceOf(SafetensorsError);
      expect((err as Error).message).toContain(path);
      expect(await snapshot()).toEqual(before);
    }
  });

  it('rejects malicious headers: huge header length, overlapping offsets, offsets past the end', async () => {
    const path = join(dir, 'evil.safetensors');
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setBigUint64(0, 0xffff_ffff_ffffn, true);
    await writeFile(path, huge);
    await expect(readSafetensorsFile(path)).rejects.toThrow(/exceeds the limit/);

    const evil = (header: object, dataBytes: number): Uint8Array => {
      const json = new TextEncoder().encode(JSON.stringify(header));
      const out = new Uint8Array(8 + json.length + dataBytes);
      new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
      out.set(json, 8);
      return out;
    };
    await writeFile(path, evil({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } }, 12));
    await expect(readSafetensorsFile(path)).rejects.toThrow(/overlaps/);
    await writeFile(path, evil({ a: { dtype: 'F32', shape: [1_000_000], data_offsets: [0, 4_000_000] } }, 16));
    await expect(readSafetensorsFile(path)).rejects.toThrow(/truncated/);
    await writeFile(path, evil({ a: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, 8));
    await expect(readSafetensorsFile(path)).rejects.toThrow(/dtype I64/);
  });

  it('rejects a directory and a missing file', async () => {
    await expect(readSafetensorsFile(dir)).rejects.toThrow(`safetensors: ${dir} is a directory, not a regular file`);
    await expect(readSafetensorsFile(join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
  });

  // Opening a FIFO for reading blocks until a writer comes, and /dev/zero never ends: both
  // must be refused at once (the test would time out on a hang).
  it.skipIf(process.platform === 'win32')('refuses a FIFO, a character device and symlinks to them without blocking', async () => {
    const fifo = join(dir, 'pipe.safetensors');
    execFileSync('mkfifo', [fifo]);
    const toFifo = join(dir, 'link.safetensors');
    await symlink(fifo, toFifo);
    const toZero = join(dir, 'zero.safetensors');
    await symlink('/dev/zero', toZero);
    for (const [path, kind] of [[fifo, 'a FIFO (named pipe)'], [toFifo, 'a FIFO (named pipe)'], ['/dev/zero', 'a character device'], [toZero, 'a character device']]) {
      const err = await readSafetensorsFile(path).catch((e: unknown) => e);
      expect(err, path).toBeInstanceOf(SafetensorsError);
      expect((err as Error).message).toBe(`safetensors: ${path} is ${kind}, not a regular file`);
      await expect(loadModel(path)).rejects.toThrow(`safetensors: ${path} is ${kind}, not a regular file`);
    }
    expect((await stat(fifo)).isFIFO()).toBe(true);
  }, 10_000);
});
