import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir, chmod, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { atomicWriteFile, TEMP_PREFIX } from '../src/index.js';
import { atomicWriteFileWith, nodeOps } from '../src/atomic-write.js';
import type { AtomicWriteOps } from '../src/atomic-write.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recur-atomic-'));
});
afterEach(async () => {
  await chmod(dir, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const OLD = new TextEncoder().encode('the previous checkpoint');
const NEW = new Uint8Array(300_000).map((_, i) => (i * 31) & 0xff);

async function expectOldIntact(target: string): Promise<void> {
  expect(new Uint8Array(await readFile(target))).toEqual(OLD);
  expect((await readdir(dir)).filter((f) => f.startsWith(TEMP_PREFIX))).toEqual([]);
}

describe('atomicWriteFile', () => {
  it('creates a new file and replaces an existing one, leaving no temp files', async () => {
    const target = join(dir, 'model.safetensors');
    await atomicWriteFile(target, OLD);
    expect(new Uint8Array(await readFile(target))).toEqual(OLD);
    await atomicWriteFile(target, NEW);
    expect(new Uint8Array(await readFile(target))).toEqual(NEW);
    expect(await readdir(dir)).toEqual(['model.safetensors']);
  });

  it.skipIf(process.platform === 'win32')('keeps the permissions of the file it replaces', async () => {
    const target = join(dir, 'private.safetensors');
    await writeFile(target, OLD);
    await chmod(target, 0o600);
    await atomicWriteFile(target, NEW);
    expect((await stat(target)).mode & 0o777).toBe(0o600);
  });

  it('writes an empty file', async () => {
    const target = join(dir, 'empty');
    await atomicWriteFile(target, new Uint8Array(0));
    expect((await readFile(target)).length).toBe(0);
  });

  it('a write that fails half-way leaves the previous file intact and removes the temp file', async () => {
    const target = join(dir, 'model.safetensors');
    await writeFile(target, OLD);
    let calls = 0;
    // Real partial write to the temp file, then the error a full disk gives.
    const failing: AtomicWriteOps = {
      ...nodeOps,
      write: async (handle, bytes, position) => {
        if (calls++ === 0) return nodeOps.write(handle, bytes.subarray(0, bytes.length >> 1), position);
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    };
    await expect(atomicWriteFileWith(failing, target, NEW)).rejects.toThrow(/ENOSPC/);
    expect(calls).toBe(2);
    await expectOldIntact(target);
  });

  it('a failed rename leaves the previous file intact and removes the temp file', async () => {
    const target = join(dir, 'model.safetensors');
    await writeFile(target, OLD);
    const failing: AtomicWriteOps = {
      ...nodeOps,
      rename: async () => {
        throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
      },
    };
    await expect(atomicWriteFileWith(failing, target, NEW)).rejects.toThrow(/EXDEV/);
    await expectOldIntact(target);
  });

  it('a target that is a directory (empty or not) is refused by name before any temp file, and stays as it was', async () => {
    for (const fill of [true, false]) {
      const target = join(dir, fill ? 'checkpoints' : 'empty');
      await mkdir(target);
      if (fill) await writeFile(join(target, 'keep'), OLD);
      const err = (await atomicWriteFile(target, NEW).catch((e: unknown) => e)) as NodeJS.ErrnoException;
      expect(err.message).toBe(`${target} is a directory, not a file: refusing to replace it (nothing was written)`);
      expect(err.code).toBe('EISDIR');
      expect((await stat(target)).isDirectory()).toBe(true);
      expect(await readdir(target)).toEqual(fill ? ['keep'] : []);
    }
    expect((await readdir(dir)).sort()).toEqual(['checkpoints', 'empty']);
    expect(new Uint8Array(await readFile(join(dir, 'checkpoints', 'keep')))).toEqual(OLD);
  });

  it.skipIf(process.platform === 'win32')('a target that is a FIFO is refused, not replaced', async () => {
    const target = join(dir, 'pipe');
    execFileSync('mkfifo', [target]);
    await expect(atomicWriteFile(target, NEW)).rejects.toThrow(`${target} is a FIFO (named pipe), not a file: refusing to replace it (nothing was written)`);
    expect((await stat(target)).isFIFO()).toBe(true);
    expect(await readdir(dir)).toEqual(['pipe']);
  });

  it('a missing directory fails with ENOENT and creates nothing', async () => {
    await expect(atomicWriteFile(join(dir, 'no', 'such', 'model'), NEW)).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('a read-only directory fails with EACCES and leaves the previous file intact', async () => {
    const target = join(dir, 'model.safetensors');
    await writeFile(target, OLD);
    await chmod(dir, 0o555);
    await expect(atomicWriteFile(target, NEW)).rejects.toThrow(/EACCES/);
    await chmod(dir, 0o755);
    await expectOldIntact(target);
  });

  it('rejects bad arguments with a TypeError before touching the disk', async () => {
    const target = join(dir, 'model');
    await expect(atomicWriteFile(target, [1, 2, 3] as unknown as Uint8Array)).rejects.toThrow(TypeError);
    await expect(atomicWriteFile('', NEW)).rejects.toThrow(/path/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('concurrent writers to one target each succeed and the result is one complete payload', async () => {
    const target = join(dir, 'model');
    const payloads = [1, 2, 3, 4].map((k) => new Uint8Array(100_000).fill(k));
    await Promise.all(payloads.map((p) => atomicWriteFile(target, p)));
    const got = new Uint8Array(await readFile(target));
    expect(got.length).toBe(100_000);
    expect(got.every((b) => b === got[0])).toBe(true);
    expect(await readdir(dir)).toEqual(['model']);
  });
});
