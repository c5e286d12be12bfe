/**
 * Atomic file replacement: readers of `path` see either the old file or the complete new
 * one, never a prefix, even if the process dies mid-write or the machine loses power.
 *
 * The bytes go to a fresh temp file in the target's directory (rename is only atomic within
 * one file system), are fsync'ed, the temp file is renamed over the target, and the directory
 * is fsync'ed so the rename itself is durable. On any error the temp file is removed and the
 * target is left as it was.
 */
import { open, rename, stat, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileKind } from './file-kind.js';

/** The file-system calls atomicWriteFile makes; tests pass a variant that fails at a chosen step. */
export interface AtomicWriteOps {
  open(path: string, flags: string, mode?: number): Promise<FileHandle>;
  write(handle: FileHandle, bytes: Uint8Array, position: number): Promise<number>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

export const nodeOps: AtomicWriteOps = {
  open: (path, flags, mode) => open(path, flags, mode),
  write: async (handle, bytes, position) => (await handle.write(bytes, 0, bytes.length, position)).bytesWritten,
  rename,
  unlink,
};

/** Prefix of every temp file atomicWriteFile creates, so leftovers of a killed process are recognisable. */
export const TEMP_PREFIX = '.recur-tmp-';

/** Writes `bytes` to `path` atomically (temp file + fsync + rename + directory fsync). */
export async function atomicWriteFile(path: string, bytes: Uint8Array): Promise<void> {
  return atomicWriteFileWith(nodeOps, path, bytes);
}

/** atomicWriteFile over explicit file-system calls (for fault-injection tests). */
export async function atomicWriteFileWith(ops: AtomicWriteOps, path: string, bytes: Uint8Array): Promise<void> {
  if (typeof path !== 'string' || path.length === 0) throw new TypeError(`atomicWriteFile: path must be a non-empty string, got ${String(path)}`);
  if (!(bytes instanceof Uint8Array)) throw new TypeError('atomicWriteFile: bytes must be a Uint8Array');
  const dir = dirname(path);
  const tmp = join(dir, `${TEMP_PREFIX}${basename(path)}-${process.pid}-${randomBytes(6).toString('hex')}`);
  let handle: FileHandle | undefined;
  let created = false;
  try {
    // A replaced file keeps its permissions (a private checkpoint stays private).
    const previousMode = await existingMode(path);
    // 'wx': fail rather than follow or clobber anything already at the temp name.
    handle = await ops.open(tmp, 'wx', 0o666);
    created = true;
    if (previousMode !== null && process.platform !== 'win32') await handle.chmod(previousMode);
    let written = 0;
    while (written < bytes.length) {
      const n = await ops.write(handle, bytes.subarray(written), written);
      if (n <= 0) throw new Error(`atomicWriteFile: write to ${tmp} made no progress at byte ${written} of ${bytes.length}`);
      written += n;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await ops.rename(tmp, path);
    created = false;
  } catch (err) {
    if (handle !== undefined) await handle.close().catch(() => undefined);
    if (created) await ops.unlink(tmp).catch(() => undefined);
    throw err;
  }
  await syncDirectory(dir);
}

/**
 * Permission bits of the regular file at `path`, or null when there is none. Anything else
 * there (a directory, a FIFO, a device) is refused: rename would fail on a directory with a
 * bare EISDIR, or silently replace a FIFO or device node with a file.
 */
async function existingMode(path: string): Promise<number | null> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (!info.isFile()) {
    const err: NodeJS.ErrnoException = new Error(`${path} is ${fileKind(info)}, not a file: refusing to replace it (nothing was written)`);
    err.code = info.isDirectory() ? 'EISDIR' : 'EINVAL';
    err.path = path;
    throw err;
  }
  return info.mode & 0o7777;
}

/** Makes a rename in `dir` durable. Windows cannot open directories; there the rename is already committed by NTFS. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
